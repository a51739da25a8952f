"""The Russian interface shows no Latin place name: names the store has no Russian for are transcribed."""

from __future__ import annotations

import pandas as pd

from dashboard.store import queries
from dashboard.store.cyrillic_transcription import has_latin, to_cyrillic


def test_latin_names_the_issue_saw_are_transcribed():
    assert to_cyrillic("Pilsrundāle") == "Пилсрундале"
    assert to_cyrillic("Grobiņa") == "Гробина"
    assert to_cyrillic("Yunusobod") == "Юнусобод"
    assert to_cyrillic("Chilanzar") == "Чиланзар"
    assert to_cyrillic("Beloyarsky District") == "Белоярский район"
    assert to_cyrillic("Manhala") == "Манхала"
    assert to_cyrillic("Emin") == "Эмин" and to_cyrillic("Altay") == "Алтай" and to_cyrillic("Cēsis") == "Цесис"
    assert to_cyrillic("Yuriy") == "Юрий" and to_cyrillic("Krasnaya Polyana") == "Красная Поляна"
    assert to_cyrillic("Гродно") == "Гродно"  # Cyrillic stays as it is


def test_localized_russian_keeps_attested_names_and_transcribes_only_the_missing():
    places = pd.DataFrame({"name_en": ["Hrodna", "Pilsrundāle", "Heihe"],
                           "name_ru": ["Гродно", None, "Хэйхэ"], "name_zh": [None, None, "黑河"]})
    assert queries.localized(places, "ru").tolist() == ["Гродно", "Пилсрундале", "Хэйхэ"]
    assert queries.localized(places, "en").tolist() == ["Hrodna", "Pilsrundāle", "Heihe"]
    assert queries.localized(places, "zh").tolist() == ["格罗德诺", "皮尔斯伦达列", "黑河"]  # see chinese_transcription


def test_no_place_of_the_store_has_a_latin_russian_name(store_catalog):
    names = queries.localized(store_catalog.places, "ru")
    assert not [name for name in names if has_latin(name)][:10]
