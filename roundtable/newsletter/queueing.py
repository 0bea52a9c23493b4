"""Putting an issue into the mail queue: one personal message per recipient.

Messages join the transaction (pyramid_mailer → repoze.sendmail), so they
reach the queue only if the request commits; the ``queued`` log entries are
written after that commit. Each message carries its delivery key
(``X-Roundtable-Delivery``) for the worker's log, a scheduled time
(``X-Roundtable-Not-Before``) if any, and the RFC 8058 one-click unsubscribe
headers with a signed URL that never expires.
"""
from email.utils import formataddr
from urllib.parse import quote

from pyramid_mailer.message import Message

from ..i18n import _
from ..timeutil import now
from ..mail.deliverylog import DeliveryLog, log_dir
from .rendering import greeting, personalize, render, translator
from .subscribers import one_line
from .tokens import sign


def subscriber_urls(base_url, secret, subscriber, list_name):
    """``(preferences page, one-click unsubscribe)`` URLs of a subscriber."""
    sid = subscriber.id
    prefs = f"{base_url}/newsletter/preferences/{sid}/{sign(secret, 'preferences', sid)}"
    unsubscribe = (f"{base_url}/newsletter/unsubscribe/{sid}/{quote(list_name)}/"
                   f"{sign(secret, 'unsubscribe', sid, list_name)}")
    return prefs, unsubscribe


class IssueMailer:
    """Renders an issue once per language and makes each recipient's message.

    ``settings``/``registry`` come from the app (or a script), ``base_url`` is
    where the links point to, ``site_title`` the portal's title.
    """

    def __init__(self, issue, registry, base_url, site_title):
        self.issue = issue
        self.settings = registry.settings
        self.registry = registry
        self.base_url = base_url.rstrip("/")
        self.site_title = site_title
        self.secret = self.settings["roundtable.secret"]
        self._rendered = {}

    def rendered(self, language):
        if language not in self._rendered:
            t = translator(self.registry, language)
            self._rendered[language] = (t,) + render(self.issue, self.settings, t, self.site_title,
                                                    language, self.base_url)
        return self._rendered[language]

    def web_url(self):
        lst = self.issue.mailing_list
        return f"{self.base_url}/newsletter/{lst.__name__}/{self.issue.__name__}/"

    def fields(self):
        """What a message needs of the issue and its list, as plain data (the
        worker builds the messages from it without the database)."""
        lst = self.issue.mailing_list
        return {"uid": self.issue.uid, "subject": one_line(self.issue.title), "list": lst.__name__,
                "list_title": lst.title, "sender_name": lst.sender_name,
                "sender_email": lst.sender_email, "reply_to": lst.reply_to,
                "base_url": self.base_url, "web_url": self.web_url()}

    def message(self, subscriber, test=False, not_before=None):
        t, text, html = self.rendered(subscriber.language)
        fields = self.fields()
        if test:
            fields["subject"] = t(_("[Test] ${subject}", mapping={"subject": fields["subject"]}))
        return build_message(fields, self.secret, subscriber, text, html,
                             greeting(subscriber.name, t), delivery=not test, not_before=not_before)


def build_message(fields, secret, subscriber, text, html, greeting_text, delivery=True,
                  not_before=None):
    """One recipient's message from the issue's ``fields`` and the rendered text
    and HTML of the recipient's language (placeholders filled here)."""
    prefs, unsubscribe = subscriber_urls(fields["base_url"], secret, subscriber, fields["list"])
    text, html = personalize(text, html, greeting_text, prefs, fields["web_url"])
    headers = {
        "List-Unsubscribe": f"<{unsubscribe}>, <mailto:{fields['sender_email']}?subject=unsubscribe>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"{one_line(fields['list_title'])} <{fields['list']}.newsletter.invalid>",
    }
    if fields["reply_to"]:
        headers["Reply-To"] = fields["reply_to"]
    if delivery:
        headers["X-Roundtable-Delivery"] = f"{fields['uid']}/{subscriber.id}"
        headers["X-Roundtable-List"] = fields["list"]
        headers["X-Roundtable-Queued"] = now().isoformat(timespec="seconds")
    if not_before is not None:
        headers["X-Roundtable-Not-Before"] = not_before.isoformat()
    return Message(subject=fields["subject"],
                   sender=formataddr((one_line(fields["sender_name"]), fields["sender_email"])),
                   recipients=[subscriber.email], body=text, html=html, extra_headers=headers)


def queue_issue(issue, mailer, registry, base_url, site_title, recipients, send_at=None,
                transaction_manager=None, userid=None):
    """Mark the issue queued and put one message per recipient into the queue.

    ``mailer`` is a pyramid_mailer mailer bound to the transaction; nothing
    is queued if that transaction aborts. Raises ``WorkflowError`` for an
    empty issue, one sent already, or no recipients.
    """
    issue.mark_queued(len(recipients), send_at, userid)
    builder = IssueMailer(issue, registry, base_url, site_title)
    scheduled = issue.send_at if issue.send_at > issue.queued_at else None
    entries = []
    for subscriber in recipients:
        mailer.send_to_queue(builder.message(subscriber, not_before=scheduled))
        entries.append({"key": f"{issue.uid}/{subscriber.id}", "to": subscriber.email,
                        "status": "queued"})
    delivery_log = DeliveryLog(log_dir(registry.settings))
    if transaction_manager is not None:
        transaction_manager.get().join(_LogWhenCommitted(delivery_log, entries, transaction_manager))
    return len(entries)


class _LogWhenCommitted:
    """A data manager that writes the ``queued`` entries once the transaction
    (and with it the queue files) is committed; nothing if it aborts. (An
    after-commit hook would make repoze.sendmail's data managers complain.)"""

    def __init__(self, delivery_log, entries, transaction_manager):
        self.delivery_log, self.entries = delivery_log, entries
        self.transaction_manager = transaction_manager

    def sortKey(self):
        return "~roundtable.newsletter.log"  # after the database and the mail queue

    def tpc_finish(self, txn):
        self.delivery_log.append(self.entries, sync=True)

    def abort(self, txn):
        pass

    tpc_begin = commit = tpc_vote = tpc_abort = abort
