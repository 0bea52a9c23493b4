"""Demo data for committees and motions, and a generator for benchmarks.

``populate_motions(portal)`` adds the town's council committees (meeting
dates around today) and about ten motions across every state over two years,
linked to the round table's sessions. ``generate_motions(portal, count, rng)``
adds many realistic motions quickly (no agenda links) for benchmark data.
"""
import random
from datetime import date, datetime, time, timedelta


from ..committees.resources import Committee
from ..meetings.agenda import Document
from ..timeutil import to_utc
from .resources import Motion
from .schemas import board_member_ids
from .workflow import (ADOPTED, DECIDED, DONE, DRAFT, IMPLEMENTATION, IN_CONSULTATION, ON_AGENDA,
                       REJECTED, SUBMITTED, WITHDRAWN)

COMMITTEES = [
    # name, short name, department, contact, weekday, deadline days
    ("Ratsversammlung", "RV", "Fachbereich Zentrale Dienste, Ratsbüro",
     "Ratsbüro, ratsbuero@example.org, 0461 85-2000", 3, 28),
    ("Hauptausschuss", "HA", "Fachbereich Zentrale Dienste, Ratsbüro",
     "Ratsbüro, ratsbuero@example.org, 0461 85-2000", 1, 21),
    ("Ausschuss für Soziales und Gesundheit", "SuG", "Fachbereich Soziales und Gesundheit",
     "Geschäftsführung SuG, soziales@example.org, 0461 85-3100", 2, 21),
    ("Jugendhilfeausschuss", "JHA", "Fachbereich Jugend, Familie und Bildung",
     "Geschäftsführung JHA, jugend@example.org, 0461 85-3300", 0, 21),
    ("Ausschuss für Bildung, Hochschule und Kultur", "BHK", "Fachbereich Jugend, Familie und Bildung",
     "Geschäftsführung BHK, bildung@example.org, 0461 85-3400", 2, 21),
]
COUNCIL_URL = "https://ratsinfo.example.org/gremien/{}"

MOTIONS = [
    # title, field, committees (short names), target state, years back
    ("Sprachmittlung in Arztpraxen", "health", ("SuG",), DONE, 1),
    ("Mehr Integrationskursplätze mit Kinderbetreuung", "language", ("JHA", "BHK"),
     IMPLEMENTATION, 1),
    ("Interkulturelle Öffnung der Stadtverwaltung", "participation", ("HA", "RV"), DECIDED, 1),
    ("Bezahlbarer Wohnraum für Geflüchtete in allen Stadtteilen", "housing", ("HA",),
     IN_CONSULTATION, 0),
    ("Herkunftssprachlicher Unterricht an Grundschulen", "language", ("BHK",), SUBMITTED, 0),
    ("Beratungsstelle zur Anerkennung ausländischer Berufsabschlüsse", "work", ("SuG",),
     ADOPTED, 0),
    ("Mehrsprachige Wahlinformationen", "participation", ("HA",), REJECTED, 0),
    ("Kostenfreie Schwimmkurse für neu zugewanderte Kinder", "culture", ("JHA",), ON_AGENDA, 0),
    ("Schutzkonzept für Frauen in Gemeinschaftsunterkünften", "women", ("SuG",), DRAFT, 0),
    ("Integrationslotsinnen in den Stadtteilbüros", "participation", ("SuG", "HA"), DRAFT, 0),
]

RESOLUTION = ("Der {committee} möge beschließen:\n\nDie Verwaltung wird beauftragt, bis zum Ende "
              "des Jahres ein Konzept zum Thema „{title}“ vorzulegen und dabei den Runden Tisch "
              "für Integration und die Migrantenorganisationen zu beteiligen.\n\nDie nötigen "
              "Mittel sind im nächsten Haushalt einzuplanen.")
REASONING = ("In den Arbeitsgruppen des Runden Tisches wurde wiederholt berichtet, dass beim Thema "
             "„{title}“ Handlungsbedarf besteht. Betroffene Familien finden bisher kaum "
             "Angebote, die ihre Sprachen und Lebenslagen berücksichtigen.\n\nAndere Städte "
             "in Schleswig-Holstein haben gute Erfahrungen gemacht; der Runde Tisch bietet an, "
             "seine Erfahrung und Kontakte in die Umsetzung einzubringen.")


def _noon(day):
    return to_utc(datetime.combine(day, time(12)))


def _dated(motion, day):
    """Demo steps happened in the past: date the last history entry accordingly."""
    entry = dict(motion.history[-1])
    entry["at"] = _noon(day)
    motion.history[-1] = entry


def populate_committees(portal, today=None):
    today = today or date.today()
    committees = portal["committees"]
    made = {}
    for n, (name, short, department, contact, weekday, days) in enumerate(COMMITTEES):
        first = today - timedelta(days=150 + n * 3)
        first += timedelta(days=(weekday - first.weekday()) % 7)
        dates = [to_utc(datetime.combine(first + timedelta(weeks=6 * k), time(17)))
                 for k in range(9)]
        committee = committees.add_committee(Committee(
            name, short_name=short, department=department, contact=contact,
            url=COUNCIL_URL.format(short.lower()), meeting_dates=dates, deadline_days=days))
        made[short] = committee
    return made


def _plenary_items(portal):
    """(start, item) of the motion TOP of the round table's sessions, oldest first."""
    plenary = portal["bodies"].get("runder-tisch")
    if plenary is None:
        return []
    items = []
    for meeting in plenary["meetings"].values():
        for item in meeting.agenda.values():
            if item.title.startswith("Antrag"):
                items.append((meeting.start, item))
    return sorted(items, key=lambda pair: pair[0])


def _text(title, committees):
    name = committees[0].name if committees else "Ausschuss"
    return RESOLUTION.format(committee=name, title=title), REASONING.format(title=title)


def _advance(motion, target, committees, day, today, rng):
    """Take a motion that was adopted on ``day`` on to ``target``."""
    if target == ADOPTED:
        return
    submitted = min(day + timedelta(days=rng.randint(7, 20)), today)
    motion.submit(None, submitted)
    _dated(motion, submitted)
    if target == SUBMITTED:
        return
    for k, committee in enumerate(committees):
        earliest = submitted + timedelta(days=7 + 30 * k)
        known = [d for d in committee.meeting_dates
                 if earliest < d.date() <= earliest + timedelta(days=120)]
        start = known[0] if known else to_utc(datetime.combine(earliest + timedelta(days=21),
                                                               time(17)))
        role = "decision" if k == len(committees) - 1 else "preliminary"
        ref = f"{motion.reference[3:7]}/{rng.randint(100, 999):03d}"
        motion.add_consultation(None, committee.__name__, start, role, ref,
                                COUNCIL_URL.format(committee.short_name.lower()) + "/vorlage")
        if len(motion.history) and motion.history[-1]["to"] == IN_CONSULTATION:
            _dated(motion, submitted)
        if target != IN_CONSULTATION and start.date() < today:
            motion.record_result(None, motion.consultations[-1].id,
                                 "accepted" if k == 0 else rng.choice(("accepted", "amended")))
    if target == IN_CONSULTATION or not any(c.result for c in motion.consultations):
        return
    motion.decide(None)
    decided = motion.step_date(DECIDED)
    _dated(motion, decided)
    if target == DECIDED:
        return
    note_day = min(decided + timedelta(days=45), today)
    motion.add_note(None, note_day, "Die Verwaltung hat eine Arbeitsgruppe eingerichtet; der "
                    "Runde Tisch ist mit zwei Personen beteiligt.")
    _dated(motion, note_day)
    if target == DONE:
        motion.complete(None, day=min(note_day + timedelta(days=60), today))
        _dated(motion, motion.step_date(DONE))


def populate_motions(portal, today=None, rng=None):
    """Committees and about ten motions in every state; returns the motions."""
    rng = rng or random.Random(2026)
    today = today or date.today()
    committees = populate_committees(portal, today)
    register = portal["motions"]
    authors = board_member_ids(portal)[:3]
    items = _plenary_items(portal)
    past = [(s, i) for s, i in items if s.date() < today]
    upcoming = [(s, i) for s, i in items if s.date() >= today]
    made = []
    for n, (title, field, shorts, target, years_back) in enumerate(MOTIONS):
        targets = [committees[s] for s in shorts]
        resolution, reasoning = _text(title, targets)
        motion = register.add_motion(Motion(
            title, resolution, reasoning, author_ids=authors[: 1 + n % 3],
            organisation_ids=tuple(sorted(portal["organisations"].keys()))[n % 4: n % 4 + 2],
            field_of_action=field, committee_ids=[c.__name__ for c in targets]))
        made.append(motion)
        if target == DRAFT:
            if n % 2:
                motion.save_text(1, None, reasoning=reasoning + "\n\nErgänzt nach Rückmeldung "
                                 "der AG Gesundheit.")
            continue
        if target == ON_AGENDA:
            if upcoming:
                motion.schedule(upcoming[0][1], None)
            continue
        # older motions on the earlier sessions, newer ones on the recent sessions
        pool = past[: len(past) // 2] if years_back else past[len(past) // 2:]
        if not pool:
            continue
        # a session treats one motion: take the next session not yet taken
        free = [pair for pair in pool if not pair[1].motion_ids] or pool
        start, item = free[(n * 2) % len(free)]
        motion.schedule(item, None)
        meeting_day = start.date()
        _dated(motion, meeting_day - timedelta(days=21))
        votes = {"yes": rng.randint(14, 24), "no": rng.randint(0, 3), "abstain": rng.randint(0, 4)}
        decision = dict(votes, text=f"Der Runde Tisch beschließt den Antrag „{title}“.")
        if target == REJECTED:
            motion.reject(None, dict(decision, yes=5, no=12), day=meeting_day)
            _dated(motion, meeting_day)
            continue
        motion.adopt(None, decision, day=meeting_day)
        _dated(motion, meeting_day)
        _advance(motion, target, targets, meeting_day, today, rng)
        if target == IN_CONSULTATION:
            # the deciding committee meets soon: shown on the board's dashboard
            final = committees["RV"]
            coming = final.upcoming_meetings(_noon(today))
            if coming:
                motion.add_consultation(None, final.__name__, coming[0], "decision")
    _name_motion_items(portal, items)
    return made


def motion_text_pdf(motion):
    """The motion's text as the PDF enclosed with the invitation (a plain page)."""
    from fpdf import FPDF   # on use: see motions.views.letter
    from fpdf.enums import XPos, YPos

    pdf = FPDF()
    pdf.set_title(motion.title)
    pdf.add_page()

    def write(text, size=11, style=""):
        pdf.set_font("Helvetica", style, size)
        clean = text.replace("„", '"').replace("“", '"').replace("–", "-")
        pdf.multi_cell(0, 6, clean.encode("latin-1", "replace").decode("latin-1"),
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(3)

    write("Antrag des Vorstands an den Runden Tisch für Integration", 10)
    write(motion.title, 15, "B")
    write("Beschlussvorschlag", 12, "B")
    write(motion.resolution)
    write("Begründung", 12, "B")
    write(motion.reasoning)
    return bytes(pdf.output())


def _name_motion_items(portal, items):
    """Each session's motion item says which motion it treats; a session without
    a motion of its own hears the board report on the motions under way instead,
    so no motion seems to be treated twice."""
    register = portal["motions"]
    for _start, item in items:
        treated = [register[n] for n in item.motion_ids if n in register]
        if treated:
            item.title = "Antrag: " + treated[0].title
            item.description = ("Beratung und Beschluss über den Antrag des Vorstands; der "
                                "Antragstext liegt der Einladung bei.")
            if item.public and not item.documents():
                item.add_document(Document("antragstext.pdf", "application/pdf",
                                           motion_text_pdf(treated[0]), title="Antragstext"))
        else:
            item.title = "Bericht: Stand der Anträge in den Ratsausschüssen"
            item.description = ("Der Vorstand berichtet, wo die Anträge des Runden Tisches "
                                "in den Ratsausschüssen stehen.")


def generate_motions(portal, count, rng):
    """``count`` motions with realistic texts, states and consultations, fast
    (no agenda links); for benchmark datasets. Returns the motions."""
    register = portal["motions"]
    committees = list(portal["committees"].values())
    if not committees:
        committees = list(populate_committees(portal).values())
    authors = board_member_ids(portal)[:4] or ["demo"]
    today = date.today()
    targets = (DRAFT, ADOPTED, SUBMITTED, IN_CONSULTATION, DECIDED, IMPLEMENTATION, DONE,
               REJECTED, WITHDRAWN)
    made = []
    for n in range(count):
        title = f"{rng.choice(MOTIONS)[0]} ({n + 1})"
        targets_c = rng.sample(committees, k=min(len(committees), rng.randint(1, 2)))
        resolution, reasoning = _text(title, targets_c)
        motion = register.add_motion(Motion(
            title, resolution, reasoning, author_ids=rng.sample(authors, k=1),
            field_of_action=rng.choice(MOTIONS)[1], committee_ids=[c.__name__ for c in targets_c]))
        made.append(motion)
        target = rng.choice(targets)
        if target == DRAFT:
            continue
        day = today - timedelta(days=rng.randint(60, 3650))
        motion._step("schedule", None, day=day - timedelta(days=21))
        _dated(motion, day - timedelta(days=21))
        if target == REJECTED:
            motion.reject(None, day=day)
            continue
        motion.adopt(None, {"text": "Beschlossen.", "yes": 18, "no": 1, "abstain": 2}, day=day)
        _dated(motion, day)
        if target == WITHDRAWN:
            motion.withdraw(None, note="Durch Verwaltungshandeln erledigt.")
            continue
        _advance(motion, target, targets_c, day, today, rng)
    return made
