"""The register's vocabularies (salutations, kinds of organisation, languages)
and how names are matched by the register's own filter: plain data and pure
functions, apart from the persistent classes in ``resources`` that use them."""
import unicodedata

from ..i18n import _
from ..text import fold

SALUTATIONS = (
    ("", _("—")),
    ("Frau", _("Frau")),
    ("Herr", _("Herr")),
    ("neutral", _("neutrale Anrede")),
)

ORGANISATION_KINDS = (
    ("mso", _("Migrantenselbstorganisation")),
    ("welfare", _("Wohlfahrtsverband")),
    ("religious", _("Kirche/Religionsgemeinschaft")),
    ("club", _("Verein")),
    ("administration", _("Verwaltung")),
    ("chamber", _("Kammer")),
    ("education", _("Bildungsträger")),
    ("other", _("Sonstige")),
)


# Languages offered for persons: German names for the display, ISO 639 codes
# (639-1 where one exists, 639-3 otherwise) in storage and in CSV files. The
# list follows the languages most often spoken by new arrivals in German towns
# and those the coordination office is asked to interpret.
LANGUAGES = (
    ("de", _("Deutsch")),
    ("gsg", _("Deutsche Gebärdensprache")),
    ("en", _("Englisch")),
    ("ar", _("Arabisch")),
    ("tr", _("Türkisch")),
    ("uk", _("Ukrainisch")),
    ("ru", _("Russisch")),
    ("pl", _("Polnisch")),
    ("fa", _("Persisch (Farsi)")),
    ("prs", _("Dari")),
    ("ps", _("Paschtu")),
    ("ku", _("Kurdisch")),
    ("ti", _("Tigrinya")),
    ("am", _("Amharisch")),
    ("so", _("Somali")),
    ("fr", _("Französisch")),
    ("es", _("Spanisch")),
    ("it", _("Italienisch")),
    ("pt", _("Portugiesisch")),
    ("ro", _("Rumänisch")),
    ("bg", _("Bulgarisch")),
    ("sq", _("Albanisch")),
    ("sr", _("Serbisch")),
    ("hr", _("Kroatisch")),
    ("bs", _("Bosnisch")),
    ("el", _("Griechisch")),
    ("hu", _("Ungarisch")),
    ("da", _("Dänisch")),
    ("nl", _("Niederländisch")),
    ("ur", _("Urdu")),
    ("hi", _("Hindi")),
    ("ta", _("Tamil")),
    ("vi", _("Vietnamesisch")),
    ("zh", _("Chinesisch")),
)
LANGUAGE_CODES = tuple(code for code, _title in LANGUAGES)


def language_title(code):
    """The German name of a language code; an unknown code is shown as it is."""
    return dict(LANGUAGES).get(code, code)


def ordered_languages(codes):
    """Codes in the order of the offered list (German first), unknown ones last."""
    rank = {code: i for i, code in enumerate(LANGUAGE_CODES)}
    return tuple(sorted(set(codes or ()), key=lambda c: (rank.get(c, len(rank)), c)))


# Letters that Unicode does not decompose but that people type without the
# diacritic (Turkish dotless i, Polish l with stroke, Scandinavian o).
PLAIN_LETTERS = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                        "æ": "ae", "Æ": "Ae"})


def search_forms(text):
    """The forms under which ``text`` is found by a search.

    German folding makes "Jürgensen" findable as "Juergensen"; people also type
    names without their diacritics ("Ozdemir", "Yilmaz", "Jurgensen"), so the
    text stripped of diacritics is searched too.
    """
    text = text or ""
    stripped = unicodedata.normalize("NFKD", text.casefold().translate(PLAIN_LETTERS))
    stripped = "".join(c for c in stripped if not unicodedata.combining(c))
    return fold(text), stripped


def matches(query, *texts):
    """True when every word of ``query`` occurs in one of ``texts``."""
    haystacks = [" ".join(search_forms(t)[i] for t in texts if t) for i in (0, 1)]
    words = fold(query).split()
    return all(any(word in h for h in haystacks) for word in words)
