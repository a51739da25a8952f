"""Cross-border groupings carry a status with the day and source of its last change, shown in Russian and
English: the EU-border euroregions suspended on 4 March 2022, Karelia ended with Russia's termination of its
cross-border agreement with Finland, and the focus space's forums and councils of regions listed, cited."""

from __future__ import annotations

import pandas as pd
from tiny_world import tiny_catalog

from dashboard.figures.crossborder_status import status_line
from dashboard.store.corridors import CROSSBORDER_REGIONS_CSV, read_crossborder_regions

EU = {"DNK", "EST", "FIN", "LTU", "LVA", "POL", "SWE"}


def table() -> pd.DataFrame:
    regions = pd.read_csv(CROSSBORDER_REGIONS_CSV, dtype=str, keep_default_na=False)
    return regions.set_index("crossborder_id")


def test_eu_border_euroregions_show_suspended_with_the_2022_date_in_russian_and_english():
    rows = table()
    eu_border = rows[[bool(EU & set(c.split(";"))) and bool({"RUS", "BLR"} & set(c.split(";")))
                      and v != "unverified" for c, v in zip(rows["countries"], rows["verification"])]]
    assert {"baltic", "karelia", "pskov_livonia", "ozerny_krai"} <= set(eu_border.index)
    for crossborder_id in ("baltic", "pskov_livonia", "ozerny_krai"):
        row = rows.loc[crossborder_id]
        assert (row["status"], row["status_date"]) == ("suspended", "2022-03-04")
        assert row["status_source"].startswith("https://")
        assert status_line(row["status"], row["status_date"], "en") == "Suspended since 4 March 2022"
        assert status_line(row["status"], row["status_date"], "ru").startswith("Приостановлен с 4 марта 2022")
    karelia = rows.loc["karelia"]
    assert karelia["status"] == "dissolved" and karelia["status_date"].startswith("2023-10")
    assert "2023" in status_line(karelia["status"], karelia["status_date"], "ru")
    assert "October 2023" in status_line(karelia["status"], karelia["status_date"], "en")


def test_the_forums_and_councils_of_the_space_are_cited_and_dated():
    rows = table()
    groupings = {"rus_kaz_forum": {"KAZ", "RUS"}, "rus_mng_forum": {"MNG", "RUS"}, "rus_blr_forum": {"BLR", "RUS"},
                 "far_east_northeast_china": {"CHN", "RUS"}, "volga_yangtze": {"CHN", "RUS"},
                 "sco_heads_of_regions": {"CHN", "KAZ", "RUS", "UZB"}}
    for crossborder_id, countries in groupings.items():
        row = rows.loc[crossborder_id]
        assert countries <= set(row["countries"].split(";")), crossborder_id
        assert row["status"] == "active" and row["status_date"] and row["founded"], crossborder_id
        assert row["source"].startswith("http") and row["status_source"].startswith("http"), crossborder_id
        assert row["name_ru"] and row["note_ru"] and row["note_en"], crossborder_id


def test_every_row_reads_and_a_suspension_without_its_day_is_refused(tmp_path):
    regions = tiny_catalog().regions
    frame = pd.read_csv(CROSSBORDER_REGIONS_CSV, dtype=str, keep_default_na=False)
    forums = frame[frame["members"] == ""]
    path = tmp_path / "crossborder_regions.csv"
    forums.to_csv(path, index=False)
    assert set(read_crossborder_regions(path, regions)["status"]) <= {"active", "unknown"}
    broken = forums.copy()
    broken.loc[broken.index[0], ["status", "status_date"]] = ["suspended", ""]
    broken.to_csv(path, index=False)
    try:
        read_crossborder_regions(path, regions)
    except Exception as error:  # InputError naming the column
        assert "status_date" in str(error)
    else:
        raise AssertionError("a suspension without its day was accepted")
