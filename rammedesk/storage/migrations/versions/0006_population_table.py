"""population table

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('befolkning',
    sa.Column('kommunekode', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('aar', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('indbyggere', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['kommunekode'], ['kommune.kode'], name=op.f('fk_befolkning_kommunekode_kommune')),
    sa.PrimaryKeyConstraint('kommunekode', 'aar', name=op.f('pk_befolkning'))
    )


def downgrade() -> None:
    op.drop_table('befolkning')
