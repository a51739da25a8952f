"""The registry's words: activity types, twinning statuses, and the import's column names (EN and RU).

Codes are stored; people see labels (dashboard.i18n keys `activity.type.<code>`, ...). An import cell
or header matches a code when its `folded` form equals one of the code's spellings below, so
"Выставка/ярмарка", "exhibition / fair" and "EXHIBITION" all mean `exhibition`.
"""

from __future__ import annotations

import re
import unicodedata

from dashboard.i18n import texts_in_every_language

#: activity types, in display order; the first ten of the issue's list, then meeting and other
ACTIVITY_TYPES: tuple[str, ...] = (
    "festival", "forum", "conference", "seminar", "symposium", "exhibition", "tourism",
    "youth_exchange", "sport", "business_mission", "joint_project", "agreement", "meeting",
)

#: spellings accepted on import for each type (folded); the English and Russian labels are added too
TYPE_SPELLINGS: dict[str, tuple[str, ...]] = {
    "festival": ("festival", "fest", "фестиваль", "фест"),
    "forum": ("forum", "форум"),
    "conference": ("conference", "конференция"),
    "seminar": ("seminar", "workshop", "webinar", "семинар", "вебинар", "мастер класс", "круглый стол",
                "round table"),
    "symposium": ("symposium", "симпозиум"),
    "exhibition": ("exhibition", "fair", "exhibition fair", "trade fair", "expo", "выставка", "ярмарка",
                   "выставка ярмарка", "выставка и ярмарка"),
    "tourism": ("tourism", "tourist route", "tourist programme", "tourist program", "tourist route or programme",
                "туризм", "туристический маршрут", "туристическая программа",
                "туристический маршрут или программа"),
    "youth_exchange": ("youth exchange", "education exchange", "educational exchange", "student exchange",
                       "youth or education exchange", "exchange", "молодежный обмен", "образовательный обмен",
                       "студенческий обмен", "молодежный или образовательный обмен", "обмен"),
    "sport": ("sport", "sports", "sport event", "спорт", "спортивное мероприятие", "соревнования",
              "соревнование"),
    "business_mission": ("business mission", "trade mission", "business", "бизнес миссия",
                         "деловая миссия", "торговая миссия"),
    "joint_project": ("joint project", "project", "совместный проект", "проект"),
    "agreement": ("agreement", "agreement signed", "signing", "memorandum", "соглашение",
                  "подписание соглашения", "подписано соглашение", "договор", "меморандум"),
    "meeting": ("meeting", "council meeting", "working meeting", "встреча", "заседание", "рабочая встреча",
                "совещание"),
}

#: statuses a twinning can be recorded with (registry table twinning_records)
TWINNING_STATUSES: tuple[str, ...] = ("active", "suspended", "ended", "unknown", "proposed")

#: monitoring statuses, derived from the activity record (dashboard.registry.monitoring)
MONITORING_STATUSES: tuple[str, ...] = ("active", "fading", "dormant", "never")

DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year")

ROLES: tuple[str, ...] = ("viewer", "editor", "admin")
WRITE_ROLES: tuple[str, ...] = ("editor", "admin")

# ---- import columns --------------------------------------------------------------------------------------

#: the import's columns in template order; `title`, `type`, `start_date` and one of the three location
#: columns are required
COLUMNS: tuple[str, ...] = ("title", "type", "start_date", "end_date", "places", "regions", "countries",
                            "twinning", "corridor", "organiser", "source", "notes")
REQUIRED_COLUMNS: tuple[str, ...] = ("title", "type", "start_date")
LOCATION_COLUMNS: tuple[str, ...] = ("places", "regions", "countries")

#: the headers of the downloadable templates
TEMPLATE_HEADERS: dict[str, dict[str, str]] = {
    "en": {"title": "Title", "type": "Type", "start_date": "Start date", "end_date": "End date",
           "places": "Places", "regions": "Regions", "countries": "Countries", "twinning": "Twinning",
           "corridor": "Corridor", "organiser": "Organiser", "source": "Source", "notes": "Notes"},
    "ru": {"title": "Название", "type": "Тип", "start_date": "Дата начала", "end_date": "Дата окончания",
           "places": "Города", "regions": "Регионы", "countries": "Страны", "twinning": "Побратимы",
           "corridor": "Коридор", "organiser": "Организатор", "source": "Источник", "notes": "Примечания"},
}

#: other header spellings (folded), English and Russian
HEADER_SPELLINGS: dict[str, tuple[str, ...]] = {
    "title": ("title", "name", "activity", "event", "event name", "activity title", "название",
              "наименование", "мероприятие", "название мероприятия", "наименование мероприятия"),
    "type": ("type", "activity type", "event type", "kind", "category", "тип", "вид", "тип мероприятия",
             "вид мероприятия", "категория", "формат"),
    "start_date": ("start date", "start", "date", "from", "date from", "begins", "дата начала", "начало",
                   "дата", "с", "дата с", "дата проведения"),
    "end_date": ("end date", "end", "to", "until", "date to", "ends", "дата окончания", "окончание", "по",
                 "дата по", "дата завершения"),
    "places": ("places", "place", "cities", "city", "towns", "place ids", "place id", "города", "город",
               "населенные пункты", "населенный пункт", "место проведения", "места", "место",
               "муниципалитеты"),
    "regions": ("regions", "region", "provinces", "регионы", "регион", "субъекты", "субъект", "области",
                "область"),
    "countries": ("countries", "country", "iso3", "страны", "страна"),
    "twinning": ("twinning", "twin cities", "twinning pair", "twin pair", "sister cities", "побратимы",
                 "побратимская связь", "пара побратимов", "города побратимы"),
    "corridor": ("corridor", "corridor id", "коридор", "экономический коридор"),
    "organiser": ("organiser", "organizer", "organisers", "organizers", "organised by", "organized by",
                  "организатор", "организаторы"),
    "source": ("source", "source url", "source address", "url", "link", "источник", "ссылка",
               "адрес источника"),
    "notes": ("notes", "note", "comment", "comments", "remarks", "примечания", "примечание",
              "комментарий", "комментарии"),
}

_SEPARATORS = re.compile(r"[\s_\-–—/\\.,:;()\[\]*\"'«»№#]+")


def folded(text: object) -> str:
    """Lower-case words separated by single spaces, ё as е; punctuation dropped ('' for nothing)."""
    if text is None:
        return ""
    value = unicodedata.normalize("NFKC", str(text)).casefold().replace("ё", "е")
    return _SEPARATORS.sub(" ", value).strip()


def _index(spellings: dict[str, tuple[str, ...]], extra: dict[str, list[str]] | None = None) -> dict[str, str]:
    index: dict[str, str] = {}
    for code, words in spellings.items():
        for word in (*words, code, *(extra or {}).get(code, [])):
            index.setdefault(folded(word), code)
    return index


def _type_labels() -> dict[str, list[str]]:
    return {code: list(texts_in_every_language(f"activity.type.{code}").values()) for code in ACTIVITY_TYPES}


_TYPE_INDEX: dict[str, str] | None = None
_HEADER_INDEX = _index(HEADER_SPELLINGS, {code: [TEMPLATE_HEADERS["en"][code], TEMPLATE_HEADERS["ru"][code]]
                                          for code in COLUMNS})


def activity_type_of(text: object) -> str | None:
    """The type code a cell means ('Фестиваль' -> 'festival'), or None."""
    global _TYPE_INDEX
    if _TYPE_INDEX is None:
        _TYPE_INDEX = _index(TYPE_SPELLINGS, _type_labels())
    return _TYPE_INDEX.get(folded(text))


def column_of(header: object) -> str | None:
    """The import column a header means ('Дата начала' -> 'start_date'), or None.

    A bilingual header 'Название / Title' or 'Title (название)' matches through either part.
    """
    key = folded(header)
    if key in _HEADER_INDEX:
        return _HEADER_INDEX[key]
    for part in re.split(r"[/()|]", str(header or "")):
        code = _HEADER_INDEX.get(folded(part))
        if code:
            return code
    return None
