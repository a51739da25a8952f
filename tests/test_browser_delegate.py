"""A delegate's session in headless Chromium (issue 20): pages reached through the menu as a user does, the
corridors table under a pair filter, and every page in Russian and Chinese free of English words.

Run: `.venv/bin/python -m pytest --headless tests/test_browser_delegate.py`. Needs the built store.
"""

from __future__ import annotations

import time

import pytest
from browser_checks import wait_until
from selenium.webdriver.common.by import By

from dashboard.store.chinese_transcription import CHINESE_SCRIPT_COUNTRIES

pytestmark = pytest.mark.browser

MATRIX = "#network-matrix .js-plotly-plot"


@pytest.fixture
def app(store_app):
    return store_app


def open_page(dash_duo, path: str, ready: str) -> None:
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    dash_duo.wait_for_page(url=dash_duo.server.url + path)
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, ready), 40, f"{ready} not drawn")


def follow_menu(dash_duo, path: str) -> None:
    """Click the header's link to `path` (client-side navigation, no reload)."""
    link = next(a for a in dash_duo.driver.find_elements(By.CSS_SELECTOR, "header a")
                if (a.get_attribute("href") or "").split("?")[0].endswith(path))
    link.click()
    wait_until(dash_duo, lambda: dash_duo.driver.current_url.split("?")[0].endswith(path), 20)


def severe_errors(dash_duo) -> list[str]:
    return [e["message"] for e in dash_duo.get_logs() if e.get("level") == "SEVERE"]


def test_the_matrix_is_drawn_after_coming_from_activities_through_the_menu(dash_duo, app):
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/activities?lang=ru", ".page-area h1")
    follow_menu(dash_duo, "/network")
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, MATRIX + " .hm"), 40,
               "the matrix stayed empty axes after client-side navigation")
    cells = dash_duo.driver.execute_script(
        "return document.querySelector(arguments[0])._fullData[0].customdata.length", MATRIX)
    assert cells > 1
    assert not [m for m in severe_errors(dash_duo) if "Cannot patch" in m]


def corridor_rows(dash_duo) -> list[str]:
    return dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#corridors-grid .ag-center-cols-container .ag-row'))"
        ".map(r => r.innerText)")


def test_the_corridors_table_keeps_to_the_chosen_pair(dash_duo, app):
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/corridors?lang=ru&scope=between&pair=RUS,BLR", "#corridors-grid .ag-row")
    wait_until(dash_duo, lambda: corridor_rows(dash_duo), 40)
    rows = corridor_rows(dash_duo)
    assert rows and all("Беларусь" in row and "Россия" in row for row in rows), rows  # no Mexico–USA
    assert not [r for r in rows if "Бишкек" in r or "Мексика" in r]


def test_between_two_countries_takes_the_countries_already_chosen(dash_duo, app):
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/corridors?lang=ru&countries=BLR,RUS", "#corridors-grid .ag-row")
    scope = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#filter-link-scope input[value='between']")[0]
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", scope)
    scope.click()
    wait_until(dash_duo, lambda: "pair=BLR%2CRUS" in dash_duo.driver.current_url
               or "pair=BLR,RUS" in dash_duo.driver.current_url, 20, "the pair did not take the chosen countries")
    wait_until(dash_duo, lambda: corridor_rows(dash_duo) and all(
        "Беларусь" in row and "Россия" in row for row in corridor_rows(dash_duo)), 40)


def test_the_grids_page_in_russian(dash_duo, app):
    """AG Grid's own paging texts come in the interface language ("1 – 50 из 167. Страница 1 из 4")."""
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/sources?lang=ru", "#sources-review .ag-paging-panel, .ag-paging-panel")
    wait_until(dash_duo, lambda: "Страница" in dash_duo.driver.execute_script(
        "return document.querySelector('.ag-paging-panel').textContent"), 30)
    paging = dash_duo.driver.execute_script("return document.querySelector('.ag-paging-panel').textContent")
    assert " из " in paging and "Page" not in paging and " of " not in paging


# ---- no English in the Russian interface -------------------------------------------------------------------

#: Latin words a Russian page may show: the product's name, sources' proper names, formats, licence codes
ALLOWED_WORDS = {"Borderlinks", "Natural", "Earth", "GeoNames", "OpenStreetMap", "QGIS", "Excel", "CSV", "XLSX",
                 "PNG", "SVG", "PDF", "DOCX", "GeoJSON", "JSON", "API", "ID", "CC", "BY", "SA", "ODbL", "CC0",
                 "UTF", "Windows", "OK"}
ALLOWED_PATTERN = r"^([A-Z]{2,3}|[A-Z]\d+|v\d[\d.]*|[IVXLC]+)$"  # ISO codes (BLR, RU), P190, versions, XIII

#: visible text of the page outside code, links to other sites, text marked as another language
#: (`lang` attribute) and plotly's toolbar; placeholders of visible inputs too
VISIBLE_TEXT = """
var out = [];
function shown(el) {
  for (var e = el; e && e !== document.body; e = e.parentElement) {
    var s = getComputedStyle(e);
    if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return false;
  }
  var r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
}
var skip = 'script,style,noscript,code,.modebar,a[href^="http"],[lang]:not(html)';
var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (var node; (node = walker.nextNode());) {
  var el = node.parentElement;
  if (!/[A-Za-z]/.test(node.nodeValue) || !el || el.closest(skip) || !shown(el)) continue;
  out.push(node.nodeValue.trim());
}
document.querySelectorAll('input[placeholder]').forEach(function (el) {
  if (shown(el) && !el.closest(skip)) out.push(el.placeholder);
});
return out;
"""

#: every page of the product, the templates with one example each (a city, a practice), and the 404 page
EVERY_PAGE = ["/", "/corridors", "/network", "/activities", "/practices", "/practices/blagoveshchensk-heihe-road-bridge",
              "/partners", "/monitoring", "/sources", "/about", "/country/BLR", "/city/629634", "/present",
              "/registry", "/views", "/no-such-page"]


def english_words(texts: list[str], also_allowed: frozenset[str] = frozenset()) -> list[str]:
    """The words of `texts` in Latin letters that are neither on the allow-list nor in `also_allowed`."""
    import re

    found = []
    for text in texts:
        text = re.sub(r"\S+@\S+|https?://\S+|\b[\w.-]+\.(?:org|com|ru|net|int|kz|kg|by|cn|tj|uz|gov|life)\b"
                      r"|[\w.-]*/[\w./-]+\.\w+", "", text)  # addresses, domains and file paths are codes
        for word in re.findall(r"[A-Za-z][A-Za-z0-9'’]+", text):
            if word not in ALLOWED_WORDS and word not in also_allowed and not re.match(ALLOWED_PATTERN, word):
                found.append(f"{word!r} in {text[:80]!r}")
    return found


def page_ready(dash_duo) -> bool:
    """The page's content is in (a heading or the map) and Dash is not loading."""
    return dash_duo.driver.execute_script(
        "return !document.querySelector('._dash-loading') && "
        "!!document.querySelector('.page-area h1, .page-area .js-plotly-plot .main-svg');")


def settled_text(dash_duo, quiet_seconds: float = 1.5) -> list[str]:
    """The page's visible text once late callbacks have landed: Dash not loading and the text unchanged for
    `quiet_seconds` (a condition polled, not a fixed wait)."""
    seen: dict = {"text": None, "since": 0.0}

    def settled():
        if not page_ready(dash_duo):
            seen["text"] = None
            return False
        now = dash_duo.driver.execute_script(VISIBLE_TEXT)
        if now != seen["text"]:
            seen.update(text=now, since=time.monotonic())
            return False
        return time.monotonic() - seen["since"] >= quiet_seconds

    wait_until(dash_duo, settled, 60, "the page's text kept changing")
    return seen["text"]


def test_the_walk_covers_every_page():
    import dash

    from dashboard.app import create_app

    create_app()
    registered = {page.get("path_template") or page["path"] for page in dash.page_registry.values()}
    examples = {"/city/<place_id>": "/city/629634", "/country/<iso3>": "/country/BLR",
                "/practices/<slug>": "/practices/blagoveshchensk-heihe-road-bridge"}
    assert {examples.get(path, path) for path in registered if "404" not in path} == set(EVERY_PAGE) - {"/no-such-page"}


def pinyin_names(catalog) -> frozenset[str]:
    """The words of the romanised names of Chinese-script places the store has no characters for (Dongxing):
    proper names the Chinese interface shows as they are (characters cannot be told from pinyin)."""
    import re

    places = catalog.places
    chinese = places[places["iso3"].isin(CHINESE_SCRIPT_COUNTRIES) & places["name_zh"].isna()]
    return frozenset(word for name in chinese["name_en"] for word in re.findall(r"[A-Za-z][A-Za-z0-9'’]+", name))


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_every_page_shows_no_english_word_and_no_console_error(dash_duo, app, store_catalog, lang):
    """Every page in Russian and in Chinese: no visible English word (placeholders, tooltips' anchors, table
    headers, grids' texts, dataset descriptions, event and practice titles, place names) outside proper names
    and codes on the allow-list, and no browser error."""
    proper_names = pinyin_names(store_catalog) if lang == "zh" else frozenset()
    dash_duo.start_server(app, navigate=False)
    found: dict[str, list[str]] = {}
    for path in EVERY_PAGE:
        open_page(dash_duo, f"{path}?lang={lang}", ".page-area")
        words = english_words(settled_text(dash_duo), proper_names)
        errors = severe_errors(dash_duo)
        if words or errors:
            found[path] = words[:10] + errors
    assert found == {}, f"English or errors in the {lang} interface: {found}"


@pytest.mark.parametrize("path", ["/country/BLR?lang=ru", "/activities?lang=ru&space=world"])
def test_nothing_is_cut_or_wider_than_the_page_at_1280x800(dash_duo, app, path):
    """No sideways scrolling (the Belarus profile's regions table), no grid header cut to «Нач…»."""
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, path, ".page-area h1")
    wait_until(dash_duo, lambda: page_ready(dash_duo), 60)
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, ".data-table, .ag-header-cell-text"),
               40)
    dash_duo.driver.execute_script("return new Promise(r => setTimeout(r, 1500))")
    widths = dash_duo.driver.execute_script(
        "var pa = document.querySelector('.page-area'); return [pa.scrollWidth, pa.clientWidth];")
    assert widths[0] <= widths[1], f"{path} scrolls sideways: {widths}"
    cut = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('.ag-header-cell-text'))"
        ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)")
    assert cut == []


@pytest.mark.parametrize("lang, word", [("ru", "Увеличить"), ("zh", "放大")])
def test_plotlys_toolbar_speaks_the_interface_language(dash_duo, app, lang, word):
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, f"/country/BLR?lang={lang}", ".page-area .modebar-btn")
    titles = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('.modebar-btn')).map(b => b.getAttribute('data-title'))")
    assert word in titles, titles
    assert severe_errors(dash_duo) == []


@pytest.fixture
def app_with_new_registry(store_engine, tmp_path, monkeypatch):
    """The app on a new registry (the reference practices brought in from data/practices.csv)."""
    from dashboard.app import create_app

    monkeypatch.setenv("BORDERLINKS_REGISTRY_URL", f"sqlite:///{tmp_path / 'registry.sqlite'}")
    return create_app()


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_a_practice_page_shows_its_texts_translated_not_the_english_original(dash_duo, app_with_new_registry, lang):
    """The problem, what was done, results and organisation in the interface language (data/practices.csv's
    translations), not marked as another language, without the 'shown as recorded' note, and no English
    word left on the page."""
    import csv

    from dashboard.registry.practices import PRACTICES_CSV

    slug = "blagoveshchensk-heihe-road-bridge"
    with PRACTICES_CSV.open(encoding="utf-8") as file:
        row = next(r for r in csv.DictReader(file) if r["slug"] == slug)
    dash_duo.start_server(app_with_new_registry, navigate=False)
    open_page(dash_duo, f"/practices/{slug}?lang={lang}", "#practice-problem p")
    for name in ("problem", "actions", "results"):
        text = dash_duo.find_element(f"#practice-{name} p")
        assert text.text == row[f"{name}_{lang}"] and not text.get_attribute("lang")
    organisation = dash_duo.find_element("#practice-organisation")
    assert organisation.text == row[f"organisation_{lang}"] and not organisation.get_attribute("lang")
    assert not dash_duo.driver.find_elements(By.CSS_SELECTOR, "#practice-original-note")
    assert english_words(settled_text(dash_duo)) == []
    assert severe_errors(dash_duo) == []
