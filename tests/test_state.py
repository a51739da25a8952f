"""ViewState: the URL round trip, tolerant parsing, strict construction, and the controls mapping."""

from __future__ import annotations

import pytest

from dashboard.state import LAYERS, ViewState, state_from_params, state_from_search

STATES = [
    ViewState(),
    ViewState(lang="ru"),
    ViewState(countries=("BLR",)),
    ViewState(lang="ru", countries=("BLR", "RUS"), blocs=("SCO",), min_population=50_000),
    ViewState(blocs=("BRICS:partner", "EAEU", "SCO:dialogue_partner", "UNION_STATE:member")),
    ViewState(regions=("RUS-2364", "BLR-2820"), border_only=True),
    ViewState(link_scope="within", countries=("CHN", "KAZ", "MNG")),
    ViewState(link_scope="between", pair=("RUS", "CHN")),
    ViewState(link_scope="between", pair=("CHN", "RUS")),  # the pair's order is kept
    ViewState(place=524901),
    ViewState(viewport="world"),
    ViewState(viewport="fit", countries=("KGZ",)),
    ViewState(layers=()),
    ViewState(layers=("countries", "links")),
    ViewState(size_by="population", pov="deu"),
    ViewState(min_population=100_000_000),
    ViewState(lang="ru", countries=("ARM", "AZE", "BLR"), blocs=("CIS",), regions=("RUS-2364",),
              border_only=True, min_population=5000, link_scope="between", pair=("BLR", "POL"),
              place=625144, viewport="fit", layers=("places", "links"), size_by="population", pov="deu"),
]


@pytest.mark.parametrize("state", STATES, ids=lambda s: s.to_query() or "default")
def test_round_trip(state):
    assert ViewState.from_query(state.to_query()) == state


@pytest.mark.parametrize("state", STATES, ids=lambda s: s.to_query() or "default")
def test_round_trip_through_dash_pages_params(state):
    from urllib.parse import parse_qs

    params = {key: values[0] if len(values) == 1 else values
              for key, values in parse_qs(state.to_query().lstrip("?"), keep_blank_values=True).items()}
    assert state_from_params(params) == state


def test_default_state_is_an_empty_query():
    assert ViewState().to_query() == ""
    assert ViewState.from_query("") == ViewState()
    assert ViewState.from_query(None) == ViewState()
    assert ViewState.from_query("?") == ViewState()


def test_query_is_short_readable_and_in_a_stable_order():
    state = ViewState(min_population=50_000, blocs=("SCO",), countries=("RUS", "BLR"), lang="ru")
    assert state.to_query() == "?lang=ru&countries=BLR,RUS&blocs=SCO&minpop=50000"
    assert ViewState(border_only=True, place=12, viewport="world").to_query() == "?border=1&place=12&view=world"
    assert ViewState(blocs=("BRICS:partner",)).to_query() == "?blocs=BRICS:partner"


def test_only_non_default_fields_are_written():
    assert ViewState(lang="en", layers=LAYERS, link_scope="space", space="default", on=None).to_query() == ""


def test_lists_are_canonical():
    assert ViewState(countries=("RUS", "BLR", "RUS")).countries == ("BLR", "RUS")
    assert ViewState(layers=("links", "countries")).layers == ("countries", "links")
    assert ViewState.from_query("?countries=RUS&countries=BLR").countries == ("BLR", "RUS")


def test_unknown_keys_are_ignored():
    assert ViewState.from_query("?utm_source=x&foo=bar&lang=ru") == ViewState(lang="ru")


def test_without_question_mark():
    assert ViewState.from_query("lang=ru&minpop=10") == ViewState(lang="ru", min_population=10)


@pytest.mark.parametrize("query", [
    "?lang=de", "?lang=RU", "?lang=<script>alert(1)</script>", "?lang=",
    "?minpop=-1", "?minpop=1e6", "?minpop=abc", "?minpop=100000001", "?minpop=1%3B%20DROP%20TABLE",
    "?border=yes", "?border=2",
    "?scope=all", "?scope=between%27--",
    "?view=europe", "?size=area", "?pov=ukr",
    "?place=0", "?place=-5", "?place=12a", "?place=99999999999999",
    "?pair=RUS", "?pair=RUS,RUS", "?pair=RUS,CHN,KAZ", "?pair=rus,chn", "?pair=RUS,%3Cb%3E",
])
def test_junk_values_fall_back_to_the_default(query):
    assert ViewState.from_query(query) == ViewState()


@pytest.mark.parametrize("query, expected", [
    ("?countries=BLR,<script>,RUS", ("BLR", "RUS")),
    ("?countries=blr,RUSS,R1S,RUS", ("RUS",)),
    ("?countries=%22%3E%3Csvg%20onload%3Dalert(1)%3E", ()),
    ("?countries=,,,", ()),
])
def test_invalid_list_items_are_dropped_one_by_one(query, expected):
    assert ViewState.from_query(query).countries == expected


def test_invalid_blocs_regions_and_layers_are_dropped():
    state = ViewState.from_query("?blocs=SCO,NATO,SCO:friend,BRICS:partner,sco&regions=RUS-2364,../etc,RUS_1"
                                 "&layers=links,roads")
    assert state.blocs == ("BRICS:partner", "SCO")
    assert state.regions == ("RUS-2364",)
    assert state.layers == ("links",)


def test_natural_earths_odd_region_codes_round_trip():
    """40 Natural Earth codes hold '+', '~' or '?' (Kazakhstan's KAB+00?); a '+' must not come back a space."""
    state = ViewState(regions=("AIA~1627", "KAB+00?", "RUS-2364"))
    assert ViewState.from_query(state.to_query()) == state
    assert ViewState.from_query("?regions=KAB+00%3F").regions == ("KAB+00?",)  # '+' left unencoded


def test_huge_lists_are_cut():
    query = "?countries=" + ",".join(f"A{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(600))
    assert len(ViewState.from_query(query).countries) == 500


def test_written_query_never_contains_raw_input():
    state = ViewState.from_query("?lang=ru&countries=BLR%26evil%3D1&place=1")
    assert state.to_query() == "?lang=ru&place=1"


@pytest.mark.parametrize("changes", [
    {"lang": "fr"}, {"countries": ("RU",)}, {"countries": "BLR"}, {"blocs": ("OPEC",)},
    {"regions": ("RUS_2364",)}, {"border_only": "yes"}, {"min_population": -1},
    {"min_population": 1.5}, {"min_population": True}, {"link_scope": "near"}, {"pair": ("RUS",)},
    {"place": 0}, {"place": "524901"}, {"viewport": "asia"}, {"layers": ("roads",)},
    {"size_by": "area"}, {"pov": "chn"},
])
def test_constructing_an_invalid_state_raises(changes):
    with pytest.raises(ValueError):
        ViewState(**changes)
    with pytest.raises(ValueError):
        ViewState().replace(**changes)


@pytest.mark.parametrize("query, expected", [
    ("?strip=1", ViewState(strip=True)),
    ("?strip=1&stripkm=100", ViewState(strip=True, strip_km=100)),
    ("?stripkm=25", ViewState(strip_km=25)),  # the width is kept while the layer is off
    ("?strip=yes&stripkm=30", ViewState()),
    ("?stripkm=-50", ViewState()),
    ("?stripkm=50.0", ViewState()),
])
def test_border_strip_fields(query, expected):
    state = ViewState.from_query(query)
    assert state == expected
    assert ViewState.from_query(state.to_query()) == state


def test_border_strip_query_keys_and_controls():
    assert ViewState(strip=True, strip_km=100, corridor_top=50).to_query() == "?ctop=50&strip=1&stripkm=100"
    assert ViewState(strip_km=50).to_query() == ""
    state = ViewState.from_values({"strip": ["strip"], "strip_km": 25.0})
    assert state == ViewState(strip=True, strip_km=25)
    assert ViewState.from_values({"strip": [], "strip_km": 30}, base=state) == ViewState(strip_km=25)
    for changes in ({"strip_km": 30}, {"strip_km": "50"}, {"strip": 1}):
        with pytest.raises(ValueError):
            ViewState(**changes)


def test_state_is_immutable_and_hashable():
    state = ViewState(countries=("BLR",))
    with pytest.raises(AttributeError):
        state.lang = "ru"  # type: ignore[misc]
    assert {state: 1}[ViewState(countries=["BLR"])] == 1


def test_from_values_applies_valid_values_and_keeps_the_rest():
    base = ViewState(lang="ru", place=42)
    state = ViewState.from_values(
        {"countries": ["RUS", "BLR"], "min_population": 2500.0, "border_only": ["border_only"],
         "blocs": None, "link_scope": "nonsense", "unknown": 1}, base=base)
    assert state == ViewState(lang="ru", place=42, countries=("BLR", "RUS"), min_population=2500,
                              border_only=True)


def test_from_values_empty_controls():
    state = ViewState.from_values({"countries": None, "min_population": None, "border_only": []},
                                  base=ViewState(countries=("BLR",), min_population=10, border_only=True))
    assert state == ViewState()


def test_state_from_search_is_from_query():
    assert state_from_search("?lang=ru") == ViewState(lang="ru")


# ---- the filter controls <-> state mapping (dashboard.components.state_sync) ---------------------------

def test_controls_round_trip():
    from dashboard.components.state_sync import control_values, state_from_controls

    for state in STATES:
        shown = control_values(state)
        assert state_from_controls(shown, base=ViewState(place=state.place)) == state


def test_a_half_chosen_pair_is_no_pair():
    from dashboard.components import ids
    from dashboard.components.state_sync import control_values, state_from_controls

    shown = control_values(ViewState(link_scope="between"))
    shown[ids.PAIR_FIRST] = "RUS"
    assert state_from_controls(shown, base=ViewState()).pair == ()
    shown[ids.PAIR_SECOND] = "CHN"
    assert state_from_controls(shown, base=ViewState()).pair == ("RUS", "CHN")


# ---- the declarations: every field declared once, everything else derived from them ------------------

import datetime as dt  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from dashboard.i18n import LANGUAGES, t  # noqa: E402
from dashboard.state import (  # noqa: E402
    FIELDS,
    FILTER_FIELDS,
    MAX_ITEMS,
    QUERY_KEYS,
    Choice,
    Codec,
    Day,
    Flag,
    IntChoice,
    Integer,
    Items,
    OrNone,
    Pair,
    PartialDate,
    Pattern,
    query_problems,
)


def values_of(codec: Codec) -> st.SearchStrategy:
    """Every valid value of a codec (a new kind of codec needs its strategy here)."""
    if isinstance(codec, (Choice, IntChoice)):
        return st.sampled_from(codec.allowed)
    if isinstance(codec, Pattern):
        return st.from_regex(codec.pattern, fullmatch=True)
    if isinstance(codec, Flag):
        return st.booleans()
    if isinstance(codec, Integer):
        return st.integers(codec.low, codec.high)
    if isinstance(codec, OrNone):
        return st.none() | values_of(codec.inner)
    if isinstance(codec, Items):
        return st.lists(values_of(codec.item), max_size=8).map(codec.check)
    if isinstance(codec, Day):
        return st.dates(codec.low, codec.high)
    if isinstance(codec, Pair):
        return st.just(()) | st.lists(values_of(codec.item), min_size=2, max_size=2, unique=True).map(tuple)
    if isinstance(codec, PartialDate):  # a year, a month or a day
        return st.dates(dt.date(codec.low, 1, 1), dt.date(codec.high, 12, 31)).flatmap(
            lambda day: st.sampled_from([day.isoformat()[:4], day.isoformat()[:7], day.isoformat()]))
    raise AssertionError(f"no strategy for {type(codec).__name__}: add one to values_of")


@st.composite
def any_state(draw) -> ViewState:
    values = {name: draw(values_of(spec.codec)) for name, spec in FIELDS.items()}
    if values["year_from"] is not None and values["year_to"] is not None:
        values["year_from"], values["year_to"] = sorted((values["year_from"], values["year_to"]))
    return ViewState(**values)


@settings(max_examples=300, deadline=None)
@given(any_state())
def test_every_declared_field_round_trips_through_the_url(state):
    query = state.to_query()
    assert ViewState.from_query(query) == state
    assert query_problems(query) == []  # what the product writes the API accepts


@settings(max_examples=100, deadline=None)
@given(any_state())
def test_every_declared_field_round_trips_through_the_controls_shapes(state):
    values = {name: list(value) if isinstance(value, tuple) else value for name, value in vars(state).items()}
    assert ViewState.from_values(values) == state


def test_every_field_of_the_dataclass_is_declared():
    import dataclasses
    assert list(FIELDS) == [f.name for f in dataclasses.fields(ViewState)]
    assert len(set(QUERY_KEYS.values())) == len(QUERY_KEYS)  # no two fields share a URL key


def test_every_field_has_a_label_in_every_language():
    for name, spec in FIELDS.items():
        keys = [spec.label, *spec.choice_label_keys().values()]
        for key in keys:
            for lang in LANGUAGES:
                assert t(key, lang) != key, f"{name}: no {lang} text for {key}"


def test_fields_with_fixed_choices_in_the_filter_panel_label_each_choice():
    for name in ("link_scope", "viewport", "layers", "size_by", "pov", "status"):
        assert set(FIELDS[name].choice_label_keys()) == set(FIELDS[name].codec.choices), name


def test_url_keys_never_change():
    """Saved views in users' registries and shared links hold these keys."""
    assert QUERY_KEYS == {
        "lang": "lang", "space": "space", "on": "on", "countries": "countries", "blocs": "blocs", "regions": "regions",
        "border_only": "border", "min_population": "minpop", "link_scope": "scope", "pair": "pair",
        "place": "place", "viewport": "view", "layers": "layers", "cities": "cities", "size_by": "size", "pov": "pov",
        "corridor_km": "ckm", "corridor_min_population": "cpop", "corridor_ties": "cties",
        "corridor_top": "ctop", "strip": "strip", "strip_km": "stripkm", "corridor": "corridor",
        "year_from": "from", "year_to": "to", "sample": "sample", "origin": "origin",
        "status": "status", "since": "since", "activity_status": "activity_status",
    }


def test_the_fields_that_select_rows_make_the_filter_cache_key():
    from dashboard.store import queries

    assert FILTER_FIELDS == ("space", "on", "countries", "blocs", "regions", "border_only", "min_population",
                             "link_scope", "pair", "status", "since")
    state = ViewState(countries=("BLR",), link_scope="within", viewport="world", year_from=2020)
    assert queries.filter_key(state) == ("default", None, ("BLR",), (), (), False, 0, "within", (), "active", None)


OLD_URL = ("?lang=ru&countries=ARM,AZE,BLR&blocs=CIS,SCO:observer&regions=KAB%2B00%3F,RUS-2364&border=1"
           "&minpop=5000&scope=between&pair=BLR,POL&place=625144&view=fit&layers=places,links&size=population"
           "&pov=deu&ckm=120&cpop=50000&cties=200&ctop=25&strip=1&stripkm=100&corridor=k-abec&from=2020"
           "&to=2024&sample=1")
OLD_STATE = ViewState(
    lang="ru", countries=("ARM", "AZE", "BLR"), blocs=("CIS", "SCO:observer"), regions=("KAB+00?", "RUS-2364"),
    border_only=True, min_population=5000, link_scope="between", pair=("BLR", "POL"), place=625144,
    viewport="fit", layers=("places", "links"), size_by="population", pov="deu", corridor_km=120,
    corridor_min_population=50_000, corridor_ties=200, corridor_top=25, strip=True, strip_km=100,
    corridor="k-abec", year_from=2020, year_to=2024, sample=True)


def test_a_url_written_before_the_declarations_reads_and_writes_back_the_same():
    assert ViewState.from_query(OLD_URL) == OLD_STATE
    assert OLD_STATE.to_query() == OLD_URL


@pytest.mark.parametrize("query, expected", [
    ("?border=true&sample=TRUE&strip=0", ViewState(border_only=True, sample=True)),
    ("?countries=RUS&countries=BLR,KAZ", ViewState(countries=("BLR", "KAZ", "RUS"))),
    ("?lang=ru&lang=zh", ViewState(lang="zh")),  # the last occurrence of a single value wins
    ("?regions=KAB+00%3F", ViewState(regions=("KAB+00?",))),  # an unencoded '+'
    ("?from=2024&to=2020", ViewState(year_from=2020, year_to=2024)),  # a reversed range, read in order
    ("?corridor=p524901&place=+42+", ViewState(corridor="p524901", place=42)),
    ("?corridor=", ViewState()),
])
def test_old_style_urls_still_parse(query, expected):
    assert ViewState.from_query(query) == expected


@pytest.mark.parametrize("query, problems", [
    ("lang=ru&countries=BLR,RUS&from=2020", []),
    ("ckm=500", ["ckm: '500' not allowed"]),
    ("cpop=15000&stripkm=30", ["cpop: '15000' not allowed", "stripkm: '30' not allowed"]),
    ("blocs=SCO,NATO,SCO:friend", ["blocs: 'NATO', 'SCO:friend' not allowed"]),
    ("layers=links,roads", ["layers: 'roads' not allowed"]),
    ("pair=RUS,RUS", ["pair: 'RUS,RUS' not allowed"]),
    ("border=yes&sample=1", ["border: 'yes' not allowed"]),
    ("corridor=q-1", ["corridor: 'q-1' not allowed"]),
    ("countries=" + ",".join(["RUS"] * (MAX_ITEMS + 1)), [f"countries: more than {MAX_ITEMS} items"]),
])
def test_query_problems_name_the_key_and_the_value(query, problems):
    assert query_problems(query) == problems
