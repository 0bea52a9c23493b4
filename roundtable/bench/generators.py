"""What the benchmark's 10-year dataset holds: one generator per kind of data.

Each generator takes ``(portal, ctx, count)`` and returns how many objects it
made; they run in the order of ``GENERATORS`` with a shared :class:`Context`.
A kind added later is one function and one line in ``GENERATORS``. Every
generated meeting is public: the site feed then carries all 600 events the
issue measures (with ``roundtable.calendar_past_days`` covering the ten
years); non-public agenda items and member-only minutes keep the access
checks real.
"""
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from urllib.parse import quote

from pyramid.traversal import resource_path

from ..bodies.resources import Body, Membership
from ..catalog import reindex
from ..meetings.resources import AgendaItem, Meeting
from ..minutes.resources import Minutes
from ..minutes.workflow import minutes_workflow
from ..motions.demo import generate_motions
from ..newsletter.demo import generate_subscribers
from ..newsletter.demo import populate as populate_newsletter
from ..text import slugify
from ..timeutil import to_utc
from . import names


@dataclass
class Context:
    """What the generators share: randomness, the time span, what exists so far."""

    rng: random.Random
    today: date
    first: date
    last: date
    organisations: list = field(default_factory=list)
    persons: list = field(default_factory=list)
    org_people: dict = field(default_factory=dict)   # organisation name -> [person]
    bodies: list = field(default_factory=list)
    meetings: list = field(default_factory=list)     # in order of start
    paths: dict = field(default_factory=dict)        # sample URLs for the runner

    @property
    def at(self):
        """The generator's "now": midday of ``today`` (UTC)."""
        return to_utc(datetime.combine(self.today, time(12)))


def _unique(text, taken, form="{text} ({n})"):
    candidate, n = text, 1
    while candidate in taken:
        n += 1
        candidate = form.format(text=text, n=n)
    taken.add(candidate)
    return candidate


def add_organisations(portal, ctx, count):
    orgs, taken, rng = portal["organisations"], set(), ctx.rng
    for i in range(count):
        pattern, kind = names.ORGANISATION_PATTERNS[i % len(names.ORGANISATION_PATTERNS)]
        name = _unique(pattern.format(
            origin=rng.choice(names.ORIGINS), district=rng.choice(names.DISTRICTS),
            street=rng.choice(names.STREETS), n=rng.randint(1880, 2020)), taken)
        org = orgs.create({
            "name": name, "kind": kind, "city": "Flensburg",
            "street": f"{rng.choice(names.STREETS)} {rng.randint(1, 120)}",
            "postcode": rng.choice(("24937", "24939", "24941", "24943", "24944")),
            "email": f"info@{slugify(name)[:40]}.example.org",
            "member_since": ctx.first + timedelta(days=rng.randrange((ctx.today - ctx.first).days)),
            "description": f"Aktiv im Stadtteil seit {rng.randint(1950, 2020)}.",
        }, name, "organisation")
        ctx.organisations.append(org)
        ctx.org_people[org.__name__] = []
    return count


def add_persons(portal, ctx, count):
    people, rng, emails = portal["people"], ctx.rng, set()
    for i in range(count):
        salutation = rng.choice(("Frau", "Herr"))
        given = rng.choice(names.GIVEN_NAMES[salutation])
        family = rng.choice(names.FAMILY_NAMES)
        org = rng.choice(ctx.organisations) if ctx.organisations and rng.random() < 0.4 else None
        email = _unique(slugify(f"{given}.{family}").replace("-", "."), emails, "{text}{n}")
        person = people.create({
            "salutation": salutation, "academic_title": rng.choice(names.ACADEMIC_TITLES),
            "given_name": given, "family_name": family,
            "email": email + "@example.org",
            "phone": f"0461 {rng.randint(100000, 999999)}",
            "languages": rng.choice(names.LANGUAGE_SETS),
            "organisation_ids": (org.__name__,) if org is not None else (),
            "public_consent": rng.random() < 0.55,
        }, f"{given} {family}", "person")
        ctx.persons.append(person)
        if org is not None:
            ctx.org_people[org.__name__].append(person)
            if org.delegate_id is None:
                org.delegate_id = person.__name__
    return count


# (kind, name, short name, field of action, meetings per year, seats)
BODIES = (
    ("plenary", "Runder Tisch für Integration", "RT", "", 6, 60),
    ("board", "Vorstand", "VS", "", 10, 7),
    ("steering", "Steuerungsgruppe Integrationskonzept", "StG", "", 4, 12),
    ("working", "AG Wohnen", "AG W", "housing", 8, 18),
    ("working", "AG Sprache und Bildung", "AG SB", "language", 8, 18),
    ("working", "AG Arbeit und Ausbildung", "AG AA", "work", 8, 15),
    ("working", "AG Gesundheit", "AG G", "health", 8, 15),
    ("working", "AG Mädchen und Frauen", "AG MF", "women", 8, 15),
)


def add_bodies(portal, ctx, count=None):
    bodies = portal["bodies"]
    for kind, name, short, field_of_action, _per_year, _seats in BODIES:
        body = bodies.add(Body(kind=kind, name=name, short_name=short,
                               field_of_action=field_of_action,
                               parent_id=None if kind == "plenary" else "runder-tisch",
                               description=f"{name}: Sitzungen, Mitglieder und Protokolle."),
                          name="runder-tisch" if kind == "plenary" else None)
        ctx.bodies.append(body)
    return len(BODIES)


def add_memberships(portal, ctx, count=None):
    """Seats filled by a chain of terms over the ten years: former and current
    members as a body's record has them. Plenary seats go partly to delegates
    of member organisations."""
    rng, made = ctx.rng, 0
    for body, (kind, *_rest, seats) in zip(ctx.bodies, BODIES):
        for seat in range(seats):
            role = "chair" if seat == 0 else "deputy_chair" if seat == 1 else "member"
            start = ctx.first - timedelta(days=rng.randint(0, 700))
            while start < ctx.today:
                end = start + timedelta(days=365 * rng.randint(2, 6))
                org = None
                if kind == "plenary" and seat % 2 and ctx.organisations:
                    org = rng.choice(ctx.organisations)
                    person = rng.choice(ctx.org_people[org.__name__] or ctx.persons)
                else:
                    person = rng.choice(ctx.persons)
                body.memberships.add_membership(Membership(
                    person.__name__, role="delegate" if org is not None else role,
                    organisation_id=org.__name__ if org is not None else None,
                    start=start, end=end if end < ctx.today else None))
                made += 1
                start = end
    return made


TIMES = {"plenary": (time(18), time(20, 30)), "board": (time(17), time(19)),
         "steering": (time(10), time(12)), "working": (time(16, 30), time(18))}
PLACES = (
    {"place_name": "Rathaus Flensburg", "address": "Rathausplatz 1, 24937 Flensburg",
     "room": "Ratssaal (2. OG)", "accessibility": "Stufenloser Seiteneingang, Aufzug, Induktionsschleife."},
    {"place_name": "Koordinierungsstelle für Integration", "address": "Neustadt 16, 24939 Flensburg",
     "room": "Besprechungsraum 1", "accessibility": "Erdgeschoss, stufenlos erreichbar."},
    {"place_name": "Volkshochschule Flensburg", "address": "Südergraben 2, 24937 Flensburg",
     "room": "Raum 104", "accessibility": "Aufzug am Haupteingang."},
)


def _shares(total, weights):
    """``total`` split in proportion to ``weights`` (largest remainder)."""
    exact = [total * w / sum(weights) for w in weights]
    counts = [int(x) for x in exact]
    for i in sorted(range(len(exact)), key=lambda i: counts[i] - exact[i])[:total - sum(counts)]:
        counts[i] += 1
    return counts


def _session_day(day):
    """No sessions in the summer break (August) or at weekends."""
    if day.month == 8:
        day += timedelta(days=31)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def add_meetings(portal, ctx, count):
    """Sessions spread evenly over the span, each body at its own rhythm; past
    ones held (a few cancelled), the next weeks' ones invited."""
    rng, span = ctx.rng, (ctx.last - ctx.first).days
    made = []
    shares = _shares(count, [b[4] for b in BODIES])
    for index, (body, share) in enumerate(zip(ctx.bodies, shares)):
        start_time, end_time = TIMES[body.kind]
        phase = (index + 1) / (len(shares) + 1)  # bodies do not all meet in the same week
        for k in range(share):
            day = _session_day(ctx.first + timedelta(
                days=int((k + phase) * span / share) + rng.randint(-3, 3)))
            place = PLACES[0] if body.kind == "plenary" else rng.choice(PLACES[1:])
            meeting = Meeting(f"{k + 1}. Sitzung {body.short_name}",
                              to_utc(datetime.combine(day, start_time)),
                              to_utc(datetime.combine(day, end_time)), public=True, **place)
            meeting.created = meeting.modified = meeting.start - timedelta(days=28)
            body["meetings"].add_meeting(meeting)
            if meeting.end <= ctx.at:
                meeting.invited_at = meeting.start - timedelta(days=14)
                meeting.status = "cancelled" if rng.random() < 0.04 else "held"
            elif meeting.start - ctx.at < timedelta(days=21):
                meeting.mark_invited(at=ctx.at)
            made.append(meeting)
    ctx.meetings = sorted(made, key=lambda m: m.start)
    return len(made)


def add_agenda_items(portal, ctx, count):
    """``count`` items over the meetings (3 to 7 each): opening, approval of the
    last minutes, topics of the body's field, any other business."""
    rng, meetings = ctx.rng, ctx.meetings
    sizes = [count // len(meetings)] * len(meetings)
    for i in rng.sample(range(len(meetings)), count - sum(sizes)):
        sizes[i] += 1
    for _swap in range(len(meetings)):  # vary the sizes, keep the total
        a, b = rng.randrange(len(meetings)), rng.randrange(len(meetings))
        if a != b and sizes[a] < 7 and sizes[b] > 3:
            sizes[a], sizes[b] = sizes[a] + 1, sizes[b] - 1
    for meeting, size in zip(meetings, sizes):
        topics = names.TOPICS.get(meeting.body.field_of_action) or names.TOPICS[""]
        titles = ["Begrüßung und Feststellung der Beschlussfähigkeit",
                  "Genehmigung der Tagesordnung und des Protokolls der letzten Sitzung"]
        titles += rng.sample(topics, max(0, min(size - 3, len(topics))))
        titles += rng.sample(names.TOPICS[""], max(0, size - 1 - len(titles)))
        titles.append("Verschiedenes")
        for number, title in enumerate(titles[:size], 1):
            public = not (meeting.body.kind == "board" and number == size - 1)
            meeting.agenda.add_item(AgendaItem(
                str(number), title if public else "Personalangelegenheiten", public=public,
                description=f"Vorlage und Bericht zu „{title}“." if number > 2 else "",
                duration=rng.choice((None, 10, 15, 20, 30, 45))))
    return sum(sizes)


def add_attendance(portal, ctx, count=None):
    """Presence of the members at every held session, plus some guests."""
    rng, made = ctx.rng, 0
    for meeting in ctx.meetings:
        if meeting.status != "held":
            continue
        presences = {}
        for person_id in meeting.member_ids(on=meeting.local_start.date()):
            roll = rng.random()
            presences[person_id] = "present" if roll < 0.75 else "excused" if roll < 0.9 else "absent"
        meeting.record_attendance(presences, rng.randint(10, 40) if meeting.body.kind == "plenary"
                                  else rng.randint(0, 3))
        meeting.modified = meeting.end + timedelta(days=1)
        made += len(presences)
    return made


def add_minutes(portal, ctx, count):
    """Minutes of the most recent ``count`` held sessions: published where the
    body has met since (and so could approve them), else awaiting approval."""
    held = [m for m in ctx.meetings if m.status == "held"][-count:]
    for meeting in held:
        minutes = meeting.add(Minutes(), "minutes")
        minutes.set_general("Die Vorsitzende eröffnet die Sitzung und stellt die "
                            "Beschlussfähigkeit fest.")
        for item in meeting.agenda.ordered():
            decisions = ([{"text": f"Der {meeting.body.short_name} beschließt zu „{item.title}“ "
                                   "wie vorgelegt.", "yes": 12, "no": 1, "abstain": 2,
                           "result": ""}] if item.number not in ("1", "2") else [])
            minutes.set_entry(item.__name__, names.DISCUSSION.format(title=item.title), decisions)
        minutes_workflow.transition(minutes, "submit", userid="bench")
        later = [m for m in meeting.__parent__.values()
                 if meeting.start < m.start <= ctx.at and m.status == "held"]
        if later:
            minutes.approved_at_meeting = resource_path(min(later, key=lambda m: m.start))
            minutes.approved_on = min(m.start for m in later)
            minutes_workflow.transition(minutes, "approve", userid="bench")
            minutes_workflow.transition(minutes, "publish", userid="bench")
    return len(held)


def add_motions(portal, ctx, count):
    """The motions' own generator (committees included), in every state; the
    runner measures the page of the newest public one."""
    motions = generate_motions(portal, count, ctx.rng)
    public = [m for m in motions if m.is_public]
    if public:
        ctx.paths["motion"] = resource_path(max(public, key=lambda m: m.modified)) + "/"
    return len(motions)


def add_subscribers(portal, ctx, count):
    """The newsletter's lists (with the demo's few subscribers and archived
    issue) and ``count`` confirmed subscribers of the weekly list."""
    populate_newsletter(portal)
    return len(generate_subscribers(portal, count, ctx.rng))


SEARCHES = 8  # queries the runner rotates among


def add_catalog(portal, ctx, count):
    """The search catalog over everything generated (which was written without
    requests, so without the events that keep it current); the runner
    searches for a word of a generated agenda item."""
    indexed = reindex(portal)
    words = [w for m in ctx.meetings[-50:] for i in m.agenda.ordered() for w in i.title.split()
             if len(w) > 6 and w.isalpha()]
    first = ctx.rng.choice(words) if words else "Integration"
    ctx.paths["search"] = "/search?q=" + quote(first)
    # the runner rotates among several queries, so that no single cached
    # answer stands for search: rarer and commoner words, and one of two words
    others = sorted(set(words) - {first})
    chosen = [first] + ctx.rng.sample(others, min(SEARCHES - 2, len(others)))
    if len(chosen) > 2:
        chosen.append(f"{chosen[1]} {chosen[2]}")
    ctx.paths["searches"] = ["/search?q=" + quote(q) for q in chosen]
    return indexed


# (kind, generator, count at scale 1; None = follows from the others)
GENERATORS = [
    ("organisations", add_organisations, 300),
    ("persons", add_persons, 2000),
    ("bodies", add_bodies, None),
    ("memberships", add_memberships, None),
    ("meetings", add_meetings, 600),
    ("agenda_items", add_agenda_items, 3000),
    ("attendance", add_attendance, None),
    ("minutes", add_minutes, 150),
    ("motions", add_motions, 400),
    ("subscribers", add_subscribers, 5000),
    ("catalog", add_catalog, None),
]
