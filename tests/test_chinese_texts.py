"""The Chinese interface's texts of the cited tables (issue 20): every corridor, cross-border region and forum
has a Chinese name, every event and practice a Chinese title (and every practice a Chinese summary)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dashboard.store import queries
from dashboard.store.chinese_texts import chinese_texts

DATA = Path(__file__).resolve().parent.parent / "data"


def rows(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("table", ["corridors.csv", "crossborder_regions.csv"])
def test_every_corridor_and_region_has_a_chinese_name(table):
    missing = [row["name_en"] for row in rows(table) if row["name_en"].strip() not in chinese_texts()]
    assert missing == []
    row = rows(table)[0]
    assert queries.local_value(row, "zh") == chinese_texts()[row["name_en"]]
    assert queries.local_value(row, "ru") == row["name_ru"] and queries.local_value(row, "en") == row["name_en"]


def test_a_place_row_without_a_chinese_name_is_transcribed_and_a_chinese_city_keeps_its_pinyin():
    assert queries.local_value({"name_en": "Khorgos", "name_ru": "Хоргос", "name_zh": None, "iso3": "KAZ"},
                               "zh") == "霍尔戈斯"
    assert queries.local_value({"name_en": "Dongxing", "name_zh": None, "iso3": "CHN"}, "zh") == "Dongxing"


def test_every_event_and_practice_has_a_chinese_title_and_every_practice_a_chinese_summary():
    assert [row["event_id"] for row in rows("events.csv") if not row["title_zh"].strip()] == []
    practices = rows("practices.csv")
    assert [row["slug"] for row in practices if not row["title_zh"].strip() or not row["summary_zh"].strip()] == []
