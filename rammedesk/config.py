"""Which database to use: --db, then RAMMEDESK_DB, then the embedded default file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from rammedesk.paths import default_database_path

ENV_VAR = "RAMMEDESK_DB"


@dataclass(frozen=True)
class DatabaseLocation:
    """A database given as a file path (SQLite) or an SQLAlchemy URL (e.g. PostgreSQL)."""

    url: str
    path: Path | None  # the SQLite file, None for server databases
    is_default: bool

    @property
    def display(self) -> str:
        if self.path is not None:
            return str(self.path)
        return _hide_password(self.url)


def _hide_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    creds, _, host = rest.rpartition("@")
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}"


def resolve_location(given: str | None) -> DatabaseLocation:
    value = given or os.environ.get(ENV_VAR) or None
    if value is None:
        path = default_database_path()
        return DatabaseLocation(f"sqlite:///{path}", path, is_default=True)
    if "://" in value:
        if value.startswith("sqlite:///"):
            path = Path(value.removeprefix("sqlite:///")).expanduser().resolve()
            return DatabaseLocation(f"sqlite:///{path}", path, is_default=False)
        return DatabaseLocation(value, None, is_default=False)
    path = Path(value).expanduser().resolve()
    return DatabaseLocation(f"sqlite:///{path}", path, is_default=False)
