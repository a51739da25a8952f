"""The registry's tables (SQLAlchemy Core, its own MetaData): the same schema on SQLite and PostgreSQL.

Nothing here has a foreign key into the store: places, regions, countries and twinnings are referred
to by the store's stable keys and joined in pandas.
"""

from __future__ import annotations

from sqlalchemy import (
                        Boolean,
                        CheckConstraint,
                        Column,
                        Date,
                        DateTime,
                        ForeignKey,
                        ForeignKeyConstraint,
                        Index,
                        Integer,
                        MetaData,
                        String,
                        Table,
                        Text,
)

metadata = MetaData()

registry_meta = Table(
    "registry_meta", metadata,
    Column("key", String(64), primary_key=True, comment="version, schema, secret_key, events_seeded"),
    Column("value", Text),
)

registry_users = Table(
    "registry_users", metadata,
    Column("user_id", Integer, primary_key=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False, comment="werkzeug.security (scrypt)"),
    Column("role", String(16), nullable=False, comment="viewer, editor or admin"),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime, nullable=False),
    Column("created_by", String(64)),
    CheckConstraint("role IN ('viewer', 'editor', 'admin')", name="registry_users_role"),
)

registry_imports = Table(
    "registry_imports", metadata,
    Column("import_id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False),
    Column("user_name", String(64), nullable=False),
    Column("file_name", Text, nullable=False),
    Column("file_sha256", String(64), nullable=False),
    Column("file_bytes", Integer, nullable=False),
    Column("rows_total", Integer, nullable=False),
    Column("added", Integer, nullable=False),
    Column("updated", Integer, nullable=False),
    Column("unchanged", Integer, nullable=False),
    Column("rejected", Integer, nullable=False),
    Column("skipped_withdrawn", Integer, nullable=False, default=0),
    Column("origin", String(16), nullable=False, comment="cli, web or seed"),
)

activities = Table(
    "activities", metadata,
    Column("activity_id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("activity_type", String(24), nullable=False, index=True),
    Column("start_date", Date, nullable=False, index=True),
    Column("end_date", Date, nullable=False),
    Column("date_precision", String(8), nullable=False, default="day", comment="day, month or year"),
    Column("twinning_a", Integer, comment="place_id, the smaller of the pair"),
    Column("twinning_b", Integer, comment="place_id, the larger of the pair"),
    Column("corridor_id", String(64), comment="id in data/corridors.csv"),
    Column("organiser", Text),
    Column("source_url", Text),
    Column("notes", Text),
    Column("status", String(12), nullable=False, server_default="held",
           comment="planned, held, postponed or cancelled (dashboard.registry.statuses); history in "
                   "activity_status_changes"),
    Column("is_sample", Boolean, nullable=False, default=False, index=True,
           comment="made by `python -m dashboard demo-activities`: never real"),
    Column("withdrawn", Boolean, nullable=False, default=False, comment="hidden, never deleted"),
    Column("created_at", DateTime, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("updated_at", DateTime),
    Column("updated_by", String(64)),
    Column("import_id", Integer, ForeignKey("registry_imports.import_id"),
           comment="the import that last wrote it"),
    CheckConstraint("end_date >= start_date", name="activities_dates"),
    CheckConstraint("(twinning_a IS NULL AND twinning_b IS NULL) OR twinning_a < twinning_b",
                    name="activities_twinning_pair"),
)

# every natural key an activity has had (from an imported row or its own content): re-importing a
# file finds its activities even after a correction in the UI; content_hash = the row as last imported
activity_keys = Table(
    "activity_keys", metadata,
    Column("natural_key", Text, primary_key=True),
    Column("activity_id", Integer, ForeignKey("activities.activity_id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("content_hash", String(64), comment="of the imported row; NULL for keys made in the UI"),
)

activity_places = Table(
    "activity_places", metadata,
    Column("activity_id", Integer, ForeignKey("activities.activity_id", ondelete="CASCADE"), primary_key=True),
    Column("place_id", Integer, primary_key=True, comment="GeoNames id (store places)"),
    Index("activity_places_place", "place_id"),
)

activity_regions = Table(
    "activity_regions", metadata,
    Column("activity_id", Integer, ForeignKey("activities.activity_id", ondelete="CASCADE"), primary_key=True),
    Column("region_id", String(16), primary_key=True, comment="Natural Earth adm1_code (store regions)"),
)

activity_countries = Table(
    "activity_countries", metadata,
    Column("activity_id", Integer, ForeignKey("activities.activity_id", ondelete="CASCADE"), primary_key=True),
    Column("iso3", String(3), primary_key=True,
           comment="every country involved: named ones and those of its places and regions"),
    Index("activity_countries_iso3", "iso3"),
)

twinning_records = Table(
    "twinning_records", metadata,
    Column("place_a", Integer, primary_key=True, comment="place_id, the smaller of the pair"),
    Column("place_b", Integer, primary_key=True),
    Column("year_signed", Integer, comment="the year of `signed` (kept for readers of the first schema)"),
    Column("signed", String(10), comment="signing date: YYYY, YYYY-MM or YYYY-MM-DD"),
    Column("signed_precision", String(5), comment="year, month or day; NULL without a signing date"),
    Column("status", String(16), nullable=False, comment="active, suspended, ended, unknown or proposed"),
    Column("status_changed", String(10), comment="when the status last changed (same forms as signed)"),
    Column("status_source", Text, comment="the address stating the last change"),
    Column("source_url", Text, comment="the first source attesting it (all of them: twinning_record_sources)"),
    Column("notes", Text),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", DateTime, nullable=False),
    Column("updated_by", String(64)),
    Column("updated_at", DateTime),
    CheckConstraint("place_a < place_b", name="twinning_records_pair"),
    CheckConstraint("status IN ('active', 'suspended', 'ended', 'unknown', 'proposed')",
                    name="twinning_records_status"),
)

twinning_record_sources = Table(
    "twinning_record_sources", metadata,
    Column("place_a", Integer, primary_key=True),
    Column("place_b", Integer, primary_key=True),
    Column("url", Text, primary_key=True, comment="an address attesting the twinning or a change of it"),
    Column("note", Text),
    ForeignKeyConstraint(["place_a", "place_b"], ["twinning_records.place_a", "twinning_records.place_b"],
                         ondelete="CASCADE", name="twinning_record_sources_record"),
)

# saved views (issue 7, presenting and sharing): a page in a state under a name, optionally a slide of a story
saved_views = Table(
    "saved_views", metadata,
    Column("view_id", Integer, primary_key=True),
    Column("slug", String(64), nullable=False, unique=True, comment="the stable shareable key: /views/<slug>"),
    Column("title", Text, nullable=False),
    Column("description", Text),
    Column("path", String(200), nullable=False, comment="the page's path, e.g. /network or /country/BLR"),
    Column("query", Text, nullable=False, default="", comment="ViewState.to_query(): '' or '?lang=ru&...'"),
    Column("story", String(80), comment="the story (presentation) it is a slide of; NULL for none"),
    Column("position", Integer, comment="1, 2, ... within its story; NULL without a story"),
    Column("notes", Text, comment="the slide's notes"),
    Column("created_at", DateTime, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("updated_at", DateTime),
    Column("updated_by", String(64)),
    Index("saved_views_story", "story", "position"),
)

registry_audit = Table(
    "registry_audit", metadata,
    Column("audit_id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False, index=True),
    Column("user_name", String(64), nullable=False),
    Column("action", String(16), nullable=False, comment="insert, update, withdraw, restore, sample"),
    Column("entity", String(24), nullable=False, comment="activity, twinning_record, user, samples"),
    Column("entity_key", Text, nullable=False, comment="activity_id, 'place_a-place_b', user name"),
    Column("old_value", Text, comment="JSON of the row before the change (NULL for an insert)"),
    Column("new_value", Text, comment="JSON of the row after the change"),
    Column("import_id", Integer, ForeignKey("registry_imports.import_id")),
)


# ---- monitoring between meetings (issue 17): sectors, status history, meetings, action plans ----------------

activity_sectors = Table(
    "activity_sectors", metadata,
    Column("activity_id", Integer, ForeignKey("activities.activity_id", ondelete="CASCADE"), primary_key=True),
    Column("sector", String(24), primary_key=True, comment="dashboard.registry.sectors.SECTORS"),
    Index("activity_sectors_sector", "sector"),
)

activity_status_changes = Table(
    "activity_status_changes", metadata,
    Column("change_id", Integer, primary_key=True),
    Column("activity_id", Integer, ForeignKey("activities.activity_id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("status", String(12), nullable=False, comment="the status from that day on"),
    Column("changed_on", Date, nullable=False, comment="the day of the change"),
    Column("recorded_at", DateTime, nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("note", Text),
)

meetings = Table(
    "meetings", metadata,
    Column("meeting_id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("title_ru", Text),
    Column("kind", String(16), nullable=False, comment="forum, meeting or session"),
    Column("start_date", Date, nullable=False, index=True),
    Column("end_date", Date, nullable=False),
    Column("place_id", Integer, comment="GeoNames id of the host city (store places)"),
    Column("place_name", Text),
    Column("countries", String(64), nullable=False, comment="ISO3 codes of the pair, sorted, ';'-separated"),
    Column("source_url", Text),
    Column("notes", Text),
    Column("created_at", DateTime, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("updated_at", DateTime),
    Column("updated_by", String(64)),
    CheckConstraint("end_date >= start_date", name="meetings_dates"),
)

action_plans = Table(
    "action_plans", metadata,
    Column("plan_id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("adopted_by", Text),
    Column("adopted_on", Date),
    Column("countries", String(64), nullable=False, comment="ISO3 codes, sorted, ';'-separated"),
    Column("source_url", Text),
    Column("source_document", Text),
    Column("notes", Text),
    Column("created_at", DateTime, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("updated_at", DateTime),
    Column("updated_by", String(64)),
)

plan_items = Table(
    "plan_items", metadata,
    Column("item_id", Integer, primary_key=True),
    Column("plan_id", Integer, ForeignKey("action_plans.plan_id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("sector", String(24)),
    Column("responsible", Text, comment="responsible organisations"),
    Column("places", Text, comment="place ids, ';'-separated"),
    Column("countries", String(64), comment="ISO3 codes, sorted, ';'-separated"),
    Column("due_from", Date),
    Column("due_to", Date, comment="the item is overdue after this day when not done"),
    Column("indicator", Text),
    Column("target", Integer, comment="how many held activities make it done (default 1)"),
    Column("withdrawn", Boolean, nullable=False, default=False),
    Column("created_at", DateTime, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("updated_at", DateTime),
    Column("updated_by", String(64)),
)

plan_item_activities = Table(
    "plan_item_activities", metadata,
    Column("item_id", Integer, ForeignKey("plan_items.item_id", ondelete="CASCADE"), primary_key=True),
    Column("activity_id", Integer, ForeignKey("activities.activity_id", ondelete="CASCADE"), primary_key=True),
    Column("linked_at", DateTime, nullable=False),
    Column("linked_by", String(64), nullable=False),
    Index("plan_item_activities_activity", "activity_id"),
)
