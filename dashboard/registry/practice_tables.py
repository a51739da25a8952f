"""The tables of the practice library and the partner search (issue 16), on the registry's MetaData.

Kept apart from schema.py (one job each); imported by the package so that the migrations and
`registry check` see them. Places are GeoNames ids of the store, sectors the codes of
dashboard.registry.sectors; nothing points into the store.

    practices               one practice: texts in ru/en (zh optional), period, organisation, contact,
                            sources; translations of its long texts (problem_ru, actions_zh, ...); its moderation status; its search terms (and on PostgreSQL their
                            tsvector, GIN-indexed)
    practice_sectors        its sectors
    practice_places         the places involved (one or many, across a border or not)
    practice_transfers      a practice taken up by another municipality: from, to, year, source
    practice_links          related activities (activity_id) and twinnings ('place_a-place_b')
    partner_requests        a municipality seeking a partner: what for, where, how large, until when
    partner_request_sectors the sectors it seeks partners in
"""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Column, Date, DateTime, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.dialects.postgresql import TSVECTOR

from dashboard.registry.schema import metadata

#: a practice's and a partner request's moderation states
MODERATION_STATES = ("submitted", "changes_requested", "published", "rejected")
_STATES_SQL = ", ".join(f"'{state}'" for state in MODERATION_STATES)
#: a practice's long texts, kept in its original language (problem, ...) and translated (problem_ru, ...);
#: the column of the original language stays empty
TRANSLATED_TEXTS = ("problem", "actions", "results", "organisation")
TEXT_LANGUAGES = ("en", "ru", "zh")

practices = Table(
    "practices", metadata,
    Column("practice_id", Integer, primary_key=True),
    Column("slug", String(120), nullable=False, unique=True, comment="the stable address: /practices/<slug>"),
    Column("title_en", Text, nullable=False),
    Column("title_ru", Text, nullable=False),
    Column("title_zh", Text),
    Column("summary_en", Text, nullable=False),
    Column("summary_ru", Text, nullable=False),
    Column("summary_zh", Text),
    Column("original_language", String(2), nullable=False, comment="en, ru or zh: the language it was written in"),
    Column("problem", Text),
    Column("actions", Text, comment="what was done"),
    Column("results", Text, comment="results, with figures where known"),
    Column("period_start", Integer, nullable=False, comment="year"),
    Column("period_end", Integer, comment="year; NULL while it goes on"),
    Column("organisation", Text, comment="the organisation that offers it"),
    Column("contact", Text, comment="a public contact address of that organisation"),
    Column("sources", Text, nullable=False, comment="source addresses, separated by spaces"),
    Column("notes", Text),
    *(Column(f"{text}_{language}", Text, comment=f"{text} translated into {language} (NULL: only the original)")
      for text in TRANSLATED_TEXTS for language in TEXT_LANGUAGES),
    Column("status", String(20), nullable=False, comment="submitted, changes_requested, published or rejected"),
    Column("moderation_note", Text, comment="the moderator's last word to the author"),
    Column("is_reference", Boolean, nullable=False, default=False, comment="imported from data/practices.csv"),
    Column("is_sample", Boolean, nullable=False, default=False, comment="SAMPLE data (benchmarks, demos): never real"),
    Column("content_hash", String(64), nullable=False, comment="of the values as last written (idempotent imports)"),
    Column("search_terms", Text, nullable=False, comment="stemmed terms (dashboard.registry.search_terms)"),
    Column("search_vector", Text().with_variant(TSVECTOR(), "postgresql"),
           comment="PostgreSQL: search_terms as a tsvector (NULL on SQLite, which indexes them with FTS5)"),
    Column("created_at", DateTime, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("updated_at", DateTime),
    Column("updated_by", String(64)),
    Column("reviewed_at", DateTime),
    Column("reviewed_by", String(64)),
    CheckConstraint(f"status IN ({_STATES_SQL})", name="practices_status"),
    CheckConstraint("period_end IS NULL OR period_end >= period_start", name="practices_period"),
    Index("practices_status", "status"),
    Index("practices_search_vector", "search_vector", postgresql_using="gin"),
)

practice_sectors = Table(
    "practice_sectors", metadata,
    Column("practice_id", Integer, ForeignKey("practices.practice_id", ondelete="CASCADE"), primary_key=True),
    Column("sector", String(24), primary_key=True),
)

practice_places = Table(
    "practice_places", metadata,
    Column("practice_id", Integer, ForeignKey("practices.practice_id", ondelete="CASCADE"), primary_key=True),
    Column("place_id", Integer, primary_key=True, comment="GeoNames id (store places)"),
    Index("practice_places_place", "place_id"),
)

practice_transfers = Table(
    "practice_transfers", metadata,
    Column("transfer_id", Integer, primary_key=True),
    Column("practice_id", Integer, ForeignKey("practices.practice_id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("from_place", Integer, nullable=False, comment="GeoNames id of the municipality it came from"),
    Column("to_place", Integer, nullable=False, comment="GeoNames id of the municipality that took it up"),
    Column("year", Integer),
    Column("source_url", Text),
    Column("note", Text),
)

practice_links = Table(
    "practice_links", metadata,
    Column("practice_id", Integer, ForeignKey("practices.practice_id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(16), primary_key=True, comment="activity or twinning"),
    Column("ref", String(40), primary_key=True, comment="activity_id, or 'place_a-place_b' of a twinning"),
)

partner_requests = Table(
    "partner_requests", metadata,
    Column("request_id", Integer, primary_key=True),
    Column("place_id", Integer, nullable=False, index=True, comment="the municipality seeking a partner"),
    Column("description", Text, nullable=False, comment="what it seeks a partner for"),
    Column("countries", Text, comment="preferred countries, ISO3 separated by spaces"),
    Column("space", String(32), comment="preferred space (a bloc code), else any"),
    Column("max_border_km", Integer, comment="the partner's greatest distance to the border"),
    Column("population_min", Integer),
    Column("population_max", Integer),
    Column("languages", Text, comment="working languages, ISO 639-1 separated by spaces"),
    Column("organisation", Text, nullable=False),
    Column("contact", Text, nullable=False, comment="a public contact address of the organisation"),
    Column("expires_on", Date, nullable=False, comment="it leaves the list after this day (and stays in the data)"),
    Column("status", String(20), nullable=False, comment="submitted, changes_requested, published or rejected"),
    Column("moderation_note", Text),
    Column("is_sample", Boolean, nullable=False, default=False),
    Column("created_at", DateTime, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("updated_at", DateTime),
    Column("updated_by", String(64)),
    Column("reviewed_at", DateTime),
    Column("reviewed_by", String(64)),
    CheckConstraint(f"status IN ({_STATES_SQL})", name="partner_requests_status"),
)

partner_request_sectors = Table(
    "partner_request_sectors", metadata,
    Column("request_id", Integer, ForeignKey("partner_requests.request_id", ondelete="CASCADE"), primary_key=True),
    Column("sector", String(24), primary_key=True),
)
