"""Read a takstfil (xlsx, xlsm or csv) into a ParsedTakstfil: the public entry points.

    list_sheets(path)                          → sheet names (csv: one, the file's stem)
    sheet_list(path)                           → the names, which are hidden, which a default tries
    propose_mapping(path, sheet)               → ColumnMapping from the header wording
    read_takstfil(path, sheet=, mapping=, year=, limits=, progress=, cancel=) → ParsedTakstfil
    stream_takstfil(path, sheet=, mapping=, year=, limits=) → TakstfilStream (rows in chunks)
    preview_rows(path, mapping, n=10)          → the first n data rows as TakstRow or RowError
    mapping_to_json / mapping_from_json        → see takstfil_mapping

Whole-file problems (not a workbook, zip bomb, DTD, too many rows, no header) raise UserError
with the file name as ``where``; a bad value refuses only its row (ParsedTakstfil.errors).
Nothing here touches a database.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from rammedesk.domain.cpr import find_cpr, refuse_cpr_file_name, refuse_cpr_sheet_name
from rammedesk.domain.takstfil import (
    ColumnMapping,
    Field,
    ImportLimits,
    ParsedTakstfil,
    RowError,
    TakstChunk,
    TakstRow,
)
from rammedesk.errors import Cancelled, UserError
from rammedesk.fileio.takstfil_csv import csv_sheet_name, read_csv_sheet
from rammedesk.fileio.takstfil_header import (
    AMOUNT_FIELDS,
    HEADER_SCAN_ROWS,
    TitleInfo,
    cell_text,
    detect_header,
    header_texts,
    load_synonyms,
    mapping_from_guess,
    title_info,
)
from rammedesk.fileio.takstfil_mapping import col_index, col_letter, mapping_from_json, mapping_to_json
from rammedesk.fileio.takstfil_rows import RowParser
from rammedesk.fileio.takstfil_safety import FileKind, check_xlsx, file_kind, sha256_of
from rammedesk.fileio.takstfil_values import RowResult, words
from rammedesk.fileio.takstfil_xlsx import Cell, SheetRows, read_xlsx_sheet, xlsx_sheet_list

__all__ = [
    "SheetList",
    "list_sheets",
    "sheet_list",
    "mapping_from_json",
    "mapping_to_json",
    "preview_rows",
    "propose_mapping",
    "fit_remembered",
    "read_takstfil",
    "stream_takstfil",
]

Progress = Callable[[int, int, str], None]  # (rows done, rows in all, what is happening)
_PROGRESS_EVERY = 1000
CHUNK_ROWS = 5000  # data rows a streaming import holds at a time
DEFAULT_LIMITS = ImportLimits()


@dataclass(frozen=True)
class SheetList:
    """A file's sheets in workbook order, and those hidden in Excel (old years, lookup tables)."""

    names: tuple[str, ...]
    hidden: frozenset[str] = frozenset()

    @property
    def visible(self) -> tuple[str, ...]:
        """The sheets a default is sought among: a hidden one is read only when chosen by name
        (last year's takster on a hidden sheet must never be imported unasked)."""
        return tuple(n for n in self.names if n not in self.hidden) or self.names


def sheet_list(path: Path, limits: ImportLimits = DEFAULT_LIMITS) -> SheetList:
    """The sheets for the sheet picker; the file is checked first."""
    path = Path(path)
    refuse_cpr_file_name(path)  # before anything is read: names are shown and stored
    if file_kind(path, limits) is FileKind.CSV:
        return SheetList((read_csv_sheet(path, limits).name,))  # decodes: a UTF-16 file is refused here
    check_xlsx(path, limits)
    return SheetList(*xlsx_sheet_list(path))


def list_sheets(path: Path, limits: ImportLimits = DEFAULT_LIMITS) -> tuple[str, ...]:
    """Sheet names in workbook order, hidden ones too."""
    return sheet_list(path, limits).names


def _open_sheet(path: Path, sheet: str | None, limits: ImportLimits) -> tuple[SheetRows, tuple[str, ...]]:
    """``sheet`` None: the first visible sheet that can be opened (a notes sheet with a stray
    cell far out does not stop the takster on the next; a hidden sheet is never the default)."""
    refuse_cpr_file_name(path)  # before anything is read (a csv's sheet is named after the file)
    if sheet is not None:  # names of sheets are shown and stored with the import
        refuse_cpr_sheet_name(sheet, path.name)
    if file_kind(path, limits) is FileKind.CSV:
        name = csv_sheet_name(path)
        if sheet not in (None, name):
            raise UserError(f"En CSV-fil har kun ét ark (»{name}«), ikke »{sheet}«.", path.name)
        return read_csv_sheet(path, limits), (name,)
    check = check_xlsx(path, limits)
    sheets = SheetList(*xlsx_sheet_list(path))
    chosen = sheet or check.first_usable(sheets.visible)
    refuse_cpr_sheet_name(chosen, path.name)
    return read_xlsx_sheet(path, chosen, limits, check), sheets.names


def _check_header_cells(
    path: Path, sheet: str, rows: list[tuple[int, list[Cell]]], limits: ImportLimits
) -> None:
    """A too long cell in the title block or header refuses the file (its rows cannot be read),
    and so does a CPR-like number there: header texts are stored with the mapping."""
    for number, cells in rows:
        for c, value in enumerate(cells):
            if value is not None and not isinstance(value, bool) and find_cpr(cell_text(value)):
                raise UserError(
                    f"Cellen {col_letter(c)}{number} i arket »{sheet}« (over eller i overskriften) "
                    "indeholder noget, der ligner et CPR-nummer. RammeDesk gemmer aldrig CPR-numre; "
                    "fjern det fra filen, og prøv igen.",
                    path.name,
                )
            if isinstance(value, str) and len(value) > limits.max_cell_chars:
                raise UserError(
                    f"Cellen {col_letter(c)}{number} i arket »{sheet}« har {_dk(len(value))} tegn; "
                    f"grænsen er {_dk(limits.max_cell_chars)} tegn (indstillingen »længste celle«). "
                    "Forkort teksten, eller slet rækken, hvis den står over overskriften.",
                    path.name,
                )


def _check_mapped_columns(
    path: Path, sheet: str, mapping: ColumnMapping, head: list[tuple[int, list[Cell]]]
) -> None:
    """A given mapping (a file, or remembered) must name columns the sheet has."""
    width = max((i + 1 for _n, cells in head for i, v in enumerate(cells) if v is not None), default=0)
    beyond = sorted(
        (col_index(letter), letter, f.value)
        for letter, f in mapping.columns.items()
        if f is not Field.IGNORE and col_index(letter) >= width
    )
    if beyond:
        named = ", ".join(f"{letter} ({field})" for _i, letter, field in beyond)
        last = f"A–{col_letter(width - 1)}" if width > 1 else "A"
        raise UserError(
            f"Kolonneopsætningen bruger kolonne {named}, men arket »{sheet}« har kun kolonnerne {last} "
            "med indhold. Ret opsætningen (mapping-filen), eller vælg det rigtige ark.",
            path.name,
        )


def _dk(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _propose(
    path: Path, data: SheetRows, limits: ImportLimits
) -> tuple[ColumnMapping, list[list[Cell]], list[tuple[int, list[Cell]]]]:
    head = list(itertools.islice(data.rows, HEADER_SCAN_ROWS))
    guess = detect_header(head, data.merged, load_synonyms())
    if guess is None:
        raise UserError(
            f"Der er ingen kolonneoverskrifter i de første {HEADER_SCAN_ROWS} rækker af arket »{data.name}« "
            "(fx »Tilbud« og »Takst«). Tilføj en overskriftsrække, eller vælg kolonnerne selv.",
            path.name,
        )
    _check_header_cells(path, data.name, [(n, cells) for n, cells in head if n <= guess.header_row], limits)
    mapping = mapping_from_guess(data.name, guess, hidden=data.hidden_cols)
    title = [cells for number, cells in head if number < guess.first_row]
    return mapping, title, head


def propose_mapping(
    path: Path, sheet: str | None = None, limits: ImportLimits = DEFAULT_LIMITS
) -> ColumnMapping:
    """A mapping proposed from the header wording (the synonym table in database/)."""
    path = Path(path)
    data, _sheets = _open_sheet(path, sheet, limits)
    return _propose(path, data, limits)[0]


_YEAR_WORD = re.compile(r"\b(?:19|20)\d\d\b")


def _header_key(text: str) -> str:
    """A header's words without its year: "Takst 2024" next year reads "Takst 2025"."""
    return " ".join(_YEAR_WORD.sub(" ", words(text)).split())


def fit_remembered(
    path: Path, remembered: ColumnMapping, sheet: str | None = None, limits: ImportLimits = DEFAULT_LIMITS
) -> ColumnMapping:
    """Last import's mapping from the same sender, fitted to this file.

    The sheet, header row and years always come from this file (its header is detected again:
    next year's file may have another sheet name, an extra title row, "Takst 2025" for "Takst
    2024"), so a remembered mapping can never pin last year's year on this year's amounts. What
    is remembered is the user's choice of field and niveau per header text, matched by the
    header's words without years; a column whose header is new keeps the proposed field. A
    mapping remembered without header texts is matched by column letter.
    """
    path = Path(path)
    visible = sheet_list(path, limits).visible  # a remembered name now hidden is last year's sheet
    if sheet is None and remembered.sheet in visible:
        sheet = remembered.sheet
    proposed = _first_proposal(path, [sheet] if sheet else list(visible), limits)
    by_header = {_header_key(h): letter for letter, h in remembered.headers.items()}
    columns, levels = dict(proposed.columns), dict(proposed.levels)
    for letter, text in proposed.headers.items():
        old = by_header.get(_header_key(text)) if remembered.headers else letter
        if old is None or old not in remembered.columns:
            continue
        columns[letter] = remembered.columns[old]
        levels.pop(letter, None)
        if columns[letter] in AMOUNT_FIELDS and old in remembered.levels:
            levels[letter] = remembered.levels[old]
    years = {k: v for k, v in proposed.years.items() if columns.get(k) in AMOUNT_FIELDS}
    return replace(proposed, columns=columns, years=years, levels=levels)


def _first_proposal(path: Path, sheets: list[str], limits: ImportLimits) -> ColumnMapping:
    first: UserError | None = None
    for name in sheets:
        try:
            return propose_mapping(path, name, limits)
        except UserError as exc:
            first = first or exc
    assert first is not None
    raise first


@lru_cache(maxsize=1)
def _paragraf_ids() -> tuple[frozenset[str], frozenset[str]]:
    from rammedesk.fileio.reference_csv import load_reference_data

    refs = load_reference_data().paragraffer
    return frozenset(p.id for p in refs), frozenset(p.id for p in refs if p.historisk)


def _check_mapping(path: Path, mapping: ColumnMapping) -> None:
    fields = set(mapping.columns.values())
    if Field.TILBUD not in fields:
        raise UserError("Ingen kolonne er sat til »tilbud«. Vælg kolonnen med tilbuddets navn.", path.name)
    if not fields & AMOUNT_FIELDS:
        raise UserError("Ingen kolonne er sat til et beløb (takst). Vælg beløbskolonnen.", path.name)


@dataclass
class _Opened:
    """A sheet opened for parsing: the mapping in force and its row results, lazily."""

    mapping: ColumnMapping
    data: SheetRows
    sheets: tuple[str, ...]
    results: Iterator[tuple[int, RowResult]]
    title: TitleInfo


def _open_parsing(
    path: Path,
    *,
    sheet: str | None,
    mapping: ColumnMapping | None,
    year: int | None,
    limits: ImportLimits,
    paragraf_ids: tuple[frozenset[str], frozenset[str]] | None,
    today: date | None,
    title: TitleInfo | None = None,
) -> _Opened:
    """``title`` given: the title block as first read (a re-read must parse the same way)."""
    data, sheets = _open_sheet(path, mapping.sheet if mapping and sheet is None else sheet, limits)
    proposed, title_rows, head = _propose(path, data, limits) if mapping is None else (None, [], [])
    if mapping is None:
        assert proposed is not None
        mapping = proposed
    else:
        head = list(itertools.islice(data.rows, HEADER_SCAN_ROWS))
        title_rows = [cells for number, cells in head if number < mapping.header_row]
        _check_header_cells(path, data.name, [(n, c) for n, c in head if n <= mapping.header_row], limits)
        _check_mapped_columns(path, data.name, mapping, head)
        # The header as this file has it: its words give units, moms basis and ydelse names.
        texts = header_texts(head, data.merged, mapping.header_row)
        headers = {col_letter(c): t for c, t in enumerate(texts) if t} or mapping.headers
        if mapping.sheet != data.name or headers != mapping.headers:
            mapping = replace(mapping, sheet=data.name, headers=headers)
    _check_mapping(path, mapping)
    title = title or title_info(title_rows)
    known, historic = paragraf_ids or _paragraf_ids()
    parser = RowParser(
        file=path.name,
        mapping=mapping,
        limits=limits,
        synonyms=load_synonyms(),
        title=title,
        year=year,
        paragraf_ids=known,
        historic_ids=historic,
        today=today,
        uncached=data.uncached,
    )
    rows = itertools.chain(head, data.rows)
    header_row = mapping.header_row

    def results() -> Iterator[tuple[int, RowResult]]:
        for number, cells in rows:
            if number > header_row:
                yield from parser.feed(number, cells)
        yield from parser.finish()

    return _Opened(mapping, data, sheets, results(), title)


def _no_data_rows(path: Path, sheet: str, header_row: int) -> UserError:
    return UserError(
        f"Arket »{sheet}« har ingen datarækker under overskriften i række {header_row}. "
        "Vælg et andet ark eller en anden overskriftsrække.",
        path.name,
    )


class TakstfilStream:
    """A takstfil opened, mapped and checked for data rows, whose rows are parsed only as
    ``chunks()`` is iterated: an import of a large file never holds more than a chunk.

    Each ``chunks()`` after the first reads the file again, and refuses it if it changed since it
    was opened (the dry run a user approved must be the file that is applied).
    """

    def __init__(
        self,
        path: Path,
        *,
        sheet: str | None = None,
        mapping: ColumnMapping | None = None,
        year: int | None = None,
        limits: ImportLimits = DEFAULT_LIMITS,
        paragraf_ids: tuple[frozenset[str], frozenset[str]] | None = None,
        today: date | None = None,
        chunk_rows: int = CHUNK_ROWS,
    ) -> None:
        self.path = Path(path)
        self._year, self._limits, self._paragraf_ids, self._today = year, limits, paragraf_ids, today
        self.chunk_rows = chunk_rows
        opened = self._open(sheet, mapping, None)  # checks the file first: missing, hostile …
        self.sha256 = sha256_of(self.path)
        self.mapping, self.sheets, self._title = opened.mapping, opened.sheets, opened.title
        self.sheet, self.total_rows = opened.data.name, opened.data.total_rows
        # Read up to the first data row now, so a sheet without any is refused at once.
        self._head: list[tuple[int, RowResult]] = []
        for number, result in opened.results:
            self._head.append((number, result))
            if result.kind == "data":
                break
        else:
            raise _no_data_rows(self.path, self.sheet, self.mapping.header_row)
        self._fresh: _Opened | None = opened

    def _open(self, sheet: str | None, mapping: ColumnMapping | None, title: TitleInfo | None) -> _Opened:
        return _open_parsing(
            self.path,
            sheet=sheet,
            mapping=mapping,
            year=self._year,
            limits=self._limits,
            paragraf_ids=self._paragraf_ids,
            today=self._today,
            title=title,
        )

    @property
    def file(self) -> str:
        return self.path.name

    @property
    def as_of(self) -> date | None:
        return self._title.as_of

    def _results(self) -> Iterator[tuple[int, RowResult]]:
        opened, self._fresh = self._fresh, None
        if opened is not None:
            return itertools.chain(self._head, opened.results)
        if sha256_of(self.path) != self.sha256:
            raise UserError(
                "Filen er ændret, siden den blev læst. Læs den ind igen, og se prøvekørslen igen.",
                self.path.name,
            )
        return self._open(self.sheet, self.mapping, self._title).results

    def chunks(self) -> Iterator[TakstChunk]:
        takster: list[TakstRow] = []
        errors: list[RowError] = []
        rows_read = 0
        number = 0
        for number, result in self._results():
            if result.kind == "data":
                rows_read += 1
                takster.extend(result.takster)
                errors.extend(result.errors)
                if rows_read == self.chunk_rows:
                    yield TakstChunk(rows_read, tuple(takster), tuple(errors), number)
                    takster, errors, rows_read = [], [], 0
        if rows_read or number == 0:
            yield TakstChunk(rows_read, tuple(takster), tuple(errors), number)


def stream_takstfil(path: Path, **options: Any) -> TakstfilStream:
    """Open ``path`` for a streaming import; the options are read_takstfil's (no progress)."""
    return TakstfilStream(path, **options)


def read_takstfil(
    path: Path,
    *,
    sheet: str | None = None,
    mapping: ColumnMapping | None = None,
    year: int | None = None,
    limits: ImportLimits = DEFAULT_LIMITS,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    paragraf_ids: tuple[frozenset[str], frozenset[str]] | None = None,
    today: date | None = None,
) -> ParsedTakstfil:
    """Read, map and validate a whole takstfil into memory. ``mapping`` None → the proposed one.

    ``year`` is the takst year for amounts whose row and column give none (it wins over a year
    in the title block). ``paragraf_ids`` (known, historic) default to the reference data.
    """
    stream = TakstfilStream(
        Path(path),
        sheet=sheet,
        mapping=mapping,
        year=year,
        limits=limits,
        paragraf_ids=paragraf_ids,
        today=today,
        chunk_rows=_PROGRESS_EVERY,
    )
    takster: list[TakstRow] = []
    errors: list[RowError] = []
    rows_read = 0
    total = stream.total_rows
    for chunk in stream.chunks():
        if cancel is not None and cancel():
            raise Cancelled("Indlæsningen blev afbrudt. Intet er ændret.", stream.file)
        if progress is not None:
            progress(chunk.last_row, total, f"Læser række {chunk.last_row} af {total}")
        rows_read += chunk.rows_read
        takster.extend(chunk.takster)
        errors.extend(chunk.errors)
    if progress is not None:
        progress(total, total, "Filen er læst")
    return ParsedTakstfil(
        file=stream.file,
        sha256=stream.sha256,
        sheet=stream.sheet,
        sheets=stream.sheets,
        mapping=stream.mapping,
        rows_read=rows_read,
        takster=tuple(takster),
        errors=tuple(errors),
        as_of=stream.as_of,
    )


def preview_rows(
    path: Path,
    mapping: ColumnMapping | None = None,
    n: int = 10,
    *,
    year: int | None = None,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> list[TakstRow | RowError]:
    """The takster and errors of the first ``n`` data rows, for a live preview of a mapping."""
    path = Path(path)
    results = _open_parsing(
        path, sheet=None, mapping=mapping, year=year, limits=limits, paragraf_ids=None, today=None
    ).results
    out: list[TakstRow | RowError] = []
    seen = 0
    for _number, result in results:
        if result.kind != "data":
            continue
        out.extend(result.takster)
        out.extend(result.errors)
        seen += 1
        if seen >= n:
            break
    return out
