"""Queuing and delivering one newsletter issue to every subscriber, against
raw smtplib sending the same messages to the same local SMTP sink.

Our side is what the coordinator's "send" does plus the worker's run: the
issue assembled and one message per subscriber written to the transactional
queue, then delivered by ``roundtable-mailqueue``'s code. The raw side sends
the very messages the queue held over one smtplib connection: the floor any
delivery over SMTP has on this machine.
"""
import re
import smtplib
import tempfile
import time
from email import message_from_bytes
from pathlib import Path

from aiosmtpd.controller import Controller

from ..db import ROOT_KEY
from ..newsletter.assembly import Links, assemble
from ..newsletter.demo import WEEKLY, deliver_queue, queue_issue_to_list
from .server import free_port


class CountingSink:
    """An SMTP server that accepts and counts messages, storing nothing."""

    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += len(envelope.rcpt_tos)
        return "250 OK"


def queued_messages(queue_path):
    """(from, to, bytes) of every message in the queue's Maildir, with the CRLF
    line ends SMTP requires (the queue stores bare LF) made before timing."""
    found = []
    for path in sorted(Path(queue_path, "new").iterdir()):
        data = path.read_bytes()
        message = message_from_bytes(data)
        found.append((message["X-Actually-From"], message["X-Actually-To"].split(","),
                      re.sub(rb"\r?\n", b"\r\n", data)))
    return found


def raw_send(port, messages):
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for sender, recipients, data in messages:
            smtp.sendmail(sender, recipients, data)


ITEMS_PER_SECTION = 6


def weekly_sections(db):
    """An issue of the size a weekly one has: the assembled sections, each cut
    to a few items. (The generated data was all written "now", so the draft
    would report every organisation and motion as new.)"""
    conn = db.open()
    try:
        portal = conn.root()[ROOT_KEY]
        _period, sections = assemble(portal, portal["newsletter"][WEEKLY], Links())
        return [dict(s, items=list(s["items"])[:ITEMS_PER_SECTION]) for s in sections]
    finally:
        conn.close()


def compare(app, base_url, info):
    registry = app.registry
    db = registry._zodb_databases[""]
    sink = CountingSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with tempfile.TemporaryDirectory() as queue:
            settings = dict(registry.settings, **{"mail.queue_path": queue, "mail.host": "127.0.0.1",
                                                  "mail.port": str(port), "mail.rate": "0"})
            registry.settings.update({"mail.queue_path": queue})
            for sub in ("new", "cur", "tmp"):
                Path(queue, sub).mkdir(exist_ok=True)
            start = time.perf_counter()
            _uid, recipients = queue_issue_to_list(db, registry, WEEKLY, base_url=base_url,
                                                   sections=weekly_sections(db))
            queued_s = time.perf_counter() - start
            messages = queued_messages(queue)
            start = time.perf_counter()
            deliver_queue(settings)
            delivered_s = time.perf_counter() - start
            ours = sink.count
        start = time.perf_counter()
        raw_send(port, messages)
        raw_s = time.perf_counter() - start
    finally:
        controller.stop()
    count = len(messages)
    return {"recipients": recipients if isinstance(recipients, int) else len(recipients),
            "messages": count, "delivered": ours, "raw_delivered": sink.count - ours,
            "queue_s": round(queued_s, 2), "deliver_s": round(delivered_s, 2),
            "raw_s": round(raw_s, 2),
            "deliver_per_s": round(count / delivered_s, 1) if delivered_s else None,
            "raw_per_s": round(count / raw_s, 1) if raw_s else None,
            "ratio": round(raw_s / delivered_s, 2) if delivered_s else None}
