"""Comparing two saved versions of a motion's text side by side.

Word-level differences from ``difflib``: the older text marks what was taken
out with ``<del>``, the newer what came in with ``<ins>``. Every piece of user
text is escaped before any markup is added, so the result is safe to insert
(``structure`` in the template).
"""
import difflib
import re
from html import escape

TOKENS = re.compile(r"\s+|[^\s]+")


def _tokens(text):
    return TOKENS.findall(text or "")


def diff_pair(old, new):
    """(old html, new html) with <del>/<ins> around changed words."""
    a, b = _tokens(old), _tokens(new)
    left, right = [], []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(removed)
            right.append(added)
            continue
        if removed:
            left.append(f"<del>{removed}</del>")
        if added:
            right.append(f"<ins>{added}</ins>")
    return "".join(left), "".join(right)


def compare(old_version, new_version, fields):
    """Rows (field key, old html, new html, changed) for the given text fields."""
    rows = []
    for key in fields:
        old, new = old_version.get(key, ""), new_version.get(key, "")
        left, right = diff_pair(old, new)
        rows.append((key, left, right, old != new))
    return rows
