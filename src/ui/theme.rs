//! Styles. The coloured theme uses the 16 ANSI colours, which terminals map
//! to readable shades on dark and light backgrounds alike; the monochrome
//! theme (NO_COLOR, TERM=dumb) relies on reverse video, bold and underline,
//! so selection and matches stay visible without colour.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub muted: Style,
    pub heading: Style,
    pub label: Style,
    pub link: Style,
    pub contact: Style,
    /// Characters that match the search.
    pub matched: Style,
    /// The selected row of the list or card.
    pub selected: Style,
    pub tab_active: Style,
    pub tab: Style,
    pub border: Style,
    pub border_focused: Style,
    pub status: Style,
    pub status_error: Style,
    pub prompt: Style,
}

impl Theme {
    pub fn colored() -> Self {
        Self {
            text: Style::new(),
            muted: Style::new().fg(Color::DarkGray),
            heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            label: Style::new().fg(Color::Blue),
            link: Style::new().fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            contact: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            matched: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: Style::new().fg(Color::White).bg(Color::Blue).add_modifier(Modifier::BOLD),
            tab_active: Style::new().fg(Color::Black).bg(Color::Cyan).add_modifier(Modifier::BOLD),
            tab: Style::new(),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan),
            status: Style::new().add_modifier(Modifier::REVERSED),
            status_error: Style::new().fg(Color::White).bg(Color::Red).add_modifier(Modifier::BOLD),
            prompt: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        }
    }

    pub fn mono() -> Self {
        Self {
            text: Style::new(),
            muted: Style::new().add_modifier(Modifier::DIM),
            heading: Style::new().add_modifier(Modifier::BOLD),
            label: Style::new(),
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            contact: Style::new().add_modifier(Modifier::BOLD),
            matched: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            tab_active: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            tab: Style::new(),
            border: Style::new(),
            border_focused: Style::new().add_modifier(Modifier::BOLD),
            status: Style::new().add_modifier(Modifier::REVERSED),
            status_error: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            prompt: Style::new().add_modifier(Modifier::BOLD),
        }
    }

    /// Colour unless `NO_COLOR` is set (to anything non-empty) or the
    /// terminal is dumb.
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        if no_color || dumb { Self::mono() } else { Self::colored() }
    }
}
