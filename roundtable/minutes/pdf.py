"""The minutes as a PDF document, written with fpdf2.

The layout only: what a viewer may read is decided before, in
``content.content`` (public viewers get the public agenda items and the
names of consenting persons only), so the page, the print view and the PDF
show the same. DejaVu Sans is embedded because the core PDF fonts know
Latin-1 only and the register holds names like "Wiśniewski" or "Yılmaz".
"""
import functools
import os

from ..i18n import _
from ..text import paragraphs

FONT = "DejaVu"
LINE = 5.2
LABEL_WIDTH = 42
# after a cell: back to the left margin, on the next line (fpdf2 takes the
# names of its XPos/YPos members, so this module needs no fpdf import)
NEXT_LINE = {"new_x": "LMARGIN", "new_y": "NEXT"}


def MinutesPDF(letterhead, page_label, fonts):  # noqa: N802 - made and used as a class
    """A4 portrait with the portal's letterhead and numbered pages (``page_label``
    e.g. "Seite {n} von {nb}"): an fpdf2 document of the class made on first use."""
    return _document_class()(letterhead, page_label, fonts)


@functools.cache
def _document_class():
    """The document class, defined on first use: fpdf2 (with fontTools and
    PIL) takes about 20 MB, which a process that never writes a PDF (most of
    them serve pages) need not hold."""
    from fpdf import FPDF

    class Document(FPDF):
        """A4 portrait with the portal's letterhead and numbered pages."""

        def __init__(self, letterhead, page_label, fonts):
            super().__init__(orientation="P", unit="mm", format="A4")
            self.letterhead = letterhead
            self.page_label = page_label  # e.g. "Seite {n} von {nb}"
            self.add_font(FONT, "", os.path.join(fonts, "DejaVuSans.ttf"))
            self.add_font(FONT, "B", os.path.join(fonts, "DejaVuSans-Bold.ttf"))
            self.set_margins(20, 18, 20)
            self.set_auto_page_break(True, margin=20)

        def header(self):
            self.set_font(FONT, "B", 13 if self.page_no() == 1 else 9)
            self.cell(0, 7, self.letterhead, **NEXT_LINE)
            y = self.get_y() + 1
            self.set_draw_color(11, 83, 148)
            self.line(self.l_margin, y, self.w - self.r_margin, y)
            self.set_y(y + 4)

        def footer(self):
            self.set_y(-14)
            self.set_font(FONT, "", 8)
            self.cell(0, 6, self.page_label.replace("{n}", str(self.page_no())), align="C")

        # -- small building blocks ------------------------------------------------
        def heading(self, text, size=12):
            self.ln(2)
            self.set_font(FONT, "B", size)
            self.multi_cell(0, LINE + 1, text, align="L", **NEXT_LINE)
            self.ln(1)

        def paragraph(self, text, size=10, style=""):
            self.set_font(FONT, style, size)
            for para in paragraphs(text):
                self.multi_cell(0, LINE, "\n".join(para), align="L", **NEXT_LINE)
                self.ln(1.5)

        def fact(self, label, value):
            self.set_font(FONT, "B", 10)
            self.cell(LABEL_WIDTH, LINE, label)
            self.set_font(FONT, "", 10)
            self.multi_cell(0, LINE, value, align="L", **NEXT_LINE)

        def bullet(self, text, indent=5):
            self.set_font(FONT, "", 10)
            x = self.l_margin
            self.set_x(x)
            self.cell(indent, LINE, "•")
            self.multi_cell(0, LINE, text, align="L", **NEXT_LINE)
    return Document


def minutes_pdf(c, translate, fonts, lang="de"):
    """The PDF (bytes) of the minutes ``c`` (from ``content.content``)."""
    t = translate
    letterhead = c.portal.title + (f" · {c.portal.town}" if getattr(c.portal, "town", "") else "")
    pdf = MinutesPDF(letterhead, t(_("Seite ${n} von ${total}",
                                     mapping={"n": "{n}", "total": "{nb}"})), fonts)
    title = t(_("Protokoll: ${title}", mapping={"title": c.meeting.title}))
    pdf.set_title(title)
    pdf.set_author(c.portal.title)
    pdf.set_creator("Roundtable")
    pdf.set_lang(lang)
    pdf.add_page()

    pdf.heading(title, size=15)
    pdf.fact(t(_("Gremium")), c.body.name)
    pdf.fact(t(_("Sitzung")), f"{c.meeting.title}\n{c.when}")
    if c.place or c.online:
        pdf.fact(t(_("Ort", context="venue")), c.place or t(_("online")))
    pdf.fact(t(_("Stand")), t(c.state))
    if c.approval is not None:
        text = t(_("in der Sitzung vom ${date}", mapping={"date": c.approval.date}))
        if c.approval.title:
            text += f" ({c.approval.title})"
        if c.approval.item:
            text += ", " + t(_("unter ${item}", mapping={"item": c.approval.item}))
        pdf.fact(t(_("Genehmigt")), text)
    if not c.published:
        pdf.ln(2)
        pdf.paragraph(t(_("Nicht veröffentlichter Stand: ${state}",
                          mapping={"state": t(c.state)})), style="B")

    pdf.heading(t(_("Anwesenheit")))
    for group in c.attendance.groups:
        names = ", ".join(group.names)
        if group.others:
            names = (names + " " if names else "") + t(group.others)
        pdf.fact(f"{t(group.title)} ({group.count})", names)
    if c.attendance.guests:
        pdf.fact(t(_("Gäste")), str(c.attendance.guests))
    if not c.attendance.groups and not c.attendance.guests:
        pdf.paragraph(t(_("Die Anwesenheit wurde nicht erfasst.")))

    if c.general:
        pdf.heading(t(_("Allgemeines")))
        pdf.paragraph(c.general)

    pdf.heading(t(_("Tagesordnungspunkte")))
    for item in c.items:
        heading = f"{item.label} {item.title}"
        if not item.public:
            heading += " (" + t(_("nicht öffentlich")) + ")"
        pdf.heading(heading, size=11)
        if item.discussion:
            pdf.paragraph(item.discussion)
        if item.decisions:
            pdf.set_font(FONT, "B", 10)
            pdf.cell(0, LINE, t(_("Beschlüsse")), **NEXT_LINE)
            for d in item.decisions:
                pdf.bullet(d.text + (f"\n{d.votes}" if d.votes else ""))
        if item.tasks:
            pdf.set_font(FONT, "B", 10)
            pdf.cell(0, LINE, t(_("Aufgaben")), **NEXT_LINE)
            for task in item.tasks:
                parts = [task.what]
                if task.responsible:
                    parts.append(t(_("verantwortlich: ${who}", mapping={"who": task.responsible})))
                if task.due:
                    parts.append(t(_("bis ${date}", mapping={"date": task.due_text})))
                pdf.bullet(" – ".join(parts))
        if item.empty:
            pdf.paragraph(t(_("Kein Eintrag.")))

    if c.corrections:
        pdf.heading(t(_("Korrekturen")))
        for k in c.corrections:
            pdf.bullet(t(_("Korrigiert am ${date}:", mapping={"date": k.date})) + " " + k.reason)
    return bytes(pdf.output())
