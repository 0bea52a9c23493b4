"""Shared helpers of the newsletter tests: lists, subscribers, signed links,
the worker dying at a chosen moment."""
import re
import socket
import time

from roundtable.newsletter.resources import MailingList
from tests.conftest import edit

WEEKLY = "verteiler-zusammenleben"
SECRET = "test-secret"


def make_list(db, name="test-liste", title="Testliste", public=True, **kw):
    with edit(db) as portal:
        newsletter = portal["newsletter"]
        if name not in newsletter:
            newsletter.add(MailingList(title, "koordination@example.org", sender_name="Koordinierungsstelle",
                                       public_signup=public, **kw), name=name)
    return name


def add_subscribers(db, list_name, emails, language="de"):
    with edit(db) as portal:
        subs = portal["newsletter"].subscribers
        return [subs.subscribe_confirmed(e, [list_name], language=language, source="test").id
                for e in emails]


def csrf(page):
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def links_in(text):
    return re.findall(r"https?://[^\s<>\"]+", text)


def set_radio(form, value):
    """deform names radio groups by their field id; pick the group offering ``value``."""
    for name, fields in form.fields.items():
        if fields and fields[0].__class__.__name__ == "Radio" and value in [o[0] for o in fields[0].options]:
            form[name] = value
            return
    raise KeyError(value)


def local_path(url):
    """The path and query of an absolute URL, for WebTest."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def subscribed(db, email, list_name="test-liste"):
    """A confirmed subscriber of a (new) list: ``(id, preferences path, unsubscribe path)``."""
    from roundtable.newsletter.queueing import subscriber_urls

    make_list(db, list_name)
    [sid] = add_subscribers(db, list_name, [email])
    with edit(db) as portal:
        prefs, url = subscriber_urls("http://localhost", SECRET, portal["newsletter"].subscribers.get(sid),
                                     list_name)
    return sid, local_path(prefs), local_path(url)


def wait_for(condition, timeout=120):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


class Crash(BaseException):
    """The worker process dying (kill -9) at a chosen moment."""


def crash_in_flight(worker, after=0):
    """Run ``worker`` until the message after ``after`` sent ones is handed
    over and dies there, before the final dot: the socket is shut as the
    kernel does for a killed process."""
    real_send, handed = worker.transport.send, []

    def dies(fromaddr, toaddrs, data, before_commit):
        def then_die():
            before_commit()
            if len(handed) == after:
                worker.transport.smtp.sock.shutdown(socket.SHUT_RDWR)
                raise Crash()
            handed.append(1)
        return real_send(fromaddr, toaddrs, data, then_die)

    worker.transport.send = dies
    try:
        worker.run_once()
    except Crash:
        return
    raise AssertionError("the worker did not reach the crash point")
