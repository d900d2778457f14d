"""Apply a takstfil: match rows to the catalogue, preview (dry run), apply atomically, undo.

The dry run runs the very same apply and rolls it back, so the preview can never disagree
with what an apply would do.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from rammedesk.domain.folding import folded_text
from rammedesk.domain.takstfil import ColumnMapping, ParsedTakstfil, RowError, TakstRow
from rammedesk.domain.vocab import DriftsherreArt, TakstArt
from rammedesk.errors import Cancelled, UserError
from rammedesk.fileio.takstfil_mapping import mapping_to_json
from rammedesk.storage.imports import AfdelingKey, ImportStore, NewTakst, TilbudKey
from rammedesk.storage.store import Store

DEFAULT_YDELSE = "Ophold"


@dataclass(frozen=True)
class TakstChange:
    sheet: str
    row: int
    tilbud: str
    afdeling: str
    ydelse: str
    aar: int
    art: str
    old: Decimal | None
    new: Decimal | None
    old_individuel: bool
    new_individuel: bool

    @property
    def pct(self) -> Decimal | None:
        if self.old is None or self.new is None or self.old == 0:
            return None
        return ((self.new - self.old) / self.old * 100).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Ambiguous:
    sheet: str
    row: int
    tilbud: str
    candidates: tuple[int, ...]


@dataclass(frozen=True)
class ImportReport:
    file: str
    sheet: str
    rows_read: int
    imported: int  # takst values stored (or that would be, in a dry run)
    new_takster: int
    unchanged: int
    new_tilbud: int
    changed_takster: int
    rejected: tuple[RowError, ...]
    ambiguous: tuple[Ambiguous, ...]
    mapping: ColumnMapping
    batch_id: int | None
    dry_run: bool
    changes: tuple[TakstChange, ...] = ()
    backup: Path | None = None


def mapping_json(mapping: ColumnMapping) -> str:
    """The documented mapping-file schema (docs/cli.md), as stored with a batch and per source."""
    return json.dumps(mapping_to_json(mapping), ensure_ascii=False, sort_keys=True)


class _DryRun(Exception):
    def __init__(self, report: ImportReport) -> None:
        super().__init__("dry run")
        self.report = report


@dataclass
class _Plan:
    """Everything matched so far, including what this import created."""

    store: ImportStore
    batch_id: int
    kommuner: dict[str, int]
    tilbud: list[TilbudKey]
    afdelinger: list[AfdelingKey]
    by_id: dict[int, TilbudKey] = field(default_factory=dict)
    by_tp_tilbud: dict[int, TilbudKey] = field(default_factory=dict)
    by_tp_afdeling: dict[int, AfdelingKey] = field(default_factory=dict)
    by_name: dict[str, list[TilbudKey]] = field(default_factory=dict)
    afd_of: dict[int, list[AfdelingKey]] = field(default_factory=dict)
    afd_by_name: dict[tuple[int, str], AfdelingKey] = field(default_factory=dict)
    new_tilbud: int = 0
    # Names repeat on every row of a tilbud: fold each distinct one once per import.
    fold: Callable[[str], str] = field(default_factory=lambda: lru_cache(maxsize=None)(folded_text))

    def __post_init__(self) -> None:
        for tk in self.tilbud:
            self._index_tilbud(tk)
        for ak in self.afdelinger:
            self._index_afdeling(ak)

    def _index_tilbud(self, tk: TilbudKey) -> None:
        self.by_id[tk.id] = tk
        if tk.tp_tilbudsid is not None:
            self.by_tp_tilbud[tk.tp_tilbudsid] = tk
        self.by_name.setdefault(self.fold(tk.navn), []).append(tk)

    def _index_afdeling(self, ak: AfdelingKey) -> None:
        if ak.tp_afdelingsid is not None:
            self.by_tp_afdeling[ak.tp_afdelingsid] = ak
        self.afd_of.setdefault(ak.tilbud_id, []).append(ak)
        self.afd_by_name.setdefault((ak.tilbud_id, self.fold(ak.navn)), ak)

    def kommune(self, row: TakstRow) -> int | None:
        if row.kommune is None:
            # A kommunal driftsherre ("Aarhus Kommune") also tells where a new tilbud lies.
            folded = self.fold(row.driftsherre or "")
            if folded.endswith(" kommune"):
                return self.kommuner.get(folded.removesuffix(" kommune"))
            return None
        return self.kommuner.get(self.fold(row.kommune)) or self.kommuner.get(row.kommune.strip())

    def find_tilbud(self, row: TakstRow, kommune: int | None) -> TilbudKey | list[int] | None:
        """The tilbud, or candidate ids when ambiguous, or None when new."""
        if row.tp_tilbudsid is not None and row.tp_tilbudsid in self.by_tp_tilbud:
            return self.by_tp_tilbud[row.tp_tilbudsid]
        if row.tp_afdelingsid is not None and row.tp_afdelingsid in self.by_tp_afdeling:
            return self.by_id[self.by_tp_afdeling[row.tp_afdelingsid].tilbud_id]
        candidates = self.by_name.get(self.fold(row.tilbud), [])
        if kommune is not None:
            candidates = [tk for tk in candidates if tk.kommune_kode == kommune]
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            return [tk.id for tk in candidates]
        return None

    def create_tilbud(self, row: TakstRow, kommune: int) -> TilbudKey:
        if row.driftsherre:
            d_id = self.store.driftsherre_by_name(row.driftsherre)
            if d_id is None:
                d_id = self.store.add_driftsherre(
                    row.driftsherre.strip(), _art_of(row.driftsherre), kommune, self.batch_id
                )
        else:
            d_id = self.store.kommunal_driftsherre(kommune, self.batch_id)
        new_id = self.store.add_tilbud(row.tilbud.strip(), kommune, d_id, row.tp_tilbudsid, self.batch_id)
        tk = TilbudKey(new_id, row.tilbud.strip(), kommune, row.tp_tilbudsid)
        self.tilbud.append(tk)
        self._index_tilbud(tk)
        self.new_tilbud += 1
        return tk

    def find_afdeling(self, row: TakstRow, tk: TilbudKey) -> AfdelingKey | str:
        """The afdeling (created if the file names a new one), or a Danish reason to refuse."""
        if row.tp_afdelingsid is not None and row.tp_afdelingsid in self.by_tp_afdeling:
            return self.by_tp_afdeling[row.tp_afdelingsid]
        own = self.afd_of.get(tk.id, [])
        name = (row.afdeling or "").strip()
        if name:
            found = self.afd_by_name.get((tk.id, self.fold(name)))
            if found is not None:
                return found
        elif len(own) == 1:
            return own[0]
        elif own:
            same = self.afd_by_name.get((tk.id, self.fold(tk.navn)))
            if same is not None:
                return same
            return (
                f"Tilbuddet »{tk.navn}« har {len(own)} afdelinger, og rækken siger ikke hvilken. "
                "Tilføj en kolonne med afdelingens navn."
            )
        navn = name or tk.navn
        new_id = self.store.add_afdeling(tk.id, navn, row.tp_afdelingsid, self.batch_id)
        ak = AfdelingKey(new_id, tk.id, navn, row.tp_afdelingsid)
        self._index_afdeling(ak)
        return ak


def _art_of(driftsherre: str) -> DriftsherreArt:
    folded = folded_text(driftsherre)
    if folded.endswith("kommune"):
        return DriftsherreArt.KOMMUNAL
    if folded.startswith("region"):
        return DriftsherreArt.REGIONAL
    if "fond" in folded or "selvejende" in folded:
        return DriftsherreArt.SELVEJENDE
    return DriftsherreArt.PRIVAT


def import_takstfil(
    store: Store,
    parsed: ParsedTakstfil,
    *,
    source: str,
    dry_run: bool,
    as_of: date | None = None,
    allow_demo: bool = False,
    default_kommune: int | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ImportReport:
    """Match and apply ``parsed`` in one transaction; a dry run rolls it back.

    ``default_kommune`` places new tilbud whose row names no kommune (nor a kommunal
    driftsherre). A file none of whose rows can be applied is refused and changes nothing.
    """
    with store.unit_of_work() as repos:
        if repos.has_demo_data() and not allow_demo:
            raise UserError(
                "Databasen indeholder demodata. Rigtige takster bør ikke blandes med fiktive: "
                "importér i en database oprettet med 'rammedesk init', eller brug --force.",
                store.location.display,
            )
    if not parsed.takster and not dry_run:
        raise UserError(
            f"Ingen gyldige rækker i filen ({len(parsed.errors)} afvist); intet er importeret.",
            parsed.file,
        )
    backup = None if dry_run else store.backup("foer-import")
    try:
        with store.unit_of_work(parsed.file) as repos:
            report = _apply(
                repos.imports,
                parsed,
                source=source,
                dry_run=dry_run,
                as_of=as_of or parsed.as_of or date.today(),
                default_kommune=default_kommune,
                progress=progress,
                cancel=cancel,
            )
            repos.invalidate_search_index()
            if not dry_run:
                repos.imports.remember_mapping(source, mapping_json(parsed.mapping))
            else:
                raise _DryRun(report)  # roll everything back
    except _DryRun as dry:
        return dry.report
    return ImportReport(**{**report.__dict__, "backup": backup})


def _match(
    plan: _Plan, row: TakstRow, file: str, default_kommune: int | None
) -> tuple[TilbudKey, AfdelingKey] | RowError | Ambiguous:
    """The row's tilbud and afdeling (created when new), or why not."""
    kommune = plan.kommune(row) or (None if row.kommune else default_kommune)
    if row.kommune and kommune is None:  # a named kommune that does not exist
        return RowError(
            file,
            row.sheet,
            row.row,
            None,
            f"Ukendt kommune »{row.kommune}«. Skriv kommunens navn eller kode.",
        )
    found = plan.find_tilbud(row, kommune)
    if isinstance(found, list):
        return Ambiguous(row.sheet, row.row, row.tilbud, tuple(found))
    if found is None:
        if kommune is None:
            return RowError(
                file,
                row.sheet,
                row.row,
                None,
                f"Tilbuddet »{row.tilbud}« findes ikke i databasen, og rækken har ingen kommune. "
                "Tilføj en kolonne med beliggenhedskommunen, så det kan oprettes.",
            )
        found = plan.create_tilbud(row, kommune)
    afdeling = plan.find_afdeling(row, found)
    if isinstance(afdeling, str):
        return RowError(file, row.sheet, row.row, None, afdeling)
    return found, afdeling


def _apply(
    imports: ImportStore,
    parsed: ParsedTakstfil,
    *,
    source: str,
    dry_run: bool,
    as_of: date,
    progress: Callable[[int, int, str], None] | None,
    cancel: Callable[[], bool] | None,
    default_kommune: int | None = None,
) -> ImportReport:
    batch_id = imports.add_batch(
        kilde=source,
        filnavn=parsed.file,
        sha256=parsed.sha256,
        ark=parsed.sheet,
        mapping_json=mapping_json(parsed.mapping),
        as_of=as_of,
    )
    plan = _Plan(imports, batch_id, imports.kommuner(), imports.tilbud(), imports.afdelinger())
    rejected = list(parsed.errors)
    ambiguous: dict[int, Ambiguous] = {}
    placed: list[tuple[TakstRow, TilbudKey, AfdelingKey]] = []
    total = len(parsed.takster)
    last_row: tuple[str, int] | None = None
    match: tuple[TilbudKey, AfdelingKey] | RowError | Ambiguous | None = None
    for i, row in enumerate(parsed.takster):
        if cancel is not None and cancel():  # a cheap flag check: every row
            raise Cancelled("Importen blev annulleret; databasen er uændret.")
        if progress is not None and i % 500 == 0:
            progress(i, total, "Matcher rækker med tilbudsviften")
        # The takster of one sheet row (several years or levels) share its tilbud and afdeling.
        if (row.sheet, row.row) != last_row:
            last_row, match = (row.sheet, row.row), _match(plan, row, parsed.file, default_kommune)
        if isinstance(match, RowError):
            rejected.append(match)
        elif isinstance(match, Ambiguous):
            ambiguous.setdefault(row.row, match)
        elif match is not None:
            placed.append((row, *match))

    if not placed and not dry_run:
        reasons = "; ".join(f"{e.where}: {e.reason}" for e in rejected[:3])
        raise UserError(f"Ingen af filens rækker kunne bruges; intet er importeret. {reasons}", parsed.file)
    ydelser = imports.ydelser({a.id for _r, _t, a in placed}, plan.fold)
    created_ydelser: dict[tuple[int, str, str], int] = {}
    keys: list[tuple[TakstRow, TilbudKey, AfdelingKey, int]] = []
    for row, tk, ak in placed:
        navn = (row.ydelse or DEFAULT_YDELSE).strip()
        key = (ak.id, plan.fold(navn), plan.fold(row.niveau or ""))
        y_id = ydelser.get(key) or created_ydelser.get(key)
        if y_id is None:
            y_id = imports.add_ydelse(ak.id, navn, row.niveau, row.paragraf_id, batch_id)
            created_ydelser[key] = y_id
        keys.append((row, tk, ak, y_id))

    # Only ydelser that existed before this import can have stored takster.
    stored = imports.takster({y for *_rest, y in keys} - set(created_ydelser.values()))
    new = unchanged = 0
    added: set[tuple[int, int, TakstArt]] = set()
    changes: list[TakstChange] = []
    for row, tk, ak, y_id in keys:
        key3 = (y_id, row.aar, row.art)
        if key3 in added:
            continue  # the same takst twice in one file: the reader has refused the second
        old = stored.get(key3)
        if old is None:
            imports.add_takst(y_id, row, batch_id)
            added.add(key3)
            new += 1
        elif (old.beloeb, old.individuel_pris, old.enhed, old.status, old.finansiering, old.moms_basis) == (
            row.beloeb,
            row.beloeb is None,
            row.enhed,
            row.status,
            row.finansiering,
            row.moms_basis,
        ):
            unchanged += 1
        else:
            value = NewTakst(row.beloeb, row.enhed, row.status, row.finansiering, row.moms_basis)
            imports.change_takst(old, value, batch_id)
            changes.append(
                TakstChange(
                    row.sheet,
                    row.row,
                    tk.navn,
                    ak.navn,
                    row.ydelse or DEFAULT_YDELSE,
                    row.aar,
                    row.art.value,
                    old.beloeb,
                    row.beloeb,
                    old.individuel_pris,
                    row.beloeb is None,
                )
            )
    if cancel is not None and cancel():
        raise Cancelled("Importen blev annulleret; databasen er uændret.")
    imports.flush_new()
    if progress is not None:
        progress(total, total, "Gemmer")
    return ImportReport(
        file=parsed.file,
        sheet=parsed.sheet,
        rows_read=parsed.rows_read,
        imported=new + len(changes),
        new_takster=new,
        unchanged=unchanged,
        new_tilbud=plan.new_tilbud,
        changed_takster=len(changes),
        # One row with several years gives one refusal, not one per year.
        rejected=tuple(sorted(dict.fromkeys(rejected), key=lambda e: (e.sheet, e.row))),
        ambiguous=tuple(ambiguous.values()),
        mapping=parsed.mapping,
        batch_id=None if dry_run else batch_id,
        dry_run=dry_run,
        changes=tuple(changes),
    )


@dataclass(frozen=True)
class UndoReport:
    batch_id: int
    file: str | None
    restored: int
    removed: int
    removed_tilbud: int
    backup: Path | None


def undo_last_import(store: Store) -> UndoReport:
    from rammedesk.domain.vocab import BatchKind

    with store.unit_of_work() as repos:
        last = repos.imports.last_batch()
    backup = store.backup("foer-fortryd") if last is not None and last[1] == BatchKind.TAKSTFIL else None
    with store.unit_of_work() as repos:
        last = repos.imports.last_batch()
        if last is None or last[1] != BatchKind.TAKSTFIL:
            raise UserError(
                "Der er ingen import at fortryde: den seneste ændring er ikke en takstfil.",
                store.location.display,
            )
        batch_id, _kind, filnavn = last
        counts = repos.imports.undo_batch(batch_id)
        repos.invalidate_search_index()
    return UndoReport(
        batch_id, filnavn, counts["restored"], counts["removed"], counts["removed_tilbud"], backup
    )


def remembered_mapping(store: Store, source: str) -> str | None:
    """The mapping JSON last used for ``source``, if any."""
    with store.unit_of_work() as repos:
        return repos.imports.mapping_for(source)
