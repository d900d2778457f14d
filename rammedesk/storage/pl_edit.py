"""Replace the whole P/L table in one go (the P/L dialog's save)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from rammedesk.domain.costs.pl import PLRate
from rammedesk.storage import tables as t


def replace_pl_table(session: Session, rates: Sequence[PLRate], registered: date) -> tuple[int, int, int]:
    """Make the stored table equal ``rates``. An unchanged row keeps its date and demo mark;
    a new or changed row is dated ``registered`` and no longer demo. Returns (new, changed,
    removed)."""
    stored = {r.aar: r for r in session.scalars(select(t.PlSats))}
    wanted = {r.year: r for r in rates}
    removed = [year for year in stored if year not in wanted]
    if removed:
        session.execute(delete(t.PlSats).where(t.PlSats.aar.in_(removed)))
    new = changed = 0
    for year, rate in wanted.items():
        row = stored.get(year)
        if row is None:
            session.add(
                t.PlSats(aar=year, sats_pct=rate.rate_pct, kilde=rate.source, dato=registered, is_demo=False)
            )
            new += 1
        elif row.sats_pct != rate.rate_pct or row.kilde != rate.source:
            row.sats_pct, row.kilde, row.dato, row.is_demo = rate.rate_pct, rate.source, registered, False
            changed += 1
    session.flush()
    return new, changed, len(removed)
