"""tilbud_before: a tilbud's CVR, P-nummer and telefon before an import changed them

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('tilbud_before',
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('tilbud_id', sa.Integer(), nullable=False),
    sa.Column('cvr', sa.String(length=8), nullable=True),
    sa.Column('p_nummer', sa.String(length=10), nullable=True),
    sa.Column('telefon', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id'], name=op.f('fk_tilbud_before_batch_id_import_batch'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tilbud_id'], ['tilbud.id'], name=op.f('fk_tilbud_before_tilbud_id_tilbud'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('batch_id', 'tilbud_id', name=op.f('pk_tilbud_before'))
    )


def downgrade() -> None:
    op.drop_table('tilbud_before')
