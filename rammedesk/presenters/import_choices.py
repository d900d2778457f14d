"""Choices for ambiguous rows of a takstfil import (no Qt): one line per tilbud name.

A row is ambiguous when its tilbud name fits several stored tilbud (and neither a kommune nor a
Tilbudsportalen id tells them apart). The wizard groups such rows by name, the user picks one
of the candidates (or skips the rows), and the dry run runs again with
``resolved`` (name as written in the file → tilbud id), which the apply then uses too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rammedesk.domain.folding import folded_text
from rammedesk.presenters.formatting import format_count, format_int

SKIP_LABEL = "Spring over (importeres ikke)"
MAX_ROWS_SHOWN = 8  # row numbers listed per name; the rest are counted


@dataclass(frozen=True)
class AmbiguousGroup:
    """The ambiguous rows of one tilbud name (as folded) and the user's choice for them."""

    key: str  # the folded name: "Solsikken" and "SOLSIKKEN" are one name
    name: str  # as written in the file, on its first row
    rows: tuple[int, ...]
    candidates: tuple[int, ...]  # tilbud ids
    labels: tuple[str, ...]  # per candidate: "Solsikken, Aarhus (tilbud 12)"
    chosen: int | None = None

    @property
    def rows_text(self) -> str:
        shown = ", ".join(map(str, self.rows[:MAX_ROWS_SHOWN]))
        if len(self.rows) > MAX_ROWS_SHOWN:
            shown += f" … (+{format_int(len(self.rows) - MAX_ROWS_SHOWN)})"
        return f"{format_count(len(self.rows), 'række', 'rækker')}: {shown}"

    def options(self) -> list[tuple[str, int | None]]:
        """What the choice box offers: skip first (the default), then each candidate."""
        return [(SKIP_LABEL, None), *zip(self.labels, self.candidates, strict=True)]

    @property
    def option_index(self) -> int:
        return 0 if self.chosen not in self.candidates else self.candidates.index(self.chosen) + 1

    @property
    def tooltip(self) -> str:
        rows = format_count(len(self.rows), "række", "rækker")
        if self.chosen is None:
            return (
                f"»{self.name}« passer på {format_count(len(self.candidates), 'tilbud')}. Vælg det, "
                f"som filens {rows} med navnet hører til; ellers importeres de ikke."
            )
        return (
            f"Filens {rows} med »{self.name}« importeres til det valgte tilbud. "
            "Vælg »Spring over« for at fortryde."
        )


def group_ambiguous(items: Sequence[Any]) -> list[AmbiguousGroup]:
    """The report's ambiguous rows (``services.import_report.Ambiguous``), one group per folded name,
    in the order of their first row; the candidates of all the name's rows, each once."""
    groups: dict[str, tuple[str, list[int], dict[int, str]]] = {}
    for a in sorted(items, key=lambda a: (a.sheet, a.row)):
        _name, rows, candidates = groups.setdefault(folded_text(a.tilbud), (a.tilbud, [], {}))
        rows.append(a.row)
        labels = a.labels or tuple(f"{a.tilbud} (tilbud {c})" for c in a.candidates)
        for c, label in zip(a.candidates, labels, strict=True):
            candidates.setdefault(c, label)
    return sorted(
        (
            AmbiguousGroup(key, name, tuple(sorted(set(rows))), tuple(cands), tuple(cands.values()))
            for key, (name, rows, cands) in groups.items()
        ),
        key=lambda g: g.rows,
    )


def resolved_of(choices: Mapping[str, AmbiguousGroup]) -> dict[str, int]:
    """``resolved`` for the import service: name as written → the chosen tilbud id."""
    return {g.name: g.chosen for g in choices.values() if g.chosen is not None}
