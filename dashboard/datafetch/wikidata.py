"""Wikidata's P190 ("twinned administrative body") links from the live SPARQL endpoint, as the two tables the
build reads (twinnings/wikidata_p190_cities_nodes.csv and twinnings/wikidata_p190_edges.csv).

The queries are data/queries/*.rq; data/downloads.csv holds their addresses (the endpoint with the query in the
URL, `query_address`). A live result changes with every edit on Wikidata, so the tables made from it are
checked by shape (columns, row range), not by checksum. Both recipes are deterministic for a given result.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import quote

from dashboard import settings

ENDPOINT = "https://query.wikidata.org/sparql"
QUERIES = settings.PROJECT_ROOT / "data" / "queries"
ENTITY = "http://www.wikidata.org/entity/"



class ResultError(ValueError):
    """A SPARQL result that does not hold what the query asks for (e.g. an error page, a cut-off answer)."""


NODE_COLUMNS = ["qid", "label_en", "country", "lat", "lon", "population", "degree"]
EDGE_COLUMNS = ["qid_a", "qid_b"]


def query_address(query_file: Path, endpoint: str = ENDPOINT) -> str:
    """The GET address running the query (JSON results): what data/downloads.csv pins."""
    return f"{endpoint}?format=json&query={quote(query_file.read_text(encoding='utf-8'), safe='')}"


def bindings(result: Path) -> list[dict[str, str]]:
    """The rows of a SPARQL JSON result, each variable's value as text."""
    try:
        rows = json.loads(result.read_text(encoding="utf-8"))["results"]["bindings"]
        return [{name: cell["value"] for name, cell in row.items()} for row in rows]
    except (ValueError, KeyError, TypeError) as exc:
        raise ResultError(f"{result.name} is not a SPARQL JSON result ({type(exc).__name__}: {exc})") from exc


def qid(uri: str) -> str:
    if not uri.startswith(ENTITY):
        raise ResultError(f"{uri} is not a Wikidata entity")
    return uri.removeprefix(ENTITY)


def lon_lat(point: str) -> tuple[str, str]:
    """The longitude and latitude of a WKT literal `Point(lon lat)`, as written there."""
    inner = point.strip()
    if not (inner.startswith("Point(") and inner.endswith(")")):
        raise ResultError(f"{point!r} is not a WKT point")
    lon, lat = inner[len("Point("):-1].split()
    return lon, lat


def whole_number(text: str) -> int:
    try:
        return int(Decimal(text))
    except InvalidOperation as exc:
        raise ResultError(f"{text!r} is not a number") from exc


def city_rows(result: Path) -> list[dict]:
    """One row per city of wikidata_p190_cities.rq's result, most populous first (then by QID number)."""
    rows = []
    for row in bindings(result):
        lon, lat = lon_lat(row["coordinates"])
        rows.append({"qid": qid(row["city"]), "label_en": row["label_en"], "country": row["country"],
                     "lat": lat, "lon": lon, "population": whole_number(row["population"]),
                     "degree": whole_number(row["degree"])})
    rows.sort(key=lambda node: (-node["population"], int(node["qid"][1:])))
    return rows


def write_csv(target: Path, columns: list[str], rows: list[dict]) -> None:
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def wikidata_p190_nodes(sources: list[Path], target: Path) -> None:
    (cities,) = sources
    write_csv(target, NODE_COLUMNS, city_rows(cities))


def wikidata_p190_edges(sources: list[Path], target: Path) -> None:
    """The P190 links between two of the cities, undirected: once per pair, the lower QID number first,
    sorted. A partner that is no item (an "unknown value") is left out."""
    cities, links = sources
    known = {row["qid"] for row in city_rows(cities)}
    pairs = set()
    for row in bindings(links):
        if not row["partner"].startswith(ENTITY):
            continue
        a, b = qid(row["city"]), qid(row["partner"])
        if a != b and a in known and b in known:
            pairs.add(tuple(sorted((a, b), key=lambda q: int(q[1:]))))
    write_csv(target, EDGE_COLUMNS, [{"qid_a": a, "qid_b": b}
                                     for a, b in sorted(pairs, key=lambda p: (int(p[0][1:]), int(p[1][1:])))])
