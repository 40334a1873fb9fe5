//! The words the synthetic stores are made of: the BDP sections, topics of
//! local-government cooperation with their phrases in five cases, names,
//! roles and headings.

/// Positions in [`crate::store::checks::SECTIONS`].
const SPOL: usize = 0;
const TECH: usize = 1;
const INST: usize = 2;
const ENER: usize = 3;
const NGO: usize = 4;
const JST: usize = 5;
const DIAL: usize = 6;
const SMUP: usize = 7;

/// Grammatical cases of a topic phrase, as indices into its forms.
pub const NOM: usize = 0;
pub const GEN: usize = 1;
pub const ACC: usize = 2;
pub const INS: usize = 3;
pub const LOC: usize = 4;

/// A topic of cooperation: how often it is a practice's main topic, the
/// sections it belongs to, its phrases in five cases (nominative,
/// genitive, accusative, instrumental, locative), the titles it gives a
/// practice and sentences only it says.
pub struct Topic {
    pub weight: u32,
    pub sections: &'static [usize],
    pub forms: &'static [[&'static str; 5]],
    pub titles: &'static [&'static str],
    pub facts: &'static [&'static str],
}

#[rustfmt::skip]
pub const TOPICS: &[Topic] = &[
    Topic {
        weight: 12,
        sections: &[TECH, JST],
        forms: &[
            ["gospodarka odpadami", "gospodarki odpadami", "gospodarkę odpadami", "gospodarką odpadami", "gospodarce odpadami"],
            ["odpady komunalne", "odpadów komunalnych", "odpady komunalne", "odpadami komunalnymi", "odpadach komunalnych"],
            ["segregacja odpadów", "segregacji odpadów", "segregację odpadów", "segregacją odpadów", "segregacji odpadów"],
            ["selektywna zbiórka odpadów", "selektywnej zbiórki odpadów", "selektywną zbiórkę odpadów", "selektywną zbiórką odpadów", "selektywnej zbiórce odpadów"],
            ["odbiór odpadów", "odbioru odpadów", "odbiór odpadów", "odbiorem odpadów", "odbiorze odpadów"],
            ["odpady", "odpadów", "odpady", "odpadami", "odpadach"],
        ],
        titles: &[
            "Wspólna gospodarka odpadami",
            "Międzygminny system gospodarki odpadami",
            "Selektywna zbiórka odpadów",
            "Segregacja odpadów komunalnych",
            "Wspólny odbiór odpadów",
        ],
        facts: &[
            "Na terenie związku działa punkt selektywnej zbiórki odpadów komunalnych (PSZOK), z którego korzystają mieszkańcy wszystkich gmin.",
            "Odpady z gmin członkowskich trafiają do regionalnej instalacji przetwarzania odpadów komunalnych.",
            "Wspólny przetarg na odbiór odpadów obniżył koszt obsługi jednego gospodarstwa domowego.",
            "W szkołach prowadzono zajęcia o segregacji odpadów i ograniczaniu ilości śmieci.",
            "Poziom recyklingu w gminach związku wzrósł w ciągu dwóch lat o kilkanaście punktów procentowych.",
        ],
    },
    Topic {
        weight: 8,
        sections: &[TECH],
        forms: &[
            ["kanalizacja", "kanalizacji", "kanalizację", "kanalizacją", "kanalizacji"],
            ["sieć kanalizacyjna", "sieci kanalizacyjnej", "sieć kanalizacyjną", "siecią kanalizacyjną", "sieci kanalizacyjnej"],
            ["oczyszczalnia ścieków", "oczyszczalni ścieków", "oczyszczalnię ścieków", "oczyszczalnią ścieków", "oczyszczalni ścieków"],
            ["gospodarka ściekowa", "gospodarki ściekowej", "gospodarkę ściekową", "gospodarką ściekową", "gospodarce ściekowej"],
            ["odprowadzanie ścieków", "odprowadzania ścieków", "odprowadzanie ścieków", "odprowadzaniem ścieków", "odprowadzaniu ścieków"],
        ],
        titles: &[
            "Wspólna oczyszczalnia ścieków",
            "Budowa kanalizacji",
            "Międzygminna gospodarka ściekowa",
            "Kanalizacja sanitarna",
        ],
        facts: &[
            "Ścieki z sąsiednich gmin odprowadzane są do jednej oczyszczalni ścieków, rozbudowanej w ramach projektu.",
            "Do sieci kanalizacyjnej przyłączono kilkaset gospodarstw domowych.",
            "Gminy wyznaczyły wspólną aglomerację ściekową, co pozwoliło ubiegać się o środki z funduszy unijnych.",
            "Przydomowe oczyszczalnie ścieków objęły miejscowości, w których budowa kanalizacji byłaby zbyt kosztowna.",
        ],
    },
    Topic {
        weight: 10,
        sections: &[TECH, JST],
        forms: &[
            ["transport zbiorowy", "transportu zbiorowego", "transport zbiorowy", "transportem zbiorowym", "transporcie zbiorowym"],
            ["publiczny transport zbiorowy", "publicznego transportu zbiorowego", "publiczny transport zbiorowy", "publicznym transportem zbiorowym", "publicznym transporcie zbiorowym"],
            ["komunikacja publiczna", "komunikacji publicznej", "komunikację publiczną", "komunikacją publiczną", "komunikacji publicznej"],
            ["komunikacja autobusowa", "komunikacji autobusowej", "komunikację autobusową", "komunikacją autobusową", "komunikacji autobusowej"],
            ["linia autobusowa", "linii autobusowej", "linię autobusową", "linią autobusową", "linii autobusowej"],
        ],
        titles: &[
            "Wspólny transport publiczny",
            "Transport zbiorowy",
            "Komunikacja międzygminna",
            "Wspólny bilet",
            "Komunikacja publiczna",
        ],
        facts: &[
            "Gminy wspólnie finansują linie autobusowe łączące wsie z miastem powiatowym.",
            "Wprowadzono wspólny bilet miesięczny, ważny we wszystkich autobusach komunikacji miejskiej i podmiejskiej.",
            "Rozkłady jazdy zostały zsynchronizowane z kursami pociągów regionalnych.",
            "Organizatorem publicznego transportu zbiorowego jest związek międzygminny.",
        ],
    },
    Topic {
        weight: 7,
        sections: &[SPOL, JST],
        forms: &[
            ["dowóz uczniów", "dowozu uczniów", "dowóz uczniów", "dowozem uczniów", "dowozie uczniów"],
            ["dowóz uczniów do szkół", "dowozu uczniów do szkół", "dowóz uczniów do szkół", "dowozem uczniów do szkół", "dowozie uczniów do szkół"],
            ["dowożenie dzieci do szkół", "dowożenia dzieci do szkół", "dowożenie dzieci do szkół", "dowożeniem dzieci do szkół", "dowożeniu dzieci do szkół"],
            ["transport szkolny", "transportu szkolnego", "transport szkolny", "transportem szkolnym", "transporcie szkolnym"],
        ],
        titles: &[
            "Wspólny dowóz uczniów",
            "Dowóz uczniów do szkół",
            "Międzygminny transport szkolny",
            "Gimbus",
        ],
        facts: &[
            "Autobusy szkolne dowożą uczniów z kilku gmin do wspólnego gimnazjum.",
            "Trasy dowozu uczniów do szkół ułożono tak, aby żaden uczeń nie czekał na autobus dłużej niż kwadrans.",
            "Gminy podzieliły koszty dowozu dzieci niepełnosprawnych do szkół specjalnych.",
            "Przetarg na dowóz uczniów przygotowała jedna gmina w imieniu wszystkich partnerów.",
        ],
    },
    Topic {
        weight: 8,
        sections: &[INST, JST],
        forms: &[
            ["e-usługi", "e-usług", "e-usługi", "e-usługami", "e-usługach"],
            ["elektroniczne usługi", "elektronicznych usług", "elektroniczne usługi", "elektronicznymi usługami", "elektronicznych usługach"],
            ["elektroniczne usługi publiczne", "elektronicznych usług publicznych", "elektroniczne usługi publiczne", "elektronicznymi usługami publicznymi", "elektronicznych usługach publicznych"],
            ["e-administracja", "e-administracji", "e-administrację", "e-administracją", "e-administracji"],
            ["elektroniczny obieg dokumentów", "elektronicznego obiegu dokumentów", "elektroniczny obieg dokumentów", "elektronicznym obiegiem dokumentów", "elektronicznym obiegu dokumentów"],
        ],
        titles: &[
            "Wspólne e-usługi",
            "Elektroniczne usługi publiczne",
            "E-urząd",
            "Platforma e-usług",
            "Elektroniczny obieg dokumentów",
        ],
        facts: &[
            "Mieszkańcy mogą złożyć wniosek przez elektroniczną skrzynkę podawczą na platformie ePUAP.",
            "Wspólna platforma e-usług obsługuje płatności podatków lokalnych i opłat za odpady.",
            "Urzędnicy wszystkich gmin przeszli szkolenie z obsługi elektronicznego obiegu dokumentów.",
            "System informacji przestrzennej udostępnia mapy i plany zagospodarowania w internecie.",
        ],
    },
    Topic {
        weight: 6,
        sections: &[SPOL, NGO],
        forms: &[
            ["opieka nad seniorami", "opieki nad seniorami", "opiekę nad seniorami", "opieką nad seniorami", "opiece nad seniorami"],
            ["seniorzy", "seniorów", "seniorów", "seniorami", "seniorach"],
            ["polityka senioralna", "polityki senioralnej", "politykę senioralną", "polityką senioralną", "polityce senioralnej"],
            ["aktywizacja osób starszych", "aktywizacji osób starszych", "aktywizację osób starszych", "aktywizacją osób starszych", "aktywizacji osób starszych"],
            ["dzienny dom pomocy", "dziennego domu pomocy", "dzienny dom pomocy", "dziennym domem pomocy", "dziennym domu pomocy"],
        ],
        titles: &[
            "Klub Seniora",
            "Aktywny senior",
            "Opieka nad seniorami",
            "Uniwersytet Trzeciego Wieku",
            "Polityka senioralna",
        ],
        facts: &[
            "W ramach projektu działa Uniwersytet Trzeciego Wieku, na którego zajęcia zapisało się ponad stu słuchaczy.",
            "Rada Seniorów opiniuje uchwały dotyczące osób starszych.",
            "Wolontariusze odwiedzają samotnych seniorów i pomagają im w codziennych sprawach.",
            "Teleopieka zapewnia osobom starszym szybki kontakt z opiekunem przez całą dobę.",
        ],
    },
    Topic {
        weight: 6,
        sections: &[SPOL, NGO],
        forms: &[
            ["kultura", "kultury", "kulturę", "kulturą", "kulturze"],
            ["oferta kulturalna", "oferty kulturalnej", "ofertę kulturalną", "ofertą kulturalną", "ofercie kulturalnej"],
            ["dziedzictwo kulturowe", "dziedzictwa kulturowego", "dziedzictwo kulturowe", "dziedzictwem kulturowym", "dziedzictwie kulturowym"],
            ["biblioteka publiczna", "biblioteki publicznej", "bibliotekę publiczną", "biblioteką publiczną", "bibliotece publicznej"],
            ["wydarzenia kulturalne", "wydarzeń kulturalnych", "wydarzenia kulturalne", "wydarzeniami kulturalnymi", "wydarzeniach kulturalnych"],
        ],
        titles: &[
            "Wspólna oferta kulturalna",
            "Dziedzictwo kulturowe",
            "Festiwal kultury",
            "Sieć bibliotek publicznych",
            "Centrum Kultury",
        ],
        facts: &[
            "Domy kultury z gmin partnerskich przygotowują wspólny kalendarz wydarzeń.",
            "Biblioteki publiczne prowadzą wspólny katalog i wymieniają się księgozbiorem.",
            "Co roku odbywa się festiwal folkloru, w którym występują zespoły ludowe z całego powiatu.",
        ],
    },
    Topic {
        weight: 7,
        sections: &[JST, INST],
        forms: &[
            ["turystyka", "turystyki", "turystykę", "turystyką", "turystyce"],
            ["ruch turystyczny", "ruchu turystycznego", "ruch turystyczny", "ruchem turystycznym", "ruchu turystycznym"],
            ["promocja turystyczna", "promocji turystycznej", "promocję turystyczną", "promocją turystyczną", "promocji turystycznej"],
            ["szlak rowerowy", "szlaku rowerowego", "szlak rowerowy", "szlakiem rowerowym", "szlaku rowerowym"],
            ["produkt turystyczny", "produktu turystycznego", "produkt turystyczny", "produktem turystycznym", "produkcie turystycznym"],
        ],
        titles: &[
            "Wspólna promocja turystyczna",
            "Szlak rowerowy",
            "Lokalna Organizacja Turystyczna",
            "Produkt turystyczny",
            "Turystyka bez granic",
        ],
        facts: &[
            "Gminy wyznakowały wspólny szlak rowerowy o długości kilkudziesięciu kilometrów.",
            "Punkty informacji turystycznej w gminach partnerskich udostępniają jedną mapę regionu.",
            "Wspólna promocja na targach turystycznych przyciągnęła więcej odwiedzających.",
        ],
    },
    Topic {
        weight: 9,
        sections: &[ENER],
        forms: &[
            ["termomodernizacja", "termomodernizacji", "termomodernizację", "termomodernizacją", "termomodernizacji"],
            ["termomodernizacja budynków publicznych", "termomodernizacji budynków publicznych", "termomodernizację budynków publicznych", "termomodernizacją budynków publicznych", "termomodernizacji budynków publicznych"],
            ["efektywność energetyczna", "efektywności energetycznej", "efektywność energetyczną", "efektywnością energetyczną", "efektywności energetycznej"],
            ["odnawialne źródła energii", "odnawialnych źródeł energii", "odnawialne źródła energii", "odnawialnymi źródłami energii", "odnawialnych źródłach energii"],
            ["oświetlenie uliczne", "oświetlenia ulicznego", "oświetlenie uliczne", "oświetleniem ulicznym", "oświetleniu ulicznym"],
            ["zakup energii", "zakupu energii", "zakup energii", "zakupem energii", "zakupie energii"],
        ],
        titles: &[
            "Termomodernizacja budynków publicznych",
            "Wspólny zakup energii",
            "Efektywność energetyczna",
            "Klaster energii",
            "Modernizacja oświetlenia ulicznego",
            "Odnawialne źródła energii",
        ],
        facts: &[
            "Termomodernizacja szkół i urzędów obniżyła zużycie ciepła o jedną trzecią.",
            "Grupa zakupowa gmin wyłoniła w przetargu jednego sprzedawcę energii elektrycznej.",
            "Na dachach budynków publicznych zamontowano panele fotowoltaiczne i kolektory słoneczne.",
            "Wymiana opraw oświetlenia ulicznego na lampy LED zmniejszyła rachunki za energię.",
            "Gminy przyjęły wspólny plan gospodarki niskoemisyjnej.",
        ],
    },
    Topic {
        weight: 7,
        sections: &[TECH, JST],
        forms: &[
            ["drogi gminne", "dróg gminnych", "drogi gminne", "drogami gminnymi", "drogach gminnych"],
            ["drogi lokalne", "dróg lokalnych", "drogi lokalne", "drogami lokalnymi", "drogach lokalnych"],
            ["utrzymanie dróg", "utrzymania dróg", "utrzymanie dróg", "utrzymaniem dróg", "utrzymaniu dróg"],
            ["zimowe utrzymanie dróg", "zimowego utrzymania dróg", "zimowe utrzymanie dróg", "zimowym utrzymaniem dróg", "zimowym utrzymaniu dróg"],
            ["przebudowa drogi powiatowej", "przebudowy drogi powiatowej", "przebudowę drogi powiatowej", "przebudową drogi powiatowej", "przebudowie drogi powiatowej"],
        ],
        titles: &[
            "Wspólne utrzymanie dróg",
            "Przebudowa drogi powiatowej",
            "Drogi lokalne",
            "Zimowe utrzymanie dróg",
            "Bezpieczna droga do szkoły",
        ],
        facts: &[
            "Powiat i gminy dzielą się kosztami przebudowy dróg po połowie.",
            "Wspólny sprzęt do odśnieżania obsługuje drogi gminne i powiatowe.",
            "Wzdłuż przebudowanej drogi powstały chodniki i ścieżka rowerowa.",
        ],
    },
    Topic {
        weight: 6,
        sections: &[TECH],
        forms: &[
            ["zaopatrzenie w wodę", "zaopatrzenia w wodę", "zaopatrzenie w wodę", "zaopatrzeniem w wodę", "zaopatrzeniu w wodę"],
            ["wodociągi", "wodociągów", "wodociągi", "wodociągami", "wodociągach"],
            ["sieć wodociągowa", "sieci wodociągowej", "sieć wodociągową", "siecią wodociągową", "sieci wodociągowej"],
            ["stacja uzdatniania wody", "stacji uzdatniania wody", "stację uzdatniania wody", "stacją uzdatniania wody", "stacji uzdatniania wody"],
            ["woda pitna", "wody pitnej", "wodę pitną", "wodą pitną", "wodzie pitnej"],
        ],
        titles: &[
            "Wspólne wodociągi",
            "Zaopatrzenie w wodę",
            "Sieć wodociągowa",
            "Czysta woda",
            "Stacja uzdatniania wody",
        ],
        facts: &[
            "Międzygminna spółka wodociągowa dostarcza wodę pitną do kilkunastu miejscowości.",
            "Nowa stacja uzdatniania wody zastąpiła kilka przestarzałych ujęć.",
            "Wspólne laboratorium bada jakość wody we wszystkich gminach.",
        ],
    },
    Topic {
        weight: 7,
        sections: &[SPOL],
        forms: &[
            ["pomoc społeczna", "pomocy społecznej", "pomoc społeczną", "pomocą społeczną", "pomocy społecznej"],
            ["usługi opiekuńcze", "usług opiekuńczych", "usługi opiekuńcze", "usługami opiekuńczymi", "usługach opiekuńczych"],
            ["usługi społeczne", "usług społecznych", "usługi społeczne", "usługami społecznymi", "usługach społecznych"],
            ["wsparcie rodzin", "wsparcia rodzin", "wsparcie rodzin", "wsparciem rodzin", "wsparciu rodzin"],
            ["integracja społeczna", "integracji społecznej", "integrację społeczną", "integracją społeczną", "integracji społecznej"],
        ],
        titles: &[
            "Centrum usług społecznych",
            "Usługi opiekuńcze",
            "Wsparcie rodzin",
            "Integracja społeczna",
            "Mieszkania chronione",
        ],
        facts: &[
            "Ośrodki pomocy społecznej z gmin partnerskich zatrudniają wspólnie asystenta rodziny.",
            "Osoby niepełnosprawne korzystają z warsztatów terapii zajęciowej prowadzonych przez powiat.",
            "Centrum integracji społecznej pomaga długotrwale bezrobotnym wrócić na rynek pracy.",
        ],
    },
    Topic {
        weight: 6,
        sections: &[NGO],
        forms: &[
            ["organizacje pozarządowe", "organizacji pozarządowych", "organizacje pozarządowe", "organizacjami pozarządowymi", "organizacjach pozarządowych"],
            ["współpraca z organizacjami pozarządowymi", "współpracy z organizacjami pozarządowymi", "współpracę z organizacjami pozarządowymi", "współpracą z organizacjami pozarządowymi", "współpracy z organizacjami pozarządowymi"],
            ["stowarzyszenia", "stowarzyszeń", "stowarzyszenia", "stowarzyszeniami", "stowarzyszeniach"],
            ["sektor pozarządowy", "sektora pozarządowego", "sektor pozarządowy", "sektorem pozarządowym", "sektorze pozarządowym"],
            ["inicjatywa lokalna", "inicjatywy lokalnej", "inicjatywę lokalną", "inicjatywą lokalną", "inicjatywie lokalnej"],
        ],
        titles: &[
            "Współpraca z organizacjami pozarządowymi",
            "Inkubator organizacji pozarządowych",
            "Fundusz lokalny",
            "Inicjatywa lokalna",
            "Rada Działalności Pożytku Publicznego",
        ],
        facts: &[
            "Roczny program współpracy z organizacjami pozarządowymi przygotowano wspólnie ze stowarzyszeniami.",
            "W otwartym konkursie ofert organizacje pozarządowe otrzymały dotacje na zadania publiczne.",
            "Centrum Organizacji Pozarządowych udostępnia stowarzyszeniom salę i doradztwo księgowe.",
        ],
    },
    Topic {
        weight: 4,
        sections: &[DIAL],
        forms: &[
            ["konsultacje społeczne", "konsultacji społecznych", "konsultacje społeczne", "konsultacjami społecznymi", "konsultacjach społecznych"],
            ["budżet obywatelski", "budżetu obywatelskiego", "budżet obywatelski", "budżetem obywatelskim", "budżecie obywatelskim"],
            ["dialog społeczny", "dialogu społecznego", "dialog społeczny", "dialogiem społecznym", "dialogu społecznym"],
            ["partycypacja mieszkańców", "partycypacji mieszkańców", "partycypację mieszkańców", "partycypacją mieszkańców", "partycypacji mieszkańców"],
        ],
        titles: &[
            "Konsultacje społeczne",
            "Budżet obywatelski",
            "Dialog społeczny",
            "Partycypacja mieszkańców",
        ],
        facts: &[
            "Mieszkańcy zgłosili kilkadziesiąt projektów do budżetu obywatelskiego.",
            "Konsultacje prowadzono w formie spotkań, ankiet internetowych i spacerów badawczych.",
            "Komisja dialogu społecznego spotyka się raz na kwartał.",
        ],
    },
    Topic {
        weight: 3,
        sections: &[SMUP],
        forms: &[
            ["monitorowanie usług publicznych", "monitorowania usług publicznych", "monitorowanie usług publicznych", "monitorowaniem usług publicznych", "monitorowaniu usług publicznych"],
            ["jakość usług publicznych", "jakości usług publicznych", "jakość usług publicznych", "jakością usług publicznych", "jakości usług publicznych"],
            ["wskaźniki usług", "wskaźników usług", "wskaźniki usług", "wskaźnikami usług", "wskaźnikach usług"],
            ["benchmarking", "benchmarkingu", "benchmarking", "benchmarkingiem", "benchmarkingu"],
        ],
        titles: &[
            "System Monitorowania Usług Publicznych",
            "Monitorowanie usług publicznych",
            "Jakość usług publicznych",
            "Benchmarking usług",
        ],
        facts: &[
            "Dane o usługach oświatowych i komunalnych gromadzone są w Systemie Monitorowania Usług Publicznych.",
            "Porównanie wskaźników z innymi gminami pokazało, gdzie koszty usług są najwyższe.",
            "Raport z monitorowania usług publicznych przedstawiono radzie gminy.",
        ],
    },
    Topic {
        weight: 5,
        sections: &[SPOL, INST],
        forms: &[
            ["oświata", "oświaty", "oświatę", "oświatą", "oświacie"],
            ["edukacja przedszkolna", "edukacji przedszkolnej", "edukację przedszkolną", "edukacją przedszkolną", "edukacji przedszkolnej"],
            ["szkoły", "szkół", "szkoły", "szkołami", "szkołach"],
            ["sieć szkół", "sieci szkół", "sieć szkół", "siecią szkół", "sieci szkół"],
        ],
        titles: &[
            "Międzygminna sieć szkół",
            "Centrum Usług Wspólnych",
            "Edukacja przedszkolna",
            "Wspólna oświata",
        ],
        facts: &[
            "Centrum usług wspólnych prowadzi księgowość wszystkich szkół i przedszkoli w gminach partnerskich.",
            "Nauczyciele z małych szkół wiejskich korzystają ze wspólnego programu doskonalenia.",
            "Gminy ustaliły wspólne zasady naboru do przedszkoli.",
        ],
    },
];

/// Sentences about any topic. `{N}`, `{G}`, `{A}`, `{I}`, `{L}` take the
/// topic in a case, `{a}` another topic in the accusative; `{t}` is the
/// practice's town, `{u}` a partner town, `{p}` its county ("powiatu
/// wielickiego", or "miasta Kraków"), `{y}` a year, `{n}` a count, `{%}` a
/// percentage. A template never starts with a slot.
pub const TOPIC_SENTENCES: &[&str] = &[
    "Celem praktyki była poprawa jakości {G} na terenie gmin partnerskich.",
    "Wspólne zadania w zakresie {G} realizowane są na podstawie porozumienia międzygminnego.",
    "Przed wdrożeniem każda gmina samodzielnie odpowiadała za organizację {G}, co podnosiło koszty.",
    "Koszty {G} w przeliczeniu na mieszkańca spadły o {%} procent.",
    "Mieszkańcy gminy {t} wysoko ocenili zmiany w zakresie {G}.",
    "W {y} roku przygotowano wspólną diagnozę potrzeb dotyczących {G}.",
    "Program rozwoju {G} przyjęły rady wszystkich gmin uczestniczących w projekcie.",
    "Zespół roboczy opracował standardy {G} obowiązujące we wszystkich gminach.",
    "Brak wspólnej polityki w dziedzinie {G} powodował wysokie koszty i niską jakość usług.",
    "Praktyka dotyczy {G} na terenie {p}.",
    "Porozumienie obejmuje {A} oraz {a}.",
    "Gmina {t} przejęła od sąsiednich gmin {A} w zamian za udział w kosztach.",
    "Partnerzy wspólnie finansują {A} ze środków własnych i z funduszy unijnych.",
    "Projekt wsparł {A} w gminach wiejskich, w tym w gminie {u}.",
    "Dzięki współpracy udało się usprawnić {A} bez zwiększania zatrudnienia w urzędach.",
    "Zarządzanie {I} powierzono związkowi międzygminnemu.",
    "Wcześniej gminy zajmowały się {I} osobno, bez wspólnego planu.",
    "Za sprawy związane z {I} odpowiada koordynator zatrudniony przez lidera partnerstwa.",
    "Zainteresowanie {I} rośnie z roku na rok, także w gminie {u}.",
    "Informacje o {L} publikowane są na stronach internetowych gmin i w lokalnej prasie.",
    "O {L} rozmawiano na spotkaniach z sołtysami i radnymi.",
    "Doświadczenia zdobyte przy {L} wykorzystano w kolejnych projektach.",
    "Rada gminy {t} przyjęła uchwałę o {L} w {y} roku.",
    "Główny temat praktyki to {N}.",
    "Najwięcej pytań mieszkańców dotyczyło {G}.",
];

/// Sentences about the cooperation itself, with the same slots.
pub const GENERIC_SENTENCES: &[&str] = &[
    "Porozumienie międzygminne podpisano w {y} roku.",
    "Liderem partnerstwa jest gmina {t}, a pozostali partnerzy uczestniczą w kosztach proporcjonalnie do liczby mieszkańców.",
    "Współpraca opiera się na zaufaniu i regularnych spotkaniach wójtów i burmistrzów.",
    "Projekt współfinansowano ze środków Unii Europejskiej w ramach regionalnego programu operacyjnego.",
    "Praktykę można przenieść do innych jednostek samorządu terytorialnego o podobnej wielkości.",
    "Największą trudnością było uzgodnienie podziału kosztów między gminami.",
    "Rezultaty praktyki są monitorowane co roku na podstawie wskaźników przyjętych w porozumieniu.",
    "W pracach zespołu uczestniczyło {n} przedstawicieli samorządów i organizacji.",
    "Do partnerstwa przystąpiły kolejne gminy, między innymi gmina {u}.",
    "Wspólne działania objęły cały obszar {p}.",
    "Starosta i burmistrzowie spotykają się raz w miesiącu, by omówić postęp prac.",
    "Dokumenty przygotowane przez partnerów udostępniono innym samorządom.",
    "Kluczowe okazało się poparcie radnych i zaangażowanie pracowników urzędów.",
];

/// Heads of titles that name the body rather than the topic.
pub const INSTITUTION_HEADS: &[&str] = &[
    "Aglomeracja",
    "Związek Gmin",
    "Partnerstwo",
    "Porozumienie gmin",
    "Centrum Usług Wspólnych",
    "Lokalna Grupa Działania",
    "Stowarzyszenie Gmin",
    "Związek Powiatów",
    "Obszar funkcjonalny",
    "Partnerska współpraca samorządów",
];

/// Regions of each voivodeship (in the order of `VOIVODESHIPS`), in the
/// genitive, as titles name them.
pub const REGIONS: [&[&str]; 16] = [
    &["Ziemi Kłodzkiej", "Doliny Baryczy", "Karkonoszy", "Ziemi Wałbrzyskiej"],
    &["Kujaw", "Borów Tucholskich", "Ziemi Dobrzyńskiej", "Krajny"],
    &["Roztocza", "Doliny Bugu", "Polesia Lubelskiego", "Ziemi Lubelskiej"],
    &["Nadodrza", "Ziemi Lubuskiej", "Łuku Mużakowa", "Pojezierza Łagowskiego"],
    &["Ziemi Łódzkiej", "Doliny Pilicy", "Ziemi Sieradzkiej", "Ziemi Łowickiej"],
    &["Podhala", "Sądecczyzny", "Doliny Dunajca", "Ziemi Krakowskiej"],
    &["Kurpi", "Doliny Liwca", "Puszczy Kampinoskiej", "Mazowsza Płockiego"],
    &["Śląska Opolskiego", "Ziemi Nyskiej", "Doliny Małej Panwi", "Ziemi Prudnickiej"],
    &["Bieszczadów", "Doliny Sanu", "Pogórza Dynowskiego", "Beskidu Niskiego"],
    &["Podlasia", "Doliny Biebrzy", "Puszczy Białowieskiej", "Suwalszczyzny"],
    &["Kaszub", "Żuław", "Kociewia", "Pomorza Środkowego"],
    &["Beskidu Żywieckiego", "Ziemi Cieszyńskiej", "Jury Krakowsko-Częstochowskiej", "Górnego Śląska"],
    &["Ponidzia", "Doliny Nidy", "Gór Świętokrzyskich", "Ziemi Sandomierskiej"],
    &["Warmii", "Pojezierza Mazurskiego", "Krainy Wielkich Jezior", "Ziemi Lubawskiej"],
    &["Doliny Warty", "Ziemi Kaliskiej", "Pałuk", "Puszczy Noteckiej"],
    &["Pomorza Zachodniego", "Pojezierza Drawskiego", "Doliny Dolnej Odry", "Wyspy Wolin"],
];

pub const FIRST: &[&str] = &[
    "Anna",
    "Małgorzata",
    "Katarzyna",
    "Agnieszka",
    "Łucja",
    "Zofia",
    "Jan",
    "Piotr",
    "Krzysztof",
    "Paweł",
    "Łukasz",
    "Michał",
    "Grzegorz",
    "Bożena",
    "Józef",
    "Żaneta",
];

pub const LAST: &[&str] = &[
    "Nowak",
    "Kowalska",
    "Wiśniewski",
    "Wójcik",
    "Kamińska",
    "Lewandowski",
    "Zieliński",
    "Szymańska",
    "Woźniak",
    "Dąbrowski",
    "Kozłowska",
    "Jankowski",
    "Mazur",
    "Krawczyk",
    "Piątek",
    "Grabowska",
    "Pawłowski",
    "Michalska",
    "Król",
    "Wieczorek",
    "Jabłoński",
    "Nowakowska",
    "Majewski",
    "Olszewska",
    "Stępień",
    "Malinowski",
    "Jaworska",
    "Adamczyk",
    "Dudek",
    "Nowicki",
    "Pająk",
    "Górecka",
    "Żak",
    "Sikora",
];

pub const ROLES: &[&str] = &[
    "Dyrektor Biura",
    "Koordynator projektu",
    "Kierownik Referatu Rozwoju",
    "Sekretarz Gminy",
    "Specjalista ds. współpracy",
    "Prezes Zarządu",
];

pub const SECTION_HEADINGS: &[&str] = &[
    "Opis sytuacji przed wdrożeniem",
    "Cele praktyki",
    "Opis wdrożenia",
    "Zasoby",
    "Rezultaty",
    "Monitoring i ewaluacja",
    "Trudności i bariery",
    "Kluczowe czynniki sukcesu",
    "Możliwość wykorzystania w innych JST",
    "Wnioski",
];

pub const ATTACHMENT_NAMES: &[&str] = &[
    "porozumienie międzygminne",
    "harmonogram wdrożenia",
    "raport z ewaluacji",
    "prezentacja",
    "uchwała rady gminy",
    "mapa obszaru",
    "regulamin",
    "zdjęcia",
    "budżet projektu",
    "ankieta dla mieszkańców",
];

pub const FORMATS: &[&str] = &["pdf", "docx", "xlsx", "jpg", "zip"];

pub const STREETS: &[&str] = &["Główna", "Rynek", "Kościuszki", "Mickiewicza", "Żeromskiego", "Słoneczna"];
