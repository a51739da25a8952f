"""The store's tables (SQLAlchemy Core): the same schema on SQLite and PostgreSQL.

Geometries are stored as WKB (EPSG:4326); lists of codes as comma-separated text.
"""

from __future__ import annotations

from sqlalchemy import (
                        Boolean,
                        Column,
                        Float,
                        ForeignKey,
                        Integer,
                        LargeBinary,
                        MetaData,
                        String,
                        Table,
                        Text,
                        UniqueConstraint,
)

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
    Column("org", String(16), primary_key=True, comment="bloc code: SCO, BRICS, EAEU, CIS, UNION_STATE"),
    Column("iso3", String(3), ForeignKey("countries.iso3"), primary_key=True),
    Column("since", String(10), primary_key=True,
           comment="first day of the period: YYYY-MM-DD, or YYYY-MM / YYYY where the source gives no day"),
    Column("status", String(24), nullable=False),
    Column("until", String(10), comment="last day of the period (same forms); NULL while it holds"),
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
    Column("name_ru_basis", String(12), comment="official (data/place_names_ru.csv), attested (Natural Earth, "
                                                "GeoNames) or transcribed (Palladius, from the characters)"),
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
    Column("origin", String(16), nullable=False,
           comment="the first source listing it: wikipedia, wikidata, city_list, agreement, status_change"),
    Column("source_count", Integer, nullable=False, comment="rows of twinning_sources attesting it"),
    Column("signed", String(10), comment="signing date: YYYY, YYYY-MM or YYYY-MM-DD (see signed_precision)"),
    Column("signed_precision", String(5), comment="year, month or day; NULL without a signing date"),
    Column("status", String(10), nullable=False, index=True,
           comment="active (listed, nothing says otherwise), suspended, ended or unknown"),
    Column("status_changed", String(10), comment="when the status was last stated (same forms as signed)"),
    Column("status_source", Text, comment="the address stating it; NULL for ties only the public lists give"),
    UniqueConstraint("place_a", "place_b"),
)

twinning_sources = Table(
    "twinning_sources", metadata,
    Column("source_id", Integer, primary_key=True),
    Column("twinning_id", Integer, ForeignKey("twinnings.twinning_id"), nullable=False, index=True),
    Column("kind", String(16), nullable=False,
           comment="wikipedia, wikidata, city_list (a city's own list), agreement (signed 2023-2025), "
                   "status_change (suspended or ended)"),
    Column("source_row", Integer, comment="row in the source file, header = 1"),
    Column("url", Text, comment="the address of a cited table's source (NULL for the public lists)"),
    Column("source_date", String(10), comment="the date of the source or of the event it reports"),
    Column("signed", String(10)),
    Column("status", String(10)),
    Column("changed", String(10)),
    Column("note", Text),
)

twinning_list_coverage = Table(
    "twinning_list_coverage", metadata,
    Column("coverage_id", Integer, primary_key=True),
    Column("city_place_id", Integer, ForeignKey("places.place_id"), nullable=False, unique=True),
    Column("city_name_en", Text),
    Column("iso3", String(3)),
    Column("list_url", Text, nullable=False,
           comment="the city's own published list(s) of twin cities, addresses separated by spaces"),
    Column("list_date", String(10), comment="the date of its latest list (or when it was read)"),
    Column("listed", Integer, nullable=False, comment="partners on the list"),
    Column("matched", Integer, nullable=False, comment="... matched to one place"),
    Column("held", Integer, nullable=False, comment="... the public sources (Wikipedia, Wikidata) already had"),
    Column("added", Integer, nullable=False, comment="... added to the store from the list"),
    Column("review", Integer, nullable=False, comment="... sent to twinning_review"),
    Column("coverage_pct", Float, nullable=False, comment="100 * held / listed"),
)

twinning_review = Table(
    "twinning_review", metadata,
    Column("review_id", Integer, primary_key=True),
    Column("source", String(16), nullable=False, comment="wikipedia, wikidata or city_list"),
    Column("source_row", Integer, comment="row in the source file, header = 1"),
    Column("city_a", Text),
    Column("country_a", Text),
    Column("city_b", Text),
    Column("country_b", Text),
    Column("reason", Text, nullable=False),
)

# ---- border geography of places, cross-border regions and corridors (dashboard/store/corridors.py) ----

place_borders = Table(
    "place_borders", metadata,
    Column("place_id", Integer, ForeignKey("places.place_id"), primary_key=True),
    Column("border_km", Float, comment="great-circle km to the nearest land border of its country"),
    Column("across_iso3", String(3), comment="the country across that border"),
    Column("border_lon", Float, comment="the nearest point of that border"),
    Column("border_lat", Float),
)

corridor_candidates = Table(
    "corridor_candidates", metadata,
    Column("candidate_id", Integer, primary_key=True),
    Column("place_a", Integer, ForeignKey("places.place_id"), nullable=False,
           comment="the place in the alphabetically first country of the pair"),
    Column("place_b", Integer, ForeignKey("places.place_id"), nullable=False),
    Column("distance_m", Integer, comment="great-circle metres between the two places"),
    Column("border_m_a", Integer, comment="metres from place_a to the border between the two countries"),
    Column("border_m_b", Integer),
)

crossborder_regions = Table(
    "crossborder_regions", metadata,
    Column("crossborder_id", String(40), primary_key=True),
    Column("name_en", Text, nullable=False),
    Column("name_ru", Text),
    Column("kind", String(24)),
    Column("founded", Integer),
    Column("status", String(16), comment="active, suspended, dissolved or unknown"),
    Column("status_date", String(10), comment="the day of the last change of status (YYYY-MM-DD)"),
    Column("status_source", Text, comment="the address that reports it"),
    Column("verification", String(16), nullable=False,
           comment="verified, no_address (no source address) or unverified (never shown as fact)"),
    Column("countries", Text, comment="ISO3 codes separated by ';'"),
    Column("member_names", Text),
    Column("unverified_countries", Text),
    Column("member_note_en", Text),
    Column("member_note_ru", Text),
    Column("note_en", Text),
    Column("note_ru", Text),
    Column("source", Text),
    Column("geometry", LargeBinary, comment="WKB, union of the member regions"),
)

crossborder_members = Table(
    "crossborder_members", metadata,
    Column("crossborder_id", String(40), ForeignKey("crossborder_regions.crossborder_id"), primary_key=True),
    Column("region_id", String(16), ForeignKey("regions.region_id"), primary_key=True),
    Column("part", Boolean, nullable=False, comment="only part of the region is a member"),
)

known_corridors = Table(
    "known_corridors", metadata,
    Column("corridor_id", String(40), primary_key=True),
    Column("name_en", Text, nullable=False),
    Column("name_ru", Text),
    Column("kind", String(24)),
    Column("year", Integer),
    Column("countries", Text),
    Column("regions", Text, comment="admin-1 region ids separated by ';'"),
    Column("facts_en", Text),
    Column("facts_ru", Text),
    Column("source", Text, nullable=False),
    Column("geometry", LargeBinary, comment="WKB line through the places (a point for one place)"),
)

known_corridor_places = Table(
    "known_corridor_places", metadata,
    Column("corridor_id", String(40), ForeignKey("known_corridors.corridor_id"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("place_id", Integer, comment="GeoNames id (may be a town too small for the places table)"),
    Column("name_en", Text),
    Column("name_ru", Text),
    Column("iso3", String(3)),
    Column("lon", Float),
    Column("lat", Float),
    Column("population", Integer),
)

build_info = Table(
    "build_info", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, comment="JSON"),
)
