//! Interface strings in Polish and English, all in one place per language.
//! Data is never translated: it is shown as stored.

use crate::input::Command;

mod messages;
pub use messages::{io_error, message, say_problem};

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

    /// `validate`'s last line after the store's name: English counts its
    /// nouns ("3 error(s)"), Polish names them first, which needs no plural
    /// forms ("błędy: 3").
    pub fn validate_summary(self, [loaded, skipped, errors, warnings]: [usize; 4]) -> String {
        let [a, b, c, d] = self.strings().paths.summary;
        match self {
            Lang::En => format!("{loaded} {a}, {skipped} {b}, {errors} {c}, {warnings} {d}"),
            Lang::Pl => format!("{a}: {loaded}, {b}: {skipped}, {c}: {errors}, {d}: {warnings}"),
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Pl => &PL,
            Lang::En => &EN,
        }
    }
}

/// The words of `praktyki paths` and `validate`, labels padded alike.
#[derive(Debug)]
pub struct PathWords {
    pub store: &'static str,
    pub config_dir: &'static str,
    pub config_file: &'static str,
    pub data_dir: &'static str,
    pub cache_dir: &'static str,
    pub sync_pages: &'static str,
    pub user_store: &'static str,
    pub exists: &'static str,
    pub config_absent: &'static str,
    pub store_absent: &'static str,
    pub no_home: &'static str,
    pub cache_what: &'static str,
    pub no_cache: &'static str,
    pub sync_what: &'static str,
    /// A source: the command line, a variable, the config file, the
    /// platform's default, the data directory, the embedded store.
    pub sources: [&'static str; 6],
    /// `validate`'s summary: loaded, skipped, errors, warnings.
    pub summary: [&'static str; 4],
}

/// Every piece of interface text.
#[derive(Debug)]
pub struct Strings {
    pub paths: PathWords,
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
    /// Before the words a typo search took the query's words for.
    pub showing_for: &'static str,
    /// Before a filter name no filter has.
    pub unknown_filter: &'static str,
    /// The filters there are, after an unknown one.
    pub filters_are: &'static str,
    /// Before a filter whose value cannot be read.
    pub invalid_filter: &'static str,
    pub year_help: &'static str,
    /// Words of the lookups' answers (`show`, `contacts`).
    pub no_practice_matches: &'static str,
    pub no_good_match: &'static str,
    pub best_of: &'static str,
    pub weak_matches: &'static str,
    pub matches_word: &'static str,
    pub equally_good: &'static str,
    pub see: &'static str,
    pub first_takes: &'static str,
    /// Before the filter after which nothing was left.
    pub emptied_by: &'static str,
    pub facets_title: &'static str,
    /// Headings of the facet list, by `app::facets::FIELDS`.
    pub facet_fields: [&'static str; 2],
    pub no_facets: &'static str,
    pub map_title: &'static str,
    /// In the map's title when the search's `woj:` is set aside.
    pub map_woj_aside: &'static str,
    /// The heading of an export of the marked practices.
    pub marked_heading: &'static str,
    /// After the number of practices exported.
    pub exported: &'static str,
    pub exporting: &'static str,
    pub nothing_to_export: &'static str,
    /// After a file an export did not write.
    pub not_written: &'static str,
    pub export_failed: &'static str,
    pub related_title: &'static str,
    /// While related practices are being found.
    pub related_finding: &'static str,
    pub related_none: &'static str,
    /// Before the practice `praktyki related` compares with.
    pub related_to: &'static str,
    /// `b` with nowhere to go back to.
    pub no_back: &'static str,
    /// After the key that goes back, once a related practice is opened.
    pub back_hint: &'static str,
    /// Before the reasons a related practice is listed.
    pub related_also: &'static str,
    /// `praktyki map` without a query.
    pub map_all: &'static str,
    pub map_practices: &'static str,
    /// After the four move keys in the map's footer.
    pub map_move: &'static str,
    /// After a character that jumps to no voivodeship.
    pub map_no_jump: &'static str,
    /// Practices whose voivodeship is none of the sixteen.
    pub map_elsewhere: &'static str,
    /// How to jump on the map, under the legend.
    pub map_jump_hint: &'static str,
    /// The help row of jumping on the map.
    pub map_jump_what: &'static str,
    /// The search syntax, at the top of help: a heading, then lines.
    /// The heading, and each term with what it does.
    pub search_syntax: (&'static str, &'static [(&'static str, &'static str)]),
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
    /// The same for a narrow window.
    pub search_placeholder_short: &'static str,
    pub shown: &'static str,
    pub list_title: &'static str,
    pub embedded: &'static str,
    pub skipped: &'static str,
    pub store: &'static str,
    pub no_match: &'static str,
    pub empty_store: &'static str,
    pub too_small: &'static str,
    /// The same, for a window narrower than `too_small`.
    pub too_small_short: &'static str,
    pub help_title: &'static str,
    pub help_footer: &'static str,
    pub contact_card: &'static str,
    pub copied: &'static str,
    pub nothing_to_copy: &'static str,
    /// `y` where only the card and attachments have something to copy.
    pub copy_where: &'static str,
    /// `o` on something that is no address.
    pub nothing_to_open: &'static str,
    pub opening: &'static str,
    pub no_opener: &'static str,
    pub not_openable: &'static str,
    pub reloaded: &'static str,
    pub reloading: &'static str,
    pub marked: &'static str,
    pub unmarked: &'static str,
    pub showing_marked: &'static str,
    /// The list of marked practices when there are none.
    pub no_marked: &'static str,
    pub missing_bookmarks: &'static str,
    pub only_marked: &'static str,
    pub bookmarks_not_saved: &'static str,
    /// A served session writes nothing on the server.
    pub read_only: &'static str,
    /// `x` in a served session.
    pub no_export_served: &'static str,
    /// `r` in a served session.
    pub no_reload_served: &'static str,
    /// Said before an idle served session is closed, with the seconds left.
    pub idle_warning: &'static str,
    pub reload_failed: &'static str,
    pub no_more_matches: &'static str,
    pub no_search: &'static str,
    pub search_wrapped: &'static str,
    pub mode_global: &'static str,
    pub mode_help: &'static str,
    pub mode_list: &'static str,
    pub mode_search: &'static str,
    pub mode_detail: &'static str,
    pub mode_card: &'static str,
}

pub static PL: Strings = Strings {
    paths: PathWords {
        store: "baza:",
        config_dir: "katalog ustawień:",
        config_file: "plik ustawień:",
        data_dir: "katalog danych:",
        cache_dir: "katalog pamięci podręcznej:",
        sync_pages: "strony synchronizacji:",
        user_store: "baza użytkownika:",
        exists: "istnieje",
        config_absent: "brak; `praktyki config --default` pokazuje, co może zawierać",
        store_absent: "brak; tworzy ją `praktyki import`",
        no_home: "brak (nie znaleziono katalogu domowego)",
        cache_what: "pamięć podręczna plików baz na start",
        no_cache: "brak (--no-cache)",
        sync_what: "strony, które `praktyki sync` zachowuje, by wznowić i pytać tylko o zmiany",
        sources: [
            "z wiersza poleceń",
            "ze zmiennej $",
            "z pliku ustawień",
            "domyślny dla systemu",
            "practices.json w katalogu danych",
            "wbudowana baza domyślna: brak --store, $PRAKTYKI_STORE i practices.json w katalogu danych",
        ],
        summary: ["wczytane praktyki", "pominięte", "błędy", "ostrzeżenia"],
    },
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
    showing_for: "Pokazuję wyniki dla",
    unknown_filter: "Nieznany filtr, pominięty:",
    filters_are: "filtry: woj: powiat: miasto: typ: dział: rok: tekst:",
    invalid_filter: "Nie rozumiem filtra, pominięty:",
    year_help: "rok to rok wprowadzenia, np. rok:2014, rok:2010-2014, rok:2012-",
    no_practice_matches: "żadna praktyka nie pasuje do",
    no_good_match: "nic nie pasuje dobrze do",
    best_of: "najlepsze z",
    weak_matches: "słabe dopasowania",
    matches_word: "pasujących",
    equally_good: "tak samo dobrych",
    see: "zobacz",
    first_takes: "albo dodaj --first, by wziąć najlepsze",
    emptied_by: "Nic nie zostało po",
    facets_title: "Działy i województwa",
    facet_fields: ["Działy", "Województwa"],
    no_facets: "Praktyki na liście nie mają działów ani województw.",
    map_title: "Mapa Praktyk",
    map_woj_aside: "bez woj:, by wybrać inne",
    marked_heading: "Zaznaczone praktyki",
    exported: "Zapisane praktyki",
    nothing_to_export: "Nic nie pasuje: nie ma czego zapisać",
    not_written: "pozostaje bez zmian",
    exporting: "Zapisuję praktyki",
    export_failed: "Nie zapisano",
    related_title: "Podobne",
    related_finding: "Szukam podobnych…",
    related_none: "Brak podobnych praktyk.",
    related_to: "podobne do",
    no_back: "Nie ma dokąd wrócić",
    back_hint: "wraca",
    related_also: "też",
    map_all: "wszystkie",
    map_practices: "praktyk",
    map_move: "ruch",
    map_no_jump: "Żadne województwo nie zaczyna się od",
    map_elsewhere: "bez województwa",
    map_jump_hint: "cyfra, litery lub nazwa: przejdź",
    map_jump_what: "przejdź: numer z legendy, litery z mapy, początek nazwy",
    search_syntax: (
        "Wyszukiwanie",
        &[
            (
                "słowa",
                "wszystkie muszą pasować; wielkość liter, ogonki i drobne literówki nie grają roli (krakwo → Kraków)",
            ),
            ("¶", "dopasowanie w tekstach, w każdej formie słowa"),
            ("woj: powiat: miasto: typ: dział:", "początek pola"),
            ("rok:2014 rok:2010-2014 rok:2012-", "rok wprowadzenia"),
            ("tekst:odpady", "słowo musi być w tekstach"),
            ("powiat:\"nowy sącz\"", "wartość ze spacjami w cudzysłowie"),
            ("f", "działy i województwa listy z liczbą praktyk"),
            ("w", "mapa województw z liczbą praktyk listy"),
        ],
    ),
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
    search_placeholder_short: "/ szukaj",
    shown: "praktyk",
    list_title: "Praktyki",
    embedded: "wbudowana",
    skipped: "pominięte",
    store: "baza",
    no_match: "Nic nie pasuje do zapytania.",
    empty_store: "Baza nie zawiera praktyk.",
    too_small: "Okno za małe",
    too_small_short: "Za małe",
    help_title: "Klawisze",
    help_footer: "Esc lub ? zamyka pomoc",
    contact_card: "Kontakt",
    copied: "Skopiowano",
    nothing_to_copy: "Nie ma czego skopiować",
    copy_where: "Tu nie ma czego kopiować – e kopiuje e-mail, p telefon, c otwiera kartę",
    nothing_to_open: "Tu nie ma czego otworzyć – o otwiera witrynę, e-mail albo załącznik",
    opening: "Otwieram",
    no_opener: "Tu nie otworzę adresu; skopiowano do schowka",
    not_openable: "Otwieram tylko adresy http, https i mailto",
    reloaded: "Wczytano bazę ponownie",
    reloading: "Wczytuję bazę…",
    marked: "Zaznaczono",
    unmarked: "Odznaczono",
    showing_marked: "Tylko zaznaczone",
    no_marked: "Brak zaznaczonych praktyk – naciśnij m, by zaznaczyć.",
    missing_bookmarks: "zaznaczonych spoza bazy",
    only_marked: "zaznaczone",
    bookmarks_not_saved: "Nie zapisano zakładek",
    read_only: "Tylko do odczytu: zaznaczenia trwają do końca tej sesji, nic nie jest zapisywane",
    no_export_served: "Eksport niedostępny przez SSH: serwer niczego nie zapisuje (praktyki export na własnym komputerze)",
    no_reload_served: "Serwer sam wczytuje bazę, gdy się zmieni",
    idle_warning: "Brak aktywności: sesja zostanie zamknięta za",
    reload_failed: "Nie udało się wczytać bazy; pokazuję poprzednie dane",
    no_more_matches: "Brak wystąpień w tej karcie",
    no_search: "Brak wyszukiwania – naciśnij /",
    search_wrapped: "od drugiego końca karty",
    mode_global: "Wszędzie",
    mode_help: "Pomoc",
    mode_list: "Lista",
    mode_search: "Wiersz szukania",
    mode_detail: "Szczegóły",
    mode_card: "Karta kontaktu",
};

pub static EN: Strings = Strings {
    paths: PathWords {
        store: "store:",
        config_dir: "config dir:",
        config_file: "config file:",
        data_dir: "data dir:",
        cache_dir: "cache dir:",
        sync_pages: "sync pages:",
        user_store: "user store:",
        exists: "exists",
        config_absent: "absent; `praktyki config --default` shows what it may hold",
        store_absent: "absent; `praktyki import` creates it",
        no_home: "none (no home directory found)",
        cache_what: "start-up cache of store files",
        no_cache: "none (--no-cache)",
        sync_what: "pages `praktyki sync` keeps to resume and to ask only what changed",
        sources: [
            "from the command line",
            "from $",
            "from the config file",
            "platform default",
            "practices.json in the data directory",
            "embedded default store: no --store, no $PRAKTYKI_STORE, no practices.json in the data directory",
        ],
        summary: ["practice(s) loaded", "skipped", "error(s)", "warning(s)"],
    },
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
    showing_for: "Showing matches for",
    unknown_filter: "Unknown filter, left out:",
    filters_are: "filters: woj: powiat: miasto: typ: dział: rok: tekst:",
    invalid_filter: "Cannot read the filter, left out:",
    year_help: "rok is the year entered, e.g. rok:2014, rok:2010-2014, rok:2012-",
    no_practice_matches: "no practice matches",
    no_good_match: "nothing matches well:",
    best_of: "best of",
    weak_matches: "weak matches",
    matches_word: "matches",
    equally_good: "equally good",
    see: "see",
    first_takes: "or add --first to take the best",
    emptied_by: "Nothing left after",
    facets_title: "Sections and voivodeships",
    facet_fields: ["Sections", "Voivodeships"],
    no_facets: "The listed practices have no sections or voivodeships.",
    map_title: "Map of practices",
    map_woj_aside: "woj: set aside to pick another",
    marked_heading: "Marked practices",
    exported: "Practices exported",
    nothing_to_export: "Nothing matches: nothing to export",
    not_written: "is left as it was",
    exporting: "Exporting practices",
    export_failed: "Export failed",
    related_title: "Related",
    related_finding: "Finding related practices…",
    related_none: "No related practices.",
    related_to: "related to",
    no_back: "Nowhere to go back to",
    back_hint: "goes back",
    related_also: "also",
    map_all: "all",
    map_practices: "practices",
    map_move: "move",
    map_no_jump: "No voivodeship starts with",
    map_elsewhere: "no voivodeship",
    map_jump_hint: "digit, letters or name: jump",
    map_jump_what: "jump: a legend number, a map's letters, a name's start",
    search_syntax: (
        "Search",
        &[
            ("words", "all must match; case, diacritics and small typos do not matter (krakwo → Kraków)"),
            ("¶", "a match in the texts, in any form of the word"),
            ("woj: powiat: miasto: typ: dział:", "start of a field"),
            ("rok:2014 rok:2010-2014 rok:2012-", "year entered"),
            ("tekst:odpady", "the word must be in the texts"),
            ("powiat:\"nowy sącz\"", "quote a value with spaces"),
            ("f", "sections and voivodeships of the list, counted"),
            ("w", "the map of voivodeships, the list counted"),
        ],
    ),
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
    search_placeholder_short: "/ to search",
    shown: "practices",
    list_title: "Practices",
    embedded: "embedded",
    skipped: "skipped",
    store: "store",
    no_match: "Nothing matches the query.",
    empty_store: "The store holds no practices.",
    too_small: "Window too small",
    too_small_short: "Too small",
    help_title: "Keys",
    help_footer: "Esc or ? closes help",
    contact_card: "Contact",
    copied: "Copied",
    nothing_to_copy: "Nothing to copy",
    copy_where: "Nothing to copy here – e copies the e-mail, p the phone, c opens the card",
    nothing_to_open: "Nothing to open here – o opens a website, an e-mail or an attachment",
    opening: "Opening",
    no_opener: "Cannot open it here; copied to the clipboard",
    not_openable: "Only http, https and mailto addresses are opened",
    reloaded: "Store reloaded",
    reloading: "Reloading the store…",
    marked: "Marked",
    unmarked: "Unmarked",
    showing_marked: "Only marked",
    no_marked: "No marked practices – press m to mark one.",
    missing_bookmarks: "marked but not in this store",
    only_marked: "marked",
    bookmarks_not_saved: "Bookmarks not saved",
    read_only: "Read-only: marks last for this session, nothing is saved",
    no_export_served: "No export over SSH: the server writes nothing (use praktyki export on your own machine)",
    no_reload_served: "The server loads the store again by itself when it changes",
    idle_warning: "Idle: this session closes in",
    reload_failed: "Reload failed; showing the previous data",
    no_more_matches: "No occurrences in this tab",
    no_search: "No search – press /",
    search_wrapped: "search wrapped",
    mode_global: "Everywhere",
    mode_help: "Help",
    mode_list: "List",
    mode_search: "Search line",
    mode_detail: "Detail",
    mode_card: "Contact card",
};

/// What an action does, for the help screen and the hints.
pub fn describe(action: &Command, lang: Lang) -> &'static str {
    match lang {
        Lang::Pl => describe_pl(action),
        Lang::En => describe_en(action),
    }
}

/// Command descriptions in Polish.
fn describe_pl(a: &Command) -> &'static str {
    match a {
        Command::MoveDown => "w dół",
        Command::MoveUp => "w górę",
        Command::PageDown => "strona w dół",
        Command::PageUp => "strona w górę",
        Command::HalfPageDown => "pół strony w dół",
        Command::HalfPageUp => "pół strony w górę",
        Command::GoTop => "na początek",
        Command::GoBottom => "na koniec",
        Command::FocusSearch => "szukaj",
        Command::LeaveSearch => "wyjdź z szukania",
        Command::ClearSearch => "wyczyść szukanie",
        Command::DeleteBack => "usuń znak",
        Command::DeleteForward => "usuń znak dalej",
        Command::DeleteWord => "usuń słowo",
        Command::CursorLeft => "kursor w lewo",
        Command::CursorRight => "kursor w prawo",
        Command::CursorStart => "początek wiersza",
        Command::CursorEnd => "koniec wiersza",
        Command::FocusDetail => "szczegóły",
        Command::FocusList => "wróć do listy",
        Command::NextTab => "następna karta",
        Command::PrevTab => "poprzednia karta",
        Command::ShowSummary => "skrót i metryka",
        Command::ShowPresentation => "pełna prezentacja",
        Command::ShowAttachments => "załączniki",
        Command::NextMatch => "następne wystąpienie",
        Command::PrevMatch => "poprzednie wystąpienie",
        Command::OpenCard => "kontakt",
        Command::Copy => "kopiuj",
        Command::OpenLink => "otwórz adres",
        Command::Close => "zamknij",
        Command::ToggleHelp => "pomoc",
        Command::Reload => "wczytaj ponownie",
        Command::ToggleBookmark => "zaznacz / odznacz",
        Command::ToggleMarkedOnly => "tylko zaznaczone / wszystkie",
        Command::OpenFacets => "działy i województwa z liczbą praktyk",
        Command::OpenMap => "mapa województw z liczbą praktyk",
        Command::OpenRelated => "podobne praktyki",
        Command::Export => "zapisz zaznaczone (lub listę) do pliku Markdown",
        Command::GoBack => "wróć do poprzedniej praktyki",
        Command::MoveLeft => "w lewo",
        Command::MoveRight => "w prawo",
        Command::CopyEmail => "kopiuj pierwszy e-mail kontaktowy",
        Command::CopyPhone => "kopiuj telefon kontaktowy",
        Command::Choose => "wybierz",
        Command::Quit => "wyjście",
    }
}

/// Command descriptions in English.
fn describe_en(a: &Command) -> &'static str {
    match a {
        Command::MoveDown => "down",
        Command::MoveUp => "up",
        Command::PageDown => "page down",
        Command::PageUp => "page up",
        Command::HalfPageDown => "half page down",
        Command::HalfPageUp => "half page up",
        Command::GoTop => "first",
        Command::GoBottom => "last",
        Command::FocusSearch => "search",
        Command::LeaveSearch => "leave search",
        Command::ClearSearch => "clear search",
        Command::DeleteBack => "delete back",
        Command::DeleteForward => "delete",
        Command::DeleteWord => "delete word",
        Command::CursorLeft => "cursor left",
        Command::CursorRight => "cursor right",
        Command::CursorStart => "line start",
        Command::CursorEnd => "line end",
        Command::FocusDetail => "details",
        Command::FocusList => "back to list",
        Command::NextTab => "next tab",
        Command::PrevTab => "previous tab",
        Command::ShowSummary => "summary",
        Command::ShowPresentation => "full presentation",
        Command::ShowAttachments => "attachments",
        Command::NextMatch => "next match",
        Command::PrevMatch => "previous match",
        Command::OpenCard => "contact card",
        Command::Copy => "copy",
        Command::OpenLink => "open link",
        Command::Close => "close",
        Command::ToggleHelp => "help",
        Command::Reload => "reload store",
        Command::ToggleBookmark => "mark / unmark",
        Command::ToggleMarkedOnly => "only marked / all",
        Command::OpenFacets => "sections and voivodeships with counts",
        Command::OpenMap => "map of voivodeships with counts",
        Command::OpenRelated => "related practices",
        Command::Export => "export the marked (or listed) practices to Markdown",
        Command::GoBack => "back to the previous practice",
        Command::MoveLeft => "left",
        Command::MoveRight => "right",
        Command::CopyEmail => "copy the first contact e-mail",
        Command::CopyPhone => "copy the contact phone",
        Command::Choose => "choose",
        Command::Quit => "quit",
    }
}

/// `format!` in a run's language: the English form, then the Polish one,
/// both with the same arguments.
#[macro_export]
macro_rules! said {
    ($lang:expr, $en:literal, $pl:literal $(, $arg:expr)* $(,)?) => {
        match $lang {
            $crate::i18n::Lang::Pl => format!($pl $(, $arg)*),
            $crate::i18n::Lang::En => format!($en $(, $arg)*),
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bindable_action_is_described_in_both_languages() {
        let keymap: toml::Table = toml::from_str(crate::input::DEFAULT_KEYMAP).unwrap();
        for table in keymap.values() {
            for value in table.as_table().unwrap().values() {
                let action: Command = value.clone().try_into().unwrap();
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
