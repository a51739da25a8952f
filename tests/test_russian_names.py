"""Russian names of the space's places: official Belarusian forms (never a Belarusian spelling in the Russian
field), renamed towns (Конаев, Xiangyang), a Palladius transcription for Chinese places without an attested
Russian name, and the city search finding them."""

from __future__ import annotations

import re

import pandas as pd

from dashboard.store import palladius
from dashboard.store.names import is_russian_spelling
from dashboard.store.russian_names import official_names, read_official_names, russian_name_coverage

BELARUSIAN_ONLY = re.compile(r"[іІўЎ]")


def test_the_official_table_is_russian_and_has_the_audit_names():
    table = read_official_names()
    assert table["name_ru"].map(is_russian_spelling).all()
    assert not table["name_ru"].str.contains(BELARUSIAN_ONLY).any()
    blr = set(table.loc[table["iso3"] == "BLR", "name_ru"])
    assert {"Рогачёв", "Речица", "Кобрин", "Волковыск", "Сморгонь", "Дзержинск", "Поставы", "Глубокое",
            "Островец", "Щучин", "Мстиславль", "Чечерск", "Славгород"} <= blr
    renamed = table.set_index("name_en")
    assert renamed.loc["Konaev", "name_ru"] == "Конаев" and renamed.loc["Xiangyang", "iso3"] == "CHN"
    assert "Kostanay" in renamed.index


def test_palladius_spells_chinese_names_as_russian_maps_do():
    assert palladius.from_characters("襄阳") == "Сянъян"
    assert palladius.from_characters("诸暨市") == "Чжуцзи"
    assert palladius.from_characters("黑河") == "Хэйхэ"
    assert palladius.from_characters("新都") == "Синьду" and palladius.from_characters("成都") == "Чэнду"
    assert palladius.from_characters("加格达奇区") == "Цзягэдаци"  # no administrative suffix
    assert palladius.from_characters("新区") == "Синьцюй"  # unless nothing else is left
    assert palladius.from_pinyin("Gao'an") == "Гаоань"
    assert palladius.from_pinyin("Changshu") == "Чаншу"
    assert palladius.from_pinyin("Tianjin Free-Trade Zone") is None  # not all pinyin: not guessed


def test_official_names_replace_belarusian_spellings_and_mark_transcriptions():
    places = pd.DataFrame({
        "place_id": [622739, 1519948, 1790587, 9001, 9002, 9003, 9004, 9005],
        "name_en": ["Rahachow", "Qapshaghay", "Xiangfan", "Zhuji", "Somewhere", "Vileyka", "Shchuchyn", "Lida"],
        "name_ru": ["Рагачоў", "Капчагай", None, None, "Где-то", "Вілейка", "Шчучын", "Лида"],
        "name_zh": [None, None, "襄阳", "诸暨市", None, None, None, None],
        "iso3": ["BLR", "KAZ", "CHN", "CHN", "RUS", "BLR", "BLR", "BLR"]})
    named = official_names(places).set_index("place_id")
    assert named.loc[622739, "name_ru"] == "Рогачёв" and named.loc[622739, "name_ru_basis"] == "official"
    assert (named.loc[1519948, "name_en"], named.loc[1519948, "name_ru"]) == ("Konaev", "Конаев")
    assert named.loc[1790587, "name_en"] == "Xiangyang"
    assert (named.loc[9001, "name_ru"], named.loc[9001, "name_ru_basis"]) == ("Чжуцзи", "transcribed")
    assert named.loc[9002, "name_ru_basis"] == "attested"
    assert pd.isna(named.loc[9003, "name_ru"])  # a Belarusian spelling is no Russian name
    assert pd.isna(named.loc[9004, "name_ru"]) and named.loc[9005, "name_ru"] == "Лида"
    twinnings = pd.DataFrame({"place_a": [622739, 9001], "place_b": [1519948, 9003]})
    coverage = russian_name_coverage(named.reset_index(), twinnings)
    assert coverage["BLR"] == {"places": 2, "named": 1, "official": 1, "attested": 0, "transcribed": 0}
    assert coverage["CHN"]["transcribed"] == 1


def test_the_store_has_russian_names_for_the_twinned_places_of_the_space(store_catalog):
    """On the built store: no Belarusian spelling in a Russian name, the city search finds Рогачёв, Речица,
    Кобрин and Конаев, and every twinned place of the named countries has a Russian name."""
    from dashboard.store.place_search import load_name_index, search_places

    places = store_catalog.places
    blr = places[places["iso3"] == "BLR"]
    assert not blr["name_ru"].dropna().str.contains(BELARUSIAN_ONLY).any()
    index = load_name_index()
    for name, iso3 in (("Рогачёв", "BLR"), ("Речица", "BLR"), ("Кобрин", "BLR"), ("Конаев", "KAZ")):
        found = search_places(places, index, name)
        assert len(found) and found.iloc[0]["iso3"] == iso3 and found.iloc[0]["name_ru"] == name, name
    twinned = set(store_catalog.twinnings["place_a"]) | set(store_catalog.twinnings["place_b"])
    space = places[places["place_id"].isin(twinned) & places["iso3"].isin(
        ["RUS", "BLR", "KAZ", "KGZ", "UZB", "TJK", "TKM", "ARM", "AZE", "MDA", "MNG"])]
    assert space["name_ru"].notna().mean() >= 0.99, space.loc[space["name_ru"].isna(), ["place_id", "name_en"]]
    chinese = places[places["place_id"].isin(twinned) & (places["iso3"] == "CHN")]
    assert chinese["name_ru"].notna().mean() >= 0.95
    assert (chinese["name_ru_basis"] == "transcribed").sum() >= 50  # marked as transcribed
