"""A person's reply to an invitation and their recorded presence at a meeting.

Kept apart from the meeting itself: the record merges concurrent answers on
its own (``_p_resolveConflict``), and the reply vocabulary is shared by the
invitation, the reply page and the attendance list.
"""
from datetime import timedelta

from persistent import Persistent
from ZODB.POSException import ConflictError

from ..i18n import _
from ..timeutil import now

REPLIES = (("yes", _("nimmt teil")), ("no", _("entschuldigt")))

# Replying yes/no for oneself: held by the body's current members (local role).
ATTEND = "attend"

# A personal reply link from the invitation works until this long after the end.
REPLY_GRACE = timedelta(days=1)
PRESENCE = (("present", _("anwesend")), ("excused", _("entschuldigt")), ("absent", _("abwesend")))

class Attendance(Persistent):
    """One person's reply (before) and recorded presence (after) for a meeting."""

    deputy_id = None   # the deputy a delegate asked to come instead (deputy.py)

    def __init__(self, person_id):
        self.person_id = person_id
        self.reply = None
        self.replied_at = None
        self.replied_via = None
        self.presence = None
        self.note = ""

    def set_reply(self, reply, via):
        if reply not in dict(REPLIES):
            raise ValueError(reply)
        self.reply = reply
        self.replied_at = now()
        self.replied_via = via

    _REPLY_FIELDS = ("reply", "replied_at", "replied_via")

    def _p_resolveConflict(self, old, committed, new):
        """Merge two concurrent changes of one record instead of failing the later.

        A person answering twice at the same moment (two tabs, two application
        processes) keeps the later answer; a reply and a recorded presence
        change different fields and both stay. Two different values for the same
        other field remain a conflict (the request is then retried).
        """
        merged = dict(committed)
        for key in (set(old) | set(committed) | set(new)) - set(self._REPLY_FIELDS):
            before, theirs, ours = old.get(key), committed.get(key), new.get(key)
            if ours != before:
                if theirs not in (before, ours):
                    raise ConflictError(oid=self._p_oid)
                merged[key] = ours

        def answer(state):
            return tuple(state.get(k) for k in self._REPLY_FIELDS)

        if answer(new) != answer(old):
            stamp = new.get("replied_at"), committed.get("replied_at")
            if answer(committed) == answer(old) or None in stamp or stamp[0] >= stamp[1]:
                merged.update({k: new.get(k) for k in self._REPLY_FIELDS})
        return merged
