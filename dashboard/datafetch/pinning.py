"""`python -m dashboard fetch-data --pin-sources`: record the SHA-256 of upstream sources that have none yet.

A source (a `sources/...` row of data/downloads.csv) may lack a checksum when it was never at hand byte for
byte where the row was written (the Natural Earth release files). On a machine that can download it, this
downloads it, derives every file made from it afresh, and records its SHA-256 only when each of those matches
its own recorded checksum: the derived files vouch for the source. A source of a live query's result (whose
derived files are checked by shape) is never pinned.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from dashboard.datafetch.fetch import derive, forget_unpinned
from dashboard.datafetch.manifest import DOWNLOADS, Download, write_manifest
from dashboard.datafetch.transfer import FetchError, download, sha256_of


def pinnable(entry: Download, entries: list[Download]) -> list[Download]:
    """The files derived from an unpinned source, each checked by checksum (empty: nothing to pin by)."""
    if not entry.is_source or entry.sha256:
        return []
    dependents = [other for other in entries if entry.name in other.recipe_sources]
    return [] if any(other.expected_shape for other in dependents) else dependents


def pin_sources(entries: list[Download], cache: Path, path: Path = DOWNLOADS, echo=print) -> list[Download]:
    """Record in `path` the SHA-256 of every source that `pinnable` allows; the newly pinned entries. Raises
    Refused (nothing written) when a file derived from a freshly downloaded source differs from its record."""
    by_name = {entry.name: entry for entry in entries}
    pinned = []
    for entry in entries:
        dependents = pinnable(entry, entries)
        if not dependents:
            continue
        for dependent in dependents:
            derive_afresh(dependent, cache, by_name, echo)
        digest = sha256_of(cache / entry.name)
        by_name[entry.name] = replace(entry, sha256=digest, note=(
            f"SHA-256 of the download of {date.today().isoformat()} from which "
            f"{', '.join(dependent.name for dependent in dependents)} derived with the recorded checksum "
            f"(fetch-data --pin-sources)"))
        pinned.append(by_name[entry.name])
        echo(f"pinned    {entry.name} {digest}")
    if pinned:
        write_manifest([by_name[entry.name] for entry in entries], path)
    return pinned


def derive_afresh(dependent: Download, cache: Path, by_name: dict[str, Download], echo) -> None:
    """Derive `dependent` from its sources (downloaded into `cache` when not there yet) in a scratch cache, so
    that neither an earlier derived copy nor a stale source can stand in for the check."""
    sources = [by_name[name] for name in dependent.recipe_sources]
    with tempfile.TemporaryDirectory(prefix="borderlinks-pin-") as scratch:
        proof = Path(scratch)
        for source in sources:
            cached = download(source.name, source.url, source.sha256, cache / source.name)
            (proof / source.name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, proof / source.name)
        try:
            derive(dependent, proof, by_name, echo)
        except FetchError:  # not swallowed: the unvouched sources leave the cache too, then it is re-raised
            forget_unpinned(sources, cache)
            raise
