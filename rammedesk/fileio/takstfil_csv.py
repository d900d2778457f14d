"""Read a csv takstfil: encoding and delimiter detected, rows streamed.

Encoding: the BOM is checked first — a UTF-16/UTF-32 BOM is refused with a message (a "try
UTF-8, then cp1252" decoder would accept UTF-16 bytes as cp1252 garbage), and NUL bytes
without a BOM are refused the same way. Then strict UTF-8 (BOM stripped), else cp1252 (what
Danish Excel writes for "CSV (semikolonsepareret)"). The whole file must decode, so a cp1252
file is never half-read as UTF-8.

Delimiter: ";", "," or tab — whichever splits the first non-blank lines into the most columns
consistently (quotes respected).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from rammedesk.domain.takstfil import ImportLimits
from rammedesk.errors import UserError
from rammedesk.fileio.takstfil_xlsx import Cell, SheetRows

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_DELIMITERS = (";", ",", "\t")


def csv_sheet_name(path: Path) -> str:
    return path.stem or "csv"


def decode_csv(raw: bytes, name: str) -> tuple[str, str]:
    """Bytes → (text, encoding name). Raises UserError for UTF-16/32 and binary content."""
    if raw.startswith(_UTF32_BOMS) or raw.startswith(_UTF16_BOMS) or b"\x00" in raw[:4096]:
        raise UserError(
            "Filen er gemt som UTF-16 (»Unicode-tekst«), som ikke kan læses. Gem den i Excel som "
            "»CSV UTF-8 (kommasepareret)« eller »CSV (semikolonsepareret)«.",
            name,
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise UserError(
                f"Filen siger den er UTF-8, men byte {exc.start} er ikke UTF-8. Gem den igen som "
                "»CSV UTF-8«.",
                name,
            ) from exc
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise UserError(
            "Filens tegnsæt kan ikke genkendes (hverken UTF-8 eller Windows-1252). Gem den igen "
            "som »CSV UTF-8«.",
            name,
        ) from exc


def detect_delimiter(text: str) -> str:
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()][:30]
    best, best_score = ";", -1.0
    for delim in _DELIMITERS:
        widths = [len(r) for r in csv.reader(lines, delimiter=delim)]
        if not widths:
            continue
        top = max(widths)
        if top < 2:
            continue
        # Most columns, counting how many lines agree with the widest split.
        score = top * sum(1 for w in widths if w == top) / len(widths)
        if score > best_score:
            best, best_score = delim, score
    return best


def read_csv_sheet(path: Path, limits: ImportLimits) -> SheetRows:
    name = path.name
    raw = path.read_bytes()  # file_kind has bounded the size
    text, _encoding = decode_csv(raw, name)
    if not text.strip():
        raise UserError("Filen er tom. Vælg den rigtige takstfil.", name)
    delim = detect_delimiter(text)
    total = text.count("\n") + 1
    if total > limits.max_rows + 1:
        raise UserError(
            f"Filen har {total:,} linjer; grænsen er {limits.max_rows:,} (indstillingen »største antal "
            "rækker«). Del filen op eller hæv grænsen.".replace(",", "."),
            name,
        )
    return SheetRows(csv_sheet_name(path), _rows(text, delim, limits, name), total)


def _rows(text: str, delim: str, limits: ImportLimits, name: str) -> Iterator[tuple[int, list[Cell]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    # A quoted field may span lines; Excel shows the record number, which is what we count.
    # csv.field_size_limit is process-global; long cells are judged by the row checks instead.
    try:
        for index, record in enumerate(reader, start=1):
            yield index, [v if v != "" else None for v in record]
    except csv.Error as exc:
        raise UserError(
            f"CSV-filen kan ikke læses efter række {reader.line_num} ({exc}). Tjek anførselstegnene.",
            name,
        ) from exc
