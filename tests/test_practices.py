"""The practice library and the partner search on real registries (SQLite and PostgreSQL) and the real store:
word forms and Chinese are found, the same on both databases; unpublished practices stay invisible to the
public and the API; markup comes back as text; imports are idempotent; moderation is audited; suggested
partners are never in the same country nor already partners; requests expire and match each other."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from sqlalchemy import func, select

from dashboard.charts import practices as library
from dashboard.registry import partners, practices
from dashboard.registry.database import registry_engine
from dashboard.registry.gazetteer import gazetteer_for
from dashboard.registry.partner_suggestions import partners_of
from dashboard.registry.practice_search import search_practices, snippet_html
from dashboard.registry.practice_tables import practices as practices_table
from dashboard.registry.schema import registry_audit
from dashboard.registry.search_terms import query_words, terms_of
from dashboard.registry.users import User

EDITOR = User("ed", "editor")
ADMIN = User("ada", "admin")
HEADER = "slug,title_en,title_ru,title_zh,summary_en,summary_ru,period_start,sectors,places,sources\n"
ROWS = [
    "tour-a,Border tourism route,Маршрут приграничного туризма,,A joint route for tourists,"
    "Совместный маршрут для развития туризма,2015,tourism,Blagoveshchensk [2026609]; Heihe [2036973],https://example.org/a",
    "tour-b,Tourist information centre,Туристический информационный центр,,An office for visitors,"
    "Туристический центр для гостей двух городов,2018,tourism,Hrodna [627904],https://example.org/b",
    "agro-c,Agri-tourism farms,Агроусадьбы,,Farms open for agri-tourism,Усадьбы для сельского отдыха,2016,"
    "agriculture,Hrodna [627904],https://example.org/c",
    "zh-d,Cross-border cooperation,Трансграничное сотрудничество,跨境旅游合作,Shared services,Общие службы,2019,"
    "economy,Heihe [2036973],https://example.org/d",
]


@pytest.fixture
def gazetteer(store_catalog):
    return gazetteer_for(store_catalog)


def csv_bytes(rows) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode("utf-8")


@pytest.fixture
def engine_with_practices(registry_url, gazetteer):
    engine = registry_engine(registry_url)
    preview = practices.preview_practices(engine, csv_bytes(ROWS), "p.csv", gazetteer)
    assert not preview.rejections, preview.rejections
    practices.commit_practices(engine, preview, "seed", status="published")
    return engine


def slugs(engine, query: str) -> set[str]:
    return set(search_practices(engine, query)["slug"])


# ---- search ------------------------------------------------------------------------------------------------

def test_terms_join_word_forms_and_derived_words():
    assert set(query_words("туризма")[0].alternatives) & set(terms_of("туристический").split())
    assert set(query_words("agritourism")[0].alternatives) & set(terms_of("agri-tourism").split())
    assert "旅游" in terms_of("跨境旅游合作").split()


def test_russian_word_forms_english_compounds_and_chinese_are_found_the_same_on_both_databases(engine_with_practices):
    engine = engine_with_practices
    # the same answers on SQLite (FTS5) and PostgreSQL (tsvector): this test runs on both
    for word in ("туризма", "туристический", "туризм"):
        assert slugs(engine, word) == {"tour-a", "tour-b"}, word
    assert slugs(engine, "agritourism") == slugs(engine, "agri-tourism") == {"agro-c"}
    assert slugs(engine, "旅游") == {"zh-d"}
    # ranked the same on both: the word's own stem (туризм) above a derived word (туристический)
    assert list(search_practices(engine, "туризм")["slug"]) == ["tour-a", "tour-b"]
    assert slugs(engine, "туризм маршрут") == {"tour-a"}  # every word must match
    assert slugs(engine, "космос") == set()


def test_results_combine_with_filters_and_snippets_mark_the_words(engine_with_practices, store_catalog):
    facts = library.place_facts(store_catalog)
    found = search_practices(engine_with_practices, "туризм",
                             library.PracticeFilters(countries=("BLR",)), facts, lang="ru")
    assert list(found["slug"]) == ["tour-b"]
    assert "<mark>Туристический</mark>" in found.iloc[0]["snippet_html"]
    assert set(search_practices(engine_with_practices, "", library.PracticeFilters(sectors=("agriculture",)),
                                facts)["slug"]) == {"agro-c"}
    assert set(search_practices(engine_with_practices, "", library.PracticeFilters(year_to=2016),
                                facts)["slug"]) == {"tour-a", "agro-c"}  # started by then (ongoing ones run on)


def test_markup_in_a_practice_comes_back_as_text():
    assert snippet_html("<script>alert(1)</script> туризм", {"туризм", "0тур"}) == \
        "&lt;script&gt;alert(1)&lt;/script&gt; <mark>туризм</mark>"


# ---- moderation and visibility -------------------------------------------------------------------------------

def cells(slug: str, title: str) -> dict:
    return {"slug": slug, "title_en": title, "title_ru": "Туризм без границ " + title, "summary_en": title,
            "summary_ru": "Туристический обмен", "period_start": "2020", "sectors": "tourism",
            "places": "Hrodna [627904]", "sources": "https://example.org/x"}


def test_an_unpublished_practice_is_invisible_until_an_admin_publishes_it(engine_with_practices, gazetteer):
    engine = engine_with_practices
    practice_id = practices.submit_practice(engine, gazetteer, cells("new-x", "<b>New</b> x"), EDITOR)
    assert "new-x" not in slugs(engine, "туризм")
    assert "new-x" in set(search_practices(engine, "туризм", include_unpublished=True)["slug"])
    with pytest.raises(practices.NotAllowed):
        practices.moderate_practice(engine, practice_id, "publish", EDITOR)
    practices.moderate_practice(engine, practice_id, "request_changes", ADMIN, "add figures")
    assert "new-x" not in slugs(engine, "туризм")
    practices.moderate_practice(engine, practice_id, "publish", ADMIN)
    assert "new-x" in slugs(engine, "туризм")
    with engine.connect() as connection:
        trail = connection.execute(select(registry_audit.c.user_name, registry_audit.c.action).where(
            registry_audit.c.entity == "practice", registry_audit.c.entity_key == str(practice_id))
            .order_by(registry_audit.c.audit_id)).all()
    assert [tuple(row) for row in trail] == [("ed", "insert"), ("ada", "request_changes"), ("ada", "publish")]


def test_importing_the_same_practices_twice_changes_nothing(registry_url, gazetteer):
    engine = registry_engine(registry_url)
    first = practices.preview_practices(engine, csv_bytes(ROWS), "p.csv", gazetteer)
    assert practices.commit_practices(engine, first, "ed")["added"] == 4
    with engine.connect() as connection:
        before = connection.execute(select(func.count()).select_from(registry_audit)).scalar()
        rows_before = connection.execute(select(practices_table.c.slug, practices_table.c.content_hash)).all()
    again = practices.preview_practices(engine, csv_bytes(ROWS), "p.csv", gazetteer)
    assert (len(again.add), len(again.update), len(again.unchanged)) == (0, 0, 4)
    assert practices.commit_practices(engine, again, "ed") == {"added": 0, "updated": 0, "unchanged": 4, "rejected": 0}
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(registry_audit)).scalar() == before
        assert connection.execute(select(practices_table.c.slug, practices_table.c.content_hash)).all() == rows_before


def test_a_bad_row_is_rejected_with_its_reason_and_nothing_is_written(registry_url, gazetteer):
    engine = registry_engine(registry_url)
    bad = ROWS[0].replace("2015", "20x5").replace("tourism,Blag", "spaceflight,Blag")
    preview = practices.preview_practices(engine, ("название,title_en,описание,summary_en,с,сферы,места,источники\n"
                                                   "Тест,Test,Описание,Summary,2020,туризм,Hrodna [627904],"
                                                   "https://example.org/t\n").encode("utf-8"), "ru.csv", gazetteer)
    assert [v.slug for v in preview.add] == ["test"]  # Russian headers are understood
    preview = practices.preview_practices(engine, csv_bytes([bad]), "p.csv", gazetteer)
    assert {(column, problem.code) for _, column, problem in preview.rejections} == {
        ("period_start", "bad_year"), ("sectors", "unknown_sector")}
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(practices_table)).scalar() == 0


# ---- partner search ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("place_id", [625665, 2026609, 627904, 1522203])  # Mogilev, Blagoveshchensk, Grodno, Kokshetau
def test_a_suggested_partner_is_never_in_the_same_country_nor_already_a_partner(store_catalog, tmp_path, place_id):
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    table = library.suggestions(store_catalog, place_id, "en", url=url, top=50)
    me = store_catalog.places.set_index("place_id").loc[place_id]
    assert len(table) > 0
    assert not (table["iso3"] == me["iso3"]).any()
    assert not set(table["place_id"]) & set(partners_of(store_catalog.twinnings, place_id))
    assert place_id not in set(table["place_id"])
    assert table["score"].is_monotonic_decreasing
    near = library.suggestions(store_catalog, place_id, "en", emphasis="near", url=url, top=50)
    assert near["distance_km"].head(5).mean() <= table["distance_km"].head(5).mean() + 1e-9


def request_cells(place: str, sectors: str, countries: str = "", expires: str = "2027-06-30") -> dict:
    return {"place": place, "description": "partners for youth exchanges", "sectors": sectors,
            "countries": countries, "organisation": "City hall", "contact": "intl@example.org",
            "expires_on": expires}


def test_requests_are_moderated_expire_and_two_that_fit_each_other_match(store_catalog, gazetteer, tmp_path):
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    engine = registry_engine(url)
    today = dt.date(2026, 12, 2)
    grodno = partners.submit_request(engine, gazetteer, request_cells("Hrodna [627904]", "youth", "LTU"), EDITOR, today=today)
    vilnius_id = int(store_catalog.places.loc[(store_catalog.places["name_en"] == "Vilnius"), "place_id"].iloc[0])
    vilnius = partners.submit_request(engine, gazetteer, request_cells(f"Vilnius [{vilnius_id}]", "youth", "BLR"), EDITOR,
                                      today=today)
    assert partners.request_table(engine, today=today).empty  # nothing public before moderation
    for request_id in (grodno, vilnius):
        partners.moderate_request(engine, request_id, "publish", ADMIN)
    assert len(partners.request_table(engine, today=today)) == 2
    assert partners.request_table(engine, today=dt.date(2027, 7, 1)).empty  # expired: off the list
    assert len(partners.request_table(engine, today=dt.date(2027, 7, 1), include_expired=True)) == 2  # still there
    table = library.suggestions(store_catalog, 627904, "en", space="world", url=url, top=300)
    match = table[table["place_id"] == vilnius_id]
    assert len(match) == 1 and bool(match["mutual_match"].iloc[0]) and int(match["request_matches"].iloc[0]) == 2
    with pytest.raises(practices.PracticeRejected) as rejected:
        partners.submit_request(engine, gazetteer, request_cells("Hrodna [627904]", "youth", expires="2020-01-01"),
                                EDITOR, today=today)
    assert [column for column, _ in rejected.value.problems] == ["expires_on"]


def test_the_reference_practices_are_real_cited_and_imported_published(store_catalog, tmp_path):
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    lib = library.library(store_catalog, url)
    reference = lib.published()
    assert len(reference) >= 20 and reference["is_reference"].all() and not reference["is_sample"].any()
    assert reference["sources"].str.startswith("http").all()
    assert len(lib.transfers) >= 5
    assert library.library(store_catalog, url).version == lib.version  # imported once



# ---- pages, API and PDF card on the app ------------------------------------------------------------------------

@pytest.fixture
def client_and_engine(store_engine, tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    monkeypatch.setenv("BORDERLINKS_REGISTRY_URL", url)
    from dashboard.app import create_app

    app = create_app()
    return app.server.test_client(), registry_engine(url)


def test_an_unpublished_practice_is_invisible_to_the_api_and_markup_comes_back_as_text(client_and_engine, store_catalog):
    from pypdf import PdfReader

    from dashboard.exports.figure_export import image_bytes
    from dashboard.pages.practices_detail import practice_content
    from dashboard.state import ViewState

    client, engine = client_and_engine
    assert client.get("/api/v1/practices?q=bridge").status_code == 200  # seeds the reference practices
    title = '<script>alert("x")</script> Туризм <b>без</b> границ'
    practice_id = practices.submit_practice(engine, gazetteer_for(store_catalog),
                                            {**cells("xss-test", title), "title_ru": title}, EDITOR)
    assert client.get("/api/v1/practices/xss-test").status_code == 404
    assert "xss-test" not in {p["slug"] for p in client.get("/api/v1/practices?q=туризм").json["practices"]}
    assert b"xss-test" not in client.get("/api/v1/practices?q=туризм&format=csv").data
    practices.moderate_practice(engine, practice_id, "publish", ADMIN)

    found = client.get("/api/v1/practices?q=туризм&lang=ru").json["practices"]
    card = next(p for p in found if p["slug"] == "xss-test")
    assert card["title"] == title  # JSON text, as written
    one = client.get("/api/v1/practices/xss-test?lang=ru").json
    assert one["title_ru"] == title and one["status"] == "published"
    # the page shows the title as text (a string child, never parsed as HTML)
    content = practice_content(store_catalog, "xss-test", ViewState(lang="ru"))
    heading = next(c for part in content for c in getattr(part, "children", []) or []
                   if getattr(c, "id", None) == "practice-title")
    assert heading.children == title
    # the PDF card shows it as text too
    pdf = PdfReader(io.BytesIO(image_bytes("practices-map", "pdf", ViewState(lang="ru"), {"id": "xss-test"},
                                           catalog=store_catalog)))
    text = pdf.pages[0].extract_text()
    assert "<script>" in text and "alert" in text


def test_the_csv_of_a_search_neutralises_formulas(client_and_engine, store_catalog):
    client, engine = client_and_engine
    client.get("/api/v1/practices")
    practice_id = practices.submit_practice(engine, gazetteer_for(store_catalog),
                                            {**cells("formula-test", "=HYPERLINK(\"http://x\") tourism")}, EDITOR)
    practices.moderate_practice(engine, practice_id, "publish", ADMIN)
    body = client.get("/api/v1/practices?q=tourism&format=csv&lang=en").data.decode("utf-8")
    assert "'=HYPERLINK" in body and "\n=HYPERLINK" not in body and ",=HYPERLINK" not in body
    refused = client.get("/api/v1/practices?q=tourism&space=NOPE")
    assert refused.status_code == 400 and "space" in refused.get_json()["error"]


def sign_in(client, name: str, password: str = "correct horse battery") -> str:
    token = client.get("/auth/whoami").get_json()["csrf_token"]
    assert client.post("/auth/login", data={"name": name, "password": password, "csrf_token": token,
                                            "next": "/practices"}).status_code == 303
    return client.get("/auth/whoami").get_json()["csrf_token"]


def test_writes_need_an_editor_and_the_token_and_moderation_needs_an_admin(client_and_engine):
    import base64

    from dashboard.registry.users import add_user

    client, engine = client_and_engine
    add_user(engine, "ed", "correct horse battery", "editor")
    add_user(engine, "ada", "correct horse battery", "admin")
    body = cells("api-x", "Api tourism")
    assert client.post("/api/v1/practices", json=body).status_code == 403  # anonymous
    token = sign_in(client, "ed")
    assert client.post("/api/v1/practices", json=body).status_code == 403  # no CSRF token
    saved = client.post("/api/v1/practices", json=body, headers={"X-CSRF-Token": token}).get_json()
    assert saved["saved"] and saved["status"] == "submitted"
    bad = client.post("/api/v1/practices", json={**body, "slug": "api-y", "period_start": "year"},
                      headers={"X-CSRF-Token": token})
    assert bad.status_code == 400 and [p["column"] for p in bad.get_json()["problems"]] == ["period_start"]
    assert client.get("/api/v1/practices/api-x").status_code == 404
    refused = client.post(f"/api/v1/practices/{saved['practice_id']}/moderate", json={"action": "publish"},
                          headers={"X-CSRF-Token": token})
    assert refused.status_code == 403
    # an import: preview writes nothing, the commit needs the previewed file, a second import changes nothing
    upload = {"file_name": "p.csv", "content_base64": base64.b64encode(csv_bytes(ROWS)).decode()}
    preview = client.post("/api/v1/practices/import/preview", json=upload, headers={"X-CSRF-Token": token}).get_json()
    assert (len(preview["add"]), preview["rejected"]) == (4, [])
    assert client.get("/api/v1/practices/tour-a").status_code == 404
    wrong = client.post("/api/v1/practices/import/commit", json={**upload, "digest": "0" * 64},
                        headers={"X-CSRF-Token": token})
    assert wrong.status_code == 409
    done = client.post("/api/v1/practices/import/commit", json={**upload, "digest": preview["digest"]},
                       headers={"X-CSRF-Token": token}).get_json()
    assert (done["added"], done["unchanged"]) == (4, 0)
    again = client.post("/api/v1/practices/import/preview", json=upload, headers={"X-CSRF-Token": token}).get_json()
    assert (len(again["add"]), len(again["update"]), len(again["unchanged"])) == (0, 0, 4)
    client.post("/auth/logout", data={"csrf_token": token})
    token = sign_in(client, "ada")
    queue = client.get("/api/v1/practices/moderation").get_json()
    assert {p["slug"] for p in queue["practices"]} == {"api-x", "tour-a", "tour-b", "agro-c", "zh-d"}
    assert client.post(f"/api/v1/practices/{saved['practice_id']}/moderate", json={"action": "publish"},
                       headers={"X-CSRF-Token": token}).get_json() == {"status": "published"}
    assert client.get("/api/v1/practices/api-x").get_json()["title_en"] == "Api tourism"


def test_a_partner_request_goes_through_moderation_and_is_listed_until_it_expires(client_and_engine):
    from dashboard.registry.users import add_user

    client, engine = client_and_engine
    add_user(engine, "ed", "correct horse battery", "editor")
    add_user(engine, "ada", "correct horse battery", "admin")
    token = sign_in(client, "ed")
    body = {"place": "627904", "description": "youth <b>exchanges</b>", "sectors": ["youth"], "countries": ["RUS"],
            "max_border_km": "200", "organisation": "Grodno city", "contact": "intl@example.org",
            "expires_on": (dt.date.today() + dt.timedelta(days=90)).isoformat(), "languages": "ru; en"}
    saved = client.post("/api/v1/partner-requests", json=body, headers={"X-CSRF-Token": token}).get_json()
    assert saved["saved"]
    assert client.get("/api/v1/partner-requests").get_json()["count"] == 0  # not before moderation
    client.post("/auth/logout", data={"csrf_token": token})
    token = sign_in(client, "ada")
    assert client.post(f"/api/v1/partner-requests/{saved['request_id']}/moderate", json={"action": "publish"},
                       headers={"X-CSRF-Token": token}).get_json() == {"status": "published"}
    listed = client.get("/api/v1/partner-requests").get_json()["partner_requests"]
    assert [(r["place_id"], r["description"], r["sectors"], r["countries"]) for r in listed] == [
        (627904, "youth <b>exchanges</b>", "youth", "RUS")]
    assert client.get("/api/v1/partner-requests?sector=culture").get_json()["count"] == 0
