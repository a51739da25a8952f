"""The gettext catalogues: complete in every language, English fallback, plural forms, Babel formats."""

from __future__ import annotations

import datetime as dt
import gettext
import logging
import os
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from dashboard import i18n
from dashboard.i18n import (
    LANGUAGES,
    format_compact,
    format_date,
    format_number,
    format_percent,
    format_population,
    has_text,
    language_or_default,
    t,
    tn,
)

NBSP = "\u00a0"  # no-break space: Russian thousands, "50 %"
NNBSP = "\u202f"  # narrow no-break space: "2026 г." (CLDR)
FIELD = re.compile(r"{(\w+)}")


def catalogue(lang: str):
    with i18n.catalogue_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang)


CATALOGUES = {lang: catalogue(lang) for lang in LANGUAGES}


def texts(message) -> tuple[str, ...]:
    return tuple(message.string) if message.pluralizable else (message.string,)


# ---- the catalogues ---------------------------------------------------------------------------------------

def test_the_three_catalogues_have_the_same_messages():
    ids = {lang: {m.id for m in cat if m.id} for lang, cat in CATALOGUES.items()}
    assert ids["ru"] ^ ids["en"] == set() and ids["zh"] ^ ids["en"] == set()
    assert len(ids["en"]) > 700


def test_every_message_has_a_text_in_every_language():
    missing = [(lang, m.id) for lang, cat in CATALOGUES.items() for m in cat
               if m.id and (not all(texts(m)) or m.fuzzy)]
    assert missing == []


def test_plural_forms_in_the_headers():
    assert [CATALOGUES[lang].num_plurals for lang in LANGUAGES] == [2, 3, 1]
    plural = {lang: {m.id for m in cat if m.id and m.pluralizable} for lang, cat in CATALOGUES.items()}
    assert plural["en"] == plural["ru"] == plural["zh"] and len(plural["en"]) >= 20


def test_translations_keep_the_same_fields():
    english = {m.id: m for m in CATALOGUES["en"] if m.id}
    differ = []
    for lang, cat in CATALOGUES.items():
        for m in cat:
            if not m.id:
                continue
            expected = set(FIELD.findall(texts(english[m.id])[-1]))
            differ += [(lang, m.id, text) for text in texts(m) if set(FIELD.findall(text)) != expected]
    assert differ == []


def test_plural_messages_show_their_count():
    without = [(lang, m.id[0]) for lang, cat in CATALOGUES.items() for m in cat
               if m.id and m.pluralizable and not all("{count}" in text for text in m.string)]
    assert without == []


def test_every_literal_key_in_the_code_is_in_the_catalogue():
    root = Path(__file__).resolve().parent.parent / "dashboard"
    pattern = re.compile(r"""\b(?:t|tn|text)\(\s*["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""")
    used = {(path.relative_to(root).as_posix(), key) for path in root.rglob("*.py")
            for key in pattern.findall(path.read_text(encoding="utf-8"))}
    assert sorted((path, key) for path, key in used if not has_text(key)) == []


def test_plural_messages_are_shown_with_tn_and_the_others_with_t():
    root = Path(__file__).resolve().parent.parent / "dashboard"
    plural = {m.id[0] for m in CATALOGUES["en"] if m.id and m.pluralizable}
    calls = re.compile(r"""\b(t|tn|text)\(\s*["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""")
    wrong = [(path.relative_to(root).as_posix(), function, key) for path in root.rglob("*.py")
             for function, key in calls.findall(path.read_text(encoding="utf-8"))
             if has_text(key) and (function == "tn") != (key in plural)]
    assert wrong == []


# ---- t: texts, fallback, fields ---------------------------------------------------------------------------

def test_russian_texts_are_russian():
    assert t("filters.title", "ru") == "Фильтры"
    assert t("filters.countries", "ru") == "Страны"
    assert t("filters.blocs", "ru") == "Блоки"
    assert t("filters.min_population", "ru") == "Население не менее"
    assert t("filters.border_only", "ru") == "Только приграничные регионы"
    assert t("display.layers.border_regions", "ru") == "Приграничные регионы"
    assert "Города-побратимы" in t("app.tagline", "ru")


def test_missing_translation_falls_back_to_english(tmp_path, monkeypatch):
    (tmp_path / "en" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "ru" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "en" / "LC_MESSAGES" / "messages.po").write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "test.only_english"\nmsgstr "Only English"\n', encoding="utf-8")
    (tmp_path / "ru" / "LC_MESSAGES" / "messages.po").write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "test.only_english"\nmsgstr ""\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.translations.cache_clear()
    try:
        assert t("test.only_english", "ru") == "Only English"
        assert t("no.such.key", "ru") == "no.such.key"
    finally:
        monkeypatch.undo()
        i18n.translations.cache_clear()
    assert t("filters.title", "de") == "Filters"  # a language the catalogue does not have


def test_unknown_key_shows_the_key():
    assert t("no.such.key", "ru") == "no.such.key"
    assert tn("no.such.key", 5, "ru") == "no.such.key"


def test_fields_are_filled_only_when_given():
    assert t("footer.data_as_of", "ru", date="1 мая") == "Данные на 1 мая"
    assert t("dropdown.selected_count", "en") == "{num_selected} selected"


def test_language_or_default():
    assert language_or_default("ru") == "ru"
    assert language_or_default("zh") == "zh"
    assert language_or_default("de") == "en"
    assert language_or_default(None) == "en"


# ---- compiled catalogues ----------------------------------------------------------------------------------

def test_a_stale_or_missing_mo_is_compiled_in_memory(tmp_path, monkeypatch, caplog):
    po = tmp_path / "ru" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_bytes(i18n.catalogue_path("ru").read_bytes())
    stale = po.with_suffix(".mo")
    stale.write_bytes(b"not a catalogue")  # would fail to load if it were read
    os.utime(stale, (1, 1))
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    with caplog.at_level(logging.INFO, logger="dashboard.i18n"):
        compiled = i18n._compiled("ru")
    assert isinstance(compiled, gettext.GNUTranslations) and compiled.gettext("page.map") == "Карта"
    assert "older than the .po" in caplog.text


# ---- plurals ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("n, lang, expected", [
    (1, "en", "1 twinning"), (2, "en", "2 twinnings"), (0, "en", "0 twinnings"),
    (1, "ru", "1 побратимство"), (2, "ru", "2 побратимства"), (5, "ru", "5 побратимств"),
    (11, "ru", "11 побратимств"), (21, "ru", "21 побратимство"), (22, "ru", "22 побратимства"),
    (112, "ru", "112 побратимств"), (12345, "ru", f"12{NBSP}345 побратимств"),
    (1, "zh", "1 对友城关系"), (2, "zh", "2 对友城关系"),
])
def test_plural_forms(n, lang, expected):
    assert tn("network.table.count", n, lang) == expected


def test_plurals_with_more_fields():
    assert tn("views.slides", 3, "ru") == "3 слайда"
    assert tn("network.table.count_of", 21, "ru", shown="5") == "5 из 21 побратимства"
    assert tn("network.communities.name", 1, "en", number=4) == "Community 4 · 1 city"
    summary = t("network.summary", "ru", twinnings=tn("network.summary.twinnings", 1, "ru"),
                places=tn("network.summary.places", 2, "ru"), countries=tn("network.summary.countries", 1, "ru"))
    assert summary == "В текущем фильтре: 1 побратимство между 2 городами из 1 страны."


# ---- numbers and dates ------------------------------------------------------------------------------------

def test_numbers():
    assert format_number(12345, "ru") == f"12{NBSP}345"
    assert format_number(0.5, "ru") == "0,5"
    assert format_number(12345, "en") == "12,345" and format_number(12345, "zh") == "12,345"
    assert format_number(4.44, "ru", decimals=1) == "4,4" and format_number(3, "en", decimals=2) == "3.00"


def test_percentages():
    assert format_percent(0.5, "en") == "50%"
    assert format_percent(0.5, "ru") == f"50{NBSP}%"
    assert format_percent(0.1234, "ru", decimals=1) == f"12,3{NBSP}%"
    assert format_percent(0.1234, "zh", decimals=1) == "12.3%"


def test_compact_counts():
    assert format_compact(12345, "zh") == "1.2万" and format_compact(300_000_000, "zh") == "3亿"
    assert format_compact(1_200_000, "en") == "1.2M" and format_compact(12_000, "en") == "12K"
    assert format_compact(1_200_000, "ru") == f"1,2{NBSP}млн"
    assert format_compact(950, "ru") == "950"
    assert format_population(12_345_678, "zh") == "1234.6万"
    assert format_population(12_345_678, "ru") == f"12{NBSP}345{NBSP}678"


@pytest.mark.parametrize("value, lang, expected", [
    (dt.date(2026, 11, 21), "en", "21 November 2026"),
    (dt.date(2026, 11, 21), "ru", f"21 ноября 2026{NNBSP}г."),
    ("2026-03-01T12:30:00+00:00", "ru", f"1 марта 2026{NNBSP}г."),
    (dt.date(2026, 11, 21), "zh", "2026年11月21日"),
    ("2026-03-01", "zh", "2026年3月1日"),
    ("2026-03-01", "de", "1 March 2026"),
    ("2024-06", "en", "June 2024"),
    ("2024-06", "ru", f"июнь 2024{NNBSP}г."),
    ("2024-06", "zh", "2024年6月"),
    ("2024", "ru", "2024"),
    ("not a date", "en", "not a date"),
    ("2024-13", "en", "2024-13"),
    (None, "en", ""),
])
def test_format_date(value, lang, expected):
    assert format_date(value, lang) == expected
