"""Demo data: a town's round table on integration as it might look in 2026.

Invented persons and organisations modelled on public descriptions of round
tables in Flensburg and elsewhere; about half of the persons consented to be
named publicly, as in real life.
"""
from datetime import date

from .accounts.resources import User, generate_password
from .bodies.resources import Body, Membership
from .measures import demo as measures_demo
from .meetings.resources import AgendaItem, Meeting
from .minutes import demo as minutes_demo
from .motions import demo as motions_demo
from .newsletter import demo as newsletter_demo
from .people.resources import Organisation, Person
from .text import slugify
from .timeutil import now as utcnow
from .timeutil import to_utc

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


# who tries which view: (role as people say it, person), each with a login of their own
DEMO_LOGINS = [
    ("Vorstand (board)", "aylin-demir"),
    ("Vorsitz einer AG (chair)", "agnieszka-nowak"),
    ("Mitglied (member)", "kwame-mensah"),
]


def add_demo_logins(portal):
    """Logins for the board, a working group's chair and a member, with fresh
    passwords: ``[(role, login, password)]``. For development only (the
    ``roundtable.demo_logins`` setting), so each view can be tried at once."""
    made = []
    for role, person_id in DEMO_LOGINS:
        person = portal["people"].get(person_id)
        if person is None or portal["users"].find_by_login(person.email) is not None:
            continue
        password = generate_password()
        user = User(person.email, person_id=person_id)
        user.set_password(password)
        portal["users"].add_user(user)
        made.append((role, person.email, password))
    return made


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
    populate_meetings(portal)
    motions_demo.populate_motions(portal)
    minutes_demo.populate_minutes(portal)
    newsletter_demo.populate(portal)
    measures_demo.populate(portal)
    return portal


# -- meetings ------------------------------------------------------------------------
# Two years of sessions up to today and a few months ahead, rebuilt relative to
# the day the demo is created so it always has a past and a future. The plenary
# meets every other month in the town hall (public), the board monthly (not
# public), the steering group quarterly, the working groups monthly; no
# sessions in the summer break (August).

RATHAUS = {
    "place_name": "Rathaus Flensburg", "address": "Rathausplatz 1, 24937 Flensburg",
    "room": "Ratssaal (2. OG)",
    "accessibility": "Stufenloser Eingang am Seiteneingang Am Pferdewasser, Aufzug zum 2. OG, "
                     "barrierefreies WC im Erdgeschoss, Induktionsschleife im Saal.",
}
KOORDINIERUNG = {
    "place_name": "Koordinierungsstelle für Integration", "address": "Neustadt 16, 24939 Flensburg",
    "room": "Besprechungsraum 1",
    "accessibility": "Erdgeschoss, stufenlos erreichbar; barrierefreies WC vorhanden.",
}
VHS = {
    "place_name": "Volkshochschule Flensburg", "address": "Südergraben 2, 24937 Flensburg",
    "room": "Raum 104",
    "accessibility": "Aufzug am Haupteingang; barrierefreies WC im 1. OG.",
}
PLENARY_NOTES = ("Dolmetschen in Arabisch, Ukrainisch und Türkisch auf Anfrage bis eine Woche "
                 "vor der Sitzung bei der Koordinierungsstelle.\n\nKinderbetreuung im Nebenraum "
                 "(bitte bei der Anmeldung angeben).")

PLENARY_MOTIONS = [
    "Antrag an den Ausschuss für Soziales und Gesundheit: Sprachmittlung in Arztpraxen",
    "Antrag: Mehr Integrationskursplätze mit Kinderbetreuung",
    "Antrag an den Hauptausschuss: Interkulturelle Öffnung der Stadtverwaltung",
    "Antrag: Bezahlbarer Wohnraum für Geflüchtete in allen Stadtteilen",
    "Antrag an den Ausschuss für Bildung: Herkunftssprachlicher Unterricht an Grundschulen",
    "Antrag: Beratungsstelle zur Anerkennung ausländischer Berufsabschlüsse",
]
PLENARY_INPUTS = [
    ("Vorstellung: Migrationsberatung für Erwachsene (MBE)", "Caritasverband Flensburg"),
    ("Input: Das neue Staatsangehörigkeitsrecht – was ändert sich?", "Ausländerbehörde"),
    ("Bericht der Ausländerbehörde zu Wartezeiten und Terminvergabe", "Ausländerbehörde"),
    ("Umsetzungsbericht Integrationskonzept: Zwischenstand", "Steuerungsgruppe"),
    ("Vorstellung des Frauennetzwerks Mira e. V.", "Frauennetzwerk Mira e. V."),
    ("Interkulturelle Woche: Planung und Beteiligung", "Koordinierungsstelle"),
]
GROUP_TOPICS = {
    "housing": ["Wohnungsmarkt-Bericht der Stadt", "Gemeinschaftsunterkünfte: Besuchsbericht",
                "Wohnungsbaugenossenschaften und Diskriminierungsschutz", "Mietschuldenberatung"],
    "language": ["Wartelisten der Integrationskurse", "Sprachcafés in den Stadtteilen",
                 "Kita-Einstieg: Brücken bauen", "Berufssprachkurse und Jobcenter"],
    "work": ["Anerkennung von Abschlüssen: Erfahrungen", "Ausbildungsmesse im Frühjahr",
             "Arbeitsmarktzugang für Geduldete", "Mentoring-Programm der IHK"],
    "health": ["Sprachmittlung im Krankenhaus", "Psychosoziale Versorgung Geflüchteter",
               "Impfkampagne mehrsprachig", "Gesundheitslotsinnen: Projektstand"],
    "women": ["Schutzkonzept für Unterkünfte", "Empowerment-Workshops", "Frauencafé im Stadtteil",
              "Beratung bei häuslicher Gewalt: Zugänge"],
}


def _nth_weekday(year, month, weekday, n):
    """The n-th (1-based; -1 = last) weekday (0 = Monday) of a month."""
    import calendar

    days = [d for d in calendar.Calendar().itermonthdates(year, month)
            if d.month == month and d.weekday() == weekday]
    return days[n - 1] if n > 0 else days[n]


def _months(first, count):
    year, month = first.year, first.month
    for _i in range(count):
        yield year, month
        month += 1
        if month == 13:
            year, month = year + 1, 1


def _agenda(meeting, items):
    for number, title, extra in items:
        meeting.agenda.add_item(AgendaItem(number, title, **extra))


def populate_meetings(portal, today=None, rng=None):
    """Sessions for every body; returns the number created. Fast on purpose (well
    under a second): the test suite builds the demo once per run."""
    import random
    from datetime import datetime, time, timedelta


    rng = rng or random.Random(2010)
    today = today or date.today()
    at = utcnow() if today == date.today() else to_utc(datetime.combine(today, time(12)))
    bodies = portal["bodies"]
    first = date(today.year - 2, today.month, 1) + timedelta(days=40)  # ~22 months back
    months = list(_months(first.replace(day=1), 27))
    created = []

    def add(body, day, start, end, title, place, public, items, notes="", online=""):
        meeting = Meeting(title, to_utc(datetime.combine(day, start)),
                          to_utc(datetime.combine(day, end)), public=public, notes=notes,
                          online_url=online, **place)
        body["meetings"].add_meeting(meeting)
        _agenda(meeting, items)
        created.append((body, meeting))
        return meeting

    plenary, board, steering = bodies["runder-tisch"], bodies["vorstand"], bodies["steuerungsgruppe"]
    groups = [b for b in bodies.values() if b.kind == "working"]
    number = 52
    for index, (year, month) in enumerate(months):
        if month == 8:
            continue
        if month % 2 == 1:
            number += 1
            motion = PLENARY_MOTIONS[number % len(PLENARY_MOTIONS)]
            talk, presenter = PLENARY_INPUTS[number % len(PLENARY_INPUTS)]
            items = [
                ("1", "Begrüßung und Feststellung der Beschlussfähigkeit", {}),
                ("2", "Genehmigung der Tagesordnung und des Protokolls der letzten Sitzung", {}),
                ("3", "Bericht aus dem Vorstand", {"presenter": "Aylin Demir", "duration": 15}),
                ("4", "Berichte aus den Arbeitsgruppen", {"duration": 30}),
                ("4.1", "AG Wohnen", {"presenter": "AG Wohnen"}),
                ("4.2", "AG Sprache und Bildung", {"presenter": "AG Sprache und Bildung"}),
                ("5", talk, {"presenter": presenter, "duration": 30}),
                ("6", motion, {"description": "Beratung und Beschluss über den Antrag des "
                               "Vorstands; der Antragstext liegt der Einladung bei.",
                               "duration": 30}),
                ("7", "Verschiedenes", {}),
            ]
            if number % 3 == 0:
                items.insert(-1, ("8", "Personalangelegenheiten der Koordinierungsstelle",
                                  {"public": False, "duration": 15}))
                items[-1] = ("9", "Verschiedenes", {})
            add(plenary, _nth_weekday(year, month, 3, 2), time(17), time(19, 30),
                f"{number}. Sitzung des Runden Tisches für Integration", RATHAUS, True, items,
                notes=PLENARY_NOTES)
        add(board, _nth_weekday(year, month, 0, 1), time(18), time(20), "Vorstandssitzung",
            KOORDINIERUNG, False, [
                ("1", "Begrüßung", {}),
                ("2", "Protokoll der letzten Sitzung", {}),
                ("3", "Vorbereitung der nächsten Plenumssitzung", {"duration": 30}),
                ("4", "Stand der Anträge in den Ratsausschüssen", {"duration": 20}),
                ("5", "Finanzen und Projektmittel", {"duration": 15}),
                ("6", "Personalangelegenheiten", {"public": False, "duration": 15}),
                ("7", "Verschiedenes", {}),
            ], online="https://meet.example.org/vorstand" if index % 3 == 0 else "")
        if month in (2, 5, 9, 11):
            add(steering, _nth_weekday(year, month, 2, 3), time(15), time(17),
                "Sitzung der Steuerungsgruppe Integrationskonzept", RATHAUS | {"room": "Raum 2.14"},
                False, [
                    ("1", "Begrüßung", {}),
                    ("2", "Stand der Maßnahmen des Integrationskonzepts", {"duration": 45}),
                    ("3", "Vorbereitung des Umsetzungsberichts", {"duration": 30}),
                    ("4", "Verschiedenes", {}),
                ])
        for g, group in enumerate(groups):
            topics = GROUP_TOPICS.get(group.field_of_action, ["Aktuelles aus dem Handlungsfeld"])
            topic = topics[(index + g) % len(topics)]
            day = _nth_weekday(year, month, (1 + g) % 5, 2 + g % 2)
            add(group, day, time(16, 30), time(18), f"Sitzung der {group.name}",
                VHS if g % 2 else KOORDINIERUNG, group.field_of_action != "women", [
                    ("1", "Begrüßung und Protokoll der letzten Sitzung", {}),
                    ("2", topic, {"duration": 45}),
                    ("3", "Berichte aus Projekten und Terminen", {"duration": 20}),
                    ("4", "Verschiedenes", {}),
                ])

    # what happened: held sessions with attendance, a few cancelled or moved ones
    for count, (body, meeting) in enumerate(created):
        members = meeting.member_ids(on=meeting.local_start.date())
        if meeting.end <= at:
            if count % 23 == 7:
                meeting.cancel()
                continue
            if count % 31 == 11:
                meeting.update(start=meeting.start + timedelta(days=7),
                               end=meeting.end + timedelta(days=7))
                if meeting.end > at:
                    continue
            meeting.status = "held"
            meeting.invited_at = meeting.start - timedelta(days=14)
            presences = {}
            for person_id in members:
                roll = rng.random()
                presences[person_id] = ("present" if roll < 0.75 else
                                        "excused" if roll < 0.9 else "absent")
                record = meeting.attendance_for(person_id, create=True)
                if presences[person_id] != "absent":
                    record.reply = "yes" if presences[person_id] == "present" else "no"
                    record.replied_at = meeting.invited_at + timedelta(days=rng.randint(1, 10))
                    record.replied_via = rng.choice(("link", "web"))
            meeting.record_attendance(presences, rng.randint(15, 30) if body is plenary
                                      else rng.randint(0, 3))
        elif meeting.start - at < timedelta(days=21):
            meeting.mark_invited(at=at)
            for person_id in members[: len(members) // 2]:
                meeting.reply(person_id, rng.choice(("yes", "yes", "no")), via="link", at=at)
    # one upcoming session of a working group moved by a week, one cancelled
    upcoming = [(b, m) for b, m in created if m.start > at + timedelta(days=21) and b.kind == "working"]
    if len(upcoming) >= 2:
        moved = upcoming[0][1]
        moved.update(start=moved.start + timedelta(days=7), end=moved.end + timedelta(days=7))
        upcoming[1][1].cancel()
    return len(created)
