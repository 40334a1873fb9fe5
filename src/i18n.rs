//! Interface strings in Polish and English, all in one place per language.
//! Data is never translated: it is shown as stored.

use crate::app::Action;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    Pl,
    #[default]
    En,
}

impl Lang {
    /// From the POSIX locale of a session's environment (`LC_ALL`,
    /// `LC_MESSAGES`, `LANG`, in that order): Polish for `pl*`, else English.
    pub fn from_env(env: &crate::config::Env) -> Self {
        Self::from_locale(env.locale.as_deref().unwrap_or(""))
    }

    pub fn from_locale(locale: &str) -> Self {
        if locale.to_ascii_lowercase().starts_with("pl") { Lang::Pl } else { Lang::En }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Pl => &PL,
            Lang::En => &EN,
        }
    }
}

/// Every piece of interface text.
#[derive(Debug)]
pub struct Strings {
    pub tab_summary: &'static str,
    pub tab_presentation: &'static str,
    pub tab_attachments: &'static str,
    /// Tab titles for narrow panes.
    pub tabs_short: [&'static str; 3],
    pub metadata: &'static str,
    pub entered: &'static str,
    pub updated: &'static str,
    pub unit_type: &'static str,
    pub town: &'static str,
    pub county: &'static str,
    pub voivodeship: &'static str,
    pub postal: &'static str,
    pub implementing_unit: &'static str,
    pub street: &'static str,
    pub phone: &'static str,
    pub website: &'static str,
    pub population: &'static str,
    pub problems: &'static str,
    pub query_cut: &'static str,
    pub unknown: &'static str,
    pub partners: &'static str,
    pub contacts: &'static str,
    pub office: &'static str,
    pub email: &'static str,
    pub role: &'static str,
    pub name: &'static str,
    pub area: &'static str,
    pub source: &'static str,
    pub no_attachments: &'static str,
    pub no_presentation: &'static str,
    pub reading: &'static str,
    pub no_contacts: &'static str,
    pub format: &'static str,
    pub size: &'static str,
    pub search_prompt: &'static str,
    pub search_placeholder: &'static str,
    pub shown: &'static str,
    pub list_title: &'static str,
    pub embedded: &'static str,
    pub skipped: &'static str,
    pub store: &'static str,
    pub no_match: &'static str,
    pub empty_store: &'static str,
    pub too_small: &'static str,
    pub help_title: &'static str,
    pub help_footer: &'static str,
    pub contact_card: &'static str,
    pub copied: &'static str,
    pub nothing_to_copy: &'static str,
    pub opening: &'static str,
    pub no_opener: &'static str,
    pub not_openable: &'static str,
    pub reloaded: &'static str,
    pub reloading: &'static str,
    pub marked: &'static str,
    pub unmarked: &'static str,
    pub showing_marked: &'static str,
    pub missing_bookmarks: &'static str,
    pub only_marked: &'static str,
    pub bookmarks_not_saved: &'static str,
    pub reload_failed: &'static str,
    pub no_more_matches: &'static str,
    pub mode_list: &'static str,
    pub mode_search: &'static str,
    pub mode_detail: &'static str,
    pub mode_card: &'static str,
}

pub static PL: Strings = Strings {
    tab_summary: "Skrót i Metryka",
    tab_presentation: "Pełna prezentacja",
    tab_attachments: "Załączniki",
    tabs_short: ["Skrót", "Prezentacja", "Załączniki"],
    metadata: "Metryka praktyki",
    entered: "Data wprowadzenia do BDP",
    updated: "Data aktualizacji",
    unit_type: "Typ jednostki",
    town: "Miejscowość",
    county: "Powiat",
    voivodeship: "Województwo",
    postal: "Kod pocztowy i poczta",
    implementing_unit: "Jednostka wdrażająca",
    street: "Ulica",
    phone: "Telefon",
    website: "Witryna internetowa",
    population: "Liczba mieszkańców",
    problems: "Braki",
    query_cut: "Szukam tylko pierwszych 16 słów (500 znaków) zapytania",
    unknown: "brak danych",
    partners: "Partnerzy",
    contacts: "Osoby kontaktowe",
    office: "Biuro",
    email: "e-mail",
    role: "Funkcja",
    name: "Imię i nazwisko",
    area: "Obszar",
    source: "Źródło",
    no_attachments: "Brak załączników.",
    no_presentation: "Brak pełnej prezentacji.",
    reading: "Wczytuję…",
    no_contacts: "Brak osób kontaktowych.",
    format: "format",
    size: "rozmiar",
    search_prompt: "Szukaj",
    search_placeholder: "gmina, miasto, powiat, partnerstwo… (/)",
    shown: "praktyk",
    list_title: "Praktyki",
    embedded: "wbudowana",
    skipped: "pominięte",
    store: "baza",
    no_match: "Nic nie pasuje do zapytania.",
    empty_store: "Baza nie zawiera praktyk.",
    too_small: "Okno za małe",
    help_title: "Klawisze",
    help_footer: "Esc lub ? zamyka pomoc",
    contact_card: "Kontakt",
    copied: "Skopiowano",
    nothing_to_copy: "Nie ma czego skopiować",
    opening: "Otwieram",
    no_opener: "Tu nie otworzę adresu; skopiowano do schowka",
    not_openable: "Otwieram tylko adresy http, https i mailto",
    reloaded: "Wczytano bazę ponownie",
    reloading: "Wczytuję bazę…",
    marked: "Zaznaczono",
    unmarked: "Odznaczono",
    showing_marked: "Tylko zaznaczone",
    missing_bookmarks: "zaznaczonych spoza bazy",
    only_marked: "zaznaczone",
    bookmarks_not_saved: "Nie zapisano zakładek",
    reload_failed: "Nie udało się wczytać bazy; pokazuję poprzednie dane",
    no_more_matches: "Brak wystąpień w tej karcie",
    mode_list: "lista",
    mode_search: "szukanie",
    mode_detail: "szczegóły",
    mode_card: "kontakt",
};

pub static EN: Strings = Strings {
    tab_summary: "Summary",
    tab_presentation: "Full presentation",
    tab_attachments: "Attachments",
    tabs_short: ["Summary", "Presentation", "Files"],
    metadata: "Metadata",
    entered: "Entered into BDP",
    updated: "Updated",
    unit_type: "Unit type",
    town: "Town",
    county: "County",
    voivodeship: "Voivodeship",
    postal: "Postal code",
    implementing_unit: "Implementing unit",
    street: "Street",
    phone: "Phone",
    website: "Website",
    population: "Population",
    problems: "Missing",
    query_cut: "Only the first 16 words (500 characters) of the query are searched",
    unknown: "unknown",
    partners: "Partners",
    contacts: "Contacts",
    office: "Office",
    email: "e-mail",
    role: "Role",
    name: "Name",
    area: "Area",
    source: "Source",
    no_attachments: "No attachments.",
    no_presentation: "No full presentation.",
    reading: "Reading…",
    no_contacts: "No contact people.",
    format: "format",
    size: "size",
    search_prompt: "Search",
    search_placeholder: "municipality, town, county, partnership… (/)",
    shown: "practices",
    list_title: "Practices",
    embedded: "embedded",
    skipped: "skipped",
    store: "store",
    no_match: "Nothing matches the query.",
    empty_store: "The store holds no practices.",
    too_small: "Window too small",
    help_title: "Keys",
    help_footer: "Esc or ? closes help",
    contact_card: "Contact",
    copied: "Copied",
    nothing_to_copy: "Nothing to copy",
    opening: "Opening",
    no_opener: "Cannot open it here; copied to the clipboard",
    not_openable: "Only http, https and mailto addresses are opened",
    reloaded: "Store reloaded",
    reloading: "Reloading the store…",
    marked: "Marked",
    unmarked: "Unmarked",
    showing_marked: "Only marked",
    missing_bookmarks: "marked but not in this store",
    only_marked: "marked",
    bookmarks_not_saved: "Bookmarks not saved",
    reload_failed: "Reload failed; showing the previous data",
    no_more_matches: "No occurrences in this tab",
    mode_list: "list",
    mode_search: "search",
    mode_detail: "detail",
    mode_card: "contact",
};

/// What an action does, for the help screen and the hints.
pub fn describe(action: &Action, lang: Lang) -> &'static str {
    match lang {
        Lang::Pl => describe_pl(action),
        Lang::En => describe_en(action),
    }
}

/// Action descriptions in Polish.
fn describe_pl(a: &Action) -> &'static str {
    match a {
        Action::MoveDown => "w dół",
        Action::MoveUp => "w górę",
        Action::PageDown => "strona w dół",
        Action::PageUp => "strona w górę",
        Action::HalfPageDown => "pół strony w dół",
        Action::HalfPageUp => "pół strony w górę",
        Action::GoTop => "na początek",
        Action::GoBottom => "na koniec",
        Action::FocusSearch => "szukaj",
        Action::LeaveSearch => "wyjdź z szukania",
        Action::ClearSearch => "wyczyść szukanie",
        Action::DeleteBack => "usuń znak",
        Action::DeleteForward => "usuń znak dalej",
        Action::DeleteWord => "usuń słowo",
        Action::CursorLeft => "kursor w lewo",
        Action::CursorRight => "kursor w prawo",
        Action::CursorStart => "początek wiersza",
        Action::CursorEnd => "koniec wiersza",
        Action::FocusDetail => "szczegóły",
        Action::FocusList => "wróć do listy",
        Action::NextTab => "następna karta",
        Action::PrevTab => "poprzednia karta",
        Action::ShowSummary => "skrót i metryka",
        Action::ShowPresentation => "pełna prezentacja",
        Action::ShowAttachments => "załączniki",
        Action::NextMatch => "następne wystąpienie",
        Action::PrevMatch => "poprzednie wystąpienie",
        Action::OpenCard => "kontakt",
        Action::Copy => "kopiuj",
        Action::OpenLink => "otwórz adres",
        Action::Close => "zamknij",
        Action::ToggleHelp => "pomoc",
        Action::Reload => "wczytaj ponownie",
        Action::ToggleBookmark => "zaznacz / odznacz",
        Action::ToggleMarkedOnly => "tylko zaznaczone / wszystkie",
        Action::Quit => "wyjście",
        _ => "",
    }
}

/// Action descriptions in English.
fn describe_en(a: &Action) -> &'static str {
    match a {
        Action::MoveDown => "down",
        Action::MoveUp => "up",
        Action::PageDown => "page down",
        Action::PageUp => "page up",
        Action::HalfPageDown => "half page down",
        Action::HalfPageUp => "half page up",
        Action::GoTop => "first",
        Action::GoBottom => "last",
        Action::FocusSearch => "search",
        Action::LeaveSearch => "leave search",
        Action::ClearSearch => "clear search",
        Action::DeleteBack => "delete back",
        Action::DeleteForward => "delete",
        Action::DeleteWord => "delete word",
        Action::CursorLeft => "cursor left",
        Action::CursorRight => "cursor right",
        Action::CursorStart => "line start",
        Action::CursorEnd => "line end",
        Action::FocusDetail => "details",
        Action::FocusList => "back to list",
        Action::NextTab => "next tab",
        Action::PrevTab => "previous tab",
        Action::ShowSummary => "summary",
        Action::ShowPresentation => "full presentation",
        Action::ShowAttachments => "attachments",
        Action::NextMatch => "next match",
        Action::PrevMatch => "previous match",
        Action::OpenCard => "contact card",
        Action::Copy => "copy",
        Action::OpenLink => "open link",
        Action::Close => "close",
        Action::ToggleHelp => "help",
        Action::Reload => "reload store",
        Action::ToggleBookmark => "mark / unmark",
        Action::ToggleMarkedOnly => "only marked / all",
        Action::Quit => "quit",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bindable_action_is_described_in_both_languages() {
        let keymap: toml::Table = toml::from_str(crate::input::DEFAULT_KEYMAP).unwrap();
        for table in keymap.values() {
            for value in table.as_table().unwrap().values() {
                let action: Action = value.clone().try_into().unwrap();
                assert!(!describe(&action, Lang::Pl).is_empty(), "{action:?}");
                assert!(!describe(&action, Lang::En).is_empty(), "{action:?}");
            }
        }
    }

    #[test]
    fn locale_selection() {
        assert_eq!(Lang::from_locale("pl_PL.UTF-8"), Lang::Pl);
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
    }
}
