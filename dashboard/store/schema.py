"""The store's tables (SQLAlchemy Core): the same schema on SQLite and PostgreSQL.

Geometries are stored as WKB (EPSG:4326); lists of codes as comma-separated text.
"""

from __future__ import annotations

from sqlalchemy import (Boolean, Column, Float, ForeignKey, Integer, LargeBinary, MetaData, String,
                        Table, Text, UniqueConstraint)

metadata = MetaData()

countries = Table(
    "countries", metadata,
    Column("iso3", String(3), primary_key=True, comment="Natural Earth ADM0_A3"),
    Column("iso2", String(2)),
    Column("name_en", Text, nullable=False),
    Column("name_ru", Text),
    Column("name_zh", Text),
    Column("wikidata", String(16)),
    Column("continent", Text),
    Column("pop_est", Integer),
    Column("label_lon", Float),
    Column("label_lat", Float),
    Column("land_neighbours", Text, comment="comma-separated iso3 of countries across a land border"),
    Column("geometry", LargeBinary, comment="WKB, default (de facto) point of view"),
)

country_views = Table(
    "country_views", metadata,
    Column("pov", String(8), primary_key=True, comment="point of view, e.g. 'deu'"),
    Column("iso3", String(3), primary_key=True),
    Column("name_en", Text),
    Column("geometry", LargeBinary),
)

memberships = Table(
    "memberships", metadata,
    Column("org", String(16), primary_key=True),
    Column("iso3", String(3), ForeignKey("countries.iso3"), primary_key=True),
    Column("status", String(24), primary_key=True),
    Column("since", Integer),
    Column("until", Integer),
    Column("note", Text),
    Column("source", Text, nullable=False),
)

regions = Table(
    "regions", metadata,
    Column("region_id", String(16), primary_key=True, comment="Natural Earth adm1_code"),
    Column("iso3", String(3), ForeignKey("countries.iso3"), index=True),
    Column("name_en", Text),
    Column("name_ru", Text),
    Column("name_zh", Text),
    Column("iso_3166_2", String(16)),
    Column("type_en", Text),
    Column("wikidata", String(16)),
    Column("label_lon", Float),
    Column("label_lat", Float),
    Column("on_land_border", Boolean, nullable=False),
    Column("border_neighbours", Text, comment="comma-separated iso3 across the land border"),
    Column("geometry", LargeBinary),
)

land_borders = Table(
    "land_borders", metadata,
    Column("iso3_a", String(3), primary_key=True),
    Column("iso3_b", String(3), primary_key=True),
    Column("length_km", Float),
    Column("geometry", LargeBinary),
)

disputed_areas = Table(
    "disputed_areas", metadata,
    Column("disputed_id", String(8), primary_key=True, comment="Natural Earth brk_a3"),
    Column("name", Text),
    Column("note", Text),
    Column("sovereign_iso3", String(3)),
    Column("admin_iso3", String(3)),
    Column("geometry", LargeBinary),
)

places = Table(
    "places", metadata,
    Column("place_id", Integer, primary_key=True, comment="GeoNames id"),
    Column("name_en", Text, nullable=False),
    Column("name_local", Text),
    Column("name_ru", Text),
    Column("name_zh", Text),
    Column("iso2", String(2)),
    Column("iso3", String(3), index=True),
    Column("region_id", String(16), index=True),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("population", Integer),
    Column("wikidata", String(16)),
    Column("scalerank", Integer, comment="Natural Earth label rank, lower is more important"),
    Column("origin", String(24), comment="geonames-5000, or geonames-twin for smaller twinned towns"),
)

place_names = Table(
    "place_names", metadata,
    Column("place_id", Integer, ForeignKey("places.place_id"), primary_key=True),
    Column("key", Text, primary_key=True, comment="name_key() of a name or alternate name"),
)

twinnings = Table(
    "twinnings", metadata,
    Column("twinning_id", Integer, primary_key=True),
    Column("place_a", Integer, ForeignKey("places.place_id"), nullable=False, index=True),
    Column("place_b", Integer, ForeignKey("places.place_id"), nullable=False, index=True),
    Column("in_wikipedia", Boolean, nullable=False),
    Column("in_wikidata", Boolean, nullable=False),
    Column("distance_km", Float),
    Column("crosses_land_border", Boolean, comment="the two countries share a land border"),
    UniqueConstraint("place_a", "place_b"),
)

twinning_review = Table(
    "twinning_review", metadata,
    Column("review_id", Integer, primary_key=True),
    Column("source", String(16), nullable=False, comment="wikipedia or wikidata"),
    Column("source_row", Integer, comment="row in the source file, header = 1"),
    Column("city_a", Text),
    Column("country_a", Text),
    Column("city_b", Text),
    Column("country_b", Text),
    Column("reason", Text, nullable=False),
)

build_info = Table(
    "build_info", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, comment="JSON"),
)
