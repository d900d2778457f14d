"""Apply a takstfil: match rows to the catalogue, preview (dry run), apply atomically, undo.

The dry run runs the very same apply and rolls it back, so the preview can never disagree
with what an apply would do.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal

from rammedesk.domain.cpr import refuse_cpr, refuse_cpr_file_name, refuse_cpr_sheet_name
from rammedesk.domain.takstfil import (
    ColumnMapping,
    Field,
    RowError,
    TakstRow,
    TakstSource,
    same_in_row_reason,
)
from rammedesk.domain.vocab import TakstArt
from rammedesk.errors import Cancelled, UserError
from rammedesk.fileio.takstfil_mapping import mapping_to_json
from rammedesk.services.import_plan import Plan, match_row
from rammedesk.services.import_report import Ambiguous, ImportReport, NoValidRows, TakstChange
from rammedesk.services.import_tilbud_ids import TilbudIdUpdates
from rammedesk.storage.imports import AfdelingKey, ImportStore, NewTakst, StoredTakst, TilbudKey
from rammedesk.storage.store import Store

DEFAULT_YDELSE = "Ophold"


def mapping_json(mapping: ColumnMapping) -> str:
    """The documented mapping-file schema (docs/cli.md), as stored with a batch and per source."""
    return json.dumps(mapping_to_json(mapping), ensure_ascii=False, sort_keys=True)


class _DryRun(Exception):
    def __init__(self, report: ImportReport) -> None:
        super().__init__("dry run")
        self.report = report


def import_takstfil(
    store: Store,
    parsed: TakstSource,
    *,
    source: str,
    dry_run: bool,
    as_of: date | None = None,
    allow_demo: bool = False,
    default_kommune: int | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    resolved: Mapping[str, int] | None = None,
) -> ImportReport:
    """Match and apply ``parsed`` in one transaction; a dry run rolls it back.

    ``resolved`` maps a tilbud name as written in the file to the tilbud id the user chose for
    rows whose name fits several tilbud (an id that is not among a row's candidates is ignored:
    the row stays ambiguous).

    ``parsed`` is consumed chunk by chunk (a ``ParsedTakstfil`` is one chunk; a stream from
    fileio reads the file as it goes), each chunk matched and written before the next is read.
    ``default_kommune`` places new tilbud whose row names no kommune (nor a kommunal
    driftsherre). A file none of whose rows can be applied is refused and changes nothing.
    A CPR-like number in the source, file name or sheet name is refused: all three are stored.
    """
    refuse_cpr(source, "Kilde")
    refuse_cpr_file_name(parsed.file)
    refuse_cpr_sheet_name(parsed.sheet, parsed.file)
    with store.unit_of_work() as repos:
        if repos.has_demo_data() and not allow_demo:
            raise UserError(
                "Databasen indeholder demodata. Rigtige takster bør ikke blandes med fiktive: "
                "importér i en database oprettet med 'rammedesk init', eller brug --force.",
                store.location.display,
            )
    backup = None if dry_run else store.backup("foer-import")
    try:
        with store.unit_of_work(parsed.file) as repos:
            report = _Apply(
                repos.imports,
                parsed,
                dry_run=dry_run,
                default_kommune=default_kommune,
                progress=progress,
                cancel=cancel,
            ).run(source=source, as_of=as_of or parsed.as_of or date.today(), resolved=resolved or {})
            repos.invalidate_search_index()
            if dry_run or report.batch_id is None:
                raise _DryRun(report)  # roll everything back (an apply of ambiguous rows only, too)
            repos.imports.remember_mapping(source, mapping_json(parsed.mapping), report.batch_id)
    except _DryRun as dry:
        store.discard_backup(backup)  # nothing was stored: the copy equals the database
        return dry.report
    except (UserError, Cancelled):
        store.discard_backup(backup)  # refused or cancelled: rolled back cleanly
        raise
    return ImportReport(**{**report.__dict__, "backup": backup})


_Placed = tuple[TakstRow, TilbudKey, AfdelingKey]


def _same(old: StoredTakst, row: TakstRow) -> bool:
    return (old.beloeb, old.individuel_pris, old.enhed, old.status, old.finansiering, old.moms_basis) == (
        row.beloeb,
        row.beloeb is None,
        row.enhed,
        row.status,
        row.finansiering,
        row.moms_basis,
    )


def _matching(row: int, total: int) -> str:
    return f"Matcher række {row:,} af {total:,} med tilbudsviften".replace(",", ".")


def _cancelled() -> Cancelled:
    return Cancelled("Importen blev annulleret; databasen er uændret.")


class _Apply:
    """One import's apply: chunk by chunk, keeping only counts, refusals and the diff; each
    chunk is written (inside the one transaction) before the next is read."""

    def __init__(
        self,
        imports: ImportStore,
        parsed: TakstSource,
        *,
        dry_run: bool,
        default_kommune: int | None,
        progress: Callable[[int, int, str], None] | None,
        cancel: Callable[[], bool] | None,
    ) -> None:
        self.imports, self.parsed, self.dry_run = imports, parsed, dry_run
        self.default_kommune, self.progress, self.cancel = default_kommune, progress, cancel
        self.rejected: list[RowError] = []
        self.ambiguous: dict[int, Ambiguous] = {}
        self.changes: list[TakstChange] = []
        self.new_vs_previous: list[TakstChange] = []
        # Takster this import changes (key → the row): a new takst of the year after is
        # compared with the value that will stand.
        self._changed_to: dict[tuple[int, int, TakstArt], TakstRow] = {}
        self.rows_read = self.accepted = self.placed = self.new = self.unchanged = 0

    def run(self, *, source: str, as_of: date, resolved: Mapping[str, int]) -> ImportReport:
        parsed, imports = self.parsed, self.imports
        batch_id = imports.add_batch(
            kilde=source,
            filnavn=parsed.file,
            sha256=parsed.sha256,
            ark=parsed.sheet,
            mapping_json=mapping_json(parsed.mapping),
            as_of=as_of,
        )
        plan = Plan(imports, batch_id, imports.kommuner(), imports.tilbud(), imports.afdelinger())
        self.ids = TilbudIdUpdates(imports, parsed.file, parsed.mapping, batch_id, plan.created)
        plan.resolved = {plan.fold(name): tilbud_id for name, tilbud_id in resolved.items()}
        plan.kommune_column = next(
            (c for c, f in sorted(parsed.mapping.columns.items()) if f is Field.KOMMUNE), None
        )
        total = parsed.total_rows
        for chunk in parsed.chunks():
            if self.cancel is not None and self.cancel():
                raise _cancelled()
            self.rows_read += chunk.rows_read
            self.accepted += len(chunk.takster)
            self.rejected.extend(chunk.errors)
            self._store(plan, self._placed(plan, chunk.takster), batch_id)
            imports.flush_new()
            if self.progress is not None:
                self.progress(chunk.last_row, total, _matching(chunk.last_row, total))
        if self.accepted == 0 and not self.dry_run:
            raise NoValidRows(
                f"Ingen gyldige rækker i filen ({len(self.rejected)} afvist); intet er importeret. "
                + _first_reasons(self.rejected),
                parsed.file,
                self.rejected,
            )
        # Only ambiguous rows: nothing to store until the user chooses (the report says which).
        held = self.placed == 0 and bool(self.ambiguous)
        if self.placed == 0 and not self.dry_run and not held:
            raise NoValidRows(
                "Ingen af filens rækker kunne bruges; intet er importeret. " + _first_reasons(self.rejected),
                parsed.file,
                self.rejected,
            )
        # Every takst refused when stored (two in one row, a row repeating an earlier one): the
        # tilbud those rows created must not stay behind without takster.
        usable = self.new + len(self.changes) + self.unchanged
        if usable == 0 and not held and not self.dry_run:
            raise NoValidRows(
                "Ingen af filens takster kunne gemmes; intet er importeret. " + _first_reasons(self.rejected),
                parsed.file,
                self.rejected,
            )
        if self.cancel is not None and self.cancel():
            raise _cancelled()
        return ImportReport(
            file=parsed.file,
            sheet=parsed.sheet,
            rows_read=self.rows_read,
            imported=self.new + len(self.changes),
            new_takster=self.new,
            unchanged=self.unchanged,
            new_tilbud=plan.new_tilbud,
            assumed_driftsherre=plan.assumed_driftsherre,
            changed_takster=len(self.changes),
            # One row with several years gives one refusal, not one per year.
            rejected=tuple(sorted(dict.fromkeys(self.rejected), key=lambda e: (e.sheet, e.row))),
            ambiguous=tuple(self.ambiguous.values()),
            mapping=parsed.mapping,
            batch_id=None if self.dry_run or held else batch_id,
            dry_run=self.dry_run,
            changes=tuple(self.changes),
            valid_takster=self.accepted if usable or held else 0,
            new_vs_previous=tuple(self.new_vs_previous),
            changed_tilbud_info=self.ids.changed_tilbud,
            tilbud_changes=tuple(self.ids.changes),
        )

    def _placed(self, plan: Plan, takster: tuple[TakstRow, ...]) -> list[_Placed]:
        """The chunk's takster with their tilbud and afdeling; refusals and ambiguities noted."""
        placed: list[_Placed] = []
        last_row: tuple[str, int] | None = None
        match: tuple[TilbudKey, AfdelingKey] | RowError | Ambiguous | None = None
        total = self.parsed.total_rows
        for i, row in enumerate(takster):
            if self.cancel is not None and self.cancel():  # a cheap flag check: every row
                raise _cancelled()
            if self.progress is not None and i % 500 == 0:
                self.progress(row.row, total, _matching(row.row, total))
            # The takster of one sheet row (several years or levels) share its tilbud and afdeling.
            if (row.sheet, row.row) != last_row:
                last_row, match = (
                    (row.sheet, row.row),
                    match_row(plan, row, self.parsed.file, self.default_kommune),
                )
            if isinstance(match, RowError):
                self.rejected.append(match)
            elif isinstance(match, Ambiguous):
                self.ambiguous.setdefault(row.row, match)
            elif match is not None:
                placed.append((row, *match))
        self.placed += len(placed)
        return placed

    def _consistent(self, placed: list[_Placed]) -> list[_Placed]:
        """The placed takster but those of a row giving its tilbud another CVR, P-nummer or
        telefon than an earlier row did (refused before any of its ydelser is made)."""
        self.ids.load({tk.id for _r, tk, _a in placed})
        kept: list[_Placed] = []
        last_row: tuple[str, int] | None = None
        refused = False
        for line in placed:
            row, tk, _ak = line
            if (row.sheet, row.row) != last_row:
                last_row, error = (row.sheet, row.row), self.ids.claim(row, tk)
                if error is not None:
                    self.rejected.append(error)
                refused = error is not None
            if not refused:
                kept.append(line)
        return kept

    def _store(self, plan: Plan, placed: list[_Placed], batch_id: int) -> None:
        """Queue the chunk's new ydelser and takster, changed takster with their before-images, and
        the CVR, P-nummer and telefon its rows give their tilbud.

        Earlier chunks are in the database already: their ydelser are found like stored ones, and
        a takst this batch already wrote is a duplicate the reader could not see (two names
        matched to one ydelse, say by Tilbudsportalen id), refused here.
        """
        imports = self.imports
        placed = self._consistent(placed)
        created: dict[tuple[int, str, str], int] = {}
        ydelser = imports.ydelser({a.id for _r, _t, a in placed}, plan.fold)
        keys: list[tuple[TakstRow, TilbudKey, AfdelingKey, int]] = []
        for row, tk, ak in placed:
            navn = (row.ydelse or DEFAULT_YDELSE).strip()
            key = (ak.id, plan.fold(navn), plan.fold(row.niveau or ""))
            y_id = created.get(key) or ydelser.get(key)
            if y_id is None:
                y_id = imports.add_ydelse(
                    ak.id, navn, row.niveau, row.paragraf_id, batch_id, more_paragraffer=row.more_paragraffer
                )
                created[key] = y_id
            keys.append((row, tk, ak, y_id))
        mine = set(created.values())  # made in this chunk: nothing stored yet
        stored = imports.takster({y for *_rest, y in keys if y not in mine})
        added: dict[tuple[int, int, TakstArt], int] = {}
        for _where, group in itertools.groupby(keys, key=lambda k: (k[0].sheet, k[0].row)):
            lines = [(row, tk, ak, (y_id, row.aar, row.art)) for row, tk, ak, y_id in group]
            clash = next((ln for ln in lines if _taken(ln[3], added, stored, batch_id)), None)
            if clash is not None:  # a refusal refuses the whole row
                self.rejected.append(_duplicate(self.parsed.file, clash[0], added.get(clash[3])))
                continue
            if len({ln[3] for ln in lines}) < len(lines):
                self.rejected.append(_same_in_row(self.parsed.file, [(ln[0], ln[3]) for ln in lines]))
                continue
            self.ids.take(lines[0][0], lines[0][1])  # the row's CVR, P-nummer, telefon
            fresh = []
            for row, tk, ak, key3 in lines:
                added[key3] = row.row
                old = stored.get(key3)
                if old is None:
                    imports.add_takst(key3[0], row, batch_id)
                    self.new += 1
                    fresh.append((row, tk, ak, key3))
                elif _same(old, row):
                    self.unchanged += 1
                else:
                    value = NewTakst(row.beloeb, row.enhed, row.status, row.finansiering, row.moms_basis)
                    imports.change_takst(old, value, batch_id)
                    self.changes.append(_change(row, tk, ak, (old.beloeb, old.individuel_pris)))
                    self._changed_to[key3] = row
            for line in fresh:  # after the row's changes: the year before may be one of them
                before = self._year_before(line, stored, batch_id)
                if before is not None:
                    self.new_vs_previous.append(before)

    def _year_before(
        self,
        line: tuple[TakstRow, TilbudKey, AfdelingKey, tuple[int, int, TakstArt]],
        stored: dict[tuple[int, int, TakstArt], StoredTakst],
        batch_id: int,
    ) -> TakstChange | None:
        """A new takst against the takst of the year before as it will stand (a value this
        import changes: the new one), when there was one before this import and the two compare
        fairly (same unit and moms basis)."""
        row, tk, ak, (y_id, aar, art) = line
        prev_key = (y_id, aar - 1, art)
        now = self._changed_to.get(prev_key)
        if now is not None:
            enhed, moms, old = now.enhed, now.moms_basis, (now.beloeb, now.beloeb is None)
        else:
            prev = stored.get(prev_key)
            if prev is None or prev.import_batch_id == batch_id:  # none, or new in this import
                return None
            enhed, moms, old = prev.enhed, prev.moms_basis, (prev.beloeb, prev.individuel_pris)
        if (enhed, moms) != (row.enhed, row.moms_basis):
            return None
        return _change(row, tk, ak, old, old_aar=aar - 1)


def _taken(
    key3: tuple[int, int, TakstArt],
    added: dict[tuple[int, int, TakstArt], int],
    stored: dict[tuple[int, int, TakstArt], StoredTakst],
    batch_id: int,
) -> bool:
    """Whether this import already wrote that takst (an earlier row, or an earlier chunk)."""
    old = stored.get(key3)
    return key3 in added or (old is not None and old.import_batch_id == batch_id)


def _change(
    row: TakstRow,
    tk: TilbudKey,
    ak: AfdelingKey,
    old: tuple[Decimal | None, bool],
    *,
    old_aar: int | None = None,
) -> TakstChange:
    """``old``: the compared value and whether it is an individual price."""
    return TakstChange(
        row.sheet,
        row.row,
        tk.navn,
        ak.navn,
        row.ydelse or DEFAULT_YDELSE,
        row.aar,
        row.art.value,
        old[0],
        row.beloeb,
        old[1],
        row.beloeb is None,
        old_aar,
    )


def _duplicate(file: str, row: TakstRow, first: int | None) -> RowError:
    where = f"række {first}" if first is not None else "en tidligere række"
    return RowError(
        file,
        row.sheet,
        row.row,
        row.column,
        f"Samme takst som i {where}: rækken passer på samme tilbud, afdeling, ydelse, niveau, art og "
        f"år {row.aar}. Slet den ene af rækkerne.",
    )


def _same_in_row(file: str, lines: list[tuple[TakstRow, tuple[int, int, TakstArt]]]) -> RowError:
    seen: dict[tuple[int, int, TakstArt], TakstRow] = {}
    first, row = lines[0][0], lines[-1][0]
    for line, key in lines:
        if key in seen:
            first, row = seen[key], line
            break
        seen[key] = line
    return RowError(file, row.sheet, row.row, row.column, same_in_row_reason(first, row))


def _first_reasons(rejected: list[RowError], n: int = 3) -> str:
    return "; ".join(f"{e.where}: {e.reason}" for e in rejected[:n])
