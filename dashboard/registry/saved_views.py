"""Saved views: a page in a state (path + the ViewState query) under a title, a description and notes,
optionally a slide of a story (a named, ordered list of views that /present steps through).

They live in the registry (never in the store, which every rebuild replaces). Every write is one
transaction that leaves an audit row (entity "saved_view", key = the slug, old and new values) and
bumps the registry's version, like every other registry write. Positions within a story are kept
dense (1, 2, ... n): inserting at a position moves the later slides down, removing one closes the gap.

The slug (the stable address /views/<slug>) is made once from the title (Cyrillic transliterated) and
never changes, so shared links keep working when the title is edited.

No Dash imports: the API, the pages and tests use this module.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select, update

from dashboard.registry.database import bump_version
from dashboard.registry.records import NotFound, now, write_audit
from dashboard.registry.schema import saved_views
from dashboard.state import ViewState, is_iso3
from dashboard.store.names import name_key

ENTITY = "saved_view"
MAX_TITLE = 200
MAX_DESCRIPTION = 2000
MAX_STORY = 80
MAX_NOTES = 4000
MAX_SLUG = 48
MAX_POSITION = 10_000
#: the pages a view can be saved of (the ones with a main figure, see dashboard.charts.views)
FIXED_PATHS = ("/", "/network", "/corridors", "/activities")
_PROFILE_PATH = re.compile(r"/country/([A-Z]{3})|/city/([1-9][0-9]{0,11})")
#: the values an editor writes (the rest is bookkeeping)
EDITABLE = ("title", "description", "path", "query", "story", "position", "notes")


class ViewRejected(Exception):
    """The values do not make a valid saved view: [(field, code)] (codes: views.problem.<code> in i18n)."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(f"{field}: {code}" for field, code in problems))
        self.problems = problems


@dataclass(frozen=True)
class SavedView:
    slug: str
    title: str
    description: str | None
    path: str
    query: str
    story: str | None
    position: int | None
    notes: str | None
    created_at: datetime | None = None
    created_by: str | None = None
    updated_at: datetime | None = None
    updated_by: str | None = None

    @property
    def href(self) -> str:
        """The page in its state: path + query."""
        return self.path + self.query

    @property
    def lang(self) -> str:
        return ViewState.from_query(self.query).lang

    def values(self) -> dict:
        """What an editor can change (JSON-ready)."""
        return {name: getattr(self, name) for name in EDITABLE}

    def as_dict(self) -> dict:
        """JSON-ready: every column, times as ISO text, plus href and the share path."""
        record = asdict(self)
        for name in ("created_at", "updated_at"):
            record[name] = record[name].isoformat() if record[name] else None
        return {**record, "href": self.href, "share_path": share_path(self.slug)}


def share_path(slug: str) -> str:
    """The stable address of a saved view (redirects to its page in its state)."""
    return f"/views/{slug}"


# ---- checking values ---------------------------------------------------------------------------------------

def is_saveable_path(path: object) -> bool:
    """A page with a main figure: the map, network, corridors, activities, a country or a city profile."""
    return isinstance(path, str) and (path in FIXED_PATHS or _PROFILE_PATH.fullmatch(path) is not None)


def clean_path(path: object) -> str | None:
    """The page's path in canonical form ('' -> '/', no trailing slash, ISO3 upper case), None if unknown."""
    if not isinstance(path, str):
        return None
    text = path.strip().split("?")[0].split("#")[0]
    text = "/" + text.strip("/")
    if text.startswith("/country/"):
        code = text[len("/country/"):].upper()
        text = f"/country/{code}" if is_iso3(code) else text
    return text if is_saveable_path(text) else None


def _text(value: object, limit: int, field: str, problems: list, required: bool = False) -> str | None:
    text = value.strip() if isinstance(value, str) else ("" if value is None else str(value).strip())
    if not text:
        if required:
            problems.append((field, "required"))
        return None
    if len(text) > limit:
        problems.append((field, "too_long"))
    return text[:limit]


def _position(value: object, problems: list) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        number = 0
    if isinstance(value, bool) or not 1 <= number <= MAX_POSITION:
        problems.append(("position", "bad_position"))
        return None
    return number


def clean_values(values: dict, base: SavedView | None = None) -> dict:
    """The editable values, checked and normalised; keys missing from `values` keep `base`'s value.

    The query is re-written by ViewState (unknown keys and invalid values dropped, canonical order).
    Raises ViewRejected.
    """
    merged = {**(base.values() if base else {}), **{k: v for k, v in values.items() if k in EDITABLE}}
    problems: list[tuple[str, str]] = []
    clean = {
        "title": _text(merged.get("title"), MAX_TITLE, "title", problems, required=True),
        "description": _text(merged.get("description"), MAX_DESCRIPTION, "description", problems),
        "story": _text(merged.get("story"), MAX_STORY, "story", problems),
        "notes": _text(merged.get("notes"), MAX_NOTES, "notes", problems),
        "position": _position(merged.get("position"), problems),
        "path": clean_path(merged.get("path")),
        "query": ViewState.from_query(merged.get("query") if isinstance(merged.get("query"), str) else "").to_query(),
    }
    if clean["path"] is None:
        problems.append(("path", "not_saveable"))
    if clean["story"] is None:
        clean["position"] = None
    if problems:
        raise ViewRejected(problems)
    return clean


# ---- reading -------------------------------------------------------------------------------------------------

def _view(row) -> SavedView:
    return SavedView(**{name: row[name] for name in SavedView.__dataclass_fields__})


def _ordered(query):
    # views of a story in its order; stories by name; loose views (no story) last, newest first
    return query.order_by(saved_views.c.story.is_(None), saved_views.c.story, saved_views.c.position,
                          saved_views.c.created_at.desc(), saved_views.c.view_id.desc())


def list_views(engine) -> list[SavedView]:
    """Every saved view: stories by name, each in its order, then the views without a story."""
    with engine.connect() as connection:
        return [_view(row) for row in connection.execute(_ordered(select(saved_views))).mappings()]


def get_view(engine, slug: str) -> SavedView:
    with engine.connect() as connection:
        return _read(connection, slug)


def story_views(engine, story: str) -> list[SavedView]:
    """The slides of `story` in order (empty if there is no such story)."""
    with engine.connect() as connection:
        rows = connection.execute(_ordered(select(saved_views).where(saved_views.c.story == story))).mappings()
        return [_view(row) for row in rows]


def stories(views: list[SavedView]) -> list[tuple[str | None, list[SavedView]]]:
    """[(story, its views in order)], in the order of `list_views`; None groups the views without a story."""
    groups: dict[str | None, list[SavedView]] = {}
    for view in views:
        groups.setdefault(view.story, []).append(view)
    return list(groups.items())


def _read(connection, slug: str) -> SavedView:
    row = connection.execute(select(saved_views).where(saved_views.c.slug == slug)).mappings().first()
    if row is None:
        raise NotFound(slug)
    return _view(row)


# ---- writing -------------------------------------------------------------------------------------------------

def make_slug(connection, title: str) -> str:
    """A new slug from the title: ASCII words joined by '-', unique ('-2', '-3', ... when taken)."""
    stem = name_key(title).replace(" ", "-")[:MAX_SLUG].strip("-") or "view"
    taken = set(connection.execute(select(saved_views.c.slug).where(saved_views.c.slug.like(f"{stem}%")))
                .scalars())
    slug, number = stem, 1
    while slug in taken:
        number += 1
        slug = f"{stem}-{number}"
    return slug


def _renumber(connection, story: str | None, user: str, moved: str | None = None,
              wanted: int | None = None, skip_audit: str | None = None) -> None:
    """Positions 1..n in `story`, `moved` put at `wanted` (None: where it is, or at the end); an audit
    row for every other view whose position changes."""
    if story is None:
        return
    rows = connection.execute(select(saved_views.c.slug, saved_views.c.position)
                              .where(saved_views.c.story == story)
                              .order_by(saved_views.c.position.is_(None), saved_views.c.position,
                                        saved_views.c.view_id)).all()
    order = [slug for slug, _ in rows if slug != moved]
    if moved is not None and any(slug == moved for slug, _ in rows):
        index = len(order) if wanted is None else min(max(wanted, 1), len(order) + 1) - 1
        order.insert(index, moved)
    before = dict(rows)
    stamp = now()
    for position, slug in enumerate(order, start=1):
        if before[slug] == position:
            continue
        connection.execute(update(saved_views).where(saved_views.c.slug == slug).values(position=position))
        if slug != skip_audit:
            connection.execute(update(saved_views).where(saved_views.c.slug == slug)
                               .values(updated_at=stamp, updated_by=user))
            write_audit(connection, user=user, action="update", entity=ENTITY, entity_key=slug,
                        old={"position": before[slug]}, new={"position": position}, at=stamp)


def create_view(engine, values: dict, user: str) -> SavedView:
    """Save a new view (raises ViewRejected); with a story and no position it becomes the last slide."""
    clean = clean_values(values)
    with engine.begin() as connection:
        slug = make_slug(connection, clean["title"])
        stamp = now()
        connection.execute(insert(saved_views).values(slug=slug, created_at=stamp, created_by=user, **clean))
        _renumber(connection, clean["story"], user, moved=slug, wanted=clean["position"], skip_audit=slug)
        saved = _read(connection, slug)
        write_audit(connection, user=user, action="insert", entity=ENTITY, entity_key=slug, new=saved.values(),
                    at=stamp)
        bump_version(connection)
    return saved


def update_view(engine, slug: str, values: dict, user: str) -> tuple[SavedView, dict]:
    """Change a view's values; returns (the view, {field: (old, new)}). Raises NotFound, ViewRejected."""
    with engine.begin() as connection:
        old = _read(connection, slug)
        clean = clean_values(values, base=old)
        story_changed = clean["story"] != old.story
        wanted = clean["position"] if (story_changed or "position" in values) else old.position
        if story_changed and "position" not in values:
            wanted = None  # moved to another story: at its end
        connection.execute(update(saved_views).where(saved_views.c.slug == slug)
                           .values(**{**clean, "position": clean["position"] if clean["story"] else None}))
        if story_changed:
            _renumber(connection, old.story, user)
        _renumber(connection, clean["story"], user, moved=slug, wanted=wanted, skip_audit=slug)
        new = _read(connection, slug)
        changes = {name: (old.values()[name], new.values()[name]) for name in EDITABLE
                   if old.values()[name] != new.values()[name]}
        if changes:
            stamp = now()
            connection.execute(update(saved_views).where(saved_views.c.slug == slug)
                               .values(updated_at=stamp, updated_by=user))
            write_audit(connection, user=user, action="update", entity=ENTITY, entity_key=slug,
                        old={k: v[0] for k, v in changes.items()}, new={k: v[1] for k, v in changes.items()},
                        at=stamp)
            bump_version(connection)
        new = _read(connection, slug)
    return new, changes


def move_view(engine, slug: str, step: int, user: str) -> SavedView:
    """Move a slide `step` places within its story (-1: earlier, +1: later; clamped at the ends)."""
    view = get_view(engine, slug)
    if view.story is None or view.position is None:
        return view
    return update_view(engine, slug, {"position": max(1, view.position + step)}, user)[0]


def delete_view(engine, slug: str, user: str) -> SavedView:
    """Delete a saved view (its values stay in the audit trail); the story's later slides move up."""
    with engine.begin() as connection:
        old = _read(connection, slug)
        connection.execute(delete(saved_views).where(saved_views.c.slug == slug))
        _renumber(connection, old.story, user)
        write_audit(connection, user=user, action="delete", entity=ENTITY, entity_key=slug, old=old.values())
        bump_version(connection)
    return old


__all__ = ["SavedView", "ViewRejected", "NotFound", "list_views", "get_view", "story_views", "stories",
           "create_view", "update_view", "move_view", "delete_view", "clean_values", "clean_path",
           "is_saveable_path", "share_path"]
