"""The UI's words: one message catalogue (key -> {language: text}) and `t(key, lang)`.

Every piece of UI text goes through `t`. A missing translation falls back to English; an unknown key
shows the key itself (a visible bug, never a crash). Add a language by adding it to LANGUAGES and giving
its texts; until every text has one, English shows through. Texts may hold `{name}` fields that `t`
fills from its keyword arguments.
"""

from __future__ import annotations

import datetime as dt

LANGUAGES: tuple[str, ...] = ("en", "ru", "zh")
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
    "page.about": {"en": "About", "ru": "О проекте"},
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
    # ---- activities registry: types, statuses (added by the activities registry) ---------------------
    "activity.type.festival": {"en": "Festival", "ru": "Фестиваль"},
    "activity.type.forum": {"en": "Forum", "ru": "Форум"},
    "activity.type.conference": {"en": "Conference", "ru": "Конференция"},
    "activity.type.seminar": {"en": "Seminar", "ru": "Семинар"},
    "activity.type.symposium": {"en": "Symposium", "ru": "Симпозиум"},
    "activity.type.exhibition": {"en": "Exhibition / fair", "ru": "Выставка / ярмарка"},
    "activity.type.tourism": {"en": "Tourist route or programme", "ru": "Туристический маршрут или программа"},
    "activity.type.youth_exchange": {"en": "Youth or education exchange",
                                     "ru": "Молодёжный или образовательный обмен"},
    "activity.type.sport": {"en": "Sport", "ru": "Спорт"},
    "activity.type.business_mission": {"en": "Business mission", "ru": "Бизнес-миссия"},
    "activity.type.joint_project": {"en": "Joint project", "ru": "Совместный проект"},
    "activity.type.agreement": {"en": "Agreement signed", "ru": "Подписание соглашения"},
    "activity.type.meeting": {"en": "Meeting of a joint body", "ru": "Заседание совместного органа"},
    "twinning.status.active": {"en": "Active", "ru": "Действует"},
    "twinning.status.suspended": {"en": "Suspended", "ru": "Приостановлена"},
    "twinning.status.proposed": {"en": "Proposed", "ru": "Предложена"},
    "monitoring.status.active": {"en": "Active (activity in the last 12 months)",
                                 "ru": "Активные (мероприятия за последние 12 месяцев)"},
    "monitoring.status.fading": {"en": "Fading (last activity 12–24 months ago)",
                                 "ru": "Угасающие (последнее мероприятие 12–24 месяца назад)"},
    "monitoring.status.dormant": {"en": "Dormant (none in 24 months)",
                                  "ru": "Спящие (нет мероприятий 24 месяца)"},
    "monitoring.status.never": {"en": "Never recorded", "ru": "Мероприятий не зафиксировано"},
    "monitoring.short.active": {"en": "Active", "ru": "Активные"},
    "monitoring.short.fading": {"en": "Fading", "ru": "Угасающие"},
    "monitoring.short.dormant": {"en": "Dormant", "ru": "Спящие"},
    "monitoring.short.never": {"en": "Never recorded", "ru": "Без мероприятий"},
    # ---- import: a refused file (nothing is written) -------------------------------------------------
    "import.refused.too_large": {
        "en": "The file is {size_mb} MB; the limit is {limit_mb} MB. Split it into smaller files and import "
              "them one after another. Nothing was imported.",
        "ru": "Размер файла {size_mb} МБ при ограничении {limit_mb} МБ. Разделите его на файлы поменьше и "
              "загрузите по очереди. Ничего не импортировано."},
    "import.refused.empty": {"en": "The file is empty. Nothing was imported.",
                             "ru": "Файл пуст. Ничего не импортировано."},
    "import.refused.old_xls": {
        "en": "This is an old Excel file (.xls). Save it as an Excel workbook (.xlsx) or as CSV and upload it "
              "again. Nothing was imported.",
        "ru": "Это файл старого формата Excel (.xls). Сохраните его как книгу Excel (.xlsx) или как CSV и "
              "загрузите снова. Ничего не импортировано."},
    "import.refused.not_xlsx": {
        "en": "This file is not a readable Excel workbook (.xlsx), although its name says so. Open it in "
              "Excel and save it as .xlsx or CSV. Nothing was imported.",
        "ru": "Этот файл не является читаемой книгой Excel (.xlsx), хотя назван так. Откройте его в Excel и "
              "сохраните как .xlsx или CSV. Ничего не импортировано."},
    "import.refused.encoding_mixed": {
        "en": "The file says it is UTF-8 but is not (a wrong byte near position {position}). Save it again as "
              "“CSV UTF-8”. Nothing was imported.",
        "ru": "Файл помечен как UTF-8, но содержит другие символы (ошибка около позиции {position}). Сохраните "
              "его заново как «CSV UTF-8». Ничего не импортировано."},
    "import.refused.encoding": {
        "en": "The file's encoding is neither UTF-8 nor Windows-1251 (it may be KOI8-R or a mix). Save it as "
              "“CSV UTF-8” (or as .xlsx) and upload it again. Nothing was imported.",
        "ru": "Кодировка файла — не UTF-8 и не Windows-1251 (возможно, KOI8-R или смесь кодировок). "
              "Сохраните его как «CSV UTF-8» (или как .xlsx) и загрузите снова. Ничего не импортировано."},
    "import.refused.binary": {
        "en": "This is not a text (CSV) file. Upload a CSV in UTF-8 or Windows-1251, or an .xlsx workbook. "
              "Nothing was imported.",
        "ru": "Это не текстовый файл (CSV). Загрузите CSV в кодировке UTF-8 или Windows-1251 либо книгу "
              ".xlsx. Ничего не импортировано."},
    "import.refused.too_many_rows": {
        "en": "The file has more than {limit} rows. Split it. Nothing was imported.",
        "ru": "В файле больше {limit} строк. Разделите его. Ничего не импортировано."},
    "import.refused.malformed_csv": {
        "en": "The CSV cannot be read near row {row} ({detail}). Check the quotes. Nothing was imported.",
        "ru": "CSV не читается около строки {row} ({detail}). Проверьте кавычки. Ничего не импортировано."},
    "import.refused.duplicate_column": {
        "en": "Two columns mean the same ({column}): “{first}” and “{second}”. Keep one. Nothing was imported.",
        "ru": "Два столбца означают одно и то же ({column}): «{first}» и «{second}». Оставьте один. "
              "Ничего не импортировано."},
    "import.refused.missing_columns_headers": {
        "en": "Required columns are missing: {missing}. The file's columns are: {found}. Use the template's "
              "headers (English or Russian). Nothing was imported.",
        "ru": "Нет обязательных столбцов: {missing}. Столбцы файла: {found}. Используйте заголовки шаблона "
              "(на русском или английском). Ничего не импортировано."},
    "import.refused.missing_columns_encoding": {
        "en": "Required columns are missing: {missing}. The headers look garbled ({found}): the file is "
              "probably in another encoding. Save it as “CSV UTF-8”. Nothing was imported.",
        "ru": "Нет обязательных столбцов: {missing}. Заголовки выглядят искажёнными ({found}): вероятно, файл "
              "в другой кодировке. Сохраните его как «CSV UTF-8». Ничего не импортировано."},
    "import.refused.no_rows": {"en": "The file has a header but no rows. Nothing was imported.",
                               "ru": "В файле есть заголовок, но нет строк. Ничего не импортировано."},
    "import.refused.has_rejections": {
        "en": "{count} rows are rejected, so nothing was imported. Fix them and upload the file again, or "
              "choose to import only the valid rows.",
        "ru": "Отклонено строк: {count}, поэтому ничего не импортировано. Исправьте их и загрузите файл "
              "снова или выберите импорт только правильных строк."},
    # ---- import: a rejected row ------------------------------------------------------------------------
    "import.error.too_long": {"en": "longer than {limit} characters", "ru": "длиннее {limit} символов"},
    "import.error.missing_value": {"en": "empty, but required", "ru": "не заполнено, но обязательно"},
    "import.error.unknown_type": {
        "en": "unknown type “{value}”: use one of the template's types (festival, forum, conference, ...)",
        "ru": "неизвестный тип «{value}»: используйте типы из шаблона (фестиваль, форум, конференция, ...)"},
    "import.error.bad_date": {
        "en": "“{value}” is not a date: write 2024-05-17 or 17.05.2024 (or 2024-05, 2024)",
        "ru": "«{value}» — не дата: пишите 17.05.2024 или 2024-05-17 (либо 2024-05, 2024)"},
    "import.error.date_out_of_range": {"en": "{value} is outside {low} … {high}",
                                       "ru": "{value} вне диапазона {low} … {high}"},
    "import.error.end_before_start": {"en": "ends ({value}) before it starts",
                                      "ru": "окончание ({value}) раньше начала"},
    "import.error.unknown_country": {"en": "unknown country “{value}” (use ISO3, e.g. RUS, BLR)",
                                     "ru": "неизвестная страна «{value}» (используйте ISO3, например RUS, BLR)"},
    "import.error.unknown_place_id": {"en": "no place with id {value}", "ru": "нет населённого пункта с id {value}"},
    "import.error.unknown_place": {
        "en": "unknown place “{value}”: check the spelling, or give its GeoNames id",
        "ru": "неизвестный населённый пункт «{value}»: проверьте написание или укажите его id GeoNames"},
    "import.error.ambiguous_place": {
        "en": "“{value}” matches {count} places: {candidates}. Add the country, e.g. “{value} (RUS)”, or give "
              "the id",
        "ru": "«{value}» совпадает с {count} населёнными пунктами: {candidates}. Добавьте страну, например "
              "«{value} (RUS)», или укажите id"},
    "import.error.place_not_in_countries": {
        "en": "no “{value}” in {countries}; places of that name: {candidates}",
        "ru": "«{value}» нет в {countries}; пункты с таким названием: {candidates}"},
    "import.error.unknown_region": {"en": "unknown region “{value}”", "ru": "неизвестный регион «{value}»"},
    "import.error.ambiguous_region": {"en": "“{value}” matches several regions: {candidates}",
                                      "ru": "«{value}» совпадает с несколькими регионами: {candidates}"},
    "import.error.twinning_format": {
        "en": "“{value}” is not two different places separated by “ – ” or “;”",
        "ru": "«{value}» — не два разных населённых пункта через « – » или «;»"},
    "import.error.unknown_twinning": {
        "en": "{value} is not a twinning in the data or the registry: record the twinning first",
        "ru": "{value} нет среди побратимских связей в данных и реестре: сначала внесите связь"},
    "import.error.unknown_corridor": {"en": "unknown corridor “{value}” (known: {known})",
                                      "ru": "неизвестный коридор «{value}» (известные: {known})"},
    "import.error.bad_source": {"en": "“{value}” is not a web address (http://… or https://…)",
                                "ru": "«{value}» — не веб-адрес (http://… или https://…)"},
    "import.error.no_location": {"en": "no place, region or country given",
                                 "ru": "не указаны ни населённый пункт, ни регион, ни страна"},
    "import.error.duplicate_row": {"en": "the same activity as row {first} (title, start date, places)",
                                   "ru": "то же мероприятие, что в строке {first} (название, дата начала, места)"},
    "import.error.duplicate_activity": {
        "en": "activity {id} already has this title, start date and places",
        "ru": "у мероприятия {id} уже есть такие название, дата начала и места"},
    "import.error.unknown_status": {"en": "unknown status “{value}”", "ru": "неизвестный статус «{value}»"},
    "import.error.bad_year": {"en": "“{value}” is not a year", "ru": "«{value}» — не год"},
    # ---- import templates ------------------------------------------------------------------------------
    "template.sheet.activities": {"en": "Activities", "ru": "Мероприятия"},
    "template.sheet.help": {"en": "How to fill in", "ru": "Как заполнять"},
    "template.help.column": {"en": "Column", "ru": "Столбец"},
    "template.help.meaning": {"en": "What to write", "ru": "Что писать"},
    "template.help.example": {"en": "Example", "ru": "Пример"},
    "template.help.types": {"en": "Types", "ru": "Типы"},
    "template.help.title": {"en": "Required. The activity's name.", "ru": "Обязательно. Название мероприятия."},
    "template.help.type": {"en": "Required. One of the types below (English or Russian).",
                           "ru": "Обязательно. Один из типов ниже (по-русски или по-английски)."},
    "template.help.start_date": {"en": "Required. 2024-05-17 or 17.05.2024; 2024-05 or 2024 if the day is unknown.",
                                 "ru": "Обязательно. 17.05.2024 или 2024-05-17; 2024-05 или 2024, если день неизвестен."},
    "template.help.end_date": {"en": "Optional. The last day; empty for a one-day activity.",
                               "ru": "Необязательно. Последний день; пусто для однодневного мероприятия."},
    "template.help.places": {"en": "Cities, separated by “;”: names in Latin or Cyrillic, “Name (ISO3)”, or "
                                   "GeoNames ids. Places, regions or countries: at least one.",
                             "ru": "Города через «;»: названия латиницей или кириллицей, «Название (ISO3)» или "
                                   "id GeoNames. Нужны города, регионы или страны — хотя бы что-то одно."},
    "template.help.regions": {"en": "Regions, separated by “;”: names or ids (RUS-2364).",
                              "ru": "Регионы через «;»: названия или id (RUS-2364)."},
    "template.help.countries": {"en": "Countries, separated by “;”: ISO3 codes or names.",
                                "ru": "Страны через «;»: коды ISO3 или названия."},
    "template.help.twinning": {"en": "Optional. The twin-city pair it belongs to: “City – City”.",
                               "ru": "Необязательно. Пара городов-побратимов: «Город – Город»."},
    "template.help.corridor": {"en": "Optional. A corridor id from data/corridors.csv.",
                               "ru": "Необязательно. Id коридора из data/corridors.csv."},
    "template.help.organiser": {"en": "Optional. Who organised it.", "ru": "Необязательно. Кто организовал."},
    "template.help.source": {"en": "The address (URL) of a public page about it.",
                             "ru": "Адрес (URL) открытой страницы о мероприятии."},
    "template.help.notes": {"en": "Optional. Anything else.", "ru": "Необязательно. Всё остальное."},
    "template.example.title": {"en": "Days of Belarusian culture in Podolsk", "ru": "Дни белорусской культуры в Подольске"},
    "template.example.type": {"en": "Festival", "ru": "Фестиваль"},
    "template.example.start_date": {"en": "2024-09-12", "ru": "12.09.2024"},
    "template.example.end_date": {"en": "2024-09-14", "ru": "14.09.2024"},
    "template.example.places": {"en": "Podolsk; Gomel", "ru": "Подольск; Гомель"},
    "template.example.regions": {"en": "Moscow Oblast", "ru": "Московская область"},
    "template.example.countries": {"en": "RUS; BLR", "ru": "RUS; BLR"},
    "template.example.twinning": {"en": "Podolsk – Gomel", "ru": "Подольск – Гомель"},
    "template.example.corridor": {"en": "abec", "ru": "abec"},
    "template.example.organiser": {"en": "Podolsk city administration", "ru": "Администрация г. Подольска"},
    "template.example.source": {"en": "https://example.org/news/123", "ru": "https://example.org/news/123"},
    "template.example.notes": {"en": "Organised with the twin city", "ru": "Совместно с городом-побратимом"},
    # ---- activities page (added by the activities page) ---------------------------------------------------
    "page.activities": {"en": "Activities", "ru": "Мероприятия"},
    "page.registry": {"en": "Registry", "ru": "Реестр"},
    "activities.heading": {"en": "Activities of border cooperation", "ru": "Мероприятия приграничного сотрудничества"},
    "activities.years": {"en": "Years (start)", "ru": "Годы (начала)"},
    "activities.include_sample": {"en": "Include sample data", "ru": "Показать демонстрационные данные"},
    "activities.sample_banner": {
        "en": "Sample data included: generated activities, not real ones, are counted in every figure and table "
              "below and marked “sample data”.",
        "ru": "Включены демонстрационные данные: сгенерированные, а не настоящие мероприятия учтены во всех "
              "графиках и таблицах ниже и помечены «демонстрационные данные»."},
    "activities.sample_mark": {"en": "SAMPLE DATA", "ru": "ДЕМОНСТРАЦИОННЫЕ ДАННЫЕ"},
    "activities.sample_badge": {"en": "sample data", "ru": "демонстрационные данные"},
    "activities.no_store": {"en": "This page needs the data store: run `python -m dashboard build`.",
                            "ru": "Для этой страницы нужно хранилище данных: выполните `python -m dashboard build`."},
    "activities.empty": {"en": "No activities for these filters.", "ru": "Нет мероприятий под эти фильтры."},
    "activities.empty_registry": {
        "en": "The registry has no activities yet. Editors import or enter them on the Registry page.",
        "ru": "В реестре пока нет мероприятий. Редакторы импортируют или вносят их на странице «Реестр»."},
    "activities.kpi.activities": {"en": "Activities", "ru": "Мероприятий"},
    "activities.kpi.places": {"en": "Cities", "ru": "Городов"},
    "activities.kpi.countries": {"en": "Countries", "ru": "Стран"},
    "activities.kpi.active": {"en": "Active ties", "ru": "Активных связей"},
    "activities.kpi.fading": {"en": "Fading ties", "ru": "Угасающих связей"},
    "activities.kpi.dormant": {"en": "Dormant ties", "ru": "Спящих связей"},
    "activities.as_of": {"en": "Ties monitored as of {date}", "ru": "Состояние связей на {date}"},
    "activities.axis.count": {"en": "Activities", "ru": "Мероприятий"},
    "activities.year_type": {"en": "Activities by year and type", "ru": "Мероприятия по годам и типам"},
    "activities.three_years": {"en": "2023–2025 side by side", "ru": "2023–2025 рядом"},
    "activities.proposed_badge": {"en": "Years proposed by the Tyumen forum, not adopted",
                                  "ru": "Годы предложены тюменским форумом, не приняты"},
    "activities.three_years.note": {
        "en": "The forum of 20 October 2022 in Tyumen proposed 2023–2025 as years of cooperation of border "
              "cities and regions. This panel ignores the year range above; the other filters apply.",
        "ru": "Форум 20 октября 2022 года в Тюмени предложил объявить 2023–2025 годами сотрудничества "
              "приграничных городов и регионов. Эта панель не зависит от выбранных лет; остальные фильтры действуют."},
    "activities.year_total": {"en": "{year}: {count}", "ru": "{year}: {count}"},
    "activities.monthly": {"en": "Monthly timeline", "ru": "По месяцам"},
    "activities.monthly.year_only": {"en": "{count} activities known only by their year are not shown here.",
                                     "ru": "Мероприятия, у которых известен только год ({count}), здесь не показаны."},
    "activities.by_country": {"en": "By country", "ru": "По странам"},
    "activities.by_region": {"en": "By border region", "ru": "По приграничным регионам"},
    "activities.by_region.note": {"en": "Regions on a land border: named in the activity or holding its cities.",
                                  "ru": "Регионы на сухопутной границе: указанные в мероприятии или с его городами."},
    "activities.by_corridor": {"en": "By corridor", "ru": "По коридорам"},
    "activities.by_corridor.note": {
        "en": "Recorded for the corridor, or held in two of its cities.",
        "ru": "Внесённые для коридора или проведённые в двух его городах."},
    "activities.map": {"en": "Activities by city and the state of twinning ties",
                       "ru": "Мероприятия по городам и состояние побратимских связей"},
    "activities.map.note": {
        "en": "Circles: activities per city. Lines: twinnings in view coloured by their last activity as of {date}: "
              "active (within 12 months), fading (12–24 months), dormant (none in 24 months); ties with no activity "
              "recorded are hidden at first (click them in the legend).",
        "ru": "Кружки — мероприятия в городе. Линии — побратимские связи, цвет по последнему мероприятию на {date}: "
              "активные (за 12 месяцев), угасающие (12–24 месяца), спящие (нет мероприятий 24 месяца); связи без "
              "мероприятий сначала скрыты (включаются в легенде)."},
    "activities.map.places": {"en": "Activities per city", "ru": "Мероприятия в городе"},
    "activities.hover.last": {"en": "last", "ru": "последнее"},
    "activities.hover.count": {"en": "activities", "ru": "мероприятий"},
    "activities.hover.activities": {"en": "Activities", "ru": "Мероприятий"},
    "activities.dormant": {"en": "Dormant ties to follow up", "ru": "Спящие связи: что проверить"},
    "activities.dormant.note": {
        "en": "{count} twinnings in view had activities but none in the last 24 months. Suspended ties come last.",
        "ru": "Побратимских связей с мероприятиями в прошлом, но без них за последние 24 месяца: {count}. "
              "Приостановленные — в конце."},
    "activities.export_dormant": {"en": "Download dormant ties (CSV)", "ru": "Скачать спящие связи (CSV)"},
    "activities.export_monitoring": {"en": "Download all ties with status (CSV)",
                                     "ru": "Скачать все связи со статусом (CSV)"},
    "activities.export_list": {"en": "Download activities (CSV)", "ru": "Скачать мероприятия (CSV)"},
    "activities.list": {"en": "Activities", "ru": "Мероприятия"},
    "activities.col.place_a": {"en": "City", "ru": "Город"},
    "activities.col.place_b": {"en": "Twin city", "ru": "Город-побратим"},
    "activities.col.last_activity": {"en": "Last activity", "ru": "Последнее мероприятие"},
    "activities.col.months_since": {"en": "Months since", "ru": "Месяцев назад"},
    "activities.col.activity_count": {"en": "Activities", "ru": "Мероприятий"},
    "activities.col.last_title": {"en": "What it was", "ru": "Что это было"},
    "activities.col.recorded_status": {"en": "Recorded status", "ru": "Статус в реестре"},
    "activities.col.start": {"en": "Start", "ru": "Начало"},
    "activities.col.title": {"en": "Title", "ru": "Название"},
    "activities.col.type": {"en": "Type", "ru": "Тип"},
    "activities.col.places": {"en": "Cities", "ru": "Города"},
    "activities.col.countries": {"en": "Countries", "ru": "Страны"},
    "activities.col.organiser": {"en": "Organiser", "ru": "Организатор"},
    "activities.col.source": {"en": "Source", "ru": "Источник"},
    "activities.col.sample": {"en": "Sample data", "ru": "Демо-данные"},
    # ---- registry page (added by the registry page) -----------------------------------------------------------
    "registry.heading": {"en": "Registry of activities", "ru": "Реестр мероприятий"},
    "registry.intro": {
        "en": "The secretariat's record of festivals, forums, exchanges, agreements and other activities of "
              "border cities and regions, and of the state of twinning ties. Everyone can view it on the "
              "Activities page; signed-in editors import, enter and correct, and every change is kept with its "
              "old value.",
        "ru": "Учёт секретариата: фестивали, форумы, обмены, соглашения и другие мероприятия приграничных "
              "городов и регионов, а также состояние побратимских связей. Смотреть может каждый на странице "
              "«Мероприятия»; вошедшие редакторы импортируют, вносят и исправляют записи, и каждое изменение "
              "сохраняется вместе с прежним значением."},
    "registry.signin.heading": {"en": "Sign in", "ru": "Вход"},
    "registry.signin.intro": {"en": "For the secretariat's editors. Visitors can view everything without signing in.",
                              "ru": "Для редакторов секретариата. Посетители видят всё без входа."},
    "registry.signin.name": {"en": "User name", "ru": "Имя пользователя"},
    "registry.signin.password": {"en": "Password", "ru": "Пароль"},
    "registry.signin.submit": {"en": "Sign in", "ru": "Войти"},
    "registry.signin.failed": {"en": "Wrong name or password.", "ru": "Неверное имя или пароль."},
    "registry.signin.expired": {"en": "The form was out of date: please try again.",
                                "ru": "Форма устарела: попробуйте ещё раз."},
    "registry.signed_in": {"en": "Signed in as {name} ({role}).", "ru": "Вы вошли как {name} ({role})."},
    "registry.signout": {"en": "Sign out", "ru": "Выйти"},
    "registry.role.viewer": {"en": "viewer", "ru": "просмотр"},
    "registry.role.editor": {"en": "editor", "ru": "редактор"},
    "registry.role.admin": {"en": "administrator", "ru": "администратор"},
    "registry.viewer_note": {"en": "Your account may view the logs but not change the registry.",
                             "ru": "Ваша учётная запись позволяет смотреть журналы, но не менять реестр."},
    "registry.templates.heading": {"en": "Import templates", "ru": "Шаблоны для импорта"},
    "registry.templates.intro": {
        "en": "Headers in Russian or English; CSV in UTF-8 or Windows-1251 with “,”, “;” or tab, or an Excel "
              "workbook; dates as 17.05.2024 or 2024-05-17; up to {limit} MB per file.",
        "ru": "Заголовки на русском или английском; CSV в UTF-8 или Windows-1251 с разделителем «,», «;» или "
              "табуляцией либо книга Excel; даты вида 17.05.2024 или 2024-05-17; до {limit} МБ на файл."},
    "registry.template.xlsx_ru": {"en": "Russian template (XLSX)", "ru": "Шаблон на русском (XLSX)"},
    "registry.template.csv_ru": {"en": "Russian template (CSV)", "ru": "Шаблон на русском (CSV)"},
    "registry.template.xlsx_en": {"en": "English template (XLSX)", "ru": "Шаблон на английском (XLSX)"},
    "registry.template.csv_en": {"en": "English template (CSV)", "ru": "Шаблон на английском (CSV)"},
    "registry.import.heading": {"en": "Import a file", "ru": "Импорт файла"},
    "registry.import.drop": {"en": "Drop a CSV or XLSX file here, or", "ru": "Перетащите сюда файл CSV или XLSX или"},
    "registry.import.choose": {"en": "choose a file", "ru": "выберите файл"},
    "registry.import.confirm": {"en": "Import", "ru": "Импортировать"},
    "registry.import.skip_rejected": {"en": "Import the valid rows and leave out the rejected ones",
                                      "ru": "Импортировать правильные строки, пропустив отклонённые"},
    "registry.import.done": {
        "en": "Imported (import #{id}): {add} added, {update} updated, {unchanged} unchanged, {rejected} rejected.",
        "ru": "Импортировано (импорт №{id}): добавлено {add}, обновлено {update}, без изменений {unchanged}, "
              "отклонено {rejected}."},
    "registry.preview.add": {"en": "to add", "ru": "добавить"},
    "registry.preview.update": {"en": "to update", "ru": "обновить"},
    "registry.preview.unchanged": {"en": "unchanged", "ru": "без изменений"},
    "registry.preview.rejected": {"en": "rejected", "ru": "отклонено"},
    "registry.preview.action.add": {"en": "add", "ru": "добавить"},
    "registry.preview.action.update": {"en": "update", "ru": "обновить"},
    "registry.preview.rejections": {"en": "Rejected rows", "ru": "Отклонённые строки"},
    "registry.preview.changes": {"en": "Rows to add or update", "ru": "Строки для добавления или обновления"},
    "registry.preview.row": {"en": "Row", "ru": "Строка"},
    "registry.preview.column": {"en": "Column", "ru": "Столбец"},
    "registry.preview.reason": {"en": "Reason", "ru": "Причина"},
    "registry.preview.action": {"en": "Action", "ru": "Действие"},
    "registry.preview.title": {"en": "Title", "ru": "Название"},
    "registry.preview.type": {"en": "Type", "ru": "Тип"},
    "registry.preview.start": {"en": "Start", "ru": "Начало"},
    "registry.preview.where": {"en": "Where", "ru": "Где"},
    "registry.preview.changed": {"en": "Changes", "ru": "Изменения"},
    "registry.preview.ignored": {"en": "Columns not used: {columns}", "ru": "Неиспользуемые столбцы: {columns}"},
    "registry.preview.nothing": {"en": "Nothing to import: every row is already in the registry or rejected.",
                                 "ru": "Импортировать нечего: все строки уже в реестре или отклонены."},
    "registry.preview.blocked": {
        "en": "{count} rows are rejected: fix them and upload the file again, or tick the box to import only the "
              "valid rows. Nothing is written before you press Import.",
        "ru": "Отклонено строк: {count}. Исправьте их и загрузите файл снова или отметьте флажок, чтобы "
              "импортировать только правильные строки. До нажатия «Импортировать» ничего не записывается."},
    "registry.error.unknown": {"en": "Something went wrong; nothing was changed. Reload the page and try again.",
                               "ru": "Что-то пошло не так; ничего не изменено. Обновите страницу и попробуйте снова."},
    "registry.entry.heading": {"en": "Enter or correct an activity", "ru": "Внести или исправить мероприятие"},
    "registry.entry.id": {"en": "Activity #", "ru": "Мероприятие №"},
    "registry.entry.load": {"en": "Load", "ru": "Открыть"},
    "registry.entry.new": {"en": "New activity", "ru": "Новое мероприятие"},
    "registry.entry.save": {"en": "Save", "ru": "Сохранить"},
    "registry.entry.withdraw": {"en": "Withdraw", "ru": "Снять с учёта"},
    "registry.entry.restore": {"en": "Restore", "ru": "Восстановить"},
    "registry.entry.saved": {"en": "Saved: activity #{id}.", "ru": "Сохранено: мероприятие №{id}."},
    "registry.entry.unchanged": {"en": "Activity #{id} already had these values.",
                                 "ru": "У мероприятия №{id} уже были эти значения."},
    "registry.entry.withdrawn": {"en": "Activity #{id} is withdrawn (hidden; it can be restored).",
                                 "ru": "Мероприятие №{id} снято с учёта (скрыто; его можно восстановить)."},
    "registry.entry.restored": {"en": "Activity #{id} is restored.", "ru": "Мероприятие №{id} восстановлено."},
    "registry.entry.loaded": {"en": "Activity #{id} loaded: change it and save.",
                              "ru": "Мероприятие №{id} открыто: измените и сохраните."},
    "registry.entry.loaded_withdrawn": {"en": "Activity #{id} is withdrawn: restore it to show it again.",
                                        "ru": "Мероприятие №{id} снято с учёта: восстановите, чтобы показать снова."},
    "registry.entry.not_found": {"en": "There is no activity #{id}.", "ru": "Нет мероприятия №{id}."},
    "registry.field.title": {"en": "Title", "ru": "Название"},
    "registry.field.type": {"en": "Type", "ru": "Тип"},
    "registry.field.start": {"en": "Start date", "ru": "Дата начала"},
    "registry.field.end": {"en": "End date", "ru": "Дата окончания"},
    "registry.field.optional": {"en": "optional", "ru": "необязательно"},
    "registry.field.places": {"en": "Cities", "ru": "Города"},
    "registry.field.places.hint": {"en": "Type a city, in Latin or Cyrillic", "ru": "Введите город латиницей или кириллицей"},
    "registry.field.regions": {"en": "Regions", "ru": "Регионы"},
    "registry.field.regions.hint": {"en": "Type a region", "ru": "Введите регион"},
    "registry.field.countries": {"en": "Countries", "ru": "Страны"},
    "registry.field.twinning": {"en": "Twinning", "ru": "Побратимская связь"},
    "registry.field.twinning.hint": {"en": "Choose two twinned cities above first",
                                     "ru": "Сначала выберите выше два города-побратима"},
    "registry.field.corridor": {"en": "Corridor", "ru": "Коридор"},
    "registry.field.organiser": {"en": "Organiser", "ru": "Организатор"},
    "registry.field.source": {"en": "Source (URL)", "ru": "Источник (URL)"},
    "registry.field.notes": {"en": "Notes", "ru": "Примечания"},
    "registry.field.place_a": {"en": "City", "ru": "Город"},
    "registry.field.place_b": {"en": "Twin city", "ru": "Город-побратим"},
    "registry.field.status": {"en": "Status", "ru": "Статус"},
    "registry.field.year_signed": {"en": "Year signed", "ru": "Год подписания"},
    "registry.twinning.heading": {"en": "Record a twinning", "ru": "Внести побратимскую связь"},
    "registry.twinning.intro": {
        "en": "Its status (active, suspended, proposed), the year it was signed and a source; your name is recorded.",
        "ru": "Статус (действует, приостановлена, предложена), год подписания и источник; ваше имя сохраняется."},
    "registry.twinning.save": {"en": "Save the twinning", "ru": "Сохранить связь"},
    "registry.twinning.saved": {"en": "The twinning is recorded.", "ru": "Связь внесена."},
    "registry.list.heading": {"en": "Activities in the registry", "ru": "Мероприятия в реестре"},
    "registry.list.intro": {"en": "Click a row to correct it in the form above.",
                            "ru": "Нажмите на строку, чтобы исправить её в форме выше."},
    "registry.log.heading": {"en": "Import log", "ru": "Журнал импорта"},
    "registry.log.at": {"en": "When (UTC)", "ru": "Когда (UTC)"},
    "registry.log.user_name": {"en": "Who", "ru": "Кто"},
    "registry.log.file_name": {"en": "File", "ru": "Файл"},
    "registry.log.rows_total": {"en": "Rows", "ru": "Строк"},
    "registry.log.added": {"en": "Added", "ru": "Добавлено"},
    "registry.log.updated": {"en": "Updated", "ru": "Обновлено"},
    "registry.log.unchanged": {"en": "Unchanged", "ru": "Без изменений"},
    "registry.log.rejected": {"en": "Rejected", "ru": "Отклонено"},
    "registry.log.origin": {"en": "From", "ru": "Откуда"},
    "registry.audit.heading": {"en": "Audit trail", "ru": "Журнал изменений"},
    "registry.audit.at": {"en": "When (UTC)", "ru": "Когда (UTC)"},
    "registry.audit.user_name": {"en": "Who", "ru": "Кто"},
    "registry.audit.action": {"en": "Action", "ru": "Действие"},
    "registry.audit.entity": {"en": "What", "ru": "Что"},
    "registry.audit.entity_key": {"en": "Key", "ru": "Ключ"},
    "registry.audit.old_value": {"en": "Old value", "ru": "Прежнее значение"},
    "registry.audit.new_value": {"en": "New value", "ru": "Новое значение"},
    "activities.list.capped": {"en": "The {shown} newest of {total} are listed here; the CSV has them all.",
                               "ru": "Здесь показаны {shown} самых новых из {total}; в CSV — все."},
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
    # ---- corridors page (dashboard/pages/corridors.py) -------------------------------------------------
    "page.corridors": {"en": "Corridors", "ru": "Коридоры"},
    "corridors.params.max_km": {"en": "Distance between cities, km", "ru": "Расстояние между городами, км"},
    "corridors.params.min_population": {"en": "Each city from", "ru": "Население каждого города от"},
    "corridors.params.ties": {"en": "Weight of existing ties", "ru": "Вес существующих связей"},
    "corridors.params.ties.0": {"en": "none", "ru": "нет"},
    "corridors.params.ties.50": {"en": "×½", "ru": "×½"},
    "corridors.params.ties.100": {"en": "×1", "ru": "×1"},
    "corridors.params.ties.200": {"en": "×2", "ru": "×2"},
    "corridors.params.top": {"en": "Corridors shown", "ru": "Показать коридоров"},
    "corridors.params.strip": {"en": "Border strip, km", "ru": "Приграничная полоса, км"},
    "corridors.params.strip.show": {"en": "Show the border strip", "ru": "Показать приграничную полосу"},
    "corridors.params.help": {
        "en": "Pairs of cities on opposite sides of a land border are scored from their populations, their "
              "distance and the ties between them; each pair links cities that are among each other's two "
              "best partners across that border, and pairs sharing a city form a corridor.",
        "ru": "Пары городов по разные стороны сухопутной границы оцениваются по населению, расстоянию и "
              "существующим связям; в пару входят города, которые друг для друга — среди двух лучших "
              "партнёров за этой границей, а пары с общим городом образуют коридор.",
    },
    "corridors.kpi.corridors": {"en": "Proposed corridors", "ru": "Предлагаемых коридоров"},
    "corridors.kpi.pairs.help": {"en": "Pairs across a land border within the distance and population chosen",
                                 "ru": "Пары через сухопутную границу в пределах выбранных расстояния и населения"},
    "corridors.kpi.pairs": {"en": "City pairs in range", "ru": "Пар городов в пределах"},
    "corridors.kpi.known": {"en": "Known corridors", "ru": "Известных коридоров"},
    "corridors.kpi.regions": {"en": "Cross-border regions", "ru": "Трансграничных регионов"},
    "corridors.legend.title": {"en": "Legend", "ru": "Условные обозначения"},
    "corridors.legend.known": {"en": "Known corridor (with a source)", "ru": "Известный коридор (с источником)"},
    "corridors.legend.zone": {"en": "Known cooperation zone", "ru": "Известная зона сотрудничества"},
    "corridors.legend.proposed": {"en": "Proposed corridor (computed)", "ru": "Предлагаемый коридор (расчёт)"},
    "corridors.legend.cities": {"en": "City of a proposed corridor", "ru": "Город предлагаемого коридора"},
    "corridors.legend.crossborder": {"en": "Cross-border region (euroregion)",
                                     "ru": "Трансграничный регион (еврорегион)"},
    "corridors.legend.inactive": {"en": "… inactive, shown for history", "ru": "… не действует, для истории"},
    "corridors.legend.no_address": {"en": "… no source address", "ru": "… без адреса источника"},
    "corridors.legend.selection": {"en": "Chosen", "ru": "Выбрано"},
    "corridors.legend.strip": {"en": "Border strip, {km} km", "ru": "Приграничная полоса, {km} км"},
    "corridors.hover.strip": {"en": "{country}, along the land border with {neighbours}",
                              "ru": "{country}, вдоль сухопутной границы с: {neighbours}"},
    "corridors.unit.km2": {"en": "km²", "ru": "км²"},
    "corridors.region_kind.verified": {"en": "Cross-border region", "ru": "Трансграничный регион"},
    "corridors.region_kind.inactive": {"en": "Inactive: shown for history", "ru": "Не действует: показан для истории"},
    "corridors.region_kind.no_address": {"en": "No source address: treat with care",
                                         "ru": "Нет адреса источника: с осторожностью"},
    "corridors.hover.click": {"en": "Click for details", "ru": "Нажмите, чтобы узнать подробнее"},
    "corridors.kind.known": {"en": "Known", "ru": "Известный"},
    "corridors.kind.proposed": {"en": "Proposed", "ru": "Предлагаемый"},
    "corridors.subkind.economic_corridor": {"en": "Economic corridor", "ru": "Экономический коридор"},
    "corridors.subkind.cross_border_zone": {"en": "Cross-border cooperation zone",
                                            "ru": "Зона приграничного сотрудничества"},
    "corridors.subkind.bridge": {"en": "Bridge across the border", "ru": "Мост через границу"},
    "corridors.score": {"en": "score", "ru": "балл"},
    "corridors.score.parts": {"en": "population {population} + proximity {proximity} + ties {ties}",
                              "ru": "население {population} + близость {proximity} + связи {ties}"},
    "corridors.tie.twinned": {"en": "twin cities", "ru": "города-побратимы"},
    "corridors.tie.regions": {"en": "other twinnings between their regions: {count}",
                              "ru": "других побратимских связей между их регионами: {count}"},
    "corridors.card.hint": {
        "en": "Click a corridor or a cross-border region on the map or in the table to see why it is there.",
        "ru": "Нажмите на коридор или трансграничный регион на карте или в таблице, чтобы увидеть, почему он здесь.",
    },
    "corridors.card.known_list": {"en": "Known corridors", "ru": "Известные коридоры"},
    "corridors.card.regions_list": {"en": "Cross-border regions", "ru": "Трансграничные регионы"},
    "corridors.card.unverified_list": {"en": "Not verified, not shown as fact", "ru": "Не подтверждено, не показано как факт"},
    "corridors.card.founded": {"en": "Founded {year}", "ru": "Основан в {year} г."},
    "corridors.card.year": {"en": "Since {year}", "ru": "С {year} г."},
    "corridors.card.inactive": {"en": "Inactive", "ru": "Не действует"},
    "corridors.card.rank": {"en": "Proposed corridor no. {rank}", "ru": "Предлагаемый коридор № {rank}"},
    "corridors.card.computed": {"en": "Computed, not an agreement", "ru": "Расчёт, а не соглашение"},
    "corridors.card.score": {"en": "Score {score} (its best pair)", "ru": "Балл {score} (лучшая пара)"},
    "corridors.card.population": {"en": "{count} inhabitants in its cities", "ru": "{count} жителей в его городах"},
    "corridors.card.length": {"en": "{km} km end to end", "ru": "{km} км от края до края"},
    "corridors.card.twinnings": {"en": "Twinnings between its cities: {count}",
                                 "ru": "Побратимских связей между его городами: {count}"},
    "corridors.card.pairs": {"en": "Why: its city pairs", "ru": "Почему: пары городов"},
    "corridors.card.pair_distance": {
        "en": "{km} km apart; to the border: {a} {km_a} km, {b} {km_b} km",
        "ru": "{km} км друг от друга; до границы: {a} — {km_a} км, {b} — {km_b} км",
    },
    "corridors.card.also_known": {"en": "Also a known corridor: {name}", "ru": "Совпадает с известным: {name}"},
    "corridors.card.in_region": {"en": "Both in {name}", "ru": "Оба в регионе «{name}»"},
    "corridors.card.source": {"en": "Source", "ru": "Источник"},
    "corridors.card.no_source": {"en": "No source address was found: treat with care.",
                                 "ru": "Адрес источника не найден: относитесь с осторожностью."},
    "corridors.card.unverified": {"en": "Not verified: not shown as fact.", "ru": "Не подтверждено: не показано как факт."},
    "corridors.card.unverified_members": {"en": "Not verified, not shown: {countries}",
                                          "ru": "Не подтверждено и не показано: {countries}"},
    "corridors.card.members": {"en": "Members", "ru": "Участники"},
    "corridors.card.part": {"en": "{name} (part)", "ru": "{name} (часть)"},
    "corridors.card.countries": {"en": "Countries", "ru": "Страны"},
    "corridors.card.regions": {"en": "Regions", "ru": "Регионы"},
    "corridors.card.places": {"en": "Cities", "ru": "Города"},
    "corridors.card.activities": {"en": "Activities in the registry: {count}", "ru": "Мероприятий в реестре: {count}"},
    "corridors.card.activities_sample": {"en": "of them sample data: {count}",
                                         "ru": "из них демонстрационные данные: {count}"},
    "corridors.card.method": {
        "en": "Score = population points (10 for each tenfold of the pair's mean population above 10,000) "
              "+ proximity points (30, halved every 50 km) + tie points × weight (twinned 20, other twinnings "
              "between their regions 10, in one cross-border region 15).",
        "ru": "Балл = баллы населения (10 за каждое десятикратное превышение среднего населения пары над "
              "10 000) + баллы близости (30, вдвое меньше на каждые 50 км) + баллы связей × вес (побратимы 20, "
              "другие связи между их регионами 10, общий трансграничный регион 15).",
    },
    "corridors.table.title": {"en": "Corridors, ranked", "ru": "Коридоры по рейтингу"},
    "corridors.table.rank": {"en": "No.", "ru": "№"},
    "corridors.table.kind": {"en": "Type", "ru": "Тип"},
    "corridors.table.name": {"en": "Corridor", "ru": "Коридор"},
    "corridors.table.countries": {"en": "Countries", "ru": "Страны"},
    "corridors.table.side_a": {"en": "One side", "ru": "Одна сторона"},
    "corridors.table.side_b": {"en": "Across the border", "ru": "Другая сторона"},
    "corridors.table.places": {"en": "Cities", "ru": "Городов"},
    "corridors.table.population": {"en": "Population", "ru": "Население"},
    "corridors.table.length_km": {"en": "Length, km", "ru": "Протяжённость, км"},
    "corridors.table.closest_km": {"en": "Closest pair, km", "ru": "Ближайшая пара, км"},
    "corridors.table.twinnings_inside": {"en": "Twinnings inside", "ru": "Связей внутри"},
    "corridors.table.activities": {"en": "Activities", "ru": "Мероприятий"},
    "corridors.table.activities.help": {
        "en": "Activities in the registry recorded for the corridor or held in two of its cities (all years)",
        "ru": "Мероприятия реестра, записанные за коридором или проведённые в двух его городах (за все годы)"},
    "corridors.table.activities_sample": {"en": "sample data", "ru": "демо-данные"},
    "corridors.table.score": {"en": "Score", "ru": "Балл"},
    "corridors.table.year": {"en": "Year", "ru": "Год"},
    "corridors.table.empty": {"en": "No corridor matches these parameters.",
                              "ru": "Нет коридоров, подходящих под эти параметры."},
    "corridors.export": {"en": "Download", "ru": "Скачать"},
    "corridors.export.csv": {"en": "Table (CSV)", "ru": "Таблица (CSV)"},
    "corridors.export.xlsx": {"en": "Table (Excel)", "ru": "Таблица (Excel)"},
    "corridors.export.geojson": {"en": "Geometry (GeoJSON)", "ru": "Геометрия (GeoJSON)"},
    "corridors.no_store": {"en": "The corridors page needs the data store: run `python -m dashboard build`.",
                           "ru": "Для страницы коридоров нужно хранилище данных: выполните `python -m dashboard build`."},
    # ---- network page and profiles (issue 4) -------------------------------------------------------------
    "page.network": {"en": "Network", "ru": "Сеть"},
    "table.yes": {"en": "yes", "ru": "да"},
    "network.heading": {"en": "The twinning network", "ru": "Сеть побратимских связей"},
    "network.summary": {"en": "In the current filter: {twinnings} twinnings between {places} cities of {countries} countries.",
                        "ru": "В текущем фильтре: {twinnings} побратимских связей между {places} городами из {countries} стран."},
    "network.top": {"en": "Countries shown", "ru": "Показать стран"},
    "network.empty": {"en": "No twinnings match these filters.",
                      "ru": "Нет побратимских связей, подходящих под фильтры."},
    "network.tab.matrix": {"en": "Countries × countries", "ru": "Страны × страны"},
    "network.tab.cities": {"en": "Top cities", "ru": "Ведущие города"},
    "network.tab.blocs": {"en": "Neighbours and blocs", "ru": "Соседи и объединения"},
    "network.tab.lengths": {"en": "Distances", "ru": "Расстояния"},
    "network.tab.communities": {"en": "Communities", "ru": "Сообщества"},
    "network.tab.table": {"en": "All twinnings", "ru": "Все связи"},
    "network.matrix.help": {
        "en": "Twinnings between the countries with the most twinnings in the filter, sorted by their totals; "
              "the diagonal counts twinnings inside a country. Click a cell to list its twinnings.",
        "ru": "Побратимские связи между странами с наибольшим числом связей в фильтре, по убыванию; "
              "на диагонали — связи внутри страны. Нажмите на клетку, чтобы увидеть её связи."},
    "network.matrix.hover": {"en": "<b>{first} — {second}</b><br>{count} twinnings",
                             "ru": "<b>{first} — {second}</b><br>связей: {count}"},
    "network.matrix.hover_domestic": {"en": "<b>{country}</b>, inside the country<br>{count} twinnings",
                                      "ru": "<b>{country}</b>, внутри страны<br>связей: {count}"},
    "network.matrix.colorbar": {"en": "Twinnings", "ru": "Связей"},
    "network.cell.hint": {"en": "Click a cell of the matrix: its twinnings are listed here and drawn on a map.",
                          "ru": "Нажмите на клетку матрицы: её связи появятся здесь списком и на карте."},
    "network.cell.domestic": {"en": "{country}: inside the country", "ru": "{country}: внутри страны"},
    "network.cell.count": {"en": "{count} twinnings", "ru": "связей: {count}"},
    "network.cell.on_map": {"en": "Open on the map", "ru": "Открыть на карте"},
    "network.cell.profile": {"en": "{country}: profile", "ru": "{country}: профиль"},
    "network.cell.close": {"en": "Close", "ru": "Закрыть"},
    "network.cell.none": {"en": "This pair has no twinnings in the current filter.",
                          "ru": "У этой пары нет связей в текущем фильтре."},
    "network.cell.more": {"en": "The {shown} shortest of {total} twinnings; the map shows all of them.",
                          "ru": "{shown} самых коротких из {total} связей; на карте показаны все."},
    "network.cities.by_twinnings": {"en": "Most twin cities", "ru": "Больше всего побратимов"},
    "network.cities.by_countries": {"en": "Most partner countries", "ru": "Больше всего стран-партнёров"},
    "network.cities.twinnings": {"en": "Twin cities", "ru": "Городов-побратимов"},
    "network.cities.partner_countries": {"en": "Partner countries", "ru": "Стран-партнёров"},
    "network.cities.help": {
        "en": "Cities that pass the filters, counted over the twinnings in view; partner countries exclude the "
              "city's own. Click a bar to open the city's profile.",
        "ru": "Города, прошедшие фильтры; учтены показанные связи, страны-партнёры — кроме своей страны. "
              "Нажмите на столбец, чтобы открыть профиль города."},
    "network.shares.domestic": {"en": "Inside the country", "ru": "Внутри страны"},
    "network.shares.within_bloc": {"en": "Within a shared bloc", "ru": "Внутри общего объединения"},
    "network.shares.beyond_bloc": {"en": "Beyond its blocs", "ru": "За пределами объединений"},
    "network.shares.neighbours": {"en": "With a land neighbour", "ru": "С сухопутным соседом"},
    "network.shares.axis": {"en": "Share of the country's twinnings", "ru": "Доля связей страны"},
    "network.shares.help": {
        "en": "For each country: the share of its twinnings inside the country, with a country it shares a bloc "
              "with (full members of the SCO, BRICS, EAEU or CIS), and beyond its blocs. The green diamond: the "
              "share with countries across a land border (these may be within or beyond a bloc).",
        "ru": "Для каждой страны: доля её связей внутри страны, со странами общего объединения (полноправные "
              "члены ШОС, БРИКС, ЕАЭС или СНГ) и за пределами её объединений. Зелёный ромб — доля связей со "
              "странами за сухопутной границей (они могут быть и внутри, и вне объединения)."},
    "network.lengths.heading": {"en": "Length of the twinnings", "ru": "Длина побратимских связей"},
    "network.lengths.axis": {"en": "Great-circle distance between the two cities",
                             "ru": "Расстояние между городами по дуге большого круга"},
    "network.lengths.count": {"en": "Twinnings", "ru": "Связей"},
    "network.lengths.neighbours": {"en": "Between land neighbours", "ru": "Между сухопутными соседями"},
    "network.lengths.others": {"en": "Other twinnings", "ru": "Остальные связи"},
    "network.lengths.median": {"en": "median {km}", "ru": "медиана {km}"},
    "network.nearest.heading": {"en": "Nearest cross-border twinnings", "ru": "Самые близкие связи через границу"},
    "network.communities.name": {"en": "Community {number} · {cities} cities",
                                 "ru": "Сообщество {number} · городов: {cities}"},
    "network.communities.other": {"en": "Smaller communities", "ru": "Меньшие сообщества"},
    "network.communities.countries": {"en": "Mostly: {countries}", "ru": "В основном: {countries}"},
    "network.communities.hubs": {"en": "Hubs:", "ru": "Узлы:"},
    "network.communities.help": {
        "en": "Groups of cities more twinned with each other than with the rest (Louvain method, fixed seed: the "
              "same filter always gives the same groups). {count} communities, modularity {modularity}; the "
              "seven largest are coloured.",
        "ru": "Группы городов, связанных между собой теснее, чем с остальными (метод Лувена с фиксированным "
              "зерном: один фильтр — всегда одни и те же группы). Сообществ: {count}, модулярность "
              "{modularity}; семь крупнейших выделены цветом."},
    "network.map.links": {"en": "{count} twinnings here", "ru": "связей: {count}"},
    "network.map.partners": {"en": "Twin cities", "ru": "Города-побратимы"},
    "network.map.subject": {"en": "This country's cities", "ru": "Города этой страны"},
    "network.map.other_links": {"en": "Twinning", "ru": "Побратимская связь"},
    "network.map.neighbour_links": {"en": "… with a land neighbour", "ru": "… с сухопутным соседом"},
    "network.table.city": {"en": "City", "ru": "Город"},
    "network.table.country": {"en": "Country", "ru": "Страна"},
    "network.table.twin": {"en": "Twin city", "ru": "Город-побратим"},
    "network.table.twin_country": {"en": "Twin's country", "ru": "Страна побратима"},
    "network.table.distance": {"en": "Distance, km", "ru": "Расстояние, км"},
    "network.table.neighbours": {"en": "Neighbours", "ru": "Соседи"},
    "network.table.sources": {"en": "Sources", "ru": "Источники"},
    "network.table.search": {"en": "Search cities or countries", "ru": "Поиск по городам и странам"},
    "network.table.count": {"en": "{count} twinnings", "ru": "связей: {count}"},
    "network.table.count_of": {"en": "{count} of {total} twinnings", "ru": "связей: {count} из {total}"},
    "network.table.csv": {"en": "Download CSV", "ru": "Скачать CSV"},
    "network.table.xlsx": {"en": "Download Excel", "ru": "Скачать Excel"},
    "network.table.sheet": {"en": "Twinnings", "ru": "Связи"},
    "profile.country.kind": {"en": "Country profile", "ru": "Профиль страны"},
    "profile.city.kind": {"en": "City profile", "ru": "Профиль города"},
    "profile.country.not_found": {"en": "No country with the code {code}", "ru": "Нет страны с кодом {code}"},
    "profile.city.not_found": {"en": "No city with the id {id}", "ru": "Нет города с номером {id}"},
    "profile.kpi.cities": {"en": "Cities with twins", "ru": "Городов с побратимами"},
    "profile.kpi.twinnings": {"en": "Twinnings", "ru": "Побратимских связей"},
    "profile.kpi.twin_cities": {"en": "Twin cities", "ru": "Городов-побратимов"},
    "profile.kpi.partner_countries": {"en": "Partner countries", "ru": "Стран-партнёров"},
    "profile.kpi.neighbours": {"en": "With land neighbours", "ru": "С сухопутными соседями"},
    "profile.kpi.neighbour_twins": {"en": "Across a land border", "ru": "Через сухопутную границу"},
    "profile.kpi.domestic": {"en": "Inside the country", "ru": "Внутри страны"},
    "profile.kpi.median_km": {"en": "Median distance", "ru": "Медианное расстояние"},
    "profile.kpi.border": {"en": "To a land border", "ru": "До сухопутной границы"},
    "profile.kpi.border_with": {"en": "To the border with {country}", "ru": "До границы: {country}"},
    "profile.kpi.border.help": {
        "en": "Great-circle distance from the city to the nearest land border of its country (Natural Earth borders)",
        "ru": "Расстояние по дуге большого круга от города до ближайшей сухопутной границы его страны (границы Natural Earth)"},
    "profile.on_map": {"en": "Show on the map", "ru": "Показать на карте"},
    "profile.country.network": {"en": "Network of this country", "ru": "Сеть связей страны"},
    "profile.api": {"en": "Data (JSON)", "ru": "Данные (JSON)"},
    "profile.partner_countries": {"en": "Partner countries ({count})", "ru": "Страны-партнёры ({count})"},
    "profile.show_all": {"en": "Show all {count}", "ru": "Показать все ({count})"},
    "profile.neighbour": {"en": "Land neighbour", "ru": "Сухопутный сосед"},
    "profile.other_country": {"en": "Other country", "ru": "Другая страна"},
    "profile.domestic": {"en": "Inside the country", "ru": "Внутри страны"},
    "profile.shared_blocs": {"en": "Shared blocs", "ru": "Общие объединения"},
    "profile.country.cities": {"en": "Best-linked cities", "ru": "Самые связанные города"},
    "profile.country.more_cities": {"en": "And {count} more cities with twins.",
                                    "ru": "И ещё городов с побратимами: {count}."},
    "profile.country.border_note": {
        "en": "{count} of the {checked} best-linked cities lie within {km} km of a land border.",
        "ru": "{count} из {checked} самых связанных городов лежат не дальше {km} км от сухопутной границы."},
    "profile.border_distance": {"en": "To a land border", "ru": "До сухопутной границы"},
    "profile.regions": {"en": "Regions involved", "ru": "Регионы"},
    "profile.region": {"en": "Region", "ru": "Регион"},
    "profile.region_on_map": {"en": "Show the region on the map", "ru": "Показать регион на карте"},
    "profile.on_border": {"en": "Border region", "ru": "Приграничный"},
    "profile.table.twins": {"en": "Twins", "ru": "Побратимов"},
    "profile.table.cities": {"en": "Cities", "ru": "Городов"},
    "profile.border_region": {"en": "border region", "ru": "приграничный регион"},
    "profile.more_regions": {"en": "And {count} more regions.", "ru": "И ещё регионов: {count}."},
    "profile.country.borders": {"en": "Land borders", "ru": "Сухопутные границы"},
    "profile.country.no_borders": {"en": "No land borders.", "ru": "Сухопутных границ нет."},
    "profile.neighbour_country": {"en": "Neighbour", "ru": "Сосед"},
    "profile.border_length": {"en": "Border length", "ru": "Длина границы"},
    "profile.city.twins": {"en": "Twin cities ({count})", "ru": "Города-побратимы ({count})"},
    "profile.since": {"en": "since {year}", "ru": "с {year} г."},
    "profile.status.member": {"en": "member", "ru": "член"},
    "profile.status.observer": {"en": "observer", "ru": "наблюдатель"},
    "profile.status.dialogue_partner": {"en": "dialogue partner", "ru": "партнёр по диалогу"},
    "profile.status.partner": {"en": "partner country", "ru": "страна-партнёр"},
    "profile.status.associate_member": {"en": "associate member", "ru": "ассоциированный член"},
    "profile.status.former_member": {"en": "former member", "ru": "бывший член"},
    "map.card.profile": {"en": "City profile →", "ru": "Профиль города →"},
    "profile.activities": {"en": "Activities ({count})", "ru": "Мероприятия ({count})"},
    "profile.activities.none": {"en": "No activities recorded in the registry yet (for the years chosen).",
                                "ru": "В реестре пока нет мероприятий (за выбранные годы)."},
    "profile.activities.more": {"en": "And {count} more.", "ru": "И ещё {count}."},
    "profile.activities.all": {"en": "All activities on the Activities page →",
                               "ru": "Все мероприятия — на странице «Мероприятия» →"},
    "profile.activities.date": {"en": "Date", "ru": "Дата"},
    "profile.activities.title": {"en": "Activity", "ru": "Мероприятие"},
    "profile.activities.type": {"en": "Type", "ru": "Тип"},
    "profile.activities.where": {"en": "Where", "ru": "Где"},
    # ---- exports (PNG / SVG / PDF brief) and the /sources page: dashboard/exports, pages/sources.py ----------
    "exports.sources": {"en": "Sources: {sources}", "ru": "Источники: {sources}"},
    "exports.dataset.naturalearth": {"en": "Natural Earth", "ru": "Natural Earth"},
    "exports.dataset.geonames": {"en": "GeoNames (CC BY 4.0)", "ru": "GeoNames (CC BY 4.0)"},
    "exports.dataset.wikipedia": {"en": "Wikipedia contributors (CC BY-SA 4.0)",
                                  "ru": "авторы Википедии (CC BY-SA 4.0)"},
    "exports.dataset.osm": {"en": "OpenStreetMap contributors (ODbL)", "ru": "участники OpenStreetMap (ODbL)"},
    "exports.dataset.wikidata": {"en": "Wikidata (CC0)", "ru": "Wikidata (CC0)"},
    "exports.dataset.memberships": {"en": "Borderlinks bloc memberships (cited)",
                                    "ru": "членство в объединениях, Borderlinks (с источниками)"},
    "exports.dataset.corridors": {"en": "Borderlinks corridors and cross-border regions (cited)",
                                  "ru": "коридоры и трансграничные регионы, Borderlinks (с источниками)"},
    "exports.dataset.registry": {"en": "Borderlinks activity registry", "ru": "реестр мероприятий Borderlinks"},
    "exports.download": {"en": "Download", "ru": "Скачать"},
    "exports.download.help": {"en": "Download this chart as a file (1600 × 900 px, with title, legend and sources)",
                              "ru": "Скачать этот рисунок файлом (1600 × 900 пикс., с заголовком, легендой и источниками)"},
    "exports.title.map": {"en": "Twin cities and cross-border ties", "ru": "Города-побратимы и приграничные связи"},
    "exports.title.country_map": {"en": "{country}: twin cities", "ru": "{country}: города-побратимы"},
    "exports.title.city_map": {"en": "{city} and its twin cities", "ru": "{city}: города-побратимы"},
    "exports.filters.none": {"en": "All countries, no filter", "ru": "Все страны, без фильтров"},
    "exports.filters.countries": {"en": "Countries: {items}", "ru": "Страны: {items}"},
    "exports.filters.blocs": {"en": "Blocs: {items}", "ru": "Объединения: {items}"},
    "exports.filters.regions": {"en": "Regions: {items}", "ru": "Регионы: {items}"},
    "exports.filters.pair": {"en": "Between {first} and {second}", "ru": "Между: {first} и {second}"},
    "exports.filters.border_only": {"en": "Border regions only", "ru": "Только приграничные регионы"},
    "exports.filters.min_population": {"en": "Cities from {count} inhabitants", "ru": "Города от {count} жителей"},
    "exports.filters.scope.within": {"en": "Ties within the selection", "ru": "Связи внутри выбора"},
    "exports.filters.scope.between": {"en": "Ties between the pair", "ru": "Связи между парой стран"},
    "exports.filters.years": {"en": "Years {start}–{end}", "ru": "Годы {start}–{end}"},
    "exports.brief.button": {"en": "PDF brief", "ru": "PDF-справка"},
    "exports.brief.help": {"en": "An A4 landscape PDF of this profile: cover, map, key figures, sources",
                           "ru": "PDF A4 (альбомный) по этому профилю: обложка, карта, ключевые цифры, источники"},
    "exports.brief.view_help": {"en": "An A4 landscape PDF of this view: cover, figure, key figures, sources",
                                "ru": "PDF A4 (альбомный) по этому виду: обложка, рисунок, ключевые цифры, источники"},
    "exports.brief.country": {"en": "Country brief", "ru": "Справка по стране"},
    "exports.brief.view": {"en": "Brief of a saved view", "ru": "Справка по сохранённому виду"},
    "exports.brief.made": {"en": "Made on {date}", "ru": "Подготовлено {date}"},
    "exports.brief.all_ties": {"en": "All its twinnings, whatever the filter",
                               "ru": "Все побратимские связи страны, без учёта фильтров"},
    "exports.brief.key_figures": {"en": "{subject}: key figures", "ru": "{subject}: ключевые цифры"},
    "exports.brief.top_partners": {"en": "Top partner countries", "ru": "Ведущие страны-партнёры"},
    "exports.brief.partner_country": {"en": "Partner country", "ru": "Страна-партнёр"},
    "exports.brief.top_pairs": {"en": "Top country pairs", "ru": "Ведущие пары стран"},
    "exports.brief.country_pair": {"en": "Countries", "ru": "Страны"},
    "exports.brief.kpi.twinnings": {"en": "Twinnings", "ru": "Побратимских связей"},
    "exports.brief.kpi.places": {"en": "Cities", "ru": "Городов"},
    "exports.brief.kpi.countries": {"en": "Countries", "ru": "Стран"},
    "exports.brief.kpi.cross_border": {"en": "Across a land border", "ru": "Через сухопутную границу"},
    "exports.brief.sources": {"en": "Sources and attribution", "ru": "Источники и атрибуция"},
    "exports.brief.more": {"en": "Every dataset, its licence, row counts and match rates: the Sources page "
                                 "of Borderlinks (/sources).",
                           "ru": "Все наборы данных, их лицензии, число строк и доля сопоставленных записей — "
                                 "на странице «Источники» Borderlinks (/sources)."},
    "exports.job.queued": {"en": "Waiting for the renderer…", "ru": "Ожидание очереди…"},
    "exports.job.start": {"en": "Starting…", "ru": "Начинаем…"},
    "exports.job.figures": {"en": "Drawing the figures…", "ru": "Рисуем рисунки…"},
    "exports.job.tables": {"en": "Writing the tables…", "ru": "Готовим таблицы…"},
    "exports.job.pdf": {"en": "Printing the PDF…", "ru": "Печатаем PDF…"},
    "exports.job.done": {"en": "Ready:", "ru": "Готово:"},
    "exports.job.failed": {"en": "The brief could not be made: {error}",
                           "ru": "Справку подготовить не удалось: {error}"},
    "exports.job.download": {"en": "Download the PDF", "ru": "Скачать PDF"},
    "page.sources": {"en": "Sources", "ru": "Источники"},
    "sources.heading": {"en": "Sources and coverage", "ru": "Источники и охват"},
    "sources.intro": {"en": "Where every figure in Borderlinks comes from: the input files with their licences, "
                            "the project's own cited tables, how many rows the store holds, how well the twinning "
                            "lists were matched to places, and the twinnings that could not be matched.",
                      "ru": "Откуда берутся все цифры Borderlinks: входные файлы и их лицензии, собственные таблицы "
                            "проекта с источниками, число строк в хранилище, доля сопоставленных побратимских пар "
                            "и пары, которые сопоставить не удалось."},
    "sources.as_of": {"en": "Store built on {date}.", "ru": "Дата сборки хранилища: {date}"},
    "sources.datasets": {"en": "Input datasets", "ru": "Входные наборы данных"},
    "sources.own": {"en": "The project's own tables", "ru": "Собственные таблицы проекта"},
    "sources.col.dataset": {"en": "Dataset", "ru": "Набор данных"},
    "sources.col.file": {"en": "File", "ru": "Файл"},
    "sources.col.licence": {"en": "Licence", "ru": "Лицензия"},
    "sources.col.origin": {"en": "Origin", "ru": "Источник"},
    "sources.col.rows": {"en": "Rows", "ru": "Строк"},
    "sources.col.date": {"en": "Date", "ru": "Дата"},
    "sources.col.sources": {"en": "Cited sources", "ru": "Источников"},
    "sources.col.table": {"en": "Table", "ru": "Таблица"},
    "sources.store": {"en": "Rows in the store", "ru": "Строк в хранилище"},
    "sources.table.countries": {"en": "Countries", "ru": "Страны"},
    "sources.table.memberships": {"en": "Bloc memberships", "ru": "Членство в объединениях"},
    "sources.table.regions": {"en": "Regions", "ru": "Регионы"},
    "sources.table.land_borders": {"en": "Land borders", "ru": "Сухопутные границы"},
    "sources.table.disputed_areas": {"en": "Disputed areas", "ru": "Спорные территории"},
    "sources.table.places": {"en": "Places", "ru": "Населённые пункты"},
    "sources.table.twinnings": {"en": "Twinnings", "ru": "Побратимские связи"},
    "sources.table.twinning_review": {"en": "Unmatched twinnings (for review)",
                                      "ru": "Несопоставленные пары (на проверку)"},
    "sources.match": {"en": "Match rates", "ru": "Сопоставление"},
    "sources.match.wikipedia": {"en": "Wikipedia pairs matched to places: {matched} of {total} ({pct})",
                                "ru": "Пары из Википедии, сопоставленные с городами: {matched} из {total} ({pct})"},
    "sources.match.wikidata": {"en": "Wikidata links matched: {matched} of {total} ({pct})",
                               "ru": "Связи Wikidata, сопоставленные с городами: {matched} из {total} ({pct})"},
    "sources.match.both": {"en": "Twinnings found in both sources: {count}",
                           "ru": "Связи, найденные в обоих источниках: {count}"},
    "sources.match.origin": {"en": "Places by origin: {items}", "ru": "Населённые пункты по происхождению: {items}"},
    "sources.coverage": {"en": "Coverage of the focus countries", "ru": "Охват основных стран"},
    "sources.col.country": {"en": "Country", "ru": "Страна"},
    "sources.col.pair_ends": {"en": "Wikipedia pair ends", "ru": "Концов пар в Википедии"},
    "sources.col.matched": {"en": "Matched", "ru": "Сопоставлено"},
    "sources.col.twinnings": {"en": "Twinnings", "ru": "Связей"},
    "sources.col.places": {"en": "Places", "ru": "Населённых пунктов"},
    "sources.review": {"en": "Unmatched twinnings ({count})", "ru": "Несопоставленные пары ({count})"},
    "sources.review.help": {"en": "Pairs from the sources that the build could not place on the map, with the "
                                  "reason; fix them in the source or report them.",
                            "ru": "Пары из источников, которые не удалось поставить на карту, с причиной; "
                                  "исправьте их в источнике или сообщите о них."},
    "sources.review.source": {"en": "Source", "ru": "Источник"},
    "sources.review.row": {"en": "Row", "ru": "Строка"},
    "sources.review.city_a": {"en": "City", "ru": "Город"},
    "sources.review.country_a": {"en": "Country", "ru": "Страна"},
    "sources.review.city_b": {"en": "Twin", "ru": "Побратим"},
    "sources.review.country_b": {"en": "Twin's country", "ru": "Страна побратима"},
    "sources.review.reason": {"en": "Reason", "ru": "Причина"},
    "sources.review.sheet": {"en": "Unmatched twinnings", "ru": "Несопоставленные пары"},
    "sources.attribution": {"en": "Attribution", "ru": "Атрибуция"},
    "sources.no_store": {"en": "The store is not built yet: run `python -m dashboard build`.",
                         "ru": "Хранилище ещё не собрано: выполните `python -m dashboard build`."},
    # ---- end of exports and /sources ----------------------------------------------------------------------
    # ---- saved views and presentation mode (issue 7: views, save_view, present, view_figure) -----------
    "page.views": {"en": "Saved views", "ru": "Сохранённые виды"},
    "views.figure.none": {"en": "This page has no figure to show.", "ru": "У этой страницы нет рисунка для показа."},
    "views.figure.no_store": {"en": "The data store is not built yet.", "ru": "Хранилище данных ещё не собрано."},
    "views.figure.not_found": {"en": "Nothing of that name in the data.", "ru": "В данных такого нет."},
    "views.field.title": {"en": "Title", "ru": "Название"},
    "views.field.description": {"en": "Description", "ru": "Описание"},
    "views.field.path": {"en": "Page", "ru": "Страница"},
    "views.field.query": {"en": "Filters", "ru": "Фильтры"},
    "views.field.story": {"en": "Story (presentation)", "ru": "Сюжет (презентация)"},
    "views.field.position": {"en": "Slide number", "ru": "Номер слайда"},
    "views.field.notes": {"en": "Slide notes", "ru": "Заметки к слайду"},
    "views.problem.required": {"en": "{field}: required.", "ru": "{field}: обязательное поле."},
    "views.problem.too_long": {"en": "{field}: too long.", "ru": "{field}: слишком длинно."},
    "views.problem.bad_position": {"en": "{field}: a whole number from 1.", "ru": "{field}: целое число от 1."},
    "views.problem.not_saveable": {
        "en": "Views can be saved of the map, network, corridors, activities and the country and city profiles.",
        "ru": "Сохранить можно вид карты, сети, коридоров, мероприятий и профилей стран и городов."},
    "save.button": {"en": "Save view", "ru": "Сохранить вид"},
    "save.button.help": {"en": "Save this page with its filters under a name",
                         "ru": "Сохранить эту страницу с её фильтрами под названием"},
    "save.list": {"en": "Saved views", "ru": "Сохранённые виды"},
    "save.heading": {"en": "Save this view", "ru": "Сохранить этот вид"},
    "save.intro": {"en": "The page with its filters, selection, map extent and language.",
                   "ru": "Страница с её фильтрами, выбором, охватом карты и языком."},
    "save.story.hint": {"en": "optional: a story is a presentation of several views",
                        "ru": "необязательно: сюжет — это презентация из нескольких видов"},
    "save.position.hint": {"en": "empty: at the end", "ru": "пусто: в конец"},
    "save.submit": {"en": "Save", "ru": "Сохранить"},
    "save.close": {"en": "Close", "ru": "Закрыть"},
    "save.saved": {"en": "Saved as “{title}”.", "ru": "Сохранено как «{title}»."},
    "save.open_list": {"en": "All saved views", "ru": "Все сохранённые виды"},
    "save.signin": {"en": "Editors of the registry save views. Sign in on the Registry page.",
                    "ru": "Сохранять виды могут редакторы реестра. Войдите на странице «Реестр»."},
    "save.signin.link": {"en": "Sign in", "ru": "Войти"},
    "save.refused": {"en": "Not saved: {reason}", "ru": "Не сохранено: {reason}"},
    "views.heading": {"en": "Saved views", "ru": "Сохранённые виды"},
    "views.intro": {
        "en": "Pages saved with their filters, grouped into stories that can be presented full screen. "
              "Each has a stable link to share.",
        "ru": "Страницы, сохранённые с их фильтрами, собранные в сюжеты для показа на весь экран. "
              "У каждой — постоянная ссылка."},
    "views.empty": {"en": "No saved views yet.", "ru": "Сохранённых видов пока нет."},
    "views.empty.hint": {
        "en": "Open any page, set its filters and choose “Save view” at the top (editors of the registry). "
              "Give several views the same story to present them one after another.",
        "ru": "Откройте любую страницу, задайте фильтры и нажмите «Сохранить вид» вверху (для редакторов "
              "реестра). Дайте нескольким видам один сюжет, чтобы показывать их друг за другом."},
    "views.missing": {"en": "There is no saved view “{slug}” (it may have been deleted).",
                      "ru": "Сохранённого вида «{slug}» нет (возможно, он удалён)."},
    "views.loose": {"en": "Views without a story", "ru": "Виды вне сюжетов"},
    "views.slides": {"en": "{count} slides", "ru": "слайдов: {count}"},
    "views.present": {"en": "Present", "ru": "Показать"},
    "views.present.from": {"en": "Present from here", "ru": "Показать отсюда"},
    "views.link": {"en": "Link", "ru": "Ссылка"},
    "views.saved_by": {"en": "Saved by {name}, {date}", "ru": "Сохранил(а) {name}, {date}"},
    "views.edit": {"en": "Edit", "ru": "Изменить"},
    "views.up": {"en": "Earlier", "ru": "Раньше"},
    "views.down": {"en": "Later", "ru": "Позже"},
    "views.delete": {"en": "Delete", "ru": "Удалить"},
    "views.delete.confirm": {"en": "Delete the saved view “{title}”?", "ru": "Удалить сохранённый вид «{title}»?"},
    "views.edit.heading": {"en": "Edit “{title}”", "ru": "Изменить «{title}»"},
    "views.edit.save": {"en": "Save changes", "ru": "Сохранить изменения"},
    "views.edit.cancel": {"en": "Cancel", "ru": "Отмена"},
    "views.edit.saved": {"en": "Saved.", "ru": "Сохранено."},
    "views.edit.unchanged": {"en": "Nothing changed.", "ru": "Ничего не изменилось."},
    "views.deleted": {"en": "Deleted “{title}”.", "ru": "Удалено: «{title}»."},
    "views.editor_hint": {"en": "Editors of the registry can rename, reorder and delete views after signing in.",
                          "ru": "Редакторы реестра после входа могут переименовывать, переставлять и удалять виды."},
    "present.prev": {"en": "Previous slide", "ru": "Предыдущий слайд"},
    "present.next": {"en": "Next slide", "ru": "Следующий слайд"},
    "present.fullscreen": {"en": "Full screen", "ru": "Во весь экран"},
    "present.exit": {"en": "Leave the presentation (Esc): open this view", "ru": "Выйти из показа (Esc): открыть этот вид"},
    "present.exit.short": {"en": "Open view", "ru": "Открыть вид"},
    "present.keys": {"en": "← → to move · F full screen · Esc to leave",
                     "ru": "← → листать · F во весь экран · Esc выйти"},
    "present.progress": {"en": "Slide {n} of {total}", "ru": "Слайд {n} из {total}"},
    "present.choose": {"en": "Choose a story to present", "ru": "Выберите сюжет для показа"},
    "present.no_story": {"en": "There is no story “{story}”.", "ru": "Сюжета «{story}» нет."},
    "present.no_stories": {
        "en": "No stories yet: give saved views a story name to present them here.",
        "ru": "Сюжетов пока нет: укажите у сохранённых видов название сюжета, чтобы показывать их здесь."},
    "present.back_to_list": {"en": "Saved views", "ru": "Сохранённые виды"},
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
    "zh": tuple(str(month) for month in range(1, 13)),
}
_DATE_FORMAT = {"en": "{day} {month} {year}", "ru": "{day} {month} {year} г.", "zh": "{year}年{month}月{day}日"}


def format_date(value: dt.date | str | None, lang: str) -> str:
    """A date as people write it: '21 November 2026', '21 ноября 2026 г.', '2026年11月21日'; '' if none.

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


# ---- Chinese (zh): its texts live in i18n_zh.py; merged here, after every en/ru text (keep this last) --
def _merge_chinese() -> None:
    from dashboard.i18n_zh import ZH

    for key, text in ZH.items():
        if key in MESSAGES:
            MESSAGES[key].setdefault("zh", text)


_merge_chinese()
