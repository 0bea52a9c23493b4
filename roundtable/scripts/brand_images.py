"""The site's pictures for browsers and link previews, drawn from code.

``python -m roundtable.scripts.brand_images`` writes into ``static/img/``:
``favicon.svg`` (the tab icon), ``favicon.ico`` and ``touch-icon.png`` (for
browsers and phones that want bitmaps) and ``og-image.png`` (1200 × 630, the
picture shown when a page is shared). The motif: seats around a round table.
Kept as code so a town can change colour or wording and draw them again.
"""
import math
import os
import sys

ACCENT = "#0b5394"
SEATS = 8

FAVICON_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<title>Runder Tisch</title>
<rect width="64" height="64" rx="12" fill="{accent}"/>
<circle cx="32" cy="32" r="13" fill="none" stroke="#fff" stroke-width="5"/>
{seats}
</svg>
"""


def seat_positions(cx, cy, radius, count=SEATS):
    return [(cx + radius * math.cos(2 * math.pi * k / count - math.pi / 2),
             cy + radius * math.sin(2 * math.pi * k / count - math.pi / 2)) for k in range(count)]


def favicon_svg():
    seats = "\n".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="#fff"/>'
                      for x, y in seat_positions(32, 32, 23))
    return FAVICON_SVG.format(accent=ACCENT, seats=seats)


def draw_icon(draw, cx, cy, size):
    """The motif at ``size`` (the side of its square) centred on (cx, cy)."""
    scale = size / 64
    r = 13 * scale
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline="#ffffff", width=max(1, round(5 * scale)))
    for x, y in seat_positions(cx, cy, 23 * scale):
        s = 4.5 * scale
        draw.ellipse((x - s, y - s, x + s, y + s), fill="#ffffff")


def icon_image(size):
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=size * 12 // 64, fill=ACCENT)
    draw_icon(draw, size / 2, size / 2, size)
    return image


def og_image(fonts, title="Runder Tisch für Integration",
             lines=("Sitzungen · Protokolle · Anträge", "öffentlich, mehrsprachig, barrierefrei")):
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1200, 630), ACCENT)
    draw = ImageDraw.Draw(image)
    draw_icon(draw, 230, 315, 300)
    bold = ImageFont.truetype(os.path.join(fonts, "DejaVuSans-Bold.ttf"), 64)
    regular = ImageFont.truetype(os.path.join(fonts, "DejaVuSans.ttf"), 36)
    words, rows, row = title.split(), [], ""
    for word in words:
        candidate = f"{row} {word}".strip()
        if draw.textlength(candidate, font=bold) > 680 and row:
            rows.append(row)
            row = word
        else:
            row = candidate
    rows.append(row)
    y = 315 - (len(rows) * 80 + len(lines) * 52) // 2
    for text in rows:
        draw.text((440, y), text, font=bold, fill="#ffffff")
        y += 80
    y += 10
    for text in lines:
        draw.text((440, y), text, font=regular, fill="#dbe8f5")
        y += 52
    return image


def write_all(static):
    img = os.path.join(static, "img")
    os.makedirs(img, exist_ok=True)
    with open(os.path.join(img, "favicon.svg"), "w", encoding="utf-8") as f:
        f.write(favicon_svg())
    icon = icon_image(256)
    icon.save(os.path.join(img, "favicon.ico"), sizes=[(16, 16), (32, 32), (48, 48)])
    icon_image(180).save(os.path.join(img, "touch-icon.png"))
    og_image(os.path.join(static, "fonts")).save(os.path.join(img, "og-image.png"), optimize=True)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    write_all(argv[0] if argv else os.path.join(here, "static"))


if __name__ == "__main__":
    main()
