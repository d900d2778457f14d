"""Search results as domain values, and the search operations services see."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from rammedesk.domain.search import CurrentTakst, Ref, SearchHit
from rammedesk.storage import search_sql
from rammedesk.storage import tables as t
from rammedesk.storage.search_sql import CompiledSearch

if TYPE_CHECKING:
    from rammedesk.domain.search_fuzzy import Vocabulary
    from rammedesk.storage.search_facets import FacetIndex

SEARCH_INDEX_GENERATION = "search_index_generation"


_HIT_SQL = text(
    "SELECT d.pos, d.afdeling_id, d.tilbud_id, d.tilbud, d.afdeling, k.navn, d.kommune_kode, "
    "r.navn, d.region_kode, d.driftsherre_art, d.takst_beloeb, d.takst_enhed, d.takst_aar, "
    "d.pladser FROM search_doc d JOIN kommune k ON k.kode = d.kommune_kode "
    "JOIN region r ON r.kode = d.region_kode WHERE d.afdeling_id IN :ids"
).bindparams(bindparam("ids", expanding=True))
_REFS_SQL = text(
    "SELECT pos, facet, value FROM search_facet WHERE pos IN :pos AND facet IN ('paragraf', 'maalgruppe')"
).bindparams(bindparam("pos", expanding=True))
_OERE = Decimal("0.01")
_SETTING_SQL = text("SELECT value FROM app_setting WHERE key = :key")


def load_hits(session: Session, ids: Sequence[int], labels: ReferenceLabels) -> list[SearchHit]:
    """The hits for ``ids``, in that order (raw SQL: this runs on every keystroke)."""
    if not ids:
        return []
    rows = session.execute(_HIT_SQL, {"ids": list(ids)}).all()
    refs: dict[int, dict[str, list[str]]] = {}
    if rows:
        for pos, facet, value in session.execute(_REFS_SQL, {"pos": [r[0] for r in rows]}):
            refs.setdefault(pos, {}).setdefault(facet, []).append(value)
    by_id: dict[int, SearchHit] = {}
    for (
        pos,
        afdeling_id,
        tilbud_id,
        tilbud,
        afdeling,
        kommune,
        kommune_kode,
        region,
        region_kode,
        art,
        oere,
        enhed,
        aar,
        pladser,
    ) in rows:
        mine = refs.get(pos, {})
        takst = None
        if aar is not None and enhed is not None:
            # Stored as integer øre (storage.types.ScaledDecimal); raw SQL skips the type.
            amount = None if oere is None else (Decimal(int(oere)) * _OERE)
            takst = CurrentTakst(amount, enhed, aar)
        by_id[afdeling_id] = SearchHit(
            afdeling_id=afdeling_id,
            tilbud_id=tilbud_id,
            tilbud=tilbud,
            afdeling=afdeling,
            kommune=kommune,
            kommune_kode=kommune_kode,
            region=region,
            region_kode=region_kode,
            driftsherre_art=art,
            paragraffer=tuple(
                Ref(p, labels.paragraf.get(p, p))
                for p in sorted(mine.get("paragraf", []), key=_paragraf_order)
            ),
            maalgrupper=tuple(
                Ref(m, labels.maalgruppe.get(m, m)) for m in sorted(mine.get("maalgruppe", []))
            ),
            takst=takst,
            pladser=pladser,
        )
    return [by_id[i] for i in ids if i in by_id]


def _paragraf_order(paragraf_id: str) -> tuple[str, int, str]:
    law, _, rest = paragraf_id.partition("_")
    digits = "".join(ch for ch in rest.split("_")[0] if ch.isdigit())
    return law, int(digits or 0), rest


@dataclass(frozen=True)
class ReferenceLabels:
    paragraf: dict[str, str]
    maalgruppe: dict[str, str]
    kommune: dict[str, str]
    region: dict[str, str]


def reference_labels(session: Session) -> ReferenceLabels:
    return ReferenceLabels(
        paragraf={i: label for i, label in session.execute(select(t.Paragraf.id, t.Paragraf.label))},
        maalgruppe={i: label for i, label in session.execute(select(t.Maalgruppe.id, t.Maalgruppe.label))},
        kommune={str(k): n for k, n in session.execute(select(t.Kommune.kode, t.Kommune.navn))},
        region={str(k): n for k, n in session.execute(select(t.Region.kode, t.Region.navn))},
    )


class SearchStore:
    """The search operations of one unit of work (what services see)."""

    def __init__(self, session: Session, cache: dict[str, Any]) -> None:
        self._session = session
        self._cache = cache

    def ids(
        self, compiled: CompiledSearch, *, sort: str, descending: bool, limit: int, offset: int
    ) -> list[tuple[int, str]]:
        """(afdeling id, level it matched at) of one page."""
        return search_sql.search_ids(
            self._session, compiled, sort=sort, descending=descending, limit=limit, offset=offset
        )

    def count(self, compiled: CompiledSearch) -> int:
        if compiled.match is None and compiled.exclusion is None and (compiled.facets or compiled.numeric):
            # Filters only: array work on the cached facet matrix beats scanning rows in SQL.
            from rammedesk.storage.search_facets import count_matches

            return count_matches(self._session, self._facet_index(), compiled)
        return search_sql.count(self._session, compiled)

    def facet_counts(self, compiled: CompiledSearch) -> dict[str, dict[str, int]]:
        from rammedesk.storage.search_facets import count_facets

        return count_facets(self._session, self._facet_index(), compiled)

    def _generation(self) -> str:
        # Raw SQL: an ORM get costs a millisecond, and this runs on every keystroke.
        value = self._session.execute(_SETTING_SQL, {"key": SEARCH_INDEX_GENERATION}).scalar()
        return str(value) if value is not None else ""

    def vocabulary(self) -> Vocabulary:
        """The index's folded words, for typo and compound look-ups (cached per generation)."""
        from rammedesk.storage.search_vocab import load_vocabulary

        key = self._generation()
        vocabulary: Vocabulary | None = self._cache.get("vocabulary")
        if vocabulary is None or vocabulary.generation != key:
            vocabulary = self._cache["vocabulary"] = load_vocabulary(self._session, key)
        return vocabulary

    def name_words(self, word: str) -> list[str]:
        """Names (tilbud and afdeling) of a few afdelinger whose name has ``word`` (folded)."""
        return search_sql.name_words(self._session, word)

    def _facet_index(self) -> FacetIndex:
        from rammedesk.storage.search_facets import build_facet_index

        key = self._generation()
        index: FacetIndex | None = self._cache.get("facets")
        if index is None or index.generation != key:
            index = self._cache["facets"] = build_facet_index(self._session, key)
        return index

    def hits(self, ids: Sequence[int]) -> list[SearchHit]:
        return load_hits(self._session, ids, self.labels())

    def labels(self) -> ReferenceLabels:
        """Reference labels, cached: they change only with the reference data files."""
        labels = self._cache.get("labels")
        if labels is None:
            labels = self._cache["labels"] = reference_labels(self._session)
        return labels

    def explain(self, compiled: CompiledSearch) -> list[str]:
        return search_sql.explain(self._session, compiled)
