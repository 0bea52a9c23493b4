"""Outgoing mail: queued inside the request's transaction (the worker is in worker.py).

``send`` writes the message into the Maildir queue only when the transaction
commits (repoze.sendmail), so a failed request never sends anything. The
``roundtable-mailqueue`` worker delivers the queue to SMTP, or, when no SMTP
host is configured, into a local Maildir outbox for development.
"""
import logging
import mailbox
import os
import re
import smtplib
from email.utils import formataddr

from pyramid.settings import asbool
from pyramid_mailer import get_mailer
from pyramid_mailer.interfaces import IMailer
from pyramid_mailer.mailer import Mailer
from pyramid_mailer.message import Attachment, Message
from repoze.sendmail.delivery import MailDataManager, MailDataManagerState, QueuedMailDelivery
from repoze.sendmail.maildir import Maildir
from repoze.sendmail.mailer import SMTPMailer

log = logging.getLogger(__name__)


def _clean_header(value):
    """Header values never carry line breaks (no header injection)."""
    return " ".join(str(value or "").split())


def send(request, recipient, subject, body, html=None, attachments=(), headers=None):
    """Queue one message in the request's transaction; ``attachments`` are
    ``(filename, content_type, data)`` triples (text as str, so it gets a charset),
    ``headers`` extra header fields (e.g. the one-click unsubscribe of RFC 8058),
    their values cleaned like the subject."""
    settings = request.registry.settings
    sender = formataddr((
        _clean_header(settings.get("mail.sender_name", "Runder Tisch für Integration")),
        settings["mail.default_sender"],
    ))
    message = Message(
        subject=_clean_header(subject),
        sender=sender,
        recipients=[_clean_header(recipient)],
        body=body,
        html=html,
        attachments=[Attachment(filename, content_type, data)
                     for filename, content_type, data in attachments],
        extra_headers={k: _clean_header(v) for k, v in (headers or {}).items()},
    )
    get_mailer(request).send_to_queue(message)
    return message


class OutboxMailer:
    """Delivers into a local Maildir instead of SMTP (development default)."""

    def __init__(self, path):
        self.box = mailbox.Maildir(path, create=True)

    def send(self, fromaddr, toaddrs, message):
        self.box.add(message.as_bytes() if hasattr(message, "as_bytes") else message)


class _CRLFSMTP(smtplib.SMTP):
    """SMTP that sends CRLF line ends, as RFC 5321 requires.

    repoze.sendmail hands smtplib the message as bytes with bare LF line ends,
    which smtplib passes on unchanged; strict servers (aiosmtpd, Postfix with
    ``smtpd_forbid_bare_newline``) then see one over-long line and refuse any
    message longer than about 1000 bytes.
    """

    def sendmail(self, from_addr, to_addrs, msg, *args, **kw):
        if isinstance(msg, bytes):
            msg = re.sub(rb"\r?\n", b"\r\n", msg)
        return super().sendmail(from_addr, to_addrs, msg, *args, **kw)


class CRLFSMTPMailer(SMTPMailer):
    """repoze.sendmail's SMTP mailer, fixed for messages read back from the queue.

    The queue worker parses the stored message, which leaves no charset object
    on its parts; repoze.sendmail's clean-up then guesses the charset from the
    already quoted-printable (ASCII) body and relabels UTF-8 text as us-ascii,
    garbling every umlaut. Restating the charset the part declares prevents it.
    """

    smtp = _CRLFSMTP

    def send(self, fromaddr, toaddrs, message):
        for part in message.walk():
            charset = part.get_content_charset()
            if charset and not part.is_multipart() and part.get_charset() is None:
                part.set_charset(charset)
        return super().send(fromaddr, toaddrs, message)


def queue_path(settings):
    return settings["mail.queue_path"]


def make_mailer(settings):
    host = settings.get("mail.host", "").strip()
    if not host:
        return OutboxMailer(settings.get("mail.outbox") or os.path.join(
            os.path.dirname(queue_path(settings)), "outbox"))
    return CRLFSMTPMailer(
        hostname=host,
        port=int(settings.get("mail.port", 25)),
        username=settings.get("mail.username") or os.environ.get("ROUNDTABLE_SMTP_USER") or None,
        password=settings.get("mail.password") or os.environ.get("ROUNDTABLE_SMTP_PASSWORD") or None,
        no_tls=not asbool(settings.get("mail.tls", False)),
    )


class _FinishedMailDataManager(MailDataManager):
    """After its after-commit hooks, a transaction calls ``abort`` on every
    resource again; repoze.sendmail's queued message answers a committed
    message's abort with an exception, logged as an error for every mail of
    any request that has such a hook (the search catalog's). Once the message
    is in the queue, there is nothing to abort."""

    def abort(self, trans):
        if self.state == MailDataManagerState.TPC_FINISHED:
            return
        super().abort(trans)


class _QueuedDelivery(QueuedMailDelivery):
    def createDataManager(self, fromaddr, toaddrs, message):
        manager = super().createDataManager(fromaddr, toaddrs, message)
        manager.__class__ = _FinishedMailDataManager
        return manager


class QueueMailer(Mailer):
    """pyramid_mailer's Mailer with the queue delivery above (``bind``, used
    per request for the request's transaction manager, keeps the class)."""

    def __init__(self, **kw):
        super().__init__(**kw)
        if self.queue_delivery is not None:
            self.queue_delivery = _QueuedDelivery(
                self.queue_path, transaction_manager=self.transaction_manager)


def includeme(config):
    settings = config.registry.settings
    settings.setdefault("mail.queue_path", os.path.join(os.getcwd(), "var", "mailqueue"))
    settings.setdefault("mail.default_sender", "noreply@localhost")
    Maildir(settings["mail.queue_path"], create=True)
    config.include("pyramid_mailer")
    registered = config.registry.getUtility(IMailer)
    config.registry.registerUtility(QueueMailer(
        smtp_mailer=registered.smtp_mailer, sendmail_mailer=registered.sendmail_mailer,
        queue_path=registered.queue_path, default_sender=registered.default_sender), IMailer)
