"""search index

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import rammedesk.storage.types


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


FTS_COLUMNS = "navn, driftsherre, kommune, region, paragraf, maalgruppe, beskrivelse"


def upgrade() -> None:
    
    op.create_table('search_doc',
    sa.Column('pos', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('afdeling_id', sa.Integer(), nullable=False),
    sa.Column('tilbud_id', sa.Integer(), nullable=False),
    sa.Column('tilbud', sa.String(length=300), nullable=False),
    sa.Column('afdeling', sa.String(length=300), nullable=False),
    sa.Column('kommune_kode', sa.Integer(), nullable=False),
    sa.Column('region_kode', sa.Integer(), nullable=False),
    sa.Column('driftsherre_art', sa.String(length=20), nullable=False),
    sa.Column('kommune_sort', sa.String(length=100), nullable=False),
    sa.Column('paragraf_sort', sa.String(length=60), nullable=False),
    sa.Column('takst_beloeb', rammedesk.storage.types.ScaledDecimal(scale=2), nullable=True),
    sa.Column('takst_enhed', sa.String(length=20), nullable=True),
    sa.Column('takst_aar', sa.Integer(), nullable=True),
    sa.Column('takst_individuel', sa.Boolean(), nullable=False),
    sa.Column('takst_sammenlignelig', rammedesk.storage.types.ScaledDecimal(scale=2), nullable=True),
    sa.Column('pladser', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['afdeling_id'], ['afdeling.id'], name=op.f('fk_search_doc_afdeling_id_afdeling'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pos', name=op.f('pk_search_doc')),
    sa.UniqueConstraint('afdeling_id', name=op.f('uq_search_doc_afdeling_id'))
    )
    with op.batch_alter_table('search_doc', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_doc_kommune_kode'), ['kommune_kode'], unique=False)
        batch_op.create_index(batch_op.f('ix_search_doc_region_kode'), ['region_kode'], unique=False)
        batch_op.create_index(batch_op.f('ix_search_doc_tilbud_id'), ['tilbud_id'], unique=False)

    op.create_table('search_facet',
    sa.Column('pos', sa.Integer(), nullable=False),
    sa.Column('facet', sa.String(length=20), nullable=False),
    sa.Column('value', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['pos'], ['search_doc.pos'], name=op.f('fk_search_facet_pos_search_doc'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pos', 'facet', 'value', name=op.f('pk_search_facet'))
    )
    with op.batch_alter_table('search_facet', schema=None) as batch_op:
        batch_op.create_index('ix_search_facet_facet_value_pos', ['facet', 'value', 'pos'], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        # Folded text (rammedesk.domain.folding) goes in; prefix indexes keep 1-3 letter
        # prefix queries fast while typing. rowid = search_doc.pos (Danish name order).
        op.execute(
            f"CREATE VIRTUAL TABLE search_fts USING fts5({FTS_COLUMNS}, "
            "tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_fts")
    
    with op.batch_alter_table('search_facet', schema=None) as batch_op:
        batch_op.drop_index('ix_search_facet_facet_value_pos')
    op.drop_table('search_facet')
    with op.batch_alter_table('search_doc', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_doc_tilbud_id'))
        batch_op.drop_index(batch_op.f('ix_search_doc_region_kode'))
        batch_op.drop_index(batch_op.f('ix_search_doc_kommune_kode'))

    op.drop_table('search_doc')
    
