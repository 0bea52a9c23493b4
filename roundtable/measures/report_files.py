"""The implementation report as files for the council papers: a print-ready
PDF (fpdf2, on the minutes' letterhead page) and an editable OpenDocument
text (odfpy). Both render ``report.report_data``; the indicator charts are
embedded as the same SVG the web page shows."""
import io
import re

from ..i18n import _
from ..minutes.pdf import MinutesPDF
from ..timeutil import format_date


def _number(value):
    return f"{value:g}".replace(".", ",") if isinstance(value, float) else str(value)


def _closing_lines(t, data):
    """(heading, lines) of the measures finished, delayed and stopped in the year."""
    sections = []
    for heading, items in data.closing:
        lines = [f"{i.entry.number} {i.entry.title}: {i.change.justification}" for i in items]
        sections.append((t(heading), lines or [t(_("keine"))]))
    return sections


def _measure_lines(t, entry, locale):
    lines = [t(_("Status: ${status}, Fortschritt ${progress} %, verantwortlich: ${who}",
                 mapping={"status": t(entry.status_title), "progress": entry.progress,
                          "who": entry.responsible or "–"}))]
    for change in entry.changes:
        lines.append(t(_("${date}: ${old} → ${new}. ${why}", mapping={
            "date": format_date(change.at, locale), "old": t(change.from_title),
            "new": t(change.to_title), "why": change.justification})))
    if entry.report:
        lines.append(entry.report)
    if entry.indicator is not None:
        ind = entry.indicator
        values = "; ".join(f"{format_date(v['date'], locale)}: {_number(v['value'])}"
                           for v in entry.values)
        lines.append(t(_("Indikator ${name}: von ${base} auf ${target} ${unit}. "
                         "Werte: ${values}", mapping={
                             "name": ind.name, "base": _number(ind.baseline) if ind.baseline
                             is not None else "–", "target": _number(ind.target)
                             if ind.target is not None else "–", "unit": ind.unit,
                             "values": values or "–"})))
    return lines


def _for_pdf(svg):
    """fpdf2 draws the SVG as vector paths; it skips (and logs) <title> and <desc>."""
    return re.sub(r"<(title|desc)>.*?</\1>", "", svg, flags=re.S).encode("utf-8")


def report_title(t, report, concept):
    return t(_("Umsetzungsbericht ${year} – ${concept}",
               mapping={"year": report.year, "concept": concept.title}))


def report_pdf(request, report, data):
    t = request.localizer.translate
    portal = request.root
    locale = request.locale_name
    fonts = request.registry.settings["roundtable.static"].rstrip("/") + "/fonts"
    letterhead = portal.title + (f" · {portal.town}" if getattr(portal, "town", "") else "")
    pdf = MinutesPDF(letterhead, t(_("Seite ${n} von ${total}",
                                     mapping={"n": "{n}", "total": "{nb}"})), fonts)
    title = report_title(t, report, data.concept)
    pdf.set_title(title)
    pdf.set_author(portal.title)
    pdf.set_creator("Roundtable")
    pdf.set_lang(locale)
    pdf.add_page()
    pdf.heading(title, size=15)
    pdf.paragraph(data.introduction)
    pdf.fact(t(_("Gesamtfortschritt")), f"{data.progress} %")
    for field in data.fields:
        pdf.heading(t(_("Handlungsfeld: ${title}", mapping={"title": field.title})), size=13)
        if field.statement:
            pdf.paragraph(field.statement)
        for goal in field.goals:
            pdf.heading(t(_("Ziel: ${title} (${progress} %)",
                            mapping={"title": goal.title, "progress": goal.progress})), size=11)
            for entry in goal.measures:
                pdf.paragraph(f"{entry.number} {entry.title}", style="B")
                for line in _measure_lines(t, entry, locale):
                    pdf.paragraph(line, size=9)
                if entry.chart:
                    if pdf.get_y() > pdf.h - 70:
                        pdf.add_page()
                    pdf.image(io.BytesIO(_for_pdf(entry.chart)), w=95)
                    pdf.ln(2)
    for heading, lines in _closing_lines(t, data):
        pdf.heading(heading, size=12)
        for line in lines:
            pdf.bullet(line)
    return bytes(pdf.output())


def _styles(doc):
    from odf.style import GraphicProperties, ParagraphProperties, Style, TextProperties

    for name, size, bold in (("Title", "18pt", True), ("Heading1", "15pt", True),
                             ("Heading2", "12pt", True), ("Strong", "10pt", True)):
        style = Style(name=name, family="paragraph")
        style.addElement(TextProperties(fontsize=size, fontweight="bold" if bold else "normal"))
        style.addElement(ParagraphProperties(margintop="0.3cm", marginbottom="0.15cm"))
        doc.styles.addElement(style)
    frame = Style(name="Chart", family="graphic")
    frame.addElement(GraphicProperties(anchortype="paragraph"))
    doc.automaticstyles.addElement(frame)
    return frame


def report_odt(request, report, data):
    """The report as an editable .odt (bytes)."""
    # odfpy imported on use, as fpdf2 is (see minutes.pdf): few processes write one
    from odf.draw import Frame, Image
    from odf.opendocument import OpenDocumentText
    from odf.text import H, List, ListItem, P

    t = request.localizer.translate
    locale = request.locale_name
    doc = OpenDocumentText()
    frame_style = _styles(doc)
    doc.text.addElement(H(outlinelevel=1, stylename="Title", text=report_title(t, report,
                                                                              data.concept)))
    for para in data.introduction.split("\n\n"):
        doc.text.addElement(P(text=para.strip()))
    doc.text.addElement(P(text=f"{t(_('Gesamtfortschritt'))}: {data.progress} %"))
    charts = 0
    for field in data.fields:
        doc.text.addElement(H(outlinelevel=2, stylename="Heading1", text=t(_(
            "Handlungsfeld: ${title}", mapping={"title": field.title}))))
        if field.statement:
            doc.text.addElement(P(text=field.statement))
        for goal in field.goals:
            doc.text.addElement(H(outlinelevel=3, stylename="Heading2", text=t(_(
                "Ziel: ${title} (${progress} %)", mapping={"title": goal.title,
                                                          "progress": goal.progress}))))
            for entry in goal.measures:
                doc.text.addElement(P(stylename="Strong", text=f"{entry.number} {entry.title}"))
                items = List()
                for line in _measure_lines(t, entry, locale):
                    item = ListItem()
                    item.addElement(P(text=line))
                    items.addElement(item)
                doc.text.addElement(items)
                if entry.chart:
                    charts += 1
                    href = doc.addPicture(f"Pictures/chart{charts}.svg", "image/svg+xml",
                                          entry.chart.encode("utf-8"))
                    holder = P()
                    chart = Frame(stylename=frame_style, width="8.5cm", height="4.25cm",
                                  anchortype="paragraph", name=f"chart{charts}")
                    chart.addElement(Image(href=href))
                    holder.addElement(chart)
                    doc.text.addElement(holder)
    for heading, lines in _closing_lines(t, data):
        doc.text.addElement(H(outlinelevel=2, stylename="Heading1", text=heading))
        for line in lines:
            doc.text.addElement(P(text=line))
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()
