"""The filter/view state: one frozen dataclass, the single source of truth, round-tripped via the URL.

`ViewState()` is the default view. `state.to_query()` writes only the fields that differ from the
default, in a fixed order with short keys (`?lang=ru&countries=BLR,RUS&blocs=SCO&minpop=50000`).
`ViewState.from_query(search)` reads it back tolerantly: unknown keys are ignored and every value is
checked against its allowed set, pattern or range; anything invalid falls back to the default (items of a
list are checked one by one). `ViewState.from_values(mapping, base)` applies the same checks to values
coming from UI controls. Constructing a ViewState directly with invalid values raises ValueError.

No Dash imports: the API and tests use this module too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from dashboard.i18n import LANGUAGES

ORGS = ("SCO", "BRICS", "EAEU", "CIS", "UNION_STATE")
STATUSES = ("member", "observer", "dialogue_partner", "partner", "associate_member")
LINK_SCOPES = ("touching", "within", "between")
VIEWPORTS = ("eurasia", "world", "fit")
LAYERS = ("countries", "border_regions", "disputed", "places", "links")
SIZE_BY = ("partners", "population")
POVS = ("default", "deu")

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
#: a chosen corridor: p<place id> (the proposed corridor holding that place), k-<id> (a known corridor),
#: x-<id> (a cross-border region)
_CORRIDOR = re.compile(r"p[1-9][0-9]{0,11}|[kx]-[a-z0-9_]{1,40}")


def is_iso3(value: object) -> bool:
    return isinstance(value, str) and _ISO3.fullmatch(value) is not None


def is_region_id(value: object) -> bool:
    return isinstance(value, str) and _REGION_ID.fullmatch(value) is not None


def is_bloc(value: object) -> bool:
    """'ORG' (any status) or 'ORG:status', e.g. 'SCO' or 'BRICS:partner'."""
    return isinstance(value, str) and _BLOC.fullmatch(value) is not None


def _sorted_unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(items)))


# ---- checks of single values; each returns the clean value or raises ValueError -------------------

def _one_of(allowed: tuple[str, ...]) -> Callable[[object], str]:
    def check(value: object) -> str:
        if value not in allowed:
            raise ValueError(f"{value!r} is not one of {allowed}")
        return value  # type: ignore[return-value]
    return check


def _items(check_item: Callable[[object], bool], order: tuple[str, ...] | None = None
           ) -> Callable[[object], tuple[str, ...]]:
    """A tuple of valid items, de-duplicated, in canonical order (`order`, else sorted)."""
    def check(value: object) -> tuple[str, ...]:
        if isinstance(value, str) or not isinstance(value, Iterable):
            raise ValueError(f"{value!r} is not a list")
        items = list(value)
        if len(items) > MAX_ITEMS or not all(check_item(item) for item in items):
            raise ValueError(f"invalid item in {value!r}")
        if order is not None:
            return tuple(item for item in order if item in items)
        return _sorted_unique(items)
    return check


def _pair(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValueError(f"{value!r} is not a pair")
    items = tuple(value)
    if items == ():
        return ()
    if len(items) != 2 or not all(is_iso3(i) for i in items) or items[0] == items[1]:
        raise ValueError(f"{value!r} is not two different ISO3 codes")
    return items  # type: ignore[return-value]


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{value!r} is not a bool")
    return value


def _int_in(low: int, high: int) -> Callable[[object], int]:
    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"{value!r} is not an integer in [{low}, {high}]")
        return value
    return check


def _place(value: object) -> int | None:
    return None if value is None else _int_in(1, MAX_PLACE_ID)(value)


def _int_choice(allowed: tuple[int, ...]) -> Callable[[object], int]:
    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
            raise ValueError(f"{value!r} is not one of {allowed}")
        return value
    return check


def _year(value: object) -> int | None:
    return None if value is None else _int_in(MIN_YEAR, MAX_YEAR)(value)


def _corridor(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or _CORRIDOR.fullmatch(value) is None:
        raise ValueError(f"{value!r} is not a corridor id")
    return value


_CHECKS: dict[str, Callable[[object], Any]] = {
    "lang": _one_of(LANGUAGES),
    "countries": _items(is_iso3),
    "blocs": _items(is_bloc),
    "regions": _items(is_region_id),
    "border_only": _bool,
    "min_population": _int_in(0, MAX_POPULATION),
    "link_scope": _one_of(LINK_SCOPES),
    "pair": _pair,
    "place": _place,
    "viewport": _one_of(VIEWPORTS),
    "layers": _items(lambda item: item in LAYERS, order=LAYERS),
    "size_by": _one_of(SIZE_BY),
    "pov": _one_of(POVS),
    "corridor_km": _int_in(*CORRIDOR_KM_RANGE),
    "corridor_min_population": _int_choice(CORRIDOR_MIN_POPULATIONS),
    "corridor_ties": _int_choice(CORRIDOR_TIES_WEIGHTS),
    "corridor_top": _int_choice(CORRIDOR_TOPS),
    "strip": _bool,
    "strip_km": _int_choice(STRIP_WIDTHS),
    "corridor": _corridor,
    "year_from": _year,
    "year_to": _year,
    "sample": _bool,
}


@dataclass(frozen=True)
class ViewState:
    """What the user is looking at: filters and view options. Immutable; defaults = the start view."""

    lang: str = "en"
    countries: tuple[str, ...] = ()
    blocs: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    border_only: bool = False
    min_population: int = 0
    link_scope: str = "touching"
    pair: tuple[str, ...] = ()
    place: int | None = None
    viewport: str = "eurasia"
    layers: tuple[str, ...] = field(default=LAYERS)
    size_by: str = "partners"
    pov: str = "default"
    corridor_km: int = 150
    corridor_min_population: int = 10_000
    corridor_ties: int = 100
    corridor_top: int = 100
    strip: bool = False  # shade the land within strip_km of a land border (corridors page)
    strip_km: int = 50
    corridor: str | None = None
    year_from: int | None = None  # activities starting in [year_from, year_to]; None = open
    year_to: int | None = None
    sample: bool = False  # include sample (generated) activities

    def __post_init__(self) -> None:
        for f in fields(self):
            clean = _CHECKS[f.name](getattr(self, f.name))
            object.__setattr__(self, f.name, clean)
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
        changes: dict[str, object] = {}
        for name, value in values.items():
            if name not in _CHECKS:
                continue
            value = _coerce_control_value(name, value)
            try:
                changes[name] = _CHECKS[name](value)
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
        raw: dict[str, list[str]] = {}
        for key, value in parse_qsl(search.lstrip("?"), keep_blank_values=True):
            raw.setdefault(key, []).append(value)
        values: dict[str, object] = {}
        for name, key in QUERY_KEYS.items():
            if key in raw:
                parsed = _parse_query_value(name, raw[key])
                if parsed is not _INVALID:
                    values[name] = parsed
        return cls.from_values(values)

    # ---- writing ---------------------------------------------------------------------------------

    def to_query(self) -> str:
        """'?key=value&...' with the non-default fields only, in field order; '' for the default state."""
        default = ViewState()
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            if value == getattr(default, f.name):
                continue
            parts.append(f"{QUERY_KEYS[f.name]}={quote(_format_query_value(value), safe=',:-~')}")  # '+' would read back as a space
        return "?" + "&".join(parts) if parts else ""

    def replace(self, **changes: Any) -> ViewState:
        """A copy with `changes` applied (validated: invalid values raise ValueError)."""
        return replace(self, **changes)


# short, readable URL keys, in the order they are written
QUERY_KEYS: dict[str, str] = {
    "lang": "lang",
    "countries": "countries",
    "blocs": "blocs",
    "regions": "regions",
    "border_only": "border",
    "min_population": "minpop",
    "link_scope": "scope",
    "pair": "pair",
    "place": "place",
    "viewport": "view",
    "layers": "layers",
    "size_by": "size",
    "pov": "pov",
    "corridor_km": "ckm",
    "corridor_min_population": "cpop",
    "corridor_ties": "cties",
    "corridor_top": "ctop",
    "strip": "strip",
    "strip_km": "stripkm",
    "corridor": "corridor",
    "year_from": "from",
    "year_to": "to",
    "sample": "sample",
}

_LIST_FIELDS = {"countries", "blocs", "regions", "pair", "layers"}
_INT_FIELDS = {"min_population", "place", "corridor_km", "corridor_min_population", "corridor_ties",
               "corridor_top", "strip_km", "year_from", "year_to"}
_BOOL_FIELDS = {"border_only", "strip", "sample"}
_INVALID = object()


def _parse_query_value(name: str, occurrences: list[str]) -> object:
    """The query's text for one field as a Python value, or _INVALID."""
    if name in _LIST_FIELDS:  # repeated keys are merged: countries=BLR&countries=RUS
        # a '+' written unencoded (RUS+99?) arrives as a space: no item holds a space, so read it back
        items = [item.strip().replace(" ", "+") for text in occurrences for item in text.split(",")]
        items = [item for item in items if item]
        if name == "pair":
            return items
        check_item = {"countries": is_iso3, "blocs": is_bloc, "regions": is_region_id,
                      "layers": lambda item: item in LAYERS}[name]
        return [item for item in items if check_item(item)][:MAX_ITEMS]
    text = occurrences[-1].strip()
    if name in _BOOL_FIELDS:
        return {"1": True, "true": True, "0": False, "false": False}.get(text.lower(), _INVALID)
    if name in _INT_FIELDS:
        return int(text) if _DIGITS.fullmatch(text) else _INVALID
    return text


def query_problems(search: str | None) -> list[str]:
    """What is wrong with a query string's view-state fields, one line each ('' keys and others ignored).

    `from_query` forgives (the UI falls back to defaults); the API uses this to refuse instead, so a
    value outside its allowed set never reaches a query.
    """
    if not isinstance(search, str):
        return []
    raw: dict[str, list[str]] = {}
    for key, value in parse_qsl(search.lstrip("?"), keep_blank_values=True):
        raw.setdefault(key, []).append(value)
    problems = []
    for name, key in QUERY_KEYS.items():
        if key not in raw:
            continue
        if name in _LIST_FIELDS and name != "pair":
            items = [item.strip() for text in raw[key] for item in text.split(",") if item.strip()]
            bad = [item for item in items if _parse_query_value(name, [item]) == []]
            if bad:
                problems.append(f"{key}: {', '.join(repr(item[:40]) for item in bad[:5])} not allowed")
            elif len(items) > MAX_ITEMS:
                problems.append(f"{key}: more than {MAX_ITEMS} items")
            continue
        parsed = _parse_query_value(name, raw[key])
        try:
            if parsed is _INVALID:
                raise ValueError
            _CHECKS[name](_coerce_control_value(name, parsed) if name != "pair" else parsed)
        except ValueError:
            problems.append(f"{key}: {raw[key][-1][:40]!r} not allowed")
    return problems


def _format_query_value(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, tuple):
        return ",".join(value)
    return str(value)


def _coerce_control_value(name: str, value: object) -> object:
    """Forgive the shapes UI controls produce: None for an empty list or number, floats, checklists."""
    if name in _LIST_FIELDS and value is None:
        return ()
    if name == "min_population":
        if value is None or value == "":
            return 0
        if isinstance(value, float) and value.is_integer():
            return int(value)
    if name == "border_only" and isinstance(value, (list, tuple)):  # a one-box checklist
        return bool(value)
    if name == "place" and isinstance(value, str) and _DIGITS.fullmatch(value):
        return int(value)
    if name in _INT_FIELDS and isinstance(value, float) and value.is_integer():
        return int(value)  # sliders and number inputs may send 150.0
    if name == "corridor" and value == "":
        return None
    if name in ("year_from", "year_to"):
        if value == "":
            return None
        if isinstance(value, str) and _DIGITS.fullmatch(value):
            return int(value)
    if name in ("sample", "strip") and isinstance(value, (list, tuple)):  # a one-box checklist
        return bool(value)
    return value


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
