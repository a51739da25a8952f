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
import shutil
import socket
import tarfile
import threading
from pathlib import Path
from typing import ClassVar

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from dashboard import __main__ as cli_main
from dashboard import settings
from dashboard.datafetch import fetch as fetch_module
from dashboard.datafetch.fetch import fetch_data
from dashboard.datafetch.manifest import Download, build_inputs, read_manifest
from dashboard.datafetch.recipes import (
    QGIS_WORLD_MAP,
    REGION_COLUMNS,
    debian_member,
    qgis_admin1_with_ne_attributes,
)
from dashboard.datafetch.transfer import (
    ChecksumMismatch,
    DownloadFailed,
    FetchError,
    download,
)
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


@needs_shared_data
def test_real_checksums_match_shared_data_and_it_fetches_through_a_mirror(mirror, tmp_path):
    entries = build_inputs(read_manifest())
    for entry in entries:
        data = (SHARED_DATA / entry.name).read_bytes()
        assert sha256(data) == entry.sha256, entry.name
    folder, base, _ = mirror
    for entry in entries:
        (folder / entry.name).parent.mkdir(parents=True, exist_ok=True)
        (folder / entry.name).symlink_to(SHARED_DATA / entry.name)
    target = tmp_path / "data"
    fetch_data(target, entries, tmp_path / "cache", mirror=base, echo=lambda _: None)
    for entry in entries:
        assert sha256((target / entry.name).read_bytes()) == entry.sha256
