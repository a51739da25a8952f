"""Fill a data directory with every file the store build reads, each checked against data/downloads.csv.

A file already there with the right checksum is kept. Otherwise it comes from the cache (a pooch cache folder),
else is downloaded there: from BORDERLINKS_DATA_MIRROR when set (a copy of the data directory served over
HTTP), else from its canonical address, or derived by its recipe from its cached upstream sources. A file is
written into the data directory only once complete and checked: against its SHA-256, or, for a live query's
result (a `shape` in data/downloads.csv: the Wikidata P190 links), against its columns and row range.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pooch

from dashboard import settings
from dashboard.datafetch.manifest import (
    MIRROR_SETTING,
    Download,
    build_inputs,
    mirror_address,
    mirror_base,
    read_manifest,
)
from dashboard.datafetch.recipes import RECIPES, RecipeError
from dashboard.datafetch.shape import ShapeMismatch, shape_problem
from dashboard.datafetch.transfer import (
    ChecksumMismatch,
    FetchError,
    Refused,
    download,
    sha256_of,
)
from geo.boundaries import READ_ERRORS

#: where fetched data go when neither --dir nor BORDERLINKS_DATA_DIR says otherwise (git-ignored)
DEFAULT_TARGET = settings.PROJECT_ROOT / "data" / "inputs"
CACHE_SETTING = "BORDERLINKS_DATA_CACHE"


class NoSource(FetchError):
    """A file has no public pinned address and no mirror is set."""


def cache_dir() -> Path:
    explicit = os.environ.get(CACHE_SETTING)
    return Path(explicit).expanduser() if explicit else Path(pooch.os_cache("borderlinks"))


def target_dir(explicit: str | Path | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    if os.environ.get("BORDERLINKS_DATA_DIR"):
        return Path(os.environ["BORDERLINKS_DATA_DIR"]).expanduser().resolve()
    return DEFAULT_TARGET


def fetch_data(target: Path, entries: list[Download] | None = None, cache: Path | None = None,
               mirror: str | None = None, echo=print) -> list[Path]:
    """Every build input in `target`, checked. Raises FetchError (the first download that failed for
    want of a connection, or all refused files together) naming files, addresses and checksums or shapes."""
    entries = read_manifest() if entries is None else entries
    cache = cache or cache_dir()
    mirror = mirror if mirror is not None else mirror_base()
    by_name = {entry.name: entry for entry in entries}
    refused: list[Refused] = []
    written = []
    for entry in build_inputs(entries):
        destination = target / entry.name
        if is_good(entry, destination):
            echo(f"ok        {entry.name}")
            written.append(destination)
            continue
        try:
            cached = obtain(entry, cache, mirror, by_name, echo)
        except Refused as exc:
            refused.append(exc)
            echo(f"REFUSED   {entry.name}")
            continue
        place(cached, destination)
        written.append(destination)
        live = entry.expected_shape is not None and sha256_of(cached) != entry.sha256
        echo(f"fetched   {entry.name}" + (f" (a live result with {entry.expected_shape})" if live else ""))
    if refused:
        raise FetchError("\n".join(str(exc) for exc in refused))
    return written


def is_good(entry: Download, path: Path) -> bool:
    """The file is there and is what data/downloads.csv describes."""
    if not path.is_file():
        return False
    if sha256_of(path) == entry.sha256:
        return True
    shape = entry.expected_shape
    return shape is not None and shape_problem(path, shape) is None


def check_shape(entry: Download, origin: str):
    """For a file checked by shape: a check that refuses a file that is neither the pinned snapshot nor of the
    expected shape (None for files checked by checksum alone)."""
    shape = entry.expected_shape
    if shape is None:
        return None

    def accept(path: Path) -> None:
        if sha256_of(path) == entry.sha256:
            return
        problem = shape_problem(path, shape)
        if problem:
            raise ShapeMismatch(entry.name, origin, shape, problem)

    return accept


def pinned_checksum(entry: Download) -> str:
    """The checksum a download must have: none for a file checked by shape (check_shape does it)."""
    return "" if entry.expected_shape else entry.sha256


def obtain(entry: Download, cache: Path, mirror: str | None, by_name: dict[str, Download], echo) -> Path:
    """The cached, checked copy of one build input."""
    cached = cache / entry.name
    if mirror or entry.url:
        address = mirror_address(mirror, entry) if mirror else entry.url
        return download(entry.name, address, pinned_checksum(entry), cached, check_shape(entry, address))
    if entry.derive:
        return derive(entry, cache, by_name, echo)
    raise NoSource(f"{entry.name} has no public pinned address (see data/downloads.csv): set "
                   f"{MIRROR_SETTING} to a server holding a copy of the data folder, or point "
                   f"BORDERLINKS_DATA_DIR at a copy.")


def derive(entry: Download, cache: Path, by_name: dict[str, Download], echo) -> Path:
    """Run the entry's recipe on its downloaded sources; keep the result only when its checksum matches."""
    cached = cache / entry.name
    if is_good(entry, cached):
        return cached
    sources = [by_name[name] for name in entry.recipe_sources]
    paths = [download(source.name, source.url, source.sha256, cache / source.name) for source in sources]
    echo(f"deriving  {entry.name} ({entry.recipe})")
    # made under its own file name (GeoJSON and GeoPackage layers are named after it) in a scratch folder
    scratch = cache / ".deriving"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    result = scratch / cached.name
    try:
        RECIPES[entry.recipe](paths, result)
    except (RecipeError, *READ_ERRORS) as exc:  # not swallowed: re-raised naming the file and its sources
        shutil.rmtree(scratch)
        forget_unpinned(sources, cache)
        raise FetchError(f"Could not derive {entry.name} by {entry.recipe} from "
                         f"{', '.join(source.url for source in sources)}: {exc}") from exc
    origin = f"{entry.recipe} of " + ", ".join(source.url for source in sources)
    accept = check_shape(entry, origin)
    try:
        if accept is not None:
            accept(result)
        elif (actual := sha256_of(result)) != entry.sha256:
            raise ChecksumMismatch(entry.name, origin, entry.sha256, actual)
    except Refused:
        shutil.rmtree(scratch)
        forget_unpinned(sources, cache)
        raise
    cached.parent.mkdir(parents=True, exist_ok=True)
    os.replace(result, cached)
    shutil.rmtree(scratch)
    return cached


def forget_unpinned(sources: list[Download], cache: Path) -> None:
    """A source with no pinned checksum is known good only through what is derived from it: after a failed
    derivation it leaves the cache, so the next run downloads it afresh instead of failing on it forever."""
    for source in sources:
        if not source.sha256:
            (cache / source.name).unlink(missing_ok=True)


def place(cached: Path, destination: Path) -> None:
    """Copy a checked file into the data directory in one rename (no half-written input)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".part")
    shutil.copyfile(cached, partial)
    os.replace(partial, destination)
