"""Turn the assumptions into concrete placements: til- og afgang applied to the known ones."""

from __future__ import annotations

from collections import deque
from dataclasses import replace
from datetime import date, timedelta

from rammedesk.domain.portfolio.calendar import add_months, month_end, months_of
from rammedesk.domain.portfolio.model import NOT_GIVEN, Afgang, Placement, Tilgang

GENERATED_PREFIX = "Forventet"


def tilgang_placements(t: Tilgang, months: tuple[date, ...]) -> list[Placement]:
    """``antal`` placements starting on the 1st of each month in [fra, til] within the horizon."""
    out: list[Placement] = []
    last = t.til or months[-1]
    for first in months:
        if first < date(t.fra.year, t.fra.month, 1) or first > last:
            continue
        slut = add_months(first, t.varighed_mdr) - timedelta(days=1) if t.varighed_mdr else None
        for k in range(t.antal):
            out.append(
                Placement(
                    sagsnummer=f"{GENERATED_PREFIX}: {t.navn} {first:%Y-%m} #{k + 1}",
                    takst=t.takst,
                    enhed=t.enhed,
                    takst_aar=t.takst_aar,
                    start=first,
                    slut=slut,
                    tilbud_navn=t.tilbud_navn,
                    driftsherre=t.driftsherre,
                    paragraf=t.paragraf,
                    maalgruppe=t.maalgruppe,
                    gruppe=t.gruppe,
                    tillaeg_timesats=t.tillaeg_timesats,
                    tillaeg_timer_pr_uge=t.tillaeg_timer_pr_uge,
                )
            )
    return out


def apply_afgang(placements: list[Placement], a: Afgang, months: tuple[date, ...]) -> int:
    """End ``antal`` open-ended matching placements at each month's end; returns how many ended.

    The longest-running (earliest start, then case number) end first: a deterministic choice
    that the assumptions sheet states.
    """
    queue = deque(
        sorted(
            (
                i
                for i, p in enumerate(placements)
                if p.slut is None and (a.dimension is None or p.key(a.dimension) == (a.key or NOT_GIVEN))
            ),
            key=lambda i: (placements[i].start, placements[i].sagsnummer),
        )
    )
    ended = 0
    last = a.til or months[-1]
    for first in months:
        if first < date(a.fra.year, a.fra.month, 1) or first > last:
            continue
        end = month_end(first)
        for _ in range(a.antal):
            if not queue or placements[queue[0]].start > end:
                break  # sorted by start: nobody later in the queue has started either
            i = queue.popleft()
            placements[i] = replace(placements[i], slut=end)
            ended += 1
    return ended


def expand(
    known: tuple[Placement, ...],
    tilgang: tuple[Tilgang, ...],
    afgang: tuple[Afgang, ...],
    start: date,
    count: int,
) -> tuple[list[Placement], int, int]:
    """Known + generated placements with afgang applied; (placements, generated, ended)."""
    months = months_of(start, count)
    placements = list(known)
    generated = 0
    for t in tilgang:
        new = tilgang_placements(t, months)
        generated += len(new)
        placements.extend(new)
    ended = sum(apply_afgang(placements, a, months) for a in afgang)
    return placements, generated, ended
