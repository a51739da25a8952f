"""Importing activities: encodings, separators, headers in two languages, dates, names, the preview, the
one-transaction commit, idempotence, and every kind of bad input (a clear message, nothing written)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from registry_world import RU_CP1251, csv_bytes, english_rows, gazetteer, registry_catalog
from sqlalchemy import func, select

from dashboard.registry import importing
from dashboard.registry.database import registry_engine
from dashboard.registry.importing import ImportConflict, commit_import, parse_date, preview_import
from dashboard.registry.reading import MAX_UPLOAD_BYTES, ImportRefused, read_upload
from dashboard.registry.schema import activities, activity_places, registry_audit, registry_imports

TODAY = dt.date(2025, 6, 30)


@pytest.fixture
def gaz():
    return gazetteer()


@pytest.fixture
def engine(registry_url):
    """A new registry on SQLite, and on PostgreSQL (tests/conftest.py)."""
    return registry_engine(registry_url)


def count(engine, table) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar()


def nothing_written(engine) -> bool:
    return all(count(engine, table) == 0 for table in (activities, activity_places, registry_imports,
                                                         registry_audit))


def commit(engine, data, name, gaz, **kwargs):
    return commit_import(engine, data, name, gaz, user="anna", today=TODAY, **kwargs)


# ---- the Russian file: Windows-1251, ';', Russian headers, types, dates and names --------------------

def test_a_russian_windows_1251_file_with_semicolons_imports(engine, gaz):
    data = RU_CP1251.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really Windows-1251
    preview = preview_import(engine, data, RU_CP1251.name, gaz, today=TODAY)
    assert (preview.table.encoding, preview.table.separator) == ("windows-1251", ";")
    assert preview.rejections == []
    assert preview.counts == {"add": 6, "update": 0, "unchanged": 0, "withdrawn": 0, "rejected": 0, "total": 6}
    assert nothing_written(engine)  # a preview writes nothing

    result = commit(engine, data, RU_CP1251.name, gaz, expected_digest=preview.digest)
    assert result.counts["add"] == 6 and count(engine, activities) == 6
    by_title = {p.values.title: p.values for p in preview.planned}
    festival = by_title["Дни белорусской культуры в Подольске"]
    assert festival.activity_type == "festival"
    assert (festival.start_date, festival.end_date) == (dt.date(2024, 9, 12), dt.date(2024, 9, 14))
    assert festival.places == (554234, 627907) and festival.twinning == (554234, 627907)
    assert festival.countries == ("BLR", "RUS")
    forum = by_title["Форум приграничных регионов «Брянск — Гомель»"]
    assert forum.regions == ("BLR-GOM", "RUS-BRY") and forum.countries == ("BLR", "RUS")
    route = by_title["Туристический маршрут «Брянск — Гомель»"]
    assert (route.start_date, route.end_date, route.date_precision) == (
        dt.date(2024, 5, 1), dt.date(2024, 5, 31), "month")
    agreement = by_title["Соглашение о сотрудничестве Хэйхэ и Алматы"]
    assert agreement.date_precision == "year" and agreement.activity_type == "agreement"
    exchange = by_title["Молодёжный обмен Москва — Минск"]
    assert exchange.places == (524901, 625144) and exchange.notes == "№ 3"

    with engine.connect() as connection:
        log = connection.execute(select(registry_imports)).mappings().one()
    assert (log["user_name"], log["file_name"], log["added"], log["rows_total"], log["origin"]) == (
        "anna", RU_CP1251.name, 6, 6, "web")
    assert log["file_sha256"] == preview.file_sha256


@pytest.mark.parametrize("encoding, separator, bom", [
    ("utf-8", ",", False), ("utf-8", ";", True), ("utf-8", "\t", False), ("cp1251", "\t", False),
    ("utf-16", "\t", False),
])
def test_encodings_and_separators(engine, gaz, encoding, separator, bom):
    data = csv_bytes(english_rows(), separator, encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    preview = preview_import(engine, data, "file.csv", gaz, today=TODAY)
    assert preview.table.separator == separator
    assert preview.counts["add"] == 3 and preview.rejections == []


def test_an_xlsx_workbook_imports_with_real_dates(engine, gaz):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in english_rows():
        sheet.append(row)
    sheet["C2"] = dt.datetime(2024, 9, 12)  # a real date cell
    sheet["D2"] = dt.date(2024, 9, 14)
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = preview_import(engine, buffer.getvalue(), "activities.xlsx", gaz, today=TODAY)
    assert preview.table.kind == "xlsx" and preview.rejections == []
    assert preview.planned[0].values.start_date == dt.date(2024, 9, 12)
    assert preview.counts["add"] == 3


def test_the_templates_read_back_with_their_own_headers(engine, gaz):
    from dashboard.registry.templates import template_csv, template_xlsx
    from dashboard.registry.vocabulary import COLUMNS

    for lang in ("en", "ru"):
        for data, name in ((template_csv(lang), "t.csv"), (template_xlsx(lang), "t.xlsx")):
            table = read_upload(data, name)
            index, _, ignored = importing.map_columns(table)
            assert set(index) == set(COLUMNS) and ignored == []


# ---- dates and names ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("2024-05-17", (dt.date(2024, 5, 17), dt.date(2024, 5, 17), "day")),
    ("17.05.2024", (dt.date(2024, 5, 17), dt.date(2024, 5, 17), "day")),
    ("7.5.2024", (dt.date(2024, 5, 7), dt.date(2024, 5, 7), "day")),
    ("2024-02", (dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month")),
    ("02.2024", (dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month")),
    ("2024", (dt.date(2024, 1, 1), dt.date(2024, 12, 31), "year")),
    ("2024-05-17 00:00:00", (dt.date(2024, 5, 17), dt.date(2024, 5, 17), "day")),
    ("31.02.2024", None), ("05/17/2024", None), ("17.05.24", None), ("soon", None), ("", None),
])
def test_dates(text, expected):
    assert parse_date(text) == expected


def test_places_by_latin_or_cyrillic_name_or_id(gaz):
    assert gaz.place("Podolsk") == (554234, None)  # the English name: only the Russian town
    assert gaz.place("Гомель") == (627907, None)
    assert gaz.place("627907") == (627907, None)
    assert gaz.place("Gomel [627907]") == (627907, None)
    assert gaz.place("Подольск (RUS)") == (554234, None)
    assert gaz.place("Подольск", {"RUS"}) == (554234, None)  # the row's countries decide
    assert gaz.place("Moskva")[1] is None or gaz.place("Moskva")[1].code == "unknown_place"


def test_an_ambiguous_name_is_reported_with_its_candidates(engine, gaz):
    rows = [["Название", "Тип", "Дата начала", "Города"],
            ["Ярмарка", "ярмарка", "01.03.2024", "Подольск"]]
    preview = preview_import(engine, csv_bytes(rows, ";"), "a.csv", gaz, today=TODAY)
    [rejection] = preview.rejections
    assert (rejection.row, rejection.column, rejection.code) == (2, "Города", "ambiguous_place")
    english = rejection.message("en")
    assert "matches 2 places" in english and "554234" in english and "704679" in english
    assert "Podilsk (UKR" in english and "Podolsk (RUS" in english
    russian = rejection.message("ru")
    assert "Подольск (RUS, Московская область" in russian and "Подольск (UKR" in russian


def test_every_error_code_has_a_message_in_both_languages():
    import pathlib
    import re

    from dashboard.i18n import has_text

    root = pathlib.Path(importing.__file__).parent
    codes = set()
    for path in root.glob("*.py"):
        codes |= set(re.findall(r'Problem\("([a-z_]+)"', path.read_text()))
        codes |= {f"refused:{c}" for c in re.findall(r'ImportRefused\("([a-z_]+)"', path.read_text())}
    missing = [c for c in codes
               if not has_text(f"import.refused.{c[8:]}" if c.startswith("refused:") else f"import.error.{c}")]
    assert codes and missing == []
    assert has_text("import.refused.missing_columns_headers") and has_text("import.refused.missing_columns_encoding")


# ---- the commit: idempotent, atomic, logged, audited -------------------------------------------------------------

def test_reimporting_the_same_file_changes_nothing(engine, gaz):
    data = RU_CP1251.read_bytes()
    commit(engine, data, "ru.csv", gaz)
    before = (count(engine, activities), count(engine, activity_places), count(engine, registry_audit))
    again = preview_import(engine, data, "ru.csv", gaz, today=TODAY)
    assert again.counts["unchanged"] == 6 and again.counts["add"] == again.counts["update"] == 0
    result = commit(engine, data, "ru.csv", gaz, expected_digest=again.digest)
    assert result.counts["unchanged"] == 6
    assert (count(engine, activities), count(engine, activity_places), count(engine, registry_audit)) == before
    assert count(engine, registry_imports) == 2  # but both imports are logged


def test_a_changed_row_is_an_update_with_the_old_value_audited(engine, gaz):
    rows = english_rows()
    commit(engine, csv_bytes(rows), "en.csv", gaz)
    rows[1][8] = "Podolsk city administration"  # organiser changed
    preview = preview_import(engine, csv_bytes(rows), "en.csv", gaz, today=TODAY)
    [update] = preview.rows("update")
    assert update.changes == {"organiser": ("Podolsk city", "Podolsk city administration")}
    commit(engine, csv_bytes(rows), "en.csv", gaz)
    with engine.connect() as connection:
        audit = connection.execute(select(registry_audit).where(registry_audit.c.action == "update")).mappings().one()
    assert '"organiser": "Podolsk city"' in audit["old_value"]
    assert '"organiser": "Podolsk city administration"' in audit["new_value"]
    assert audit["user_name"] == "anna" and audit["import_id"] == 2


def test_reimport_after_a_correction_in_the_ui_changes_nothing(engine, gaz):
    from dashboard.registry import service

    data = csv_bytes(english_rows())
    commit(engine, data, "en.csv", gaz)
    service.save_activity(engine, gaz, {"title": "Days of Belarusian culture in Podolsk", "type": "festival",
                                        "start_date": "2024-09-12", "end_date": "2024-09-15",
                                        "places": "554234; 627907", "twinning": "554234 – 627907",
                                        "organiser": "Podolsk city", "source": "https://example.org/1"},
                          "boris", activity_id=1, today=TODAY)
    preview = preview_import(engine, data, "en.csv", gaz, today=TODAY)
    assert preview.counts["unchanged"] == 3 and preview.counts["update"] == 0


def test_a_failure_during_the_commit_writes_nothing(engine, gaz, monkeypatch):
    original = importing.insert_activities

    def failing(connection, *args, **kwargs):
        ids = original(connection, *args, **kwargs)  # the rows are written ...
        raise RuntimeError(f"disk full after {len(ids)} rows")  # ... then the commit fails

    monkeypatch.setattr(importing, "insert_activities", failing)
    with pytest.raises(RuntimeError, match="after 6 rows"):
        commit(engine, RU_CP1251.read_bytes(), "ru.csv", gaz)
    assert nothing_written(engine)  # rolled back: no activity, no link, no log, no audit


def test_a_plan_that_changed_since_the_preview_is_refused(engine, gaz):
    data = csv_bytes(english_rows())
    preview = preview_import(engine, data, "en.csv", gaz, today=TODAY)
    commit(engine, csv_bytes(english_rows()[:2]), "first.csv", gaz)  # someone imported a row meanwhile
    with pytest.raises(ImportConflict):
        commit(engine, data, "en.csv", gaz, expected_digest=preview.digest)
    assert count(engine, activities) == 1


def test_rejected_rows_block_the_import_unless_skipped(engine, gaz):
    rows = english_rows() + [["Bad", "party", "2024-01-01", "", "Podolsk", "", "", "", "", ""]]
    with pytest.raises(ImportRefused) as refused:
        commit(engine, csv_bytes(rows), "mixed.csv", gaz)
    assert refused.value.code == "has_rejections" and "Rows rejected: 1," in refused.value.message("en")
    assert nothing_written(engine)
    result = commit(engine, csv_bytes(rows), "mixed.csv", gaz, skip_rejected=True)
    assert result.counts == {"add": 3, "update": 0, "unchanged": 0, "withdrawn": 0, "rejected": 1, "total": 4}
    assert count(engine, activities) == 3


def test_a_withdrawn_activity_stays_withdrawn_on_reimport(engine, gaz):
    from dashboard.registry import service

    data = csv_bytes(english_rows())
    commit(engine, data, "en.csv", gaz)
    service.withdraw_activity(engine, 2, "boris")
    preview = preview_import(engine, data, "en.csv", gaz, today=TODAY)
    assert preview.counts["withdrawn"] == 1 and preview.counts["add"] == 0


# ---- bad input: a clear message, nothing written ----------------------------------------------------------------

def refused(engine, gaz, data: bytes, name: str = "file.csv") -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        commit(engine, data, name, gaz)
    assert nothing_written(engine)
    return caught.value


def test_wrong_encodings_are_refused(engine, gaz):
    text = "Название;Тип;Дата начала;Города\n" + "Праздник города в Подольске;Фестиваль;01.06.2024;Москва\n" * 5
    koi8 = refused(engine, gaz, text.encode("koi8_r"))
    assert koi8.code == "encoding" and "UTF-8" in koi8.message("en") and "KOI8-R" in koi8.message("en")
    mixed = refused(engine, gaz, "Название;Тип\n".encode("cp1251") + "Дата начала;Города\nПодольск".encode("utf-8"))
    assert mixed.code == "encoding"
    bad_bom = refused(engine, gaz, b"\xef\xbb\xbf" + text.encode("cp1251"))
    assert bad_bom.code == "encoding_mixed"
    assert refused(engine, gaz, "a,b\x00c".encode("utf-8") * 10).code == "binary"


def test_missing_columns_are_named(engine, gaz):
    error = refused(engine, gaz, csv_bytes([["Title", "Start date", "Places"], ["A", "2024-01-01", "Minsk"]]))
    assert error.code == "missing_columns_headers"
    assert "type" in error.message("en") and "Title, Start date, Places" in error.message("en")
    garbled = "Название;Тип;Дата начала\nА;форум;2024-01-01\n".encode("utf-8").decode("cp1251").encode("utf-8")
    assert refused(engine, gaz, garbled).code == "missing_columns_encoding"


def test_row_errors_name_row_column_and_reason(engine, gaz):
    rows = [english_rows()[0],
            ["Party", "party", "2024-01-01", "", "Podolsk", "", "", "", "", ""],
            ["Old", "forum", "1800-01-01", "", "Podolsk", "", "", "", "", ""],
            ["Far", "forum", "2099-01-01", "", "Podolsk", "", "", "", "", ""],
            ["Backwards", "forum", "2024-05-02", "2024-05-01", "Podolsk", "", "", "", "", ""],
            ["Nowhere", "forum", "2024-05-02", "", "Atlantis", "", "", "", "", ""],
            ["No place", "forum", "2024-05-02", "", "", "", "", "", "", ""],
            ["Not twins", "forum", "2024-05-02", "", "", "", "", "Podolsk – Moscow", "", ""],
            ["Twice", "forum", "2024-05-02", "", "Minsk", "", "", "", "", ""],
            ["twice ", "Forum", "02.05.2024", "", "625144", "", "", "", "", ""],
            ["", "forum", "soon", "", "Minsk", "", "Narnia", "", "", "mailto:x"]]
    preview = preview_import(engine, csv_bytes(rows), "bad.csv", gaz, today=TODAY)
    found = {(r.row, r.column, r.code) for r in preview.rejections}
    assert found == {
        (2, "Type", "unknown_type"), (3, "Start date", "date_out_of_range"), (4, "Start date", "date_out_of_range"),
        (5, "End date", "end_before_start"), (6, "Places", "unknown_place"), (7, "Places", "no_location"),
        (8, "Twinning", "unknown_twinning"), (10, "Title", "duplicate_row"), (11, "Title", "missing_value"),
        (11, "Start date", "bad_date"), (11, "Countries", "unknown_country"), (11, "Source", "bad_source"),
    }
    messages = {r.code: r.message("en") for r in preview.rejections}
    assert "unknown type “party”" in messages["unknown_type"]
    assert "the same activity as row 9" in messages["duplicate_row"]
    assert "unknown place “Atlantis”" in messages["unknown_place"]
    assert preview.counts["add"] == 1 and preview.counts["rejected"] == 9
    with pytest.raises(ImportRefused):
        commit(engine, csv_bytes(rows), "bad.csv", gaz)
    assert nothing_written(engine)


def test_a_50_mb_file_is_refused_before_reading(engine, gaz):
    big = csv_bytes(english_rows()) + b"x" * (50 * 2**20)
    error = refused(engine, gaz, big)
    assert error.code == "too_large" and "50.0 MB" in error.message("en") and "20 MB" in error.message("en")
    assert len(big) > MAX_UPLOAD_BYTES


def test_an_xlsx_that_is_not_one_is_refused(engine, gaz):
    assert refused(engine, gaz, csv_bytes(english_rows()), "activities.xlsx").code == "not_xlsx"
    broken_zip = io.BytesIO()
    with zipfile.ZipFile(broken_zip, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    assert refused(engine, gaz, broken_zip.getvalue(), "activities.xlsx").code == "not_xlsx"
    assert refused(engine, gaz, b"PK\x03\x04" + b"\x00" * 100, "activities.csv").code == "not_xlsx"
    old = refused(engine, gaz, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "activities.xls")
    assert old.code == "old_xls" and ".xlsx" in old.message("en")


def test_empty_files_and_headers_without_rows_are_refused(engine, gaz):
    assert refused(engine, gaz, b"").code == "empty"
    assert refused(engine, gaz, b"  \r\n ").code == "empty"
    assert refused(engine, gaz, csv_bytes([english_rows()[0]])).code == "no_rows"
    double = english_rows()[0] + ["Название"]
    assert refused(engine, gaz, csv_bytes([double, english_rows()[1] + ["x"]])).code == "duplicate_column"


def test_messages_are_bilingual():
    error = ImportRefused("too_large", size_mb="50.0", limit_mb=20)
    assert "50.0 MB" in error.message("en") and "50.0 МБ" in error.message("ru")
    assert "Ничего не импортировано" in error.message("ru")


def test_the_registry_catalogue_has_the_ambiguous_town():
    places = registry_catalog().places
    assert set(places.loc[places["name_ru"] == "Подольск", "iso3"]) == {"RUS", "UKR"}
