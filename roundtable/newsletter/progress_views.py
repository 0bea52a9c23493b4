"""How far the sending of an issue has come, for the coordinator: counts from
the delivery log and the pending jobs, as the issue page shows them and as
JSON for its small polling script (static/js/newsletter-progress.js); and
the retry of failed recipients.
"""
import math

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from ..i18n import _, flash
from ..security import MANAGE
from . import jobs
from ..mail.deliverylog import DeliveryLog, log_dir
from .resources import DRAFT, Issue


def delivery_status(settings, issue):
    """``{total, delivered, failed, skipped, waiting, seconds_left, done, failures}``.

    ``waiting`` is everything not yet delivered, failed or skipped: still in a
    job, in the queue or being retried. ``seconds_left`` follows the worker's
    rate (``mail.rate`` messages per second), None without a limit."""
    counts, failures = DeliveryLog(log_dir(settings)).summary(issue.uid)
    total = issue.recipient_count or 0
    settled = counts["delivered"] + counts["failed"] + counts["skipped"]
    in_jobs = jobs.waiting_for(settings, issue.uid)
    waiting = max(total - settled, in_jobs, 0)
    rate = float(settings.get("mail.rate", 0) or 0)
    return {"total": total, "delivered": counts["delivered"], "failed": counts["failed"],
            "skipped": counts["skipped"], "retry": counts["retry"], "waiting": waiting,
            "seconds_left": math.ceil(waiting / rate) if rate > 0 else None,
            "done": waiting == 0,
            "failures": [{"to": f.get("to", ""), "answer": f.get("answer", "")} for f in failures]}


def time_left(request, seconds, done):
    """The remaining time as people say it (German first)."""
    if done:
        return request.localizer.translate(_("fertig"))
    if seconds is None:
        return request.localizer.translate(_("wenige Augenblicke"))
    if seconds < 60:
        return request.localizer.translate(_("weniger als eine Minute"))
    return request.localizer.translate(_("etwa ${n} Minuten", mapping={"n": math.ceil(seconds / 60)}))


def status_for_page(request, issue):
    status = delivery_status(request.registry.settings, issue)
    status["time_left"] = time_left(request, status["seconds_left"], status["done"])
    return status


@view_config(context=Issue, name="progress.json", renderer="json", permission=MANAGE,
             request_method="GET")
def progress_json(context, request):
    if context.state == DRAFT:
        return {"total": 0, "delivered": 0, "failed": 0, "skipped": 0, "retry": 0, "waiting": 0,
                "seconds_left": None, "time_left": "", "done": False, "failures": []}
    request.response.cache_control = "no-store"
    return status_for_page(request, context)


@view_config(context=Issue, name="retry", request_method="POST", permission=MANAGE)
def retry_failed(context, request):
    """Queue the issue again for the recipients whose delivery failed and who
    still subscribe to the list."""
    status = delivery_status(request.registry.settings, context) if context.state != DRAFT else None
    failed = {f["to"].casefold() for f in status["failures"]} if status else set()
    subscribers = request.root["newsletter"].subscribers
    recipients = [s for s in subscribers.recipients(context.mailing_list.__name__)
                  if s.email.casefold() in failed]
    if not recipients:
        flash(request, _("Es gibt keine fehlgeschlagenen Zustellungen, die wiederholt werden können."))
    else:
        jobs.plan_retry(context, request.registry, request.application_url, request.root.title,
                        recipients, request.tm)
        flash(request, _("Die Ausgabe geht noch einmal an ${n} Empfänger.", mapping={"n": len(recipients)}))
    return HTTPSeeOther(location=request.resource_url(context, anchor="progress"))
