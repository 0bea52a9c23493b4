"""Who gets a stored page: only those without a session, and only pages that
are the same for all of them.

A member never receives a page rendered for anonymous or for another
member; a page with a CSRF token (it sets the session cookie) is never
stored; HEAD and the language switch work with the ETags; a hidden object
stays a 404 for anonymous whatever was cached before.
"""
from pyramid.config import Configurator
from pyramid.response import Response
from webtest import TestApp

from roundtable.portal import Portal
from roundtable.security import VIEW
from tests.conftest import edit
from tests.freshness.helpers import cached, public_site, submit
from tests.meetings.helpers import add_meeting, next_sunday, url


def test_members_never_get_a_page_cached_for_someone_else(app, member, chair):
    anonymous = TestApp(app)
    public = anonymous.get("/")
    assert "ETag" in public.headers and cached(app) == 1
    # member A (Kwame Mensah) after anonymous: his own page, not stored, no ETag
    mine = member.get("/", headers={"If-None-Match": public.headers["ETag"]})
    assert mine.status_int == 200 and "ETag" not in mine.headers
    assert "kwame.mensah@example.org" in mine.text and "Abmelden" in mine.text
    assert "Anmelden</a>" not in mine.text
    # member B (Agnieszka Nowak) after member A: her own page
    hers = chair.get("/")
    assert "agnieszka.nowak@example.org" in hers.text
    assert "kwame.mensah@example.org" not in hers.text
    assert cached(app) == 1
    # and anonymous still gets the anonymous page, from the cache
    again = anonymous.get("/")
    assert again.body == public.body and "Abmelden" not in again.text
    assert "kwame.mensah@example.org" not in again.text


def test_a_member_sees_the_change_a_cached_page_does_not_know_yet(app, member):
    """Members' pages are rendered for them: a member's meeting page shows the
    reply buttons, and the anonymous page of the same meeting does not."""
    db = app.registry._zodb_databases[""]
    with edit(db) as portal:
        meeting = add_meeting(portal, "ag-wohnen", next_sunday(30), title="Wohnforum")
        path = url(meeting)
    anonymous = TestApp(app).get(path)
    members = member.get(path)
    assert 'name="reply"' in members.text and 'name="reply"' not in anonymous.text
    assert TestApp(app).get(path).body == anonymous.body


def test_pages_with_a_csrf_token_are_never_stored(app):
    for path in ("/login", "/newsletter/signup"):
        before = cached(app)
        first = TestApp(app).get(path)
        assert "Set-Cookie" in first.headers and "ETag" not in first.headers
        assert 'name="csrf_token"' in first.text
        second = TestApp(app).get(path)
        assert cached(app) == before
        token = first.forms["form"]["csrf_token"].value
        assert second.forms["form"]["csrf_token"].value != token


def test_a_page_that_touches_the_session_is_not_stored(app):
    """The session cookie is set by a response callback after the view: the
    cache must see that the rendering touched the session, not wait for the
    header."""
    def touches(context, request):
        return Response(f"token {request.session.get_csrf_token()}")

    config = Configurator(registry=app.registry)
    config.add_view(touches, context=Portal, name="freshness-session-probe", permission=VIEW,
                    freshness=("site",))
    config.commit()
    before = cached(app)
    first = TestApp(app).get("/freshness-session-probe")
    assert "Set-Cookie" in first.headers and "ETag" not in first.headers
    second = TestApp(app).get("/freshness-session-probe")
    assert second.text != first.text   # each its own token, nobody gets another's
    assert cached(app) == before


def test_head_answers_like_get(app):
    anonymous = TestApp(app)
    site = public_site(app)
    head = anonymous.head(site.meeting)
    assert head.status_int == 200 and head.body == b""
    get = anonymous.get(site.meeting)
    assert get.headers["ETag"] == head.headers["ETag"] and get.body
    again = anonymous.head(site.meeting, headers={"If-None-Match": head.headers["ETag"]},
                           status=304)
    assert again.body == b""


def test_the_language_switch_gives_its_own_etag(app):
    german, english = TestApp(app), TestApp(app)
    de = german.get("/")
    english.get("/language/en", params={"came_from": "/"}, status=303)
    en = english.get("/")
    assert 'lang="de"' in de.text and 'lang="en"' in en.text
    assert en.headers["ETag"] != de.headers["ETag"]
    assert "Set-Cookie" not in en.headers
    # neither answers the other's tag with 304
    assert english.get("/", headers={"If-None-Match": de.headers["ETag"]}).status_int == 200
    assert german.get("/").body == de.body
    assert english.get("/").body == en.body


def test_a_hidden_object_stays_hidden_after_caching(app, admin, member):
    db = app.registry._zodb_databases[""]
    with edit(db) as portal:
        meeting = add_meeting(portal, "ag-wohnen", next_sunday(30), title="Interne Runde",
                              public=False)
        path = url(meeting)
    anonymous = TestApp(app)
    anonymous.get(path, status=404)
    assert "Interne Runde" in member.get(path).text     # the body's member reads it
    assert "Interne Runde" not in anonymous.get(path, status=404).text

    # a public meeting, cached, then closed by the coordinator
    site = public_site(app)
    page = anonymous.get(site.meeting)
    tag = page.headers["ETag"]
    form = admin.get(site.meeting + "edit").forms["form"]
    form["public"] = False
    form.submit("save", status=303)
    anonymous.get(site.meeting, status=404)
    anonymous.get(site.meeting, headers={"If-None-Match": tag}, status=404)
    # and its minutes with it
    anonymous.get(site.minutes, status=404)


def test_a_flash_waiting_means_a_session_and_no_stored_page(app, admin):
    """After a form the coordinator is redirected to a page with a flash: her
    session cookie keeps that page (and every page she sees) out of the cache."""
    site = public_site(app)
    before = cached(app)
    response = submit(admin, site.committee + "edit", name="Ausschuss mit Meldung").follow()
    assert "Ausschuss mit Meldung" in response.text and "ETag" not in response.headers
    assert cached(app) == before
