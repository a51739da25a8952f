"""Download one file into the cache, checked against its SHA-256.

The download goes to `<name>.part` beside the cached file and replaces it (one rename) only once complete and
checked: a broken connection or a wrong checksum leaves a good cached copy as it was. The HTTP transfer and the
hashing are pooch's.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pooch
import requests

#: seconds to wait for the server to answer or send more bytes
TIMEOUT = 60

#: who is asking (Wikimedia's services refuse anonymous clients; a mirror's logs can tell what fetched)
USER_AGENT = "Borderlinks-fetch-data/1.0 (python -m dashboard fetch-data; pooch)"


class FetchError(Exception):
    """A file could not be had; the message says which, from where, and why."""


class Refused(FetchError):
    """A file arrived but is not the one data/downloads.csv describes (checksum, or shape of a live result)."""


class ChecksumMismatch(Refused):
    def __init__(self, name: str, url: str, expected: str, actual: str):
        self.name, self.url, self.expected, self.actual = name, url, expected, actual
        super().__init__(f"Refused {name} from {url}: its SHA-256 is {actual}, data/downloads.csv expects "
                         f"{expected}. The file was not used; any cached copy is unchanged.")


class DownloadFailed(FetchError):
    def __init__(self, name: str, url: str, reason: str):
        self.name, self.url, self.reason = name, url, reason
        super().__init__(f"Could not download {name} from {url}: {reason}")


def sha256_of(path: Path) -> str:
    return pooch.file_hash(str(path), alg="sha256")


def is_cached(path: Path, sha256: str) -> bool:
    return path.is_file() and (not sha256 or sha256_of(path) == sha256)


def download(name: str, url: str, sha256: str, target: Path,
             accept: Callable[[Path], None] | None = None) -> Path:
    """`target` holding the file of `url` whose checksum is `sha256` (an empty `sha256` accepts any). `accept`,
    when given, checks a file with no pinned checksum before it is kept (raising Refused)."""
    if is_cached(target, sha256):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    announced = AnnouncedLength()
    # identity encoding: the Content-Length the server announces is then the length of the file itself
    fetcher = pooch.HTTPDownloader(progressbar=announced, timeout=TIMEOUT,
                                   headers={"Accept-Encoding": "identity", "User-Agent": USER_AGENT})
    try:
        fetcher(url, str(partial), None)
    except (requests.RequestException, OSError) as exc:  # not swallowed: re-raised naming file and address
        partial.unlink(missing_ok=True)
        raise DownloadFailed(name, url, _reason(exc, url)) from exc
    received = partial.stat().st_size
    if announced.total and received != announced.total:
        partial.unlink()
        raise DownloadFailed(name, url, f"the connection broke after {received:,} of "
                                        f"{announced.total:,} bytes")
    actual = sha256_of(partial)
    if sha256 and actual != sha256:
        partial.unlink()
        raise ChecksumMismatch(name, url, sha256, actual)
    if accept is not None:
        try:
            accept(partial)
        except Refused:
            partial.unlink()
            raise
    os.replace(partial, target)
    return target


class AnnouncedLength:
    """Takes the place of pooch's progress bar to learn the Content-Length the server announced (pooch sets
    `total` from it); a file that arrives shorter was cut off."""

    total = 0

    def update(self, _amount) -> None:
        pass

    def reset(self) -> None:
        pass

    def close(self) -> None:
        pass


def _reason(exc: Exception, url: str) -> str:
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return f"the server answered {exc.response.status_code} {exc.response.reason}"
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return "the connection broke before the whole file arrived"
    if isinstance(exc, requests.ConnectionError):
        return f"no connection to {urlsplit(url).netloc} (offline, or the address is blocked)"
    return f"{type(exc).__name__}: {exc}"
