"""The home page's motions in progress: the most recently moved few, and how
many there are, so the page does not grow with the archive (issue 20)."""
import re

from roundtable.motions.home_panel import SHOWN
from tests.conftest import edit
from tests.motions.helpers import make_motion


def panel(page):
    return page.text.split('id="h-motions"', 1)[1].split("</section>", 1)[0]


def test_the_panel_shows_the_latest_few_and_counts_the_rest(anonymous, db):
    with edit(db) as portal:
        for n in range(SHOWN + 3):
            make_motion(portal, title=f"Panelantrag {n:02d}", state="adopted")
    text = panel(anonymous.get("/"))
    assert len(re.findall(r"<li>", text)) == SHOWN
    # the last ones moved come first; the first ones made are left out
    assert f"Panelantrag {SHOWN + 2:02d}" in text and "Panelantrag 00" not in text
    total = int(re.search(r"von <span>(\d+)</span>", text).group(1))
    assert total >= SHOWN + 3
    english = anonymous.get("/", headers={"Cookie": "_LOCALE_=en"})
    assert re.search(r"The <span>8</span> most recently moved of <span>\d+</span>", panel(english))
