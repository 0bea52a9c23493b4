"""The submission letter of a motion to the town's department (fpdf2).

Reuses the letterhead page of the minutes PDF (DejaVu fonts, so every name
prints): addressee (department and committee), reference and date, title,
proposed resolution, reasoning and a signature line for the chair.
"""

from ..i18n import _
from ..minutes.pdf import FONT, LINE, NEXT_LINE, MinutesPDF
from .display import fmt_date
from .lifecycle import today


def letter_pdf(request, motion, committee):
    t = request.localizer.translate
    portal = request.root
    fonts = request.registry.settings["roundtable.static"].rstrip("/") + "/fonts"
    letterhead = portal.title + (f" · {portal.town}" if getattr(portal, "town", "") else "")
    pdf = MinutesPDF(letterhead, t(_("Seite ${n} von ${total}",
                                     mapping={"n": "{n}", "total": "{nb}"})), fonts)
    pdf.set_title(f"{motion.reference}: {motion.title}")
    pdf.set_author(portal.title)
    pdf.set_creator("Roundtable")
    pdf.set_lang(request.locale_name)
    pdf.add_page()

    pdf.set_font(FONT, "", 10)
    address = [committee.department] if committee is not None and committee.department else []
    address.append(t(_("zur Vorlage im ${committee}", mapping={"committee": committee.name}))
                   if committee is not None else t(_("an den zuständigen Fachbereich")))
    if committee is not None and committee.contact:
        address.append(committee.contact)
    pdf.multi_cell(0, LINE, "\n".join(address), align="L", **NEXT_LINE)
    pdf.ln(6)
    pdf.fact(t(_("Aktenzeichen")), motion.reference)
    pdf.fact(t(_("Datum")), fmt_date(motion.submitted_on or today()))
    if motion.adopted_on:
        pdf.fact(t(_("Beschlossen")), t(_("vom Runden Tisch am ${date}",
                                          mapping={"date": fmt_date(motion.adopted_on)})))
    pdf.heading(t(_("Antrag: ${title}", mapping={"title": motion.title})), size=14)
    pdf.heading(t(_("Beschlussvorschlag")), size=11)
    pdf.paragraph(motion.resolution)
    pdf.heading(t(_("Begründung")), size=11)
    pdf.paragraph(motion.reasoning)
    pdf.ln(16)
    y = pdf.get_y()
    pdf.line(pdf.l_margin, y, pdf.l_margin + 80, y)
    pdf.ln(1)
    pdf.set_font(FONT, "", 9)
    pdf.cell(0, LINE, t(_("Vorsitz des Runden Tisches")), **NEXT_LINE)
    return bytes(pdf.output())
