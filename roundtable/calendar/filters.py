"""The filtered site feed: choose bodies and fields of action by query parameters.

``/calendar.ics?body=ag-wohnen&body=vorstand&field=sprache`` lists the public
meetings of the named bodies and of every body working in the named fields
(the union: "these groups, and everything on language"). The address is
subscribed to once and polled for years, so a mistyped or stale value is
refused with a readable 400 instead of silently serving an empty or a full
calendar.
"""
from urllib.parse import urlencode

from ..bodies.resources import FIELDS_OF_ACTION
from ..i18n import _

PARAMETERS = ("body", "field")
MAX_VALUES = 40
MAX_LENGTH = 100


class FeedFilterError(ValueError):
    """A query the feed refuses; ``message`` is a translatable text for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class FeedFilter:
    def __init__(self, body_names=(), fields=()):
        self.body_names = tuple(dict.fromkeys(body_names))
        self.fields = tuple(dict.fromkeys(fields))

    def __bool__(self):
        return bool(self.body_names or self.fields)

    def selects(self, body):
        if not self:
            return True
        return body.__name__ in self.body_names or (
            bool(body.field_of_action) and body.field_of_action in self.fields)

    def query(self):
        """The query string that reproduces this filter ("" for none)."""
        pairs = [("body", n) for n in self.body_names] + [("field", f) for f in self.fields]
        return urlencode(pairs)

    def labels(self, bodies, translate):
        """Human names of the selection, for the calendar's name."""
        fields = dict(FIELDS_OF_ACTION)
        names = [bodies[n].name for n in self.body_names]   # as people say them
        return names + [translate(fields[f]) for f in self.fields]


def field_choices():
    """The fields of action a filter may name (code, title), without the empty one."""
    return [(code, title) for code, title in FIELDS_OF_ACTION if code]


def parse(params, bodies):
    """A FeedFilter from request parameters (a MultiDict); FeedFilterError if bad."""
    unknown = sorted(set(params.keys()) - set(PARAMETERS))
    if unknown:
        raise FeedFilterError(_("Unbekannter Parameter „${name}“. Erlaubt sind „body“ und „field“.",
                                mapping={"name": unknown[0][:MAX_LENGTH]}))
    names, fields = params.getall("body"), params.getall("field")
    if len(names) + len(fields) > MAX_VALUES:
        raise FeedFilterError(_("Zu viele Filterwerte (höchstens ${max}).",
                                mapping={"max": MAX_VALUES}))
    for name in names:
        if len(name) > MAX_LENGTH or name not in bodies:
            raise FeedFilterError(_("Unbekanntes Gremium „${name}“. Die gültigen Adressen nennt "
                                    "die Seite „Kalender abonnieren“.",
                                    mapping={"name": name[:MAX_LENGTH]}))
    known_fields = dict(field_choices())
    for field in fields:
        if field not in known_fields:
            raise FeedFilterError(_("Unbekanntes Handlungsfeld „${name}“. Gültig sind: ${valid}.",
                                    mapping={"name": field[:MAX_LENGTH],
                                             "valid": ", ".join(known_fields)}))
    return FeedFilter(names, fields)
