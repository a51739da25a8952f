"""Baseline: the registry's schema as `create_all` made it before migrations (commit bb34dc1).

A registry of that time (registry_meta schema = "1", no version table) is stamped at this revision, not
run through it. Frozen: never edit it; a change to the schema is a new migration. Its test:
tests/test_registry_migrations.py (tests/fixtures/registry_v1.sqlite upgrades with every row intact).

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('registry_imports',
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_name', sa.String(length=64), nullable=False),
    sa.Column('file_name', sa.Text(), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('file_bytes', sa.Integer(), nullable=False),
    sa.Column('rows_total', sa.Integer(), nullable=False),
    sa.Column('added', sa.Integer(), nullable=False),
    sa.Column('updated', sa.Integer(), nullable=False),
    sa.Column('unchanged', sa.Integer(), nullable=False),
    sa.Column('rejected', sa.Integer(), nullable=False),
    sa.Column('skipped_withdrawn', sa.Integer(), nullable=False),
    sa.Column('origin', sa.String(length=16), nullable=False, comment='cli, web or seed'),
    sa.PrimaryKeyConstraint('import_id')
    )
    registry_meta = op.create_table('registry_meta',
    sa.Column('key', sa.String(length=64), nullable=False, comment='version, schema, secret_key, events_seeded'),
    sa.Column('value', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('key')
    )
    op.bulk_insert(registry_meta, [{'key': 'version', 'value': '0'}])  # bump_version counts from here
    op.create_table('registry_users',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('password_hash', sa.Text(), nullable=False, comment='werkzeug.security (scrypt)'),
    sa.Column('role', sa.String(length=16), nullable=False, comment='viewer, editor or admin'),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=True),
    sa.CheckConstraint("role IN ('viewer', 'editor', 'admin')", name='registry_users_role'),
    sa.PrimaryKeyConstraint('user_id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('saved_views',
    sa.Column('view_id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=64), nullable=False, comment='the stable shareable key: /views/<slug>'),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('path', sa.String(length=200), nullable=False, comment="the page's path, e.g. /network or /country/BLR"),
    sa.Column('query', sa.Text(), nullable=False, comment="ViewState.to_query(): '' or '?lang=ru&...'"),
    sa.Column('story', sa.String(length=80), nullable=True, comment='the story (presentation) it is a slide of; NULL for none'),
    sa.Column('position', sa.Integer(), nullable=True, comment='1, 2, ... within its story; NULL without a story'),
    sa.Column('notes', sa.Text(), nullable=True, comment="the slide's notes"),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('view_id'),
    sa.UniqueConstraint('slug')
    )
    op.create_index('saved_views_story', 'saved_views', ['story', 'position'], unique=False)
    op.create_table('twinning_records',
    sa.Column('place_a', sa.Integer(), nullable=False, comment='place_id, the smaller of the pair'),
    sa.Column('place_b', sa.Integer(), nullable=False),
    sa.Column('year_signed', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False, comment='active, suspended or proposed'),
    sa.Column('source_url', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("status IN ('active', 'suspended', 'proposed')", name='twinning_records_status'),
    sa.CheckConstraint('place_a < place_b', name='twinning_records_pair'),
    sa.PrimaryKeyConstraint('place_a', 'place_b')
    )
    op.create_table('activities',
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('activity_type', sa.String(length=24), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('date_precision', sa.String(length=8), nullable=False, comment='day, month or year'),
    sa.Column('twinning_a', sa.Integer(), nullable=True, comment='place_id, the smaller of the pair'),
    sa.Column('twinning_b', sa.Integer(), nullable=True, comment='place_id, the larger of the pair'),
    sa.Column('corridor_id', sa.String(length=64), nullable=True, comment='id in data/corridors.csv'),
    sa.Column('organiser', sa.Text(), nullable=True),
    sa.Column('source_url', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('is_sample', sa.Boolean(), nullable=False, comment='made by `python -m dashboard demo-activities`: never real'),
    sa.Column('withdrawn', sa.Boolean(), nullable=False, comment='hidden, never deleted'),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('import_id', sa.Integer(), nullable=True, comment='the import that last wrote it'),
    sa.CheckConstraint('(twinning_a IS NULL AND twinning_b IS NULL) OR twinning_a < twinning_b', name='activities_twinning_pair'),
    sa.CheckConstraint('end_date >= start_date', name='activities_dates'),
    sa.ForeignKeyConstraint(['import_id'], ['registry_imports.import_id'], ),
    sa.PrimaryKeyConstraint('activity_id')
    )
    op.create_index('ix_activities_activity_type', 'activities', ['activity_type'], unique=False)
    op.create_index('ix_activities_is_sample', 'activities', ['is_sample'], unique=False)
    op.create_index('ix_activities_start_date', 'activities', ['start_date'], unique=False)
    op.create_table('registry_audit',
    sa.Column('audit_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_name', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False, comment='insert, update, withdraw, restore, sample'),
    sa.Column('entity', sa.String(length=24), nullable=False, comment='activity, twinning_record, user, samples'),
    sa.Column('entity_key', sa.Text(), nullable=False, comment="activity_id, 'place_a-place_b', user name"),
    sa.Column('old_value', sa.Text(), nullable=True, comment='JSON of the row before the change (NULL for an insert)'),
    sa.Column('new_value', sa.Text(), nullable=True, comment='JSON of the row after the change'),
    sa.Column('import_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['import_id'], ['registry_imports.import_id'], ),
    sa.PrimaryKeyConstraint('audit_id')
    )
    op.create_index('ix_registry_audit_at', 'registry_audit', ['at'], unique=False)
    op.create_table('activity_countries',
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('iso3', sa.String(length=3), nullable=False, comment='every country involved: named ones and those of its places and regions'),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.activity_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('activity_id', 'iso3')
    )
    op.create_index('activity_countries_iso3', 'activity_countries', ['iso3'], unique=False)
    op.create_table('activity_keys',
    sa.Column('natural_key', sa.Text(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=True, comment='of the imported row; NULL for keys made in the UI'),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.activity_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('natural_key')
    )
    op.create_index('ix_activity_keys_activity_id', 'activity_keys', ['activity_id'], unique=False)
    op.create_table('activity_places',
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=False, comment='GeoNames id (store places)'),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.activity_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('activity_id', 'place_id')
    )
    op.create_index('activity_places_place', 'activity_places', ['place_id'], unique=False)
    op.create_table('activity_regions',
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.String(length=16), nullable=False, comment='Natural Earth adm1_code (store regions)'),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.activity_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('activity_id', 'region_id')
    )


def downgrade() -> None:
    op.drop_table('activity_regions')
    op.drop_index('activity_places_place', table_name='activity_places')
    op.drop_table('activity_places')
    op.drop_index('ix_activity_keys_activity_id', table_name='activity_keys')
    op.drop_table('activity_keys')
    op.drop_index('activity_countries_iso3', table_name='activity_countries')
    op.drop_table('activity_countries')
    op.drop_index('ix_registry_audit_at', table_name='registry_audit')
    op.drop_table('registry_audit')
    op.drop_index('ix_activities_start_date', table_name='activities')
    op.drop_index('ix_activities_is_sample', table_name='activities')
    op.drop_index('ix_activities_activity_type', table_name='activities')
    op.drop_table('activities')
    op.drop_table('twinning_records')
    op.drop_index('saved_views_story', table_name='saved_views')
    op.drop_table('saved_views')
    op.drop_table('registry_users')
    op.drop_table('registry_meta')
    op.drop_table('registry_imports')
