"""Minutes (Protokolle) of a meeting: writing, approval, publication, corrections.

A meeting's minutes are the ``minutes`` item inside the meeting; this package
comes after ``meetings`` in the layer order (it uses meetings, meetings never
use it).

- ``resources``: the persistent ``Minutes`` and the decision helpers;
- ``workflow``: Entwurf → zur Genehmigung → genehmigt → veröffentlicht;
- ``schemas``: the forms for the general part, entries, decisions and tasks;
- ``content``: what a viewer may read (one function for page, print and PDF)
  and the presentation helpers the views share;
- ``views``, ``edit_views``, ``correction_views``: the pages;
- ``pdf``: the PDF layout (also used by the motions' letter).
"""


from ..i18n import _
from .listing_views import home_minutes


def includeme(config):
    config.add_section("minutes", _("Protokolle"), "/minutes/", order=11)
    config.add_home_panel("minutes", "roundtable:templates/minutes/home_panel.pt", home_minutes,
                          order=12)
    config.scan(".views")
    config.scan(".listing_views")
    config.scan(".edit_views")
    config.scan(".correction_views")
