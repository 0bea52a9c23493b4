"""Meetings and minutes for the minutes tests (WebTest and the live server).

The demo data has no meetings of its own that these tests could rely on, so
the tests make theirs: two sessions of the plenary (the member user is a
member there) and two of AG Sprache und Bildung (the chair user chairs it,
the member user is not in it).
"""
from datetime import datetime, timedelta
from types import SimpleNamespace

from pyramid.traversal import resource_path

from roundtable.meetings.resources import AgendaItem, Meeting
from roundtable.minutes.resources import Minutes
from roundtable.minutes.workflow import minutes_workflow
from roundtable.timeutil import to_utc

SECRET = "Vertraulich: Bewerbungslage der Koordinierungsstelle"
SECRET_TITLE = "Personalangelegenheiten der Koordinierungsstelle"
PUBLIC_TEXT = "Der Runde Tisch beriet über Wohnraum für Geflüchtete in der Neustadt."

# persons of the demo register (roundtable.demo): consent to be named or not
PRESENT_NAMED = ("aylin-demir", "merve-yilmaz", "kwame-mensah")        # consented
PRESENT_UNNAMED = ("piotr-wisniewski", "olena-kovalenko")              # did not consent
EXCUSED_NAMED = ("sabine-juergensen",)
EXCUSED_UNNAMED = ("thomas-petersen",)


def berlin(*args):
    return to_utc(datetime(*args), "Europe/Berlin")


def add_meeting(body, title, start, items, public=True):
    meeting = Meeting(title, start, start + timedelta(hours=2), place_name="Rathaus Flensburg",
                      address="Rathausplatz 1, 24937 Flensburg", room="Ratssaal", public=public)
    body["meetings"].add_meeting(meeting)
    for number, item_title, item_public in items:
        meeting.agenda.add_item(AgendaItem(number, item_title, public=item_public))
    return meeting


def populate(portal):
    """Four past meetings; returns their paths (and the objects' names)."""
    plenary = portal["bodies"]["runder-tisch"]
    march = add_meeting(plenary, "61. Sitzung des Runden Tisches", berlin(2025, 3, 12, 18, 0), [
        ("1", "Begrüßung und Tagesordnung", True),
        ("2", "Wohnraum für Geflüchtete", True),
        ("3", SECRET_TITLE, False),
    ])
    for pid in PRESENT_NAMED + PRESENT_UNNAMED:
        march.record_presence(pid, "present")
    for pid in EXCUSED_NAMED + EXCUSED_UNNAMED:
        march.record_presence(pid, "excused")
    march.guests = 7
    april = add_meeting(plenary, "62. Sitzung des Runden Tisches", berlin(2025, 4, 9, 18, 0), [
        ("1", "Begrüßung", True),
        ("2", "Genehmigung des Protokolls der Sitzung vom 12.03.2025", True),
    ])
    group = portal["bodies"]["ag-sprache-und-bildung"]
    may = add_meeting(group, "AG Sprache und Bildung: Sprachkurse", berlin(2025, 5, 6, 17, 0), [
        ("1", "Sprachkursangebote im Herbst", True),
        ("2", "Interna der Arbeitsgruppe", False),
    ])
    june = add_meeting(group, "AG Sprache und Bildung: Juni", berlin(2025, 6, 3, 17, 0), [
        ("1", "Genehmigung der Niederschrift vom 06.05.2025", True),
    ])
    return SimpleNamespace(**{name: resource_path(m) + "/" for name, m in (
        ("march", march), ("april", april), ("may", may), ("june", june))})


def write_minutes(meeting, upto="draft", approving=None, userid="aylin-demir"):
    """Minutes with text for every item, taken through the workflow to ``upto``."""
    minutes = meeting.minutes or meeting.add(Minutes(), "minutes")
    for item in meeting.agenda.ordered():
        text = SECRET if not item.public else f"Bericht zu {item.title}."
        if item.number == "2" and "Wohnraum" in item.title:
            text = PUBLIC_TEXT
        minutes.set_entry(item.__name__, text, decisions=[
            {"text": f"Beschluss zu {item.title}", "yes": 12, "no": 1, "abstain": 2, "result": ""}],
            tasks=[{"what": "Bericht nachreichen", "responsible": "Koordinierungsstelle",
                    "due": datetime(2025, 5, 1).date()}])
    minutes.set_general("Die Vorsitzende eröffnet die Sitzung und stellt die Beschlussfähigkeit fest.")
    steps = {"draft": [], "review": ["submit"], "approved": ["submit", "approve"],
             "published": ["submit", "approve", "publish"]}[upto]
    for step in steps:
        if step == "approve":
            minutes.record_approval(approving)
        minutes_workflow.transition(minutes, step, userid=userid)
    return minutes


LIVE_PATHS = SimpleNamespace()  # the meetings' paths on the live server, set by prepare_live


def prepare_live(settings):
    """``LiveServer(prepare=…)``: the demo database, the role users of
    tests.conftest (shared test password), the meetings above, and the AG's
    May minutes already published (for the accessibility check of a public
    page). Returns the generated administrator password."""
    import io

    import ZODB
    from pyramid.traversal import find_resource
    from zodburi import resolve_uri

    from roundtable.accounts.resources import User
    from roundtable.bootstrap import bootstrap
    from tests.conftest import ROLE_USERS, edit, password_hash

    factory, dbkw = resolve_uri(settings["zodbconn.uri"])
    db = ZODB.DB(factory(), **dbkw)
    try:
        password = bootstrap(db, settings, out=io.StringIO())
        with edit(db) as portal:
            for login, person_id, roles in ROLE_USERS.values():
                if login in portal["users"].by_login:
                    continue  # the coordinator made by bootstrap (same login)
                user = User(login, roles=roles, person_id=person_id)
                user.password_hash = password_hash()
                portal["users"].add_user(user)
            paths = populate(portal)
            vars(LIVE_PATHS).update(vars(paths))
            write_minutes(find_resource(portal, paths.may), "published",
                          approving=find_resource(portal, paths.june))
    finally:
        db.close()
    return password

