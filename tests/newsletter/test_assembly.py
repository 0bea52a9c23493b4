"""Assembly: "new" means since the list's previous issue went out (organisations
by the day they joined); upcoming sessions are all public ones within the
list's horizon. The coordinator reorders sections and leaves entries out and
brings them back with one click."""
from datetime import timedelta

from roundtable.newsletter.assembly import Links, assemble
from roundtable.people.resources import Organisation
from roundtable.timeutil import now, to_local
from tests.conftest import edit
from tests.meetings.helpers import add_meeting, next_sunday
from tests.newsletter.helpers import csrf, make_list
from tests.newsletter.test_issues import LIST, create_issue


def _titles(sections, key):
    return [i["title"] for s in sections if s["key"] == key for i in s["items"]]


def test_new_organisations_are_those_that_joined_since_the_last_issue(db):
    make_list(db)
    with edit(db) as portal:
        orgs = portal["organisations"]
        orgs.add(Organisation(name="Neu beigetreten e. V.", kind="association",
                              member_since=to_local(now()).date()))
        orgs.add(Organisation(name="Alter Verein, heute erfasst", kind="association",
                              member_since=to_local(now()).date().replace(year=2015)))
        orgs.add(Organisation(name="Ohne Beitrittsdatum", kind="association", member_since=None))
        _period, sections = assemble(portal, portal["newsletter"]["test-liste"], Links())
    assert sorted(_titles(sections, "organisations")) == ["Neu beigetreten e. V.", "Ohne Beitrittsdatum"]


def test_upcoming_sessions_are_all_public_ones_within_the_horizon(db):
    make_list(db)
    with edit(db) as portal:
        for days, title in ((2, "In zwei Tagen"), (9, "In neun Tagen"), (13, "In 13 Tagen"),
                            (20, "In 20 Tagen")):
            add_meeting(portal, "ag-wohnen", now() + timedelta(days=days), title=title)
        add_meeting(portal, "vorstand", now() + timedelta(days=3), title="Intern", public=False)
        lst = portal["newsletter"]["test-liste"]
        assert lst.horizon_days == 14
        _p, sections = assemble(portal, lst, Links())
        found = _titles(sections, "meetings")
        assert {"In zwei Tagen", "In neun Tagen", "In 13 Tagen"} <= set(found)
        assert "In 20 Tagen" not in found and "Intern" not in found
        lst.horizon_days = 30
        assert "In 20 Tagen" in _titles(assemble(portal, lst, Links())[1], "meetings")


def test_horizon_is_set_in_the_list_form_with_german_messages(admin, db):
    make_list(db)
    form = admin.get(LIST + "edit").forms["form"]
    assert form["horizon_days"].value == "14"
    form["horizon_days"] = "0"
    bad = form.submit("save")
    assert "Bitte mindestens 1 Tag." in bad.text
    form = bad.forms["form"]
    form["horizon_days"] = "viele"
    assert "ist keine Zahl" in form.submit("save").text
    form["horizon_days"] = "28"
    assert form.submit("save").status_int == 303
    with edit(db) as portal:
        assert portal["newsletter"]["test-liste"].horizon_days == 28


def test_sections_move_and_entries_are_left_out_and_brought_back(admin, db):
    make_list(db)
    with edit(db) as portal:
        add_meeting(portal, "ag-wohnen", next_sunday(3), title="Wohnen kommt")
        add_meeting(portal, "ag-wohnen", next_sunday(4), title="Wohnen danach")
    issue = create_issue(admin)
    form = admin.get(issue + "add-section").forms["form"]
    form["title"] = "Grußwort"
    form["text"] = "Liebe Leserinnen und Leser"
    form.submit("save")
    page = admin.get(issue)
    headings = [h.get_text() for h in page.html.select("section[id^=s] h2")]
    assert headings[-1] == "Grußwort"
    last = len(headings) - 1
    token = csrf(page)
    for _ in range(last):   # the free text goes to the top
        admin.post(issue + "arrange", {"csrf_token": token, "action": "up", "section": last - _},
                   status=303)
    page = admin.get(issue)
    assert [h.get_text() for h in page.html.select("section[id^=s] h2")][0] == "Grußwort"
    meetings = [h.get_text() for h in page.html.select("section[id^=s] h2")].index("Kommende Sitzungen")
    admin.post(issue + "arrange", {"csrf_token": token, "action": "toggle", "section": meetings,
                                   "item": 0})
    page = admin.get(issue)
    assert "Weggelassen:" in page.text and "Wieder aufnehmen" in page.text
    preview = admin.get(issue + "preview").text
    assert "Wohnen kommt" not in preview and "Wohnen danach" in preview
    assert preview.index("Grußwort") < preview.index("Kommende Sitzungen")
    admin.post(issue + "arrange", {"csrf_token": token, "action": "toggle", "section": meetings,
                                   "item": 0})
    assert "Wohnen kommt" in admin.get(issue + "preview").text
    # nonsense is a clean 400, nothing changed
    for params in ({"action": "up", "section": 0}, {"action": "down", "section": 99},
                   {"action": "toggle", "section": meetings, "item": 9},
                   {"action": "toggle", "section": "x"}, {"action": "explode", "section": 1}):
        admin.post(issue + "arrange", dict(params, csrf_token=token), status=400)
