//! Drawing: one function per pane, each reading `&Model` and nothing else.
//! Only what is visible is formatted: the rows on screen of the list, the
//! lines in view of the selected practice.

mod facets;
pub mod map;
mod related;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Tabs};
use unicode_width::UnicodeWidthStr;

use crate::app::doc::{self, Kind};
use crate::app::present::card_fields;
use crate::app::{Focus, Model, Tab};
use crate::input::Command;
use crate::input::Mode;
pub(crate) use crate::text::width::{tail_within, truncate};

pub use theme::Theme;

/// Draws the whole screen.
pub fn render(m: &Model, theme: &Theme, f: &mut Frame) {
    let a = m.areas();
    let area = f.area();
    if a.too_small {
        // A shorter form rather than a word cut in the middle.
        let s = m.strings();
        let fits = |t: &str| t.width() <= usize::from(area.width);
        let text = truncate(
            [s.too_small, s.too_small_short].into_iter().find(|t| fits(t)).unwrap_or(s.too_small_short),
            usize::from(area.width),
        );
        f.render_widget(Paragraph::new(text).style(theme.status), Rect { height: area.height.min(1), ..area });
        return;
    }
    render_search(m, theme, f, a.search);
    if let Some(r) = a.list {
        render_list(m, theme, f, r);
    }
    if let Some(r) = a.detail {
        render_detail(m, theme, f, r);
    }
    render_status(m, theme, f, a.status);
    // Popups stay above the status line, which keeps its counts and the
    // key to help; the map has the whole screen and a legend of its own.
    let above_status = Rect { height: area.height.saturating_sub(1), ..area };
    if m.card_field.is_some() {
        render_card(m, theme, f, above_status);
    }
    facets::render(m, theme, f, above_status);
    map::render(m, theme, f, area);
    related::render(m, theme, f, above_status);
    if m.help_scroll.is_some() {
        render_help(m, theme, f, area);
    }
}

/// A selected row: the selection's colours over every span, so that a
/// span's own colour (a link's blue, a muted town's grey) cannot end up
/// unreadable on the selection's background; modifiers (a match's
/// underline) stay.
fn selected(line: Line<'_>, style: Style) -> Line<'_> {
    let spans = line.spans.into_iter().map(|s| {
        let patched = s.style.patch(style);
        s.style(patched)
    });
    Line::from(spans.collect::<Vec<_>>()).style(line.style.patch(style))
}

/// `line` in `width` columns: the span that crosses the edge is cut with
/// "…" and the rest left out.
fn fit(line: Line<'_>, width: usize) -> Line<'_> {
    if line.width() <= width {
        return line;
    }
    let style = line.style;
    let mut used = 0;
    let mut spans = Vec::new();
    for s in line.spans {
        let w = s.content.width();
        if used + w <= width {
            used += w;
            spans.push(s);
            continue;
        }
        let cut = truncate(&s.content, width - used);
        spans.push(Span::styled(cut, s.style));
        break;
    }
    Line::from(spans).style(style)
}

/// Splits `text` into spans, styling the characters at `positions` (sorted
/// character indices) with `hl` on top of `base`.
fn highlighted<'a>(text: &str, positions: &[usize], base: Style, hl: Style) -> Vec<Span<'a>> {
    if positions.is_empty() {
        return vec![Span::styled(text.to_owned(), base)];
    }
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hl = false;
    let mut next = positions.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        let is_hl = next.peek().is_some_and(|p| **p == i);
        if is_hl {
            next.next();
        }
        if is_hl != run_hl && !run.is_empty() {
            let style = if run_hl { base.patch(hl) } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_hl = is_hl;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hl { base.patch(hl) } else { base }));
    }
    spans
}

fn render_search(m: &Model, theme: &Theme, f: &mut Frame, r: Rect) {
    let s = m.strings();
    let prompt = format!("{}: ", s.search_prompt);
    let focused = m.focus == Focus::Search;
    let mut spans = vec![Span::styled(prompt.clone(), theme.prompt)];
    let room = m.search_room();
    // A query longer than the line scrolls by half a line, with "…"
    // where the text goes on out of view.
    let (shown, at) = crate::text::width::scroll_line(&m.search.text, m.search.cursor, room, m.search.view);
    if m.search.text.is_empty() && !focused {
        // A shorter form rather than a word cut in the middle.
        let hint = [s.search_placeholder, s.search_placeholder_short].into_iter().find(|t| t.width() <= room);
        spans.push(Span::styled(truncate(hint.unwrap_or(s.search_placeholder_short), room), theme.muted));
    } else {
        spans.push(Span::styled(shown.clone(), theme.text));
    }
    if m.search.awaiting && prompt.width() + shown.width() + 2 <= usize::from(r.width) {
        spans.push(Span::styled(" …", theme.muted));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), r);
    if focused {
        let x = (prompt.width() + at).min(usize::from(r.width.saturating_sub(1)));
        f.set_cursor_position((r.x + x as u16, r.y));
    }
}

fn pane_block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { theme.border_focused } else { theme.border })
        .title(Span::styled(title, if focused { theme.heading } else { theme.text }))
}

fn render_list(m: &Model, theme: &Theme, f: &mut Frame, r: Rect) {
    let s = m.strings();
    let focused = matches!(m.focus, Focus::List | Focus::Search);
    let title = format!(" {} ", s.list_title);
    let block = pane_block(truncate(&title, usize::from(r.width.saturating_sub(2))), focused, theme);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let width = usize::from(inner.width);
    if m.list.hits.is_empty() {
        let msg = match () {
            _ if m.store.practices.is_empty() => s.empty_store,
            _ if m.only_marked && m.list.found.iter().all(|h| !m.is_marked(h.index)) => s.no_marked,
            _ => s.no_match,
        };
        f.render_widget(Paragraph::new(truncate(msg, width)).style(theme.muted), inner);
        return;
    }
    let rows = usize::from(inner.height);
    let visible = m.list.hits.iter().enumerate().skip(m.list.offset).take(rows);
    let mut lines = Vec::with_capacity(rows);
    for (i, hit) in visible {
        let Some(p) = m.store.practices.get(hit.index) else { continue };
        // A mark in front of bookmarked practices, in a column of its own
        // while there are any, so marking a row does not shift its text;
        // ASCII, so its width is certain.
        let marker = match (m.is_marked(hit.index), m.bookmarks.is_empty()) {
            (true, _) => "* ",
            (false, false) => "  ",
            (false, true) => "",
        };
        // The title yields up to half the row to the part that says why the
        // row is there, when that is not the title; two thirds to a sentence
        // of the texts, which needs words around the match to be read.
        let room = width.saturating_sub(marker.len());
        let space = if hit.quality == crate::search::Quality::Text { room * 2 / 3 } else { room / 2 };
        let why = why_listed(m, hit, p, space);
        let keep = why.as_ref().map_or(0, |(text, _)| text.width().min(space));
        let title = truncate(p.title(), room.saturating_sub(keep));
        let positions = m.index.highlight(&title, &m.list.terms);
        let mut spans = vec![Span::styled(marker, theme.contact)];
        spans.extend(highlighted(&title, &positions, theme.text, theme.matched));
        let mut used = title.width() + marker.len();
        let shown_field = why.as_ref().map(|(text, _)| text.clone());
        if let Some((text, positions)) = why {
            let text = truncate(&text, width.saturating_sub(used));
            used += text.width();
            spans.extend(highlighted(&text, &positions, theme.muted, theme.matched));
        }
        let place: Vec<&str> = m
            .columns
            .iter()
            .filter_map(|c| c.value(p))
            .filter(|v| !v.is_empty() && shown_field.as_ref().is_none_or(|s| !s.ends_with(*v)))
            .collect();
        if !place.is_empty() && used + 4 < width {
            let place = truncate(&format!(" · {}", place.join(", ")), width - used);
            let positions = m.index.highlight(&place, &m.list.terms);
            spans.extend(highlighted(&place, &positions, theme.muted, theme.matched));
        }
        let mut line = Line::from(spans);
        if i == m.list.selected {
            // Pad so the selection bar spans the row.
            let pad = width.saturating_sub(line.width());
            line.spans.push(Span::raw(" ".repeat(pad)));
            line = selected(line, if focused { theme.selected } else { theme.selected_unfocused });
        }
        lines.push(line);
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// Why a row is in the list when its title does not say: the sentence of
/// its texts that matched (after "¶"), or the name field that matched most
/// (a town, an office, a partner), with the positions to highlight.
fn why_listed(
    m: &Model,
    hit: &crate::search::Hit,
    p: crate::store::heads::HeadRef<'_>,
    space: usize,
) -> Option<(String, Vec<usize>)> {
    use crate::search::{Field, Quality};
    if hit.quality == Quality::Text
        && let Some((sentence, (a, b))) = m.list.sentences.get(&hit.index)
    {
        return Some(in_view(" ¶ ", sentence, (*a..*b).collect(), space));
    }
    use crate::config::Column;
    // A title that shows every word whole says why on its own.
    let visible = crate::text::fold::fold(&truncate(p.title(), space * 2));
    if m.list.terms.iter().all(|t| visible.contains(t.as_str())) {
        return None;
    }
    let column = match hit.field? {
        Field::Town => Some(Column::Town),
        Field::County => Some(Column::County),
        Field::Voivodeship => Some(Column::Voivodeship),
        Field::ImplementingUnit => Some(Column::ImplementingUnit),
        _ => None,
    };
    // A field the row shows anyway, right after the title, when the title
    // leaves room for it (`space` is half the row here).
    let shown = |c: Column| c.value(p).is_some_and(|v| p.title().width() + 3 + v.width() <= space * 2);
    if column.is_some_and(|c| m.columns.first() == Some(&c) && shown(c)) {
        return None;
    }
    let value = match hit.field? {
        Field::Title | Field::Text => return None,
        Field::Town => p.town()?,
        Field::County => p.county()?,
        Field::Voivodeship => p.voivodeship()?,
        Field::ImplementingUnit => p.implementing_unit()?,
        Field::Partner => p.partners().find(|v| !m.index.highlight(v, &m.list.terms).is_empty())?,
    };
    let positions = m.index.highlight(value, &m.list.terms);
    Some(in_view(" · ", value, positions, space))
}

/// `lead` and `text`, with the start of `text` left out (for "…") when
/// the first highlighted character would not be within `space` columns.
fn in_view(lead: &str, text: &str, positions: Vec<usize>, space: usize) -> (String, Vec<usize>) {
    let first = positions.first().copied().unwrap_or(0);
    let span = positions.last().map_or(0, |l| l + 1 - first);
    let skip = first.saturating_sub(space.saturating_sub(span + lead.chars().count() + 1) / 3);
    let lead = if skip > 0 { format!("{lead}…") } else { lead.to_owned() };
    let shift = lead.chars().count();
    let out: String = lead.chars().chain(text.chars().skip(skip)).collect();
    (out, positions.into_iter().filter(|p| *p >= skip).map(|p| p - skip + shift).collect())
}

fn style_of(kind: Kind, theme: &Theme) -> Style {
    match kind {
        Kind::Heading => theme.heading,
        Kind::Label => theme.label,
        Kind::Text => theme.text,
        Kind::Muted => theme.muted,
        Kind::Contact => theme.contact,
        Kind::Link => theme.link,
        Kind::Selected => theme.selected,
    }
}

fn render_detail(m: &Model, theme: &Theme, f: &mut Frame, r: Rect) {
    let s = m.strings();
    let focused = m.focus == Focus::Detail;
    let Some(p) = m.selected() else {
        f.render_widget(pane_block(String::new(), focused, theme), r);
        return;
    };
    let title = truncate(&format!(" {} ", p.title), usize::from(r.width.saturating_sub(2)));
    let height = m.areas().detail_text().1;
    let wrapped = &m.detail.view;
    let total = wrapped.len();
    let mut block = pane_block(title, focused, theme);
    if total > height {
        let pos = format!(" {}/{} ", (m.detail.scroll + height).min(total), total);
        block = block.title_bottom(Line::from(pos).right_aligned());
    }
    let inner = block.inner(r);
    f.render_widget(block, r);
    let [tabs_area, _, text_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    // Full titles when they fit, then short ones, then just the numbers.
    let fits = |titles: &[String]| titles.iter().map(|t| t.width() + 3).sum::<usize>() <= usize::from(tabs_area.width);
    let full: Vec<String> = Tab::ALL.iter().enumerate().map(|(i, t)| format!("{} {}", i + 1, t.title(s))).collect();
    let short: Vec<String> = s.tabs_short.iter().enumerate().map(|(i, t)| format!("{} {t}", i + 1)).collect();
    let titles = if fits(&full) {
        full
    } else if fits(&short) {
        short
    } else {
        (1..=3).map(|i| i.to_string()).collect()
    };
    let tabs = Tabs::new(titles)
        .select(m.detail.tab.index())
        .style(theme.tab)
        .highlight_style(theme.tab_active)
        .divider("│")
        .padding(" ", " ");
    f.render_widget(tabs, tabs_area);

    let terms = &m.list.terms;
    let shown: Vec<Line> = wrapped
        .iter()
        .skip(m.detail.scroll)
        .take(usize::from(text_area.height))
        .map(|(_, line)| {
            let plain = doc::plain(line);
            let hits: Vec<usize> = doc::occurrences(&plain, terms).into_iter().flat_map(|(a, b)| a..b).collect();
            let mut spans = Vec::new();
            let mut offset = 0;
            for sp in line {
                let n = sp.text.chars().count();
                let local: Vec<usize> =
                    hits.iter().filter(|h| **h >= offset && **h < offset + n).map(|h| h - offset).collect();
                spans.extend(highlighted(&sp.text, &local, style_of(sp.kind, theme), theme.matched));
                offset += n;
            }
            Line::from(spans)
        })
        .collect();
    f.render_widget(Paragraph::new(shown), text_area);
}

/// "key desc · key desc" for the given commands, from the keymap.
fn hints(m: &Model, mode: Mode, actions: &[Command]) -> String {
    hint_pieces(m, mode, actions).into_iter().map(|(_, h)| h).collect::<Vec<_>>().join(" · ")
}

/// Each command's "key desc", for those the mode has a key for.
fn hint_pieces(m: &Model, mode: Mode, actions: &[Command]) -> Vec<(Command, String)> {
    actions
        .iter()
        .filter_map(|a| {
            let keys = m.keymap.keys_for(mode, a);
            keys.first().map(|k| (*a, format!("{k} {}", a.describe(m.lang))))
        })
        .collect()
}

/// The mode's hints in `width` columns: the last ones are left out first,
/// and the key to help stays while anything does.
fn fit_hints(m: &Model, width: usize) -> String {
    let mode = m.mode();
    // A card with nothing in it has nothing to move to, copy or open.
    let empty_card = mode == Mode::Card && m.selected().is_none_or(|p| card_fields(&p, m.strings()).is_empty());
    let actions: Vec<Command> = mode_actions(mode)
        .iter()
        .copied()
        .filter(|c| !empty_card || !matches!(c, Command::MoveDown | Command::Copy | Command::OpenLink))
        .collect();
    let mut pieces = hint_pieces(m, mode, &actions);
    let joined = |p: &[(Command, String)]| p.iter().map(|(_, h)| h.as_str()).collect::<Vec<_>>().join(" · ");
    while joined(&pieces).width() > width {
        match pieces.iter().rposition(|(c, _)| *c != Command::ToggleHelp) {
            Some(at) => {
                pieces.remove(at);
            }
            None => break,
        }
    }
    joined(&pieces)
}

fn mode_actions(mode: Mode) -> &'static [Command] {
    match mode {
        Mode::List | Mode::Global => &[
            Command::FocusSearch,
            Command::FocusDetail,
            Command::NextTab,
            Command::OpenCard,
            Command::OpenFacets,
            Command::OpenMap,
            Command::OpenRelated,
            Command::Quit,
            Command::ToggleHelp,
        ],
        Mode::Search => {
            &[Command::LeaveSearch, Command::FocusDetail, Command::MoveDown, Command::NextTab, Command::ToggleHelp]
        }
        Mode::Detail => &[
            Command::FocusList,
            Command::NextTab,
            Command::NextMatch,
            Command::OpenCard,
            Command::OpenLink,
            Command::ToggleHelp,
        ],
        Mode::Card => &[Command::MoveDown, Command::Copy, Command::OpenLink, Command::Close, Command::ToggleHelp],
        Mode::Help => &[Command::MoveDown, Command::Close],
        Mode::Facets => &[Command::MoveDown, Command::Choose, Command::Close, Command::ToggleHelp],
        Mode::Map => &[Command::MoveRight, Command::Choose, Command::Close, Command::ToggleHelp],
        Mode::Related => &[Command::MoveDown, Command::Choose, Command::Close, Command::ToggleHelp],
    }
}

fn render_status(m: &Model, theme: &Theme, f: &mut Frame, r: Rect) {
    let s = m.strings();
    let width = usize::from(r.width);
    let mut counts = format!(" {}/{} {}", m.list.hits.len(), m.store.practices.len(), s.shown);
    if m.store.skipped() > 0 {
        counts.push_str(&format!(", {} {}", m.store.skipped(), s.skipped));
    }
    if m.only_marked {
        counts.push_str(&format!(" ({})", s.only_marked));
    }
    let pending = (!m.keys_typed.is_empty())
        .then(|| format!("{} …", m.keys_typed.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ")));
    // The key to help stays beside a message: a note is cut (with "…")
    // to leave room for it, an error only gives way where it fits whole,
    // since what went wrong matters more than the way to help.
    let with_help = |text: &String, cut: bool| {
        let help = hint_pieces(m, m.mode(), &[Command::ToggleHelp]).pop().map(|(_, h)| h);
        let Some(h) = help else { return text.clone() };
        let room = width.saturating_sub(counts.width() + h.width() + 5);
        if text.width() <= room || (cut && room >= 6) {
            format!("{} · {h}", truncate(text, room))
        } else {
            text.clone()
        }
    };
    let (right, style) = match (&m.status, pending) {
        (_, Some(keys)) => (keys, theme.status),
        (Some((text, crate::app::model::StatusKind::Error)), None) => (with_help(text, false), theme.status_error),
        (Some((text, _)), None) => (with_help(text, true), theme.status),
        (None, None) => (fit_hints(m, width.saturating_sub(counts.width() + 2)), theme.status),
    };
    // Counts first, then the message or hints, then the store in what is left.
    let counts = truncate(&counts, width);
    let right = truncate(&right, width.saturating_sub(counts.width() + 2));
    let room = width.saturating_sub(counts.width() + right.width() + 2);
    let store = format!(" · {}: {}", s.store, m.store_label);
    // A few characters of a path tell nothing: below that, leave it out.
    let store = if store.width() <= room {
        store
    } else if room >= 16 + s.store.width() {
        // One form, cut or not: "store: …/name.json".
        truncate_start(&m.store_label, room - 5 - s.store.width(), &format!(" · {}: ", s.store))
    } else {
        String::new()
    };
    let pad = width.saturating_sub(counts.width() + store.width() + right.width() + 1);
    let line = Line::from(vec![
        Span::styled(counts, theme.status),
        Span::styled(store, theme.status),
        Span::styled(" ".repeat(pad), theme.status),
        Span::styled(right, style),
        Span::styled(" ", theme.status),
    ]);
    f.render_widget(Paragraph::new(line).style(theme.status), r);
}

/// Keeps the end of `s` (the file name of a path) in `width` columns,
/// prefixed by `lead` and "…" when cut; empty when there is no room.
fn truncate_start(s: &str, width: usize, lead: &str) -> String {
    if width < 4 {
        return String::new();
    }
    if s.width() <= width {
        return format!("{lead}{s}");
    }
    format!("{lead}…{}", tail_within(s, width - 1))
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

fn render_card(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let s = m.strings();
    let (Some(sel), Some(p)) = (m.card_field, m.selected()) else { return };
    let fields = card_fields(&p, s);
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    if fields.is_empty() {
        lines.push(Line::styled(s.no_contacts, theme.muted));
    }
    for (i, fld) in fields.iter().enumerate() {
        let is_name = fld.label == s.name;
        if fld.group.is_some() && !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        // A person's name is the heading of their group and a field to copy;
        // the office's group gets a heading of its own.
        match &fld.group {
            Some(g) if !is_name => lines.push(Line::styled(g.clone(), theme.contact)),
            _ => {}
        }
        let mut line = if is_name {
            Line::from(Span::styled(fld.value.clone(), theme.contact))
        } else {
            Line::from(vec![
                Span::styled(format!("  {}: ", fld.label), theme.label),
                Span::styled(fld.value.clone(), if fld.openable.is_some() { theme.link } else { theme.text }),
            ])
        };
        if i == sel {
            selected_line = lines.len();
            line = selected(line, theme.selected);
        }
        lines.push(line);
    }
    let widest = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
    // Nothing to copy or open: the card offers only its way out.
    let actions: &[Command] =
        if fields.is_empty() { &[Command::Close] } else { &[Command::Copy, Command::OpenLink, Command::Close] };
    let footer = hints(m, Mode::Card, actions);
    let width = widest.max(footer.width() as u16).saturating_add(4).max(30);
    let height = (lines.len() as u16).saturating_add(2);
    let r = centered(area, width, height);
    let inner_h = usize::from(r.height.saturating_sub(2));
    let scroll = selected_line.saturating_sub(inner_h.saturating_sub(1));
    // A field wider than the window ends with "…", never cut silently at the border.
    let lines: Vec<Line> = lines.into_iter().map(|l| fit(l, usize::from(r.width.saturating_sub(2)))).collect();
    let title = truncate(&format!(" {}: {} ", s.contact_card, p.title), usize::from(r.width.saturating_sub(2)));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(title, theme.heading))
        .title_bottom(Line::from(truncate(&format!(" {footer} "), usize::from(r.width.saturating_sub(2)))).centered());
    f.render_widget(Clear, r);
    f.render_widget(Paragraph::new(lines).block(block).scroll((scroll as u16, 0)), r);
}

fn render_help(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    use crate::app::help::{HelpLine, lines};
    let s = m.strings();
    let (help, _) = lines(m);
    let r = centered(area, 80, area.height.saturating_sub(2));
    let inner = usize::from(r.width.saturating_sub(2));
    // `help::lines` laid the rows out for this width; `fit` only guards.
    let lines: Vec<Line> = help
        .iter()
        .map(|l| match l {
            HelpLine::Heading(h) => Line::styled(h.clone(), theme.heading),
            HelpLine::Blank => Line::raw(""),
            HelpLine::Row { keys, what, name } => {
                let mut spans = vec![Span::styled(keys.as_str(), theme.label)];
                if name.is_empty() {
                    spans.push(Span::styled(what.as_str(), theme.text));
                } else {
                    spans.push(Span::styled(
                        format!("{what:<width$}", width = crate::app::help::WHAT_WIDTH),
                        theme.text,
                    ));
                    spans.push(Span::styled(format!(" {name}"), theme.muted));
                }
                fit(Line::from(spans), inner)
            }
        })
        .collect();
    let scroll = m.help_scroll.unwrap_or(0);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(format!(" {} ", s.help_title), theme.heading))
        // Where in the help this is, as the detail pane says it.
        .title(
            // The last line in view, as the detail pane counts.
            Line::from(format!(
                " {}/{} ",
                (scroll + usize::from(r.height.saturating_sub(2))).min(lines.len()),
                lines.len()
            ))
            .style(theme.muted)
            .right_aligned(),
        )
        .title_bottom(Line::from(truncate(&format!(" {} ", s.help_footer), inner)).centered());
    f.render_widget(Clear, r);
    f.render_widget(Paragraph::new(lines).block(block).scroll((scroll as u16, 0)), r);
}
