"""The catalog's indexes and how a document's values are read for them.

Every discriminator is a module-level function (pickled by reference), and
every one reads from an :class:`Entry` (the values taken from an object's
``search_data`` once, when it is indexed), never from the live object: that
keeps indexing one pass over each object and the stored catalog free of
references to content classes that may be renamed later.
"""
import random

from BTrees.IOBTree import IOBTree
from BTrees.OIBTree import OIBTree
from hypatia.catalog import Catalog
from hypatia.field import FieldIndex
from hypatia.keyword import KeywordIndex
from hypatia.text import TextIndex
from hypatia.text.lexicon import Lexicon, Splitter
from persistent import Persistent

from ..text import fold
from ..words import WORD, stem, stem_text

_random = random.SystemRandom()

# The index names, used by the search API and the views.
TEXT, TYPE, BODY, YEAR, FIELD, STATUS, DATE, ALLOWED, EXACT, TITLE = (
    "text", "content_type", "body", "year", "field_of_action", "status", "date", "allowed_to_view",
    "exact", "title_stems")


class FoldNormalizer:
    """Lexicon pipeline step: the German folding of ``roundtable.text.fold``
    (case, ä→ae, ß→ss, accents dropped), so "MÜLL", "Müll" and "Muell" are one
    word. Glob characters survive folding, so "Stra*" stays a prefix query."""

    def process(self, words):
        return [w for w in (fold(word) for word in words) if w]

    processGlob = process


class StemNormalizer:
    """Lexicon pipeline step: the folding above, then the German stem
    (``roundtable.words``), so "Wohnungen" and "Wohnung" are one word. A glob
    pattern is only folded: the query stems its words itself before adding
    the "*", and stemming a stem again could cut it further."""

    def process(self, words):
        return [stem(w) for w in (fold(word) for word in words) if w]

    def processGlob(self, words):
        return [w for w in (fold(word) for word in words) if w]


def exact_key(text):
    """A title or reference as typed in the search box: "RT-2026/01" and
    "rt 2026 01" are one key."""
    return " ".join(WORD.findall(fold(text)))


class Entry:
    """What the catalog knows of one document, taken from ``search_data``."""

    def __init__(self, path, content_type, data, principals):
        self.path = path
        self.content_type = content_type
        self.title = str(data.get("title") or "")
        self.text = str(data.get("text") or "")
        self.date = data.get("date")
        self.body = data.get("body") or None
        self.field_of_action = data.get("field_of_action") or None
        self.status = data.get("status") or None
        self.updated = data.get("updated") or None  # e.g. when minutes were published
        self.principals = sorted(principals)
        # the names a searcher may type to go straight to the object
        names = [self.title, *(data.get("names") or ())]
        self.exact = sorted({key for key in map(exact_key, names) if key})

    def metadata(self):
        """The plain values a result list shows without loading the object."""
        return {"path": self.path, "content_type": self.content_type, "title": self.title,
                "text": self.text, "date": self.date, "body": self.body,
                "field_of_action": self.field_of_action, "status": self.status,
                "updated": self.updated,
                "principals": tuple(self.principals), "exact": tuple(self.exact)}


def _or_default(value, default):
    return default if value is None else value


def text_of(entry, default):
    # the title twice: a hit in the title ranks above one in the body text
    return " ".join((entry.title, entry.title, entry.text))


def type_of(entry, default):
    return _or_default(entry.content_type, default)


def body_of(entry, default):
    return _or_default(entry.body, default)


def year_of(entry, default):
    return entry.date.year if entry.date is not None else default


def date_of(entry, default):
    return entry.date.timestamp() if entry.date is not None else default


def field_of(entry, default):
    return _or_default(entry.field_of_action, default)


def status_of(entry, default):
    return _or_default(entry.status, default)


def principals_of(entry, default):
    return entry.principals or default


def exact_of(entry, default):
    return getattr(entry, "exact", None) or default


def title_stems_of(entry, default):
    """The stems of the title's words, so that "every word of the query is in
    the title" (the first rank) is a set operation on this index instead of
    stemming the title of every hit at query time."""
    return sorted(set(stem_text(entry.title))) or default


def query_words(text, limit=8, longest=40):
    """The folded words of a user's query, at most ``limit`` of ``longest`` letters:
    everything else (quotes, operators, brackets) is dropped, so no input can
    reach the query parser as syntax."""
    return [w[:longest] for w in WORD.findall(fold(text))][:limit]


class SearchCatalog(Persistent):
    """The hypatia catalog plus the maps between object paths and document ids
    and the stored metadata of each document."""

    def __init__(self):
        self.catalog = Catalog()
        self.catalog[TEXT] = TextIndex(text_of, lexicon=Lexicon(Splitter(), StemNormalizer()))
        self.catalog[TYPE] = FieldIndex(type_of)
        self.catalog[BODY] = FieldIndex(body_of)
        self.catalog[YEAR] = FieldIndex(year_of)
        self.catalog[DATE] = FieldIndex(date_of)
        self.catalog[FIELD] = FieldIndex(field_of)
        self.catalog[STATUS] = FieldIndex(status_of)
        self.catalog[ALLOWED] = KeywordIndex(principals_of)
        self.catalog[EXACT] = KeywordIndex(exact_of)
        self.catalog[TITLE] = KeywordIndex(title_stems_of)
        self.docids = OIBTree()     # path -> docid
        self.metadata = IOBTree()   # docid -> dict (see Entry.metadata)

    def __len__(self):
        return len(self.docids)

    def index(self, entry):
        docid = self.docids.get(entry.path)
        if docid is None:
            docid = self._new_docid()
            self.docids[entry.path] = docid
            self.catalog.index_doc(docid, entry)
        else:
            metadata = entry.metadata()
            if self.metadata.get(docid) == metadata:
                # unchanged: writing it again would make concurrent requests
                # that touch the same document conflict for nothing
                return docid
            self.catalog.reindex_doc(docid, entry)
        self.metadata[docid] = entry.metadata()
        return docid

    def is_public(self, path):
        """Whether the entry of ``path`` is findable by everyone (False if absent)."""
        docid = self.docids.get(path)
        metadata = self.metadata.get(docid) if docid is not None else None
        return bool(metadata) and "system.Everyone" in metadata.get("principals", ())

    def _new_docid(self):
        """A free random id. A counter on the catalog would be written by every
        new document, so two processes adding documents at once would always
        conflict on this one object; random ids touch only the BTrees, whose
        buckets resolve concurrent inserts of different keys."""
        while True:
            docid = _random.randrange(1, 2**31 - 1)
            if docid not in self.metadata:
                return docid

    def unindex(self, path):
        docid = self.docids.get(path)
        if docid is None:
            return
        self.catalog.unindex_doc(docid)
        del self.docids[path]
        del self.metadata[docid]

    def paths_under(self, path):
        """Indexed paths at or below ``path`` (``/bodies/ag`` and ``/bodies/ag/...``)."""
        prefix = path.rstrip("/") + "/"
        found = [path] if path in self.docids else []
        for key in self.docids.keys(min=prefix):
            if not key.startswith(prefix):
                break
            found.append(key)
        return found

    def clear(self):
        self.catalog.reset()
        self.docids.clear()
        self.metadata.clear()
