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

    def message(self, subscriber, test=False, not_before=None):
        lst = self.issue.mailing_list
        t, text, html = self.rendered(subscriber.language)
        prefs, unsubscribe = subscriber_urls(self.base_url, self.secret, subscriber, lst.__name__)
        text, html = personalize(text, html, greeting(subscriber.name, t), prefs, self.web_url())
        subject = one_line(self.issue.title)
        if test:
            subject = t(_("[Test] ${subject}", mapping={"subject": subject}))
        headers = {
            "List-Unsubscribe": f"<{unsubscribe}>, <mailto:{lst.sender_email}?subject=unsubscribe>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"{one_line(lst.title)} <{lst.__name__}.newsletter.invalid>",
        }
        if lst.reply_to:
            headers["Reply-To"] = lst.reply_to
        if not test:
            headers["X-Roundtable-Delivery"] = f"{self.issue.uid}/{subscriber.id}"
            headers["X-Roundtable-List"] = lst.__name__
            headers["X-Roundtable-Queued"] = now().isoformat(timespec="seconds")
        if not_before is not None:
            headers["X-Roundtable-Not-Before"] = not_before.isoformat()
        return Message(subject=subject, sender=formataddr((one_line(lst.sender_name), lst.sender_email)),
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
