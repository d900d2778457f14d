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
"""

from __future__ import annotations

import hashlib
import re
import zipfile
import zlib
from enum import StrEnum
from pathlib import Path

from rammedesk.domain.takstfil import ImportLimits
from rammedesk.errors import UserError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_CHUNK = 1 << 20
_UNIQUE_COUNT = re.compile(rb"""uniqueCount\s*=\s*["'](\d+)["']""")
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


class FileKind(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.0f} MB"


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
            f"Filen er {_mb(size)}; grænsen for takstfiler er {_mb(limits.max_file_bytes)} "
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


def check_xlsx(path: Path, limits: ImportLimits) -> None:
    """Refuse zip bombs, truncated zips and XML parts that declare a DTD."""
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
            for info in infos:
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    _scan_part(zf, info, limits, name)
    except zipfile.BadZipFile as exc:
        raise UserError(
            "Filen er en beskadiget eller afkortet zip-fil (ikke en hel Excel-projektmappe). "
            "Hent eller gem den igen.",
            name,
        ) from exc
    except (EOFError, zipfile.LargeZipFile, NotImplementedError, RuntimeError) as exc:
        raise UserError(f"Filen kan ikke pakkes ud ({exc}). Gem den igen fra Excel.", name) from exc


def _scan_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ImportLimits, name: str) -> None:
    """Stream one XML part (bounded) and refuse a DOCTYPE or ENTITY declaration."""
    read = 0
    tail = b""
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
                if read == len(chunk):
                    _check_unique_count(chunk[:4096], info, name)
                if _DTD.search(tail + chunk):
                    raise UserError(
                        f"Filen indeholder en DTD-erklæring (<!DOCTYPE/<!ENTITY> i {info.filename}). "
                        "Det bruger Excel aldrig; filen kan være fjendtlig og indlæses ikke.",
                        name,
                    )
                tail = chunk[-16:]
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise UserError(
            f"Filen er beskadiget ({info.filename} kan ikke pakkes ud). Gem den igen fra Excel.", name
        ) from exc


def _check_unique_count(head: bytes, info: zipfile.ZipInfo, name: str) -> None:
    match = _UNIQUE_COUNT.search(head)
    # Each shared string takes at least "<si/>" (5 bytes) of the part.
    if match is not None and int(match.group(1)) > info.file_size // 5 + 16:
        raise UserError(
            f"Filen angiver flere tekster ({int(match.group(1)):,}) end den indeholder "
            f"({info.filename}). Filen er beskadiget eller fjendtlig og indlæses ikke.".replace(",", "."),
            name,
        )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
