"""Write a ``CostReport`` as a printable A4 pdf for the budget meeting (reportlab, lazily).

Every page: a header with the title, municipality and date, and the footer "Side X af Y".
The body: facts, the table(s) (numbers right-aligned, Danish format, bold totals), a chart
per series set (lines, or bars for few x values, the budget dashed), then the assumptions,
the conventions and the P/L table. User text is XML-escaped (``export_pdf._x``), fonts are
the shipped DejaVu (``export_pdf._register_fonts``).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from rammedesk.domain.costs.report import Cell, ColumnKind, CostReport, ReportChart, ReportTable
from rammedesk.domain.export import DEMO_WARNING
from rammedesk.fileio.atomic import write_atomically
from rammedesk.fileio.export_pdf import (
    FONT,
    FONT_BOLD,
    MM,
    MUTED,
    NAVY,
    RULE,
    ZEBRA,
    _numbered_canvas_class,
    _register_fonts,
    _x,
)
from rammedesk.presenters.formatting import format_decimal, format_int

MARGIN_X = 16 * MM
MARGIN_TOP = 12 * MM
MARGIN_BOTTOM = 16 * MM
HEADER_HEIGHT = 16 * MM
BODY = 8.5
PALETTE = ("#1F6FB2", "#D9822B", "#2E8B57", "#8E44AD", "#C0392B", "#16A085")
BUDGET_COLOR = "#55606E"
OVER_COLOR = "#C0392B"


def format_cell(value: Cell, kind: ColumnKind) -> str:
    """A cell as the pdf (and the GUI) shows it: Danish numbers, '–' for nothing."""
    if value is None or value == "":
        return "–" if kind is not ColumnKind.TEXT else ""
    if isinstance(value, str):
        return value
    if kind is ColumnKind.YEAR:
        return str(value)
    if kind is ColumnKind.PERCENT:
        return f"{format_decimal(Decimal(value), 1)} %"
    if kind is ColumnKind.INT:
        return format_int(int(value))
    return format_decimal(Decimal(value), 2)


def _styles() -> dict[str, Any]:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("base", fontName=FONT, fontSize=BODY, leading=BODY * 1.3)
    return {
        "body": base,
        "bold": ParagraphStyle("bold", parent=base, fontName=FONT_BOLD),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=base, fontName=FONT_BOLD, textColor=colors.white),
        "head_right": ParagraphStyle(
            "head_right", parent=base, fontName=FONT_BOLD, textColor=colors.white, alignment=TA_RIGHT
        ),
        "h2": ParagraphStyle(
            "h2",
            fontName=FONT_BOLD,
            fontSize=11,
            leading=14,
            spaceBefore=8,
            spaceAfter=4,
            textColor=colors.HexColor(NAVY),
        ),
        "muted": ParagraphStyle("muted", parent=base, textColor=colors.HexColor(MUTED)),
        "demo": ParagraphStyle("demo", parent=base, fontName=FONT_BOLD, textColor=colors.HexColor("#9C2A00")),
    }


def _grid(rows: list[list[Any]], widths: list[float], *, header: bool, totals: bool) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(NAVY)),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor(RULE)),
        ]
        for number in range(2, len(rows), 2):
            commands.append(("BACKGROUND", (0, number), (-1, number), colors.HexColor(ZEBRA)))
    if totals:
        commands += [
            ("LINEABOVE", (0, -1), (-1, -1), 0.9, colors.HexColor(NAVY)),
            ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#E8ECF2")),
        ]
    table.setStyle(TableStyle(commands))
    return table


def _table(table: ReportTable, width: float, styles: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Paragraph, Spacer

    kinds = [table.kind(c) for c in range(len(table.headers))]
    numeric = [k is not ColumnKind.TEXT for k in kinds]
    widths = _column_widths(table, kinds, width)
    rows: list[list[Any]] = [
        [
            Paragraph(_x(h), styles["head_right" if n else "head"])
            for h, n in zip(table.headers, numeric, strict=True)
        ]
    ]

    def line(values: tuple[Cell, ...], bold: bool) -> list[Any]:
        cells = []
        for value, kind, right in zip(values, kinds, numeric, strict=True):
            text = _x("" if bold and value is None else format_cell(value, kind))
            style = styles["right"] if right else styles["body"]
            cells.append(Paragraph(f"<b>{text}</b>" if bold else text, style))
        return cells

    rows.extend(line(values, False) for values in table.rows)
    if table.totals is not None:
        rows.append(line(table.totals, True))
    story: list[Any] = [
        Paragraph(_x(table.title), styles["h2"]),
        _grid(rows, widths, header=True, totals=table.totals is not None),
    ]
    if table.note:
        story += [Spacer(1, 2 * MM), Paragraph(_x(table.note), styles["muted"])]
    return story


def _column_widths(table: ReportTable, kinds: list[ColumnKind], width: float) -> list[float]:
    """Numbers get the width of their widest text (they never wrap); text columns share the rest."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    rows = [*table.rows, *([table.totals] if table.totals is not None else [])]
    padding = 8
    widths: list[float] = []
    for c, kind in enumerate(kinds):
        if kind is ColumnKind.TEXT:
            widths.append(0)
            continue
        texts = [format_cell(row[c], kind) for row in rows]
        widest = max(
            [stringWidth(t, FONT_BOLD, BODY) for t in texts]
            + [stringWidth(table.headers[c], FONT_BOLD, BODY)]
        )
        widths.append(widest + padding)
    text_columns = kinds.count(ColumnKind.TEXT)
    fixed = sum(widths)
    if text_columns:
        rest = max(width - fixed, 30 * MM * text_columns) / text_columns
        widths = [rest if kind is ColumnKind.TEXT else w for w, kind in zip(widths, kinds, strict=True)]
    else:  # all numbers: spread them a little, up to 40 mm each
        widths = [max(w, min(40 * MM, width / len(widths))) for w in widths]
    total = sum(widths)
    return [w * width / total for w in widths] if total > width else widths


def _axis_label(value: float) -> str:
    return format_int(round(value))


LEGEND_COLUMN = 60 * MM
LEGEND_ROW = 4 * MM
LEGEND_CHARS = 44  # what fits a legend column at 7.5 pt


def _legend_label(label: str) -> str:
    return label if len(label) <= LEGEND_CHARS else label[: LEGEND_CHARS - 1].rstrip() + "…"


def _chart(chart: ReportChart, width: float, styles: dict[str, Any]) -> list[Any]:
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph

    labels = chart.x_labels
    if not labels:
        return []
    series = list(chart.series)
    # The legend wraps into rows of columns that fit the width (every series stays named).
    entries = len(series) + (1 if chart.budget else 0)
    per_row = max(1, int((width - 22 * MM) // LEGEND_COLUMN))
    rows = max(1, -(-entries // per_row))
    extra = (rows - 1) * LEGEND_ROW
    height = 75 * MM + extra
    drawing = Drawing(width, height)
    data = [[float(dict(s.points).get(x, 0)) for x in labels] for s in series]
    plot: Any = VerticalBarChart() if chart.bars else HorizontalLineChart()
    plot.x, plot.y = 22 * MM, 18 * MM + extra
    plot.width, plot.height = width - 26 * MM, height - 26 * MM - extra
    budget = [float(dict(chart.budget.points).get(x, 0)) for x in labels] if chart.budget else None
    plot.data = data + ([budget] if budget is not None and not chart.bars else [])
    plot.categoryAxis.categoryNames = list(labels)
    plot.categoryAxis.labels.fontName = FONT
    plot.categoryAxis.labels.fontSize = 7
    if len(labels) > 12:
        plot.categoryAxis.labels.angle = 45
        plot.categoryAxis.labels.boxAnchor = "ne"
        step = max(1, len(labels) // 12)
        plot.categoryAxis.categoryNames = [x if i % step == 0 else "" for i, x in enumerate(labels)]
    plot.valueAxis.labels.fontName = FONT
    plot.valueAxis.labels.fontSize = 7
    plot.valueAxis.labelTextFormat = _axis_label
    values = [v for row in plot.data for v in row]
    plot.valueAxis.valueMin = min(0.0, *values)
    plot.valueAxis.valueMax = max(1.0, *values) * 1.08
    for i in range(len(series)):
        color = colors.HexColor(PALETTE[i % len(PALETTE)])
        if chart.bars:
            plot.bars[i].fillColor = color
            plot.bars[i].strokeColor = color
        else:
            plot.lines[i].strokeColor = color
            plot.lines[i].strokeWidth = 1.6
    legend_items = [
        (colors.HexColor(PALETTE[i % len(PALETTE)]), _legend_label(s.label)) for i, s in enumerate(series)
    ]
    if budget is not None and chart.budget is not None:
        if not chart.bars:
            index = len(series)
            plot.lines[index].strokeColor = colors.HexColor(BUDGET_COLOR)
            plot.lines[index].strokeDashArray = (4, 3)
            plot.lines[index].strokeWidth = 1.2
        legend_items.append((colors.HexColor(BUDGET_COLOR), _legend_label(chart.budget.label)))
    drawing.add(plot)
    if budget is not None and series and not chart.bars:
        _mark_over_budget(drawing, plot, data[0], budget)
    legend = Legend()
    legend.x, legend.y = 22 * MM, 5 * MM + extra  # the first row; further rows below it
    legend.fontName = FONT
    legend.fontSize = 7.5
    legend.alignment = "right"
    legend.columnMaximum = rows
    legend.deltax = LEGEND_COLUMN
    legend.deltay = LEGEND_ROW
    legend.autoXPadding = 0
    legend.colorNamePairs = legend_items
    drawing.add(legend)
    drawing.add(String(2 * MM, height - 5 * MM, chart.y_label, fontName=FONT, fontSize=7))
    return [Paragraph(_x(chart.title), styles["h2"]), drawing]


def _mark_over_budget(drawing: Any, plot: Any, values: list[float], budget: list[float]) -> None:
    """A small red dot on the first series wherever it is above the budget."""
    from reportlab.graphics.shapes import Circle
    from reportlab.lib import colors

    count = len(values)
    low, high = plot.valueAxis.valueMin, plot.valueAxis.valueMax
    for i, (value, limit) in enumerate(zip(values, budget, strict=True)):
        if value > limit and high > low:
            x = plot.x + plot.width * (i + 0.5) / count
            y = plot.y + plot.height * (value - low) / (high - low)
            drawing.add(Circle(x, y, 2.2, fillColor=colors.HexColor(OVER_COLOR), strokeColor=None))


def _facts(report: CostReport, width: float, styles: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Paragraph

    pairs = [*report.facts, ("Program", f"RammeDesk {report.version}")]
    rows = [[Paragraph(_x(a), styles["bold"]), Paragraph(_x(b), styles["body"])] for a, b in pairs]
    return [_grid(rows, [width * 0.28, width * 0.72], header=False, totals=False)]


def _numbered(title: str, items: tuple[str, ...], styles: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import ListFlowable, ListItem, Paragraph

    if not items:
        return []
    flow = ListFlowable(
        [ListItem(Paragraph(_x(text), styles["body"]), leftIndent=12) for text in items],
        bulletType="bullet",
        bulletFontName=FONT,
        bulletFontSize=BODY,
        start="•",
        leftIndent=12,
    )
    return [Paragraph(_x(title), styles["h2"]), flow]


def _pl(report: CostReport, width: float, styles: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Paragraph

    story: list[Any] = [Paragraph("P/L-tabel", styles["h2"])]
    if report.pl_note:
        story.append(Paragraph(_x(report.pl_note), styles["body"]))
    if not report.pl_rates:
        story.append(Paragraph("P/L-tabellen er tom.", styles["muted"]))
        return story
    rows: list[list[Any]] = [
        [
            Paragraph("År", styles["head"]),
            Paragraph("Sats", styles["head_right"]),
            Paragraph("Kilde", styles["head"]),
        ]
    ]
    for rate in report.pl_rates:
        rows.append(
            [
                Paragraph(str(rate.year), styles["body"]),
                Paragraph(f"{format_decimal(rate.rate_pct, 2)} %", styles["right"]),
                Paragraph(_x(rate.source), styles["body"]),
            ]
        )
    story.append(_grid(rows, [18 * MM, 24 * MM, width - 42 * MM], header=True, totals=False))
    return story


def _build(path: Path, report: CostReport) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer

    _register_fonts()
    styles = _styles()
    page_width, page_height = A4
    width = page_width - 2 * MARGIN_X

    def on_page(canvas: Any, doc: Any) -> None:
        top = page_height - MARGIN_TOP
        canvas.saveState()
        canvas.setFillColor(colors.HexColor(NAVY))
        size = 13.0
        room = width - 62 * MM  # the municipality and date stand at the right
        while size > 8 and canvas.stringWidth(report.title, FONT_BOLD, size) > room:
            size -= 0.5
        canvas.setFont(FONT_BOLD, size)
        canvas.drawString(MARGIN_X, top - 11, report.title)
        canvas.setFont(FONT, 8.5)
        canvas.setFillColor(colors.HexColor(MUTED))
        canvas.drawRightString(page_width - MARGIN_X, top - 4, report.municipality_text)
        canvas.drawRightString(page_width - MARGIN_X, top - 14, report.created_text)
        if report.is_demo:
            canvas.setFillColor(colors.HexColor("#9C2A00"))
            canvas.setFont(FONT_BOLD, 8)
            canvas.drawString(MARGIN_X, top - 22, DEMO_WARNING)
        canvas.setStrokeColor(colors.HexColor(NAVY))
        canvas.setLineWidth(1)
        canvas.line(MARGIN_X, top - HEADER_HEIGHT + 6, page_width - MARGIN_X, top - HEADER_HEIGHT + 6)
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP + HEADER_HEIGHT,
        bottomMargin=MARGIN_BOTTOM,
        title=report.title,
        author=f"RammeDesk {report.version}",
        creator=f"RammeDesk {report.version}",
        subject=report.municipality_text,
        lang="da-DK",
    )
    story: list[Any] = _facts(report, width, styles)
    for table in report.tables:
        story += _table(table, width, styles)
    for chart in report.charts:
        story.append(KeepTogether(_chart(chart, width, styles)))
    story += _numbered("Forudsætninger", report.assumptions, styles)
    story += _numbered("Konventioner", report.conventions, styles)
    story.append(Spacer(1, 2 * MM))
    story.append(KeepTogether(_pl(report, width, styles)))
    footer = f"RammeDesk {report.version} · {report.created_text}"  # short: the centre may hold DEMODATA
    canvasmaker: Callable[..., Any] = _numbered_canvas_class(footer, report.is_demo)
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=canvasmaker)


def write_cost_report_pdf(path: Path, report: CostReport) -> Path:
    """Write ``report`` to ``path`` (replaced atomically); returns the path."""
    return write_atomically(path, lambda temp: _build(temp, report))
