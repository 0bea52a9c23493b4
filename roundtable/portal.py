"""The root resource: the round table's portal and its site-wide settings."""
from pyramid.authorization import ALL_PERMISSIONS, Allow, Authenticated, Everyone

from .folder import Folder
from .security import ACCOUNT, VIEW, VIEW_CONTACT, VIEW_INTERNAL


class Portal(Folder):
    """Holds the top-level containers (people, organisations, bodies, users)."""

    # the change counter its own edits bump (site settings; see roundtable.freshness)
    freshness_section = "site"

    __acl__ = [
        (Allow, "role:admin", ALL_PERMISSIONS),
        (Allow, "role:board", (VIEW_INTERNAL, VIEW_CONTACT)),
        (Allow, "role:member", VIEW_INTERNAL),
        (Allow, Authenticated, ACCOUNT),
        (Allow, Everyone, VIEW),
    ]

    # the short text about the round table on the home page (edited in the settings);
    # a class default, so portals created before it existed open unchanged
    about = ""

    def __init__(self, title="Runder Tisch für Integration", town=""):
        super().__init__()
        self.title = title
        self.town = town
        self.imprint = ""
        self.privacy = ""
        self.contact_email = ""
