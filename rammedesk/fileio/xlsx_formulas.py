"""Find formula cells a workbook stores without a computed value.

Excel and LibreOffice save each formula's last result beside it (``<f>B2*2</f><v>200</v>``);
a program that writes xlsx without computing (openpyxl, many report generators) leaves the
value out (``<f>B2*2</f><v/>``). Readers then see an empty cell, so a takst written as a
formula would read as "amount missing" or vanish from the row. The worksheet scan in
``takstfil_safety`` feeds each part here so the row parser can say what is wrong instead.

A formula with a text result (``t="str"``) and an empty value is a real empty text, not a
missing value. Cells without an ``r`` reference cannot be placed by this scan; they are left
to read as empty (no real writer omits ``r`` on formula cells).

The same scan collects error cells (``<c r="D12" t="e"><f>C12/B12</f><v>#DIV/0!</v></c>``, with
or without the formula): python-calamine 0.9 reads ``#DIV/0!``, ``#REF!``, ``#N/A``,
``#VALUE!``, ``#NAME?``, ``#NUM!`` and ``#NULL!`` as an empty cell, so a takst that Excel
shows as an error would vanish, or a kommune would be carried from the row above. Any other
error text (``#SPILL!``, ``#CALC!``, ``#GETTING_DATA`` …) makes calamine refuse the whole
sheet; takstfil_xlsx then reads a copy with those values replaced (``xlsx_readable``), or names
the cell (``unreadable_error``) if even that fails. An error cell is recorded as an
``ExcelError`` (a ``str`` carrying the error text), so it reaches the row parsers through the
same (row, column) → text map as a missing formula value, and ``uncached_reason`` words it.
"""

from __future__ import annotations

import html
import re

from rammedesk.domain.cpr import looks_like_cpr

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
_ERROR_TYPE = re.compile(rb"""(?:^|\s)t\s*=\s*["']e["']""")
_ERROR_VALUE = re.compile(rb"<(?:[\w.-]+:)?v\b[^>]*>([^<]*)</")
# An error cell without a formula: its attributes (holding t="e") and its value.
_ERROR_CELL = re.compile(
    rb"""<(?:[\w.-]+:)?c\b([^>]*?\st\s*=\s*["']e["'][^>]*?)(?<!/)>\s*<(?:[\w.-]+:)?v\b[^>]*>([^<]*)<"""
)
_ERROR_LIKE = re.compile(r"#[A-Za-z][A-Za-z0-9_/]{0,19}[!?]?")  # any other value is not repeated
_CELL_START = re.compile(rb"<(?:[\w.-]+:)?c(?![\w.:-])")
_CELL_END = re.compile(rb"</(?:[\w.-]+:)?c>")
_LIMIT = 10_000  # cells remembered per sheet; a sheet of more is broken throughout anyway
_CARRY_LIMIT = 1 << 16

# The error values python-calamine 0.9 reads (as an empty cell); it refuses a sheet with any other.
CALAMINE_READS = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"})
# What each error means, and its name in Danish Excel (the file stores the English one).
_MEANINGS = {
    "#DIV/0!": ("#DIVISION/0!", "division med nul"),
    "#N/A": ("#I/T", "en værdi, formlen slår op, findes ikke"),
    "#NAME?": ("#NAVN?", "formlen bruger et navn eller en funktion, som Excel ikke kender"),
    "#NULL!": ("#NUL!", "områderne i formlen mødes ikke"),
    "#NUM!": ("#NUM!", "formlen giver et ugyldigt tal"),
    "#REF!": ("#REFERENCE!", "formlen henviser til celler, der ikke findes længere"),
    "#VALUE!": ("#VÆRDI!", "formlen regner med en værdi af en forkert type"),
    "#SPILL!": ("", "formlens resultat kan ikke brede sig ud i cellerne ved siden af"),
    "#CALC!": ("", "formlen kan ikke beregnes"),
    "#GETTING_DATA": ("", "data blev stadig hentet, da filen blev gemt"),
}


class ExcelError(str):
    """The error a cell shows instead of a value (``#DIV/0!``), with the cell as Excel names it
    (``D12``) and its formula (None: the cell has none; "" a shared formula's text is elsewhere)."""

    ref: str
    formula: str | None

    def __new__(cls, error: str, ref: str, formula: str | None = None) -> ExcelError:
        self = super().__new__(cls, error)
        self.ref, self.formula = ref, formula
        return self

    def __getnewargs__(self) -> tuple[str, str, str | None]:  # type: ignore[override]
        return str(self), self.ref, self.formula  # copy and pickle keep the cell and formula


class ReadProblem(str):
    """A cell a reader found it cannot read truly, the str being the Danish reason (a csv row
    with more fields than its header: ``takstfil_csv``). It travels the same (row, column) map."""


def uncached_reason(formula: str) -> str:
    """The Danish refusal of a bad cell: a formula the file holds without its result, an
    ``ExcelError`` or a ``ReadProblem``."""
    if isinstance(formula, ExcelError):
        return excel_error_reason(formula)
    if isinstance(formula, ReadProblem):
        return str(formula)
    what = f"formlen »={formula}«" if formula else "en formel"
    return (
        f"Cellen har {what}, men filen har ikke gemt formlens resultat (den er skrevet af et "
        "program, der ikke regner). Åbn filen i Excel eller LibreOffice, gem den, og indlæs den igen."
    )


def excel_error_reason(error: ExcelError) -> str:
    danish, meaning = _MEANINGS.get(error, ("", ""))
    shown = f"i dansk Excel {danish}: {meaning}" if danish and danish != error else meaning
    about = f" ({shown})" if shown else ""
    if error.formula is None:
        source, fix = "", "Ret cellen"
    else:
        source = f" fra formlen »={error.formula}«" if error.formula else " fra en formel"
        fix = "Ret formlen"
    return (
        f"Celle {error.ref} indeholder Excel-fejlen {error}{about}{source}, ikke en værdi. "
        f"{fix} i regnearket, gem filen igen, og indlæs den igen."
    )


def unreadable_error(cells: dict[tuple[int, int], str]) -> ExcelError | None:
    """The first error cell python-calamine cannot read (it refuses the whole sheet then)."""
    return next(
        (v for _, v in sorted(cells.items()) if isinstance(v, ExcelError) and v not in CALAMINE_READS),
        None,
    )


class UncachedFormulas:
    """Collects the bad cells of one sheet, (row, 0-based column) → text: formula cells without
    a value (→ the formula) and error cells (→ ``ExcelError``)."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], str] = {}
        self._carry = b""
        self._formulas = False

    def feed(self, chunk: bytes) -> None:
        buf = self._carry + chunk
        # Until the first formula, one fast search per chunk; every formula (a shared one's
        # master too) has a closing tag, and a master precedes the cells that share it. Error
        # cells are found by their own t="e".
        end = self._errors(buf)
        if not self._formulas:
            self._formulas = b"f>" in buf
        if self._formulas:
            for match in _FORMULA_CELL.finditer(buf):
                end = max(end, match.end())
                if len(self.cells) >= _LIMIT:
                    continue
                attrs, formula, rest = match.groups()
                value = _ERROR_VALUE.search(rest) if _ERROR_TYPE.search(attrs) else None
                if value is not None and value.group(1).strip():
                    self._add(attrs, value.group(1), _formula(formula))
                elif not (_VALUE.search(rest) or _TEXT_RESULT.search(attrs)):
                    self._add(attrs, None, _formula(formula))
        self._carry = cut_tail(buf[end:])

    def _errors(self, buf: bytes) -> int:
        """Record the error cells without a formula (a formula's error is judged with the
        formula); return where the last one ends. Found from their ``t="e"``, not by trying
        every cell: most chunks hold none."""
        end = 0
        # Most writers quote with ": the search for 'e' is left out when no ' is there at all.
        for quoted in (b'"e"', b"'e'") if b"'" in buf else (b'"e"',):
            at = buf.find(quoted)
            while at != -1:
                start = buf.rfind(b"<", 0, at)
                match = _ERROR_CELL.match(buf, start) if start != -1 else None
                if match is not None and match.end() > at:
                    end = max(end, match.end())
                    if len(self.cells) < _LIMIT and match.group(2).strip():
                        self._add(match.group(1), match.group(2), None)
                at = buf.find(quoted, at + 3)
        return end

    def _add(self, attrs: bytes, error: bytes | None, formula: str | None) -> None:
        """Record the cell: an ``ExcelError`` when ``error`` is given, else the formula."""
        ref = _CELL_R.search(attrs)
        if ref is None:
            return
        letters, row = ref.group(1).upper(), int(ref.group(2))
        col = 0
        for ch in letters:
            col = col * 26 + ch - 64
        if error is None:
            self.cells[(row, col - 1)] = formula or ""
        else:
            name = f"{letters.decode()}{row}"
            text = _text(error)
            ok = _ERROR_LIKE.fullmatch(text) and not looks_like_cpr(text)
            shown = text if ok else "(ukendt fejlværdi)"
            self.cells[(row, col - 1)] = ExcelError(shown, name, formula)


def cut_tail(buf: bytes) -> bytes:
    """What the next chunk must see again: a cell the chunk cut in two, or a cut tag (a suffix
    of ``buf``; a cell longer than 64 KiB is not carried whole)."""
    window = buf[-_CARRY_LIMIT:]
    start = _last_cell_start(window)
    if start != -1 and not _CELL_END.search(window, start):
        return window[start:]
    cut = window.rfind(b"<")
    return window[cut:] if cut != -1 and window.find(b">", cut) == -1 else b""


def _text(raw: bytes) -> str:
    return html.unescape(raw.decode("utf-8", "replace")).strip()


def _formula(raw: bytes | None) -> str:
    """The formula as the message shows it: "" (no text) when it holds a CPR-like number,
    which is never repeated; judged before it is shortened, so no part of one slips through."""
    text = _text(raw or b"")
    return "" if looks_like_cpr(text) else text[:60]


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
