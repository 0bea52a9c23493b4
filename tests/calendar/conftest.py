"""Known meetings for the feed tests, beside the demo's ~170."""
import pytest

from tests.conftest import edit
from tests.meetings.helpers import add_meeting, berlin, url


@pytest.fixture
def known(db):
    """DST-day meetings, a non-public one and one with a non-public item."""
    with edit(db) as portal:
        spring = add_meeting(portal, "ag-sprache-und-bildung", berlin(2027, 3, 28, 10),
                             title="Frühjahrssitzung",
                             items=[("1", "Begrüßung", True), ("2", "Personalakte Müller", False)])
        autumn = add_meeting(portal, "ag-sprache-und-bildung", berlin(2027, 10, 31, 10),
                             title="Herbstsitzung")
        secret = add_meeting(portal, "vorstand", berlin(2027, 4, 25, 18), title="Geheime Klausur",
                             public=False)
        return {"spring": url(spring), "autumn": url(autumn), "secret": url(secret)}
