"""Where the product's data comes from, in words: the source line under an exported figure, the attribution
lines of the brief and the /sources page, and the datasets listed there. No Dash.

Datasets are named by short keys (DATASETS); a chart says which it draws on (dashboard.charts presenters).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from dashboard import settings
from dashboard.i18n import format_date, t

#: dataset key -> how a source line names it (licence included where it asks for attribution)
DATASETS = ("naturalearth", "geonames", "wikipedia", "osm", "wikidata", "memberships", "corridors", "registry")
#: what the twinning network itself rests on (places, twinnings, countries)
NETWORK = ("naturalearth", "geonames", "wikipedia", "osm", "wikidata")
#: the attribution lines every export and the /sources page carry (the licences ask for them)
ATTRIBUTIONS = ("naturalearth", "geonames", "wikipedia", "osm", "wikidata")

#: the project's own cited tables in data/ listed first (beside data/manifest.csv, which lists the input
#: files); every other table of data/ follows, only the manifest and the download list are not cited tables
OWN_TABLES = ("memberships", "crossborder_regions", "corridors", "events")
NOT_CITED = ("manifest", "downloads")
#: the columns that hold a row's source addresses (several in one cell are separated by ';' or spaces)
SOURCE_COLUMNS = ("source", "sources", "status_source", "list_url")
_ADDRESS = re.compile(r"https?://[^\s;,]+")


def dataset_name(key: str, lang: str) -> str:
    return t(f"exports.dataset.{key}", lang)


def source_line(datasets, built_at: str | None, lang: str, space: str = "") -> str:
    """'Sources: Natural Earth; GeoNames (CC BY 4.0); … · data as of 22 November 2026' in `lang`, then the
    view's space and day when given (dashboard.store.spaces.space_caption)."""
    names = "; ".join(dataset_name(key, lang) for key in DATASETS if key in set(datasets))
    line = t("exports.sources", lang, sources=names)
    if built_at:
        line += " · " + t("footer.data_as_of", lang, date=format_date(built_at, lang))
    if space:
        line += " · " + space
    return line


def attribution_lines(lang: str) -> list[str]:
    """One line per source whose licence asks for attribution (the about page's words)."""
    about = {"naturalearth": "natural_earth"}
    return [t(f"about.source.{about.get(key, key)}", lang) for key in ATTRIBUTIONS]


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def manifest(data_dir: Path | None = None) -> list[dict]:
    """data/manifest.csv: key, path, what, licence, source (one row per input file)."""
    return _rows((data_dir or settings.PROJECT_ROOT / "data") / "manifest.csv")


def own_tables(data_dir: Path | None = None) -> list[dict]:
    """The project's cited tables: name, file, rows, the distinct source addresses and when last changed."""
    folder = data_dir or settings.PROJECT_ROOT / "data"
    out = []
    others = sorted(path.stem for path in folder.glob("*.csv") if path.stem not in (*OWN_TABLES, *NOT_CITED))
    for name in (*OWN_TABLES, *others):
        path = folder / f"{name}.csv"
        if not path.is_file():
            continue
        rows = _rows(path)
        sources = sorted({address for row in rows for column in SOURCE_COLUMNS
                          for address in _ADDRESS.findall(row.get(column) or "")})
        out.append({"name": name, "path": f"data/{name}.csv", "rows": len(rows), "sources": sources,
                    "modified": dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc).date().isoformat()})
    return out
