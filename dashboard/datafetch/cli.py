"""`python -m dashboard fetch-data [--dir DIR] [--if-missing] [--pin-sources]`.

Exit codes: 0 every file present and checked; 2 a file refused (wrong checksum); 3 a file could not be
downloaded (no network, no pinned address); the message says which file, from where, and what to do instead.
"""

from __future__ import annotations

import sys

from dashboard import settings
from dashboard.datafetch.fetch import NoSource, cache_dir, fetch_data, target_dir
from dashboard.datafetch.manifest import MIRROR_SETTING, read_manifest
from dashboard.datafetch.pinning import pin_sources
from dashboard.datafetch.transfer import DownloadFailed, FetchError
from dashboard.store.catalog import read_build_info

COMMAND = "fetch-data"


def add_command(commands) -> None:
    fetch = commands.add_parser(COMMAND, help="download the public input data (checked against "
                                              "data/downloads.csv) and derive the files the build reads")
    fetch.add_argument("--dir", help="data folder to fill (default: BORDERLINKS_DATA_DIR, else data/inputs)")
    fetch.add_argument("--if-missing", action="store_true",
                       help="only fetch when there is no data folder and no store is built (used by make)")
    fetch.add_argument("--pin-sources", action="store_true",
                       help="for maintainers: download the upstream sources that data/downloads.csv has no "
                            "SHA-256 for, and record theirs when every file derived from them matches")


def store_is_built() -> bool:
    return read_build_info(settings.database_url()) is not None


NO_DATA = ("Borderlinks has no input data: ../shared/data does not exist, BORDERLINKS_DATA_DIR is not set "
           "and no store is built.\n")


def fetch_failed_message(reason: str, target) -> str:
    return (f"Fetching the data into {target} failed: {reason}\n"
            f"They are normally downloaded from the addresses listed in data/downloads.csv (Natural Earth "
            f"releases on GitHub, Debian's qgis-common, the Hekman/twincities repository, Wikidata's "
            f"SPARQL endpoint), or from a mirror named by {MIRROR_SETTING}.\n"
            f"To use a copy of the data folder instead, run:  BORDERLINKS_DATA_DIR=/path/to/data make run")


def run(args) -> int:
    if args.if_missing and (settings.data_dir(args.dir) is not None or store_is_built()):
        return 0
    target = target_dir(args.dir)
    print(f"Pinning the unpinned sources (cache {cache_dir()})" if args.pin_sources
          else f"Fetching the input data into {target}")
    try:
        if args.pin_sources:
            pinned = pin_sources(read_manifest(), cache_dir())
            print(f"Recorded {len(pinned)} checksum(s) in data/downloads.csv.")
            return 0
        fetch_data(target)
    except (DownloadFailed, NoSource) as exc:
        print((NO_DATA if args.if_missing else "") + fetch_failed_message(str(exc), target), file=sys.stderr)
        return 3
    except FetchError as exc:  # refused checksums, or a source its recipe cannot read
        print(f"Fetching stopped:\n{exc}", file=sys.stderr)
        return 2
    print(f"All input files are in {target}, each matching data/downloads.csv.")
    return 0
