"""A minimal xlsx writer for the test corpus: full control over the XML a reader meets.

openpyxl cannot write cached formula values, declared dimensions that lie, ``_x0007_``
escapes or a DOCTYPE; this writer can. Cells are str (inline string), int/float (number),
``Formula(text, cached)``, ``ErrorValue(error, formula)`` (a cell showing ``#DIV/0!``) or None.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

Cell = str | int | float | None


@dataclass(frozen=True)
class Formula:
    formula: str
    cached: float | str


@dataclass(frozen=True)
class ErrorValue:
    """A cell Excel shows as an error: ``<c t="e"><f>formula</f><v>#DIV/0!</v></c>``."""

    error: str
    formula: str | None = None


def col_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _cell_xml(ref: str, value: Cell | Formula | ErrorValue, raw_text: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, ErrorValue):
        formula = "" if value.formula is None else f"<f>{escape(value.formula)}</f>"
        return f'<c r="{ref}" t="e">{formula}<v>{escape(value.error)}</v></c>'
    if isinstance(value, Formula):
        if isinstance(value.cached, str):
            return f'<c r="{ref}" t="str"><f>{escape(value.formula)}</f><v>{escape(value.cached)}</v></c>'
        return f'<c r="{ref}"><f>{escape(value.formula)}</f><v>{value.cached!r}</v></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    text = value if raw_text else escape(value)
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def sheet_xml(
    rows: Sequence[Sequence[Cell | Formula | ErrorValue]],
    *,
    merged: tuple[str, ...] = (),
    dimension: str | None = None,
    prolog: str = "",
    raw_text: bool = False,
) -> str:
    width = max((len(r) for r in rows), default=1)
    dim = dimension or f"A1:{col_letter(max(width, 1) - 1)}{max(len(rows), 1)}"
    body = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(_cell_xml(f"{col_letter(c)}{r}", v, raw_text) for c, v in enumerate(row))
        body.append(f'<row r="{r}">{cells}</row>')
    merge = ""
    if merged:
        merge = (
            f'<mergeCells count="{len(merged)}">'
            + "".join(f'<mergeCell ref="{m}"/>' for m in merged)
            + "</mergeCells>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + prolog
        + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + f'<dimension ref="{dim}"/><sheetData>{"".join(body)}</sheetData>{merge}</worksheet>'
    )


def write_xlsx(path: Path, sheets: dict[str, str]) -> Path:
    """Write a workbook whose sheets are given as ready sheet XML, in order."""
    names = list(sheets)
    ct = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(names) + 1)
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' + ct + "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    wb_sheets = "".join(
        f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, start=1)
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<sheets>{wb_sheets}</sheets></workbook>"
    )
    wb_rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(names) + 1)
        )
        + "</Relationships>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", content_types)
        zf.writestr("_rels/.rels", rels)
        zf.writestr("xl/workbook.xml", workbook)
        zf.writestr("xl/_rels/workbook.xml.rels", wb_rels)
        for i, name in enumerate(names, start=1):
            zf.writestr(f"xl/worksheets/sheet{i}.xml", sheets[name])
    return path


def simple_xlsx(
    path: Path, rows: Sequence[Sequence[Cell | Formula | ErrorValue]], sheet: str = "Takster", **kw: object
) -> Path:
    return write_xlsx(path, {sheet: sheet_xml(rows, **kw)})  # type: ignore[arg-type]
