"""The shared sector vocabulary: every code of data/events.csv is known and labelled in three languages."""

from __future__ import annotations

import csv
from pathlib import Path

from dashboard.i18n import LANGUAGES, has_text, t
from dashboard.registry.sectors import SECTORS, sector_label, sectors_for_type, sectors_of

EVENTS = Path(__file__).resolve().parent.parent / "data" / "events.csv"


def test_every_sector_of_the_reference_events_is_a_known_code():
    with EVENTS.open(encoding="utf-8") as handle:
        cells = [row["sector"] for row in csv.DictReader(handle)]
    assert cells and all(not sectors_of(cell)[1] for cell in cells)
    used = {code for cell in cells for code in sectors_of(cell)[0]}
    assert {"economy", "culture", "history", "open_government"} <= used <= set(SECTORS)


def test_every_sector_has_a_label_in_every_language():
    for code in (*SECTORS, None):
        assert has_text(f"sector.{code or 'none'}")
        labels = {lang: sector_label(code, lang) for lang in LANGUAGES}
        assert len(set(labels.values())) == 3, labels
    assert sector_label("history", "ru") == "История и память"


def test_cells_in_russian_or_english_and_unknown_parts():
    assert sectors_of("Культура; economy") == (("economy", "culture"), [])
    assert sectors_of("экономика, космос") == (("economy",), ["космос"])
    assert sectors_of("") == ((), [])
    assert sectors_of(t("sector.tourism", "zh")) == (("tourism",), [])


def test_a_sector_from_the_type_only_where_it_is_clear():
    assert sectors_for_type("festival") == ("culture",)
    assert sectors_for_type("forum") == () and sectors_for_type("agreement") == ()
