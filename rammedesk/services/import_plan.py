"""Matching a takstfil's rows to the catalogue: the tilbud and afdeling of each row, created
when the file names new ones, or why the row cannot be placed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from rammedesk.domain.folding import folded_text
from rammedesk.domain.kommune_match import suggested_kommuner
from rammedesk.domain.kommune_names import kommune_of_driftsherre, kommune_of_text
from rammedesk.domain.takstfil import RowError, TakstRow
from rammedesk.domain.vocab import DriftsherreArt
from rammedesk.services.import_report import Ambiguous
from rammedesk.storage.imports import AfdelingKey, ImportStore, TilbudIds, TilbudKey


@dataclass
class Plan:
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
    # Tilbud this import created → the (cvr, p_nummer, telefon) they were given.
    created: dict[int, TilbudIds] = field(default_factory=dict)
    assumed_driftsherre: int = 0
    # Folded tilbud name → the tilbud the user chose for rows whose name fits several.
    resolved: Mapping[str, int] = field(default_factory=dict)
    _kommune_navne: dict[int, str] = field(default_factory=dict)
    kommune_column: str | None = None  # the mapped kommune column's letter, for messages
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

    def kommune_navne(self) -> dict[int, str]:
        if not self._kommune_navne:
            self._kommune_navne.update(self.store.kommune_navne())
        return self._kommune_navne

    def kommune_navn(self, kode: int) -> str:
        return self.kommune_navne().get(kode, str(kode))

    def kommune(self, row: TakstRow) -> int | None:
        if row.kommune is None:
            # A kommunal driftsherre ("Aarhus Kommune") also tells where a new tilbud lies.
            return kommune_of_driftsherre(row.driftsherre, self.kommuner) if row.driftsherre else None
        return kommune_of_text(row.kommune, self.kommuner)

    def find_tilbud(self, row: TakstRow, kommune: int | None) -> TilbudKey | list[TilbudKey] | None:
        """The tilbud, or the candidates when ambiguous, or None when new.

        ``kommune`` (the row's, else the one the user gave for the file) narrows the match: a
        tilbud of the same name in another kommune is never changed by this row.
        """
        if row.tp_tilbudsid is not None and row.tp_tilbudsid in self.by_tp_tilbud:
            return self.by_tp_tilbud[row.tp_tilbudsid]
        if row.tp_afdelingsid is not None and row.tp_afdelingsid in self.by_tp_afdeling:
            return self.by_id[self.by_tp_afdeling[row.tp_afdelingsid].tilbud_id]
        name = self.fold(row.tilbud)
        candidates = self.by_name.get(name, [])
        if row.tp_tilbudsid is not None:  # another Tilbudsportalen id is another tilbud
            candidates = [tk for tk in candidates if tk.tp_tilbudsid in (None, row.tp_tilbudsid)]
        if kommune is not None:
            candidates = [tk for tk in candidates if tk.kommune_kode == kommune]
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            chosen = self.resolved.get(name)
            picked = [tk for tk in candidates if tk.id == chosen]
            return picked[0] if picked else candidates
        return None

    def create_tilbud(self, row: TakstRow, kommune: int) -> TilbudKey:
        if row.driftsherre and folded_text(row.driftsherre) not in _KOMMUNAL:
            d_id = self.store.driftsherre_by_name(row.driftsherre)
            if d_id is None:
                d_id = self.store.add_driftsherre(
                    row.driftsherre.strip(), _art_of(row.driftsherre), kommune, self.batch_id
                )
        else:  # "Kommunal" names the kind, not the driftsherre: the beliggenhedskommune's own
            d_id = self.store.kommunal_driftsherre(kommune, self.batch_id)
            if not row.driftsherre:
                self.assumed_driftsherre += 1
        new_id = self.store.add_tilbud(row.tilbud.strip(), kommune, d_id, row, self.batch_id)
        tk = TilbudKey(new_id, row.tilbud.strip(), kommune, row.tp_tilbudsid)
        self.tilbud.append(tk)
        self._index_tilbud(tk)
        self.new_tilbud += 1
        self.created[new_id] = (row.cvr, row.p_nummer, row.telefon)
        return tk

    def find_afdeling(self, row: TakstRow, tk: TilbudKey) -> AfdelingKey | str:
        """The afdeling (created if the file names a new one), or a Danish reason to refuse."""
        if row.tp_afdelingsid is not None and row.tp_afdelingsid in self.by_tp_afdeling:
            return self.by_tp_afdeling[row.tp_afdelingsid]
        own = self.afd_of.get(tk.id, [])
        name = (row.afdeling or "").strip()
        if name:
            found = self.afd_by_name.get((tk.id, self.fold(name)))
            tp = row.tp_afdelingsid  # another Tilbudsportalen id is another afdeling
            if found is not None and (tp is None or found.tp_afdelingsid in (None, tp)):
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


def _suggestion(text: str, names: Mapping[int, str]) -> str:
    """ " Mente du …?" naming the kommuner whose name is close to an unknown one: a typo, a name
    cut short, or one from before 2007 ("Ringkøbing" → Ringkøbing-Skjern, "Brønderslev-
    Dronninglund" → Brønderslev); else ""."""
    close = suggested_kommuner(text, names)
    if not close:
        return ""
    return " Mente du " + " eller ".join(f"{names[c]} ({c})" for c in close) + "?"


# A driftsherre cell naming only the kind "kommunal" (folded).
_KOMMUNAL = frozenset(
    {"kommunal", "kommunalt", "kommune", "kommunal driftsherre", "kommunalt tilbud", "kommunal drift"}
)


def _art_of(driftsherre: str) -> DriftsherreArt:
    folded = folded_text(driftsherre)
    if folded.endswith("kommune"):
        return DriftsherreArt.KOMMUNAL
    if folded.startswith("region"):
        return DriftsherreArt.REGIONAL
    if "fond" in folded or "selvejende" in folded:
        return DriftsherreArt.SELVEJENDE
    return DriftsherreArt.PRIVAT


def match_row(
    plan: Plan, row: TakstRow, file: str, default_kommune: int | None
) -> tuple[TilbudKey, AfdelingKey] | RowError | Ambiguous:
    """The row's tilbud and afdeling (created when new), or why not."""
    own = plan.kommune(row)
    if row.kommune and own is None:  # a named kommune that does not exist
        return RowError(
            file,
            row.sheet,
            row.row,
            plan.kommune_column,
            f"Ukendt kommune »{row.kommune}«. Skriv kommunens navn eller kode."
            + _suggestion(row.kommune, plan.kommune_navne()),
        )
    kommune = own if own is not None else (None if row.kommune else default_kommune)
    found = plan.find_tilbud(row, kommune)
    if isinstance(found, list):
        labels = tuple(f"{tk.navn}, {plan.kommune_navn(tk.kommune_kode)} (tilbud {tk.id})" for tk in found)
        return Ambiguous(row.sheet, row.row, row.tilbud, tuple(tk.id for tk in found), labels)
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
