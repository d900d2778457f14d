"""Alembic environment: always run with a connection handed in by storage.migrate."""

from __future__ import annotations

from alembic import context

from rammedesk.storage.migrate import include_name
from rammedesk.storage.tables import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached by a bare `alembic` call
    raise RuntimeError("Run migrations through rammedesk.storage.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
