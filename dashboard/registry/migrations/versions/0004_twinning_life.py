"""A twinning record has a life (issue 21), as the store's twinnings do: signing date with its precision
(signed, signed_precision), the statuses ended and unknown beside active, suspended and proposed, the date
and source of the last change of status (status_changed, status_source), and every source attesting it
(twinning_record_sources).

Data: nothing old is rewritten or dropped. year_signed stays (readers of the first schema); a record with a
year gets signed = that year (precision 'year'); a record with a source_url gets it as its first row of
twinning_record_sources. Frozen once released: the rules are written out here, not imported.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 14:30:00

Every migration has its own test in tests/test_registry_migrations.py (rows written before it survive it).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

OLD_STATUSES = "status IN ('active', 'suspended', 'proposed')"
NEW_STATUSES = "status IN ('active', 'suspended', 'ended', 'unknown', 'proposed')"


def upgrade() -> None:
    # SQLite changes a CHECK constraint by copying the table (batch mode); the copy keeps every row
    with op.batch_alter_table('twinning_records', recreate='auto') as batch_op:
        batch_op.drop_constraint('twinning_records_status', type_='check')
        batch_op.create_check_constraint('twinning_records_status', NEW_STATUSES)
        batch_op.alter_column('year_signed', existing_type=sa.Integer(),
                              comment='the year of `signed` (kept for readers of the first schema)',
                              existing_nullable=True)
        batch_op.alter_column('status', existing_type=sa.String(length=16),
                              comment='active, suspended, ended, unknown or proposed', existing_nullable=False)
        batch_op.alter_column('source_url', existing_type=sa.Text(),
                              comment='the first source attesting it (all of them: twinning_record_sources)',
                              existing_nullable=True)
        batch_op.add_column(sa.Column('signed', sa.String(length=10), nullable=True,
                                      comment='signing date: YYYY, YYYY-MM or YYYY-MM-DD'))
        batch_op.add_column(sa.Column('signed_precision', sa.String(length=5), nullable=True,
                                      comment='year, month or day; NULL without a signing date'))
        batch_op.add_column(sa.Column('status_changed', sa.String(length=10), nullable=True,
                                      comment='when the status last changed (same forms as signed)'))
        batch_op.add_column(sa.Column('status_source', sa.Text(), nullable=True,
                                      comment='the address stating the last change'))
    op.create_table(
        'twinning_record_sources',
        sa.Column('place_a', sa.Integer(), nullable=False),
        sa.Column('place_b', sa.Integer(), nullable=False),
        sa.Column('url', sa.Text(), nullable=False,
                  comment='an address attesting the twinning or a change of it'),
        sa.Column('note', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['place_a', 'place_b'], ['twinning_records.place_a', 'twinning_records.place_b'],
                                name='twinning_record_sources_record', ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('place_a', 'place_b', 'url'),
    )
    op.execute("UPDATE twinning_records SET signed = CAST(year_signed AS VARCHAR(10)), signed_precision = 'year' "
               "WHERE year_signed IS NOT NULL")
    op.execute("INSERT INTO twinning_record_sources (place_a, place_b, url, note) "
               "SELECT place_a, place_b, source_url, 'the record''s source' FROM twinning_records "
               "WHERE source_url IS NOT NULL AND source_url <> ''")


def downgrade() -> None:
    op.drop_table('twinning_record_sources')
    op.execute("UPDATE twinning_records SET status = 'suspended' WHERE status IN ('ended', 'unknown')")
    with op.batch_alter_table('twinning_records', recreate='auto') as batch_op:
        batch_op.drop_column('status_source')
        batch_op.drop_column('status_changed')
        batch_op.drop_column('signed_precision')
        batch_op.drop_column('signed')
        batch_op.drop_constraint('twinning_records_status', type_='check')
        batch_op.create_check_constraint('twinning_records_status', OLD_STATUSES)
