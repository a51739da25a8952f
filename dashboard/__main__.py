"""Command line: `python -m dashboard build [--data-dir DIR] [--if-stale]`, `python -m dashboard summary`;
the registry's `import activities FILE`, `users add NAME --role editor`, `demo-activities --seed N`,
`registry upgrade` / `registry current` (see dashboard/registry/cli.py); `fetch-data [--dir DIR]` downloads
the input data (see dashboard/datafetch); `report ties --countries RUS,BLR --from DATE --to DATE --format
docx|pdf --lang ru|en -o FILE` (see dashboard/exports/report_cli.py)."""

from __future__ import annotations

import argparse
import sys

from dashboard import settings
from dashboard.datafetch import cli as fetch_cli
from dashboard.exports import report_cli
from dashboard.registry import cli as registry_cli
from dashboard.store.build import MissingInputs, resolve_inputs
from dashboard.store.build import build as build_store
from dashboard.store.catalog import read_build_info
from dashboard.store.freshness import store_is_fresh
from dashboard.store.summary import format_summary
from geo.errors import InputError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the store from the public data")
    build.add_argument("--data-dir", help="input data folder (default: BORDERLINKS_DATA_DIR, "
                                          "else ../shared/data)")
    build.add_argument("--if-stale", action="store_true",
                       help="only build when the store is missing or older than its inputs")
    commands.add_parser("summary", help="print the summary stored by the last build")
    registry_cli.add_commands(commands)
    fetch_cli.add_command(commands)
    report_cli.add_command(commands)
    args = parser.parse_args(argv)
    if args.command in registry_cli.COMMANDS:
        return registry_cli.run(args)
    if args.command == fetch_cli.COMMAND:
        return fetch_cli.run(args)
    if args.command == report_cli.COMMAND:
        return report_cli.run(args)

    if args.command == "summary":
        info = read_build_info(settings.database_url())
        if info is None:
            print("No store yet: run `python -m dashboard build`.", file=sys.stderr)
            return 1
        print(format_summary(info))
        return 0

    try:
        if args.if_stale and store_is_fresh(settings.database_url(), resolve_inputs(args.data_dir)):
            print("The store is up to date.")
            return 0
        summary = build_store(args.data_dir)
    except (MissingInputs, InputError) as exc:
        print(f"Build stopped, the previous store is unchanged.\n{exc}", file=sys.stderr)
        return 2
    print(format_summary(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
