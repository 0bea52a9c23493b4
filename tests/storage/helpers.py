"""What the storage tests share: a prepared portal with one meeting, and
adding agenda items through the real form of a running server."""
import io
import threading

from pyramid.traversal import resource_path

from roundtable.bootstrap import bootstrap
from roundtable.db import open_db
from roundtable.meetings.tokens import make_token
from tests.conftest import edit
from tests.meetings.helpers import add_meeting, next_sunday, url


def prepare_portal(settings, found):
    """Create the portal (demo data) and one future meeting in the database of
    ``settings``; note the admin password, the meeting's path and a reply link
    per person in ``found``. Returns the password (for ``LiveServer(prepare=)``)."""
    db = open_db(settings)
    try:
        found["password"] = bootstrap(db, settings, out=io.StringIO())
        with edit(db) as portal:
            meeting = add_meeting(portal, "ag-wohnen", next_sunday(10), title="Gemeinsame Sitzung")
            found["path"] = url(meeting)
            expiry = meeting.reply_expiry()
            found["links"] = {
                person_id: found["path"] + f"reply/{person_id}/" + make_token(
                    settings["roundtable.secret"], resource_path(meeting), person_id, expiry)
                for person_id in portal["people"].keys()}
    finally:
        db.close()
    return found["password"]


def run_threads(count, work, timeout=600):
    """``work(index)`` in ``count`` threads at once; the exceptions they raised."""
    errors = []

    def run(index):
        try:
            work(index)
        except BaseException as exc:  # reported by the caller, with the server logs
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return errors


def item_title(number, author):
    return f"Punkt {number} ({author})"


def add_item(app, meeting_path, number, author):
    """Add TOP ``number`` through the form; returns the response (303 = stored)."""
    form = app.get(meeting_path + "agenda/add").forms["form"]
    form["number"], form["title"] = str(number), item_title(number, author)
    return form.submit("save", expect_errors=True)


def agenda_titles(db, meeting_path):
    with edit(db) as portal:
        obj = portal
        for part in meeting_path.strip("/").split("/"):
            obj = obj[part]
        return {item.number: item.title for item in obj.agenda.values()}
