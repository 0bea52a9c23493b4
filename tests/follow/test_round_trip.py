"""Following by e-mail, each kind end to end: subscribe → confirm (the link in
the mail at the real SMTP server) → change → one digest at the SMTP server
→ one-click unsubscribe; and the batching (one mail per follower per day)."""
import re
from datetime import timedelta

import pytest

from roundtable.catalog import reindex
from roundtable.follow.alerts import run_digests
from roundtable.timeutil import now
from tests.conftest import deliver, edit
from tests.meetings.helpers import add_meeting, next_sunday, plain, url
from tests.minutes.test_views import make_minutes, paths, transition  # noqa: F401 (fixture)
from tests.newsletter.helpers import links_in, local_path, set_radio


def body_text(message):
    return message.get_body(("plain",)).get_content()


def mails_to(smtp_server, address):
    return [m for _f, to, m in smtp_server.messages if address in to]


def subscribe(client, settings, smtp_server, query, email):
    """Fill the follow form, confirm through the mailed link; returns the manage page."""
    page = client.get("/follow", query)
    form = page.forms["form"]
    form["email"] = email
    assert form.submit("follow").status_int == 303
    deliver(settings, smtp_server)
    [mail] = mails_to(smtp_server, email)
    assert "Folgen per E-Mail" in mail["Subject"]
    [link] = [u for u in links_in(body_text(mail)) if "/follow/confirm/" in u]
    confirm = client.get(local_path(link))
    assert "Bestätigen" in confirm.text          # GET alone confirms nothing
    return confirm.forms["form"].submit("confirm").follow()


def change_language(manage, client):
    form = manage.forms["form"]
    set_radio(form, "en")
    return form.submit("save").follow()


def digest_for(app, settings, smtp_server, email, at=None):
    before = len(mails_to(smtp_server, email))
    run_digests(app.registry, at=at)
    deliver(settings, smtp_server)
    return mails_to(smtp_server, email)[before:]


def one_click(client, mail):
    unsubscribe = re.search(r"<([^>]+)>", mail["List-Unsubscribe"]).group(1)
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # what a mail client sends: no cookies, no CSRF token
    response = client.post(local_path(unsubscribe), {"List-Unsubscribe": "One-Click"})
    assert response.status_int == 200
    return unsubscribe


def test_follow_a_motion(app, anonymous, board, db, settings, smtp_server):
    with edit(db) as portal:
        motion = next(m for m in portal["motions"].values()
                      if m.title == "Herkunftssprachlicher Unterricht an Grundschulen")
        name, day = motion.__name__, motion.history[-1]["at"].date()
    assert "Diesem Antrag per E-Mail folgen" in anonymous.get(f"/motions/{name}/").text
    manage = subscribe(anonymous, settings, smtp_server, {"what": f"motion:{name}"},
                       "leser@example.org")
    assert "Herkunftssprachlicher Unterricht" in plain(manage)
    change_language(manage, anonymous)
    # nothing happened yet: no mail
    assert digest_for(app, settings, smtp_server, "leser@example.org") == []
    # the board enters the committee's consultation: the motion moves a step
    form = board.get(f"/motions/{name}/consultation").forms["form"]
    form["committee_id"] = "ausschuss-fuer-bildung-hochschule-und-kultur"
    form["date"] = (day + timedelta(days=8)).isoformat()
    form["time"] = "17:00"
    form["role"] = "decision"
    saved = form.submit("save")
    assert saved.status_int == 303, re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]+)', saved.text)
    [mail] = digest_for(app, settings, smtp_server, "leser@example.org")
    text = body_text(mail)
    assert "Herkunftssprachlicher Unterricht an Grundschulen" in text
    assert "under consultation" in text and f"/motions/{name}/" in text   # in English, as chosen
    one_click(anonymous, mail)
    with edit(db) as portal:
        follower = portal.follows.followers.find("leser@example.org")
        assert follower.lists == frozenset() and not portal.follows.followed(f"motion:{name}")


@pytest.fixture
def planned(db):
    with edit(db) as portal:
        meeting = add_meeting(portal, "ag-wohnen", next_sunday(21), title="Sitzung der AG Wohnen",
                              items=[("1", "Begrüßung", True)])
        second = add_meeting(portal, "ag-wohnen", next_sunday(49), title="Sitzung der AG Wohnen",
                             items=[("1", "Begrüßung", True)])
        return url(meeting), url(second)


def invite(client, path):
    page = client.get(path + "invite")
    [form] = [f for f in page.forms.values() if f.action.endswith("/invite")]
    assert form.submit().status_int == 303


def test_follow_a_body_one_mail_a_day(app, anonymous, board, db, settings, smtp_server, planned):
    assert "Einladungen und Protokolle per E-Mail" in anonymous.get("/bodies/ag-wohnen/").text
    manage = subscribe(anonymous, settings, smtp_server, {"what": "body:ag-wohnen"},
                       "nachbarin@example.org")
    assert "AG Wohnen" in plain(manage)
    invite(board, planned[0])
    [mail] = digest_for(app, settings, smtp_server, "nachbarin@example.org")
    assert "Einladung zur Sitzung „Sitzung der AG Wohnen“" in body_text(mail)
    # a second invitation the same day waits for the next day's digest
    invite(board, planned[1])
    assert digest_for(app, settings, smtp_server, "nachbarin@example.org") == []
    [later] = digest_for(app, settings, smtp_server, "nachbarin@example.org",
                         at=now() + timedelta(hours=25))
    assert planned[1] in body_text(later)
    one_click(anonymous, later)
    invite_again = digest_for(app, settings, smtp_server, "nachbarin@example.org",
                              at=now() + timedelta(days=3))
    assert invite_again == []


def test_follow_a_search(app, anonymous, db, settings, smtp_server):
    page = anonymous.get("/search", {"q": "Sprachcafé", "type": "meeting"})
    follow = page.html.find("a", string=re.compile("Bei neuen Treffern"))
    manage = subscribe(anonymous, settings, smtp_server, local_path(follow["href"]).split("?", 1)[1],
                       "suche@example.org")
    assert "Sprachcafé" in plain(manage)
    change_language(manage, anonymous)
    # what the search found before is not news; a new session about it is
    assert digest_for(app, settings, smtp_server, "suche@example.org") == []
    with edit(db) as portal:
        add_meeting(portal, "ag-sprache-und-bildung", next_sunday(35), title="Großes Sprachcafé")
        reindex(portal)
    [mail] = digest_for(app, settings, smtp_server, "suche@example.org")
    assert "Großes Sprachcafé" in body_text(mail) and "New" in body_text(mail)
    unsubscribe = one_click(anonymous, mail)
    # the link keeps working (and changes nothing) later on
    assert anonymous.post(local_path(unsubscribe)).status_int == 200


def test_members_follow_with_their_account_address(member, db):
    page = member.get("/follow", {"what": "body:ag-wohnen"})
    assert page.forms["form"]["email"].value == "kwame.mensah@example.org"
    manage = page.forms["form"].submit("follow").follow()   # no opt-in for the own address
    assert "AG Wohnen" in plain(manage)
    assert member.get("/account/follow").status_int == 303
    assert "Was ich verfolge" in member.get("/account").text


def test_hidden_and_unknown_things_cannot_be_followed(anonymous, db):
    with edit(db) as portal:
        draft = next(m for m in portal["motions"].values() if m.state == "draft").__name__
    assert "ohne Konto" in anonymous.get("/follow").text   # the canonical address of the form
    for what in (f"motion:{draft}", "motion:gibt-es-nicht", "body:gibt-es-nicht", "x:y", "search"):
        anonymous.get("/follow", {"what": what}, status=404)
    anonymous.get("/follow/manage/abc/def", status=404)
    anonymous.get("/follow/unsubscribe/abc/*/def", status=404)


def test_published_minutes_reach_the_bodys_followers(app, anonymous, board, db, settings,
                                                     smtp_server, paths):
    subscribe(anonymous, settings, smtp_server, {"what": "body:runder-tisch"}, "chronik@example.org")
    make_minutes(db, paths.march, "approved", approving=paths.april)
    assert digest_for(app, settings, smtp_server, "chronik@example.org") == []   # not yet public
    transition(board, paths.march + "minutes/", "publish")
    [mail] = digest_for(app, settings, smtp_server, "chronik@example.org")
    text = body_text(mail)
    assert "Protokoll veröffentlicht: 61. Sitzung des Runden Tisches" in text
    assert paths.march + "minutes/" in text
    # a second save of the published minutes is no news
    transition(board, paths.march + "minutes/", "publish", status=None)
    assert digest_for(app, settings, smtp_server, "chronik@example.org",
                      at=now() + timedelta(days=2)) == []
