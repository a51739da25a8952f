"""The registry's commands of `python -m dashboard`:

    import activities FILE [--user NAME] [--dry-run] [--skip-rejected] [--lang ru]
    users add NAME --role editor [--password-stdin]      (else the password is asked for twice)
    users list | users passwd NAME [--password-stdin] | users set NAME [--role R] [--disable|--enable]
    demo-activities --seed N [--count 1500] [--as-of YYYY-MM-DD]
    registry upgrade | registry current                   (schema migrations; see README "Registry migrations")
    registry revision -m "what changed" | registry check  (for developers: write / verify a migration)

The registry is BORDERLINKS_REGISTRY_URL (default data/registry.sqlite); the store (for place names) is
BORDERLINKS_DATABASE_URL. Exit codes: 0 done, 1 refused or rejected rows (nothing written), 2 no store;
`registry upgrade`: 1 when a migration failed (nothing changed, the backup kept).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from pathlib import Path

from dashboard.registry.database import registry_engine, registry_url
from dashboard.registry.gazetteer import gazetteer_for
from dashboard.registry.importing import ImportConflict, commit_import, preview_import
from dashboard.registry.migrations import authoring
from dashboard.registry.migrations.upgrading import (
    RegistryUpgradeFailed,
    current_revision,
    describe,
    head_revision,
    upgrade_registry,
)
from dashboard.registry.reading import ImportRefused
from dashboard.registry.samples import replace_samples, sample_activities
from dashboard.registry.users import UserError, add_user, list_users, set_password, set_role
from dashboard.store.catalog import StoreMissing, load_catalog

COMMANDS = ("import", "users", "demo-activities", "registry")


def add_commands(commands) -> None:
    """Add the registry's subcommands to the `python -m dashboard` argument parser."""
    importer = commands.add_parser("import", help="import activities from a CSV or XLSX file")
    what = importer.add_subparsers(dest="what", required=True)
    activities = what.add_parser("activities", help="activities (CSV in UTF-8/Windows-1251, or XLSX)")
    activities.add_argument("file", help="the file to import")
    activities.add_argument("--user", help="who imports (recorded in the import log; default: cli:$USER)")
    activities.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    activities.add_argument("--skip-rejected", action="store_true",
                            help="import the valid rows even if some are rejected (default: all or nothing)")
    activities.add_argument("--lang", choices=("en", "ru"), default="en", help="language of the messages")

    users = commands.add_parser("users", help="manage the registry's accounts")
    action = users.add_subparsers(dest="action", required=True)
    add = action.add_parser("add", help="create an account")
    add.add_argument("name")
    add.add_argument("--role", choices=("viewer", "editor", "admin"), default="editor")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    action.add_parser("list", help="list the accounts")
    passwd = action.add_parser("passwd", help="set an account's password")
    passwd.add_argument("name")
    passwd.add_argument("--password-stdin", action="store_true")
    change = action.add_parser("set", help="change an account's role, or disable/enable it")
    change.add_argument("name")
    change.add_argument("--role", choices=("viewer", "editor", "admin"))
    change.add_argument("--disable", action="store_true")
    change.add_argument("--enable", action="store_true")

    demo = commands.add_parser("demo-activities", help="(re)generate SAMPLE activities for demos")
    demo.add_argument("--seed", type=int, required=True)
    demo.add_argument("--count", type=int, default=1500)
    demo.add_argument("--as-of", type=dt.date.fromisoformat, default=None, help="today by default")

    registry = commands.add_parser("registry", help="the registry's schema: upgrade it, show its revision")
    step = registry.add_subparsers(dest="step", required=True)
    step.add_parser("upgrade", help="apply pending migrations (a SQLite file is backed up beside itself first)")
    step.add_parser("current", help="show the registry's schema revision and the newest one")
    revision = step.add_parser("revision", help="write a migration from changes to dashboard/registry/schema.py")
    revision.add_argument("-m", "--message", required=True, help="what the migration does")
    step.add_parser("check", help="fail if dashboard/registry/schema.py and the migrations disagree")


def run(args) -> int:
    if args.command == "registry":
        return _registry(registry_url(), args)
    engine = registry_engine(registry_url())
    if args.command == "users":
        return _users(engine, args)
    catalog = _catalog()
    if catalog is None:
        return 2
    if args.command == "import":
        return _import(engine, catalog, args)
    return _demo(engine, catalog, args)


def _registry(url: str, args) -> int:
    try:
        if args.step == "upgrade":
            report = upgrade_registry(url)
            if not report.changed:
                print(f"The registry {describe(url)} is up to date (revision {report.to_revision}).")
            else:
                print(f"Upgraded the registry {describe(url)}: {report.from_revision or '(new registry)'} -> "
                      f"{report.to_revision}.")
                print(f"Backup taken before: {report.backup}" if report.backup else "No backup (not a SQLite "
                      "file with data: back a database server up with its own tools).")
        elif args.step == "current":
            current, head = current_revision(url), head_revision()
            state = "up to date" if current == head else "pending migrations: run `python -m dashboard registry upgrade`"
            print(f"{describe(url)}: revision {current or '(no registry yet)'}; newest {head}; {state}.")
        elif args.step == "revision":
            print(f"Wrote {authoring.write_revision(args.message)}: read it, complete it, and give it a test "
                  "in tests/test_registry_migrations.py.")
        else:
            differences = authoring.schema_differences()
            for difference in differences:
                print(f"  {difference}")
            if differences:
                print("dashboard/registry/schema.py differs from the migrations' head: add a migration "
                      "(python -m dashboard registry revision -m \"...\").", file=sys.stderr)
                return 1
            print("The schema and the migrations agree.")
    except RegistryUpgradeFailed as failed:
        print(failed, file=sys.stderr)
        return 1
    return 0


def _catalog():
    try:
        return load_catalog()
    except StoreMissing as missing:
        print(f"{missing}\nThe registry refers to the store's places: build it first.", file=sys.stderr)
        return None


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Again: "):
        raise SystemExit("The two passwords differ; nothing changed.")
    return first


def _users(engine, args) -> int:
    by = f"cli:{os.environ.get('USER') or getpass.getuser()}"
    try:
        if args.action == "add":
            user = add_user(engine, args.name, _password(args.password_stdin), args.role, created_by=by)
            print(f"Created {user.name} ({user.role}).")
        elif args.action == "list":
            for row in list_users(engine):
                state = "" if row["active"] else "  (disabled)"
                print(f"{row['name']:<24} {row['role']:<8} since {row['created_at']:%Y-%m-%d}{state}")
        elif args.action == "passwd":
            set_password(engine, args.name, _password(args.password_stdin), changed_by=by)
            print(f"Password of {args.name} changed.")
        else:
            active = False if args.disable else True if args.enable else None
            set_role(engine, args.name, args.role, active, changed_by=by)
            print(f"{args.name} updated.")
    except UserError as error:
        print(f"Nothing changed: {error}.", file=sys.stderr)
        return 1
    return 0


def _import(engine, catalog, args) -> int:
    path = Path(args.file)
    lang = args.lang
    try:
        data = path.read_bytes()
    except OSError as error:
        print(f"Cannot read {path}: {error.strerror}.", file=sys.stderr)
        return 1
    user = args.user or f"cli:{os.environ.get('USER') or getpass.getuser()}"
    gazetteer = gazetteer_for(catalog)
    try:
        preview = preview_import(engine, data, path.name, gazetteer)
        _print_preview(preview, gazetteer, lang)
        if args.dry_run:
            print("Dry run: nothing was written." if lang == "en" else "Пробный запуск: ничего не записано.")
            return 1 if preview.rejections else 0
        result = commit_import(engine, data, path.name, gazetteer, user=user, origin="cli",
                               skip_rejected=args.skip_rejected, expected_digest=preview.digest)
    except ImportRefused as refused:
        print(refused.message(lang), file=sys.stderr)
        return 1
    except ImportConflict:
        print("The registry changed while importing; run the command again.", file=sys.stderr)
        return 1
    counts = result.counts
    print(f"Imported (import #{result.import_id}, by {user}): {counts['add']} added, {counts['update']} "
          f"updated, {counts['unchanged']} unchanged, {counts['rejected']} rejected.")
    return 0


def _print_preview(preview, gazetteer, lang: str) -> None:
    counts = preview.counts
    table = preview.table
    how = (f"{table.kind.upper()}, {table.encoding}, separator {table.separator!r}" if table.kind == "csv"
           else f"XLSX, sheet {table.sheet!r}")
    print(f"{preview.file_name}: {counts['total']} rows ({how}).")
    print(f"  to add: {counts['add']}, to update: {counts['update']}, unchanged: {counts['unchanged']}, "
          f"withdrawn in the registry: {counts['withdrawn']}, rejected: {counts['rejected']}")
    if preview.ignored_columns:
        print(f"  ignored columns: {', '.join(preview.ignored_columns)}")
    for planned in preview.planned:
        if planned.action in ("add", "update"):
            places = "; ".join(gazetteer.describe_place(p, lang) for p in planned.values.places[:4])
            print(f"  row {planned.row}: {planned.action} {planned.values.title!r} "
                  f"{planned.values.start_date.isoformat()} {places}")
            for name, (old, new) in planned.changes.items():
                print(f"      {name}: {old!r} -> {new!r}")
    for rejection in preview.rejections:
        print(f"  row {rejection.row}, column {rejection.column!r}: {rejection.message(lang)}")


def _demo(engine, catalog, args) -> int:
    samples = sample_activities(catalog, args.seed, args.count, args.as_of)
    counts = replace_samples(engine, samples, seed=args.seed)
    print(f"SAMPLE data: {counts['added']} sample activities generated with seed {args.seed} "
          f"({counts['removed']} previous sample activities replaced). They are marked as sample and hidden "
          "unless \"include sample data\" is switched on.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard")
    add_commands(parser.add_subparsers(dest="command", required=True))
    return run(parser.parse_args(argv))
