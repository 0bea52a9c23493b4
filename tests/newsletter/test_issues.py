"""Issues: the assembled draft, editing, preview, test send, sending (now and
scheduled) through the real queue and SMTP server, refusals, the archive."""
import json
import re
from datetime import timedelta

from roundtable.minutes.resources import Minutes
from roundtable.minutes.workflow import minutes_workflow
from roundtable.mail.deliverylog import DeliveryLog, log_dir
from roundtable.newsletter import jobs
from roundtable.newsletter.jobs import waiting_for
from roundtable.timeutil import now
from tests.conftest import deliver, edit
from tests.meetings.helpers import add_meeting, next_sunday
from tests.newsletter.helpers import add_subscribers, make_list, set_radio, subscribed

LIST = "/newsletter/test-liste/"


def _portal_news(db):
    """An upcoming public meeting with agenda, a non-public one, and minutes published now."""
    with edit(db) as portal:
        add_meeting(portal, "ag-sprache-und-bildung", next_sunday(3, 11), title="Sprachcafé-Planung",
                    items=[("1", "Begrüßung", True), ("2", "Neue Kursangebote für Eltern", True),
                           ("3", "Personalfragen", False)])
        add_meeting(portal, "vorstand", next_sunday(3, 9), title="Geheime Klausur", public=False)
        past = add_meeting(portal, "ag-wohnen", next_sunday(-20), title="Wohnen im Quartier")
        minutes = past.add(Minutes(), "minutes")
        minutes.approved_at_meeting = "/elsewhere"
        for step in ("submit", "approve", "publish"):
            minutes_workflow.transition(minutes, step, userid="aylin-demir")


def create_issue(admin, title="Ausgabe 1"):
    form = admin.get(LIST + "add-issue").forms["form"]
    form["title"] = title
    response = form.submit("save")
    assert response.status_int == 303, response.text
    return response.location.replace("http://localhost", "")


def send_now(admin, issue_url):
    form = admin.get(issue_url + "send").forms["form"]
    set_radio(form, "now")
    return form.submit("send")


def test_assembled_draft_contains_upcoming_meeting_and_published_minutes(admin, db):
    make_list(db)
    _portal_news(db)
    issue_url = create_issue(admin)
    page = admin.get(issue_url).text
    assert "Kommende Sitzungen" in page and "Sprachcafé-Planung" in page
    assert "Neue Kursangebote für Eltern" in page          # agenda highlight
    assert "Personalfragen" not in page and "Geheime Klausur" not in page  # nothing non-public
    assert "event.ics" in page or "Termin in den Kalender" in page
    assert "Neu veröffentlichte Protokolle" in page and "Wohnen im Quartier" in page
    # each section editable; a free-text section with links can be added
    form = admin.get(issue_url + "section/0").forms["form"]
    form.set("title", "Termine in den nächsten Wochen", index=0)
    form.submit("save").follow()
    form = admin.get(issue_url + "add-section").forms["form"]
    form["title"] = "Aus den Partnerorganisationen"
    form["text"] = "Das Frauennetzwerk lädt zum Sommerfest ein."
    form["links"] = "Programm | https://example.org/sommerfest"
    form.submit("save").follow()
    bad = admin.get(issue_url + "add-section").forms["form"]
    bad["title"] = "Kaputt"
    bad["links"] = "kein Link hier"
    assert bad.submit("save", expect_errors=True).status_int == 400
    page = admin.get(issue_url).text
    assert "Termine in den nächsten Wochen" in page and "https://example.org/sommerfest" in page
    preview = admin.get(issue_url + "preview")
    assert preview.content_type == "text/html" and "Sommerfest" in preview.text
    assert "Sommerfest" in admin.get(issue_url + "preview?format=text").text


def test_send_delivers_personal_text_and_html_with_unsubscribe_headers(admin, anonymous, db, settings,
                                                                        smtp_server):
    make_list(db, reply_to="antwort@example.org")
    _portal_news(db)
    add_subscribers(db, "test-liste", ["a@example.org", "b@example.org"])
    add_subscribers(db, "test-liste", ["c@example.org"], language="en")
    with edit(db) as portal:
        portal["newsletter"].subscribers.find("a@example.org").name = "Anna Arslan"
    issue_url = create_issue(admin)
    assert anonymous.get(issue_url, expect_errors=True).status_int in (303, 403, 404)  # drafts are not public
    confirm = admin.get(issue_url + "send")
    assert "3 bestätigte Empfängerinnen und Empfänger" in confirm.text
    response = send_now(admin, issue_url)
    assert response.status_int == 303
    messages = deliver(settings, smtp_server)
    received = {to[0]: m for _f, to, m in messages}
    assert sorted(received) == ["a@example.org", "b@example.org", "c@example.org"]
    for address, message in received.items():
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        unsubscribe = message["List-Unsubscribe"]
        assert re.search(r"<https?://[^>]+/newsletter/unsubscribe/[0-9a-f]+/test-liste/[0-9a-f]{32}>", unsubscribe)
        assert "<mailto:koordination@example.org?subject=unsubscribe>" in unsubscribe
        assert message["Reply-To"] == "antwort@example.org"
        assert "X-Roundtable-Delivery" not in message and "X-Actually-To" not in message
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        assert "Sprachcafé-Planung" in text and "Sprachcafé-Planung" in html
        assert "<img" not in html and "<table" in html
        assert "@@" not in text and "@@" not in html
    assert "Guten Tag Anna Arslan," in received["a@example.org"].get_body(("plain",)).get_content()
    assert "Guten Tag," in received["b@example.org"].get_body(("plain",)).get_content()
    english = received["c@example.org"].get_body(("plain",)).get_content()
    assert "Hello," in english and "Upcoming meetings" in english
    # progress and archive
    page = admin.get(issue_url).text
    assert re.search(r"<strong>3</strong> von <span>3</span> versendet", page)
    assert "Ausgabe 1" in anonymous.get("/newsletter").text
    assert anonymous.get(issue_url).status_int == 200
    # sending twice is refused, clearly
    again = admin.get(issue_url + "send")
    assert "kein zweites Mal" in again.text
    assert deliver(settings, smtp_server) == messages  # nothing new


def test_empty_issue_is_refused(admin, db, settings, smtp_server):
    make_list(db)
    add_subscribers(db, "test-liste", ["leer@example.org"])
    with edit(db) as portal:
        from roundtable.newsletter.resources import Issue

        portal["newsletter"]["test-liste"].add(Issue("Leer", now(), now()), name="leer")
    page = admin.get(LIST + "leer/send")
    assert "Die Ausgabe ist leer" in page.text and "form" not in page.forms
    token = re.search(r'name="csrf_token" value="([^"]+)"', admin.get(LIST + "leer/").text).group(1)
    response = admin.post(LIST + "leer/send", {"csrf_token": token, "send": "send", "when": "now",
                                               "expected": "1"}, expect_errors=True)
    assert response.status_int == 409
    assert deliver(settings, smtp_server) == []


def test_test_send_goes_to_the_coordinator_only(admin, db, settings, smtp_server):
    make_list(db)
    _portal_news(db)
    add_subscribers(db, "test-liste", ["nicht-jetzt@example.org"])
    issue_url = create_issue(admin)
    page = admin.get(issue_url)
    page.forms[[k for k, f in page.forms.items() if f.action.endswith("/test")][0]].submit().follow()
    messages = deliver(settings, smtp_server)
    assert [to for _f, to, _m in messages] == [["admin@example.org"]]
    assert messages[0][2]["Subject"].startswith("[Test]")
    with edit(db) as portal:
        assert portal["newsletter"]["test-liste"][issue_url.rstrip("/").rsplit("/", 1)[1]].state == "draft"


def test_scheduled_issue_waits_for_its_time(admin, anonymous, db, settings, smtp_server):
    make_list(db)
    _portal_news(db)
    add_subscribers(db, "test-liste", ["spaeter@example.org"])
    sid, _prefs, unsubscribe = subscribed(db, "geht@example.org")
    issue_url = create_issue(admin)
    form = admin.get(issue_url + "send").forms["form"]
    set_radio(form, "later")
    tomorrow = now() + timedelta(days=1)
    form["date"] = tomorrow.strftime("%Y-%m-%d")
    form["time"] = "09:00"
    assert form.submit("send").status_int == 303
    assert "Eingeplant für" in admin.get(issue_url).text
    assert deliver(settings, smtp_server) == []
    assert anonymous.get(issue_url, expect_errors=True).status_int in (303, 403, 404)
    # one recipient unsubscribes before the time: the queued mail is not delivered
    anonymous.post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    # time passes: the job's scheduled time is reached
    [path] = jobs.pending_jobs(settings)
    with open(path, encoding="utf-8") as f:
        job = json.load(f)
    assert job["not_before"].startswith(tomorrow.strftime("%Y-%m-%d"))
    job["not_before"] = "2000-01-01T00:00:00+00:00"
    with open(path, "w", encoding="utf-8") as f:
        json.dump(job, f)
    assert [to for _f, to, _m in deliver(settings, smtp_server)] == [["spaeter@example.org"]]
    page = admin.get(issue_url).text
    assert "<strong>1</strong> von <span>2</span> versendet" in page
    assert "inzwischen abgemeldet</dt><dd>1</dd>" in page


def test_subject_and_names_cannot_inject_headers(admin, db, settings, smtp_server):
    make_list(db)
    _portal_news(db)
    [sid] = add_subscribers(db, "test-liste", ["ziel@example.org"])
    issue_url = create_issue(admin)
    form = admin.get(issue_url + "section/0").forms["form"]
    form.set("title", "Zeile\r\nBcc: opfer@example.org", index=0)
    assert "ohne Zeilenumbrüche" in form.submit("save").text
    with edit(db) as portal:
        issue = portal["newsletter"]["test-liste"][issue_url.rstrip("/").rsplit("/", 1)[1]]
        issue.title = "Betreff\r\nBcc: opfer@example.org"
        portal["newsletter"].subscribers.get(sid).name = "Eve\r\nBcc: opfer@example.org"
        portal["newsletter"]["test-liste"].sender_name = "Absender\nBcc: opfer@example.org"
    send_now(admin, issue_url)
    messages = deliver(settings, smtp_server)
    assert [to for _f, to, _m in messages] == [["ziel@example.org"]]
    message = messages[0][2]
    assert message["Bcc"] is None and "\n" not in message["Subject"]
    assert message["Subject"] == "Betreff Bcc: opfer@example.org"


def sent_issue(admin, db, emails):
    """A list with the portal's news and ``emails`` as subscribers, an issue
    created and sent by the coordinator: ``(issue url, issue uid)``."""
    make_list(db)
    _portal_news(db)
    add_subscribers(db, "test-liste", emails)
    issue_url = create_issue(admin)
    send_now(admin, issue_url)
    with edit(db) as portal:
        return issue_url, portal["newsletter"]["test-liste"][issue_url.rstrip("/").rsplit("/", 1)[1]].uid


def test_delivery_log_records_every_recipient(admin, db, settings, smtp_server):
    issue_url, uid = sent_issue(admin, db, [f"log{i}@example.org" for i in range(5)])
    log = DeliveryLog(log_dir(settings))
    # "send" only planned it: the worker expands the job into the queue, then delivers
    assert log.summary(uid)[0]["queued"] == 0 and waiting_for(settings, uid) == 5
    deliver(settings, smtp_server)
    assert waiting_for(settings, uid) == 0
    counts, failures = log.summary(uid)
    assert counts["sent"] == 5 and not failures
    statuses = [e["status"] for e in log.read(uid)]
    assert statuses.count("queued") == 5 and statuses.count("handed") == 5 and statuses.count("sent") == 5
    assert all(e["answer"].startswith("250") for e in log.read(uid) if e["status"] == "sent")
