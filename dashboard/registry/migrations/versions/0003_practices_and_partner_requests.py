"""Practice library and partner search (issue 16): practices (texts, period, moderation, search terms; on
PostgreSQL a GIN-indexed tsvector), their sectors, places, transfers and links; partner requests and their
sectors. Only new tables: nothing written before it changes. The reference practices of data/practices.csv
are imported by the app on first use (dashboard.registry.practices.seed_practices), not here.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 14:14:06.623388

Every migration has its own test in tests/test_registry_migrations.py (rows written before it survive it).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('partner_requests',
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=False, comment='the municipality seeking a partner'),
    sa.Column('description', sa.Text(), nullable=False, comment='what it seeks a partner for'),
    sa.Column('countries', sa.Text(), nullable=True, comment='preferred countries, ISO3 separated by spaces'),
    sa.Column('space', sa.String(length=32), nullable=True, comment='preferred space (a bloc code), else any'),
    sa.Column('max_border_km', sa.Integer(), nullable=True, comment="the partner's greatest distance to the border"),
    sa.Column('population_min', sa.Integer(), nullable=True),
    sa.Column('population_max', sa.Integer(), nullable=True),
    sa.Column('languages', sa.Text(), nullable=True, comment='working languages, ISO 639-1 separated by spaces'),
    sa.Column('organisation', sa.Text(), nullable=False),
    sa.Column('contact', sa.Text(), nullable=False, comment='a public contact address of the organisation'),
    sa.Column('expires_on', sa.Date(), nullable=False, comment='it leaves the list after this day (and stays in the data)'),
    sa.Column('status', sa.String(length=20), nullable=False, comment='submitted, changes_requested, published or rejected'),
    sa.Column('moderation_note', sa.Text(), nullable=True),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('reviewed_by', sa.String(length=64), nullable=True),
    sa.CheckConstraint("status IN ('submitted', 'changes_requested', 'published', 'rejected')", name='partner_requests_status'),
    sa.PrimaryKeyConstraint('request_id')
    )
    with op.batch_alter_table('partner_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_requests_place_id'), ['place_id'], unique=False)

    op.create_table('practices',
    sa.Column('practice_id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False, comment='the stable address: /practices/<slug>'),
    sa.Column('title_en', sa.Text(), nullable=False),
    sa.Column('title_ru', sa.Text(), nullable=False),
    sa.Column('title_zh', sa.Text(), nullable=True),
    sa.Column('summary_en', sa.Text(), nullable=False),
    sa.Column('summary_ru', sa.Text(), nullable=False),
    sa.Column('summary_zh', sa.Text(), nullable=True),
    sa.Column('original_language', sa.String(length=2), nullable=False, comment='en, ru or zh: the language it was written in'),
    sa.Column('problem', sa.Text(), nullable=True),
    sa.Column('actions', sa.Text(), nullable=True, comment='what was done'),
    sa.Column('results', sa.Text(), nullable=True, comment='results, with figures where known'),
    sa.Column('period_start', sa.Integer(), nullable=False, comment='year'),
    sa.Column('period_end', sa.Integer(), nullable=True, comment='year; NULL while it goes on'),
    sa.Column('organisation', sa.Text(), nullable=True, comment='the organisation that offers it'),
    sa.Column('contact', sa.Text(), nullable=True, comment='a public contact address of that organisation'),
    sa.Column('sources', sa.Text(), nullable=False, comment='source addresses, separated by spaces'),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False, comment='submitted, changes_requested, published or rejected'),
    sa.Column('moderation_note', sa.Text(), nullable=True, comment="the moderator's last word to the author"),
    sa.Column('is_reference', sa.Boolean(), nullable=False, comment='imported from data/practices.csv'),
    sa.Column('is_sample', sa.Boolean(), nullable=False, comment='SAMPLE data (benchmarks, demos): never real'),
    sa.Column('content_hash', sa.String(length=64), nullable=False, comment='of the values as last written (idempotent imports)'),
    sa.Column('search_terms', sa.Text(), nullable=False, comment='stemmed terms (dashboard.registry.search_terms)'),
    sa.Column('search_vector', sa.Text().with_variant(postgresql.TSVECTOR(), 'postgresql'), nullable=True, comment='PostgreSQL: search_terms as a tsvector (NULL on SQLite, which indexes them with FTS5)'),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('reviewed_by', sa.String(length=64), nullable=True),
    sa.CheckConstraint("status IN ('submitted', 'changes_requested', 'published', 'rejected')", name='practices_status'),
    sa.CheckConstraint('period_end IS NULL OR period_end >= period_start', name='practices_period'),
    sa.PrimaryKeyConstraint('practice_id'),
    sa.UniqueConstraint('slug')
    )
    with op.batch_alter_table('practices', schema=None) as batch_op:
        batch_op.create_index('practices_search_vector', ['search_vector'], unique=False, postgresql_using='gin')
        batch_op.create_index('practices_status', ['status'], unique=False)

    op.create_table('partner_request_sectors',
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('sector', sa.String(length=24), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['partner_requests.request_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('request_id', 'sector')
    )
    op.create_table('practice_links',
    sa.Column('practice_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False, comment='activity or twinning'),
    sa.Column('ref', sa.String(length=40), nullable=False, comment="activity_id, or 'place_a-place_b' of a twinning"),
    sa.ForeignKeyConstraint(['practice_id'], ['practices.practice_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('practice_id', 'kind', 'ref')
    )
    op.create_table('practice_places',
    sa.Column('practice_id', sa.Integer(), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=False, comment='GeoNames id (store places)'),
    sa.ForeignKeyConstraint(['practice_id'], ['practices.practice_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('practice_id', 'place_id')
    )
    with op.batch_alter_table('practice_places', schema=None) as batch_op:
        batch_op.create_index('practice_places_place', ['place_id'], unique=False)

    op.create_table('practice_sectors',
    sa.Column('practice_id', sa.Integer(), nullable=False),
    sa.Column('sector', sa.String(length=24), nullable=False),
    sa.ForeignKeyConstraint(['practice_id'], ['practices.practice_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('practice_id', 'sector')
    )
    op.create_table('practice_transfers',
    sa.Column('transfer_id', sa.Integer(), nullable=False),
    sa.Column('practice_id', sa.Integer(), nullable=False),
    sa.Column('from_place', sa.Integer(), nullable=False, comment='GeoNames id of the municipality it came from'),
    sa.Column('to_place', sa.Integer(), nullable=False, comment='GeoNames id of the municipality that took it up'),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('source_url', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['practice_id'], ['practices.practice_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('transfer_id')
    )
    with op.batch_alter_table('practice_transfers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_transfers_practice_id'), ['practice_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('practice_transfers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_transfers_practice_id'))

    op.drop_table('practice_transfers')
    op.drop_table('practice_sectors')
    with op.batch_alter_table('practice_places', schema=None) as batch_op:
        batch_op.drop_index('practice_places_place')

    op.drop_table('practice_places')
    op.drop_table('practice_links')
    op.drop_table('partner_request_sectors')
    with op.batch_alter_table('practices', schema=None) as batch_op:
        batch_op.drop_index('practices_status')
        batch_op.drop_index('practices_search_vector', postgresql_using='gin')

    op.drop_table('practices')
    with op.batch_alter_table('partner_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_requests_place_id'))

    op.drop_table('partner_requests')
