"""The HTML mail judged by npm ``@jsx-email/doiuse-email`` (caniemail.com data):
no errors for Gmail, Outlook and Apple Mail."""
import json
import subprocess
from pathlib import Path

import pytest

from tests import judges
from tests.newsletter.test_issues import _portal_news, create_issue
from tests.newsletter.helpers import make_list

SCRIPT = Path(__file__).with_name("doiuse.mjs")


def doiuse(html, clients):
    if not (judges.NODE_MODULES / "@jsx-email" / "doiuse-email").is_dir():
        raise judges.JudgeMissing("@jsx-email/doiuse-email missing; " + judges.INSTALL_HINT)
    proc = subprocess.run(["node", str(SCRIPT), *clients], input=html, capture_output=True, text=True,
                          cwd=str(judges.ROOT), timeout=120, check=True)
    return json.loads(proc.stdout)


@pytest.mark.parametrize("clients", [["gmail.*"], ["outlook.*"], ["apple-mail.*"]])
def test_html_mail_works_in_the_big_clients(admin, db, clients):
    make_list(db)
    _portal_news(db)
    issue_url = create_issue(admin)
    form = admin.get(issue_url + "add-section").forms["form"]
    form["title"] = "Hinweise"
    form["text"] = "Erster Absatz.\n\nZweiter Absatz mit <b>Zeichen</b> & Umlauten: äöü."
    form["links"] = "Programm | https://example.org/programm"
    form.submit("save")
    html = admin.get(issue_url + "preview").text
    result = doiuse(html, clients)
    assert result.get("success") is True and not result.get("errors"), json.dumps(result, indent=1)
