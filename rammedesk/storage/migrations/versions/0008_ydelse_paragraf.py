"""ydelse_paragraf: the further paragraffer of a ydelse ("§§ 107/108")

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('ydelse_paragraf',
    sa.Column('ydelse_id', sa.Integer(), nullable=False),
    sa.Column('paragraf_id', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['paragraf_id'], ['paragraf.id'], name=op.f('fk_ydelse_paragraf_paragraf_id_paragraf')),
    sa.ForeignKeyConstraint(['ydelse_id'], ['ydelse.id'], name=op.f('fk_ydelse_paragraf_ydelse_id_ydelse'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('ydelse_id', 'paragraf_id', name=op.f('pk_ydelse_paragraf'))
    )
    with op.batch_alter_table('ydelse_paragraf', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ydelse_paragraf_paragraf_id'), ['paragraf_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('ydelse_paragraf', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ydelse_paragraf_paragraf_id'))
    op.drop_table('ydelse_paragraf')
