"""Fill a data directory with every file the store build reads, each checked against data/downloads.csv.

A file already there with the right checksum is kept. Otherwise it comes from the cache (a pooch cache folder),
else is downloaded there: from BORDERLINKS_DATA_MIRROR when set (a copy of the data directory served over
HTTP), else from its canonical address, or derived by its recipe from its cached upstream sources. A file is
written into the data directory only once complete and checked.
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
from dashboard.datafetch.transfer import (
    ChecksumMismatch,
    FetchError,
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
    want of a connection, or all refused checksums together) naming files, addresses and checksums."""
    entries = read_manifest() if entries is None else entries
    cache = cache or cache_dir()
    mirror = mirror if mirror is not None else mirror_base()
    by_name = {entry.name: entry for entry in entries}
    refused: list[ChecksumMismatch] = []
    written = []
    for entry in build_inputs(entries):
        destination = target / entry.name
        if destination.is_file() and sha256_of(destination) == entry.sha256:
            echo(f"ok        {entry.name}")
            written.append(destination)
            continue
        try:
            cached = obtain(entry, cache, mirror, by_name, echo)
        except ChecksumMismatch as exc:
            refused.append(exc)
            echo(f"REFUSED   {entry.name}")
            continue
        place(cached, destination)
        written.append(destination)
        echo(f"fetched   {entry.name}")
    if refused:
        raise FetchError("\n".join(str(exc) for exc in refused))
    return written


def obtain(entry: Download, cache: Path, mirror: str | None, by_name: dict[str, Download], echo) -> Path:
    """The cached, checked copy of one build input."""
    cached = cache / entry.name
    if mirror:
        return download(entry.name, mirror_address(mirror, entry), entry.sha256, cached)
    if entry.url:
        return download(entry.name, entry.url, entry.sha256, cached)
    if entry.derive:
        return derive(entry, cache, by_name, echo)
    raise NoSource(f"{entry.name} has no public pinned address (see data/downloads.csv): set "
                   f"{MIRROR_SETTING} to a server holding a copy of the data folder, or point "
                   f"BORDERLINKS_DATA_DIR at a copy.")


def derive(entry: Download, cache: Path, by_name: dict[str, Download], echo) -> Path:
    """Run the entry's recipe on its downloaded sources; keep the result only when its checksum matches."""
    cached = cache / entry.name
    if cached.is_file() and sha256_of(cached) == entry.sha256:
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
        raise FetchError(f"Could not derive {entry.name} by {entry.recipe} from "
                         f"{', '.join(source.url for source in sources)}: {exc}") from exc
    actual = sha256_of(result)
    if actual != entry.sha256:
        shutil.rmtree(scratch)
        origin = f"{entry.recipe} of " + ", ".join(source.url for source in sources)
        raise ChecksumMismatch(entry.name, origin, entry.sha256, actual)
    cached.parent.mkdir(parents=True, exist_ok=True)
    os.replace(result, cached)
    shutil.rmtree(scratch)
    return cached


def place(cached: Path, destination: Path) -> None:
    """Copy a checked file into the data directory in one rename (no half-written input)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".part")
    shutil.copyfile(cached, partial)
    os.replace(partial, destination)
