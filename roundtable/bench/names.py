"""Word material for the generated dataset: names as they occur in a German
town with immigration (German, Danish-Frisian, Turkish, Arabic, Polish,
Ukrainian, West African, Persian ...), districts, streets and topics.

Kept apart from the generator so the generator reads as the shape of the data.
"""

GIVEN_NAMES = {
    "Frau": (
        "Anna", "Birte", "Claudia", "Doris", "Elke", "Frauke", "Gesa", "Heike", "Inga", "Julia",
        "Katrin", "Lena", "Maren", "Nadine", "Petra", "Sabine", "Silke", "Ute", "Wiebke",
        "Aylin", "Elif", "Merve", "Zeynep", "Fatma", "Amira", "Layla", "Nour", "Rania",
        "Agnieszka", "Katarzyna", "Magdalena", "Olena", "Iryna", "Oksana", "Natalia",
        "Fatima", "Maryam", "Shirin", "Ama", "Adjoa", "Chiara", "Ana", "Jelena", "Rahel",
    ),
    "Herr": (
        "Andreas", "Bernd", "Christian", "Dirk", "Frank", "Hauke", "Henning", "Jens", "Jörg",
        "Klaus", "Lars", "Martin", "Nils", "Ole", "Peter", "Sönke", "Thomas", "Uwe", "Volker",
        "Mehmet", "Mustafa", "Yusuf", "Emre", "Hakan", "Ahmad", "Mahmoud", "Omar", "Samir",
        "Khaled", "Piotr", "Tomasz", "Krzysztof", "Andrij", "Dmytro", "Serhij", "Arash",
        "Reza", "Kwame", "Kofi", "Dawit", "Marco", "Luis", "Dragan", "Ibrahim",
    ),
}

FAMILY_NAMES = (
    "Hansen", "Petersen", "Jensen", "Christiansen", "Nissen", "Carstensen", "Jürgensen",
    "Thomsen", "Lorenzen", "Paulsen", "Feddersen", "Brodersen", "Schmidt", "Müller", "Meyer",
    "Schulz", "Wagner", "Becker", "Hoffmann", "Schäfer", "Koch", "Richter", "Klein", "Wolf",
    "Schröder", "Neumann", "Schwarz", "Krüger", "Hartmann", "Lange", "Werner", "Köhler",
    "Demir", "Yılmaz", "Kaya", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan", "Doğan",
    "Al-Hassan", "Haddad", "Khalil", "Mansour", "Saleh", "Nasser", "Ibrahim", "Darwish",
    "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamińska", "Lewandowski",
    "Kovalenko", "Bondarenko", "Shevchenko", "Tkachenko", "Melnyk", "Rahimi", "Karimi",
    "Hosseini", "Ahmadi", "Mensah", "Owusu", "Boateng", "Asante", "Tesfaye", "Haile",
    "Rossi", "Ferreira", "Popović", "Jovanović", "Dimitrov", "Nguyen",
)

ACADEMIC_TITLES = ("", "", "", "", "", "", "", "", "", "Dr.", "Prof. Dr.")

LANGUAGE_SETS = (
    ("de",), ("de",), ("de", "en"), ("de", "da"), ("de", "tr"), ("tr", "de"), ("ar", "de"),
    ("ar", "fr", "de"), ("pl", "de"), ("uk", "ru", "de"), ("ru", "de"), ("fa", "de"),
    ("prs", "fa"), ("en", "fr", "de"), ("ti", "am"), ("ku", "tr", "de"), ("sr", "de"),
)

DISTRICTS = (
    "Altstadt", "Neustadt", "Nordstadt", "Westliche Höhe", "Friesischer Berg", "Weiche",
    "Südstadt", "Sandberg", "Jürgensby", "Fruerlund", "Mürwik", "Engelsby", "Tarup",
    "Klues", "Adelby", "Hafen",
)

STREETS = (
    "Friesische Straße", "Norderstraße", "Große Straße", "Holm", "Rathausstraße",
    "Schiffbrücke", "Mühlenstraße", "Bahnhofstraße", "Waldstraße", "Am Pferdewasser",
    "Südergraben", "Nordergraben", "Heinrichstraße", "Marienhölzungsweg", "Kappelner Straße",
    "Husumer Straße", "Harrisleer Straße", "Glücksburger Straße", "Apenrader Straße",
)

ORIGINS = (
    "Türkisch", "Syrisch", "Afghanisch", "Ukrainisch", "Polnisch", "Eritreisch",
    "Irakisch", "Iranisch", "Kurdisch", "Ghanaisch", "Russisch", "Griechisch",
    "Italienisch", "Portugiesisch", "Vietnamesisch", "Somalisch",
)

# (pattern, kind); {origin}, {district}, {n}, {street} are filled in
ORGANISATION_PATTERNS = (
    ("{origin}-Deutscher Kulturverein {district} e. V.", "mso"),
    ("{origin}er Elternverein {district} e. V.", "mso"),
    ("Frauentreff {district} e. V.", "club"),
    ("Sportverein {district} von {n} e. V.", "club"),
    ("Nachbarschaftshilfe {district} e. V.", "club"),
    ("Stadtteilzentrum {district}", "welfare"),
    ("Migrationsberatung {district} (Diakonie)", "welfare"),
    ("Jugendmigrationsdienst {district} (AWO)", "welfare"),
    ("Kirchengemeinde {district}", "religious"),
    ("Moscheegemeinde {district} e. V.", "religious"),
    ("Grundschule {district}", "education"),
    ("Sprachschule {street}", "education"),
    ("Familienzentrum {district}", "administration"),
    ("Ortsbeirat {district}", "administration"),
    ("Handwerksinnung {district}", "chamber"),
)

# topics of agenda items per field of action; "" = any body
TOPICS = {
    "": (
        "Bericht aus dem Vorstand", "Berichte aus den Arbeitsgruppen", "Haushalt und Förderanträge",
        "Interkulturelle Woche: Planung", "Öffentlichkeitsarbeit und Newsletter",
        "Termine und Veranstaltungen", "Anfragen aus der Verwaltung", "Wahl der Delegierten",
        "Umsetzungsbericht Integrationskonzept", "Stellungnahme zur Kommunalwahl",
    ),
    "housing": ("Wohnungsmarkt-Bericht der Stadt", "Gemeinschaftsunterkünfte: Besuchsbericht",
                "Diskriminierungsschutz bei der Vermietung", "Mietschuldenberatung"),
    "language": ("Wartelisten der Integrationskurse", "Sprachcafés in den Stadtteilen",
                 "Kita-Einstieg: Brücken bauen", "Herkunftssprachlicher Unterricht"),
    "work": ("Anerkennung von Abschlüssen", "Ausbildungsmesse im Frühjahr",
             "Arbeitsmarktzugang für Geduldete", "Mentoring-Programm der IHK"),
    "health": ("Sprachmittlung im Krankenhaus", "Psychosoziale Versorgung Geflüchteter",
               "Gesundheitslotsinnen: Projektstand", "Impfkampagne mehrsprachig"),
    "participation": ("Beteiligung an der Stadtteilplanung", "Einbürgerungsfeier",
                      "Wahlbeteiligung von Eingebürgerten", "Vereinsgründungen begleiten"),
    "women": ("Schutzkonzept für Unterkünfte", "Empowerment-Workshops",
              "Beratung bei häuslicher Gewalt: Zugänge", "Frauencafé im Stadtteil"),
    "early_childhood": ("Kita-Plätze für neu zugewanderte Familien", "Elternbegleitung",
                        "Frühe Hilfen mehrsprachig", "Sprachstandsfeststellung"),
}

DISCUSSION = (
    "Die Mitglieder tauschen sich über den aktuellen Stand aus. {title}: Es wird über "
    "Erfahrungen aus den Stadtteilen berichtet; mehrere Organisationen bieten an, sich "
    "an den nächsten Schritten zu beteiligen. Offene Fragen werden an die Verwaltung "
    "weitergegeben, die Koordinierungsstelle hält den Kontakt."
)
