"""The search catalog rebuilt with German stems and the exact-title index.

The lexicon of a catalog made before folded words only; words are now
indexed by their stem, and a new index holds titles and references for the
jump straight to an object. The catalog is derived data: a fresh one is
filled from the tree.
"""
from ..catalog import install, reindex


def evolve(portal):
    install(portal)
    reindex(portal)
