"""Demo data of the integration concept: a concept adopted three years ago
with three fields of action, a dozen measures, indicators measured in each
of the last three years, and last year's status round answered, accepted and
written up in a published implementation report.

Dates are relative to the day the demo is made, like the meetings' demo.
"""
from datetime import date, datetime, timezone

from pyramid.traversal import resource_path

from . import responsible
from .resources import DELAYED, DONE, IN_PROGRESS, NOT_STARTED, STOPPED, Indicator, Measure
from .report import freeze
from .revision import make_concept

UNITS = [
    ("Koordinierungsstelle für Integration", "integration@flensburg.example.org"),
    ("Fachbereich Bildung, Sport und Kultur", "bildung@flensburg.example.org"),
    ("Fachbereich Soziales und Gesundheit – Wohnraumversorgung", "wohnen@flensburg.example.org"),
    ("Jobcenter Flensburg – Team Migration", "migration.jobcenter@flensburg.example.org"),
]

FIELDS = [
    ("Sprache und Bildung", "Alle Flensburgerinnen und Flensburger können die deutsche Sprache "
     "lernen und ihre Bildungswege gehen – von der Kita bis zur Weiterbildung.",
     [("Frühe sprachliche Bildung stärken", [
         ("1.1.1", "Sprachkitas in allen Stadtteilen", 1, -3, 1, IN_PROGRESS, 60,
          ("Kitas mit Sprachförderkraft", "Kitas", 8, 24, [12, 16, 19])),
         ("1.1.2", "Elterncafés in Grundschulen", 1, -3, -1, DONE, 100, None)]),
      ("Deutschkurse für alle erreichbar machen", [
          ("1.2.1", "Kursberatung an einer Stelle (Kurslotsen)", 0, -3, 0, DONE, 100,
           ("Beratene Personen pro Jahr", "Personen", 150, 600, [280, 410, 560])),
          ("1.2.2", "Deutschkurse mit Kinderbetreuung", 0, -2, 1, DELAYED, 40,
           ("Kursplätze mit Kinderbetreuung", "Plätze", 20, 120, [30, 45, 52]))])]),
    ("Arbeit und Ausbildung", "Zugewanderte finden Arbeit und Ausbildung, die ihren Fähigkeiten "
     "entspricht.",
     [("Abschlüsse schneller anerkennen", [
         ("2.1.1", "Anerkennungsberatung im Jobcenter", 3, -3, 0, IN_PROGRESS, 75,
          ("Anerkennungsverfahren begonnen", "Verfahren", 40, 150, [62, 95, 121])),
         ("2.1.2", "Brückenkurse für Pflegekräfte", 3, -2, 1, IN_PROGRESS, 50, None)]),
      ("Mehr Ausbildungsplätze für Geflüchtete", [
          ("2.2.1", "Ausbildungsbotschafterinnen und -botschafter", None, -3, -1, DONE, 100, None),
          ("2.2.2", "Praktikumsbörse mit den Kammern", None, -1, 1, NOT_STARTED, 0,
           ("Vermittelte Praktika", "Praktika", 0, 80, [0, 5, 9]))])]),
    ("Wohnen und Zusammenleben", "Niemand bleibt länger als nötig in einer Gemeinschafts"
     "unterkunft; Nachbarschaften halten zusammen.",
     [("Auszug aus Gemeinschaftsunterkünften erleichtern", [
         ("3.1.1", "Wohnungslotsen für Geflüchtete", 2, -3, 0, IN_PROGRESS, 70,
          ("Umzüge in eigene Wohnungen", "Haushalte", 35, 160, [58, 96, 131])),
         ("3.1.2", "Mietführerschein", 2, -2, -1, STOPPED, 30, None)]),
      ("Begegnung im Quartier fördern", [
          ("3.2.1", "Interkulturelle Nachbarschaftsfeste", 0, -3, -1, IN_PROGRESS, 65, None),
          ("3.2.2", "Sprachmittlerpool für Vereine", 0, -2, 0, DONE, 100,
           ("Einsätze der Sprachmittlerinnen und Sprachmittler", "Einsätze", 10, 200,
            [44, 120, 185]))])]),
]

JUSTIFICATIONS = {
    IN_PROGRESS: "Die Umsetzung hat wie geplant begonnen.",
    DONE: "Die Maßnahme ist umgesetzt und läuft in der Regelfinanzierung weiter.",
    DELAYED: "Es fehlen Räume mit Kinderbetreuung; zwei Träger steigen erst im Frühjahr ein.",
    STOPPED: "Das Landesprogramm zur Finanzierung ist ausgelaufen; die Inhalte übernehmen "
             "die Wohnungslotsen.",
}


def _at(year, month, day=15):
    return datetime(year, month, day, 9, 0, tzinfo=timezone.utc)


def populate(portal, today=None):
    """The demo concept; returns it."""
    today = today or date.today()
    year = today.year
    concepts = portal["concept"]
    units = [concepts.add_unit(title, email) for title, email in UNITS]
    concept = make_concept("Integrationskonzept der Stadt Flensburg", year - 3, year + 1,
                           adopted_on=date(year - 4, 12, 8),
                           document_url="https://www.flensburg.example.org/integrationskonzept",
                           introduction=(
                               "Das Integrationskonzept beschreibt, wie Stadt, Träger und "
                               "Zivilgesellschaft das Zusammenleben in Flensburg gestalten. Es "
                               "wurde mit dem Runden Tisch für Integration erarbeitet und wird alle "
                               "zwei Jahre fortgeschrieben."))
    concept.published = True
    concepts.add(concept, name=f"{year - 3}-{year + 1}")
    working = {b.field_of_action: b.__name__ for b in portal["bodies"].values()
               if b.kind == "working"}
    finals = {}
    for f_index, (field_title, statement, goals) in enumerate(FIELDS):
        field = concept.add_field(field_title, statement)
        for goal_title, measures in goals:
            goal = field.add_goal(goal_title)
            for number, title, unit, start, end, status, progress, indicator in measures:
                measure = _add_measure(
                    concept, field, goal, number, title,
                    units[unit] if unit is not None else _org(portal, "Handwerkskammer"),
                    year, start, end, status, progress, indicator,
                    working.get(("language", "work", "housing")[f_index], ""))
                finals[measure.__name__] = (status, progress, indicator[4][2] if indicator
                                            else None)
    _link(portal, concept)
    _finished_round(portal, concept, year - 1, finals)
    return concept


def _link(portal, concept):
    """Measures point to the public motions of their field and to the
    steering group's past meetings where they were discussed."""
    from_field = {"language": ("1-1-1", "1-2-2"), "work": ("2-1-1",), "housing": ("3-1-1",)}
    motions = [m for m in portal["motions"].values() if m.is_public]
    for field, names in from_field.items():
        ids = tuple(m.__name__ for m in motions if m.field_of_action == field)[:2]
        for name in names:
            concept[name].motion_ids = ids
    steering = portal["bodies"].get("steuerungsgruppe")
    if steering is not None:
        past = [m for m in steering["meetings"].ordered() if m.status == "held"][-2:]
        for name in ("1-2-2", "3-1-1", "3-1-2"):
            concept[name].meeting_paths = tuple(resource_path(m) for m in past)


def _org(portal, name_part):
    for org in portal["organisations"].values():
        if name_part in org.name:
            if not org.email:
                org.email = "integration@hwk-flensburg.example.org"
            return responsible.ORG + org.__name__
    return ""


def _add_measure(concept, field, goal, number, title, who, year, start, end, status, progress,
                 indicator, body_id):
    measure = Measure(title, field.key, goal.key, number,
                      f"{title}: Teil des Handlungsfelds „{field.title}“.", who,
                      planned_start=date(year + start, 3, 1), planned_end=date(year + end, 12, 31),
                      body_id=body_id)
    measure.created = _at(year - 3, 1, 10)
    concept.add_measure(measure)
    if indicator is not None:
        name, unit, baseline, target, values = indicator
        measure.indicator = Indicator(name, unit, baseline, target, date(year + 1, 12, 31))
        for offset, value in zip((-3, -2), values[:2]):
            measure.indicator.add_value(date(year + offset, 12, 31), value, "Jahresstatistik")
    if status != NOT_STARTED and year + start <= year - 2:
        measure.set_status(IN_PROGRESS, JUSTIFICATIONS[IN_PROGRESS], min(progress, 30),
                           at=_at(year + start, 3, 1))
    return measure


def _finished_round(portal, concept, year, finals):
    """Last year's round: every responsible answered, everything accepted,
    and the report on it published."""
    round_ = concept["rounds"].start(year, portal, responsible.resolve, date(year + 1, 2, 28))
    round_.started_at = _at(year + 1, 1, 12)
    for answer in round_.ordered():
        answer.sent_at = round_.started_at
        items = {}
        for name in answer.measure_names:
            measure = concept[name]
            status, progress, value = finals[name]
            items[name] = {"status": status, "progress": progress,
                           "report": f"{measure.title}: Stand Ende {year}.",
                           "justification": JUSTIFICATIONS.get(status, "")
                           if status != measure.status else "",
                           "indicator_value": value,
                           "indicator_date": date(year, 12, 31) if value is not None else None,
                           "indicator_source": "Jahresstatistik"}
        round_.submit(answer.key, items, at=_at(year + 1, 2, 10))
        round_.accept(answer.key, by="admin@example.org", at=_at(year + 1, 2, 20))
    report = concept["reports"].report(year, create=True)
    report.introduction = (
        f"Der Umsetzungsbericht {year} zeigt: Die Kurslotsen und der Sprachmittlerpool sind "
        "abgeschlossen und in die Regelfinanzierung übergegangen. Deutschkurse mit "
        "Kinderbetreuung verzögern sich, weil Räume fehlen. Der Mietführerschein wurde "
        "eingestellt; seine Inhalte übernehmen die Wohnungslotsen.")
    report.publish(freeze(portal, concept, year, report.introduction),
                   by="admin@example.org", at=_at(year + 1, 3, 5))
