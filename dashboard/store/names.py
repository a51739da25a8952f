"""Place-name keys that match across scripts, transliterations and punctuation.

`name_key("Подольск") == name_key("Podol'sk") == name_key("Podolsk") == "podolsk"`.
"""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

_APOSTROPHES = re.compile(r"['’ʹʼ`´\"]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
RUSSIAN_WORD = re.compile(r"^[А-Яа-яЁё][А-Яа-яЁё0-9 .\-()]*$")
CJK = re.compile(r"[\u4e00-\u9fff]")
KANA = re.compile(r"[\u3040-\u30ff]")


def name_key(name: str | None) -> str:
    """Lower-case ASCII letters and digits separated by single spaces; '' for nothing."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", str(name))
    text = _APOSTROPHES.sub("", text)
    text = unidecode(text).lower()
    text = _APOSTROPHES.sub("", text)
    return _NON_ALNUM.sub(" ", text).strip()


def is_russian_spelling(name: str) -> bool:
    """Cyrillic with only the letters of the Russian alphabet (no і, ў, ә, қ, ...)."""
    return bool(RUSSIAN_WORD.match(name))


#: spellings Russian does not write and Belarusian does (Рэчыца, Шчучын, Глыбокае): for a Belarusian place such a
#: GeoNames alternate name is the Belarusian form, never its Russian name
BELARUSIAN_LOOK = re.compile(r"[чшжщ]ы|[бвгджзклмнпрстфхцчшщ]э|ае$|ое[ўу]|[іўІЎ]")


def is_russian_spelling_of_a_place_in(iso3: str | None):
    """The test of a Russian spelling for a place of `iso3`: in Belarus, a Belarusian-looking form is not one
    (GeoNames lists Жыткавычы beside Житковичи; the closest to the Latin name would be the Belarusian)."""
    if iso3 == "BLR":
        return lambda name: is_russian_spelling(name) and not BELARUSIAN_LOOK.search(name)
    return is_russian_spelling


def is_chinese_spelling(name: str) -> bool:
    return bool(CJK.search(name)) and not KANA.search(name)
