"""The UI's words and numbers: gettext catalogues, `t` / `tn`, and Babel formats for the UI language.

Texts live in `dashboard/locale/<lang>/LC_MESSAGES/messages.po` (msgid = a key such as "page.map",
msgstr = the text; the English catalogue holds the English text). `t(key, lang, **fields)` returns the
text with its `{name}` fields filled; `tn(key, n, lang, **fields)` picks the plural form for the count
`n` (English 2 forms, Russian 3, Chinese 1) and fills `{count}` with `n` formatted for the language.
A missing translation shows the English text; an unknown key shows the key (a visible bug, never a crash).

The catalogues are compiled to `.mo` by `make` (pybabel compile); when a `.mo` is missing or older than
its `.po` (a fresh checkout served by `gunicorn app:server`), the `.po` is compiled in memory instead.
No Dash here: the store and the figures use this module too.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
import logging
import re
from pathlib import Path

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES: tuple[str, ...] = ("en", "ru", "zh")
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "zh": "中文"}

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"

# Babel locales: numbers in plain English ("1.2M", "12K"); dates the British way ("21 November 2026").
_NUMBER_LOCALES = {"en": Locale.parse("en"), "ru": Locale.parse("ru"), "zh": Locale.parse("zh_Hans_CN")}
_DATE_LOCALES = {"en": Locale.parse("en_GB"), "ru": Locale.parse("ru"), "zh": Locale.parse("zh_Hans_CN")}

log = logging.getLogger(__name__)


# ---- catalogues --------------------------------------------------------------------------------------

def catalogue_path(lang: str, suffix: str = ".po") -> Path:
    """Where the catalogue of `lang` lives (suffix ".po" for the source, ".mo" for the compiled one)."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def _compiled(lang: str) -> gettext.GNUTranslations:
    po, mo = catalogue_path(lang, ".po"), catalogue_path(lang, ".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    log.info("Compiling %s in memory: %s is %s (run `make translations` to compile it once)",
             po, mo.name, "older than the .po" if mo.exists() else "missing")
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@functools.cache
def translations(lang: str) -> gettext.GNUTranslations:
    """The catalogue of `lang` (loaded once per process), falling back to English for missing texts."""
    lang = language_or_default(lang)
    catalogue = _compiled(lang)
    if lang != DEFAULT_LANGUAGE:
        catalogue.add_fallback(translations(DEFAULT_LANGUAGE))
    return catalogue


def language_or_default(lang: object) -> str:
    """`lang` if it is one of LANGUAGES, else the default language."""
    return lang if isinstance(lang, str) and lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str = DEFAULT_LANGUAGE, **fields: object) -> str:
    """The text for `key` in `lang` (English if that translation is missing; the key if unknown).

    Keyword arguments fill `{name}` fields in the text; without them the text is returned as is.
    """
    text = translations(language_or_default(lang)).gettext(key)
    return text.format(**fields) if fields else text


def tn(key: str, n: int, lang: str = DEFAULT_LANGUAGE, **fields: object) -> str:
    """The plural form of `key` for the count `n` in `lang`: '1 twinning', '5 побратимств', '5 对友城关系'.

    `{count}` is filled with `n` formatted for the language unless given; other fields as in `t`.
    """
    lang = language_or_default(lang)
    fields.setdefault("count", format_number(n, lang))
    return translations(lang).ngettext(key, key, int(n)).format(**fields)


def has_text(key: str) -> bool:
    """Whether the English catalogue has `key` (as a plain or a plural message)."""
    english = translations(DEFAULT_LANGUAGE)
    return english.gettext(key) != key or english.ngettext(key, "", 2) != ""


def texts_in_every_language(key: str) -> dict[str, str]:
    """`key`'s text in each language: {'en': 'Festival', 'ru': 'Фестиваль', 'zh': '节庆活动'}."""
    return {lang: t(key, lang) for lang in LANGUAGES}


# ---- numbers and dates ------------------------------------------------------------------------------

def format_number(value: float | int, lang: str, decimals: int | None = None) -> str:
    """A number as the language writes it: '12,345' / '12 345' (no-break space) / '12,345'; '0,5' in Russian.

    `decimals` fixes the digits after the point (None: as many as the value has, up to three).
    """
    locale = _NUMBER_LOCALES[language_or_default(lang)]
    if decimals is None:
        return babel_numbers.format_decimal(value, locale=locale)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return babel_numbers.format_decimal(value, format=pattern, locale=locale)


def format_percent(share: float, lang: str, decimals: int = 0) -> str:
    """A share (0.5) as a percentage: '50%', '50 %' (no-break space), '50%'; `decimals` digits after the point."""
    locale = _NUMBER_LOCALES[language_or_default(lang)]
    pattern = locale.percent_formats[None].pattern
    if decimals:
        pattern = pattern.replace("0", "0." + "0" * decimals, 1)
    return babel_numbers.format_percent(share, format=pattern, locale=locale)


def format_compact(value: float | int, lang: str, decimals: int = 1) -> str:
    """A large count in short form: '1.2M', '12K'; '1,2 млн', '12 тыс.'; '1.2万', '3亿'. Below 1,000 in full."""
    locale = _NUMBER_LOCALES[language_or_default(lang)]
    return babel_numbers.format_compact_decimal(value, locale=locale, fraction_digits=decimals)


def format_population(value: float | int, lang: str) -> str:
    """A population as the language writes it: '12,345,678', '12 345 678'; in Chinese with 万/亿 ('1234.6万')."""
    if language_or_default(lang) == "zh" and value >= 10_000:
        return format_compact(value, lang)
    return format_number(int(round(value)), lang)


_YEAR = re.compile(r"^\d{4}$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def format_date(value: dt.date | str | None, lang: str) -> str:
    """A date as people write it: '21 November 2026', '21 ноября 2026 г.', '2026年11月21日'; '' if none.

    Accepts a date, a datetime or an ISO 8601 string; month precision ('2024-06') gives 'June 2024',
    'июнь 2024 г.', '2024年6月'; a bare year is shown as is. An unreadable string is returned as is.
    """
    if value is None or value == "":
        return ""
    locale = _DATE_LOCALES[language_or_default(lang)]
    if isinstance(value, str):
        text = value.strip()
        if _YEAR.match(text):
            return text
        month = _YEAR_MONTH.match(text)
        try:
            if month:
                first = dt.date(int(month.group(1)), int(month.group(2)), 1)
                return babel_dates.format_skeleton("yMMMM", first, locale=locale)
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            return value
    day = value.date() if isinstance(value, dt.datetime) else value
    return babel_dates.format_date(day, format="long", locale=locale)
