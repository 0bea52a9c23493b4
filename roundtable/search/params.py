"""Reading the search form's parameters; anything odd becomes a message, never a 500.

Every parameter is checked against what can exist (the known types, the
bodies, the fields of action, a plausible year), so a hand-made URL gets a
clear answer instead of an error or an expensive query.
"""
import re

from ..bodies.resources import FIELDS_OF_ACTION
from ..catalog.indexes import BODY, FIELD, STATUS, TYPE, YEAR, query_words
from ..i18n import _
from .labels import states_of

MAX_QUERY = 200
PER_PAGE = 20
TOKEN = re.compile(r"^[a-z0-9_-]{1,60}$")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

# form field -> index name
FILTER_FIELDS = (("type", TYPE), ("body", BODY), ("year", YEAR), ("field", FIELD),
                 ("status", STATUS))


class BadSearch(ValueError):
    """A parameter that cannot be searched; the message is shown to the user."""


class SearchParams:
    def __init__(self, text, filters, page, form):
        self.text, self.filters, self.page, self.form = text, filters, page, form

    @property
    def words(self):
        return query_words(self.text)

    @property
    def empty(self):
        """Nothing to search for: no word (punctuation alone is none) and no filter."""
        return not self.words and not self.filters

    def query(self, page=None, **changes):
        """The form values as query parameters (for pagination and feed links)."""
        values = dict(self.form, **changes)
        if page and page > 1:
            values["page"] = str(page)
        return {k: v for k, v in values.items() if v}


def _single(params, name):
    values = params.getall(name)
    if len(values) > 1:
        raise BadSearch(_("Jeder Filter darf nur einmal angegeben werden."))
    return values[0].strip() if values else ""


def _filter_value(name, raw, portal):
    if name == "year":
        if not raw.isdigit() or not 1900 <= int(raw) <= 2200:
            raise BadSearch(_("Bitte ein Jahr wie 2026 angeben."))
        return int(raw)
    if not TOKEN.match(raw):
        raise BadSearch(_("Diesen Filter gibt es nicht."))
    if name == "body" and raw not in portal["bodies"]:
        raise BadSearch(_("Dieses Gremium gibt es nicht."))
    if name == "field" and raw not in dict(FIELDS_OF_ACTION):
        raise BadSearch(_("Dieses Handlungsfeld gibt es nicht."))
    return raw


def parse(params, portal):
    """SearchParams from the request's GET parameters; raises BadSearch."""
    text = CONTROL.sub("", _single(params, "q"))
    if len(text) > MAX_QUERY:
        raise BadSearch(_("Der Suchbegriff ist zu lang (höchstens ${max} Zeichen).",
                          mapping={"max": MAX_QUERY}))
    form, filters = {"q": text}, {}
    for field, index in FILTER_FIELDS:
        raw = _single(params, field)
        form[field] = raw
        if raw:
            filters[index] = _filter_value(field, raw, portal)
    status, content_type = filters.get(STATUS), filters.get(TYPE)
    if status and content_type and status not in dict(states_of(content_type)):
        raise BadSearch(_("Diesen Status gibt es bei dieser Art nicht."))
    page = _single(params, "page") or "1"
    # a page past the last is an empty page (see the view); only what is no
    # page number at all is refused
    if not page.isdigit() or len(page) > 9 or int(page) < 1:
        raise BadSearch(_("Diese Seitenzahl gibt es nicht."))
    return SearchParams(text, filters, int(page), form)
