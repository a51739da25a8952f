"""District-level twinning ends match their city (or a place of their name near it) or nothing: the
geocode of Volgograd's Dzerzhinsky district fell on Leninsk, which must never be the answer."""

from __future__ import annotations

import pandas as pd

from dashboard.store.district_names import district_matches, district_parts
from dashboard.store.names import name_key
from dashboard.store.twinnings import PlacePool, match_ends

PLACES = pd.DataFrame({
    "place_id": [472757, 536156, 569591, 498817, 546105, 524901, 2034691],
    "name": ["Volgograd", "Leninsk", "Dzerzhinskiy", "Saint Petersburg", "Kolpino", "Moscow", "Chaoyang"],
    "iso3": ["RUS", "RUS", "RUS", "RUS", "RUS", "RUS", "CHN"],
    "lat": [48.7194, 48.7031, 55.6269, 59.9386, 59.7500, 55.7522, 41.5703],
    "lon": [44.5018, 45.1961, 37.8583, 30.3141, 30.5833, 37.6156, 120.4586],
    "population": [1011417, 15167, 47125, 5351935, 136000, 10381222, 300000],
    "in_base": True,
})


def pool() -> PlacePool:
    keys = pd.DataFrame({"place_id": PLACES["place_id"], "key": PLACES["name"].map(name_key)})
    keys = pd.concat([keys, pd.DataFrame({"place_id": [569591], "key": ["dzerzhinsky"]})], ignore_index=True)
    return PlacePool.from_frames(PLACES, keys)


def ends(*rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["city", "iso3", "lat", "lon"])
    return frame.assign(end_id=range(len(frame)), geocode_ok=frame["lat"].notna())


def test_the_parts_of_a_district_name():
    assert district_parts("Dzerzhinsky (Volgograd)") == ("dzerzhinsky", "volgograd")
    assert district_parts("Yerevan – Davtashen") == ("davtashen", "yerevan")
    assert district_parts("Volgograd") is None


def test_volgograds_dzerzhinsky_district_is_volgograd_not_leninsk_at_its_geocode():
    # the Wikipedia geocode of the district lies on Leninsk; a town Dzerzhinsky exists near Moscow
    matched = match_ends(ends(("Dzerzhinsky (Volgograd)", "RUS", 48.7083, 45.1935)), pool())
    assert matched.loc[0, "place_id"] == 472757 and matched.loc[0, "how"] == "parent city"


def test_a_district_with_a_place_of_its_name_near_the_city_is_that_place():
    found = district_matches(ends(("Kolpino (Saint Petersburg)", "RUS", None, None)), pool())
    assert found.loc[0, "place_id"] == 546105 and found.loc[0, "how"] == "district place near its city"


def test_a_namesake_far_away_is_not_the_district():
    found = district_matches(ends(("Dzerzhinsky (Volgograd)", "RUS", None, None),
                                  ("Chaoyang (Beijing)", "CHN", None, None)), pool())
    assert list(found["place_id"]) == [472757]  # no Beijing in this pool: Chaoyang is left to the rest


def test_an_end_whose_parent_is_no_place_is_left_to_the_ordinary_matching():
    matched = match_ends(ends(("Leninsk (nowhere)", "RUS", None, None)), pool())
    assert matched.loc[0, "how"] != "parent city"
