"""Small helpers shared by the meeting views (``views``, ``listing_views``,
``agenda_views``, ``attendance_views``).

They live in one place so that the modules split by responsibility ask the
same questions the same way: who the viewer is, whether an object is open to
them, how the quorum reads. Nothing here registers a view.
"""
from pyramid.renderers import get_renderer

from ..i18n import _
from ..security import VIEW
from .resources import AgendaItem

TEMPLATES = "roundtable:templates/meetings/"
FORM = "roundtable:templates/form.pt"


def viewer_person_id(request):
    user = request.identity
    return getattr(user, "person_id", None) if user is not None else None


def may_view(request, obj):
    """Public meetings and items are open to all; ask the ACL only for the rest."""
    if getattr(obj, "public", False) and (not isinstance(obj, AgendaItem) or obj.meeting.public):
        return True
    return bool(request.has_permission(VIEW, obj))


def quorum_text(meeting):
    present, voting, required, reached = meeting.quorum()
    mapping = {"present": present, "voting": voting, "required": required}
    if reached:
        return _("beschlussfähig: ${present} von ${voting} stimmberechtigten Mitgliedern "
                 "anwesend (nötig: ${required})", mapping=mapping)
    return _("nicht beschlussfähig: ${present} von ${voting} stimmberechtigten Mitgliedern "
             "anwesend (nötig: ${required})", mapping=mapping)


def reply_form():
    """The reply buttons macro (templates/meetings/reply_form.pt)."""
    return get_renderer(TEMPLATES + "reply_form.pt").implementation()


MAX_NOTE = 500


def reply_note(request):
    """The optional note sent with a reply (``None`` when the form had no note
    field); longer than ``MAX_NOTE`` raises ``ValueError``."""
    note = request.POST.get("note")
    if note is None:
        return None
    note = " ".join(note.split())
    if len(note) > MAX_NOTE:
        raise ValueError(note)
    return note


def linked_motions(request, names):
    """The motions an agenda item names (its ``motion_ids``) that the viewer may
    see, looked up by name in the portal's ``motions`` folder: meetings come
    before motions in the layer order and need nothing of theirs but this."""
    folder = request.root.get("motions")
    found = [folder.get(n) for n in names] if folder is not None else []
    return [m for m in found if m is not None and request.has_permission("view", m)]
