"""Personal reply links: who may answer for whom without logging in.

The invitation mail carries one link per member,
``/bodies/<b>/meetings/<d>/reply/<person_id>/<token>``. The token is an HMAC
over the meeting's path, the person and an expiry, keyed with the site secret,
so nobody can forge a link for someone else or another meeting, and nothing
needs to be stored per link. The expiry travels in the token
(``<expiry>.<signature>``) so a link expires even if the meeting is deleted
or its data changes; the meeting's path is stable (a moved meeting keeps its
URL), so a move does not break links already sent.
"""
import hashlib
import hmac
from datetime import datetime, timezone

from pyramid.traversal import resource_path

SIGNATURE_LENGTH = 32  # hex characters: 128 bits are plenty for a link


def _signature(secret, meeting_path, person_id, expiry):
    message = f"{meeting_path}|{person_id}|{expiry}".encode("utf-8")
    digest = hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()
    return digest[:SIGNATURE_LENGTH]


def make_token(secret, meeting_path, person_id, expires):
    """A token for ``person_id`` at the meeting, valid until ``expires`` (aware datetime)."""
    expiry = int(expires.timestamp())
    return f"{expiry}.{_signature(secret, meeting_path, person_id, expiry)}"


def verify_token(secret, meeting_path, person_id, token):
    """The token's expiry as an aware UTC datetime, or None for a forged or
    malformed token. Whether it has expired is the caller's question, so the
    visitor can be told "expired" rather than "not found"."""
    expiry, sep, signature = (token or "").partition(".")
    if not sep or not expiry.isdigit() or len(expiry) > 12 or len(signature) != SIGNATURE_LENGTH:
        return None
    expected = _signature(secret, meeting_path, person_id, int(expiry))
    if not hmac.compare_digest(expected.encode("ascii"), signature.encode("ascii", "replace")):
        return None
    return datetime.fromtimestamp(int(expiry), timezone.utc)


def reply_link(request, meeting, person_id):
    """The personal link in the invitation: answer without logging in."""
    secret = request.registry.settings["roundtable.secret"]
    token = make_token(secret, resource_path(meeting), person_id, meeting.reply_expiry())
    return request.resource_url(meeting, "reply", person_id, token)
