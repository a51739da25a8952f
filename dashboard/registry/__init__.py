"""The secretariat's registry: activities, twinning records, users, imports and the audit trail.

Precious user data, kept in its OWN database (`BORDERLINKS_REGISTRY_URL`, default the SQLite file
data/registry.sqlite) so that rebuilding the public store never touches it. It refers to the store by
stable keys only: places by GeoNames id (place_id), regions by region_id, countries by ISO3, twinnings
by their unordered place pair (place_a < place_b), corridors by their id in data/corridors.csv.
Joins with the store happen in pandas.

No Dash imports: the CLI, the API and tests use this package without a browser.

    database    where the registry lives; engine, create-on-first-use, version counter, secret key
    schema      the tables (own SQLAlchemy MetaData)
    vocabulary  activity types, twinning statuses, import column names in English and Russian
    reading     an uploaded file (CSV in UTF-8/Windows-1251, any of , ; tab; or XLSX) -> a table of text
    gazetteer   names and ids -> places, regions, countries, twinnings, corridors
    records     one activity's values, its natural key, and the audited writes
    importing   validation, preview and the one-transaction commit of an import
    frames      the registry loaded into pandas, reloaded when the registry changes
    views       what the global filters select, and the counts the Activities page shows
    monitoring  last activity and status of every twinning (active / fading / dormant / never)
    users       accounts, hashed passwords, roles
    samples     the generator of sample activities (marked as sample everywhere)
    templates   the downloadable import templates (English and Russian; CSV and XLSX)
    practice_tables  the practice library's and the partner search's tables (imported here so that
                the migrations and `registry check` always see them)
"""

from dashboard.registry import practice_tables  # noqa: F401  (registers its tables on the MetaData)
