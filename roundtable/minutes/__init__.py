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


def includeme(config):
    config.scan(".views")
    config.scan(".edit_views")
    config.scan(".correction_views")
