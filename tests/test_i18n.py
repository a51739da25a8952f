"""The message catalogue: complete in every language, English fallback, formatting."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from dashboard.i18n import LANGUAGES, MESSAGES, format_date, language_or_default, t


def test_every_message_has_every_language():
    missing = [(key, lang) for key, texts in MESSAGES.items() for lang in LANGUAGES if not texts.get(lang)]
    assert missing == []


def test_translations_keep_the_same_fields():
    for key, texts in MESSAGES.items():
        fields = {lang: set(re.findall(r"{(\w+)}", text)) for lang, text in texts.items()}
        assert len(set(map(frozenset, fields.values()))) == 1, key


def test_russian_texts_are_russian():
    for key in ("filters.title", "filters.countries", "filters.blocs", "filters.min_population",
                "filters.border_only", "display.layers.border_regions", "app.tagline"):
        assert re.search("[а-яё]", t(key, "ru"), re.IGNORECASE), key
    assert t("filters.title", "ru") == "Фильтры"
    assert t("filters.countries", "ru") == "Страны"
    assert t("filters.blocs", "ru") == "Блоки"
    assert t("filters.min_population", "ru") == "Население не менее"
    assert t("filters.border_only", "ru") == "Только приграничные регионы"
    assert t("display.layers.border_regions", "ru") == "Приграничные регионы"
    assert "Города-побратимы" in t("app.tagline", "ru")


def test_missing_translation_falls_back_to_english(monkeypatch):
    monkeypatch.setitem(MESSAGES, "test.only_english", {"en": "Only English"})
    assert t("test.only_english", "ru") == "Only English"
    assert t("test.only_english", "zh") == "Only English"
    assert t("filters.title", "de") == "Filters"  # a language the catalogue does not have


def test_unknown_key_shows_the_key():
    assert t("no.such.key", "ru") == "no.such.key"


def test_fields_are_filled_only_when_given():
    assert t("footer.data_as_of", "ru", date="1 мая") == "Данные на 1 мая"
    assert t("dropdown.selected_count", "en") == "{num_selected} selected"


@pytest.mark.parametrize("value, lang, expected", [
    (dt.date(2026, 11, 21), "en", "21 November 2026"),
    (dt.date(2026, 11, 21), "ru", "21 ноября 2026 г."),
    ("2026-03-01T12:30:00+00:00", "ru", "1 марта 2026 г."),
    (dt.date(2026, 11, 21), "zh", "2026年11月21日"),
    ("2026-03-01", "zh", "2026年3月1日"),
    ("2026-03-01", "de", "1 March 2026"),
    ("not a date", "en", "not a date"),
    (None, "en", ""),
])
def test_format_date(value, lang, expected):
    assert format_date(value, lang) == expected


def test_language_or_default():
    assert language_or_default("ru") == "ru"
    assert language_or_default("zh") == "zh"
    assert language_or_default("de") == "en"
    assert language_or_default(None) == "en"


def test_every_literal_key_in_the_code_is_in_the_catalogue():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "dashboard"
    pattern = re.compile(r"""\b(?:t|text)\(\s*["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""")
    used = {(path.relative_to(root).as_posix(), key) for path in root.rglob("*.py")
            for key in pattern.findall(path.read_text(encoding="utf-8"))}
    assert sorted((path, key) for path, key in used if key not in MESSAGES) == []
