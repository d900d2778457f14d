"""Find formula cells a workbook stores without a computed value.

Excel and LibreOffice save each formula's last result beside it (``<f>B2*2</f><v>200</v>``);
a program that writes xlsx without computing (openpyxl, many report generators) leaves the
value out (``<f>B2*2</f><v/>``). Readers then see an empty cell, so a takst written as a
formula would read as "amount missing" or vanish from the row. The worksheet scan in
``takstfil_safety`` feeds each part here so the row parser can say what is wrong instead.

A formula with a text result (``t="str"``) and an empty value is a real empty text, not a
missing value. Cells without an ``r`` reference cannot be placed by this scan; they are left
to read as empty (no real writer omits ``r`` on formula cells).
"""

from __future__ import annotations

import html
import re

# One cell holding a formula: its attributes, the formula and what follows the formula up to
# the end of the cell. Cells are short, so the pattern never spans more than one cell.
_FORMULA_CELL = re.compile(
    rb"<(?:[\w.-]+:)?c\b([^>]*?)(?<!/)>\s*<(?:[\w.-]+:)?f\b[^>]*?(?:/>|>([^<]*)</(?:[\w.-]+:)?f>)"
    rb"(.*?)</(?:[\w.-]+:)?c>",
    re.DOTALL,
)
_VALUE = re.compile(rb"<(?:[\w.-]+:)?v\b[^>]*>\s*[^<\s]")
_CELL_R = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Za-z]{1,3})([0-9]{1,7})["']""")
_TEXT_RESULT = re.compile(rb"""(?:^|\s)t\s*=\s*["'](?:str|inlineStr)["']""")
_CELL_START = re.compile(rb"<(?:[\w.-]+:)?c(?![\w.:-])")
_CELL_END = re.compile(rb"</(?:[\w.-]+:)?c>")
_LIMIT = 10_000  # cells remembered per sheet; a sheet of more is broken throughout anyway
_CARRY_LIMIT = 1 << 16


def uncached_reason(formula: str) -> str:
    """The Danish refusal of a cell whose formula the file holds without its result."""
    what = f"formlen »={formula}«" if formula else "en formel"
    return (
        f"Cellen har {what}, men filen har ikke gemt formlens resultat (den er skrevet af et "
        "program, der ikke regner). Åbn filen i Excel eller LibreOffice, gem den, og indlæs den igen."
    )


class UncachedFormulas:
    """Collects (row, 0-based column) → formula text of formula cells without a value."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], str] = {}
        self._carry = b""
        self._formulas = False

    def feed(self, chunk: bytes) -> None:
        buf = self._carry + chunk
        # Until the first formula, one fast search per chunk; every formula (a shared one's
        # master too) has a closing tag, and a master precedes the cells that share it.
        if not self._formulas:
            self._formulas = b"f>" in buf
            if not self._formulas:
                self._carry = self._tail(buf)
                return
        end = 0
        for match in _FORMULA_CELL.finditer(buf):
            end = match.end()
            attrs, formula, rest = match.groups()
            if _VALUE.search(rest) or _TEXT_RESULT.search(attrs) or len(self.cells) >= _LIMIT:
                continue
            ref = _CELL_R.search(attrs)
            if ref is None:
                continue
            col = 0
            for ch in ref.group(1).upper():
                col = col * 26 + ch - 64
            text = html.unescape((formula or b"").decode("utf-8", "replace")).strip()
            self.cells[(int(ref.group(2)), col - 1)] = text[:60]
        self._carry = self._tail(buf[end:])

    @staticmethod
    def _tail(buf: bytes) -> bytes:
        """What the next chunk must see again: a cell the chunk cut in two, or a cut tag."""
        window = buf[-_CARRY_LIMIT:]
        start = _last_cell_start(window)
        if start != -1 and not _CELL_END.search(window, start):
            return window[start:]
        cut = window.rfind(b"<")
        return window[cut:] if cut != -1 and window.find(b">", cut) == -1 else b""


def _last_cell_start(window: bytes) -> int:
    """Where the last ``<c`` cell tag starts (-1: none), searched backwards: cells are short."""
    size = 4096
    while True:
        part = window[-size:]
        starts = list(_CELL_START.finditer(part))
        if starts:
            return len(window) - len(part) + starts[-1].start()
        if size >= len(window):
            return -1
        size *= 4
