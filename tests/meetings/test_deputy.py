"""A delegate who cannot come names the organisation's deputy on the personal
reply page; the deputy gets their own reply link by mail (delivered at the
real SMTP server) and answers with it; a choice not on the list is refused
with a German message."""
import re
from datetime import date, timedelta

from pyramid.traversal import resource_path

from roundtable.meetings.tokens import make_token
from roundtable.timeutil import now
from tests.conftest import deliver, edit
from tests.meetings.helpers import add_meeting, plain
from tests.meetings.test_attendance import WOHNEN_MEMBERS, body_of, reply_form

REPLY = re.compile(r"https?://[^/\s]+(/bodies/ag-wohnen/meetings/[\w-]+/reply/([\w-]+)/\d+\.[0-9a-f]+)")
DELEGATE = "mahmoud-al-hassan"
SECRET = "test-secret"   # tests/conftest.py make_settings


def _setup(db):
    """The delegate of an organisation in AG Wohnen, its deputy (not otherwise a
    member), an invited meeting; returns (delegate link, deputy id, deputy mail)."""
    with edit(db) as portal:
        body = portal["bodies"]["ag-wohnen"]
        org = next(iter(portal["organisations"].listing())).__name__
        deputy = next(p for p in portal["people"].listing()
                      if p.email and p.__name__ not in WOHNEN_MEMBERS)
        body.add_membership(person_id=DELEGATE, organisation_id=org, role="delegate",
                            voting=True, start=date(2020, 1, 1), end=None, note="")
        body.add_membership(person_id=deputy.__name__, organisation_id=org, role="deputy",
                            voting=False, start=date(2020, 1, 1), end=None, note="")
        meeting = add_meeting(portal, "ag-wohnen", now() + timedelta(days=9), title="Vertretungstest")
        meeting.mark_invited()
        token = make_token(SECRET, resource_path(meeting), DELEGATE, meeting.reply_expiry())
        link = f"{resource_path(meeting)}/reply/{DELEGATE}/{token}"
        return link, deputy.__name__, deputy.email, resource_path(meeting)


def test_delegate_names_the_deputy_who_gets_the_link(anonymous, db, settings, smtp_server):
    link, deputy_id, deputy_mail, meeting_path = _setup(db)
    page = anonymous.get(link)
    assert "Stellvertretung bitten" not in plain(page)      # only once excused
    page = reply_form(page, "no").submit().follow()
    assert "Stellvertretung bitten" in plain(page)
    form = [f for f in page.forms.values() if "deputy_id" in f.fields][0]
    assert [v for v, _s, _l in form["deputy_id"].options] == [deputy_id]
    done = form.submit().follow()
    assert "erhält den persönlichen Link zur Rückmeldung per E-Mail" in plain(done)
    [(_sender, rcpts, message)] = deliver(settings, smtp_server)
    assert rcpts == [deputy_mail]
    assert message["Subject"].startswith("Vertretung: Vertretungstest")
    text = body_of(message)
    assert "ist verhindert und bittet Sie als Stellvertretung" in text
    path, person = REPLY.search(text).groups()
    assert person == deputy_id
    deputy_page = anonymous.get(path)
    reply_form(deputy_page, "yes").submit().follow()
    with edit(db) as portal:
        meeting = portal["bodies"]["ag-wohnen"]["meetings"][meeting_path.rsplit("/", 1)[1]]
        assert meeting.attendance_for(deputy_id).reply == "yes"
        assert meeting.attendance_for(DELEGATE).deputy_id == deputy_id


def test_a_choice_not_on_the_list_is_refused(anonymous, db, settings, smtp_server):
    link, _deputy_id, _mail, _path = _setup(db)
    page = reply_form(anonymous.get(link), "no").submit().follow()
    form = [f for f in page.forms.values() if "deputy_id" in f.fields][0]
    form["deputy_id"].force_value("kwame-mensah")
    refused = form.submit(expect_errors=True)
    assert refused.status_int == 400
    assert "Bitte wählen Sie eine Person aus der Liste Ihrer Stellvertretungen." in plain(refused)
    assert deliver(settings, smtp_server) == []
