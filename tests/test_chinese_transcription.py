"""The Chinese interface shows no Latin place name: places the store has no Chinese name for are transcribed from
their Russian name by Xinhua's Russian syllable table (dashboard.store.chinese_transcription), marked as such."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.app import create_app
from dashboard.state import ViewState
from dashboard.store import queries
from dashboard.store.chinese_transcription import CHINESE_SCRIPT_COUNTRIES, to_chinese
from dashboard.store.cyrillic_transcription import has_latin

#: attested Chinese names (Natural Earth / GeoNames, in the store) that are pure transcriptions by the table
ATTESTED = {"Брест": "布列斯特", "Иркутск": "伊尔库茨克", "Братск": "布拉茨克", "Ангарск": "安加尔斯克",
            "Хабаровск": "哈巴罗夫斯克", "Красноярск": "克拉斯诺亚尔斯克", "Магадан": "马加丹", "Абакан": "阿巴坎",
            "Сургут": "苏尔古特", "Нерюнгри": "涅留恩格里", "Ханты-Мансийск": "汉特-曼西斯克", "Бийск": "比斯克",
            "Бугульма": "布古利马", "Георгиевск": "格奥尔吉耶夫斯克", "Гродно": "格罗德诺"}


@pytest.mark.parametrize("russian, chinese", sorted(ATTESTED.items()))
def test_the_table_gives_the_attested_transcriptions(russian, chinese):
    assert to_chinese(russian) == chinese


def test_the_syllables_of_the_table():
    assert to_chinese("Москва").startswith("莫斯克")  # Мо 莫, ск 斯克 (the attested 莫斯科 comes from the store)
    assert to_chinese("Белоярский район") == "别洛亚尔斯基区"  # -ский 斯基, район 区
    assert to_chinese("Улан-Удэ") == "乌兰-乌德"  # ан 兰 (nasal), hard э 德
    assert to_chinese("Алтай") == "阿尔泰"  # тай 泰


def test_latin_names_go_through_cyrillic():
    assert to_chinese("Beloyarsky District") == "别洛亚尔斯基区"
    assert not has_latin(to_chinese("Pilsrundāle")) and not has_latin(to_chinese("Yunusobod"))


def test_localized_chinese_keeps_attested_names_and_transcribes_only_the_missing():
    places = pd.DataFrame({"name_en": ["Hrodna", "Brest", "Heihe", "Dongxing"],
                           "name_ru": ["Гродно", "Брест", "Хэйхэ", "Дунсин"],
                           "name_zh": [None, "布列斯特", "黑河", None], "iso3": ["BLR", "BLR", "CHN", "CHN"]})
    # a Chinese city without characters in the store keeps its pinyin: characters cannot be told from it
    assert queries.localized(places, "zh").tolist() == ["格罗德诺", "布列斯特", "黑河", "Dongxing"]
    assert queries.localized(places, "ru").tolist() == ["Гродно", "Брест", "Хэйхэ", "Дунсин"]


def test_the_table_reproduces_most_attested_names_of_the_store(store_catalog):
    """Measured on the store: 786 of 1,321 attested Chinese names of places in Russia, Belarus, Kazakhstan,
    Kyrgyzstan and Ukraine (59.5 %) are what the table gives for their Russian name; the rest are traditional
    (托木斯克, 新西伯利亚) or follow older conventions."""
    places = store_catalog.places
    both = places[places["name_ru"].notna() & places["name_zh"].notna()
                  & places["iso3"].isin(["RUS", "BLR", "KAZ", "KGZ", "UKR"])
                  & (places["name_ru_basis"] != "transcribed")]
    same = (both["name_ru"].map(to_chinese) == both["name_zh"]).mean()
    assert len(both) > 1000 and same > 0.55


def test_no_place_of_the_store_has_a_latin_chinese_name_outside_chinese_script_countries(store_catalog):
    places = store_catalog.places
    names = queries.localized(places, "zh")
    latin = names[places["iso3"].map(lambda code: code not in CHINESE_SCRIPT_COUNTRIES).to_numpy()
                  & names.map(has_latin).to_numpy(dtype=bool)]
    assert latin.tolist()[:10] == []


def test_a_transcribed_chinese_name_is_marked_on_the_city_page(store_catalog):
    create_app()
    from dashboard.pages import city  # a page module registers its page: only once an app exists

    places = store_catalog.places
    unnamed = places[places["name_zh"].isna() & (places["iso3"] == "BLR") & places["name_ru"].notna()].iloc[0]
    named = places[places["name_zh"].notna() & (places["iso3"] == "BLR")].iloc[0]

    def page(place_id) -> str:
        return str(city.city_content(store_catalog, int(place_id), ViewState(lang="zh")))

    assert "profile-name-transcribed" in page(unnamed["place_id"]) and to_chinese(unnamed["name_ru"]) in page(
        unnamed["place_id"])
    assert "profile-name-transcribed" not in page(named["place_id"])
