"""The top of the object tree: which folder each feature keeps in the portal.

The site layer puts the tree together, so no feature needs to know another's
folder; a new feature adds its line here (new databases get it through
``make_portal``, older ones through an upgrade step calling
``add_root_folders``). The order is the layer order of the features.
"""
from .accounts.resources import Users
from .bodies.resources import Bodies
from .catalog import install as install_catalog
from .committees.resources import Committees
from .measures.resources import Concepts
from .meetings.resources import Meetings  # noqa: F401 (gives every new body its meetings folder)
from .motions.register import Motions
from .newsletter.resources import Newsletter
from .people.resources import Organisations, People
from .portal import Portal
from .privacy.resources import OFFICE, PrivacyOffice

ROOT_FOLDERS = (
    ("people", People),
    ("organisations", Organisations),
    ("bodies", Bodies),
    ("users", Users),
    ("committees", Committees),
    ("motions", Motions),
    ("newsletter", Newsletter),
    ("concept", Concepts),
    (OFFICE, PrivacyOffice),
)


def add_root_folders(portal, names=None):
    """Add the features' (empty) folders the portal lacks, or only ``names``."""
    for name, factory in ROOT_FOLDERS:
        if name not in portal and (names is None or name in names):
            portal.add(factory(), name)
    return portal


def make_portal(title, town=""):
    """A portal with its empty top-level containers and an empty catalog."""
    portal = add_root_folders(Portal(title=title, town=town))
    install_catalog(portal)
    return portal
