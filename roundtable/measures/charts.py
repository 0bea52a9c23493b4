"""A small server-rendered SVG chart of an indicator: values over time against
baseline and target.

Pure functions (no request, no database): the page inlines the SVG beside a
table of the same figures (the accessible alternative), the PDF and the ODT
embed it as an image. The SVG carries <title> and <desc> and
``role="img"`` so screen readers announce what it shows.
"""
from datetime import date
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 320, 160
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 28


def _number(value):
    text = f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text[:-2] if text.endswith(",0") else text


def _x_scale(points, target_date):
    days = [p[0].toordinal() for p in points]
    if target_date is not None:
        days.append(target_date.toordinal())
    lo, hi = min(days), max(days)
    span = max(hi - lo, 1)
    return lambda d: LEFT + (d.toordinal() - lo) / span * (WIDTH - LEFT - RIGHT)


def _y_scale(values):
    """The scale from 0 (or a negative minimum) to a tenth above the largest value;
    also the two values the axis is labelled with."""
    lo, top = min(values + [0]), max(values)
    hi = top if top != lo else lo + 1
    hi += (hi - lo) * 0.1
    return lambda v: TOP + (hi - v) / (hi - lo) * (HEIGHT - TOP - BOTTOM), lo, top


def indicator_svg(name, unit, points, baseline=None, target=None, target_date=None,
                  description="", target_label="Zielwert"):
    """The chart as an SVG string; ``points`` are (date, value) pairs in date order."""
    title = f"{name} ({unit})" if unit else name
    desc = description or ", ".join(f"{p[0].isoformat()}: {_number(p[1])}" for p in points)
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
            f'font-family="DejaVu Sans, sans-serif" font-size="10">'
            f'<title>{escape(title)}</title><desc>{escape(desc)}</desc>'
            f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>')
    if not points:
        return head + (f'<text x="{WIDTH // 2}" y="{HEIGHT // 2}" text-anchor="middle" '
                       f'fill="#444444">–</text></svg>')
    values = [p[1] for p in points] + [v for v in (baseline, target) if v is not None]
    x = _x_scale(points, target_date)
    y, lo, hi = _y_scale(values)
    parts = [head,
             f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" '
             f'y2="{HEIGHT - BOTTOM}" stroke="#444444"/>',
             f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="#444444"/>',
             f'<text x="{LEFT - 4}" y="{y(hi) + 4:.1f}" text-anchor="end" '
             f'fill="#222222">{escape(_number(hi))}</text>',
             f'<text x="{LEFT - 4}" y="{y(lo):.1f}" text-anchor="end" '
             f'fill="#222222">{escape(_number(lo))}</text>']
    if target is not None:
        parts.append(f'<line x1="{LEFT}" y1="{y(target):.1f}" x2="{WIDTH - RIGHT}" '
                     f'y2="{y(target):.1f}" stroke="#1b6e3a" stroke-dasharray="5 3"/>'
                     f'<text x="{WIDTH - RIGHT}" y="{y(target) - 3:.1f}" text-anchor="end" '
                     f'fill="#1b6e3a">{escape(target_label)} {escape(_number(target))}</text>')
    if baseline is not None:
        parts.append(f'<line x1="{LEFT}" y1="{y(baseline):.1f}" x2="{WIDTH - RIGHT}" '
                     f'y2="{y(baseline):.1f}" stroke="#777777" stroke-dasharray="2 3"/>')
    coords = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in points)
    parts.append(f'<polyline points="{coords}" fill="none" stroke="#0b4f8a" stroke-width="2"/>')
    for d, v in points:
        parts.append(f'<circle cx="{x(d):.1f}" cy="{y(v):.1f}" r="3" fill="#0b4f8a"/>')
    first, last = points[0][0], points[-1][0]
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 10}" fill="#222222">{first.year}</text>')
    if last.year != first.year:
        parts.append(f'<text x="{x(last):.1f}" y="{HEIGHT - 10}" text-anchor="end" '
                     f'fill="#222222">{last.year}</text>')
    parts.append("</svg>")
    return "".join(parts)


def measure_chart(indicator, until=None, target_label="Zielwert"):
    """The chart of a measure's indicator, values up to the date ``until``;
    ``target_label`` is "Zielwert" in the reader's language."""
    until = until or date.max
    points = [(v["date"], v["value"]) for v in indicator.values if v["date"] <= until]
    return indicator_svg(indicator.name, indicator.unit, points, indicator.baseline,
                         indicator.target, indicator.target_date, target_label=target_label)
