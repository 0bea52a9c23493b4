"""Who can be responsible for a measure, and how to reach them.

A responsible is named by a key: ``org.<name>`` for an organisation of the
register, ``body.<name>`` for a body (e.g. a working group), ``unit.<slug>``
for a unit of the administration that is not in the register (kept on
``Concepts.units``). The status round mails each responsible once.
"""
from ..text import fold

ORG, BODY, UNIT = "org.", "body.", "unit."


def _concepts(portal):
    return portal.get("concept")


def choices(portal):
    """(key, title) of every possible responsible, units first, then bodies and organisations."""
    result = []
    concepts = _concepts(portal)
    if concepts is not None:
        result += sorted(((k, u["title"]) for k, u in concepts.units.items()), key=lambda c: fold(c[1]))
    bodies = portal.get("bodies")
    if bodies is not None:
        result += sorted(((BODY + b.__name__, b.name) for b in bodies.values() if b.active),
                         key=lambda c: fold(c[1]))
    orgs = portal.get("organisations")
    if orgs is not None:
        result += sorted(((ORG + o.__name__, o.name) for o in orgs.values() if o.active),
                         key=lambda c: fold(c[1]))
    return result


def resolve(portal, key):
    """(title, e-mail) of the responsible ``key``; None when it does not exist."""
    key = key or ""
    if key.startswith(UNIT):
        concepts = _concepts(portal)
        unit = concepts.units.get(key) if concepts is not None else None
        return (unit["title"], unit["email"]) if unit else None
    for prefix, container in ((BODY, "bodies"), (ORG, "organisations")):
        if key.startswith(prefix):
            folder = portal.get(container)
            obj = folder.get(key[len(prefix):]) if folder is not None else None
            return (obj.title, getattr(obj, "email", "") or "") if obj is not None else None
    return None


def title_of(portal, key):
    found = resolve(portal, key)
    return found[0] if found else ""


def find(portal, text):
    """The key of the responsible whose name is ``text`` (folded), or None."""
    wanted = fold((text or "").strip())
    if not wanted:
        return None
    for key, title in choices(portal):
        if fold(title) == wanted or key == text.strip():
            return key
    return None
