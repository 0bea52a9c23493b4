"""Small server-rendered SVG charts that need no JavaScript and stay accessible.

A chart is data first: a title, a description, the series and the rows of
figures. ``svg()`` draws it as horizontal bars (long labels such as dates or
committee names fit a phone better than columns), optionally stacked, with a
marker per row (e.g. the quorum). The page shows the picture with its
``<title>``/``<desc>`` and the same figures as a table (WCAG 1.1.1), see the
``chart`` macro in ``templates/charts.pt``.

Pure functions of their input; no feature, no request: any feature may use it.
Callers pass translated strings.
"""
from html import escape

# colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart also by order
PALETTE = ("#0b5394", "#b45f06", "#38761d", "#741b47", "#5b5b5b", "#a61c00")
MARKER_COLOUR = "#1b1f24"

WIDTH = 420        # drawn at about this width: text stays legible from a phone to a desk
LABEL_WIDTH = 100
VALUE_WIDTH = 30
ROW_HEIGHT = 26
BAR_HEIGHT = 16
LEGEND_HEIGHT = 24


class Chart:
    """Figures to draw and to tabulate.

    ``series``: names of the stacked parts of each bar (one for simple bars);
    ``rows``: ``(label, values)`` with one number per series, or ``(label, values, short)``
    where ``short`` is what the picture writes beside the bar (the table has ``label``);
    ``marker``: optional name of a per-row reference value (``markers``, one per row).
    """

    def __init__(self, ident, title, description, series, rows, marker=None, markers=None,
                 label_title=""):
        self.ident, self.title, self.description = ident, title, description
        self.series = list(series)
        self.rows = [(row[0], tuple(row[1])) for row in rows]
        self.short_labels = [row[2] if len(row) > 2 else row[0] for row in rows]
        self.marker = marker
        self.markers = list(markers) if markers is not None else None
        self.label_title = label_title

    @property
    def empty(self):
        return not self.rows

    @property
    def columns(self):
        """Table headings after the label column."""
        columns = list(self.series)
        if len(self.series) > 1:
            columns.append(None)  # the total, titled by the template
        if self.marker:
            columns.append(self.marker)
        return columns

    def table_rows(self):
        """``(label, [figures…])`` in the order of ``columns``."""
        out = []
        for index, (label, values) in enumerate(self.rows):
            figures = list(values)
            if len(self.series) > 1:
                figures.append(sum(values))
            if self.marker:
                figures.append(self.markers[index])
            out.append((label, figures))
        return out

    def scale_max(self):
        biggest = max([sum(v) for _l, v in self.rows] + (self.markers or []) + [1])
        return biggest

    def svg(self):
        return render_svg(self)


def _text(x, y, text, anchor="start", size=12, weight=None, fill="#1b1f24"):
    weight_attr = f' font-weight="{weight}"' if weight else ""
    return (f'<text x="{x}" y="{y}" font-size="{size}" text-anchor="{anchor}" fill="{fill}"'
            f'{weight_attr}>{escape(str(text))}</text>')


def _short(label, limit=15):
    label = str(label)
    return label if len(label) <= limit else label[:limit - 1] + "…"


def render_svg(chart):
    """The chart as an inline ``<svg>`` (a string of markup; all text escaped)."""
    top = LEGEND_HEIGHT + 8
    height = top + ROW_HEIGHT * len(chart.rows) + 8
    area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    biggest = chart.scale_max()
    ident = escape(chart.ident)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 {WIDTH} {height}" '
             f'role="img" aria-labelledby="{ident}-title {ident}-desc" '
             f'font-family="system-ui, sans-serif">',
             f'<title id="{ident}-title">{escape(chart.title)}</title>',
             f'<desc id="{ident}-desc">{escape(chart.description)}</desc>']
    # legend
    x = LABEL_WIDTH
    legend = list(enumerate(chart.series))
    for index, name in legend:
        colour = PALETTE[index % len(PALETTE)]
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>')
        parts.append(_text(x + 16, 15, name))
        x += 28 + 7.5 * len(str(name))
    if chart.marker:
        parts.append(f'<rect x="{x + 5}" y="2" width="3" height="16" fill="{MARKER_COLOUR}"/>')
        parts.append(_text(x + 14, 15, chart.marker))
    # rows
    for row, (_label, values) in enumerate(chart.rows):
        y = top + row * ROW_HEIGHT
        parts.append(_text(LABEL_WIDTH - 8, y + BAR_HEIGHT - 3, _short(chart.short_labels[row]),
                           anchor="end"))
        x = LABEL_WIDTH
        for index, value in enumerate(values):
            w = area * value / biggest
            if w > 0:
                parts.append(f'<rect class="bar" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR_HEIGHT}" '
                             f'fill="{PALETTE[index % len(PALETTE)]}"/>')
            x += w
        parts.append(_text(x + 4, y + BAR_HEIGHT - 3, sum(values)))
        if chart.marker and chart.markers[row] is not None:
            mx = LABEL_WIDTH + area * chart.markers[row] / biggest
            parts.append(f'<rect x="{mx - 1.5:.1f}" y="{y - 3}" width="3" height="{BAR_HEIGHT + 6}" '
                         f'fill="{MARKER_COLOUR}"/>')
    parts.append(f'<line x1="{LABEL_WIDTH}" y1="{top - 4}" x2="{LABEL_WIDTH}" '
                 f'y2="{height - 4}" stroke="#6e7781"/>')
    parts.append("</svg>")
    return "\n".join(parts)
