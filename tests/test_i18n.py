"""Every user-visible string has an English translation; the switch shows it."""
import os
import subprocess
import sys

from babel.messages.pofile import read_po

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PO = os.path.join(ROOT, "roundtable", "locale", "en", "LC_MESSAGES", "roundtable.po")


def test_every_message_has_an_english_translation(tmp_path):
    pot = tmp_path / "roundtable.pot"
    pot_create = os.path.join(os.path.dirname(sys.executable), "pot-create")
    subprocess.run([pot_create, "-o", str(pot), "roundtable", "templates"], cwd=ROOT, check=True,
                   capture_output=True)
    with open(pot, "rb") as f:
        wanted = {m.id for m in read_po(f) if m.id}
    with open(PO, "rb") as f:
        catalog = read_po(f)
    translated = {m.id for m in catalog if m.id and m.string and not m.fuzzy}
    missing = sorted(wanted - translated)
    assert not missing, "untranslated (run `make extract`, then translate):\n" + "\n".join(missing)


def test_english_pages(anonymous):
    anonymous.set_cookie("_LOCALE_", "en")
    page = anonymous.get("/members")
    assert '<html lang="en">' in page.text
    assert "Member organisations" in page.text
    assert "Imprint" in page.text and "Privacy" in page.text
    login = anonymous.get("/login")
    assert "Password" in login.text and "Log in" in login.text
    # deform's and colander's own messages are translated too
    form = login.forms["form"]
    response = form.submit("submit")
    assert "Required" in response.text
