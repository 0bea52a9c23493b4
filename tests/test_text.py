"""Plain text typed into multi-line fields keeps its paragraphs and line breaks
everywhere it is shown: the shared function, the motion page and PDF, and the
newsletter mail (browsers send ``\\r\\n``, which the old ``split('\\n\\n')`` missed)."""
import io
import os
import re

from pypdf import PdfReader

from roundtable.minutes.pdf import MinutesPDF
from roundtable.text import linkify, paragraphs, to_html
from tests.conftest import ROOT, deliver
from tests.newsletter.helpers import add_subscribers, make_list

BROWSER_TEXT = "Erster Absatz, Zeile 1\r\nZeile 2\r\n\r\nZweiter Absatz <b>fett?</b>\r\nhttps://example.org/a?b=1&c=2."


def test_paragraphs_split_at_blank_lines_whatever_the_line_ends():
    assert paragraphs("a\r\nb\r\n\r\n\r\nc\r  \rd\n \t\n") == [["a", "b"], ["c"], ["d"]]
    assert paragraphs("") == [] and paragraphs(None) == [] and paragraphs(" \r\n ") == []


def test_to_html_escapes_breaks_lines_and_links_addresses():
    html = to_html(BROWSER_TEXT)
    assert html == ('<p>Erster Absatz, Zeile 1<br>\nZeile 2</p>\n'
                    '<p>Zweiter Absatz &lt;b&gt;fett?&lt;/b&gt;<br>\n'
                    '<a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>.</p>')
    assert html.__html__() == str(html)  # Chameleon inserts it as is


def test_linkify_knows_www_and_mail_and_leaves_scripts_alone():
    assert linkify("siehe www.example.org, oder info@example.org!") == (
        'siehe <a href="https://www.example.org">www.example.org</a>, oder '
        '<a href="mailto:info@example.org">info@example.org</a>!')
    assert linkify('javascript:alert(1) "x"') == 'javascript:alert(1) "x"'
    assert "<a" not in linkify('https://"onmouseover=alert(1)')


def _motion_with_browser_text(board):
    form = board.get("/motions/add").forms["form"]
    form["title"] = "Absätze bleiben"
    form["resolution"] = BROWSER_TEXT
    form["reasoning"] = "Begründung\r\n\r\nmit zwei Absätzen"
    response = form.submit("save")
    assert response.status_int == 303, response.text
    return response.location.replace("http://localhost", "")


def test_pdf_paragraph_keeps_line_breaks():
    pdf = MinutesPDF("Runder Tisch", "Seite {n}", os.path.join(ROOT, "static", "fonts"))
    pdf.add_page()
    pdf.paragraph(BROWSER_TEXT)
    text = PdfReader(io.BytesIO(bytes(pdf.output()))).pages[0].extract_text()
    assert re.search(r"Zeile 1\s*\nZeile 2\s*\nZweiter Absatz", text)
    assert "\r" not in text


def test_motion_page_keeps_paragraphs_and_line_breaks(board):
    motion = _motion_with_browser_text(board)
    page = board.get(motion).text
    assert "<p>Erster Absatz, Zeile 1<br>\nZeile 2</p>" in page
    assert "&lt;b&gt;fett?&lt;/b&gt;" in page and "<b>fett" not in page
    assert '<a href="https://example.org/a?b=1&amp;c=2">' in page
    assert "<p>Begründung</p>\n<p>mit zwei Absätzen</p>" in page


def test_newsletter_section_keeps_paragraphs_in_both_mail_parts(admin, db, settings, smtp_server):
    make_list(db)
    add_subscribers(db, "test-liste", ["leserin@example.org"])
    form = admin.get("/newsletter/test-liste/add-issue").forms["form"]
    form["title"] = "Ausgabe mit Absätzen"
    issue = form.submit("save").location.replace("http://localhost", "")
    form = admin.get(issue + "add-section").forms["form"]
    form["title"] = "Aus den Vereinen"
    form["text"] = "Sommerfest am Samstag\r\nab 15 Uhr\r\n\r\nAnmeldung: info@example.org"
    form.submit("save").follow()
    page = admin.get(issue).text
    assert "<p>Sommerfest am Samstag<br>\nab 15 Uhr</p>" in page
    form = admin.get(issue + "send").forms["form"]
    for field in form.fields.get("when", ()):
        if field.options and any(v == "now" for v, *_ in field.options):
            field.value = "now"
    assert form.submit("send").status_int == 303
    (_f, _to, message), = deliver(settings, smtp_server)
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Sommerfest am Samstag\nab 15 Uhr\n\nAnmeldung: info@example.org" in text.replace("\r\n", "\n")
    assert re.search(r">Sommerfest am Samstag<br>\s*ab 15 Uhr</p>", html)
    assert '<a href="mailto:info@example.org">info@example.org</a>' in html
