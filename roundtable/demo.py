"""Demo data: a town's round table on integration as it might look in 2026.

Invented persons and organisations modelled on public descriptions of round
tables in Flensburg and elsewhere; about half of the persons consented to be
named publicly, as in real life.
"""
from datetime import date

from .bodies.resources import Body, Membership
from .people.resources import Organisation, Person
from .text import slugify

ORGANISATIONS = [
    ("Türkischer Elternverein Flensburg e. V.", "mso", "Friesische Straße 12", "24937"),
    ("Syrisch-Deutscher Kulturverein e. V.", "mso", "Norderstraße 58", "24939"),
    ("Ukrainischer Verein Nordlicht e. V.", "mso", "Neustadt 7", "24939"),
    ("Afrikanisches Forum Schleswig-Holstein e. V.", "mso", "Holm 19", "24937"),
    ("Deutsch-Polnische Gesellschaft Flensburg", "club", "Rathausstraße 3", "24937"),
    ("Diakonisches Werk Flensburg", "welfare", "Johanniskirchhof 19", "24937"),
    ("Caritasverband Flensburg", "welfare", "Nordergraben 36", "24937"),
    ("Arbeiterwohlfahrt Kreisverband Flensburg", "welfare", "Schiffbrücke 21", "24939"),
    ("Deutsches Rotes Kreuz Flensburg", "welfare", "Kurt-Schumacher-Straße 2", "24943"),
    ("Ev.-Luth. Kirchenkreis Schleswig-Flensburg", "religious", "Mühlenstraße 19", "24937"),
    ("Islamische Gemeinde Flensburg e. V.", "religious", "Harrisleer Straße 40", "24939"),
    ("Katholische Pfarrei St. Ansgar", "religious", "Nordergraben 40", "24937"),
    ("Volkshochschule Flensburg", "education", "Südergraben 2", "24937"),
    ("Integrationskurs-Zentrum Nord", "education", "Bahnhofstraße 30", "24937"),
    ("Industrie- und Handelskammer Flensburg", "chamber", "Heinrichstraße 28–34", "24937"),
    ("Handwerkskammer Flensburg", "chamber", "Johanniskirchhof 1–7", "24937"),
    ("Jobcenter Flensburg", "administration", "Waldstraße 2", "24939"),
    ("Ausländerbehörde der Stadt Flensburg", "administration", "Am Pferdewasser 14", "24937"),
    ("SV Adelby 1888 e. V.", "club", "Tastruper Weg 5", "24943"),
    ("Frauennetzwerk Mira e. V.", "club", "Große Straße 80", "24937"),
]

# salutation, given, family, languages, consent, organisation index or None
PERSONS = [
    ("Frau", "Aylin", "Demir", ("de", "tr"), True, 0),
    ("Herr", "Mahmoud", "Al-Hassan", ("de", "ar", "en"), True, 1),
    ("Frau", "Olena", "Kovalenko", ("uk", "ru", "de"), False, 2),
    ("Herr", "Kwame", "Mensah", ("en", "fr", "de"), True, 3),
    ("Frau", "Agnieszka", "Nowak", ("pl", "de"), True, 4),
    ("Frau", "Birte", "Hansen", ("de", "da"), True, 5),
    ("Herr", "Thomas", "Petersen", ("de",), False, 6),
    ("Frau", "Sabine", "Jürgensen", ("de", "en"), True, 7),
    ("Herr", "Jens", "Christiansen", ("de", "da"), False, 8),
    ("Frau", "Dr. Maren", "Lorenzen", ("de", "en"), True, 9),
    ("Herr", "Yusuf", "Özdemir", ("de", "tr", "ar"), True, 10),
    ("Herr", "Piotr", "Wiśniewski", ("pl", "de"), False, 11),
    ("Frau", "Claudia", "Schmidt", ("de", "en", "fr"), True, 12),
    ("Frau", "Fatima", "Rahimi", ("fa", "de"), False, 13),
    ("Herr", "Henning", "Thomsen", ("de",), True, 14),
    ("Herr", "Sönke", "Nissen", ("de",), False, 15),
    ("Frau", "Heike", "Brodersen", ("de",), True, 16),
    ("Herr", "Martin", "Carstensen", ("de", "en"), True, 17),
    ("Frau", "Merve", "Yılmaz", ("de", "tr"), True, 19),
    ("Herr", "Dawit", "Tesfaye", ("ti", "am", "de"), False, None),
    ("Frau", "Ingrid", "Feddersen", ("de",), True, None),
    ("Herr", "Samir", "Haddad", ("ar", "fr", "de"), True, None),
    ("Frau", "Lena", "Paulsen", ("de", "en"), False, None),
    ("Herr", "Arash", "Karimi", ("fa", "de", "en"), True, None),
]

FIELD_GROUPS = [
    ("AG Wohnen", "AG W", "housing", "Bezahlbarer Wohnraum, Unterbringung, Nachbarschaft."),
    ("AG Sprache und Bildung", "AG SB", "language", "Sprachkurse, Schule, Weiterbildung."),
    ("AG Arbeit und Ausbildung", "AG AA", "work", "Anerkennung von Abschlüssen, Ausbildung, Arbeitsmarkt."),
    ("AG Gesundheit", "AG G", "health", "Zugang zum Gesundheitssystem, Sprachmittlung."),
    ("AG Mädchen und Frauen", "AG MF", "women", "Empowerment, Schutz und Teilhabe von Mädchen und Frauen."),
]


def populate(portal):
    people, orgs, bodies = portal["people"], portal["organisations"], portal["bodies"]
    portal.imprint = (
        "Runder Tisch für Integration Flensburg\nc/o Koordinierungsstelle für Integration "
        "der Stadt Flensburg\nRathausplatz 1, 24937 Flensburg\n\nVertreten durch den Vorstand.")
    portal.privacy = (
        "Wir verarbeiten personenbezogene Daten nur, soweit dies für die Arbeit des Runden "
        "Tisches nötig ist. Namen werden nur mit Einwilligung veröffentlicht; Kontaktdaten "
        "werden nie veröffentlicht.\n\nAuskunft und Löschung: Koordinierungsstelle für Integration.")
    org_objs = []
    for i, (name, kind, street, postcode) in enumerate(ORGANISATIONS):
        org_objs.append(orgs.add(Organisation(
            name=name, kind=kind, street=street, postcode=postcode, city="Flensburg",
            website="", description="", member_since=date(2010 + i % 12, 1 + i % 12, 1))))
    person_objs = []
    for i, (sal, given, family, langs, consent, org) in enumerate(PERSONS):
        academic = ""
        if given.startswith("Dr. "):
            academic, given = "Dr.", given[4:]
        slug = f"{given}-{family}"
        email = slugify(f"{given}.{family}").replace("-", ".") + "@example.org"
        person = Person(salutation=sal, academic_title=academic, given_name=given,
                        family_name=family, email=email, phone=f"0461 85-{1000 + i}",
                        languages=langs, public_consent=consent,
                        organisation_ids=(org_objs[org].__name__,) if org is not None else ())
        people.add(person, title=slug)
        person_objs.append(person)
    for org_index, org in enumerate(org_objs):
        delegates = [p for p, row in zip(person_objs, PERSONS) if row[5] == org_index]
        if delegates:
            org.delegate_id = delegates[0].__name__

    start = date(2024, 1, 1)
    plenary = bodies.add(Body(kind="plenary", name="Runder Tisch für Integration",
                              short_name="RT", description=(
                                  "Das Plenum aus Einzelmitgliedern und Mitgliedsorganisationen. "
                                  "Unabhängig, überparteilich und demokratisch; tagt öffentlich.")),
                         name="runder-tisch")
    for i, person in enumerate(person_objs):
        org_index = PERSONS[i][5]
        plenary.memberships.add_membership(Membership(
            person.__name__, role="delegate" if org_index is not None else "member",
            organisation_id=org_objs[org_index].__name__ if org_index is not None else None,
            start=start))
    # a former member stays on record
    plenary.memberships.add_membership(Membership(
        person_objs[22].__name__, role="member", start=date(2018, 1, 1), end=date(2023, 12, 31)))

    board = bodies.add(Body(kind="board", name="Vorstand", short_name="VS", parent_id="runder-tisch",
                            description="Bereitet die Sitzungen vor und vertritt den Runden Tisch "
                                        "in Rat und Ausschüssen."), name="vorstand")
    for person, role in ((person_objs[0], "chair"), (person_objs[1], "deputy_chair"),
                         (person_objs[5], "member"), (person_objs[20], "member")):
        board.memberships.add_membership(Membership(person.__name__, role=role, start=start))

    steering = bodies.add(Body(kind="steering", name="Steuerungsgruppe Integrationskonzept",
                               short_name="StG", parent_id="runder-tisch",
                               description="Ratsfraktionen, Verwaltung und Delegierte des Runden "
                                           "Tisches erarbeiten das Integrationskonzept."),
                          name="steuerungsgruppe")
    for person, role in ((person_objs[17], "chair"), (person_objs[16], "member"),
                         (person_objs[0], "delegate"), (person_objs[3], "delegate")):
        steering.memberships.add_membership(Membership(person.__name__, role=role, start=start))

    for g, (name, short, field, desc) in enumerate(FIELD_GROUPS):
        group = bodies.add(Body(kind="working", name=name, short_name=short, field_of_action=field,
                                parent_id="runder-tisch", description=desc + " Trifft sich monatlich."))
        members = [person_objs[(g * 4 + k) % len(person_objs)] for k in range(5)]
        for k, person in enumerate(members):
            group.memberships.add_membership(Membership(
                person.__name__, role="chair" if k == 0 else ("guest" if k == 4 else "member"),
                voting=k != 4, start=start))
    return portal
