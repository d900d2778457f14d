"""shortlists and saved searches

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import rammedesk.storage.types


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    
    op.create_table('saved_search',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('navn', sa.String(length=200), nullable=False),
    sa.Column('query', sa.Text(), nullable=False),
    sa.Column('facets_json', sa.Text(), nullable=False),
    sa.Column('sort', sa.String(length=20), nullable=False),
    sa.Column('descending', sa.Boolean(), nullable=False),
    sa.Column('oprettet', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_search')),
    sa.UniqueConstraint('navn', name=op.f('uq_saved_search_navn'))
    )
    op.create_table('shortlist',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('navn', sa.String(length=200), nullable=False),
    sa.Column('favoritter', sa.Boolean(), nullable=False),
    sa.Column('oprettet', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shortlist')),
    sa.UniqueConstraint('navn', name=op.f('uq_shortlist_navn'))
    )
    op.create_table('shortlist_entry',
    sa.Column('shortlist_id', sa.Integer(), nullable=False),
    sa.Column('afdeling_id', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('tilfoejet', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['afdeling_id'], ['afdeling.id'], name=op.f('fk_shortlist_entry_afdeling_id_afdeling'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['shortlist_id'], ['shortlist.id'], name=op.f('fk_shortlist_entry_shortlist_id_shortlist'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('shortlist_id', 'afdeling_id', name=op.f('pk_shortlist_entry'))
    )
    with op.batch_alter_table('shortlist_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shortlist_entry_afdeling_id'), ['afdeling_id'], unique=False)

    


def downgrade() -> None:
    
    with op.batch_alter_table('shortlist_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shortlist_entry_afdeling_id'))

    op.drop_table('shortlist_entry')
    op.drop_table('shortlist')
    op.drop_table('saved_search')
    
