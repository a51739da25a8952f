"""`python -m dashboard report ties --countries RUS,BLR --from 2023-01-01 --to 2025-12-31 --format docx --lang ru
-o FILE` (or `--regions A,B`, `--place ID` instead of --countries; `--dormant N` years).

Exit codes: 0 the report is written; 1 the store is missing; 2 the arguments name no space or period (the
message says what to change).
"""

from __future__ import annotations

import sys
from pathlib import Path

from dashboard.charts.monitoring import BadArguments
from dashboard.exports.report_ties import FORMATS, REPORT_LANGUAGES, make_report
from dashboard.store.catalog import StoreMissing, load_catalog

COMMAND = "report"


def add_command(commands) -> None:
    report = commands.add_parser(COMMAND, help="make a report (the state of twin-city ties) as DOCX or PDF")
    kind = report.add_subparsers(dest="report", required=True)
    ties = kind.add_parser("ties", help="the state-of-ties report of a country pair, a region pair, a country "
                                        "or a city")
    where = ties.add_mutually_exclusive_group(required=True)
    where.add_argument("--countries", help="one or two ISO3 codes, e.g. RUS,BLR")
    where.add_argument("--regions", help="one or two region ids (Natural Earth adm1_code), comma-separated")
    where.add_argument("--place", help="one place id (GeoNames)")
    ties.add_argument("--from", dest="start", help="first day, YYYY-MM-DD (default: after the last meeting)")
    ties.add_argument("--to", dest="end", help="last day, YYYY-MM-DD (default: today)")
    ties.add_argument("--dormant", type=int, default=None, help="years without activity that make a tie dormant (3)")
    ties.add_argument("--format", choices=FORMATS, default="docx")
    ties.add_argument("--lang", choices=REPORT_LANGUAGES, default="ru")
    ties.add_argument("-o", "--output", required=True, help="the file to write")


def run(args) -> int:
    try:
        catalog = load_catalog()
    except StoreMissing as error:
        print(f"No store to report from ({error}): run `python -m dashboard build` first.", file=sys.stderr)
        return 1
    query = {"countries": args.countries, "regions": args.regions, "place": args.place, "from": args.start,
             "to": args.end, "dormant": args.dormant}
    try:
        body, _ = make_report(catalog, {k: v for k, v in query.items() if v is not None}, args.format, args.lang,
                              lambda fraction, step: None)
    except BadArguments as error:
        print(f"No report: {error}", file=sys.stderr)
        return 2
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(body)
    print(f"{output}: {len(body) / 1024:.0f} KB")
    return 0
