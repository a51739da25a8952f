"""`python -m dashboard fetch-data`, offline: a loopback HTTP server (127.0.0.1, a thread) stands in for the
canonical addresses and for a BORDERLINKS_DATA_MIRROR. Downloads, checksums, a corrupted file, a connection
that breaks mid-file and the no-network message are tested on small files made here; one test checks the real
data/downloads.csv against ../shared/data and fetches that folder through the loopback mirror (skipped when
the folder is absent)."""

from __future__ import annotations

import csv
import hashlib
import http.server
import io
import json
import shutil
import socket
import tarfile
import threading
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from dashboard import __main__ as cli_main
from dashboard import settings
from dashboard.datafetch import fetch as fetch_module
from dashboard.datafetch import wikidata
from dashboard.datafetch.fetch import fetch_data
from dashboard.datafetch.manifest import Download, build_inputs, read_manifest, write_manifest
from dashboard.datafetch.pinning import pin_sources, pinnable
from dashboard.datafetch.recipes import (
    QGIS_WORLD_MAP,
    RECIPES,
    REGION_COLUMNS,
    debian_member,
    qgis_admin1_with_ne_attributes,
)
from dashboard.datafetch.shape import shape_problem
from dashboard.datafetch.transfer import (
    ChecksumMismatch,
    DownloadFailed,
    FetchError,
    download,
)
from dashboard.store.twinnings import read_wikidata
from geo.simplified_layers import simplified_countries

PAIRS = "city1,country1,city2,country2\nOmsk,Russia,Pavlodar,Kazakhstan\nBlagoveshchensk,Russia,Heihe,China\n"
EDGES = "qid_a,qid_b\nQ649,Q1490\nQ84,Q90\n"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class MirrorHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the mirror folder; paths in `broken` send their headers and half the body, then hang up."""

    broken: ClassVar[set[str]] = set()

    def do_GET(self):
        if self.path.lstrip("/") in self.broken:
            body = (Path(self.directory) / self.path.lstrip("/")).read_bytes()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture
def mirror(tmp_path):
    """(folder served, base address, set of broken paths) of a loopback HTTP server."""
    folder = tmp_path / "mirror"
    folder.mkdir()
    broken: set[str] = set()
    handler = type("Handler", (MirrorHandler,), {"broken": broken})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *args: handler(*args, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}", broken
    server.shutdown()
    server.server_close()
    thread.join(5)


def publish(folder: Path, name: str, data: bytes) -> Download:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return Download(name, "", sha256(data))


def closed_port_address() -> str:
    """A loopback address nobody listens on: what a machine without network gets."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_fetch_downloads_every_file_checks_it_and_needs_no_network_the_second_time(mirror, tmp_path):
    folder, base, _ = mirror
    entries = [publish(folder, "twinnings/pairs.csv", PAIRS.encode()),
               publish(folder, "twinnings/edges.csv", EDGES.encode())]
    target, cache = tmp_path / "data", tmp_path / "cache"

    written = fetch_data(target, entries, cache, mirror=base, echo=lambda _: None)

    assert sorted(written) == [target / "twinnings/edges.csv", target / "twinnings/pairs.csv"]
    assert (target / "twinnings/pairs.csv").read_text(encoding="utf-8") == PAIRS
    assert (cache / "twinnings/edges.csv").read_text(encoding="utf-8") == EDGES
    # the data folder is lost: it is refilled from the cache with the server gone
    shutil.rmtree(target)
    fetch_data(target, entries, cache, mirror=closed_port_address(), echo=lambda _: None)
    assert (target / "twinnings/edges.csv").read_text(encoding="utf-8") == EDGES


def test_a_corrupted_download_is_refused_naming_file_address_and_both_checksums(mirror, tmp_path):
    folder, base, _ = mirror
    good = PAIRS.encode()
    corrupted = good.replace(b"Heihe", b"Hexhe")
    (folder / "pairs.csv").write_bytes(corrupted)
    cached = tmp_path / "cache" / "pairs.csv"
    cached.parent.mkdir()
    cached.write_bytes(b"city1,country1,city2,country2\n")  # an older, good copy of a previous release
    old = cached.read_bytes()

    with pytest.raises(ChecksumMismatch) as refused:
        download("pairs.csv", f"{base}/pairs.csv", sha256(good), cached)

    message = str(refused.value)
    assert "pairs.csv" in message and f"{base}/pairs.csv" in message
    assert sha256(good) in message and sha256(corrupted) in message
    assert cached.read_bytes() == old
    assert not cached.with_name("pairs.csv.part").exists()


def test_fetch_data_refuses_a_corrupted_file_and_leaves_the_data_folder_without_it(mirror, tmp_path):
    folder, base, _ = mirror
    good = publish(folder, "twinnings/edges.csv", EDGES.encode())
    (folder / "twinnings/pairs.csv").parent.mkdir(parents=True, exist_ok=True)
    (folder / "twinnings/pairs.csv").write_bytes(b"tampered\n")
    expected = Download("twinnings/pairs.csv", "", sha256(PAIRS.encode()))
    target = tmp_path / "data"

    with pytest.raises(FetchError, match="Refused twinnings/pairs.csv"):
        fetch_data(target, [good, expected], tmp_path / "cache", mirror=base, echo=lambda _: None)

    assert (target / "twinnings/edges.csv").is_file()
    assert not (target / "twinnings/pairs.csv").exists()


def test_a_connection_broken_mid_file_never_replaces_the_cached_copy(mirror, tmp_path):
    folder, base, broken = mirror
    new = (PAIRS * 2000).encode()
    (folder / "pairs.csv").write_bytes(new)
    broken.add("pairs.csv")
    cached = tmp_path / "cache" / "pairs.csv"
    cached.parent.mkdir()
    cached.write_bytes(PAIRS.encode())

    with pytest.raises(DownloadFailed) as failed:
        download("pairs.csv", f"{base}/pairs.csv", sha256(new), cached)

    assert f"{base}/pairs.csv" in str(failed.value)
    assert cached.read_bytes() == PAIRS.encode()
    assert sorted(p.name for p in cached.parent.iterdir()) == ["pairs.csv"]
    # the same address, whole again: the download now replaces the cached copy
    broken.clear()
    download("pairs.csv", f"{base}/pairs.csv", sha256(new), cached)
    assert cached.read_bytes() == new


def test_offline_make_run_stops_with_one_message_saying_what_where_and_how(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("BORDERLINKS_DATA_DIR", raising=False)
    monkeypatch.setenv("BORDERLINKS_DATA_MIRROR", closed_port_address())
    monkeypatch.setenv("BORDERLINKS_DATA_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("BORDERLINKS_DATABASE_URL", f"sqlite:///{tmp_path / 'no-store.sqlite'}")
    monkeypatch.setattr(settings, "data_dir", lambda explicit=None: None)
    monkeypatch.setattr(fetch_module, "DEFAULT_TARGET", tmp_path / "inputs")

    code = cli_main.main(["fetch-data", "--if-missing"])

    err = capsys.readouterr().err
    assert code == 3
    first = build_inputs(read_manifest())[0].name
    assert first in err and "no connection" in err
    assert "data/downloads.csv" in err and "BORDERLINKS_DATA_DIR=/path/to/data make run" in err
    assert "Traceback" not in err
    assert not (tmp_path / "inputs" / first).exists()


def test_if_missing_does_nothing_when_a_data_folder_exists(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("BORDERLINKS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("BORDERLINKS_DATA_MIRROR", closed_port_address())
    assert cli_main.main(["fetch-data", "--if-missing"]) == 0
    assert capsys.readouterr().out == ""


def test_a_derived_file_is_made_from_its_downloaded_source_and_checked(mirror, tmp_path):
    folder, base, _ = mirror
    source = tmp_path / "made" / "countries.geojson"
    source.parent.mkdir()
    wiggly = shapely.Polygon([(x / 100, (x % 2) * 0.001) for x in range(500)] + [(5, 3), (0, 3)])
    gpd.GeoDataFrame({"ADM0_A3": ["AAA"], "NAME_EN": ["A"], "UNUSED": [1]}, geometry=[wiggly],
                     crs="EPSG:4326").to_file(source, driver="GeoJSON")
    shutil.copy(source, folder / "countries.geojson")
    expected = tmp_path / "first" / "simplified.geojson"
    again = tmp_path / "second" / "simplified.geojson"
    for made in (expected, again):
        made.parent.mkdir()
        simplified_countries(source, made)
    assert expected.read_bytes() == again.read_bytes()
    layer = gpd.read_file(expected)
    assert list(layer.columns) == ["ADM0_A3", "NAME_EN", "geometry"]
    assert shapely.get_num_coordinates(layer.geometry.iloc[0]) < 10

    upstream = Download("sources/countries.geojson", f"{base}/countries.geojson", "")
    derived = Download("boundaries/simplified.geojson", "", sha256(expected.read_bytes()),
                       "simplified_countries sources/countries.geojson")
    target = tmp_path / "data"
    fetch_data(target, [upstream, derived], tmp_path / "cache", mirror="", echo=lambda _: None)
    assert (target / "boundaries/simplified.geojson").read_bytes() == expected.read_bytes()

    wrong = Download(derived.name, "", "0" * 64, derived.derive)
    with pytest.raises(FetchError, match=f"simplified_countries of {base}/countries.geojson"):
        fetch_data(tmp_path / "other", [upstream, wrong], tmp_path / "cache2", mirror="",
                   echo=lambda _: None)


def make_deb(path: Path, files: dict[str, bytes]) -> Path:
    """A minimal Debian package (ar archive: debian-binary, control.tar.xz, data.tar.xz) holding `files`."""
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w:xz") as archive:
        for name, payload in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
    deb = io.BytesIO()
    deb.write(b"!<arch>\n")
    for name, body in [(b"debian-binary", b"2.0\n"), (b"control.tar.xz", b"x"), (b"data.tar.xz", data.getvalue())]:
        deb.write(name.ljust(16) + b"0".ljust(12) + b"0".ljust(6) + b"0".ljust(6) + b"100644".ljust(8)
                  + str(len(body)).encode().ljust(10) + b"`\n" + body + b"\n" * (len(body) % 2))
    path.write_bytes(deb.getvalue())
    return path


def test_debian_member_reads_a_file_out_of_a_deb(tmp_path):
    package = make_deb(tmp_path / "qgis-common.deb", {QGIS_WORLD_MAP: b"GPKG bytes"})
    assert debian_member(package, QGIS_WORLD_MAP) == b"GPKG bytes"


def test_admin1_layer_joins_natural_earth_attributes_to_the_qgis_geometry(tmp_path):
    square = shapely.box(37.0, 55.0, 38.5, 56.5)
    world_map = tmp_path / "world_map.gpkg"
    gpd.GeoDataFrame({"adm0_a3": ["RUS", "IND", "IND"], "admin": ["Russia", "India", "India"],
                      "iso_a2": ["RU", "IN", "IN"], "name": ["Moskovsskaya", "Orissa", "Nowhere"]},
                     geometry=[square, shapely.box(84, 19, 86.123456, 21), shapely.box(70, 20, 71, 21)],
                     crs="EPSG:4326").to_file(world_map, layer="states_provinces", driver="GPKG")
    package = make_deb(tmp_path / "qgis-common.deb", {QGIS_WORLD_MAP: world_map.read_bytes()})
    natural_earth = tmp_path / "admin1.geojson"
    gpd.GeoDataFrame({"adm0_a3": ["RUS", "IND"], "name": ["Moskva", "Odisha"],
                      "adm1_code": ["RUS-2365", "IND-2444"], "label_lat": [55.75, 20.5],
                      "label_lon": [37.6, 84.4], "gn_id": [524894, 1261029], "region": ["Central", ""]},
                     geometry=[None, None], crs="EPSG:4326").to_file(natural_earth, driver="GeoJSON")
    made = []
    for run in ("first", "second"):
        target = tmp_path / run / "ne_admin_1_states_provinces_world.gpkg"
        target.parent.mkdir()
        qgis_admin1_with_ne_attributes([package, natural_earth], target)
        made.append(target.read_bytes())
    assert made[0] == made[1]

    regions = gpd.read_file(target)
    assert list(regions.columns) == [*REGION_COLUMNS, "geometry"]
    assert regions["name_join"].tolist() == ["Moskva", "Odisha", "Nowhere"]
    assert regions["adm1_code"].tolist()[:2] == ["RUS-2365", "IND-2444"] and pd.isna(regions["adm1_code"][2])
    assert regions["label_lat"].tolist()[:2] == ["55.7500000000", "20.5000000000"]
    assert regions["gn_id"].tolist()[:2] == ["524894", "1261029"]
    assert regions.geometry[1].bounds[2] == 86.1235  # on the 1e-4 degree grid


# --- the real manifest ---------------------------------------------------------------------------------------

SHARED_DATA = settings.PROJECT_ROOT.parent / "shared" / "data"
needs_shared_data = pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data is absent")


def test_downloads_csv_lists_exactly_the_files_the_build_reads():
    with (settings.PROJECT_ROOT / "data" / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        build_reads = {row["path"] for row in csv.DictReader(handle)}
    entries = read_manifest()
    assert {entry.name for entry in build_inputs(entries)} == build_reads
    names = {entry.name for entry in entries}
    for entry in entries:
        assert entry.is_source or len(entry.sha256) == 64, entry.name
        assert all(source in names for source in entry.recipe_sources), entry.name
        assert entry.url.startswith("https://") or not entry.url, entry.name
        assert entry.note, f"{entry.name}: say how its checksum was obtained"
        assert not entry.shape or (entry.expected_shape and entry.derive), entry.name


@needs_shared_data
def test_real_checksums_match_shared_data_and_it_fetches_through_a_mirror(mirror, tmp_path):
    entries = build_inputs(read_manifest())
    for entry in entries:
        data = (SHARED_DATA / entry.name).read_bytes()
        assert sha256(data) == entry.sha256, entry.name
        shape = entry.expected_shape
        assert shape is None or shape_problem(SHARED_DATA / entry.name, shape) is None, entry.name
    folder, base, _ = mirror
    for entry in entries:
        (folder / entry.name).parent.mkdir(parents=True, exist_ok=True)
        (folder / entry.name).symlink_to(SHARED_DATA / entry.name)
    target = tmp_path / "data"
    fetch_data(target, entries, tmp_path / "cache", mirror=base, echo=lambda _: None)
    for entry in entries:
        assert sha256((target / entry.name).read_bytes()) == entry.sha256


# --- Wikidata: a live query's result, checked by shape --------------------------------------------------------

def sparql_json(variables: list[str], rows: list[dict[str, str]]) -> bytes:
    """A SPARQL 1.1 JSON result as Wikidata's endpoint sends it (entities as URIs, the rest as literals)."""
    def cell(value: str) -> dict[str, str]:
        return {"type": "uri" if value.startswith("http") else "literal", "value": value}
    return json.dumps({"head": {"vars": variables},
                       "results": {"bindings": [{k: cell(v) for k, v in row.items()} for row in rows]}}).encode()


def entity(qid: str) -> str:
    return f"http://www.wikidata.org/entity/{qid}"


CITIES = sparql_json(["city", "label_en", "country", "coordinates", "population", "degree"], [
    {"city": entity("Q649"), "label_en": "Moscow", "country": "Russia",
     "coordinates": "Point(37.617777777 55.755833333)", "population": "13010112", "degree": "3"},
    {"city": entity("Q1490"), "label_en": "Tokyo", "country": "Japan", "coordinates": "Point(139.69 35.68)",
     "population": "14000000", "degree": "1"},
])
LINKS = sparql_json(["city", "partner"], [
    {"city": entity("Q649"), "partner": entity("Q1490")},
    {"city": entity("Q1490"), "partner": entity("Q649")},  # the same pair, the other way round
    {"city": entity("Q649"), "partner": entity("Q5")},  # a partner that is no city of the result
    {"city": entity("Q649"), "partner": "http://www.wikidata.org/.well-known/genid/0a1b"},  # "unknown value"
])
NODES_SHAPE = "columns qid label_en country lat lon population degree; rows 1-10"


def test_wikidata_tables_are_made_from_sparql_results_and_read_by_the_build(tmp_path):
    cities, links = tmp_path / "cities.json", tmp_path / "links.json"
    cities.write_bytes(CITIES)
    links.write_bytes(LINKS)
    nodes, edges = tmp_path / "nodes.csv", tmp_path / "edges.csv"

    RECIPES["wikidata_p190_nodes"]([cities], nodes)
    RECIPES["wikidata_p190_edges"]([cities, links], edges)

    assert nodes.read_text(encoding="utf-8").splitlines() == [
        "qid,label_en,country,lat,lon,population,degree",
        "Q1490,Tokyo,Japan,35.68,139.69,14000000,1",
        "Q649,Moscow,Russia,55.755833333,37.617777777,13010112,3"]
    assert edges.read_text(encoding="utf-8").splitlines() == ["qid_a,qid_b", "Q649,Q1490"]
    read_nodes, read_edges = read_wikidata(nodes, edges)  # what the store build reads
    assert read_nodes["population"].tolist() == [14000000, 13010112]
    assert read_edges[["qid_a", "qid_b"]].values.tolist() == [["Q649", "Q1490"]]


def wikidata_entries(base: str, nodes_shape: str = NODES_SHAPE) -> list[Download]:
    """The Wikidata rows of data/downloads.csv, pointing at the loopback server instead of the endpoint."""
    query = "?format=json&query=SELECT%20..."
    return [Download("sources/cities.json", f"{base}/cities.json{query}", ""),
            Download("sources/links.json", f"{base}/links.json{query}", ""),
            Download("twinnings/nodes.csv", "", "0" * 64, "wikidata_p190_nodes sources/cities.json",
                     nodes_shape),
            Download("twinnings/edges.csv", "", "1" * 64,
                     "wikidata_p190_edges sources/cities.json sources/links.json", "columns qid_a qid_b; rows 1-10")]


def test_a_live_wikidata_result_is_checked_by_shape_not_by_checksum(mirror, tmp_path):
    folder, base, _ = mirror
    (folder / "cities.json").write_bytes(CITIES)
    (folder / "links.json").write_bytes(LINKS)
    target, said = tmp_path / "data", []

    fetch_data(target, wikidata_entries(base), tmp_path / "cache", mirror="", echo=said.append)

    assert (target / "twinnings/edges.csv").read_text(encoding="utf-8") == "qid_a,qid_b\nQ649,Q1490\n"
    assert "fetched   twinnings/nodes.csv (a live result with columns qid,label_en,country,lat,lon,population," \
           "degree and 1-10 rows)" in said
    # a second run keeps the tables it made, with the endpoint gone
    (folder / "cities.json").unlink()
    fetch_data(target, wikidata_entries(base), tmp_path / "cache", mirror="", echo=said.append)
    assert said[-2:] == ["ok        twinnings/nodes.csv", "ok        twinnings/edges.csv"]


def test_a_wikidata_result_of_the_wrong_shape_is_refused_and_nothing_is_left(mirror, tmp_path):
    folder, base, _ = mirror
    (folder / "cities.json").write_bytes(CITIES)
    (folder / "links.json").write_bytes(LINKS)
    target, cache = tmp_path / "data", tmp_path / "cache"
    expects_more = "columns qid label_en country lat lon population degree; rows 1000-15000"

    entries = wikidata_entries(base, expects_more)

    with pytest.raises(FetchError) as refused:
        fetch_data(target, [entries[0], entries[2]], cache, mirror="", echo=lambda _: None)

    message = str(refused.value)
    assert f"Refused twinnings/nodes.csv from wikidata_p190_nodes of {base}/cities.json" in message
    assert "expects columns qid,label_en,country,lat,lon,population,degree and 1,000-15,000 rows, " \
           "but it has 2 rows" in message
    assert not (target / "twinnings/nodes.csv").exists()
    # the unchecked query result is dropped from the cache (the next run asks again), no scratch file is left
    assert [path for path in cache.rglob("*") if path.is_file()] == []


def test_a_cut_off_sparql_answer_is_refused_naming_the_file_and_its_address(mirror, tmp_path):
    folder, base, _ = mirror
    (folder / "cities.json").write_bytes(CITIES[: len(CITIES) // 2])
    entries = wikidata_entries(base)[:1] + wikidata_entries(base)[2:3]

    with pytest.raises(FetchError, match=r"Could not derive twinnings/nodes.csv by wikidata_p190_nodes from "
                                         rf"{base}/cities.json\S*: cities.json is not a SPARQL JSON result"):
        fetch_data(tmp_path / "data", entries, tmp_path / "cache", mirror="", echo=lambda _: None)
    assert not (tmp_path / "cache" / "sources/cities.json").exists()


def test_the_wikidata_addresses_run_the_queries_kept_in_data_queries():
    sources = [entry for entry in read_manifest() if entry.url.startswith(wikidata.ENDPOINT)]
    assert {entry.name for entry in sources} == {"sources/wikidata_p190_cities.json",
                                                 "sources/wikidata_p190_links.json"}
    for entry in sources:
        query_file = wikidata.QUERIES / (Path(entry.name).stem + ".rq")
        assert entry.url == wikidata.query_address(query_file), f"{entry.name}: rewrite its url from {query_file}"
        query = parse_qs(urlsplit(entry.url).query)["query"][0]
        assert query == query_file.read_text(encoding="utf-8") and "SELECT" in query


# --- pinning an upstream source that has no checksum yet -----------------------------------------------------

def test_pin_sources_records_a_source_checksum_only_when_its_derived_file_matches(mirror, tmp_path):
    folder, base, _ = mirror
    source = folder / "countries.geojson"
    gpd.GeoDataFrame({"ADM0_A3": ["AAA"], "NAME_EN": ["A"]}, geometry=[shapely.box(0, 0, 5, 3)],
                     crs="EPSG:4326").to_file(source, driver="GeoJSON")
    made = tmp_path / "made" / "simplified.geojson"
    made.parent.mkdir()
    simplified_countries(source, made)
    upstream = Download("sources/countries.geojson", f"{base}/countries.geojson", "", note="not pinned")
    derived = Download("boundaries/simplified.geojson", "", sha256(made.read_bytes()),
                       "simplified_countries sources/countries.geojson", note="reference copy")
    manifest = tmp_path / "downloads.csv"
    write_manifest([upstream, derived], manifest)

    # a derived file that does not match: nothing recorded, the unvouched source leaves the cache
    wrong = Download(derived.name, "", "0" * 64, derived.derive, note=derived.note)
    with pytest.raises(ChecksumMismatch, match="boundaries/simplified.geojson"):
        pin_sources([upstream, wrong], tmp_path / "cache", manifest, echo=lambda _: None)
    assert read_manifest(manifest) == [upstream, derived]
    assert not (tmp_path / "cache" / upstream.name).exists()

    pinned = pin_sources([upstream, derived], tmp_path / "cache", manifest, echo=lambda _: None)

    recorded = read_manifest(manifest)
    assert pinned == [recorded[0]] and recorded[1] == derived
    assert recorded[0].sha256 == sha256(source.read_bytes())
    assert "boundaries/simplified.geojson derived with the recorded checksum" in recorded[0].note
    # pinned now: a changed upstream file is refused at download, naming both checksums
    source.write_bytes(source.read_bytes().replace(b'"A"', b'"B"'))
    with pytest.raises(ChecksumMismatch, match=recorded[0].sha256):
        download(upstream.name, upstream.url, recorded[0].sha256, tmp_path / "other" / "countries.geojson")


def test_a_live_query_result_is_never_pinned():
    entries = read_manifest()
    live = [entry for entry in entries if entry.url.startswith(wikidata.ENDPOINT)]
    assert live and all(pinnable(entry, entries) == [] for entry in live)
    natural_earth = [entry for entry in entries if entry.is_source and not entry.sha256
                     and entry not in live]
    assert all(pinnable(entry, entries) for entry in natural_earth)
