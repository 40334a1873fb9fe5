//! The command line's help in Polish: the same commands and options, told
//! in the run's language (`LANG=pl_PL.UTF-8 praktyki --help`). Kept as a
//! table beside the English doc comments; a test checks every command and
//! option has its line here.

use clap::{Arg, ArgAction, Command};

/// The root's about, its global options and clap's own words.
const ROOT: &[(&str, &str)] = &[
    ("", "Przeglądarka Bazy Dobrych Praktyk: dobre praktyki współpracy samorządów w Polsce"),
    ("store", "Plik bazy (zamiast $PRAKTYKI_STORE i bazy w katalogu danych)"),
    ("strict", "Praktyka niezgodna ze schematem przerywa wczytywanie, zamiast być pominięta"),
    ("config", "Plik ustawień (zamiast $PRAKTYKI_CONFIG)"),
    ("color", "Kiedy używać kolorów w przeglądarce [domyślnie: auto lub z ustawień]"),
    ("no_cache", "Bez pamięci podręcznej na start (ani czytania, ani zapisu)"),
    ("version", "Pokaż wersję"),
];

/// Each command's about, then its options: (command, option or "", text).
const COMMANDS: &[(&str, &str, &str)] = &[
    ("search", "", "Szukaj w nazwach gmin, miejscowości i partnerstw (literówki wybaczane)"),
    (
        "search",
        "query",
        "Słowa (wszystkie muszą pasować; wielkość liter, polskie znaki i drobne literówki bez znaczenia) i filtry: woj:, powiat:, miasto:, typ:, dział:, rok:2010-2014, tekst:SŁOWO",
    ),
    ("search", "limit", "Najwyżej tyle wyników"),
    (
        "search",
        "text",
        "Szukaj słów także w tekstach (skrót i prezentacja), w każdej ich formie; trafienia w nazwach najpierw",
    ),
    ("search", "json", "Wynik w JSON, z rodzajem trafienia"),
    ("show", "", "Pokaż jedną praktykę: po identyfikatorze albo najlepiej pasującą do zapytania"),
    ("show", "id_or_query", "Identyfikator praktyki albo zapytanie"),
    ("show", "first", "Pokaż najlepsze trafienie, nawet słabe (literówki, rozrzucone litery)"),
    (
        "show",
        "view",
        "Który widok wypisać, jak zakładki BDP: skrót i metryka, pełna prezentacja, załączniki albo wszystkie",
    ),
    ("show", "json", "Praktyka tak, jak jest zapisana, w JSON"),
    ("contacts", "", "Dane kontaktowe praktyk pasujących do zapytania"),
    ("contacts", "query", "Identyfikator praktyki albo zapytanie: kontakty każdej pasującej praktyki"),
    ("contacts", "limit", "Najwyżej tyle praktyk"),
    ("contacts", "first", "Tylko najlepsze trafienie, nawet słabe (literówki, rozrzucone litery)"),
    ("contacts", "json", "Wynik w JSON"),
    ("contacts", "vcard", "vCard 4.0, jedna wizytówka na osobę i na biuro"),
    ("map", "", "Wypisz mapę województw z liczbą praktyk znalezionych przez zapytanie (bez zapytania: wszystkich)"),
    ("map", "query", "Słowa i filtry jak w `search` (nazwy i teksty, jak lista w przeglądarce)"),
    ("map", "width", "Szerokość mapy w kolumnach, z legendą (domyślnie: terminala, inaczej 80)"),
    ("map", "json", "Wynik w JSON: liczba praktyk w każdym województwie"),
    (
        "related",
        "",
        "Praktyki najbardziej podobne do jednej (po słowach tekstów, potem dziale, typie jednostki i województwie), każda z powodem",
    ),
    ("related", "id_or_query", "Identyfikator praktyki albo zapytanie, którego najlepsze trafienie jest brane"),
    ("related", "first", "Weź najlepsze trafienie, nawet słabe (literówki, rozrzucone litery)"),
    ("related", "limit", "Najwyżej tyle praktyk"),
    ("related", "json", "Wynik w JSON, ze wspólnymi słowami"),
    (
        "export",
        "",
        "Zapisz praktyki znalezione przez zapytanie (bez zapytania: wszystkie, albo zaznaczone) jako CSV, Markdown lub JSON, do raportów i korespondencji seryjnej",
    ),
    ("export", "query", "Słowa i filtry jak w `search` (nazwy i teksty)"),
    ("export", "format", "Co zapisać: csv, md (zestawienie w Markdown) albo json (format bazy)"),
    (
        "export",
        "fields",
        "Kolumny CSV po przecinku, spośród: id, title, area, unit_type, town, county, voivodeship, postal_code, post_office, street, implementing_unit, phone, website, email, contacts, partners, entered, updated, population, summary, source_url (domyślnie: id, title, area, town, county, voivodeship, implementing_unit, email, phone, website, entered, source_url)",
    ),
    ("export", "out", "Zapisz do tego pliku (atomowo) zamiast na wyjście standardowe"),
    ("export", "marked", "Zaznaczone praktyki (zakładki) zamiast wyników zapytania"),
    ("export", "contacts", "CSV: wiersz na każdą osobę kontaktową, do korespondencji seryjnej"),
    (
        "export",
        "excel",
        "CSV dla arkusza w polskich ustawieniach (Excel, LibreOffice): znacznik BOM i ';' między komórkami",
    ),
    ("validate", "", "Sprawdź plik bazy i wypisz każdy błąd i ostrzeżenie z miejscem"),
    ("validate", "path", "Plik bazy (domyślnie: używana baza)"),
    ("import", "", "Importuj zapisane strony praktyk BDP (tekst lub HTML) albo zapisaną kopię serwisu do bazy"),
    (
        "import",
        "files",
        "Zapisane strony (trzy widoki praktyki mogą być osobnymi plikami) albo katalogi z `wget -m`, HTTrack lub przeglądarki, czytane rekurencyjnie",
    ),
    (
        "import",
        "into",
        "Baza do zapisu, gdy nie używana (globalne --store, $PRAKTYKI_STORE, inaczej practices.json w katalogu danych)",
    ),
    ("import", "dry_run", "Wypisz raport i wynikowy JSON; nic nie zapisuj"),
    ("import", "replace", "Zastąp praktyki, których identyfikator już jest w bazie"),
    ("sync", "", "Pobierz całą bazę: z archiwum BDP albo z Wayback Machine"),
    ("sync", "from", "Skąd: adres archiwum albo `wayback` dla kopii w Wayback Machine"),
    ("sync", "wayback_url", "Adres Wayback Machine, z --from wayback (dla kopii jego API)"),
    ("sync", "into", "Baza do zapisu (domyślnie: używana albo practices.json w katalogu danych)"),
    ("sync", "dry_run", "Pobierz i wypisz, co by się zmieniło (na wyjście standardowe), nie zapisując bazy"),
    ("sync", "refresh", "Pobierz każdą stronę od nowa, pomijając to, co zachowały wcześniejsze synchronizacje"),
    ("sync", "prune", "Usuń z bazy praktyki archiwum, których serwis już nie ma"),
    ("sync", "rate", "Najwyżej tyle zapytań na sekundę; 0 bez przerw (kopia na własnym komputerze)"),
    ("sync", "timeout", "Sekundy czekania na połączenie lub odpowiedź"),
    ("sync", "retries", "Ponowienia po HTTP 429, 5xx, przekroczeniu czasu lub zerwanym połączeniu"),
    ("sync", "max_page_size", "Największa przyjmowana strona, w bajtach"),
    ("paths", "", "Pokaż, która baza jest używana i dlaczego, oraz katalogi ustawień i danych"),
    ("bookmarks", "", "Wypisz zaznaczone praktyki (zakładki); brakujące w bazie są oznaczone"),
    ("bookmarks", "json", "Wynik w JSON: identyfikator, tytuł i czy brak go w bazie"),
    ("config", "", "Wypisz domyślny plik ustawień z komentarzami"),
    ("config", "default", "Wypisz ustawienia domyślne (na razie jedyna forma)"),
    ("keys", "", "Wypisz domyślne skróty klawiszowe (format pliku skrótów)"),
    ("completions", "", "Wypisz skrypt uzupełniania dla powłoki: bash, zsh, fish, elvish lub powershell"),
    ("completions", "shell", "Powłoka, dla której zapisać skrypt"),
    ("man", "", "Wypisz stronę podręcznika (roff); czytaj przez `praktyki man | man -l -`"),
    ("serve", "", "Udostępnij przeglądarkę przez SSH każdemu, tylko do odczytu, bez konta (`ssh -p 2222 HOST`)"),
    ("serve", "listen", "Adres i port, na którym serwer czeka"),
    ("serve", "host_key", "Klucz hosta Ed25519 serwera (zrób go przez --init-host-key)"),
    ("serve", "init_host_key", "Zrób nowy klucz hosta w ŚCIEŻCE (tryb 0600), wypisz jego odcisk i zakończ"),
    ("serve", "max_sessions", "Najwięcej połączeń naraz, łącznie"),
    ("serve", "max_per_address", "Najwięcej połączeń naraz z jednego adresu"),
    ("serve", "max_new_per_minute", "Najwięcej nowych połączeń z jednego adresu na minutę (0: bez limitu)"),
    ("serve", "max_unauthenticated", "Najwięcej połączeń jeszcze bez sesji; ponad to najstarsze jest zamykane"),
    ("serve", "login_grace", "Sekundy od połączenia do działającej sesji"),
    ("serve", "idle_timeout", "Sekundy bez klawisza, po których sesja jest zamykana (z ostrzeżeniem minutę wcześniej)"),
    ("serve", "max_session_time", "Najdłuższy czas sesji, w sekundach"),
    ("serve", "write_timeout", "Sekundy, przez które klient może nic nie czytać, zanim zostanie rozłączony"),
    (
        "synthetic",
        "",
        "Zapisz syntetyczną bazę, by wypróbować praktyki w każdej skali (wyraźnie oznaczoną: identyfikatory synthetic-, działy \"Dane syntetyczne\")",
    ),
    ("synthetic", "count", "Liczba praktyk"),
    ("synthetic", "seed", "Ziarno: to samo ziarno zapisuje tę samą bazę"),
    ("synthetic", "out", "Dokąd zapisać (domyślnie: wyjście standardowe)"),
    ("synthetic", "names_only", "Bez długich tekstów (skrót, prezentacja, załączniki)"),
    ("synthetic", "lines", "Zapisz też pola nazw, praktyka w wierszu, do tego pliku"),
];

/// clap's own headings, in Polish.
const TEMPLATE: &str = "{about-with-newline}\nUżycie: {usage}\n\n{all-args}{after-help}";

/// `cmd` with a -h/--help flag told in Polish in place of clap's (its
/// generated flag cannot be reworded before the command is built, and
/// building it first would freeze the rest).
fn with_polish_help(cmd: Command) -> Command {
    let text = "Pokaż pomoc (-h: krócej, --help: całą)";
    cmd.disable_help_flag(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help(text).help_heading("Opcje"))
}

/// `cmd` with its help in Polish.
pub fn polish(cmd: Command) -> Command {
    let mut cmd = with_polish_help(cmd)
        .disable_version_flag(true)
        .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help_heading("Opcje"))
        .help_template(TEMPLATE)
        .subcommand_help_heading("Polecenia")
        .subcommand_value_name("POLECENIE");
    for (id, text) in ROOT {
        cmd = if id.is_empty() {
            cmd.about(*text)
        } else {
            // Global ones are copied into every command when it is built:
            // told here, they are told there too.
            cmd.mut_arg(*id, |a| {
                let heading = if a.is_global_set() { "Opcje globalne" } else { "Opcje" };
                with_values(a.help(*text).help_heading(heading))
            })
        };
    }
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_owned()).collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sub| {
            let mut sub = with_polish_help(sub).help_template(TEMPLATE);
            if let Some(after) = sub.get_after_help().map(|a| a.to_string().replace("Examples:", "Przykłady:")) {
                sub = sub.after_help(after);
            }
            let own: Vec<String> =
                sub.get_arguments().filter(|a| a.get_id() != "help").map(|a| a.get_id().to_string()).collect();
            for id in own {
                let text = COMMANDS.iter().find(|(c, o, _)| *c == name && *o == id).map(|(_, _, t)| *t);
                sub = sub.mut_arg(&id, |a| {
                    let heading = if a.is_positional() { "Argumenty" } else { "Opcje" };
                    let a = a.help_heading(heading);
                    with_values(match text {
                        Some(t) => a.help(t),
                        None => a,
                    })
                });
            }
            match COMMANDS.iter().find(|(c, o, _)| *c == name && o.is_empty()) {
                Some((_, _, about)) => sub.about(*about),
                None => sub,
            }
        });
    }
    with_polish_usage(cmd)
}

/// An argument's default and possible values told in Polish after its help
/// (clap's own "[default: …]" and "[possible values: …]" are hidden).
fn with_values(a: Arg) -> Arg {
    let mut help = a.get_help().map(ToString::to_string).unwrap_or_default();
    let takes = a.get_action().takes_values();
    if !takes {
        return a;
    }
    let defaults: Vec<String> = a.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if !defaults.is_empty() && !a.is_hide_default_value_set() {
        help.push_str(&format!(" [domyślnie: {}]", defaults.join(", ")));
    }
    let possible: Vec<String> =
        a.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_owned()).collect();
    if !possible.is_empty() && !a.is_hide_possible_values_set() {
        help.push_str(&format!(" [możliwe wartości: {}]", possible.join(", ")));
    }
    // The placeholders too: <ŚCIEŻKA>, not <PATH>.
    let names: Vec<clap::builder::Str> = match a.get_value_names() {
        Some(names) => names.iter().map(|n| placeholder(n.as_str()).map_or_else(|| n.clone(), Into::into)).collect(),
        None => placeholder(&a.get_id().as_str().to_uppercase()).into_iter().map(Into::into).collect(),
    };
    let a = a.help(help).hide_default_value(true).hide_possible_values(true);
    if names.is_empty() { a } else { a.value_names(names) }
}

/// A value's placeholder in Polish, where it has one of its own.
fn placeholder(name: &str) -> Option<&'static str> {
    const WORDS: &[(&str, &str)] = &[
        ("PATH", "ŚCIEŻKA"),
        ("SECS", "SEKUNDY"),
        ("LIST", "LISTA"),
        ("BYTES", "BAJTY"),
        ("WHEN", "KIEDY"),
        ("ADDR:PORT", "ADRES:PORT"),
        ("QUERY", "ZAPYTANIE"),
        ("ID_OR_QUERY", "ID_LUB_ZAPYTANIE"),
        ("FILES", "PLIKI"),
        ("VIEW", "WIDOK"),
        ("FIELDS", "POLA"),
        ("COUNT", "LICZBA"),
        ("SEED", "ZIARNO"),
        ("SHELL", "POWŁOKA"),
    ];
    WORDS.iter().find(|(en, _)| *en == name).map(|(_, pl)| *pl)
}

/// Usage lines with "[OPCJE]" for clap's "[OPTIONS]", and clap's generated
/// `help` command told in Polish (both exist only once the command is
/// built, so they are set on the built command).
fn with_polish_usage(mut cmd: Command) -> Command {
    cmd.build();
    let usage = |c: &mut Command| {
        let text = c.render_usage().to_string();
        text.trim_start_matches("Usage:").trim().replace("[OPTIONS]", "[OPCJE]")
    };
    let root = usage(&mut cmd);
    let mut cmd = cmd.override_usage(root);
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_owned()).collect();
    for name in names {
        let Some(sub) = cmd.find_subcommand_mut(&name) else { continue };
        let text = usage(sub);
        cmd = cmd.mut_subcommand(&name, |sub| sub.override_usage(text));
    }
    cmd.mut_subcommand("help", |h| h.about("Pokaż tę pomoc albo pomoc podanych poleceń"))
}

/// A command-line error told in Polish: what is wrong, a hint where clap
/// has one, and where to read more. Help and version are no errors and
/// are printed as they are.
pub fn error(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let get = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::StyledStrs(v)) => Some(v.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let what = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            return None;
        }
        ErrorKind::UnknownArgument => format!("nieznany argument '{arg}'"),
        ErrorKind::InvalidSubcommand => {
            format!("nieznane polecenie '{}'", get(ContextKind::InvalidSubcommand).unwrap_or_default())
        }
        ErrorKind::InvalidValue if value.is_empty() => format!("brak wartości dla '{arg}'"),
        ErrorKind::InvalidValue => format!("niepoprawna wartość '{value}' dla '{arg}'"),
        ErrorKind::ValueValidation => {
            let why = match std::error::Error::source(e) {
                Some(s) => match s.downcast_ref::<std::num::ParseIntError>().map(std::num::ParseIntError::kind) {
                    Some(std::num::IntErrorKind::PosOverflow) => ": liczba za duża".to_owned(),
                    Some(std::num::IntErrorKind::NegOverflow) => ": liczba za mała".to_owned(),
                    Some(_) => ": oczekiwano liczby całkowitej".to_owned(),
                    None => format!(": {}", crate::i18n::message(&s.to_string(), crate::i18n::Lang::Pl)),
                },
                None => String::new(),
            };
            format!("niepoprawna wartość '{value}' dla '{arg}'{why}")
        }
        ErrorKind::MissingRequiredArgument => format!("brak wymaganego argumentu: {arg}"),
        ErrorKind::MissingSubcommand => "brak polecenia".to_owned(),
        ErrorKind::ArgumentConflict => match get(ContextKind::PriorArg) {
            Some(prior) if prior != arg => format!("'{arg}' nie może być użyty razem z '{prior}'"),
            _ => format!("'{arg}' podano więcej niż raz"),
        },
        ErrorKind::TooManyValues => format!("za dużo wartości: '{value}' dla '{arg}'"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!("zła liczba wartości dla '{arg}'"),
        ErrorKind::NoEquals => format!("'{arg}' wymaga wartości po '='"),
        ErrorKind::InvalidUtf8 => "argument nie jest poprawnym UTF-8".to_owned(),
        _ => format!("niepoprawny wiersz poleceń: {}", e.render().to_string().trim()),
    };
    let mut out = format!("błąd: {what}\n");
    if let Some(valid) = get(ContextKind::ValidValue) {
        out.push_str(&format!("  [możliwe wartości: {valid}]\n"));
    }
    for hint in [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand, ContextKind::SuggestedValue] {
        let quoted: Vec<String> = match e.get(hint) {
            Some(ContextValue::String(s)) => vec![format!("'{s}'")],
            Some(ContextValue::Strings(v)) => v.iter().map(|s| format!("'{s}'")).collect(),
            _ => continue,
        };
        if !quoted.is_empty() {
            out.push_str(&format!("\n  wskazówka: może chodziło o {}\n", quoted.join(" lub ")));
        }
    }
    if let Some(usage) = get(ContextKind::Usage) {
        let usage = usage.trim().trim_start_matches("Usage:").trim().replace("[OPTIONS]", "[OPCJE]");
        out.push_str(&format!("\nUżycie: {usage}\n"));
    }
    // The command's own help where the error is in a command.
    let command = get(ContextKind::Usage)
        .and_then(|u| u.split_whitespace().skip_while(|w| *w != "praktyki").nth(1).map(str::to_owned))
        .filter(|w| w.chars().all(|c| c.is_ascii_lowercase()));
    match command {
        Some(c) => out.push_str(&format!("\nWięcej: praktyki {c} --help\n")),
        None => out.push_str("\nWięcej: praktyki --help\n"),
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_option_is_told_in_polish() {
        let cmd = <super::super::Cli as clap::CommandFactory>::command();
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let name = sub.get_name();
            assert!(COMMANDS.iter().any(|(c, o, _)| *c == name && o.is_empty()), "{name}: no Polish about");
            for a in sub.get_arguments().filter(|a| !a.is_global_set() && a.get_id() != "help") {
                let id = a.get_id().as_str();
                assert!(COMMANDS.iter().any(|(c, o, _)| *c == name && *o == id), "{name} {id}: no Polish help");
            }
        }
        let mut pl = polish(cmd);
        let help = pl.render_help().to_string();
        assert!(help.contains("Użycie:") && help.contains("Polecenia") && help.contains("Opcje globalne"), "{help}");
        assert!(!help.contains("Print help") && !help.contains("Global options"), "{help}");
        let export = pl.find_subcommand_mut("export").unwrap().render_long_help().to_string();
        assert!(export.contains("Opcje globalne") && export.contains("Przykłady:"), "{export}");
        assert!(!export.contains("Store file to use") && !export.contains("Global options"), "{export}");
        assert!(!export.contains("Print help"), "{export}");
    }
}
