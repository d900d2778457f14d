"""Write an export to csv the way Danish Excel opens it right with a double click.

- ``;`` between fields (Danish Excel's list separator), CRLF line ends, quotes only when needed;
- UTF-8 with a byte order mark (``utf-8-sig``), or Excel reads æøå as cp1252 mojibake;
- amounts with a decimal comma and no thousands separator ("4155,00"), which Excel under a
  Danish locale parses as a number; "individuel pris" as text in the same column;
- text fields are neutralised against csv injection, numbers are not (see :func:`_fields`).

Provenance: the file is one header row and the data rows, nothing else. A title block or
comment lines above the header would break Excel's table detection and autofilter and every
csv parser (pandas, ``csv.DictReader``, Power Query) that expects the header first, and a
trailing block would be read as data rows. The csv therefore carries its provenance in its
name (see :func:`rammedesk.domain.export.suggest_filename`: title, date, "-demodata"); whoever
needs the full record (query, filters, data as-of, version) exports xlsx or pdf, which hold it.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from rammedesk.domain.export import HEADERS, ExportMeta, ExportRow, neutralise
from rammedesk.presenters.formatting import round_oere

DELIMITER = ";"
ENCODING = "utf-8-sig"


def csv_amount(value: Decimal) -> str:
    """Decimal('4155') -> '4155,00' (half-up to øre, decimal comma, no grouping)."""
    rounded = round_oere(value)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0,00"
    return f"{rounded:f}".replace(".", ",")


def _fields(row: ExportRow) -> list[str]:
    """One row's fields. The csv-injection rule (OWASP) is decided per value type, not by the text.

    A csv file has no cell types: Excel, LibreOffice and Google Sheets evaluate any field that
    starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula (a takstfil can
    bring a tilbud named ``=HYPERLINK("http://evil","Klik")`` or ``=cmd|' /C calc'!A0``). So:

    - every *text* field (names, labels, notes, "individuel pris", the header) goes through
      :func:`~rammedesk.domain.export.neutralise`, which puts an apostrophe (``'``) in front of
      such a start and leaves any other text unchanged;
    - every *number* field (the takst amount from its ``Decimal``, year, places, ids) is written
      as the number it is and never prefixed: a negative amount stays ``-1234,50`` and is read
      as a number. A text that merely looks like a number (a tilbud named ``-5``) is text and is
      neutralised (``'-5``).

    The xlsx export needs no prefix: its cells are typed (see :mod:`rammedesk.fileio.xlsx_text`).
    """

    def text(value: str) -> str:
        return neutralise(value)

    def number(value: int | None) -> str:
        return "" if value is None else str(value)

    return [
        text(row.tilbud),
        text(row.afdeling),
        text(row.kommune),
        text(row.region),
        text(row.driftsherre),
        text(row.paragraffer),
        text(row.maalgrupper),
        csv_amount(row.takst) if row.takst is not None else text(row.takst_text),
        text(row.enhed),
        number(row.aar),
        number(row.pladser),
        text(row.note),
        number(row.tilbud_id),
        number(row.afdeling_id),
    ]


def write_csv(path: Path, rows: Sequence[ExportRow], meta: ExportMeta) -> None:
    """``meta`` is accepted for a uniform writer signature; see the module note on provenance."""
    del meta
    with path.open("w", encoding=ENCODING, newline="") as fh:
        writer = csv.writer(fh, delimiter=DELIMITER, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([neutralise(h) for h in HEADERS])
        writer.writerows(_fields(row) for row in rows)
