"""The filter/view state: one frozen dataclass, the single source of truth, round-tripped via the URL.

Each field is declared once, in `ViewState` below, with `declare(...)`: its URL key, its codec (how a
value is checked, read from the URL, written back and forgiven when a UI control sends an odd shape),
its default, the i18n key of its label (and of its choices' labels), its scope (a filter every page
obeys, a way of showing things, or one page's own choice: see `SCOPES`), and whether it changes which
rows the store's queries select. Everything else is derived from those declarations: `from_query`,
`to_query`, `from_values`, the API's `query_problems`, `QUERY_KEYS`, `FILTER_FIELDS` (the cache key of
`dashboard.store.queries.filter_key`), `GLOBAL_FILTERS` (the removable chips every page shows),
`PAGE_FIELDS` (what a link to another page leaves behind: `for_another_page`) and the labels of the filter
panel. Adding a field is one line.

`ViewState()` is the default view. `state.to_query()` writes only the fields that differ from the
default, in declaration order with short keys (`?lang=ru&countries=BLR,RUS&blocs=SCO&minpop=50000`).
`ViewState.from_query(search)` reads it back tolerantly: unknown keys are ignored and every value is
checked against its allowed set, pattern or range; anything invalid falls back to the default (items of a
list are checked one by one). `ViewState.from_values(mapping, base)` applies the same checks to values
coming from UI controls. Constructing a ViewState directly with invalid values raises ValueError.

No Dash imports: the API and tests use this module too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, ClassVar, Generic, TypeVar
from urllib.parse import parse_qsl, quote, urlencode

from dashboard.i18n import LANGUAGES

ORGS = ("SCO", "BRICS", "EAEU", "CIS", "UNION_STATE")
STATUSES = ("member", "observer", "dialogue_partner", "partner", "associate_member")
#: "space": both ends in the space (the default); "outward": at least one end in the space (the space
#: with the world); "touching"/"within": one/both ends among the filtered places; "between": the pair
LINK_SCOPES = ("space", "outward", "touching", "within", "between")
#: which ties by their status: "active" (the default: no suspension or ending on record), "suspended",
#: "ended", "inactive" (suspended or ended) or "all"
TIE_STATUSES = ("active", "inactive", "suspended", "ended", "all")
VIEWPORTS = ("eurasia", "world", "fit")
LAYERS = ("countries", "border_regions", "disputed", "places", "links")
SIZE_BY = ("partners", "population")
POVS = ("default", "deu")
#: which activities count: reference events and registry records together ("all"), or one origin
ACTIVITY_ORIGINS = ("all", "reference", "registry")
#: an activity's status (dashboard.registry.statuses reads these), and the ones counted unless the URL says
#: otherwise: what happened (held); planned ones are shown apart, postponed and cancelled ones are not done
ACTIVITY_STATUSES = ("planned", "held", "postponed", "cancelled")
COUNTED_ACTIVITY_STATUSES = ("held",)

#: the corridors page's parameters (dashboard.store.corridor_scoring reads the same)
CORRIDOR_KM_RANGE = (10, 200)
CORRIDOR_MIN_POPULATIONS = (10_000, 20_000, 50_000, 100_000, 250_000, 500_000, 1_000_000)
CORRIDOR_TIES_WEIGHTS = (0, 50, 100, 200)  # per cent
CORRIDOR_TOPS = (25, 50, 100, 250, 500)
#: the width (km) of the land strip along the land borders the corridors page can shade
STRIP_WIDTHS = (25, 50, 100)

MAX_POPULATION = 100_000_000  # larger than any city; anything above is junk
MAX_PLACE_ID = 10**10  # GeoNames ids are positive integers, today below 2 * 10**7
MAX_ITEMS = 500  # no list in the URL is longer than this
MIN_YEAR, MAX_YEAR = 1945, 2100  # the activities' year range (year_from / year_to)

_ISO3 = re.compile(r"[A-Z]{3}")
# Natural Earth adm1_code, e.g. RUS-2364; 40 codes use "~" or end in "?" (KAB+00?, AIA~1627)
_REGION_ID = re.compile(r"[A-Z]{3}[-+~][0-9A-Z]{1,8}\??")
_BLOC = re.compile(rf"({'|'.join(ORGS)})(:({'|'.join(STATUSES)}))?")
_DIGITS = re.compile(r"[0-9]{1,12}")
#: a space: "default" (the operator's default space), "world", or a comma-separated list of blocs
#: ("SCO", "BRICS:partner") and countries (ISO3): the union of their countries (dashboard.store.spaces)
_SPACE_ITEM = rf"(?:{'|'.join(ORGS)})(?::(?:{'|'.join(STATUSES)}))?|[A-Z]{{3}}"
_SPACE = re.compile(rf"default|world|(?:{_SPACE_ITEM})(?:,(?:{_SPACE_ITEM})){{0,59}}")
MIN_DAY, MAX_DAY = dt.date(1991, 1, 1), dt.date(2100, 12, 31)  # the `on` dates a space can be taken at
#: a chosen corridor: p<place id> (the proposed corridor holding that place), k-<id> (a known corridor),
#: x-<id> (a cross-border region)
_CORRIDOR = re.compile(r"p[1-9][0-9]{0,11}|[kx]-[a-z0-9_]{1,40}")


def is_iso3(value: object) -> bool:
    return isinstance(value, str) and _ISO3.fullmatch(value) is not None


def is_region_id(value: object) -> bool:
    return isinstance(value, str) and _REGION_ID.fullmatch(value) is not None


def is_space(value: object) -> bool:
    """'default', 'world' or a comma-separated list of blocs and ISO3 codes ('SCO', 'BLR,RUS,EAEU')."""
    return isinstance(value, str) and _SPACE.fullmatch(value) is not None


def is_bloc(value: object) -> bool:
    """'ORG' (any status) or 'ORG:status', e.g. 'SCO' or 'BRICS:partner'."""
    return isinstance(value, str) and _BLOC.fullmatch(value) is not None


# ---- codecs: one kind of value, checked, read from the URL, written back -------------------------

T = TypeVar("T")


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


#: what `Codec.parse` returns for text that is no value of its kind
INVALID: Any = _Marker("INVALID")
#: `Codec.empty` of codecs for which an empty control (None, "") means nothing
_NO_EMPTY: Any = _Marker("NO_EMPTY")


class Codec(Generic[T]):
    """How one kind of value is checked (`check`), read from the URL's text (`parse`), written into
    the URL (`format`) and forgiven when a UI control sends it in another shape (`coerce`).

    The defaults suit a single text value; subclasses override what differs.
    """

    #: what an empty control (None or "") stands for; _NO_EMPTY: an empty control changes nothing
    empty: Any = _NO_EMPTY
    #: the allowed values, for codecs with a fixed set (the filter panel labels each one)
    choices: tuple[Any, ...] | None = None

    def check(self, value: object) -> T:
        """The clean value, or ValueError saying why `value` is not one."""
        raise NotImplementedError

    def parse(self, texts: list[str]) -> object:
        """The URL's texts for the field (one per occurrence of its key) as a Python value, or INVALID.
        The last occurrence wins."""
        return texts[-1].strip()

    def format(self, value: T) -> str:
        return str(value)

    def coerce(self, value: object) -> object:
        """Forgive the shapes UI controls produce: None or "" for empty, 150.0 for 150, a checklist."""
        if (value is None or value == "") and self.empty is not _NO_EMPTY:
            return self.empty
        return value

    def problem(self, texts: list[str]) -> str | None:
        """Why the URL's texts are no valid value (the API's 400 reason, after the key), or None."""
        parsed = self.parse(texts)
        try:
            if parsed is INVALID:
                raise ValueError(f"{texts[-1]!r} cannot be read")
            self.check(self.coerce(parsed))
        except ValueError:
            return f"{texts[-1][:40]!r} not allowed"
        return None


class Choice(Codec[str]):
    """One of a fixed set of words."""

    def __init__(self, allowed: tuple[str, ...]) -> None:
        self.allowed = self.choices = allowed

    def check(self, value: object) -> str:
        if not isinstance(value, str) or value not in self.allowed:
            raise ValueError(f"{value!r} is not one of {self.allowed}")
        return value


class Pattern(Codec[str]):
    """A code matching a regular expression (ISO3, region id, bloc, corridor id)."""

    def __init__(self, pattern: re.Pattern[str], what: str) -> None:
        self.pattern = pattern
        self.what = what

    def check(self, value: object) -> str:
        if not isinstance(value, str) or self.pattern.fullmatch(value) is None:
            raise ValueError(f"{value!r} is not {self.what}")
        return value


class Flag(Codec[bool]):
    """On or off: `1`/`0` in the URL (`true`/`false` are read too); a one-box checklist in the UI."""

    _WORDS: ClassVar[dict[str, bool]] = {"1": True, "true": True, "0": False, "false": False}

    def check(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise ValueError(f"{value!r} is not a bool")
        return value

    def parse(self, texts: list[str]) -> object:
        return self._WORDS.get(texts[-1].strip().lower(), INVALID)

    def format(self, value: bool) -> str:
        return "1" if value else "0"

    def coerce(self, value: object) -> object:
        return bool(value) if isinstance(value, (list, tuple)) else value


class _Whole(Codec[int]):
    """A whole number written in decimal digits; subclasses say which ones are allowed."""

    def parse(self, texts: list[str]) -> object:
        text = texts[-1].strip()
        return int(text) if _DIGITS.fullmatch(text) else INVALID

    def coerce(self, value: object) -> object:
        value = super().coerce(value)
        if isinstance(value, float) and value.is_integer():  # sliders and number inputs may send 150.0
            return int(value)
        if isinstance(value, str) and _DIGITS.fullmatch(value):
            return int(value)
        return value

    def allows(self, value: int) -> bool:
        raise NotImplementedError

    def check(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not self.allows(value):
            raise ValueError(f"{value!r} is not {self}")
        return value


class Integer(_Whole):
    """A whole number in [low, high]."""

    def __init__(self, low: int, high: int, empty: int | None = None) -> None:
        self.low, self.high = low, high
        if empty is not None:
            self.empty = empty

    def allows(self, value: int) -> bool:
        return self.low <= value <= self.high

    def __str__(self) -> str:
        return f"an integer in [{self.low}, {self.high}]"


class IntChoice(_Whole):
    """One of a fixed set of whole numbers."""

    def __init__(self, allowed: tuple[int, ...]) -> None:
        self.allowed = self.choices = allowed

    def allows(self, value: int) -> bool:
        return value in self.allowed

    def __str__(self) -> str:
        return f"one of {self.allowed}"


class OrNone(Codec[T | None]):
    """A value of `inner`, or None (absent from the URL, an empty control)."""

    empty = None

    def __init__(self, inner: Codec[T]) -> None:
        self.inner = inner

    def check(self, value: object) -> T | None:
        return None if value is None else self.inner.check(value)

    def parse(self, texts: list[str]) -> object:
        return self.inner.parse(texts)

    def format(self, value: T | None) -> str:
        return "" if value is None else self.inner.format(value)

    def coerce(self, value: object) -> object:
        value = super().coerce(value)
        return None if value is None else self.inner.coerce(value)

    def problem(self, texts: list[str]) -> str | None:
        return self.inner.problem(texts)


def _comma_items(texts: list[str]) -> list[str]:
    """The comma-separated items of every occurrence (countries=BLR&countries=RUS are merged)."""
    return [item.strip() for text in texts for item in text.split(",") if item.strip()]


def _unspaced(item: str) -> str:
    # a '+' written unencoded (RUS+99?) arrives as a space: no item holds a space, so read it back
    return item.replace(" ", "+")


class Items(Codec[tuple[str, ...]]):
    """A list of items of `item`, de-duplicated, in canonical order (the order of `item.choices` if it
    has them, else sorted). From the URL, invalid items are dropped one by one."""

    empty: Any = ()

    def __init__(self, item: Codec[str]) -> None:
        self.item = item
        self.choices = item.choices

    def valid(self, item: object) -> bool:
        try:
            self.item.check(item)
        except ValueError:
            return False
        return True

    def check(self, value: object) -> tuple[str, ...]:
        if isinstance(value, str) or not isinstance(value, Iterable):
            raise ValueError(f"{value!r} is not a list")
        items = list(value)
        if len(items) > MAX_ITEMS or not all(self.valid(item) for item in items):
            raise ValueError(f"invalid item in {value!r}")
        if self.choices is not None:
            return tuple(choice for choice in self.choices if choice in items)
        return tuple(sorted(set(items)))

    def parse(self, texts: list[str]) -> object:
        items = (_unspaced(item) for item in _comma_items(texts))
        return [item for item in items if self.valid(item)][:MAX_ITEMS]

    def format(self, value: tuple[str, ...]) -> str:
        return ",".join(value)

    def problem(self, texts: list[str]) -> str | None:
        items = _comma_items(texts)
        bad = [item for item in items if not self.valid(_unspaced(item))]
        if bad:
            return f"{', '.join(repr(item[:40]) for item in bad[:5])} not allowed"
        if len(items) > MAX_ITEMS:
            return f"more than {MAX_ITEMS} items"
        return None


class Pair(Codec[tuple[str, ...]]):
    """Two different items of `item` in the order given, or none."""

    empty: Any = ()

    def __init__(self, item: Codec[str]) -> None:
        self.item = item

    def check(self, value: object) -> tuple[str, ...]:
        if isinstance(value, str) or not isinstance(value, Iterable):
            raise ValueError(f"{value!r} is not a pair")
        items = tuple(value)
        if items == ():
            return ()
        if len(items) != 2 or items[0] == items[1]:
            raise ValueError(f"{value!r} is not two different items")
        return (self.item.check(items[0]), self.item.check(items[1]))

    def parse(self, texts: list[str]) -> object:
        return [_unspaced(item) for item in _comma_items(texts)]

    def format(self, value: tuple[str, ...]) -> str:
        return ",".join(value)


class Day(Codec[dt.date]):
    """A day written YYYY-MM-DD, in [low, high]."""

    def __init__(self, low: dt.date, high: dt.date) -> None:
        self.low, self.high = low, high

    def check(self, value: object) -> dt.date:
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date) or not self.low <= value <= self.high:
            raise ValueError(f"{value!r} is not a day from {self.low} to {self.high}")
        return value

    def parse(self, texts: list[str]) -> object:
        try:
            return dt.date.fromisoformat(texts[-1].strip()[:10]) if len(texts[-1].strip()) == 10 else INVALID
        except ValueError:
            return INVALID

    def format(self, value: dt.date) -> str:
        return value.isoformat()

    def coerce(self, value: object) -> object:
        if isinstance(value, str) and value.strip():  # a date picker sends "2024-01-01" or "2024-01-01T00:00:00"
            parsed = self.parse([value.strip()[:10]])
            return value if parsed is INVALID else parsed
        return value

    def problem(self, texts: list[str]) -> str | None:
        if self.parse(texts) is INVALID:
            return f"{texts[-1][:40]!r} is not a date YYYY-MM-DD"
        return super().problem(texts)


class PartialDate(Codec[str]):
    """A date of year, month or day precision ('2023', '2023-09', '2023-09-11') in [low, high] years."""

    _FORM = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")

    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high

    def check(self, value: object) -> str:
        if not isinstance(value, str) or not self._FORM.fullmatch(value):
            raise ValueError(f"{value!r} is not a date YYYY, YYYY-MM or YYYY-MM-DD")
        parts = [int(part) for part in value.split("-")] + [1, 1]
        try:
            dt.date(*parts[:3])
        except ValueError as error:
            raise ValueError(f"{value!r} is no date: {error}") from None
        if not self.low <= parts[0] <= self.high:
            raise ValueError(f"{value!r} is not between {self.low} and {self.high}")
        return value

    def problem(self, texts: list[str]) -> str | None:
        try:
            self.check(texts[-1].strip())
        except ValueError as error:
            return str(error)[:120]
        return None


class Space(Pattern):
    """A space (see `is_space`); from a multi-select control, the item chosen last decides between
    'default'/'world' and a list of blocs and countries."""

    def __init__(self) -> None:
        super().__init__(_SPACE, "a space: default, world, or blocs and ISO3 codes separated by commas")

    def coerce(self, value: object) -> object:
        if isinstance(value, (list, tuple)):
            items = [str(item) for item in value if item]
            if not items:
                return "default"
            if items[-1] in ("default", "world"):
                return items[-1]
            return ",".join(dict.fromkeys(item for item in items if item not in ("default", "world")))
        return super().coerce(value)

    def problem(self, texts: list[str]) -> str | None:
        if self.parse(texts) is INVALID or not is_space(texts[-1].strip()):
            return (f"{texts[-1][:40]!r} is not a space: use default, world, a bloc ({', '.join(ORGS)}, "
                    f"optionally ':status') or ISO3 country codes, separated by commas")
        return None


# ---- a field's declaration -------------------------------------------------------------------------

#: how far a field's value travels with the user (ViewField.scope):
#: "filter" - it chooses what every page shows (countries, years, ...): links to other pages carry it, and
#:            every page shows it, when not at its default, as a chip the user can remove;
#: "view"   - how things are shown (language, map view, layers, a page's parameters): links carry it, no chip;
#: "page"   - one page's own choice (the city selected on the map, the corridor opened on /corridors): only a
#:            link to the same page carries it, so it never filters another page without the user knowing why.
SCOPES = ("filter", "view", "page")

@dataclass(frozen=True)
class ViewField:
    """All that is particular to one field of ViewState; `declare` attaches it to the field."""

    key: str  #: its key in the URL's query string
    codec: Codec[Any]
    label: str  #: the i18n key of its label
    #: how far its value travels: "filter", "view" or "page" (see SCOPES)
    scope: str = "view"
    #: the i18n key prefix of its choices' labels (`<prefix>.<value>`); None when they need none
    choice_labels: str | None = None
    #: it changes which places and twinnings the store's queries select, not only how they are drawn
    #: (part of `dashboard.store.queries.filter_key`, the cache key of filtered views)
    selects: bool = False

    def choice_label_keys(self) -> dict[Any, str]:
        """Each allowed value -> the i18n key of its label ({} without choice labels)."""
        if self.choice_labels is None or self.codec.choices is None:
            return {}
        return {value: f"{self.choice_labels}.{value}" for value in self.codec.choices}


_SPEC = "view_field"


def declare(key: str, codec: Codec[T], default: T, *, label: str, scope: str, choice_labels: str | None = None,
            selects: bool = False) -> T:
    """A ViewState field: its URL key, codec, default, labels and scope (see ViewField)."""
    codec.check(default)  # a wrong default fails at import, not in a user's browser
    if scope not in SCOPES:
        raise ValueError(f"{key}: scope {scope!r} is not one of {SCOPES}")
    if selects and scope != "filter":  # what selects rows is a filter the user must be able to see
        raise ValueError(f"{key}: a field that selects rows has the scope 'filter', not {scope!r}")
    spec = ViewField(key=key, codec=codec, label=label, scope=scope, choice_labels=choice_labels, selects=selects)
    return field(default=default, metadata={_SPEC: spec})


_ISO3_CODE = Pattern(_ISO3, "an ISO3 code")
_YEAR = OrNone(Integer(MIN_YEAR, MAX_YEAR))


@dataclass(frozen=True)
class ViewState:
    """What the user is looking at: filters and view options. Immutable; defaults = the start view.

    Fields are written into the URL in this order.
    """

    lang: str = declare("lang", Choice(LANGUAGES), "en", scope="view", label="lang.switch")
    space: str = declare("space", Space(), "default", scope="filter", label="filters.space", selects=True)
    on: dt.date | None = declare("on", OrNone(Day(MIN_DAY, MAX_DAY)), None, scope="filter", label="filters.on",
                                 selects=True)
    countries: tuple[str, ...] = declare(
        "countries", Items(_ISO3_CODE), (), scope="filter", label="filters.countries", selects=True)
    blocs: tuple[str, ...] = declare(
        "blocs", Items(Pattern(_BLOC, "a bloc")), (), scope="filter", label="filters.blocs", selects=True)
    regions: tuple[str, ...] = declare(
        "regions", Items(Pattern(_REGION_ID, "a region id")), (), scope="filter", label="filters.regions", selects=True)
    border_only: bool = declare("border", Flag(), False, scope="filter", label="filters.border_only", selects=True)
    min_population: int = declare(
        "minpop", Integer(0, MAX_POPULATION, empty=0), 0, scope="filter", label="filters.min_population", selects=True)
    link_scope: str = declare("scope", Choice(LINK_SCOPES), "space", scope="filter", label="filters.link_scope",
                              choice_labels="filters.link_scope", selects=True)
    pair: tuple[str, ...] = declare(
        "pair", Pair(_ISO3_CODE), (), scope="filter", label="filters.link_scope.between", selects=True)
    #: ties by status (TIE_STATUSES) and signed on or after `since` (a tie whose earliest possible day is)
    status: str = declare("status", Choice(TIE_STATUSES), "active", scope="filter", label="filters.status",
                          choice_labels="filters.status", selects=True)
    since: str | None = declare("since", OrNone(PartialDate(1900, 2100)), None, scope="filter", label="filters.since",
                                selects=True)
    place: int | None = declare(
        "place", OrNone(Integer(1, MAX_PLACE_ID)), None, scope="page", label="registry.field.place_a")
    viewport: str = declare("view", Choice(VIEWPORTS), "eurasia", scope="view", label="filters.viewport",
                            choice_labels="filters.viewport")
    layers: tuple[str, ...] = declare("layers", Items(Choice(LAYERS)), LAYERS, scope="view", label="display.layers",
                                      choice_labels="display.layers")
    #: draw city-to-city arcs where the map would draw aggregated flows (dashboard.figures.map_flows)
    cities: bool = declare("cities", Flag(), False, scope="view", label="display.cities")
    size_by: str = declare("size", Choice(SIZE_BY), "partners", scope="view", label="display.size_by",
                           choice_labels="display.size_by")
    pov: str = declare("pov", Choice(POVS), "default", scope="view", label="display.pov", choice_labels="display.pov")
    corridor_km: int = declare(
        "ckm", Integer(*CORRIDOR_KM_RANGE), 150, scope="view", label="corridors.params.max_km")
    corridor_min_population: int = declare(
        "cpop", IntChoice(CORRIDOR_MIN_POPULATIONS), 10_000, scope="view", label="corridors.params.min_population")
    corridor_ties: int = declare("cties", IntChoice(CORRIDOR_TIES_WEIGHTS), 100, scope="view",
                                 label="corridors.params.ties",
                                 choice_labels="corridors.params.ties")
    corridor_top: int = declare("ctop", IntChoice(CORRIDOR_TOPS), 100, scope="view", label="corridors.params.top")
    #: shade the land within strip_km of a land border (corridors page)
    strip: bool = declare("strip", Flag(), False, scope="view", label="corridors.params.strip.show")
    strip_km: int = declare("stripkm", IntChoice(STRIP_WIDTHS), 50, scope="view", label="corridors.params.strip")
    corridor: str | None = declare(
        "corridor", OrNone(Pattern(_CORRIDOR, "a corridor id")), None, scope="page", label="registry.field.corridor")
    #: activities starting in [year_from, year_to]; None = open
    year_from: int | None = declare("from", _YEAR, None, scope="filter", label="activities.years")
    year_to: int | None = declare("to", _YEAR, None, scope="filter", label="activities.years")
    #: include sample (generated) activities
    sample: bool = declare("sample", Flag(), False, scope="filter", label="activities.include_sample")
    #: the origin of the activities counted (samples are added by `sample` alone)
    origin: str = declare("origin", Choice(ACTIVITY_ORIGINS), "all", scope="filter", label="activities.origin",
                          choice_labels="activities.origin")
    #: the statuses of the activities counted, charted and listed (not the ties' `status`): held by default
    activity_status: tuple[str, ...] = declare(
        "activity_status", Items(Choice(ACTIVITY_STATUSES)), COUNTED_ACTIVITY_STATUSES, scope="filter",
        label="activities.status", choice_labels="activity.status")

    def __post_init__(self) -> None:
        for name, spec in FIELDS.items():
            object.__setattr__(self, name, spec.codec.check(getattr(self, name)))
        if self.year_from is not None and self.year_to is not None and self.year_from > self.year_to:
            raise ValueError(f"year_from {self.year_from} is after year_to {self.year_to}")

    # ---- reading tolerant input ------------------------------------------------------------------

    @classmethod
    def from_values(cls, values: Mapping[str, object], base: ViewState | None = None) -> ViewState:
        """`base` (default: the default state) with each valid entry of `values` applied.

        Values are Python values as UI controls give them (lists, numbers, None for empty); lists are
        cleaned item by item, and anything else invalid keeps the base value.
        """
        base = base or cls()
        changes: dict[str, Any] = {}
        for name, value in values.items():
            spec = FIELDS.get(name)
            if spec is None:
                continue
            try:
                changes[name] = spec.codec.check(spec.codec.coerce(value))
            except ValueError:
                continue
        low = changes.get("year_from", base.year_from)
        high = changes.get("year_to", base.year_to)
        if low is not None and high is not None and low > high:  # a reversed range: read it in order
            changes["year_from"], changes["year_to"] = high, low
        return replace(base, **changes)

    @classmethod
    def from_query(cls, search: str | None) -> ViewState:
        """Parse a URL query string ('?a=1&b=2' or 'a=1&b=2'); never raises."""
        if not isinstance(search, str):
            return cls()
        texts = _texts_by_key(search)
        values: dict[str, object] = {}
        for name, spec in FIELDS.items():
            if spec.key in texts:
                parsed = spec.codec.parse(texts[spec.key])
                if parsed is not INVALID:
                    values[name] = parsed
        return cls.from_values(values)

    # ---- writing ---------------------------------------------------------------------------------

    def to_query(self) -> str:
        """'?key=value&...' with the non-default fields only, in field order; '' for the default state."""
        parts = []
        for name, spec in FIELDS.items():
            value = getattr(self, name)
            if value != getattr(_DEFAULT, name):
                text = spec.codec.format(value)
                parts.append(f"{spec.key}={quote(text, safe=',:-~')}")  # '+' would read back as a space
        return "?" + "&".join(parts) if parts else ""

    def replace(self, **changes: Any) -> ViewState:
        """A copy with `changes` applied (validated: invalid values raise ValueError)."""
        return replace(self, **changes)

    def for_another_page(self) -> ViewState:
        """What a link to another page carries: this state without the current page's own choices (the
        fields of scope "page", e.g. the city selected on the map), so they filter no page they were not
        chosen on."""
        return replace(self, **{name: getattr(_DEFAULT, name) for name in PAGE_FIELDS})

    def filters_in_effect(self) -> tuple[str, ...]:
        """The global filters (scope "filter") that differ from the default, in declaration order: what every
        page shows as removable chips."""
        return tuple(name for name in GLOBAL_FILTERS if getattr(self, name) != getattr(_DEFAULT, name))

    def without(self, name: str, item: str | None = None) -> ViewState:
        """This state with the field `name` back at its default, or, for a list field, without `item` only
        (what removing one chip does)."""
        value = getattr(self, name)
        if item is not None and isinstance(value, tuple) and name != "pair":
            kept: dict[str, Any] = {name: tuple(v for v in value if v != item)}
            return replace(self, **kept)
        if name in ("pair", "link_scope") and self.link_scope == "between":  # the pair is what "between" means
            return replace(self, pair=_DEFAULT.pair, link_scope=_DEFAULT.link_scope)
        if name in ("year_from", "year_to"):  # a period is one filter
            return replace(self, year_from=None, year_to=None)
        return replace(self, **{name: getattr(_DEFAULT, name)})


# ---- derived from the declarations -------------------------------------------------------------------

#: field name -> its declaration, in declaration (= URL) order
FIELDS: dict[str, ViewField] = {f.name: f.metadata[_SPEC] for f in fields(ViewState)}
_DEFAULT = ViewState()
#: field name -> its short, readable URL key
QUERY_KEYS: dict[str, str] = {name: spec.key for name, spec in FIELDS.items()}
#: the fields that change which places and twinnings are selected (the rest only change how they are drawn)
FILTER_FIELDS: tuple[str, ...] = tuple(name for name, spec in FIELDS.items() if spec.selects)
#: the filters every page obeys (scope "filter"): links to other pages carry them, and chips show them
GLOBAL_FILTERS: tuple[str, ...] = tuple(name for name, spec in FIELDS.items() if spec.scope == "filter")
#: one page's own choices (scope "page"): only a link to the same page carries them
PAGE_FIELDS: tuple[str, ...] = tuple(name for name, spec in FIELDS.items() if spec.scope == "page")


def _texts_by_key(search: str) -> dict[str, list[str]]:
    texts: dict[str, list[str]] = {}
    for key, value in parse_qsl(search.lstrip("?"), keep_blank_values=True):
        texts.setdefault(key, []).append(value)
    return texts


def query_problems(search: str | None) -> list[str]:
    """What is wrong with a query string's view-state fields, one line each ('' keys and others ignored).

    `from_query` forgives (the UI falls back to defaults); the API uses this to refuse instead, so a
    value outside its allowed set never reaches a query.
    """
    if not isinstance(search, str):
        return []
    texts = _texts_by_key(search)
    problems = []
    for spec in FIELDS.values():
        if spec.key in texts:
            problem = spec.codec.problem(texts[spec.key])
            if problem is not None:
                problems.append(f"{spec.key}: {problem}")
    return problems


def state_from_search(search: str | None) -> ViewState:
    """The view state in a page's URL query string: what every page callback reads."""
    return ViewState.from_query(search)


def state_from_params(params: Mapping[str, object]) -> ViewState:
    """The view state in query parameters as Dash Pages passes them to `layout(**params)`.

    Values are strings, or lists of strings for a repeated key; anything else is ignored.
    """
    pairs = [(key, item) for key, value in params.items()
             for item in (value if isinstance(value, list) else [value]) if isinstance(item, str)]
    return ViewState.from_query(urlencode(pairs))
