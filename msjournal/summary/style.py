"""How the summary looks on paper: page size by locale, fonts, text and table styles.

Black text on white, grey rules, bold for what matters: it prints well in black and white.
DejaVu Sans (shipped with matplotlib) is used when found, for names and notes in any
European script; otherwise the PDF standard Helvetica.
"""

from __future__ import annotations

import importlib.util
import locale
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, TableStyle

# Countries where Letter paper is the norm (ISO 3166 codes).
LETTER_COUNTRIES = frozenset(
    {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PA", "DO", "SV", "NI", "PR", "BZ"}
)
MARGIN = 16 * mm
INK = colors.black
RULE = colors.Color(0.55, 0.55, 0.55)
SHADE = colors.Color(0.90, 0.90, 0.90)


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str


def country_of(locale_name: str) -> str:
    """'en_US.UTF-8' -> 'US'; '' when the name carries no country."""
    base = locale_name.split(".")[0].split("@")[0]
    parts = base.replace("-", "_").split("_")
    return parts[1].upper() if len(parts) > 1 else ""


def paper_for_locale(environ: Mapping[str, str] | None = None) -> tuple[float, float]:
    """Letter for the US, Canada, Mexico, the Philippines and their neighbours, else A4."""
    environ = os.environ if environ is None else environ
    name = environ.get("LC_ALL") or environ.get("LC_PAPER") or environ.get("LANG") or ""
    if not name:
        try:
            name = locale.getlocale()[0] or ""
        except ValueError:
            name = ""
    return LETTER if country_of(name) in LETTER_COUNTRIES else A4


def paper_name(size: tuple[float, float]) -> str:
    return "Letter" if size == LETTER else "A4"


def _matplotlib_fonts() -> Path | None:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(list(spec.submodule_search_locations)[0]) / "mpl-data" / "fonts" / "ttf"
    return folder if (folder / "DejaVuSans.ttf").exists() else None


@lru_cache(maxsize=1)
def fonts() -> Fonts:
    folder = _matplotlib_fonts()
    if folder is None:
        return Fonts("Helvetica", "Helvetica-Bold")
    try:
        for name in (
            "DejaVuSans",
            "DejaVuSans-Bold",
            "DejaVuSans-Oblique",
            "DejaVuSans-BoldOblique",
        ):
            pdfmetrics.registerFont(TTFont(name, str(folder / f"{name}.ttf")))
        pdfmetrics.registerFontFamily(
            "DejaVuSans",
            normal="DejaVuSans",
            bold="DejaVuSans-Bold",
            italic="DejaVuSans-Oblique",
            boldItalic="DejaVuSans-BoldOblique",
        )
    except Exception:  # a damaged font file must not stop the summary  # noqa: BLE001
        return Fonts("Helvetica", "Helvetica-Bold")
    return Fonts("DejaVuSans", "DejaVuSans-Bold")


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    note: ParagraphStyle


@lru_cache(maxsize=1)
def styles() -> Styles:
    f = fonts()
    body = ParagraphStyle("body", fontName=f.regular, fontSize=9.5, leading=12.5, textColor=INK)
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=f.bold, fontSize=16, leading=20),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=f.bold,
            fontSize=11.5,
            leading=14,
            spaceBefore=7,
            spaceAfter=2.5,
        ),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8.5, leading=10.5),
        cell=ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5),
        cell_bold=ParagraphStyle(
            "cell_bold", parent=body, fontName=f.bold, fontSize=8.5, leading=10.5
        ),
        note=ParagraphStyle(
            "note",
            parent=body,
            fontSize=9,
            leading=11.5,
            leftIndent=4,
            borderColor=RULE,
            borderWidth=0.6,
            borderPadding=5,
            spaceBefore=4,
        ),
    )


def table_style(font_size: float = 8.5) -> TableStyle:
    """Header row bold on light grey, thin grey rules between rows: legible in black and white."""
    f = fonts()
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), f.regular, font_size, font_size + 2),
            ("FONT", (0, 0), (-1, 0), f.bold, font_size, font_size + 2),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
    )


def fit_cells(
    rows: Sequence[Sequence[object]], widths: Sequence[float], bold: bool = False
) -> list[list[object]]:
    """Text too wide for its column becomes a wrapping Paragraph; short text stays plain (fast)."""
    f, style = fonts(), styles()
    name = f.bold if bold else f.regular
    fitted = []
    for row in rows:
        out: list[object] = []
        for value, width in zip(row, widths, strict=True):
            if isinstance(value, str) and pdfmetrics.stringWidth(value, name, 8.5) > width - 6.5:
                value = Paragraph(escape(value), style.cell_bold if bold else style.cell)
            out.append(value)
        fitted.append(out)
    return fitted
