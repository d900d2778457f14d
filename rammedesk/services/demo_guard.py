"""One rule for every import: real data is not mixed into a demo database unasked."""

from __future__ import annotations

from rammedesk.errors import UserError
from rammedesk.storage.repositories import Repositories
from rammedesk.storage.store import Store


def refuse_demo_database(repos: Repositories, store: Store, what: str, allow_demo: bool) -> None:
    """Raise unless the database is free of demo data or the caller has asked (``--force``)."""
    if allow_demo or not repos.has_demo_data():
        return
    raise UserError(
        f"Databasen indeholder demodata. {what} bør ikke blandes med fiktive data: importér i en "
        "database oprettet med 'rammedesk init', eller brug --force (i vinduet: bekræft spørgsmålet).",
        store.location.display,
    )
