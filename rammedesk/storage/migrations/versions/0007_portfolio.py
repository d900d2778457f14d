"""portfolio: placements, budgets and scenarios

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import rammedesk.storage.types


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('portfolio',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('navn', sa.String(length=200), nullable=False),
    sa.Column('kommune', sa.String(length=100), nullable=False),
    sa.Column('antagelser_json', sa.Text(), nullable=False),
    sa.Column('kilde', sa.String(length=300), nullable=False),
    sa.Column('opdateret', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_portfolio')),
    sa.UniqueConstraint('navn', name=op.f('uq_portfolio_navn'))
    )
    op.create_table('portfolio_budget',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('portfolio_id', sa.Integer(), nullable=False),
    sa.Column('dimension', sa.Enum('paragraf', 'maalgruppe', 'gruppe', 'tilbud', 'driftsherre', name='dimension', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('gruppe', sa.String(length=200), nullable=False),
    sa.Column('aar', sa.Integer(), nullable=False),
    sa.Column('beloeb', rammedesk.storage.types.ScaledDecimal(scale=2), nullable=False),
    sa.ForeignKeyConstraint(['portfolio_id'], ['portfolio.id'], name=op.f('fk_portfolio_budget_portfolio_id_portfolio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_portfolio_budget')),
    sa.UniqueConstraint('portfolio_id', 'dimension', 'gruppe', 'aar', name=op.f('uq_portfolio_budget_portfolio_id_dimension_gruppe_aar'))
    )
    with op.batch_alter_table('portfolio_budget', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_portfolio_budget_portfolio_id'), ['portfolio_id'], unique=False)

    op.create_table('portfolio_placement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('portfolio_id', sa.Integer(), nullable=False),
    sa.Column('sagsnummer', sa.String(length=200), nullable=False),
    sa.Column('tilbud_navn', sa.String(length=200), nullable=False),
    sa.Column('tilbud_id', sa.Integer(), nullable=True),
    sa.Column('afdeling_id', sa.Integer(), nullable=True),
    sa.Column('driftsherre', sa.String(length=200), nullable=False),
    sa.Column('paragraf', sa.String(length=200), nullable=False),
    sa.Column('maalgruppe', sa.String(length=200), nullable=False),
    sa.Column('gruppe', sa.String(length=200), nullable=False),
    sa.Column('takst', rammedesk.storage.types.ScaledDecimal(scale=2), nullable=False),
    sa.Column('enhed', sa.Enum('doegn', 'dag', 'time', 'maaned', 'km', 'stk', name='enhed', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('takst_aar', sa.Integer(), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('slut', sa.Date(), nullable=True),
    sa.Column('opsigelse_givet', sa.Date(), nullable=True),
    sa.Column('varsel_dage', sa.Integer(), nullable=False),
    sa.Column('tillaeg_timesats', rammedesk.storage.types.ScaledDecimal(scale=2), nullable=False),
    sa.Column('tillaeg_timer_pr_uge', rammedesk.storage.types.ScaledDecimal(scale=2), nullable=False),
    sa.Column('egenbetaling_maaned', rammedesk.storage.types.ScaledDecimal(scale=2), nullable=False),
    sa.ForeignKeyConstraint(['portfolio_id'], ['portfolio.id'], name=op.f('fk_portfolio_placement_portfolio_id_portfolio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_portfolio_placement'))
    )
    with op.batch_alter_table('portfolio_placement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_portfolio_placement_portfolio_id'), ['portfolio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_portfolio_placement_sagsnummer'), ['sagsnummer'], unique=False)

    op.create_table('portfolio_scenario',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('portfolio_id', sa.Integer(), nullable=False),
    sa.Column('navn', sa.String(length=200), nullable=False),
    sa.Column('scenarie_json', sa.Text(), nullable=False),
    sa.Column('opdateret', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['portfolio_id'], ['portfolio.id'], name=op.f('fk_portfolio_scenario_portfolio_id_portfolio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_portfolio_scenario')),
    sa.UniqueConstraint('portfolio_id', 'navn', name=op.f('uq_portfolio_scenario_portfolio_id_navn'))
    )
    with op.batch_alter_table('portfolio_scenario', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_portfolio_scenario_portfolio_id'), ['portfolio_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('portfolio_scenario', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_portfolio_scenario_portfolio_id'))

    op.drop_table('portfolio_scenario')
    with op.batch_alter_table('portfolio_placement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_portfolio_placement_sagsnummer'))
        batch_op.drop_index(batch_op.f('ix_portfolio_placement_portfolio_id'))

    op.drop_table('portfolio_placement')
    with op.batch_alter_table('portfolio_budget', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_portfolio_budget_portfolio_id'))

    op.drop_table('portfolio_budget')
    op.drop_table('portfolio')
