"""A copy of a workbook python-calamine can read despite newer Excel error values.

python-calamine 0.9 knows the seven classic error values (``#DIV/0!`` … ``#VALUE!``) and
refuses a whole sheet over any other (``#SPILL!``, ``#CALC!``, ``#GETTING_DATA``, ``#FIELD!``:
"Unsupported cell error value"). One such cell in a notes column would refuse every takst on
the sheet. ``readable_copy`` writes the workbook again in memory with each such value replaced
by ``#N/A``, which calamine reads as an empty cell; the sheet scan (``xlsx_formulas``) has
recorded the real error, so a row that uses the cell is still refused naming it, and a row that
does not is read.

Only called on a file ``check_xlsx`` has passed, after calamine refused the sheet: every
member's declared size is within the limits, and zipfile inflates no member past its declared
size. Each part is streamed in chunks; the copy is held in memory (calamine reads a file-like
object whole anyway).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from rammedesk.fileio.xlsx_formulas import CALAMINE_READS, cut_tail

_CHUNK = 1 << 20
# An error cell, with or without a formula, up to its value; group 1 is the value.
_ERROR_CELL = re.compile(
    rb"""<(?:[\w.-]+:)?c\b[^>]*?\st\s*=\s*["']e["'][^>]*?(?<!/)>\s*"""
    rb"""(?:<(?:[\w.-]+:)?f\b[^>]*?(?:/>|>[^<]*</(?:[\w.-]+:)?f>)\s*)?"""
    rb"""<(?:[\w.-]+:)?v\b[^>]*>([^<]*)<"""
)
_READABLE = frozenset(e.encode() for e in CALAMINE_READS)
_STAND_IN = b"#N/A"


def readable_copy(path: Path) -> io.BytesIO:
    """The workbook with every error value calamine cannot read replaced by ``#N/A``."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(path) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst,
    ):
        for info in src.infolist():
            if info.is_dir():
                continue
            patch = _Patcher() if info.filename.endswith(".xml") else None
            with src.open(info) as fh, dst.open(info.filename, "w", force_zip64=True) as sink:
                while chunk := fh.read(_CHUNK):
                    sink.write(patch.feed(chunk) if patch is not None else chunk)
                if patch is not None:
                    sink.write(patch.close())
    out.seek(0)
    return out


class _Patcher:
    """Streams one XML part, replacing unreadable error values; holds back a cell cut in two."""

    def __init__(self) -> None:
        self._carry = b""

    def feed(self, chunk: bytes) -> bytes:
        buf = self._carry + chunk
        spans = sorted(_unreadable(buf))
        if not spans:
            tail = cut_tail(buf)
            self._carry = tail
            return buf[: len(buf) - len(tail)]
        out: list[bytes] = []
        last = 0
        for start, end in spans:
            if start < last:
                continue  # the same value found twice
            out += (buf[last:start], _STAND_IN)
            last = end
        done = max(last, len(buf) - len(cut_tail(buf[last:])))
        out.append(buf[last:done])
        self._carry = buf[done:]
        return b"".join(out)

    def close(self) -> bytes:
        rest, self._carry = self._carry, b""
        return rest


def _unreadable(buf: bytes) -> set[tuple[int, int]]:
    """Where the unreadable error values in ``buf`` lie, found from each cell's t="e"."""
    spans: set[tuple[int, int]] = set()
    for quoted in (b'"e"', b"'e'"):
        at = buf.find(quoted)
        while at != -1:
            start = buf.rfind(b"<", 0, at)
            match = _ERROR_CELL.match(buf, start) if start != -1 else None
            if match is not None and match.start(1) > at:
                value = match.group(1)
                if value.strip() and value not in _READABLE:
                    spans.add(match.span(1))
            at = buf.find(quoted, at + 3)
    return spans
