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


def is_chinese_spelling(name: str) -> bool:
    return bool(CJK.search(name)) and not KANA.search(name)
