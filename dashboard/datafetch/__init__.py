"""`python -m dashboard fetch-data`: download the public input data, check it, derive what the build reads.

data/downloads.csv lists every file (name, url, sha256, derive). `manifest` reads it, `transfer` downloads one
file into the cache (pooch) and refuses a wrong checksum without touching a good cached copy, `recipes` derives
the files the build reads from their upstream sources, `fetch` puts it together into a data directory.
"""
