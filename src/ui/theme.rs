//! Styles. The coloured theme uses the 16 ANSI colours, which terminals map
//! to readable shades on dark and light backgrounds alike; the monochrome
//! theme (NO_COLOR, TERM=dumb) relies on reverse video, bold and underline,
//! so selection and matches stay visible without colour.

use ratatui::style::{Color, Modifier, Style};

use crate::config::{ColorSetting, ThemeSetting};

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
    /// The list's selected row while another pane has the keys: dimmer,
    /// so that where the keys go is never in doubt.
    pub selected_unfocused: Style,
    pub tab_active: Style,
    pub tab: Style,
    pub border: Style,
    pub border_focused: Style,
    pub status: Style,
    pub status_error: Style,
    pub prompt: Style,
    /// The map: a voivodeship's background by its shade step (0 = none,
    /// 1..=4 = quartiles of the largest count), steps of one hue.
    pub map_shades: [Option<Color>; 5],
    pub map_border: Style,
    /// The selected voivodeship's outline.
    pub map_selected: Style,
    /// The selected voivodeship's background: another hue than the shades.
    pub map_selected_fill: Option<Color>,
    /// A voivodeship's letters and count.
    pub map_label: Style,
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
            // #4e4e4e: white on it reads at 8:1 (on DarkGray, #7f7f7f in
            // xterm's palette, only 4:1).
            selected_unfocused: Style::new().fg(Color::White).bg(Color::Indexed(239)),
            tab_active: Style::new().fg(Color::Black).bg(Color::Cyan).add_modifier(Modifier::BOLD),
            tab: Style::new(),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan),
            status: Style::new().add_modifier(Modifier::REVERSED),
            status_error: Style::new().fg(Color::White).bg(Color::Red).add_modifier(Modifier::BOLD),
            prompt: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            // Blues of the 256-colour cube, far enough apart to tell, and
            // dark enough that white letters stay readable on every step
            // (5:1 on the lightest, #005fff).
            map_shades: [
                None,
                Some(Color::Indexed(17)),
                Some(Color::Indexed(18)),
                Some(Color::Indexed(20)),
                Some(Color::Indexed(27)),
            ],
            map_border: Style::new().fg(Color::Gray),
            map_selected: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            // Dark orange (#875f00): white on it is 5.7:1.
            map_selected_fill: Some(Color::Indexed(94)),
            map_label: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
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
            selected_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
            tab_active: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            tab: Style::new(),
            border: Style::new(),
            border_focused: Style::new().add_modifier(Modifier::BOLD),
            status: Style::new().add_modifier(Modifier::REVERSED),
            status_error: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            prompt: Style::new().add_modifier(Modifier::BOLD),
            // Without colour the counts carry the shading.
            map_shades: [None; 5],
            map_border: Style::new(),
            map_selected: Style::new().add_modifier(Modifier::BOLD),
            map_selected_fill: None,
            map_label: Style::new().add_modifier(Modifier::BOLD),
        }
    }

    /// The 256-colour theme: softer greys and a blue selection bar.
    pub fn ansi256() -> Self {
        Self {
            muted: Style::new().fg(Color::Indexed(244)),
            heading: Style::new().fg(Color::Indexed(38)).add_modifier(Modifier::BOLD),
            label: Style::new().fg(Color::Indexed(67)),
            link: Style::new().fg(Color::Indexed(33)).add_modifier(Modifier::UNDERLINED),
            contact: Style::new().fg(Color::Indexed(35)).add_modifier(Modifier::BOLD),
            matched: Style::new().fg(Color::Indexed(170)).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: Style::new().fg(Color::Indexed(231)).bg(Color::Indexed(25)).add_modifier(Modifier::BOLD),
            selected_unfocused: Style::new().fg(Color::Indexed(231)).bg(Color::Indexed(239)),
            tab_active: Style::new().fg(Color::Indexed(16)).bg(Color::Indexed(38)).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::Indexed(240)),
            border_focused: Style::new().fg(Color::Indexed(38)),
            ..Self::colored()
        }
    }

    /// The true-colour theme.
    pub fn truecolor() -> Self {
        Self {
            muted: Style::new().fg(Color::Rgb(128, 128, 128)),
            heading: Style::new().fg(Color::Rgb(0, 150, 190)).add_modifier(Modifier::BOLD),
            label: Style::new().fg(Color::Rgb(90, 120, 170)),
            link: Style::new().fg(Color::Rgb(40, 110, 220)).add_modifier(Modifier::UNDERLINED),
            contact: Style::new().fg(Color::Rgb(30, 150, 80)).add_modifier(Modifier::BOLD),
            matched: Style::new().fg(Color::Rgb(200, 50, 160)).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: Style::new()
                .fg(Color::Rgb(255, 255, 255))
                .bg(Color::Rgb(30, 80, 160))
                .add_modifier(Modifier::BOLD),
            selected_unfocused: Style::new().fg(Color::Rgb(255, 255, 255)).bg(Color::Rgb(70, 70, 80)),
            tab_active: Style::new().fg(Color::Rgb(0, 0, 0)).bg(Color::Rgb(0, 170, 210)).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::Rgb(110, 110, 110)),
            border_focused: Style::new().fg(Color::Rgb(0, 170, 210)),
            map_shades: [
                None,
                Some(Color::Rgb(20, 35, 80)),
                Some(Color::Rgb(25, 50, 120)),
                Some(Color::Rgb(30, 70, 160)),
                Some(Color::Rgb(40, 90, 200)),
            ],
            map_selected_fill: Some(Color::Rgb(140, 90, 0)),
            ..Self::colored()
        }
    }

    /// Picks the theme: `--color`/config `color` first, then `NO_COLOR`
    /// (set to anything non-empty) and `TERM=dumb` turn colour off under
    /// "auto"; with colour on, the configured theme.
    pub fn select(theme: ThemeSetting, color: ColorSetting, no_color: bool, term: Option<&str>) -> Self {
        let colour = match color {
            ColorSetting::Always => true,
            ColorSetting::Never => false,
            ColorSetting::Auto => !no_color && term != Some("dumb"),
        };
        match (colour, theme) {
            (false, _) | (true, ThemeSetting::Mono) => Self::mono(),
            (true, ThemeSetting::Default) => Self::colored(),
            (true, ThemeSetting::Ansi256) => Self::ansi256(),
            (true, ThemeSetting::Truecolor) => Self::truecolor(),
        }
    }

    /// [`Theme::select`] for the environment of a session.
    pub fn from_env(theme: ThemeSetting, color: ColorSetting, env: &crate::config::Env) -> Self {
        Self::select(theme, color, env.no_color, env.term.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A colour as xterm shows it by default (the 16 ANSI colours, the
    /// 6×6×6 cube, the grey ramp): the reference palette contrast is
    /// measured against.
    fn rgb(c: Color) -> Option<(u8, u8, u8)> {
        const ANSI: [(u8, u8, u8); 16] = [
            (0, 0, 0),
            (205, 0, 0),
            (0, 205, 0),
            (205, 205, 0),
            (0, 0, 238),
            (205, 0, 205),
            (0, 205, 205),
            (229, 229, 229),
            (127, 127, 127),
            (255, 0, 0),
            (0, 255, 0),
            (255, 255, 0),
            (92, 92, 255),
            (255, 0, 255),
            (0, 255, 255),
            (255, 255, 255),
        ];
        let cube = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
        Some(match c {
            Color::Rgb(r, g, b) => (r, g, b),
            Color::Indexed(i @ 0..16) => ANSI[usize::from(i)],
            Color::Indexed(i @ 16..232) => {
                let i = i - 16;
                (cube(i / 36), cube(i / 6 % 6), cube(i % 6))
            }
            Color::Indexed(i) => {
                let v = 8 + (i - 232) * 10;
                (v, v, v)
            }
            Color::Black => ANSI[0],
            Color::Red => ANSI[1],
            Color::Green => ANSI[2],
            Color::Yellow => ANSI[3],
            Color::Blue => ANSI[4],
            Color::Magenta => ANSI[5],
            Color::Cyan => ANSI[6],
            Color::Gray => ANSI[7],
            Color::DarkGray => ANSI[8],
            Color::LightRed => ANSI[9],
            Color::LightGreen => ANSI[10],
            Color::LightYellow => ANSI[11],
            Color::LightBlue => ANSI[12],
            Color::LightMagenta => ANSI[13],
            Color::LightCyan => ANSI[14],
            Color::White => ANSI[15],
            Color::Reset => return None,
        })
    }

    /// WCAG 2 contrast ratio.
    fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
        let lum = |(r, g, b): (u8, u8, u8)| {
            let ch = |v: u8| {
                let v = f64::from(v) / 255.0;
                if v <= 0.039_28 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
            };
            0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)
        };
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn every_coloured_pair_reads_at_wcag_aa() {
        for (name, t) in
            [("default", Theme::colored()), ("ansi256", Theme::ansi256()), ("truecolor", Theme::truecolor())]
        {
            let mut pairs: Vec<(String, Style)> = vec![
                ("selected".into(), t.selected),
                ("selected_unfocused".into(), t.selected_unfocused),
                ("tab_active".into(), t.tab_active),
                ("status_error".into(), t.status_error),
            ];
            for (step, shade) in t.map_shades.iter().enumerate() {
                if let Some(bg) = shade {
                    pairs.push((format!("map label on shade {step}"), t.map_label.bg(*bg)));
                }
            }
            if let Some(bg) = t.map_selected_fill {
                pairs.push(("map label on the selected fill".into(), t.map_label.bg(bg)));
            }
            for (what, style) in pairs {
                let (Some(fg), Some(bg)) = (style.fg.and_then(rgb), style.bg.and_then(rgb)) else {
                    panic!("{name} {what}: both colours set")
                };
                let ratio = contrast(fg, bg);
                assert!(ratio >= 4.5, "{name} {what}: {ratio:.2}:1 is below 4.5:1");
            }
        }
    }

    #[test]
    fn selection_honours_no_color_and_flags() {
        use ColorSetting::*;
        use ThemeSetting::*;
        let cases = [
            (Default, Auto, false, Some("xterm-256color"), Theme::colored()),
            (Default, Auto, true, Some("xterm-256color"), Theme::mono()),
            (Ansi256, Auto, true, None, Theme::mono()),
            (Default, Auto, false, Some("dumb"), Theme::mono()),
            (Default, Always, true, Some("dumb"), Theme::colored()),
            (Truecolor, Never, false, None, Theme::mono()),
            (Ansi256, Auto, false, None, Theme::ansi256()),
            (Truecolor, Auto, false, None, Theme::truecolor()),
            (Mono, Always, false, None, Theme::mono()),
        ];
        for (theme, color, no_color, term, want) in cases {
            assert_eq!(Theme::select(theme, color, no_color, term), want, "{theme:?} {color:?} {no_color} {term:?}");
        }
    }
}
