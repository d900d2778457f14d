"""Write an export as a printable A4 report (reportlab platypus, imported lazily).

Landscape A4. Every page carries the same header (title, search text, filters, created, data
as-of, program version, and the DEMODATA warning for demo data) and a footer "Side N af M";
the table's column header repeats on every page. Text is DejaVu Sans (shipped in
resources/fonts), which has æøå, § and the en dash. User text is XML-escaped before it goes
into a Paragraph, so "<", ">" and "&" print literally. No csv neutralising here: a pdf cell
cannot run a formula, and an apostrophe in front would only confuse the reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from rammedesk.domain.export import DEMO_WARNING, ExportMeta, ExportRow
from rammedesk.errors import UserError
from rammedesk.fileio.export_xlsx import created_text
from rammedesk.paths import RESOURCES_DIR
from rammedesk.presenters.formatting import format_date, format_int, format_kr

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_DIR = RESOURCES_DIR / "fonts"

NAVY = "#1F3A5F"
MUTED = "#55606E"
RULE = "#C8CED6"
ZEBRA = "#F3F5F8"
DEMO_BG = "#FFF3CD"
DEMO_BORDER = "#E0A800"
DEMO_TEXT = "#9C2A00"

MM = 72 / 25.4
MARGIN_X = 14 * MM
MARGIN_TOP = 10 * MM
MARGIN_BOTTOM = 14 * MM
HEADER_GAP = 4 * MM
BODY_SIZE = 7.5

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# (column header, width, right-aligned). A width >= 1 is fixed in points (short values that
# must not wrap: "Selvejende", "730.000,00 kr.", "måned", "2026"); a width < 1 is a share of
# what is left. The note column comes only when a row has a note.
_COLUMNS: tuple[tuple[str, float, bool], ...] = (
    ("Tilbud / afdeling", 0.30, False),
    ("Kommune / region", 0.18, False),
    ("Driftsherre", 54, False),
    ("Paragraffer", 0.20, False),
    ("Målgrupper", 0.32, False),
    ("Takst", 64, True),
    ("Enhed", 36, False),
    ("År", 26, False),
    ("Pladser", 40, True),
)
_NOTE_COLUMN = ("Note", 0.30, False)
_TAKST = 5
_PLADSER = 8


def _widths(columns: Sequence[tuple[str, float, bool]], width: float) -> list[float]:
    fixed = sum(w for _, w, _ in columns if w >= 1)
    shares = sum(w for _, w, _ in columns if w < 1)
    return [w if w >= 1 else (width - fixed) * w / shares for _, w, _ in columns]


def _x(text: str) -> str:
    """Plain text -> Paragraph markup: control characters dropped, <>& escaped, lines kept."""
    text = escape(_CONTROL.sub("", text)).replace("\r\n", "\n").replace("\n", "<br/>")
    return text.replace("§ ", "§\u00a0")  # keep "§ 107" on one line


def _register_fonts() -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT_BOLD in pdfmetrics.getRegisteredFontNames():
        return
    for name, filename in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf")):
        path = FONT_DIR / filename
        if not path.is_file():
            raise UserError("Skrifttypen til pdf-rapporter mangler. Geninstallér RammeDesk.", str(path))
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # <b> in a Paragraph picks the bold face; there is no italic, so italic maps to upright.
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, FONT_BOLD)


def _styles() -> dict[str, Any]:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("base", fontName=FONT, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.22)
    return {
        "cell": base,
        "head": ParagraphStyle("head", parent=base, fontName=FONT_BOLD, textColor=colors.white),
        "head_right": ParagraphStyle(
            "head_right", parent=base, fontName=FONT_BOLD, textColor=colors.white, alignment=TA_RIGHT
        ),
        "title": ParagraphStyle(
            "title", fontName=FONT_BOLD, fontSize=15, leading=18, textColor=colors.HexColor(NAVY)
        ),
        "brand": ParagraphStyle(
            "brand",
            fontName=FONT,
            fontSize=8,
            leading=10,
            alignment=TA_RIGHT,
            textColor=colors.HexColor(MUTED),
        ),
        "label": ParagraphStyle(
            "label", fontName=FONT_BOLD, fontSize=8, leading=10, textColor=colors.HexColor(MUTED)
        ),
        "value": ParagraphStyle("value", fontName=FONT, fontSize=8, leading=10),
        "demo": ParagraphStyle(
            "demo", fontName=FONT_BOLD, fontSize=9.5, leading=12, textColor=colors.HexColor(DEMO_TEXT)
        ),
        "empty": ParagraphStyle(
            "empty", fontName=FONT, fontSize=10, leading=14, textColor=colors.HexColor(MUTED)
        ),
    }


def _header_block(meta: ExportMeta, exported: int, width: float, styles: dict[str, Any]) -> Any:
    """The page header as one Table: title line, provenance grid, DEMODATA banner."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    title = Table(
        [
            [
                Paragraph(_x(meta.title), styles["title"]),
                Paragraph(f"RammeDesk {_x(meta.version)}<br/>Tilbudsvifte og takster", styles["brand"]),
            ]
        ],
        colWidths=[width * 0.75, width * 0.25],
    )
    title.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.HexColor(NAVY)),
            ]
        )
    )

    query = f"»{_x(meta.query)}«" if meta.query.strip() else "(ingen søgetekst – alle tilbud)"
    filters = (
        " · ".join(f"{_x(title)}: <b>{_x(value)}</b>" for title, value in meta.facets)
        if meta.facets
        else "(ingen)"
    )
    shown = format_int(exported)
    count = f"{shown} af {format_int(meta.total)}" if exported != meta.total else shown
    as_of = format_date(meta.data_as_of) if meta.data_as_of else "ukendt"
    label, value = styles["label"], styles["value"]
    grid = Table(
        [
            [
                Paragraph("Søgning", label),
                Paragraph(query, value),
                Paragraph("Udtrukket", label),
                Paragraph(_x(created_text(meta)), value),
            ],
            [
                Paragraph("Filtre", label),
                Paragraph(filters, value),
                Paragraph("Data pr.", label),
                Paragraph(_x(as_of), value),
            ],
            [
                Paragraph("Antal", label),
                Paragraph(f"{count} {'afdeling' if meta.total == 1 else 'afdelinger'}", value),
                Paragraph("Program", label),
                Paragraph(f"RammeDesk {_x(meta.version)}", value),
            ],
        ],
        colWidths=[width * 0.08, width * 0.60, width * 0.10, width * 0.22],
    )
    grid.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    rows: list[list[Any]] = [[title], [grid]]
    if meta.is_demo:
        banner = Table(
            [[Paragraph(f"{_x(DEMO_WARNING)} – må ikke bruges i sagsbehandling", styles["demo"])]],
            colWidths=[width],
        )
        banner.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(DEMO_BG)),
                    ("BOX", (0, 0), (-1, -1), 0.8, colors.HexColor(DEMO_BORDER)),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        rows.append([banner])
    block = Table(rows, colWidths=[width])
    block.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return block


def _columns(rows: Sequence[ExportRow]) -> tuple[tuple[str, float, bool], ...]:
    return _COLUMNS + ((_NOTE_COLUMN,) if any(row.note.strip() for row in rows) else ())


def _takst(row: ExportRow) -> str:
    if row.takst is not None:
        return format_kr(row.takst)
    return "individuel pris" if row.individuel_pris else "–"


def _data_table(rows: Sequence[ExportRow], width: float, styles: dict[str, Any]) -> Any:
    """One table, its header row repeated on every page. Cells that never wrap are plain
    strings (styled by the table), which keeps a few thousand rows fast; the rest are
    Paragraphs."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    columns = _columns(rows)
    widths = _widths(columns, width)
    header = [Paragraph(_x(title), styles["head_right" if right else "head"]) for title, _, right in columns]
    cell = styles["cell"]
    data: list[list[Any]] = [header]
    muted = colors.HexColor(MUTED)
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 1), (-1, -1), FONT),
        ("FONTSIZE", (0, 1), (-1, -1), BODY_SIZE),
        ("LEADING", (0, 1), (-1, -1), BODY_SIZE * 1.22),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(NAVY)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("ALIGN", (_TAKST, 1), (_TAKST, -1), "RIGHT"),
        ("ALIGN", (_PLADSER, 1), (_PLADSER, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor(RULE)),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, colors.HexColor(NAVY)),
    ]
    for number, row in enumerate(rows, start=1):
        line: list[Any] = [
            Paragraph(f"<b>{_x(row.tilbud)}</b><br/>{_x(row.afdeling)}", cell),
            Paragraph(f"{_x(row.kommune)}<br/><font color='{MUTED}'>{_x(row.region)}</font>", cell),
            _CONTROL.sub("", row.driftsherre),
            Paragraph(_x(row.paragraffer) or "–", cell),
            Paragraph(_x(row.maalgrupper) or "–", cell),
            _takst(row),
            _CONTROL.sub("", row.enhed),
            str(row.aar) if row.aar is not None else "",
            format_int(row.pladser) if row.pladser is not None else "–",
        ]
        if row.takst is None:
            commands.append(("TEXTCOLOR", (_TAKST, number), (_TAKST, number), muted))
        if number % 2 == 0:  # explicit zebra: stays right when the table splits over pages
            commands.append(("BACKGROUND", (0, number), (-1, number), colors.HexColor(ZEBRA)))
        if len(columns) > len(_COLUMNS):
            line.append(Paragraph(_x(row.note), cell))
        data.append(line)
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def _numbered_canvas_class(footer_left: str, demo: bool) -> type[Any]:
    """A canvas that holds its pages until the end, so each can print "Side N af M"."""
    from reportlab.lib import colors
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(self._pageNumber, total)
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            page_width = self._pagesize[0]
            y = MARGIN_BOTTOM / 2
            self.saveState()
            self.setStrokeColor(colors.HexColor(RULE))
            self.setLineWidth(0.5)
            self.line(MARGIN_X, y + 9, page_width - MARGIN_X, y + 9)
            self.setFont(FONT, 7.5)
            self.setFillColor(colors.HexColor(MUTED))
            self.drawString(MARGIN_X, y, footer_left)
            if demo:
                self.setFont(FONT_BOLD, 7.5)
                self.setFillColor(colors.HexColor(DEMO_TEXT))
                self.drawCentredString(page_width / 2, y, DEMO_WARNING)
            self.setFont(FONT, 7.5)
            self.setFillColor(colors.HexColor(MUTED))
            self.drawRightString(page_width - MARGIN_X, y, f"Side {number} af {total}")
            self.restoreState()

    return NumberedCanvas


def write_pdf(path: Path, rows: Sequence[ExportRow], meta: ExportMeta) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    _register_fonts()
    styles = _styles()
    page_width, page_height = landscape(A4)
    width = page_width - 2 * MARGIN_X

    def header() -> Any:
        return _header_block(meta, len(rows), width, styles)

    _, header_height = header().wrap(width, page_height)
    top_margin = MARGIN_TOP + header_height + HEADER_GAP

    def on_page(canvas: Any, doc: Any) -> None:
        block = header()
        block.wrap(width, page_height)
        canvas.saveState()
        block.drawOn(canvas, MARGIN_X, page_height - MARGIN_TOP - header_height)
        canvas.restoreState()

    facets = "; ".join(f"{title}: {value}" for title, value in meta.facets)
    doc = SimpleDocTemplate(
        str(path),
        pagesize=(page_width, page_height),
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=top_margin,
        bottomMargin=MARGIN_BOTTOM + 4 * MM,
        title=meta.title,
        author=f"RammeDesk {meta.version}",
        creator=f"RammeDesk {meta.version}",
        subject=f"Søgning: {meta.query}" + (f"; {facets}" if facets else ""),
        keywords=["RammeDesk", "DEMODATA"] if meta.is_demo else ["RammeDesk"],
        lang="da-DK",
    )
    story: list[Any] = []
    if rows:
        story.append(_data_table(rows, width, styles))
    else:
        story.append(Paragraph("Ingen tilbud matcher søgningen.", styles["empty"]))
    footer_left = f"RammeDesk {meta.version} · udtrukket {created_text(meta)}"
    canvasmaker: Callable[..., Any] = _numbered_canvas_class(footer_left, meta.is_demo)
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=canvasmaker)
