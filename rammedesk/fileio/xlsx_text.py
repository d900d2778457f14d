"""Put values into openpyxl cells so that text always stays text (no formula injection).

openpyxl takes any ``str`` assigned to a cell that starts with ``=`` for a formula
(``data_type "f"``) and writes it as ``<f>``, which Excel and LibreOffice evaluate on opening:
a tilbud named ``=HYPERLINK("http://evil","Klik")`` or ``=cmd|' /C calc'!A0`` from a takstfil
would become a live link or a DDE call. An xlsx cell's type is explicit in the file, so a cell
written as a string (``t="inlineStr"``) is shown as its literal text and never evaluated,
whatever its first character (``=``, ``+``, ``-``, ``@``, tab …).

The rule for every xlsx writer in :mod:`rammedesk.fileio`:

- a ``str`` value goes in through :func:`put_text` (or :func:`put_value`/:func:`append_row`),
  which types the cell as a string and keeps the text exactly as it is — no apostrophe in
  front (that is the csv rule, see :mod:`rammedesk.fileio.export_csv`; in xlsx it would only
  change the data, e.g. the portfolio export's "Anbringelser" sheet is read back as an import);
  only C0 control characters XML cannot hold are dropped;
- numbers, dates and ``Decimal`` amounts go in as they are (numeric cells; negative ones too).

RammeDesk writes no formulas of its own. One that is ever needed on purpose must be assigned
as ``cell.value = "=SUM(…)"`` outside these helpers, where a reader sees it is deliberate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

__all__ = ["XML_ILLEGAL", "append_row", "put_text", "put_value", "xml_safe"]

# C0 control characters other than tab, LF and CR are not allowed in XML (openpyxl refuses them).
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_safe(text: str) -> str:
    """``text`` without the control characters XML cannot hold (tab, LF and CR stay)."""
    return XML_ILLEGAL.sub("", text)


def put_text(cell: Any, text: str) -> None:
    """Write ``text`` into ``cell`` as a string cell, never a formula, unchanged otherwise."""
    cell.value = xml_safe(text)
    cell.data_type = "s"  # after the value: openpyxl has just typed "=…" as "f"


def put_value(cell: Any, value: object) -> None:
    """Text through :func:`put_text`; anything else (numbers, dates, None) as it is."""
    if isinstance(value, str):
        put_text(cell, value)
    else:
        cell.value = value


def append_row(ws: Any, values: Sequence[object]) -> None:
    """``ws.append(values)`` with every ``str`` written as a string cell (see the module note)."""
    ws.append([xml_safe(v) if isinstance(v, str) else v for v in values])
    row = ws.max_row  # the row just appended: append always writes below the last row
    for col, value in enumerate(values, start=1):
        if isinstance(value, str):
            ws.cell(row=row, column=col).data_type = "s"
