"""Write an export to csv the way Danish Excel opens it right with a double click.

- ``;`` between fields (Danish Excel's list separator), CRLF line ends, quotes only when needed;
- UTF-8 with a byte order mark (``utf-8-sig``), or Excel reads æøå as cp1252 mojibake;
- amounts with a decimal comma and no thousands separator ("4155,00"), which Excel under a
  Danish locale parses as a number; "individuel pris" as text in the same column;
- every text field goes through :func:`neutralise` (csv injection).

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
