"""Signed newsletter links: confirmation, preferences and unsubscribe.

A link carries the subscriber's id and an HMAC over purpose and id (and the
list for a one-click unsubscribe), keyed with the site secret. Nothing is
stored per link, so an unsubscribe link keeps working for ever, as mail
clients and RFC 8058 expect, and a changed character anywhere is refused.
"""
import hashlib
import hmac

SIGNATURE_LENGTH = 32  # hex characters (128 bits)


def sign(secret, purpose, subscriber_id, extra=""):
    message = f"newsletter|{purpose}|{subscriber_id}|{extra}".encode("utf-8")
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()[:SIGNATURE_LENGTH]


def verify(secret, purpose, subscriber_id, signature, extra=""):
    """True only for the exact signature of these values."""
    if not isinstance(signature, str) or len(signature) != SIGNATURE_LENGTH:
        return False
    expected = sign(secret, purpose, subscriber_id, extra)
    return hmac.compare_digest(expected.encode("ascii"), signature.encode("ascii", "replace"))
