"""The UI's words: one message catalogue (key -> {language: text}) and `t(key, lang)`.

Every piece of UI text goes through `t`. A missing translation falls back to English; an unknown key
shows the key itself (a visible bug, never a crash). Add a language by adding it to LANGUAGES and giving
its texts; until every text has one, English shows through. Texts may hold `{name}` fields that `t`
fills from its keyword arguments.
"""

from __future__ import annotations

import datetime as dt

LANGUAGES: tuple[str, ...] = ("en", "ru")
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "zh": "中文"}

MESSAGES: dict[str, dict[str, str]] = {
    # ---- the product --------------------------------------------------------------------------------
    "app.name": {"en": "Borderlinks", "ru": "Borderlinks"},
    "app.tagline": {
        "en": "Twin cities and cross-border cooperation",
        "ru": "Города-побратимы и приграничное сотрудничество",
    },
    "lang.switch": {"en": "Interface language", "ru": "Язык интерфейса"},
    "nav.label": {"en": "Pages", "ru": "Разделы"},
    # ---- pages ----------------------------------------------------------------------------------------
    "page.map": {"en": "Map", "ru": "Карта"},
    "page.about": {"en": "About & sources", "ru": "О проекте и источники"},
    "page.not_found": {"en": "Page not found", "ru": "Страница не найдена"},
    "page.not_found.back": {"en": "Back to the map", "ru": "Вернуться к карте"},
    # ---- filter panel ---------------------------------------------------------------------------------
    "filters.title": {"en": "Filters", "ru": "Фильтры"},
    "filters.reset": {"en": "Reset filters", "ru": "Сбросить фильтры"},
    "filters.countries": {"en": "Countries", "ru": "Страны"},
    "filters.countries.placeholder": {"en": "All countries", "ru": "Все страны"},
    "filters.blocs": {"en": "Blocs", "ru": "Блоки"},
    "filters.blocs.placeholder": {"en": "Any bloc", "ru": "Любой блок"},
    "filters.regions": {"en": "Regions", "ru": "Регионы"},
    "filters.regions.placeholder": {"en": "All regions", "ru": "Все регионы"},
    "filters.border_only": {"en": "Border regions only", "ru": "Только приграничные регионы"},
    "filters.min_population": {"en": "Population at least", "ru": "Население не менее"},
    "filters.link_scope": {"en": "Twinning links", "ru": "Связи побратимов"},
    "filters.link_scope.touching": {"en": "Touching the selection", "ru": "С участием выбранных"},
    "filters.link_scope.within": {"en": "Within the selection", "ru": "Внутри выбранного"},
    "filters.link_scope.between": {"en": "Between two countries", "ru": "Между двумя странами"},
    "filters.pair.first": {"en": "First country", "ru": "Первая страна"},
    "filters.pair.second": {"en": "Second country", "ru": "Вторая страна"},
    "filters.viewport": {"en": "Map extent", "ru": "Охват карты"},
    "filters.viewport.eurasia": {"en": "Eurasia", "ru": "Евразия"},
    "filters.viewport.world": {"en": "World", "ru": "Мир"},
    "filters.viewport.fit": {"en": "Fit selection", "ru": "По выбору"},
    # ---- display options ------------------------------------------------------------------------------
    "display.title": {"en": "Display", "ru": "Отображение"},
    "display.layers": {"en": "Layers", "ru": "Слои"},
    "display.layers.countries": {"en": "Countries", "ru": "Страны"},
    "display.layers.border_regions": {"en": "Border regions", "ru": "Приграничные регионы"},
    "display.layers.disputed": {"en": "Disputed areas", "ru": "Спорные территории"},
    "display.layers.places": {"en": "Cities", "ru": "Города"},
    "display.layers.links": {"en": "Twinning links", "ru": "Связи побратимов"},
    "display.size_by": {"en": "Circle size", "ru": "Размер кружков"},
    "display.size_by.partners": {"en": "Number of twin cities", "ru": "Число городов-побратимов"},
    "display.size_by.population": {"en": "Population", "ru": "Население"},
    "display.pov": {"en": "Borders as drawn by", "ru": "Границы по версии"},
    "display.pov.default": {"en": "De facto (Natural Earth)", "ru": "Фактические (Natural Earth)"},
    "display.pov.deu": {"en": "Germany", "ru": "Германии"},
    # ---- blocs and statuses (option labels) ------------------------------------------------------------
    "org.SCO": {"en": "SCO", "ru": "ШОС"},
    "org.BRICS": {"en": "BRICS", "ru": "БРИКС"},
    "org.EAEU": {"en": "EAEU", "ru": "ЕАЭС"},
    "org.CIS": {"en": "CIS", "ru": "СНГ"},
    "org.UNION_STATE": {"en": "Union State", "ru": "Союзное государство"},
    "bloc.any_status": {"en": "{org}: all", "ru": "{org}: все"},
    "bloc.with_status": {"en": "{org}: {status}", "ru": "{org}: {status}"},
    "status.member": {"en": "members", "ru": "члены"},
    "status.observer": {"en": "observers", "ru": "наблюдатели"},
    "status.dialogue_partner": {"en": "dialogue partners", "ru": "партнёры по диалогу"},
    "status.partner": {"en": "partner countries", "ru": "страны-партнёры"},
    "status.associate_member": {"en": "associate members", "ru": "ассоциированные члены"},
    # ---- texts inside dcc.Dropdown ----------------------------------------------------------------------
    "dropdown.select_all": {"en": "Select all", "ru": "Выбрать все"},
    "dropdown.deselect_all": {"en": "Deselect all", "ru": "Снять выбор"},
    "dropdown.selected_count": {"en": "{num_selected} selected", "ru": "Выбрано: {num_selected}"},
    "dropdown.search": {"en": "Search", "ru": "Поиск"},
    "dropdown.clear_search": {"en": "Clear search", "ru": "Очистить поиск"},
    "dropdown.clear_selection": {"en": "Clear selection", "ru": "Очистить выбор"},
    "dropdown.no_options_found": {"en": "Nothing found", "ru": "Ничего не найдено"},
    # ---- footer -----------------------------------------------------------------------------------------
    "footer.data_as_of": {"en": "Data as of {date}", "ru": "Данные на {date}"},
    "footer.no_store": {
        "en": "The data store is not built yet. To build it, run: python -m dashboard build",
        "ru": "Хранилище данных ещё не собрано. Чтобы собрать его, выполните: python -m dashboard build",
    },
    "footer.sources": {
        "en": "Sources: Natural Earth, GeoNames, Wikipedia, OpenStreetMap, Wikidata",
        "ru": "Источники: Natural Earth, GeoNames, Википедия, OpenStreetMap, Wikidata",
    },
    # ---- map page ---------------------------------------------------------------------------------------
    "map.heading": {"en": "Twin cities map", "ru": "Карта городов-побратимов"},
    "map.place_card.empty": {
        "en": "Click a city on the map to see its twin cities.",
        "ru": "Нажмите на город на карте, чтобы увидеть его города-побратимы.",
    },
    # map page: key figures, search, legend, hover, card (added by the map page)
    "map.kpi.places": {"en": "Cities linked", "ru": "Городов в связях"},
    "map.kpi.places.help": {"en": "Cities at either end of a twinning in view",
                            "ru": "Города на обоих концах показанных связей"},
    "map.kpi.twinnings": {"en": "Twinnings", "ru": "Побратимских связей"},
    "map.kpi.countries": {"en": "Countries", "ru": "Стран"},
    "map.kpi.countries.help": {"en": "Countries of the cities linked",
                               "ru": "Страны городов в связях"},
    "map.kpi.cross_border": {"en": "Between neighbouring countries", "ru": "Между соседними странами"},
    "map.kpi.cross_border.help": {"en": "Share of twinnings whose two countries share a land border",
                                  "ru": "Доля связей между странами с общей сухопутной границей"},
    "map.search.label": {"en": "Find a city", "ru": "Найти город"},
    "map.search.placeholder": {"en": "City, in Latin or Cyrillic", "ru": "Город, латиницей или кириллицей"},
    "map.legend.title": {"en": "Legend", "ru": "Условные обозначения"},
    "map.legend.countries": {"en": "Countries", "ru": "Страны"},
    "map.legend.countries_selected": {"en": "Selected countries", "ru": "Выбранные страны"},
    "map.legend.border_regions": {"en": "Border regions", "ru": "Приграничные регионы"},
    "map.legend.border_regions.help": {"en": "First-level regions on a land border between countries",
                                       "ru": "Регионы первого уровня на сухопутной границе между странами"},
    "map.legend.disputed": {"en": "Disputed areas", "ru": "Спорные территории"},
    "map.legend.disputed.help": {"en": "Point at an area on the map for who administers and claims it",
                                 "ru": "Наведите на территорию на карте: кто её контролирует и кто оспаривает"},
    "map.legend.links": {"en": "Twinning", "ru": "Побратимская связь"},
    "map.legend.neighbour_links": {"en": "… between neighbouring countries",
                                   "ru": "… между соседними странами"},
    "map.legend.places": {"en": "City with twins in view", "ru": "Город с побратимами"},
    "map.legend.places.partners": {"en": "City; circle area: twin cities",
                                   "ru": "Город; площадь кружка: число побратимов"},
    "map.legend.places.population": {"en": "City; circle area: population",
                                     "ru": "Город; площадь кружка: население"},
    "map.legend.other_places": {"en": "City over 300,000, no twinning shown",
                                "ru": "Город от 300 тыс. жителей без связей"},
    "map.legend.places_capped": {"en": "Circles: the {shown} best-linked of {total} cities",
                                 "ru": "Кружки: {shown} самых связанных из {total} городов"},
    "map.legend.places_capped.help": {"en": "Narrow the filter to draw every city",
                                      "ru": "Сузьте фильтр, чтобы показать все города"},
    "map.legend.selection": {"en": "Chosen city and its twins", "ru": "Выбранный город и побратимы"},
    "map.legend.hidden": {"en": "hidden", "ru": "скрыто"},
    "map.legend.link_hover_off": {"en": "Link details on hover from {limit} links or fewer",
                                  "ru": "Подсказки по связям — при {limit} связях и меньше"},
    "map.hover.population": {"en": "Population", "ru": "Население"},
    "map.hover.partners": {"en": "Twin cities", "ru": "Городов-побратимов"},
    "map.hover.on_border_with": {"en": "On the land border with {countries}",
                                 "ru": "На сухопутной границе с: {countries}"},
    "map.hover.disputed": {"en": "Disputed area", "ru": "Спорная территория"},
    "map.hover.neighbours": {"en": "neighbouring countries", "ru": "соседние страны"},
    "map.unit.km": {"en": "km", "ru": "км"},
    "map.card.partners": {"en": "Twin cities ({count})", "ru": "Города-побратимы ({count})"},
    "map.card.outside": {"en": "Outside the current filter ({count})",
                         "ru": "Вне текущего фильтра ({count})"},
    "map.card.none": {"en": "No twin cities in the data.", "ru": "В данных нет городов-побратимов."},
    "map.card.clear": {"en": "Clear", "ru": "Снять выбор"},
    "map.card.population": {"en": "Population {count}", "ru": "Население {count}"},
    "map.card.distance": {"en": "{km} km", "ru": "{km} км"},
    "map.card.neighbour": {"en": "neighbouring country", "ru": "соседняя страна"},
    "map.empty.between": {"en": "Choose two countries to see the twinnings between them.",
                          "ru": "Выберите две страны, чтобы увидеть связи между ними."},
    "map.empty.none": {"en": "No twinnings match these filters.",
                       "ru": "Нет побратимских связей, подходящих под фильтры."},
    "map.no_store": {"en": "The map needs the data store: run `python -m dashboard build`.",
                     "ru": "Для карты нужно хранилище данных: выполните `python -m dashboard build`."},
    # ---- about page -------------------------------------------------------------------------------------
    "about.heading": {"en": "About Borderlinks", "ru": "О проекте Borderlinks"},
    "about.intro": {
        "en": "Borderlinks maps twin cities (sister cities), border regions and cross-border cooperation "
              "in Russia, Belarus and the SCO, BRICS and EAEU space. It lets delegates and analysts see "
              "which cities are twinned, which regions lie on a land border, and how the blocs overlap.",
        "ru": "Borderlinks — карта городов-побратимов, приграничных регионов и приграничного "
              "сотрудничества России, Беларуси и стран ШОС, БРИКС и ЕАЭС. Она помогает делегатам и "
              "аналитикам увидеть, какие города связаны побратимскими отношениями, какие регионы лежат "
              "на сухопутной границе и как пересекаются объединения.",
    },
    "about.offline": {
        "en": "Everything runs on this computer: the maps, data and fonts need no internet connection. "
              "The current view (filters, language, selected city) is kept in the page address, so a "
              "link or bookmark reopens exactly the same view.",
        "ru": "Всё работает на этом компьютере: картам, данным и шрифтам не нужен интернет. Текущий вид "
              "(фильтры, язык, выбранный город) хранится в адресе страницы, поэтому ссылка или закладка "
              "открывает тот же самый вид.",
    },
    "about.years.heading": {"en": "2023–2025: proposed years of border cooperation",
                            "ru": "2023–2025: предложенные годы приграничного сотрудничества"},
    "about.years.badge": {"en": "Proposed, not adopted", "ru": "Предложено, не принято"},
    "about.years": {
        "en": "The forum “Cities of the present and the future” of the Union of Russian Cities, held in "
              "Tyumen on 20 October 2022, proposed declaring 2023–2025 years of cooperation of border "
              "cities and regions. The SCO has not adopted this: no SCO decision to that effect has been "
              "found, so Borderlinks presents it as a proposal of the forum.",
        "ru": "Форум Союза российских городов «Города настоящего и будущего», прошедший в Тюмени "
              "20 октября 2022 года, предложил объявить 2023–2025 годы годами сотрудничества приграничных "
              "городов и регионов. ШОС это предложение не принимала: решения ШОС на этот счёт не найдено, "
              "поэтому Borderlinks показывает его как предложение форума.",
    },
    "about.sources.heading": {"en": "Data sources and attribution", "ru": "Источники данных и авторство"},
    "about.sources.intro": {
        "en": "Borderlinks combines these public sources; their licences apply to the data shown.",
        "ru": "Borderlinks объединяет следующие открытые источники; на показанные данные "
              "распространяются их лицензии.",
    },
    "about.source.natural_earth": {
        "en": "Natural Earth — country and region boundaries, populated places (public domain).",
        "ru": "Natural Earth — границы стран и регионов, населённые пункты (общественное достояние).",
    },
    "about.source.geonames": {
        "en": "GeoNames — cities, coordinates and populations (CC BY 4.0).",
        "ru": "GeoNames — города, координаты и численность населения (CC BY 4.0).",
    },
    "about.source.wikipedia": {
        "en": "Wikipedia contributors — lists of twin towns and sister cities (CC BY-SA 4.0).",
        "ru": "Авторы Википедии — списки городов-побратимов (CC BY-SA 4.0).",
    },
    "about.source.osm": {
        "en": "OpenStreetMap contributors — part of the twin-city coordinates (ODbL).",
        "ru": "Участники OpenStreetMap — часть координат городов-побратимов (ODbL).",
    },
    "about.source.wikidata": {
        "en": "Wikidata — “twinned administrative body” links between cities (CC0).",
        "ru": "Wikidata — связи «побратимская административная единица» между городами (CC0).",
    },
    "about.borders.heading": {"en": "Borders and names", "ru": "Границы и названия"},
    "about.borders": {
        "en": "Boundaries follow Natural Earth. By default they show the de facto situation; the "
              "“Borders as drawn by” option switches to another point of view. Borders and names on "
              "these maps imply no opinion on the legal status of any territory.",
        "ru": "Границы взяты из Natural Earth. По умолчанию показано фактическое положение; параметр "
              "«Границы по версии» переключает на другую точку зрения. Границы и названия на этих картах "
              "не выражают мнения о правовом статусе какой-либо территории.",
    },
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **fields: object) -> str:
    """The text for `key` in `lang` (English if that translation is missing; the key if unknown).

    Keyword arguments fill `{name}` fields in the text; without them the text is returned as is.
    """
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry.get(DEFAULT_LANGUAGE) or key
    return text.format(**fields) if fields else text


def language_or_default(lang: object) -> str:
    """`lang` if it is one of LANGUAGES, else the default language."""
    return lang if isinstance(lang, str) and lang in LANGUAGES else DEFAULT_LANGUAGE


_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
           "октября", "ноября", "декабря"),
}
_DATE_FORMAT = {"en": "{day} {month} {year}", "ru": "{day} {month} {year} г."}


def format_date(value: dt.date | str | None, lang: str) -> str:
    """A date as people write it: '21 November 2026', '21 ноября 2026 г.'; '' if there is none.

    Accepts a date, a datetime or an ISO 8601 string; an unreadable string is returned as is.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return value
    lang = lang if lang in _MONTHS else DEFAULT_LANGUAGE
    return _DATE_FORMAT[lang].format(day=value.day, month=_MONTHS[lang][value.month - 1], year=value.year)
