"""import provenance and undo

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import rammedesk.storage.types


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    
    op.create_table('import_mapping',
    sa.Column('kilde', sa.String(length=200), nullable=False),
    sa.Column('mapping_json', sa.Text(), nullable=False),
    sa.Column('opdateret', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('kilde', name=op.f('pk_import_mapping'))
    )
    op.create_table('takst_before',
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('takst_id', sa.Integer(), nullable=False),
    sa.Column('beloeb', rammedesk.storage.types.ScaledDecimal(scale=2), nullable=True),
    sa.Column('individuel_pris', sa.Boolean(), nullable=False),
    sa.Column('enhed', sa.Enum('doegn', 'dag', 'time', 'maaned', 'km', 'stk', name='enhed', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('moms_basis', sa.Enum('inkl', 'fratrukket', name='moms_basis', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('finansiering', sa.Enum('takst', 'objektiv', name='finansiering', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('status', sa.Enum('foreloebig', 'endelig', name='takst_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('import_batch_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id'], name=op.f('fk_takst_before_batch_id_import_batch'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['takst_id'], ['takst.id'], name=op.f('fk_takst_before_takst_id_takst'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('batch_id', 'takst_id', name=op.f('pk_takst_before'))
    )
    with op.batch_alter_table('driftsherre', schema=None) as batch_op:
        batch_op.add_column(sa.Column('import_batch_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_driftsherre_import_batch_id'), ['import_batch_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_driftsherre_import_batch_id_import_batch'), 'import_batch', ['import_batch_id'], ['id'])

    with op.batch_alter_table('ydelse', schema=None) as batch_op:
        batch_op.add_column(sa.Column('import_batch_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_ydelse_import_batch_id'), ['import_batch_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_ydelse_import_batch_id_import_batch'), 'import_batch', ['import_batch_id'], ['id'])

    


def downgrade() -> None:
    
    with op.batch_alter_table('ydelse', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_ydelse_import_batch_id_import_batch'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_ydelse_import_batch_id'))
        batch_op.drop_column('import_batch_id')

    with op.batch_alter_table('driftsherre', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_driftsherre_import_batch_id_import_batch'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_driftsherre_import_batch_id'))
        batch_op.drop_column('import_batch_id')

    op.drop_table('takst_before')
    op.drop_table('import_mapping')
    
