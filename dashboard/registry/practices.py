"""The practice library: one practice's values, entry and import (CSV/XLSX, Russian or English headers,
preview before commit, idempotent), moderation with an audit trail, and the reference practices of
data/practices.csv, brought in again whenever the file changes (sync_reference_practices).

A practice's long texts (problem, actions, results, organisation) are kept in its original language; their
translations are the columns problem_ru, actions_zh, ... (text_in picks the one a page shows).

Moderation: an editor submits (status 'submitted'); an admin publishes, asks for changes
('changes_requested', with a note) or rejects. Every change writes a registry_audit row (entity
'practice'). Only published practices are public: `published_practices` is what pages, the API and the
PDF card read. Writes bump the registry's version so every process re-reads.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
from dataclasses import asdict, dataclass, field

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from dashboard import settings
from dashboard.registry.database import bump_version, meta_value, set_meta_value
from dashboard.registry.gazetteer import Gazetteer, Problem, split_cell
from dashboard.registry.practice_tables import (
    MODERATION_STATES,
    TEXT_LANGUAGES,
    TRANSLATED_TEXTS,
    practice_places,
    practice_sectors,
    practice_transfers,
    practices,
)
from dashboard.registry.reading import ImportRefused, read_upload
from dashboard.registry.records import now, write_audit
from dashboard.registry.schema import registry_audit
from dashboard.registry.search_terms import terms_of
from dashboard.registry.sectors import sectors_of
from dashboard.registry.vocabulary import folded

log = logging.getLogger(__name__)

PRACTICES_CSV = settings.PROJECT_ROOT / "data" / "practices.csv"
TRANSFERS_CSV = settings.PROJECT_ROOT / "data" / "practice_transfers.csv"
SEED_USER = "system"
LANGUAGES = TEXT_LANGUAGES
#: the translation columns of the long texts: problem_en, problem_ru, ..., organisation_zh
TRANSLATION_COLUMNS = tuple(f"{name}_{language}" for name in TRANSLATED_TEXTS for language in TEXT_LANGUAGES)
#: import columns and the header spellings accepted for each (folded; English and Russian)
COLUMNS: dict[str, tuple[str, ...]] = {
    "slug": ("slug", "адрес", "идентификатор"),
    "title_en": ("title_en", "title", "title en", "название en", "название на английском"),
    "title_ru": ("title_ru", "title ru", "название", "название ru"),
    "title_zh": ("title_zh", "title zh", "название zh", "название на китайском"),
    "summary_en": ("summary_en", "summary", "summary en", "описание en", "кратко en"),
    "summary_ru": ("summary_ru", "summary ru", "описание", "кратко", "описание ru"),
    "summary_zh": ("summary_zh", "summary zh", "описание zh"),
    "original_language": ("original_language", "language", "язык оригинала", "язык"),
    "problem": ("problem", "проблема"),
    "actions": ("actions", "what was done", "что сделано", "действия"),
    "results": ("results", "результаты"),
    "period_start": ("period_start", "from", "start year", "с", "год начала", "начало"),
    "period_end": ("period_end", "to", "end year", "по", "год окончания", "окончание"),
    "sectors": ("sectors", "sector", "сферы", "сфера", "отрасли"),
    "places": ("places", "места", "города", "населенные пункты"),
    "organisation": ("organisation", "organization", "организация"),
    "contact": ("contact", "контакт", "контакты"),
    "sources": ("sources", "source", "источники", "источник"),
    "notes": ("notes", "примечания", "заметки"),
    **{column: (column, column.replace("_", " ")) for column in TRANSLATION_COLUMNS},
}
REQUIRED = ("title_en", "title_ru", "summary_en", "summary_ru", "period_start", "sectors", "sources")
_HEADER_INDEX = {folded(spelling): column for column, spellings in COLUMNS.items() for spelling in spellings}
_URL = re.compile(r"https?://\S+")


class PracticeRejected(Exception):
    """The values do not make a valid practice: [(column, Problem)]."""

    def __init__(self, problems: list[tuple[str, Problem]]):
        super().__init__("; ".join(f"{column}: {problem.code}" for column, problem in problems))
        self.problems = problems


class PracticeNotFound(Exception):
    pass


class NotAllowed(Exception):
    """A moderation step the user's role or the practice's state does not allow."""


@dataclass(frozen=True)
class PracticeValues:
    slug: str
    title_en: str
    title_ru: str
    summary_en: str
    summary_ru: str
    period_start: int
    sources: tuple[str, ...]
    sectors: tuple[str, ...]
    places: tuple[int, ...] = ()
    title_zh: str | None = None
    summary_zh: str | None = None
    original_language: str = "en"
    problem: str | None = None
    actions: str | None = None
    results: str | None = None
    period_end: int | None = None
    organisation: str | None = None
    contact: str | None = None
    notes: str | None = None
    #: (column, text) of the translations given, e.g. ("problem_ru", "..."), in TRANSLATION_COLUMNS order
    translations: tuple[tuple[str, str], ...] = ()

    def as_record(self) -> dict:
        """The values as columns (a translation not given is left out, so that a practice without any keeps
        the content hash it had before translations existed)."""
        record = asdict(self)
        del record["translations"]
        record.update(sources=list(self.sources), sectors=list(self.sectors), places=list(self.places),
                      **dict(self.translations))
        return record

    def content_hash(self) -> str:
        return hashlib.sha256(json.dumps(self.as_record(), ensure_ascii=False, sort_keys=True).encode()).hexdigest()

    def search_terms(self) -> str:
        return terms_of(self.title_en, self.title_ru, self.title_zh, self.summary_en, self.summary_ru,
                        self.summary_zh, self.problem, self.actions, self.results, self.organisation,
                        *(text for _, text in self.translations))


def text_in(record, name: str, lang: str) -> tuple[str | None, str]:
    """(text, its language): a practice's long text `name` (problem, actions, results, organisation) in the
    language `lang` - the original when it was written in `lang`, else its translation; the original (in
    its language) when there is no translation. `record`: a mapping of the practice's columns."""
    original_language = _present(record.get("original_language")) or "en"
    if lang != original_language:
        translated = _present(record.get(f"{name}_{lang}"))
        if translated:
            return translated, lang
    return _present(record.get(name)), original_language


def _present(value) -> str | None:
    """A text cell's value, None for an empty one (None, NaN or blank)."""
    return value.strip() if isinstance(value, str) and value.strip() else None


def slug_of(title: str) -> str:
    """A URL-safe slug from an English title ('Blagoveshchensk–Heihe bridge' -> 'blagoveshchensk-heihe-bridge')."""
    return re.sub(r"[^a-z0-9]+", "-", folded(title).encode("ascii", "ignore").decode()).strip("-")[:100] or "practice"


def header_columns(headers: list[str]) -> dict[int, str]:
    """Which import column each header is (by position); unknown headers are ignored."""
    return {i: _HEADER_INDEX[folded(h)] for i, h in enumerate(headers) if folded(h) in _HEADER_INDEX}


def _year(value: str, column: str, problems: list) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if not re.fullmatch(r"\d{4}", value) or not 1900 <= int(value) <= dt.date.today().year + 10:
        problems.append((column, Problem("bad_year", {"value": value})))
        return None
    return int(value)


def parse_cells(cells: dict[str, str], gazetteer: Gazetteer) -> tuple[PracticeValues | None, list]:
    """A practice from its cells (the import's columns) and the problems found (row-level reasons)."""
    cells = {key: (value or "").strip() for key, value in cells.items()}
    problems: list[tuple[str, Problem]] = []
    for column in REQUIRED:
        if not cells.get(column):
            problems.append((column, Problem("missing", {"column": column})))
    sectors, unknown = sectors_of(cells.get("sectors"))
    for part in unknown:
        problems.append(("sectors", Problem("unknown_sector", {"value": part})))
    places = []
    for token in split_cell(cells.get("places")):
        place_id, problem = gazetteer.place(token)
        if problem:
            problems.append(("places", problem))
        else:
            places.append(place_id)
    sources = tuple(_URL.findall(cells.get("sources", "")))
    if cells.get("sources") and not sources:
        problems.append(("sources", Problem("bad_url", {"value": cells["sources"][:80]})))
    start = _year(cells.get("period_start", ""), "period_start", problems)
    end = _year(cells.get("period_end", ""), "period_end", problems)
    if start and end and end < start:
        problems.append(("period_end", Problem("end_before_start", {"value": end})))
    language = (cells.get("original_language") or "en").lower()
    if language not in LANGUAGES:
        problems.append(("original_language", Problem("unknown_language", {"value": language})))
    contact = cells.get("contact") or None
    if contact and not (_URL.fullmatch(contact) or re.fullmatch(r"[^@\s]+@[^@\s]+\.\w+", contact)):
        problems.append(("contact", Problem("bad_contact", {"value": contact[:80]})))
    if problems:
        return None, problems
    return PracticeValues(
        slug=cells.get("slug") or slug_of(cells["title_en"]), title_en=cells["title_en"], title_ru=cells["title_ru"],
        title_zh=cells.get("title_zh") or None, summary_en=cells["summary_en"], summary_ru=cells["summary_ru"],
        summary_zh=cells.get("summary_zh") or None, original_language=language,
        problem=cells.get("problem") or None, actions=cells.get("actions") or None,
        results=cells.get("results") or None, period_start=start, period_end=end,
        sectors=sectors, places=tuple(sorted(set(places))), organisation=cells.get("organisation") or None,
        contact=contact, sources=sources, notes=cells.get("notes") or None,
        translations=tuple((column, cells[column]) for column in TRANSLATION_COLUMNS
                           if cells.get(column) and not column.endswith("_" + language))), []


# ---- import: preview, then commit -------------------------------------------------------------------------

@dataclass
class PracticeImportPreview:
    add: list[PracticeValues] = field(default_factory=list)
    update: list[PracticeValues] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejections: list[tuple[int, str, Problem]] = field(default_factory=list)  # (row, column, problem)
    digest: str = ""

    def summary(self) -> dict:
        return {"add": [v.slug for v in self.add], "update": [v.slug for v in self.update],
                "unchanged": self.unchanged, "digest": self.digest,
                "rejected": [{"row": row, "column": column, "code": problem.code, "params": problem.params}
                             for row, column, problem in self.rejections]}


def preview_practices(engine, data: bytes, file_name: str, gazetteer: Gazetteer) -> PracticeImportPreview:
    """What importing the file would do; writes nothing. Raises ImportRefused for an unreadable file."""
    table = read_upload(data, file_name)
    columns = header_columns(table.headers)
    if not {"title_en", "title_ru"} <= set(columns.values()):
        raise ImportRefused("missing_columns", columns="title_en, title_ru")
    preview = PracticeImportPreview(digest=hashlib.sha256(data).hexdigest())
    with engine.connect() as connection:
        known = {row.slug: row.content_hash for row in connection.execute(select(practices.c.slug, practices.c.content_hash))}
    seen: set[str] = set()
    for row_number, cells in table.rows:
        values, problems = parse_cells({column: cells[i] if i < len(cells) else "" for i, column in columns.items()},
                                       gazetteer)
        if problems:
            preview.rejections += [(row_number, column, problem) for column, problem in problems]
            continue
        if values.slug in seen:
            preview.rejections.append((row_number, "slug", Problem("duplicate_in_file", {"value": values.slug})))
            continue
        seen.add(values.slug)
        if values.slug not in known:
            preview.add.append(values)
        elif known[values.slug] != values.content_hash():
            preview.update.append(values)
        else:
            preview.unchanged.append(values.slug)
    return preview


def commit_practices(engine, preview: PracticeImportPreview, user: str, status: str = "submitted",
                     reference: bool = False) -> dict:
    """Write a preview in one transaction (new practices get `status`); returns the counts."""
    with engine.begin() as connection:
        for values in preview.add:
            _insert(connection, values, user, status, reference)
        for values in preview.update:
            practice_id = connection.execute(select(practices.c.practice_id)
                                             .where(practices.c.slug == values.slug)).scalar_one()
            _update(connection, practice_id, values, user)
        if preview.add or preview.update:
            bump_version(connection)
    return {"added": len(preview.add), "updated": len(preview.update), "unchanged": len(preview.unchanged),
            "rejected": len(preview.rejections)}


# ---- writes ------------------------------------------------------------------------------------------------

def _columns(values: PracticeValues) -> dict:
    record = values.as_record()
    columns = {name: record[name] for name in ("slug", "title_en", "title_ru", "title_zh", "summary_en",
                                               "summary_ru", "summary_zh", "original_language", "problem",
                                               "actions", "results", "period_start", "period_end",
                                               "organisation", "contact", "notes")}
    translations = dict(values.translations)
    columns.update({column: translations.get(column) for column in TRANSLATION_COLUMNS})
    return {**columns, "sources": " ".join(values.sources), "content_hash": values.content_hash(),
            "search_terms": values.search_terms()}


def _write_vector(connection, practice_id: int, terms: str) -> None:
    """PostgreSQL: the tsvector of the terms, taken as they are (already stemmed: no parser, no config)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("UPDATE practices SET search_vector = array_to_tsvector(string_to_array(%s, ' ')) "
                                   "WHERE practice_id = %s", (terms, practice_id))


def _write_links(connection, practice_id: int, values: PracticeValues) -> None:
    connection.execute(delete(practice_sectors).where(practice_sectors.c.practice_id == practice_id))
    connection.execute(delete(practice_places).where(practice_places.c.practice_id == practice_id))
    if values.sectors:
        connection.execute(insert(practice_sectors), [{"practice_id": practice_id, "sector": s} for s in values.sectors])
    if values.places:
        connection.execute(insert(practice_places), [{"practice_id": practice_id, "place_id": p} for p in values.places])


def _insert(connection, values: PracticeValues, user: str, status: str, reference: bool = False,
            sample: bool = False) -> int:
    columns = _columns(values)
    practice_id = connection.execute(insert(practices).values(
        **columns, status=status, is_reference=reference, is_sample=sample, created_at=now(), created_by=user,
        reviewed_at=now() if status == "published" else None,
        reviewed_by=user if status == "published" else None)).inserted_primary_key[0]
    _write_vector(connection, practice_id, columns["search_terms"])
    _write_links(connection, practice_id, values)
    write_audit(connection, user=user, action="insert", entity="practice", entity_key=str(practice_id),
                new={**values.as_record(), "status": status})
    return practice_id


def _update(connection, practice_id: int, values: PracticeValues, user: str) -> None:
    old = read_practice(connection, practice_id)
    columns = _columns(values)
    connection.execute(update(practices).where(practices.c.practice_id == practice_id)
                       .values(**columns, updated_at=now(), updated_by=user))
    _write_vector(connection, practice_id, columns["search_terms"])
    _write_links(connection, practice_id, values)
    write_audit(connection, user=user, action="update", entity="practice", entity_key=str(practice_id),
                old=old, new=values.as_record())


def submit_practice(engine, gazetteer: Gazetteer, cells: dict[str, str], user) -> int:
    """An editor's new practice from the form (status 'submitted'), or a correction of one (by slug)
    that sends it back to moderation. Raises PracticeRejected."""
    values, problems = parse_cells(cells, gazetteer)
    if problems:
        raise PracticeRejected(problems)
    with engine.begin() as connection:
        existing = connection.execute(select(practices.c.practice_id, practices.c.created_by)
                                      .where(practices.c.slug == values.slug)).first()
        if existing is None:
            practice_id = _insert(connection, values, user.name, "submitted")
        else:
            if existing.created_by != user.name and user.role != "admin":
                raise PracticeRejected([("slug", Problem("slug_taken", {"value": values.slug}))])
            practice_id = existing.practice_id
            _update(connection, practice_id, values, user.name)
            connection.execute(update(practices).where(practices.c.practice_id == practice_id).values(status="submitted"))
        bump_version(connection)
    return practice_id


MODERATION_ACTIONS = {"publish": "published", "request_changes": "changes_requested", "reject": "rejected"}


def moderate(engine, table, key_column, key: int, action: str, user, note: str | None = None,
             entity: str = "practice") -> str:
    """Publish, ask for changes or reject a practice or a partner request (admins only); audited."""
    if user.role != "admin":
        raise NotAllowed(f"{user.name} ({user.role}) may not moderate")
    if action not in MODERATION_ACTIONS:
        raise NotAllowed(f"unknown action {action!r}")
    status = MODERATION_ACTIONS[action]
    with engine.begin() as connection:
        old = connection.execute(select(table.c.status).where(key_column == key)).scalar()
        if old is None:
            raise PracticeNotFound(key)
        connection.execute(update(table).where(key_column == key).values(
            status=status, moderation_note=(note or "").strip() or None, reviewed_at=now(), reviewed_by=user.name))
        write_audit(connection, user=user.name, action=action[:16], entity=entity, entity_key=str(key),
                    old={"status": old}, new={"status": status, "note": note})
        bump_version(connection)
    return status


def moderate_practice(engine, practice_id: int, action: str, user, note: str | None = None) -> str:
    return moderate(engine, practices, practices.c.practice_id, practice_id, action, user, note)


# ---- reading ----------------------------------------------------------------------------------------------

def read_practice(connection, practice_id: int) -> dict:
    row = connection.execute(select(practices).where(practices.c.practice_id == practice_id)).mappings().first()
    if row is None:
        raise PracticeNotFound(practice_id)
    record = {k: v for k, v in row.items() if k not in ("search_vector",)}
    record["sectors"] = connection.execute(select(practice_sectors.c.sector)
                                           .where(practice_sectors.c.practice_id == practice_id)).scalars().all()
    record["places"] = connection.execute(select(practice_places.c.place_id)
                                          .where(practice_places.c.practice_id == practice_id)).scalars().all()
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in record.items()}


# ---- the reference practices of data/practices.csv ----------------------------------------------------------

#: registry_meta: the SHA-256 of the files last brought in; "off" keeps the registry without them (tests)
SYNCED_META = "reference_practices_sha256"
OFF = "off"
FIRST_SEED_META = "practices_seeded"


def sync_reference_practices(engine, gazetteer: Gazetteer, path=PRACTICES_CSV,
                             transfers_path=TRANSFERS_CSV) -> dict[str, int] | None:
    """Bring data/practices.csv (published, as 'system') and its transfers into the registry whenever the
    files differ from those last brought in, as the reference events are (dashboard.registry.reference_events);
    None when nothing was to do. A row whose practice is there is updated to it - unless staff withdrew it
    (any status but published: it stays so) or edited it (the edit stands); a row whose practice was brought
    in once and deleted since stays deleted; only a row never brought in is added. Running it twice changes
    nothing.

    Returns counts: added, updated, unchanged, kept_withdrawn, kept_corrected, kept_deleted, rejected,
    transfers (added)."""
    if not path.exists():
        return None
    data = path.read_bytes()
    transfers = transfers_path.read_bytes() if transfers_path.exists() else b""
    digest = hashlib.sha256(data + b"\0" + transfers).hexdigest()
    with engine.connect() as connection:
        if meta_value(connection, SYNCED_META) in (OFF, digest):
            return None
    try:
        preview = preview_practices(engine, data, path.name, gazetteer)
    except ImportRefused as refused:
        log.warning("%s was not read: %s", path.name, refused)
        return None
    for row, column, problem in preview.rejections:
        log.warning("%s row %s, %s: %s %s", path.name, row, column, problem.code, problem.params)
    counts = dict.fromkeys(("added", "updated", "unchanged", "kept_withdrawn", "kept_corrected", "kept_deleted"), 0)
    counts["rejected"] = len({row for row, _, _ in preview.rejections})
    try:
        with engine.begin() as connection:
            if meta_value(connection, SYNCED_META) in (OFF, digest):  # another process did it meanwhile
                return None
            brought_in = reference_slugs_ever(connection)
            for values in (*preview.add, *preview.update):
                counts[_bring_in(connection, values, brought_in)] += 1
            counts["unchanged"] += len(preview.unchanged)
            set_meta_value(connection, SYNCED_META, digest)
            if not meta_value(connection, FIRST_SEED_META):
                set_meta_value(connection, FIRST_SEED_META, dt.datetime.now().isoformat(timespec="seconds"))
            if counts["added"] or counts["updated"]:
                bump_version(connection)
    except IntegrityError:  # another process or thread brought the same rows in at the same moment: theirs stand
        log.info("%s was brought in by another process meanwhile", path.name)
        return None
    counts["transfers"] = import_transfers(engine, gazetteer, transfers, SEED_USER) if transfers else 0
    return counts


def _bring_in(connection, values: PracticeValues, brought_in: set[str]) -> str:
    """Write one reference row (see sync_reference_practices); returns the count it goes to."""
    row = connection.execute(select(practices.c.practice_id, practices.c.status, practices.c.created_by,
                                    practices.c.updated_by, practices.c.content_hash)
                             .where(practices.c.slug == values.slug)).first()
    if row is None:
        if values.slug in brought_in:
            return "kept_deleted"
        _insert(connection, values, SEED_USER, "published", reference=True)
        return "added"
    if row.status != "published":
        return "kept_withdrawn"
    if row.created_by != SEED_USER or row.updated_by not in (None, SEED_USER):
        return "kept_corrected"
    if row.content_hash == values.content_hash():
        return "unchanged"
    _update(connection, row.practice_id, values, SEED_USER)
    return "updated"


def reference_slugs_ever(connection) -> set[str]:
    """The slugs of every practice the reference import ever added (from the audit trail: deleted ones too)."""
    rows = connection.execute(select(registry_audit.c.new_value).where(
        registry_audit.c.entity == "practice", registry_audit.c.action == "insert",
        registry_audit.c.user_name == SEED_USER)).scalars()
    return {json.loads(value).get("slug") for value in rows if value}


def import_transfers(engine, gazetteer: Gazetteer, data: bytes, user: str) -> int:
    """Transfers (practice slug, from_place, to_place, year, source, note); a row already there is skipped."""
    table = read_upload(data, "transfers.csv")
    index = {folded(h): i for i, h in enumerate(table.headers)}
    added = 0
    with engine.begin() as connection:
        slugs = dict(connection.execute(select(practices.c.slug, practices.c.practice_id)).all())
        for row_number, cells in table.rows:
            def cell(name: str, cells: list[str] = cells) -> str:
                return cells[index[name]].strip() if name in index and index[name] < len(cells) else ""
            practice_id = slugs.get(cell("practice"))
            ends = [gazetteer.place(cell(name)) for name in ("from place", "to place")]
            if practice_id is None or any(problem for _, problem in ends):
                log.warning("transfer row %s skipped: practice %r, places %s", row_number, cell("practice"), ends)
                continue
            year = int(cell("year")) if cell("year").isdigit() else None
            exists = connection.execute(select(practice_transfers.c.transfer_id).where(
                practice_transfers.c.practice_id == practice_id, practice_transfers.c.from_place == ends[0][0],
                practice_transfers.c.to_place == ends[1][0], practice_transfers.c.year == year)).first()
            if exists:
                continue
            connection.execute(insert(practice_transfers).values(
                practice_id=practice_id, from_place=ends[0][0], to_place=ends[1][0], year=year,
                source_url=cell("source") or None, note=cell("note") or None))
            write_audit(connection, user=user, action="insert", entity="practice_transfer",
                        entity_key=f"{practice_id}:{ends[0][0]}-{ends[1][0]}")
            added += 1
        if added:
            bump_version(connection)
    return added


__all__ = ["PracticeValues", "PracticeRejected", "PracticeNotFound", "NotAllowed", "MODERATION_STATES",
           "parse_cells", "preview_practices", "commit_practices", "submit_practice", "moderate_practice",
           "sync_reference_practices", "text_in", "TRANSLATED_TEXTS", "TRANSLATION_COLUMNS", "import_transfers", "read_practice", "slug_of"]
