"""Fill a database with the deterministic demo catalogue (fictitious tilbud and takster)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rammedesk.config import DatabaseLocation
from rammedesk.domain.demo import DEMO_AS_OF, DEMO_BATCH_KILDE, MAX_SIZE, generate_demo
from rammedesk.domain.vocab import BatchKind
from rammedesk.errors import Cancelled, UserError
from rammedesk.fileio.demo_inputs import load_demo_inputs
from rammedesk.fileio.reference_csv import load_reference_data
from rammedesk.services.database import DatabaseInfo, describe, open_store
from rammedesk.storage.bulk import add_import_batch, insert_demo_catalogue

log = logging.getLogger(__name__)

CANCELLED_MESSAGE = "Demodata blev annulleret; databasen er uændret."
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class DemoResult:
    info: DatabaseInfo
    backup: Path | None
    seconds: float


class _Steps:
    """Progress reports and cancel checks: one step per afdeling inserted, and a last
    twentieth of the bar for the commit."""

    def __init__(self, size: int, progress: Progress | None, cancel: Callable[[], bool] | None):
        self.size = size
        self.total = size + max(1, size // 20)
        self._progress = progress
        self._cancel = cancel

    def report(self, done: int, text: str) -> None:
        if self._cancel is not None and self._cancel():
            raise Cancelled(CANCELLED_MESSAGE)
        if self._progress is not None:
            self._progress(min(done, self.total), self.total, text)

    def inserted(self, afdelinger: int) -> None:
        self.report(
            afdelinger,
            f"Danner og gemmer demodata: {afdelinger:,} af {self.size:,} afdelinger".replace(",", "."),
        )


def install_demo(
    location: DatabaseLocation,
    *,
    size: int = 3000,
    seed: int = 2027,
    force: bool = False,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> DemoResult:
    """Replace the catalogue with ``size`` demo afdelinger (about size/2 tilbud).

    A database holding catalogue data is refused unless ``force``; then it is backed up
    first. Clearing and inserting is one unit of work, so a failure or a cancel leaves the
    database as it was (a database this call created is removed again).
    """
    started = time.perf_counter()
    if not 1 <= size <= MAX_SIZE:
        raise UserError(
            f"Antallet af afdelinger skal være mellem 1 og {MAX_SIZE:,}; {size} kan ikke bruges.".replace(
                ",", "."
            ),
            "--size",
        )
    steps = _Steps(size, progress, cancel)
    steps.report(0, "Forbereder demodata")
    reference = load_reference_data()
    catalogue = generate_demo(load_demo_inputs(), reference, size=size, seed=seed)
    path = location.path
    existed = path is None or path.exists()
    store = open_store(location, create=True)
    succeeded = False
    try:
        with store.unit_of_work() as repos:
            has_data = repos.has_catalogue_data()
            has_real = has_data and repos.has_real_data()
        if has_data and not force:
            raise UserError(_refusal(has_real), location.display)
        backup = None
        if has_data:
            steps.report(0, "Tager en sikkerhedskopi")
            backup = store.backup("foer-demo")
        with store.unit_of_work() as repos:
            steps.report(0, "Sletter de hidtidige data" if has_data else "Danner demodata")
            repos.clear_catalogue()
            repos.upsert_reference(reference)
            batch_id = add_import_batch(
                repos.session,
                kind=BatchKind.DEMO,
                kilde=DEMO_BATCH_KILDE,
                as_of=DEMO_AS_OF,
                importeret=datetime.now().replace(microsecond=0),
            )
            counts = insert_demo_catalogue(repos.session, catalogue, batch_id, on_progress=steps.inserted)
            # clear_catalogue emptied the search index; the search service rebuilds it on
            # first use (inside this transaction it would add 15 s at 50,000 afdelinger).
            repos.invalidate_search_index()
            steps.report(steps.total, "Gemmer databasen")
        info = describe(store)
        succeeded = True
    finally:
        store.close()
        if not succeeded and not existed and path is not None:
            _remove_database(path)
    seconds = time.perf_counter() - started
    log.info(
        "Demo data: %d afdelinger, %d rows, seed %d, %.1f s, in %s",
        size,
        counts.rows,
        seed,
        seconds,
        location.display,
    )
    return DemoResult(info, backup, seconds)


def _refusal(has_real: bool) -> str:
    if has_real:
        return (
            "Databasen indeholder rigtige data (importerede tilbud og takster eller en egen "
            "P/L-tabel), som demodata ville blive blandet med eller erstatte. Databasen er ikke "
            "ændret. Læg demodata i en anden database, eller brug --force for at erstatte alt "
            "(der tages en sikkerhedskopi først)."
        )
    return (
        "Databasen indeholder allerede data og er ikke ændret. Brug --force for at erstatte "
        "dem med nye demodata (der tages en sikkerhedskopi først)."
    )


def _remove_database(path: Path) -> None:
    """Remove a database file this call created (and SQLite's side files)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        except OSError:
            log.warning("Could not remove %s%s after a failed demo install", path, suffix)
