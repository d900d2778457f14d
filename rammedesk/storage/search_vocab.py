"""The forgiving search's vocabulary, read from the FTS5 index through an ``fts5vocab`` table.

Built once per search-index generation and cached on the Store (like the facet matrix), so
an import, an undo or a new demo catalogue — all of which rebuild the index under a new
generation — brings a fresh vocabulary with the first search after them.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from rammedesk.domain.search_fuzzy import Vocabulary

# A temp table: it belongs to the connection, not to the database file or its schema.
_CREATE = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, search_fts, 'row')"


def load_vocabulary(session: Session, generation: str) -> Vocabulary:
    if session.get_bind().dialect.name != "sqlite":
        return Vocabulary(generation, [])
    session.execute(text(_CREATE))
    rows = session.execute(text("SELECT term, doc FROM temp.search_vocab"))
    return Vocabulary(generation, ((str(term), int(doc)) for term, doc in rows))
