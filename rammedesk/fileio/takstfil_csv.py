"""Read a csv takstfil: encoding and delimiter detected, rows streamed.

Encoding: the BOM is checked first — a UTF-16/UTF-32 BOM is refused with a message naming it (a
"try UTF-8, then cp1252" decoder would accept UTF-16 bytes as cp1252 garbage). NUL bytes without
a BOM are judged by where they fall (every second byte: UTF-16; three of four: UTF-32; else
binary), and a file full of control bytes is refused as "not a text file". Then strict UTF-8
(BOM stripped), else cp1252 (what Danish Excel writes for "CSV (semikolonsepareret)"). The whole
file must decode, so a cp1252 file is never half-read as UTF-8. A file of both — UTF-8 with a
hand-edited cp1252 line, or the reverse — is refused naming the odd lines: read as cp1252 its
UTF-8 letters would be stored as mojibake ("BÃ¸rn"). Mixed means: not valid UTF-8, yet holding
UTF-8 sequences of Latin-1 letters or typographic punctuation, which cp1252 Danish text never
holds (those sequences need a "Â"/"Ã"/"â" followed by a symbol). A Mac Roman file (old Excel for
Mac) decodes as cp1252 without error but with "¾ ¿ Œ ® ¯" for "æ ø å Æ Ø Å": those signs inside
or starting words, outnumbering real cp1252 letters, refuse the file (it is never decoded as Mac
Roman: a guess wrong the other way would store mojibake too).

Delimiter: ";", tab, "," or "|". Each is tried on the first lines: the one under which the
takstfil header is found (best header score) wins; otherwise (and between equal headers) the one
whose rows agree on a column count of at least two, a "," that cuts Danish amounts ("2.150,50")
in two losing to the others. Danish Excel leaves commas unquoted with ";" — in text and in
amounts — so counting commas alone would pick the wrong one.

Quotes: a quote that is never closed makes the csv module read the rest of the file into one
field, and rows vanish silently. A record that reaches the end of the file inside quotes, or
whose quoted field holds whole lines of delimiters, is refused naming the line the quote opened.

Rows wider than the header: a field beyond the header's last one has no column to be read into,
so a row with something there is refused (not the file), naming the row and the first extra
column — typically an unquoted decimal comma in a "," file ("km,9,39" read 9 kr.). The reader
finds them before the rows are parsed and hands them on in ``SheetRows.uncached`` as
``ReadProblem``s, the row parser's channel for cells it must refuse.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

from rammedesk.domain.cpr import looks_like_cpr
from rammedesk.domain.takstfil import Field, ImportLimits
from rammedesk.errors import UserError
from rammedesk.fileio.takstfil_header import (
    AMOUNT_FIELDS,
    HEADER_SCAN_ROWS,
    Synonyms,
    detect_header,
    load_synonyms,
)
from rammedesk.fileio.takstfil_mapping import col_letter
from rammedesk.fileio.takstfil_xlsx import Cell, SheetRows
from rammedesk.fileio.xlsx_formulas import ReadProblem

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_DELIMITERS = (";", "\t", ",", "|")


def csv_sheet_name(path: Path) -> str:
    return path.stem or "csv"


_SAVE_AS = "Gem den i Excel som »CSV UTF-8 (kommasepareret)« eller »CSV (semikolonsepareret)«."
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\x0c")


def decode_csv(raw: bytes, name: str) -> tuple[str, str]:
    """Bytes → (text, encoding name). Raises UserError for UTF-16/32 and binary content."""
    if raw.startswith(_UTF32_BOMS):
        raise UserError(f"Filen er gemt som UTF-32, som ikke kan læses. {_SAVE_AS}", name)
    if raw.startswith(_UTF16_BOMS):
        raise UserError(f"Filen er gemt som UTF-16 (»Unicode-tekst«), som ikke kan læses. {_SAVE_AS}", name)
    nul = raw.find(b"\x00")
    if nul != -1:
        raise UserError(_nul_message(raw, nul), name)
    sample = raw[:4096]
    if len(sample) - len(sample.translate(None, _CONTROL)) > max(8, len(sample) // 100):
        raise UserError(
            "Filen er ikke en tekstfil/CSV (den indeholder binære data). Vælg den rigtige takstfil, "
            f"eller gem den som CSV fra Excel. {_SAVE_AS}",
            name,
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            bad, count = _bad_utf8_lines(raw[3:])
            raise UserError(
                f"Filen siger den er UTF-8 (den begynder med en BOM), men {_join(bad, count)} har tegn, "
                "der ikke er UTF-8 (men gemt i et andet tegnsæt, fx Windows-tegnsæt). "
                f"{_NOT_READ} {_one_charset(count)}",
                name,
            ) from exc
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    _refuse_mixed(raw, name)
    _refuse_mac_roman(raw, name)
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        line, column = _position(raw, exc.start)
        raise UserError(
            "Filens tegnsæt kan ikke genkendes (hverken UTF-8 eller Windows-1252): linje "
            f"{line} har i tegn {column} byten 0x{raw[exc.start]:02X}. Gem den igen som »CSV UTF-8«.",
            name,
        ) from exc


# UTF-8 for U+00A0–U+00FF (æøåÆØÅé …), U+2010–U+203A (– — ‘ ’ “ ” • …) and €: in cp1252 these
# read "Ã¦", "â€“" — "Â"/"Ã"/"â" before a symbol, which Danish cp1252 text never has.
_UTF8_LATIN = re.compile(rb"\xc2[\xa0-\xbf]|\xc3[\x80-\xbf]|\xe2\x80[\x90-\xba]|\xe2\x82\xac")
_NAMED = 3  # lines named in a message; the rest are counted
_NOT_READ = "Intet er læst ind, så æ, ø og å ikke gemmes forkert."


def _one_charset(lines: int) -> str:
    return (
        f"Ret {'linjen' if lines == 1 else 'linjerne'}, eller gem hele filen i ét tegnsæt: i Excel som "
        "»CSV UTF-8 (kommasepareret)« eller som »CSV (semikolonsepareret)« (Windows-tegnsæt)."
    )


def _refuse_mixed(raw: bytes, name: str) -> None:
    """Refuse a file that is neither UTF-8 nor cp1252 throughout, naming the odd lines out."""
    if _UTF8_LATIN.search(raw) is None:
        return  # no UTF-8 letters at all: a cp1252 file
    bad, count = _bad_utf8_lines(raw)
    utf8 = [(n, m) for n, line in enumerate(raw.splitlines(), start=1) if (m := _UTF8_LATIN.search(line))]
    if count <= len(utf8):
        raise UserError(
            f"Filen er gemt som UTF-8, men {_join(bad, count)} har tegn gemt i et andet tegnsæt "
            f"(Windows-tegnsæt). {_NOT_READ} {_one_charset(count)}",
            name,
        )
    named = [_utf8_letter(number, match) for number, match in utf8[:_NAMED]]
    raise UserError(
        f"Filen er gemt i Windows-tegnsæt, men {_join(named, len(utf8))} har tegn gemt "
        f"som UTF-8. {_NOT_READ} {_one_charset(len(utf8))}",
        name,
    )


# Old Excel for Mac saves Mac Roman: æ ø å Æ Ø Å are the bytes BE BF 8C AE AF 81, which cp1252
# reads as ¾ ¿ Œ ® ¯ and an undefined byte. Those signs inside or at the start of a word (not next
# to a digit, as "¾ tid" or "1¾" are) mean Mac Roman.
_MAC_LETTER = re.compile(
    rb"(?<=[A-Za-z])[\xbe\xbf\x8c]"  # æ ø å after a letter: "S¿ndergŒrd", "V¾rksted"
    rb"|[\xbf\x8c\xae\xaf\x81](?=[a-z])"  # ø å Æ Ø Å starting a word: "¯ster", "®ble"
    rb"|(?<![0-9])\xaf(?![0-9])"  # Ø (a macron, which Danish text never has): "Hus ¯"
)
_CP1252_DANISH = re.compile(rb"[\xe6\xf8\xe5\xc6\xd8\xc5]")
_WORD = re.compile(rb"[A-Za-z\x80-\xff]+")


def _refuse_mac_roman(raw: bytes, name: str) -> None:
    """Refuse a Mac Roman file (not decoded: too easily wrong), naming its first Danish letter."""
    hints = _MAC_LETTER.findall(raw)
    if not hints or len(hints) <= len(_CP1252_DANISH.findall(raw)):
        return  # none, or a cp1252 file whose æ ø å outnumber its odd signs
    first = _MAC_LETTER.search(raw)
    assert first is not None
    line, _column = _position(raw, first.start())
    word = next(w.group() for w in _WORD.finditer(raw) if w.start() <= first.start() < w.end())
    raise UserError(
        f"Filen er gemt i Mac-tegnsæt (Mac Roman), som ikke kan læses sikkert: fx linje {line} "
        f"(»{word.decode('cp1252', 'replace')}«, der i Mac-tegnsæt er »{word.decode('mac_roman')}«). "
        f"{_NOT_READ} Åbn filen i Excel, og gem den som »CSV UTF-8 (kommasepareret)«.",
        name,
    )


def _utf8_letter(number: int, match: re.Match[bytes]) -> str:
    """A UTF-8 letter in a cp1252 file, described: where it is and the mojibake it would become."""
    column = len(match.string[: match.start()].decode("cp1252", "replace")) + 1
    letter, mojibake = match.group().decode(), match.group().decode("cp1252", "replace")
    return f"linje {number} (tegn {column}: »{letter}«, der læst som Windows-tegnsæt bliver »{mojibake}«)"


def _bad_utf8_lines(raw: bytes) -> tuple[list[str], int]:
    """The first lines (as the user sees them) holding a byte that is not UTF-8, described, and
    how many lines do."""
    named: list[str] = []
    count = 0
    for number, line in enumerate(raw.splitlines(), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            count += 1
            if len(named) < _NAMED:
                byte = line[exc.start]
                column = len(line[: exc.start].decode("utf-8", "replace")) + 1
                guess = bytes([byte]).decode("cp1252", "replace")
                shown = f" = »{guess}«" if guess.isprintable() and guess != "\ufffd" else ""
                named.append(f"linje {number} (tegn {column}: byten 0x{byte:02X}{shown})")
    return named, count


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """(line, column) of a byte offset, as an editor shows them."""
    lines = raw[:offset].splitlines() or [b""]
    if raw[:offset].endswith((b"\n", b"\r")):
        lines.append(b"")
    return len(lines), len(lines[-1].decode("utf-8", "replace")) + 1


def _join(parts: list[str], count: int) -> str:
    more = count - len(parts)
    if more:
        parts = [*parts, f"{more} {'linje' if more == 1 else 'linjer'} mere"]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " og " + parts[-1]


def _nul_message(raw: bytes, first: int) -> str:
    sample = raw[:4096]
    quads = len(sample) // 4
    if quads and sum(sample[i : i + 4].count(0) == 3 for i in range(0, quads * 4, 4)) > quads * 0.9:
        return f"Filen er gemt som UTF-32 (uden BOM), som ikke kan læses. {_SAVE_AS}"
    pairs = len(sample) // 2
    if pairs and max(sample[0::2].count(0), sample[1::2].count(0)) > pairs * 0.9:
        return f"Filen er gemt som UTF-16 (»Unicode-tekst«), som ikke kan læses. {_SAVE_AS}"
    where = f"{first + 1:,}".replace(",", ".")
    return (
        f"Filen er ikke en tekstfil/CSV: den indeholder NUL-tegn (det første ved byte {where}), "
        "som en CSV-fil aldrig har. Vælg den rigtige takstfil, eller gem den som CSV fra Excel."
    )


_SAMPLE_LINES = 60  # physical lines tried per delimiter (the header is sought in the first 40 rows)
# "2.150,50" cut by a ",": a Danish amount with thousands dots, then its øre.
_THOUSANDS = re.compile(r"\s*-?\d{1,3}(?:\.\d{3})+")
_OERE = re.compile(r"\d{1,2}\s*")


def detect_delimiter(text: str) -> str:
    """The delimiter of a csv text: see the module docstring."""
    sample = "".join(itertools.islice(io.StringIO(text, newline=""), _SAMPLE_LINES))
    try:
        synonyms: Synonyms | None = load_synonyms()
    except UserError:
        synonyms = None  # a broken synonym table is reported where it is needed
    scores = [(_delimiter_score(sample, d, synonyms), -i, d) for i, d in enumerate(_DELIMITERS)]
    return max(scores)[2]


def _delimiter_score(
    sample: str, delim: str, synonyms: Synonyms | None
) -> tuple[int, bool, bool, float, int]:
    """(header score, cuts no Danish amount, splits lines, share of lines agreeing, columns)."""
    try:
        records = list(
            itertools.islice(csv.reader(io.StringIO(sample, newline=""), delimiter=delim), HEADER_SCAN_ROWS)
        )
    except csv.Error:  # a field over the csv module's limit: the rows report it
        return 0, True, False, 0.0, 1
    rows: list[tuple[int, list[Cell]]] = [
        (number, [v if v != "" else None for v in record]) for number, record in enumerate(records, start=1)
    ]
    guess = detect_header(rows, [], synonyms) if synonyms is not None else None
    header = 0
    if guess is not None:
        useful = {f for f in guess.fields.values() if f is not Field.IGNORE}
        header = len(useful) * 10 + sum(1 for f in guess.fields.values() if f in AMOUNT_FIELDS)
    widths = [(number, len(r)) for number, r in enumerate(records, start=1) if any(v.strip() for v in r)]
    wide = [w for _n, w in widths if w >= 2]
    if not wide:
        return header, True, False, 0.0, 1
    width = max(set(wide), key=lambda w: (wide.count(w), w))
    # The rows from the header (or the first row of that width) on: a title block above is no
    # disagreement.
    start = guess.first_row if guess is not None else next(n for n, w in widths if w == width)
    body = [w for n, w in widths if n >= start]
    agree = sum(1 for w in body if w == width) / len(body)
    share = sum(1 for _n, w in widths if w == width) / len(widths)
    cuts = delim == "," and any(_cuts_amount(record) for record in records)
    if agree < 0.5:  # a few text cells holding the character: no split at all
        return header, not cuts, False, 0.0, 1
    return header, not cuts, True, share, width


def _cuts_amount(record: list[str]) -> bool:
    return any(
        _THOUSANDS.fullmatch(a) is not None and _OERE.fullmatch(b) is not None
        for a, b in zip(record, record[1:], strict=False)
    )


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
    rows = _rows(text, delim, limits, name)
    return SheetRows(csv_sheet_name(path), rows, total, uncached=_wider_than_header(text, delim))


def _wider_than_header(text: str, delim: str) -> dict[tuple[int, int], str]:
    """Rows with more fields than the header and something in the extra ones, as
    ``ReadProblem``s: (row, its first amount column) → the refusal. The extra fields have no
    column to be read into, so the row's values may be shifted or cut — above all an unquoted
    decimal comma in a comma-separated file ("9,39" read as 9). Empty extra fields are fine."""
    try:
        synonyms = load_synonyms()
    except UserError:
        return {}  # a broken synonym table is reported where it is needed
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        head = list(itertools.islice(records, HEADER_SCAN_ROWS))
    except csv.Error:
        return {}  # the rows themselves report it
    rows: list[tuple[int, list[Cell]]] = [
        (number, [v if v != "" else None for v in record]) for number, record in enumerate(head, start=1)
    ]
    guess = detect_header(rows, [], synonyms)
    if guess is None:
        return {}
    width = max(len(head[n - 1]) for n in range(guess.first_row, guess.header_row + 1))
    useful = sorted(c for c, f in guess.fields.items() if f is not Field.IGNORE)
    amounts = [c for c in useful if guess.fields[c] in AMOUNT_FIELDS]
    if not useful:
        return {}
    column = (amounts or useful)[0]  # the refusal is filed under a column the import reads
    found: dict[tuple[int, int], str] = {}
    try:
        for number, record in enumerate(itertools.chain(head, records), start=1):
            if number > guess.header_row and len(record) > width:
                extra = next((c for c in range(width, len(record)) if record[c].strip()), None)
                if extra is not None:
                    found[number, column] = _wide_reason(record, width, extra, delim)
    except csv.Error:
        pass  # the rows themselves report it
    return found


def _wide_reason(record: list[str], width: int, extra: int, delim: str) -> ReadProblem:
    value = record[extra].strip()
    shown = f" (»{value}«)" if len(value) <= 30 and not looks_like_cpr(value) else ""
    reason = (
        f"Rækken har flere felter end overskriften ({len(record)} i stedet for {width}): kolonne "
        f"{col_letter(extra)}{shown} har ingen overskrift, så rækkens værdier kan være skåret over "
        "eller forskudt. "
    )
    if delim == ",":
        return ReadProblem(
            reason + "Står der et decimalkomma uden anførselstegn (fx 9,39 i en kommasepareret fil)? "
            "Gem filen med semikolon som skilletegn, eller sæt anførselstegn om beløbet."
        )
    return ReadProblem(reason + "Giv kolonnen en overskrift, eller ret rækken, og indlæs filen igen.")


def _rows(text: str, delim: str, limits: ImportLimits, name: str) -> Iterator[tuple[int, list[Cell]]]:
    consumed: list[str] = []  # the physical lines of the record being read

    def lines() -> Iterator[str]:
        for line in io.StringIO(text, newline=""):
            consumed.append(line)
            yield line

    reader = csv.reader(lines(), delimiter=delim)
    # A quoted field may span lines; Excel shows the record number, which is what we count.
    # csv.field_size_limit is process-global; long cells are judged by the row checks instead.
    line = 1  # the physical line the record starts on
    width = 0
    try:
        for index, record in enumerate(reader, start=1):
            # A quote left open runs to the end of the file (then the last field holds a line end).
            if len(consumed) > 1 or (record and ("\n" in record[-1] or "\r" in record[-1])):
                _check_quotes(record, consumed, (line, width), delim, name)
            width = max(width, len(record))
            line += len(consumed)
            consumed.clear()
            yield index, [v if v != "" else None for v in record]
    except csv.Error as exc:
        limit = f"{csv.field_size_limit():,}".replace(",", ".")
        why = f"en celle er over {limit} tegn lang" if "field limit" in str(exc) else str(exc)
        raise UserError(
            f"CSV-filen kan ikke læses efter række {reader.line_num} ({why}). Tjek anførselstegnene.",
            name,
        ) from exc


def _check_quotes(record: list[str], lines: list[str], at: tuple[int, int], delim: str, name: str) -> None:
    """Refuse a record whose quote swallowed the lines after it (an unclosed quote).

    ``at`` is (the line the record starts on, the widest record before it).
    """
    opened, width = at  # the first field holding a line end opens on the record's first line
    end = opened + len(lines) - 1
    try:
        for _ in csv.reader(lines, delimiter=delim, strict=True):
            pass
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise UserError(
                f'Et anførselstegn (") i linje {opened} lukkes aldrig, så resten af filen (fra '
                f"linje {opened}) læses som én celle. Ret anførselstegnet i linje {opened}, gem og "
                "prøv igen.",
                name,
            ) from exc
    need = max(2, width - 1)
    for value in record:
        if any(part.count(delim) >= need for part in value.splitlines()[1:]):
            raise UserError(
                f'Et anførselstegn (") i linje {opened} lukkes først i linje {end}, så linjerne imellem '
                f"læses som én celle. Ret anførselstegnet i linje {opened}, gem og prøv igen.",
                name,
            )
