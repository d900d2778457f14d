"""Checks a takstfil passes before any reader opens it.

python-calamine aborts the whole process (a Rust allocation failure, not an exception) when a
zip member inflates beyond memory, so every member's declared size (``ZipInfo.file_size``),
the sum of them and each member's compression ratio are checked against ``ImportLimits``
first. A shared-strings part whose ``uniqueCount`` claims more strings than its bytes can
hold is refused too: calamine reserves memory for that count up front and aborts on a lie
(measured: uniqueCount="4000000000" → "memory allocation of 96000000000 bytes failed").
Workbook XML parts are scanned for ``<!DOCTYPE`` / ``<!ENTITY`` and refused: calamine's
XML parser does not expand custom entities (it fails with "unrecognized entity"), but no real
workbook part declares a DTD, so refusing any is the safe rule (XXE, billion laughs). The scan
streams each part in chunks with a bounded read, so a lying header cannot make it inflate more
than the limit either.

The same scan finds how far out each worksheet's cells reach (``<c r="…">``, and cells without
``r`` placed one after the other as calamine places them): calamine sizes a sheet's grid by its
last cell (``Range::from_sparse``), so one stray cell at XFD1048576 makes it allocate
16,384 × 1,048,576 cells and abort. A sheet reaching past ``limits.max_rows``, ``max_columns``
or ``max_cells`` (rows × columns) is refused before any reader opens it: ``check_xlsx`` returns
those sheets with their messages (``XlsxCheck``), so a stray far cell on a notes sheet does not
refuse the sheet of takster, and ``read_xlsx_sheet`` takes the check and refuses to open a sheet
it names. An invalid reference refuses the file. Cells written as ``<c …/>`` hold no value and are
skipped, as calamine skips them.
"""

from __future__ import annotations

import functools
import hashlib
import html
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import NoReturn

from rammedesk.domain.takstfil import ImportLimits
from rammedesk.errors import UserError
from rammedesk.fileio.xlsx_formulas import UncachedFormulas

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_CHUNK = 1 << 20
_UNIQUE_COUNT = re.compile(rb"""uniqueCount\s*=\s*["'](\d+)["']""")
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)

_EXCEL_ROWS = 1_048_576
_EXCEL_COLUMNS = 16_384
_REF = re.compile(rb"([A-Za-z]{1,3})([0-9]{1,7})")
_R_ATTR = re.compile(rb"""(?:^|\s)r\s*=\s*(["'])(.*?)\1""", re.DOTALL)
_PREFIXED_C = re.compile(rb":c[\s/>]")
_ANY_TAG = re.compile(rb"<(/?)(?:[\w.-]+:)?(row|c)(?=[\s/>])([^>]*)>")
_ATTR = re.compile(rb"""([\w:.-]+)\s*=\s*(["'])(.*?)\2""", re.DOTALL)
_SHEET_TYPES = ("worksheet", "dialogsheet", "macrosheet", "xlmacrosheet", "xlintlmacrosheet")


class SheetTooLarge(UserError):
    """One worksheet's cells reach beyond the limits; the other sheets may still be read."""


@dataclass(frozen=True)
class XlsxCheck:
    """What ``check_xlsx`` found that depends on the sheet: sheets too large to open, and
    formula cells saved without their value (sheet → (row, 0-based column) → formula)."""

    oversized: dict[str, SheetTooLarge] = field(default_factory=dict)
    uncached: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)
    # Columns hidden in Excel (sheet → 0-based columns): old years the sender keeps out of sight.
    hidden_cols: dict[str, frozenset[int]] = field(default_factory=dict)

    def refuse_if_oversized(self, sheet: str) -> None:
        if sheet in self.oversized:
            raise self.oversized[sheet]

    def first_usable(self, sheets: tuple[str, ...]) -> str:
        """The sheet to open when none is chosen: the first that can be opened (the first
        sheet's refusal when none can)."""
        return next((s for s in sheets if s not in self.oversized), sheets[0])


class FileKind(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.0f} MB"


def _n(n: int) -> str:
    """Danish thousands: 50000036 → 50.000.036."""
    return f"{n:,}".replace(",", ".")


def _size(n: int) -> str:
    """50000036 → '50,0 MB (50.000.036 bytes)': precise enough that two sizes never read equal."""
    return f"{n / 1_000_000:.1f} MB".replace(".", ",") + f" ({_n(n)} bytes)"


def file_kind(path: Path, limits: ImportLimits) -> FileKind:
    """Decide how to read ``path`` from its content (not its name); refuse what cannot work."""
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError as exc:
        raise UserError("Filen findes ikke. Vælg filen igen.", name) from exc
    except OSError as exc:
        raise UserError(
            f"Filen kan ikke læses ({exc.strerror}). Tjek at du har adgang til den.", name
        ) from exc
    if size == 0:
        raise UserError("Filen er tom. Vælg den rigtige takstfil.", name)
    if size > limits.max_file_bytes:
        raise UserError(
            f"Filen er {_size(size)}; grænsen for takstfiler er {_size(limits.max_file_bytes)} "
            "(indstillingen »største filstørrelse«). Del filen op eller hæv grænsen.",
            name,
        )
    suffix = path.suffix.lower()
    if head.startswith(_OLE_MAGIC):
        raise UserError(
            "Filen er i det gamle Excel-format (.xls) eller krypteret. Åbn den i Excel og gem den som "
            "»Excel-projektmappe (.xlsx)« eller som CSV, og indlæs den igen.",
            name,
        )
    if head.startswith(_ZIP_MAGIC):
        return FileKind.XLSX
    if head.startswith(b"PK"):
        raise UserError("Filen er en ødelagt zip-fil. Gem den igen fra Excel.", name)
    if suffix in {".xlsx", ".xlsm"}:
        if suffix and _looks_like_text(path):
            raise UserError(
                f"Filen hedder {suffix}, men er en tekstfil (CSV). Omdøb den til .csv, eller gem den "
                "som .xlsx fra Excel.",
                name,
            )
        raise UserError(
            "Filen er ikke en Excel-projektmappe (ikke en zip-fil). Den kan være beskadiget "
            "eller kun delvist hentet. Gem den igen fra Excel.",
            name,
        )
    if suffix in {".xls", ".ods", ".xlsb", ".numbers"}:
        raise UserError(f"Filtypen {suffix} kan ikke læses. Gem filen som .xlsx eller .csv.", name)
    return FileKind.CSV


def _looks_like_text(path: Path) -> bool:
    with path.open("rb") as fh:
        sample = fh.read(4096)
    return b"\x00" not in sample or sample.startswith((b"\xff\xfe", b"\xfe\xff"))


def check_xlsx(path: Path, limits: ImportLimits) -> XlsxCheck:
    """Refuse zip bombs, truncated zips and XML parts that declare a DTD; name the sheets whose
    cells reach too far (opening one is refused by ``read_xlsx_sheet``)."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            total = 0
            for info in infos:
                total += info.file_size
                if info.file_size > limits.max_uncompressed_bytes or total > limits.max_uncompressed_bytes:
                    raise UserError(
                        f"Filen pakker sig ud til mere end {_mb(limits.max_uncompressed_bytes)} "
                        "(indstillingen »største udpakkede størrelse«). Den kan være en zip-bombe; "
                        "indlæs den ikke. Er den ægte, så del den op.",
                        name,
                    )
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size > _CHUNK and ratio > limits.max_compression_ratio:
                    raise UserError(
                        f"En del af filen ({info.filename}) er pakket {ratio:.0f} gange sammen; "
                        f"grænsen er {limits.max_compression_ratio} (indstillingen "
                        "»største pakningsforhold«). Filen ligner en zip-bombe og indlæses ikke.",
                        name,
                    )
            names = {i.filename for i in infos}
            if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
                raise UserError(
                    "Zip-filen er ikke en Excel-projektmappe (xl/workbook.xml mangler). "
                    "Gem filen som .xlsx fra Excel.",
                    name,
                )
            if "xl/workbook.bin" in names:
                raise UserError("Binære Excel-filer (.xlsb) kan ikke læses. Gem filen som .xlsx.", name)
            sheets = _sheet_parts(zf, names)
            oversized: dict[str, SheetTooLarge] = {}
            uncached: dict[str, dict[tuple[int, int], str]] = {}
            hidden: dict[str, frozenset[int]] = {}
            for info in infos:
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    sheet = sheets.get(info.filename)
                    formulas = UncachedFormulas() if sheet is not None else None
                    refused = _scan_part(zf, info, limits, name, sheet, formulas=formulas)
                    if refused is not None and sheet is not None:
                        oversized.setdefault(sheet, refused)
                    if formulas is not None and formulas.cells and sheet is not None:
                        uncached.setdefault(sheet, formulas.cells)
                    # After the scan: the part is known to unpack within the limits.
                    if sheet is not None and refused is None and (cols := _hidden_columns(zf, info)):
                        hidden[sheet] = cols
            return XlsxCheck(oversized, uncached, hidden)
    except zipfile.BadZipFile as exc:
        raise UserError(
            "Filen er en beskadiget eller afkortet zip-fil (ikke en hel Excel-projektmappe). "
            "Hent eller gem den igen.",
            name,
        ) from exc
    except (EOFError, zipfile.LargeZipFile, NotImplementedError, RuntimeError) as exc:
        raise UserError(f"Filen kan ikke pakkes ud ({exc}). Gem den igen fra Excel.", name) from exc


_COL = re.compile(rb"<(?:\w+:)?col\b([^>]*)>")
_COLS_END = re.compile(rb"<(?:\w+:)?sheetData\b")


def _hidden_columns(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> frozenset[int]:
    """The 0-based columns a worksheet hides (``<col min max hidden="1">``, before its data)."""
    with zf.open(info) as part:
        head = part.read(_CHUNK)  # <cols> precedes <sheetData>; a bounded read
    end = _COLS_END.search(head)
    hidden: set[int] = set()
    for match in _COL.finditer(head[: end.start()] if end else head):
        a = _attrs(match.group(1))
        if a.get(b"hidden") in ("1", "true"):
            try:
                first, last = int(a.get(b"min", "0")), int(a.get(b"max", "0"))
            except ValueError:
                continue
            hidden.update(range(max(first, 1) - 1, min(last, 16384)))
    return frozenset(hidden)


def _scan_part(
    zf: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    limits: ImportLimits,
    name: str,
    sheet: str | None,
    *,
    formulas: UncachedFormulas | None,
) -> SheetTooLarge | None:
    """Stream one XML part (bounded): refuse a DTD; for a worksheet, return the refusal of cells
    far out (the rest of the part is still scanned for a DTD) and feed ``formulas``."""
    extent = _Extent(sheet, name, limits) if sheet is not None else None
    fast = extent is not None
    carry = b""
    tail = b""
    refused: SheetTooLarge | None = None
    for chunk in _chunks(zf, info, limits, name):
        if tail == b"":
            _check_unique_count(chunk[:4096], info, name)
        if _DTD.search(tail + chunk):
            raise UserError(
                f"Filen indeholder en DTD-erklæring (<!DOCTYPE/<!ENTITY> i {info.filename}). "
                "Det bruger Excel aldrig; filen kan være fjendtlig og indlæses ikke.",
                name,
            )
        tail = chunk[-16:]
        if formulas is not None:
            formulas.feed(chunk)
        if fast and extent is not None and refused is None:
            head, carry = _whole_tags(carry + chunk, info, name)
            try:
                fast = extent.scan_fast(head)
            except SheetTooLarge as exc:
                refused = exc
    if extent is None or refused is not None:
        return refused
    try:
        if not fast or not extent.bounded():
            # Cells without r, prefixed tags or a wide sheet: place every cell, as calamine does.
            extent = _Extent(extent.sheet, name, limits)
            exact = _ExactScan(extent)
            carry = b""
            for chunk in _chunks(zf, info, limits, name):
                head, carry = _whole_tags(carry + chunk, info, name)
                exact.feed(head)
        extent.finish()
    except SheetTooLarge as exc:
        return exc
    return None


def _chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ImportLimits, name: str) -> Iterator[bytes]:
    read = 0
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                read += len(chunk)
                if read > info.file_size or read > limits.max_uncompressed_bytes:
                    raise UserError(
                        "En del af filen fylder mere end den selv angiver. Filen er beskadiget "
                        "eller fjendtlig og indlæses ikke.",
                        name,
                    )
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise UserError(
            f"Filen er beskadiget ({info.filename} kan ikke pakkes ud). Gem den igen fra Excel.", name
        ) from exc


def _whole_tags(buf: bytes, info: zipfile.ZipInfo, name: str) -> tuple[bytes, bytes]:
    """Split ``buf`` before a tag the chunk cut in two: (whole tags, the start of the cut one)."""
    cut = buf.rfind(b"<")
    if cut == -1 or buf.find(b">", cut) != -1:
        return buf, b""
    if len(buf) - cut > _CHUNK:
        raise UserError(
            f"Et XML-mærke i {info.filename} er over 1 MB langt. Filen er beskadiget eller fjendtlig "
            "og indlæses ikke.",
            name,
        )
    return buf[:cut], buf[cut:]


def _read_small(zf: zipfile.ZipFile, part: str) -> bytes:
    try:
        with zf.open(part) as fh:
            return fh.read(_CHUNK * 8)
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError):
        return b""  # the scan names the broken part


def _attrs(raw: bytes) -> dict[bytes, str]:
    return {
        key.rsplit(b":", 1)[-1] if key.endswith(b":id") else key: html.unescape(
            value.decode("utf-8", "replace")
        )
        for key, _quote, value in _ATTR.findall(raw)
    }


def _sheet_parts(zf: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """Worksheet part → its sheet name (workbook.xml and its rels); unnamed parts by their path."""
    targets: dict[str, str] = {}
    rels = _read_small(zf, "xl/_rels/workbook.xml.rels")
    for match in re.finditer(rb"<(?:[\w.-]+:)?Relationship\b([^>]*)>", rels):
        attrs = _attrs(match.group(1))
        kind = attrs.get(b"Type", "").rsplit("/", 1)[-1].lower()
        target = attrs.get(b"Target", "")
        if kind in _SHEET_TYPES and target:
            base = "" if target.startswith("/") else "xl"
            targets[attrs.get(b"Id", "")] = posixpath.normpath(posixpath.join(base, target.lstrip("/")))
    parts = {part: part for part in targets.values()}
    parts.update({n: n for n in names if re.fullmatch(r"xl/worksheets/[^/]+\.xml", n)})
    workbook = _read_small(zf, "xl/workbook.xml")
    for match in re.finditer(rb"<(?:[\w.-]+:)?sheet\b([^>]*)>", workbook):
        attrs = _attrs(match.group(1))
        part = targets.get(attrs.get(b"id", ""))
        if part is not None and attrs.get(b"name"):
            parts[part] = attrs[b"name"]
    return parts


def _check_unique_count(head: bytes, info: zipfile.ZipInfo, name: str) -> None:
    match = _UNIQUE_COUNT.search(head)
    # Each shared string takes at least "<si/>" (5 bytes) of the part.
    if match is not None and int(match.group(1)) > info.file_size // 5 + 16:
        raise UserError(
            f"Filen angiver flere tekster ({int(match.group(1)):,}) end den indeholder "
            f"({info.filename}). Filen er beskadiget eller fjendtlig og indlæses ikke.".replace(",", "."),
            name,
        )


def column_letters(col: int) -> str:
    """1 → A, 27 → AA, 16384 → XFD."""
    out = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


@functools.lru_cache(maxsize=8)
def _suspect_cells(safe_digits: int) -> re.Pattern[bytes]:
    """Cell tags whose reference is not plainly inside columns A–Z and rows below 10^safe_digits.

    Excel writes ``<c r="B7" …>`` first-attribute, so a normal narrow sheet has no match at all
    and the scan stays a single pass of the regex engine; every match is judged in Python.
    """
    if safe_digits < 1:
        return re.compile(rb"<c(?=[\s/>])([^>]*)>")
    return re.compile(rb'<c(?! r="[A-Z][0-9]{1,%d}")(?=[\s/>])([^>]*)>' % safe_digits)


class _Extent:
    """The bottom-right cell calamine will size a sheet's grid by (``Range::from_sparse``)."""

    def __init__(self, sheet: str, name: str, limits: ImportLimits) -> None:
        self.sheet, self.name, self.limits = sheet, name, limits
        self.max_row = self.max_col = 0
        self.row_ref = self.col_ref = ""
        digits = 0
        while (
            digits < 5
            and 10 ** (digits + 1) - 1 <= limits.max_rows
            and 26 * (10 ** (digits + 1) - 1) <= limits.max_cells
        ):
            digits += 1
        self.safe_rows = 10**digits - 1 if limits.max_columns >= 26 else 0
        self.suspects = _suspect_cells(digits if limits.max_columns >= 26 else 0)

    def cell(self, row: int, col: int, ref: str) -> None:
        if row > self.max_row:
            self.max_row, self.row_ref = row, ref
        if col > self.max_col:
            self.max_col, self.col_ref = col, ref
        if row > self.limits.max_rows or col > self.limits.max_columns:
            self.refuse()

    def ref(self, raw: bytes) -> tuple[int, int]:
        match = _REF.fullmatch(raw)
        col = row = 0
        if match is not None:
            for ch in match.group(1).upper():
                col = col * 26 + ch - 64
            row = int(match.group(2))
        if match is None or not (1 <= row <= _EXCEL_ROWS and 1 <= col <= _EXCEL_COLUMNS):
            shown = raw[:20].decode("ascii", "replace")
            raise UserError(
                f"Arket »{self.sheet}« har en ugyldig cellereference »{shown}« (Excel går højst til "
                "XFD1048576). Filen er beskadiget eller fjendtlig og indlæses ikke. Gem den igen fra Excel.",
                self.name,
            )
        return row, col

    def scan_fast(self, buf: bytes) -> bool:
        """Judge the suspect cells of ``buf``; False when the part needs the exact scan."""
        if _PREFIXED_C.search(buf):
            return False
        for match in self.suspects.finditer(buf):
            attrs = match.group(1)
            if attrs.endswith(b"/"):
                continue  # <c …/> holds no value: calamine skips it
            r = _R_ATTR.search(attrs)
            if r is None:
                return False  # placed by position: only the exact scan knows where
            row, col = self.ref(r.group(2))
            self.cell(row, col, r.group(2).decode("ascii").upper())
        return True

    def bounded(self) -> bool:
        """Whether the fast scan's bound suffices (cells it did not judge lie within A–Z, safe_rows)."""
        return max(self.max_row, self.safe_rows) * max(self.max_col, 26) <= self.limits.max_cells

    def finish(self) -> None:
        if self.max_row * self.max_col > self.limits.max_cells:
            self.refuse()

    def refuse(self) -> NoReturn:
        todo = "Slet de tomme celler langt ude i arket (Ctrl+End viser den sidste celle), gem og prøv igen."
        lim = self.limits
        if self.max_row > lim.max_rows:
            text = (
                f"Arket »{self.sheet}« går ned til række {_n(self.max_row)} (celle {self.row_ref}); "
                f"grænsen er {_n(lim.max_rows)} rækker (indstillingen »største antal rækker«). {todo} "
                "Er rækkerne ægte, så del filen op eller hæv grænsen."
            )
        elif self.max_col > lim.max_columns:
            text = (
                f"Arket »{self.sheet}« går ud til kolonne {column_letters(self.max_col)} (celle "
                f"{self.col_ref}, kolonne nr. {_n(self.max_col)}); grænsen er {_n(lim.max_columns)} "
                f"kolonner (indstillingen »største antal kolonner«). {todo}"
            )
        else:
            corner = f"{column_letters(self.max_col)}{self.max_row}"
            text = (
                f"Arket »{self.sheet}« spænder over {_n(self.max_row)} rækker × {_n(self.max_col)} "
                f"kolonner = {_n(self.max_row * self.max_col)} celler (til celle {corner}); grænsen er "
                f"{_n(lim.max_cells)} celler (indstillingen »største antal celler«). {todo}"
            )
        raise SheetTooLarge(text, self.name)


class _ExactScan:
    """Every <row>/<c> tag, placed as calamine places them (cells without r follow the last)."""

    def __init__(self, extent: _Extent) -> None:
        self.extent = extent
        self.row = 0  # 0-based, as calamine counts
        self.col = 0

    def feed(self, buf: bytes) -> None:
        ext = self.extent
        for match in _ANY_TAG.finditer(buf):
            closing, tag, attrs = match.groups()
            if attrs.endswith(b"/"):
                continue
            if tag == b"row":
                if closing:
                    self.row += 1
                    self.col = 0
                else:
                    r = _R_ATTR.search(attrs)
                    if r is not None:
                        self.row = _row_number(r.group(2), ext) - 1
                continue
            if closing:
                continue
            r = _R_ATTR.search(attrs)
            if r is not None:
                row, col = ext.ref(r.group(2))
                self.col = col - 1
                ext.cell(row, col, r.group(2).decode("ascii").upper())
            else:
                ext.cell(self.row + 1, self.col + 1, f"{column_letters(self.col + 1)}{self.row + 1}")
            self.col += 1


def _row_number(raw: bytes, extent: _Extent) -> int:
    if not raw.isdigit() or not 1 <= int(raw[:8]) <= _EXCEL_ROWS:
        shown = raw[:20].decode("ascii", "replace")
        raise UserError(
            f"Arket »{extent.sheet}« har et ugyldigt rækkenummer »{shown}« (Excel går højst til række "
            "1048576). Filen er beskadiget eller fjendtlig og indlæses ikke. Gem den igen fra Excel.",
            extent.name,
        )
    return int(raw)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
