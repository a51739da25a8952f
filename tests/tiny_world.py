"""A hand-made catalogue of six countries, ten places and eight twinnings, for the map's unit tests.

    Podolsk (RUS, Moscow Oblast)  – Gomel (BLR, border), Minsk (BLR), Munich (DEU)
    Bryansk (RUS, border)         – Gomel
    Moscow (RUS)                  – Minsk, Almaty (KAZ, border)
    Heihe (CHN, border)           – Almaty
    Munich                        – Minsk
Tiny (RUS, border, 3,000 people) and Harbin (CHN, 5 M) have no twin.
"""

from __future__ import annotations

import pandas as pd
import shapely

from dashboard.store.catalog import Catalog
from dashboard.store.layers import map_layers

COUNTRIES = pd.DataFrame({
    "iso3": ["RUS", "BLR", "CHN", "KAZ", "DEU", "UKR"],
    "iso2": ["RU", "BY", "CN", "KZ", "DE", "UA"],
    "name_en": ["Russia", "Belarus", "China", "Kazakhstan", "Germany", "Ukraine"],
    "name_ru": ["Россия", "Беларусь", "Китай", "Казахстан", "Германия", "Украина"],
    "name_zh": [None] * 6,
    "label_lon": [40.0, 28.0, 110.0, 70.0, 10.0, 31.0], "label_lat": [58.0, 53.0, 35.0, 48.0, 51.0, 49.0],
    "pop_est": [144e6, 9e6, 1.4e9, 19e6, 83e6, 40e6], "continent": ["Europe"] * 6,
    "land_neighbours": ["BLR,CHN,KAZ,UKR", "RUS,UKR", "KAZ,RUS", "CHN,RUS", "", "BLR,RUS"],
})

MEMBERSHIPS = pd.DataFrame({
    "org": ["SCO", "SCO", "SCO", "SCO", "SCO", "BRICS", "BRICS", "BRICS", "BRICS", "EAEU", "EAEU", "EAEU"],
    "iso3": ["RUS", "CHN", "KAZ", "BLR", "BLR", "RUS", "CHN", "BLR", "KAZ", "RUS", "BLR", "KAZ"],
    "status": ["member", "member", "member", "member", "observer", "member", "member", "partner", "partner",
               "member", "member", "member"],
    "since": [2001, 2001, 2001, 2024, 2015, 2009, 2009, 2025, 2025, 2015, 2015, 2015],
    "until": [None, None, None, None, 2024, None, None, None, None, None, None, None],
    "note": [None] * 12, "source": ["https://example.org"] * 12,
})

REGIONS = pd.DataFrame({
    "region_id": ["RUS-MOS", "RUS-MOW", "RUS-BRY", "BLR-GOM", "BLR-MIN", "CHN-HEI", "KAZ-ALM", "DEU-BAY"],
    "iso3": ["RUS", "RUS", "RUS", "BLR", "BLR", "CHN", "KAZ", "DEU"],
    "name_en": ["Moscow Oblast", "Moscow", "Bryansk Oblast", "Gomel Region", "Minsk Region",
                "Heilongjiang", "Almaty Region", "Bavaria"],
    "name_ru": ["Московская область", "Москва", "Брянская область", "Гомельская область",
                "Минская область", "Хэйлунцзян", "Алматинская область", "Бавария"],
    "name_zh": [None] * 8, "type_en": ["Region"] * 8,
    "label_lon": [37.5, 37.6, 33.0, 29.5, 27.5, 128.0, 77.0, 11.5],
    "label_lat": [55.5, 55.7, 53.0, 52.4, 53.9, 48.0, 44.0, 48.8],
    "on_land_border": [False, False, True, True, False, True, True, False],
    "border_neighbours": ["", "", "BLR,UKR", "RUS,UKR", "", "RUS", "CHN", ""],
})

PLACES = pd.DataFrame({
    "place_id": [554234, 524901, 571476, 627907, 625144, 2036973, 1526384, 2867714, 900001, 2037013],
    "name_en": ["Podolsk", "Moscow", "Bryansk", "Gomel", "Minsk", "Heihe", "Almaty", "Munich", "Tiny",
                "Harbin"],
    "name_ru": ["Подольск", "Москва", "Брянск", "Гомель", "Минск", "Хэйхэ", "Алматы", None, "Малый",
                "Харбин"],
    "name_zh": [None] * 10,
    "iso3": ["RUS", "RUS", "RUS", "BLR", "BLR", "CHN", "KAZ", "DEU", "RUS", "CHN"],
    "region_id": ["RUS-MOS", "RUS-MOW", "RUS-BRY", "BLR-GOM", "BLR-MIN", "CHN-HEI", "KAZ-ALM", "DEU-BAY",
                  "RUS-BRY", "CHN-HEI"],
    "lat": [55.42, 55.75, 53.25, 52.43, 53.9, 50.24, 43.25, 48.14, 52.9, 45.75],
    "lon": [37.55, 37.62, 34.37, 30.98, 27.57, 127.53, 76.95, 11.58, 33.5, 126.65],
    "population": [187956, 12_000_000, 400_000, 510_000, 2_000_000, 200_000, 2_000_000, 1_500_000, 3000,
                   5_000_000],
    "scalerank": [None, 0, 7, 5, 1, 8, 2, 2, None, 3],
    "origin": ["geonames"] * 10,
})

# (place_a, place_b, distance_km, crosses_land_border)
LINKS = [
    (554234, 627907, 540.0, True), (554234, 625144, 680.0, True), (554234, 2867714, 1980.0, False),
    (571476, 627907, 240.0, True), (524901, 625144, 675.0, True), (524901, 1526384, 3100.0, True),
    (2036973, 1526384, 3400.0, True), (2867714, 625144, 1370.0, False),
]


def twinnings() -> pd.DataFrame:
    return pd.DataFrame({
        "twinning_id": range(1, len(LINKS) + 1),
        "place_a": [a for a, _, _, _ in LINKS], "place_b": [b for _, b, _, _ in LINKS],
        "in_wikipedia": [True] * len(LINKS), "in_wikidata": [i % 2 == 0 for i in range(len(LINKS))],
        "distance_km": [d for _, _, d, _ in LINKS], "crosses_land_border": [c for _, _, _, c in LINKS],
    })


def tiny_catalog() -> Catalog:
    links = twinnings()
    places = PLACES.copy()
    partners = pd.concat([links["place_a"], links["place_b"]]).value_counts()
    places["partners"] = places["place_id"].map(partners).fillna(0).astype("int64")
    info = {"built_at": "2026-11-21T12:00:00", "counts": {"places": len(places), "twinnings": len(links)},
            "wikipedia_pairs": 10, "wikipedia_pairs_matched": 8, "wikipedia_matched_pct": 80.0,
            "wikipedia_matched_inside_pct": 80.0, "wikidata_links": 6, "wikidata_links_matched": 3,
            "twinnings_in_both_sources": 4}
    return Catalog(COUNTRIES.copy(), MEMBERSHIPS.copy(), REGIONS.copy(), places, links, info)


def _box(x0, y0, x1, y1):
    return shapely.MultiPolygon([shapely.box(x0, y0, x1, y1)])


def tiny_layers(pov: str = "default"):
    """Boxes for countries (RUS shaped differently in the 'deu' view), two border regions, one
    disputed area."""
    boxes = {"RUS": (30, 45, 180, 75), "BLR": (23, 51, 32, 56), "CHN": (75, 20, 135, 53),
             "KAZ": (46, 40, 87, 55), "DEU": (6, 47, 15, 55), "UKR": (22, 44, 40, 52)}
    if pov == "deu":
        boxes["RUS"] = (30, 46, 180, 75)
    countries = pd.DataFrame({"iso3": list(boxes), "geometry": [_box(*b) for b in boxes.values()]})
    regions = pd.DataFrame({"region_id": ["RUS-BRY", "BLR-GOM"],
                            "geometry": [_box(32, 52, 35, 54), _box(28, 51, 32, 53)]})
    disputed = pd.DataFrame({"disputed_id": [1], "name": ["Somewhere"], "note": ["Claimed by two"],
                             "sovereign_iso3": ["RUS"], "admin_iso3": ["RUS"],
                             "geometry": [_box(140, 45, 150, 50)]})
    return map_layers(countries, regions, disputed)
