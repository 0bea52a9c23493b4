"""The newsletter draft reports motions whose state changed since the last issue."""
from tests.conftest import edit
from tests.motions.helpers import make_motion
from tests.newsletter.helpers import make_list
from tests.newsletter.test_issues import create_issue


def test_draft_has_the_newest_state_of_changed_public_motions_only(admin, db):
    make_list(db)
    with edit(db) as portal:
        make_motion(portal, title="Dolmetschpool für Elternabende", state="submitted")
        make_motion(portal, title="Geheimer Entwurf zur Kita-Platzvergabe")
    page = admin.get(create_issue(admin)).text
    assert "Anträge: neuer Stand" in page
    section = page[page.index("Anträge: neuer Stand"):]
    assert "Dolmetschpool für Elternabende" in section and "eingereicht" in section
    assert "Geheimer Entwurf" not in page
