"""Chinese, the third interface language: a complete catalogue, and Chinese place names from the store.

The catalogue checks run anywhere; the place-name checks read the real store (skipped when it is not
built: `python -m dashboard build`).
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from babel.messages.pofile import read_po

from dashboard.i18n import LANGUAGES, catalogue_path, format_compact, format_date, t, tn

CJK = re.compile(r"[\u4e00-\u9fff]")
FIELD = re.compile(r"{(\w+)}")

# Keys whose Chinese text is deliberately the same as the English one (names, codes, examples).
LANGUAGE_NEUTRAL_KEYS = frozenset({
    "app.name", "corridors.params.ties.50", "corridors.params.ties.100", "corridors.params.ties.200",
    "template.example.start_date", "template.example.end_date", "template.example.countries",
    "template.example.corridor", "template.example.source",
    "exports.dataset.naturalearth", "exports.dataset.geonames", "sources.russian_names.attested",
})


def texts(lang: str) -> dict[str, str]:
    """key -> text (the last plural form for plural messages) of a catalogue."""
    with catalogue_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    return {(m.id[0] if m.pluralizable else m.id): (m.string[-1] if m.pluralizable else m.string)
            for m in catalog if m.id}


ZH, EN = texts("zh"), texts("en")


# ---- the catalogue ----------------------------------------------------------------------------------------

def test_chinese_is_offered():
    assert LANGUAGES == ("en", "ru", "zh")


def test_every_key_has_a_chinese_text():
    assert sorted(key for key in EN if not ZH.get(key)) == []


def test_no_chinese_text_for_a_key_that_is_gone():
    assert sorted(set(ZH) - set(EN)) == []


def test_chinese_texts_keep_every_field_of_the_english_text():
    lost = {key: sorted(set(FIELD.findall(EN[key])) ^ set(FIELD.findall(text))) for key, text in ZH.items()}
    assert {key: fields for key, fields in lost.items() if fields} == {}


def left_in_english(text: str) -> bool:
    """Latin letters outside the {fields} and not one Chinese character."""
    return not CJK.search(text) and bool(re.search("[A-Za-z]", FIELD.sub("", text)))


def test_no_chinese_text_is_left_in_english():
    assert left_in_english("Twin cities") and left_in_english("{count} twinnings")
    assert not left_in_english("{org}：{status}") and not left_in_english("友好城市（{count}）")
    english = sorted(key for key, text in ZH.items() if left_in_english(text) and key not in LANGUAGE_NEUTRAL_KEYS)
    assert english == []
    # the neutral ones are names, codes and examples, the same in every language
    assert all(ZH[key] == EN[key] for key in LANGUAGE_NEUTRAL_KEYS if key in ZH)


def test_chinese_counts_have_one_form_and_large_numbers_use_wan():
    assert tn("network.table.count", 1, "zh") == "1 对友城关系"
    assert tn("network.table.count", 2, "zh") == "2 对友城关系"
    assert tn("views.slides", 5, "zh") == "5 张幻灯片"
    assert format_compact(12_000, "zh") == "1.2万" and format_compact(300_000_000, "zh") == "3亿"


def test_official_chinese_terms():
    assert t("org.SCO", "zh") == "上海合作组织"
    assert t("org.BRICS", "zh") == "金砖国家"
    assert t("org.EAEU", "zh") == "欧亚经济联盟"
    assert "友好城市" in t("app.tagline", "zh") and "跨境" in t("app.tagline", "zh")
    assert t("filters.border_only", "zh") == "仅限边境地区"
    assert t("bloc.with_status", "zh", org=t("org.SCO", "zh"), status=t("status.observer", "zh")) \
        == "上海合作组织：观察员国"


def test_chinese_texts_are_simplified():
    import zhconv

    traditional = {key: text for key, text in ZH.items() if zhconv.convert(text, "zh-hans") != text}
    assert traditional == {}


def test_dates_in_chinese_form():
    assert format_date("2026-11-21", "zh") == "2026年11月21日"
    assert t("footer.data_as_of", "zh", date=format_date("2026-03-01", "zh")) == "数据截至2026年3月1日"


# ---- place and country names --------------------------------------------------------------------------------

def test_names_become_simplified_and_current():
    from dashboard.store.chinese_names import places_named, simplified

    assert simplified("葉里溫") == "叶里温"          # the characters only: no phrase table
    assert simplified("盧安達") == "卢安达"          # (whose zh-cn form, 卢旺达, is Rwanda, not Luanda)
    assert simplified("阿拉木圖") == "阿拉木图"
    assert simplified("伏尔加斯基_") == "伏尔加斯基"  # stray marks of the source
    assert simplified(None) is None and simplified(" ") is None
    places = pd.DataFrame({"place_id": [2013348, 1, 2], "name_zh": ["海參崴", "維捷布斯克", None]})
    assert places_named(places)["name_zh"].tolist() == ["符拉迪沃斯托克", "维捷布斯克", None]


@pytest.fixture(scope="module")
def catalog(store_catalog):
    return store_catalog


def place_id(catalog, name_en: str, iso3: str) -> int:
    places = catalog.places
    rows = places[(places["name_en"] == name_en) & (places["iso3"] == iso3)].sort_values("population")
    return int(rows["place_id"].iloc[-1])


def test_a_city_with_a_chinese_name_shows_it_and_one_without_a_transcription_of_its_russian_name(catalog):
    from dashboard.store import network, queries
    from dashboard.store.chinese_transcription import to_chinese

    moscow = network.city_profile_for(catalog, place_id(catalog, "Moscow", "RUS"), "zh")
    assert moscow.name == "莫斯科" and moscow.country == "俄罗斯"
    assert moscow.names == {"en": "Moscow", "ru": "Москва", "zh": "莫斯科"}
    unnamed = catalog.places[catalog.places["name_zh"].isna() & (catalog.places["iso3"] == "RUS")
                             & (catalog.places["partners"] > 0)].iloc[0]
    profile = network.city_profile_for(catalog, int(unnamed["place_id"]), "zh")
    assert profile.name == to_chinese(unnamed["name_ru"]) and CJK.search(profile.name)  # chinese_transcription
    names = queries.localized(catalog.places.head(0), "zh")  # an empty frame is fine too
    assert names.empty


def test_cities_and_countries_in_chinese_from_the_store(catalog):
    from dashboard.components.filter_options import country_options
    from dashboard.store import queries

    places = catalog.places.set_index("place_id")
    assert places.at[place_id(catalog, "Vladivostok", "RUS"), "name_zh"] == "符拉迪沃斯托克"
    assert places.at[place_id(catalog, "Yerevan", "ARM"), "name_zh"] == "埃里温"
    countries = queries.country_names(catalog.countries, "zh")
    assert (countries["RUS"], countries["BLR"], countries["CHN"], countries["TWN"]) == \
        ("俄罗斯", "白俄罗斯", "中国", "台湾")
    labels = [option["label"] for option in country_options(catalog.countries, "zh")]
    assert labels.index("白俄罗斯") < labels.index("俄罗斯") < labels.index("中国")  # by pinyin: bai, e, zhong


def test_search_by_chinese_name(catalog):
    from dashboard.store.place_search import load_name_index, search_places

    index = load_name_index()
    for typed, name_en, iso3 in (("莫斯科", "Moscow", "RUS"), ("明斯克", "Minsk", "BLR"),
                                 ("符拉迪沃斯托克", "Vladivostok", "RUS"), ("哈尔滨", "Harbin", "CHN")):
        found = search_places(catalog.places, index, typed, limit=3)
        assert (found["name_en"].iloc[0], found["iso3"].iloc[0]) == (name_en, iso3), typed
