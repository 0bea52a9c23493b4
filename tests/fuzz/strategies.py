"""Hypothesis strategies for hostile input: text that breaks naive parsing,
values of the wrong type, and whole cstructs generated from a colander schema."""
import colander
import deform
from hypothesis import strategies as st

NASTY = [
    "", " ", "0", "-1", "1.5", "99999999999999999999999", "1e309", "NaN", "-0",
    "2027-02-30", "0000-00-00", "9999-12-31", "24:61", "25:00", "true", "false", "on",
    "<script>alert(1)</script>", "\"'><img src=x onerror=alert(1)>", "javascript:alert(1)",
    "../../etc/passwd", "%00", "\x00", "\r\n\r\n", "\u202e", "ẞ", "ä" * 5000, "x" * 100000,
    "http://", "https://" + "a" * 3000, "mailto:x@y", "a@b", "@", "3.", ".1", "1.1.1", "1000",
]

texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(NASTY),
    st.text(alphabet="0123456789.-:T ", max_size=12),
)

wrong_types = st.one_of(st.integers(), st.floats(), st.booleans(), st.none(),
                        st.lists(st.text(max_size=5), max_size=3),
                        st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2))


def cstruct(node, depth=0):
    """A strategy for what a client (form, CSV or JSON import) could send for ``node``."""
    typ = node.typ
    if isinstance(typ, colander.Mapping):
        children = {child.name: cstruct(child, depth + 1) for child in node.children}
        mapping = st.fixed_dictionaries({}, optional=children)
        return mapping if depth else st.one_of(mapping, mapping, wrong_types)
    if isinstance(typ, (colander.Sequence, colander.Set, colander.List)):
        inner = cstruct(node.children[0], depth + 1) if node.children else texts
        return st.one_of(st.lists(inner, max_size=3), st.just(colander.null), texts)
    if isinstance(typ, deform.FileData):
        return st.one_of(st.just(colander.null), texts,
                         st.fixed_dictionaries({"filename": texts, "mimetype": texts}))
    return st.one_of(st.just(colander.null), texts, texts, wrong_types)
