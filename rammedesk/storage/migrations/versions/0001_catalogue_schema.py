"""catalogue schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import rammedesk.storage.types


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    
    op.create_table('import_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('reference', 'demo', 'takstfil', 'manuel', name='batch_kind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('kilde', sa.String(length=200), nullable=False),
    sa.Column('filnavn', sa.String(length=400), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('ark', sa.String(length=200), nullable=True),
    sa.Column('mapping_json', sa.Text(), nullable=True),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('importeret', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_batch'))
    )
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_batch_kind'), ['kind'], unique=False)

    op.create_table('maalgruppe',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('vokabular', sa.String(length=40), nullable=False),
    sa.Column('kode', sa.String(length=20), nullable=False),
    sa.Column('label', sa.String(length=300), nullable=False),
    sa.Column('aldersgruppe', sa.Enum('boern_unge', 'voksne', 'alle', name='aldersgruppe', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_maalgruppe'))
    )
    with op.batch_alter_table('maalgruppe', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_maalgruppe_vokabular'), ['vokabular'], unique=False)

    op.create_table('paragraf',
    sa.Column('id', sa.String(length=20), nullable=False),
    sa.Column('lov', sa.String(length=10), nullable=False),
    sa.Column('nummer', sa.String(length=10), nullable=False),
    sa.Column('stk', sa.Integer(), nullable=True),
    sa.Column('label', sa.String(length=60), nullable=False),
    sa.Column('beskrivelse', sa.String(length=300), nullable=False),
    sa.Column('i_rammeaftale', sa.Boolean(), nullable=False),
    sa.Column('historisk', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paragraf'))
    )
    op.create_table('pl_sats',
    sa.Column('aar', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('sats_pct', rammedesk.storage.types.ScaledDecimal(scale=3), nullable=False),
    sa.Column('kilde', sa.String(length=200), nullable=False),
    sa.Column('dato', sa.Date(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('aar', name=op.f('pk_pl_sats'))
    )
    op.create_table('region',
    sa.Column('kode', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('navn', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('kode', name=op.f('pk_region'))
    )
    op.create_table('kommune',
    sa.Column('kode', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('navn', sa.String(length=100), nullable=False),
    sa.Column('region_kode', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['region_kode'], ['region.kode'], name=op.f('fk_kommune_region_kode_region')),
    sa.PrimaryKeyConstraint('kode', name=op.f('pk_kommune'))
    )
    with op.batch_alter_table('kommune', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kommune_region_kode'), ['region_kode'], unique=False)

    op.create_table('driftsherre',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('navn', sa.String(length=200), nullable=False),
    sa.Column('art', sa.Enum('kommunal', 'regional', 'privat', 'selvejende', name='driftsherre_art', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('kommune_kode', sa.Integer(), nullable=True),
    sa.Column('region_kode', sa.Integer(), nullable=True),
    sa.Column('cvr', sa.String(length=8), nullable=True),
    sa.ForeignKeyConstraint(['kommune_kode'], ['kommune.kode'], name=op.f('fk_driftsherre_kommune_kode_kommune')),
    sa.ForeignKeyConstraint(['region_kode'], ['region.kode'], name=op.f('fk_driftsherre_region_kode_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_driftsherre'))
    )
    with op.batch_alter_table('driftsherre', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_driftsherre_kommune_kode'), ['kommune_kode'], unique=False)
        batch_op.create_index(batch_op.f('ix_driftsherre_region_kode'), ['region_kode'], unique=False)

    op.create_table('tilbud',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('navn', sa.String(length=300), nullable=False),
    sa.Column('driftsherre_id', sa.Integer(), nullable=False),
    sa.Column('kommune_kode', sa.Integer(), nullable=False),
    sa.Column('tp_tilbudsid', sa.Integer(), nullable=True),
    sa.Column('tilbudsform', sa.Enum('dag', 'doegn', name='tilbudsform', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('beskrivelse', sa.Text(), nullable=False),
    sa.Column('adresse', sa.String(length=200), nullable=True),
    sa.Column('postnr', sa.Integer(), nullable=True),
    sa.Column('by', sa.String(length=100), nullable=True),
    sa.Column('telefon', sa.String(length=20), nullable=True),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('web', sa.String(length=300), nullable=True),
    sa.Column('cvr', sa.String(length=8), nullable=True),
    sa.Column('p_nummer', sa.String(length=10), nullable=True),
    sa.Column('landsdaekkende', sa.Boolean(), nullable=False),
    sa.Column('sikret', sa.Boolean(), nullable=False),
    sa.Column('import_batch_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['driftsherre_id'], ['driftsherre.id'], name=op.f('fk_tilbud_driftsherre_id_driftsherre')),
    sa.ForeignKeyConstraint(['import_batch_id'], ['import_batch.id'], name=op.f('fk_tilbud_import_batch_id_import_batch')),
    sa.ForeignKeyConstraint(['kommune_kode'], ['kommune.kode'], name=op.f('fk_tilbud_kommune_kode_kommune')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tilbud')),
    sa.UniqueConstraint('tp_tilbudsid', name=op.f('uq_tilbud_tp_tilbudsid'))
    )
    with op.batch_alter_table('tilbud', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tilbud_driftsherre_id'), ['driftsherre_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tilbud_import_batch_id'), ['import_batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tilbud_kommune_kode'), ['kommune_kode'], unique=False)

    op.create_table('afdeling',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tilbud_id', sa.Integer(), nullable=False),
    sa.Column('navn', sa.String(length=300), nullable=False),
    sa.Column('tp_afdelingsid', sa.Integer(), nullable=True),
    sa.Column('tilbudsform', sa.Enum('dag', 'doegn', name='tilbudsform', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('beskrivelse', sa.Text(), nullable=False),
    sa.Column('import_batch_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['import_batch_id'], ['import_batch.id'], name=op.f('fk_afdeling_import_batch_id_import_batch')),
    sa.ForeignKeyConstraint(['tilbud_id'], ['tilbud.id'], name=op.f('fk_afdeling_tilbud_id_tilbud'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_afdeling')),
    sa.UniqueConstraint('tp_afdelingsid', name=op.f('uq_afdeling_tp_afdelingsid'))
    )
    with op.batch_alter_table('afdeling', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_afdeling_import_batch_id'), ['import_batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_afdeling_tilbud_id'), ['tilbud_id'], unique=False)

    op.create_table('afdeling_maalgruppe',
    sa.Column('afdeling_id', sa.Integer(), nullable=False),
    sa.Column('maalgruppe_id', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['afdeling_id'], ['afdeling.id'], name=op.f('fk_afdeling_maalgruppe_afdeling_id_afdeling'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['maalgruppe_id'], ['maalgruppe.id'], name=op.f('fk_afdeling_maalgruppe_maalgruppe_id_maalgruppe')),
    sa.PrimaryKeyConstraint('afdeling_id', 'maalgruppe_id', name=op.f('pk_afdeling_maalgruppe'))
    )
    with op.batch_alter_table('afdeling_maalgruppe', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_afdeling_maalgruppe_maalgruppe_id'), ['maalgruppe_id'], unique=False)

    op.create_table('afdeling_paragraf',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('afdeling_id', sa.Integer(), nullable=False),
    sa.Column('paragraf_id', sa.String(length=20), nullable=False),
    sa.Column('aar', sa.Integer(), nullable=False),
    sa.Column('pladser', sa.Integer(), nullable=False),
    sa.Column('primaer', sa.Boolean(), nullable=False),
    sa.Column('import_batch_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['afdeling_id'], ['afdeling.id'], name=op.f('fk_afdeling_paragraf_afdeling_id_afdeling'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['import_batch_id'], ['import_batch.id'], name=op.f('fk_afdeling_paragraf_import_batch_id_import_batch')),
    sa.ForeignKeyConstraint(['paragraf_id'], ['paragraf.id'], name=op.f('fk_afdeling_paragraf_paragraf_id_paragraf')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_afdeling_paragraf')),
    sa.UniqueConstraint('afdeling_id', 'paragraf_id', 'aar', name=op.f('uq_afdeling_paragraf_afdeling_id_paragraf_id_aar'))
    )
    with op.batch_alter_table('afdeling_paragraf', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_afdeling_paragraf_import_batch_id'), ['import_batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_afdeling_paragraf_paragraf_id'), ['paragraf_id'], unique=False)

    op.create_table('belaegning',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('afdeling_id', sa.Integer(), nullable=False),
    sa.Column('aar', sa.Integer(), nullable=False),
    sa.Column('budgetteret_pct', rammedesk.storage.types.ScaledDecimal(scale=3), nullable=True),
    sa.Column('faktisk_pct', rammedesk.storage.types.ScaledDecimal(scale=3), nullable=True),
    sa.Column('import_batch_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['afdeling_id'], ['afdeling.id'], name=op.f('fk_belaegning_afdeling_id_afdeling'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['import_batch_id'], ['import_batch.id'], name=op.f('fk_belaegning_import_batch_id_import_batch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_belaegning')),
    sa.UniqueConstraint('afdeling_id', 'aar', name=op.f('uq_belaegning_afdeling_id_aar'))
    )
    with op.batch_alter_table('belaegning', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_belaegning_import_batch_id'), ['import_batch_id'], unique=False)

    op.create_table('ydelse',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('afdeling_id', sa.Integer(), nullable=False),
    sa.Column('navn', sa.String(length=300), nullable=False),
    sa.Column('niveau', sa.String(length=40), nullable=True),
    sa.Column('paragraf_id', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['afdeling_id'], ['afdeling.id'], name=op.f('fk_ydelse_afdeling_id_afdeling'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['paragraf_id'], ['paragraf.id'], name=op.f('fk_ydelse_paragraf_id_paragraf')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ydelse'))
    )
    with op.batch_alter_table('ydelse', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ydelse_afdeling_id'), ['afdeling_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ydelse_paragraf_id'), ['paragraf_id'], unique=False)

    op.create_table('takst',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ydelse_id', sa.Integer(), nullable=False),
    sa.Column('aar', sa.Integer(), nullable=False),
    sa.Column('beloeb', rammedesk.storage.types.ScaledDecimal(scale=2), nullable=True),
    sa.Column('individuel_pris', sa.Boolean(), nullable=False),
    sa.Column('enhed', sa.Enum('doegn', 'dag', 'time', 'maaned', 'km', 'stk', name='enhed', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('art', sa.Enum('samlet', 'basis', 'ydelse', 'tillaeg', name='takst_art', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('moms_basis', sa.Enum('inkl', 'fratrukket', name='moms_basis', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('finansiering', sa.Enum('takst', 'objektiv', name='finansiering', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('status', sa.Enum('foreloebig', 'endelig', name='takst_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('import_batch_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['import_batch_id'], ['import_batch.id'], name=op.f('fk_takst_import_batch_id_import_batch')),
    sa.ForeignKeyConstraint(['ydelse_id'], ['ydelse.id'], name=op.f('fk_takst_ydelse_id_ydelse'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_takst')),
    sa.UniqueConstraint('ydelse_id', 'aar', 'art', name=op.f('uq_takst_ydelse_id_aar_art'))
    )
    with op.batch_alter_table('takst', schema=None) as batch_op:
        batch_op.create_index('ix_takst_aar_beloeb', ['aar', 'beloeb'], unique=False)
        batch_op.create_index(batch_op.f('ix_takst_import_batch_id'), ['import_batch_id'], unique=False)

    


def downgrade() -> None:
    
    with op.batch_alter_table('takst', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_takst_import_batch_id'))
        batch_op.drop_index('ix_takst_aar_beloeb')

    op.drop_table('takst')
    with op.batch_alter_table('ydelse', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ydelse_paragraf_id'))
        batch_op.drop_index(batch_op.f('ix_ydelse_afdeling_id'))

    op.drop_table('ydelse')
    with op.batch_alter_table('belaegning', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_belaegning_import_batch_id'))

    op.drop_table('belaegning')
    with op.batch_alter_table('afdeling_paragraf', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_afdeling_paragraf_paragraf_id'))
        batch_op.drop_index(batch_op.f('ix_afdeling_paragraf_import_batch_id'))

    op.drop_table('afdeling_paragraf')
    with op.batch_alter_table('afdeling_maalgruppe', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_afdeling_maalgruppe_maalgruppe_id'))

    op.drop_table('afdeling_maalgruppe')
    with op.batch_alter_table('afdeling', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_afdeling_tilbud_id'))
        batch_op.drop_index(batch_op.f('ix_afdeling_import_batch_id'))

    op.drop_table('afdeling')
    with op.batch_alter_table('tilbud', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tilbud_kommune_kode'))
        batch_op.drop_index(batch_op.f('ix_tilbud_import_batch_id'))
        batch_op.drop_index(batch_op.f('ix_tilbud_driftsherre_id'))

    op.drop_table('tilbud')
    with op.batch_alter_table('driftsherre', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_driftsherre_region_kode'))
        batch_op.drop_index(batch_op.f('ix_driftsherre_kommune_kode'))

    op.drop_table('driftsherre')
    with op.batch_alter_table('kommune', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kommune_region_kode'))

    op.drop_table('kommune')
    op.drop_table('region')
    op.drop_table('pl_sats')
    op.drop_table('paragraf')
    with op.batch_alter_table('maalgruppe', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_maalgruppe_vokabular'))

    op.drop_table('maalgruppe')
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_batch_kind'))

    op.drop_table('import_batch')
    
