"""A delegate who cannot come names the organisation's deputy, who gets the link.

An organisation sends a delegate to a body and names a deputy for when the
delegate is kept away: both are memberships of the body with the same
``organisation_id`` (roles ``delegate`` and ``deputy``). The delegate's
reply page offers the deputies with an e-mail address; the one chosen gets
a mail with their own personal reply link, and the delegate's attendance
record keeps who was asked (``Attendance.deputy_id``).
"""
from .. import mail
from ..i18n import _
from .display import format_when
from .notices import reply_request_text


def deputies_for(request, meeting, person_id):
    """Persons who may stand in for ``person_id``: current deputies in the
    meeting's body of the organisations the person is a delegate of, with
    an e-mail address (the link must reach them)."""
    on = meeting.local_start.date()
    memberships = meeting.body.current_memberships(on)
    organisations = {m.organisation_id for m in memberships
                     if m.person_id == person_id and m.role == "delegate" and m.organisation_id}
    people = request.root["people"]
    found = []
    for m in memberships:
        if m.role != "deputy" or m.organisation_id not in organisations or m.person_id == person_id:
            continue
        person = people.get(m.person_id)
        if person is not None and person.active and (person.email or "").strip() \
                and person not in found:
            found.append(person)
    return found


def deputy_text(request, meeting, delegate, deputy):
    t = request.localizer.translate
    when = format_when(meeting, request.locale_name)
    mapping = {"title": meeting.title, "when": when, "body": meeting.body.name,
               "delegate": delegate.title}
    subject = t(_("Vertretung: ${title} am ${when}", mapping=mapping))
    return subject, reply_request_text(request, meeting, deputy, t(_(
        "${delegate} ist verhindert und bittet Sie als Stellvertretung, an der Sitzung "
        "„${title}“ von „${body}“ am ${when} teilzunehmen.", mapping=mapping)))


def ask_deputy(request, meeting, delegate, deputy):
    """Record that ``delegate`` asked ``deputy`` and mail the deputy their link
    (in the request's transaction)."""
    record = meeting.attendance_for(delegate.__name__, create=True)
    record.deputy_id = deputy.__name__
    subject, text = deputy_text(request, meeting, delegate, deputy)
    mail.send(request, deputy.email, subject, text)
