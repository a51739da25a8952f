"""The reference practices (data/practices.csv) in a registry: their long texts in every UI language, and
rows and columns added to the file later brought into a registry that already has an older copy - without
reviving a practice staff withdrew or deleted, or overwriting a practice staff edited."""

from __future__ import annotations

import csv
import re
import threading

from registry_world import gazetteer
from sqlalchemy import create_engine, delete, select

from dashboard.registry import practices
from dashboard.registry.database import registry_engine, set_meta_value
from dashboard.registry.practice_tables import practices as practices_table
from dashboard.registry.users import User

ADMIN = User("ada", "admin")
OLD_HEADER = "slug,title_en,title_ru,summary_en,summary_ru,period_start,sectors,places,sources,problem,organisation"
NEW_HEADER = OLD_HEADER + ",problem_ru,problem_zh,organisation_ru,organisation_zh"


def row(slug: str, problem: str = "Ferries only", translations: str = "") -> str:
    return (f"{slug},Bridge {slug},Мост {slug},A bridge,Мост через реку,2016,infrastructure,Gomel [627907],"
            f"https://example.org/{slug},{problem},City hall" + (f",{translations}" if translations else ""))


TRANSLATED = "Только паромы,只有渡轮,Мэрия,市政府"


def write(path, header: str, rows: list[str]):
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def state(engine) -> dict[str, tuple]:
    with engine.connect() as connection:
        return {r.slug: (r.status, r.problem, r.problem_ru, r.problem_zh, r.organisation_zh, r.updated_by)
                for r in connection.execute(select(practices_table))}


def test_an_old_registry_gets_new_rows_and_translations_and_staff_work_stands(tmp_path):
    engine = registry_engine(f"sqlite:///{tmp_path / 'r.sqlite'}")
    gaz = gazetteer()
    old = write(tmp_path / "practices.csv", OLD_HEADER, [row(s) for s in ("kept", "edited", "withdrawn", "deleted")])
    none = tmp_path / "no-transfers.csv"
    # imported as the code before translations did: once, as 'system', published, then never again
    preview = practices.preview_practices(engine, old.read_bytes(), old.name, gaz)
    assert practices.commit_practices(engine, preview, practices.SEED_USER, "published", reference=True)["added"] == 4
    with engine.begin() as connection:
        set_meta_value(connection, practices.FIRST_SEED_META, "2026-12-02T14:31:11")
    edited = {**dict(zip(OLD_HEADER.split(","), row("edited").split(","))), "problem": "Ferries, and ice in winter"}
    practices.submit_practice(engine, gaz, edited, ADMIN)
    with engine.begin() as connection:
        ids = dict(connection.execute(select(practices_table.c.slug, practices_table.c.practice_id)).all())
    practices.moderate_practice(engine, ids["edited"], "publish", ADMIN)
    practices.moderate_practice(engine, ids["withdrawn"], "reject", ADMIN, "not a border practice")
    with engine.begin() as connection:
        connection.execute(delete(practices_table).where(practices_table.c.slug == "deleted"))

    new = write(tmp_path / "practices.csv", NEW_HEADER,
                [row(s, translations=TRANSLATED) for s in ("kept", "edited", "withdrawn", "deleted", "added")])
    counts = practices.sync_reference_practices(engine, gaz, new, none)
    assert {k: v for k, v in counts.items() if v} == {"updated": 1, "added": 1, "kept_corrected": 1,
                                                      "kept_withdrawn": 1, "kept_deleted": 1}
    after = state(engine)
    assert after == {
        "kept": ("published", "Ferries only", "Только паромы", "只有渡轮", "市政府", "system"),
        "edited": ("published", "Ferries, and ice in winter", None, None, None, "ada"),
        "withdrawn": ("rejected", "Ferries only", None, None, None, None),
        "added": ("published", "Ferries only", "Только паромы", "只有渡轮", "市政府", None),
    }
    # idempotent: the same files again do nothing; even a forced pass changes nothing
    assert practices.sync_reference_practices(engine, gaz, new, none) is None
    with engine.begin() as connection:
        set_meta_value(connection, practices.SYNCED_META, "an older file")
    again = practices.sync_reference_practices(engine, gaz, new, none)
    assert again["added"] == again["updated"] == 0 and again["unchanged"] == 2
    assert state(engine) == after


def test_a_registry_switched_off_is_left_without_reference_practices(tmp_path):
    engine = registry_engine(f"sqlite:///{tmp_path / 'r.sqlite'}")
    with engine.begin() as connection:
        set_meta_value(connection, practices.SYNCED_META, practices.OFF)
    path = write(tmp_path / "practices.csv", OLD_HEADER, [row("one")])
    assert practices.sync_reference_practices(engine, gazetteer(), path, tmp_path / "none.csv") is None
    assert state(engine) == {}


def test_a_text_is_shown_in_the_ui_language_else_in_its_original():
    record = {"original_language": "en", "problem": "Ferries only", "problem_ru": "Только паромы",
              "problem_zh": float("nan"), "results": "Trade grew", "results_ru": "  "}
    assert practices.text_in(record, "problem", "ru") == ("Только паромы", "ru")
    assert practices.text_in(record, "problem", "en") == ("Ferries only", "en")
    assert practices.text_in(record, "problem", "zh") == ("Ferries only", "en")  # no translation: the original
    assert practices.text_in(record, "results", "ru") == ("Trade grew", "en")
    assert practices.text_in(record, "actions", "ru") == (None, "en")
    russian = {"original_language": "ru", "problem": "Только паромы", "problem_en": "Ferries only"}
    assert practices.text_in(russian, "problem", "ru") == ("Только паромы", "ru")
    assert practices.text_in(russian, "problem", "en") == ("Ferries only", "en")


def test_every_reference_practice_has_its_long_texts_in_russian_and_chinese():
    with practices.PRACTICES_CSV.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) >= 23
    for record in rows:
        for name in ("problem", "actions", "results", "organisation"):
            assert record[name], (record["slug"], name)
            assert re.search("[а-яё]", record[f"{name}_ru"], re.I), (record["slug"], name)
            assert re.search("[\u4e00-\u9fff]", record[f"{name}_zh"]), (record["slug"], name)
            # the same figures as the original (a translation adds no facts): every 4-digit number (years, amounts)
            for number in re.findall(r"\d{4}", record[name]):
                assert number in record[f"{name}_ru"] and number in record[f"{name}_zh"], (record["slug"], name, number)


def test_two_processes_bringing_the_file_in_at_once_leave_one_copy_and_no_error(tmp_path):
    """Two workers (or the warm-up and a first request) sync a fresh registry at the same moment: neither
    fails, and each practice is there once (the CI run that found this failed on a UNIQUE slug)."""
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    gaz = gazetteer()
    path = write(tmp_path / "practices.csv", NEW_HEADER, [row(f"p{i}", translations=TRANSLATED) for i in range(30)])
    none = tmp_path / "no-transfers.csv"
    errors: list[BaseException] = []
    start = threading.Barrier(3)

    def sync(engine):
        start.wait()
        try:
            practices.sync_reference_practices(engine, gaz, path, none)
        except BaseException as error:  # noqa: BLE001 - the test reports whatever a worker raised
            errors.append(error)

    registry_engine(url)  # the schema, once
    engines = [registry_engine(url), create_engine(url), create_engine(url)]  # as other processes: own connections
    workers = [threading.Thread(target=sync, args=(engine,)) for engine in engines]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert sorted(state(engines[0])) == sorted(f"p{i}" for i in range(30))
