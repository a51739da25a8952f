"""Russian spellings of Chinese names by the Palladius system, from the characters or from the pinyin.

The syllable table is data/palladius_syllables.csv (pinyin -> Cyrillic, with the public table it follows);
pypinyin gives the pinyin of the characters. Syllables are joined as Russian maps do: a syllable ending in
-н (pinyin -ng) before one starting with a vowel takes a hard sign (Xiangyang -> Сянъян, Hengyang ->
Хэнъян); 'Gao'an' -> Гаоань. A name whose pinyin cannot be split into syllables is left without a
transcription (None), never guessed.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from dashboard import settings

SYLLABLES_CSV = settings.PROJECT_ROOT / "data" / "palladius_syllables.csv"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_VOWEL_START = tuple("аоуэеюяиё")
#: administrative suffixes are dropped (诸暨市 -> Чжуцзи, 加格达奇区 -> Цзягэдаци), as a place's name on a
#: Russian map carries none; other words of a name are transcribed
_ADMIN_SUFFIXES = ("街道", "市", "区", "县", "镇", "乡")
_ENGLISH_WORDS = re.compile(r"\b(city|county|district|province|prefecture|town|new area)\b", re.IGNORECASE)
_MAX_SYLLABLE = 6
#: readings of characters as place names have them where pypinyin picks another (新都 Xindu, not Xindou)
PLACE_READINGS = {"都": "du"}


@lru_cache(maxsize=1)
def syllable_table() -> dict[str, str]:
    with SYLLABLES_CSV.open(encoding="utf-8", newline="") as handle:
        return {row["pinyin"]: row["palladius"] for row in csv.DictReader(handle)}


def joined(syllables: list[str]) -> str:
    """Cyrillic syllables as one word, with the hard sign after -н before a vowel, capitalised."""
    word = ""
    for syllable in syllables:
        if word.endswith("н") and syllable.startswith(_VOWEL_START):
            word += "ъ"
        word += syllable
    return word[:1].upper() + word[1:]


def split_pinyin(text: str) -> list[str] | None:
    """'changshu' -> ['chang', 'shu']: the split into table syllables with the fewest syllables (the
    longest first on a tie); None when there is none."""
    table = syllable_table()
    n = len(text)
    best: list[list[str] | None] = [None] * (n + 1)
    best[n] = []
    for start in range(n - 1, -1, -1):
        for end in range(min(n, start + _MAX_SYLLABLE), start, -1):
            rest, current = best[end], best[start]
            if text[start:end] in table and rest is not None and (current is None or len(rest) + 1 < len(current)):
                best[start] = [text[start:end], *rest]
    return best[0]


def from_pinyin(text: str) -> str | None:
    """'Gao'an', 'Changshu', 'Dayi County' -> Гаоань, Чаншу, Даи; None unless every part is pinyin."""
    table = syllable_table()
    words = _ENGLISH_WORDS.sub(" ", str(text)).lower().replace("ü", "v").split()
    if not words:
        return None
    out = []
    for word in words:
        syllables: list[str] = []
        for part in re.split(r"['’-]", word):
            split = split_pinyin(part) if part.isascii() and part.isalpha() else None
            if split is None:
                return None
            syllables += [table[s] for s in split]
        out.append(joined(syllables))
    return " ".join(out)


def from_characters(name_zh: str) -> str | None:
    """'襄阳' -> Сянъян, '诸暨市' -> Чжуцзи, '加格达奇区' -> Цзягэдаци; None for a name that is not all Chinese
    characters."""
    name = str(name_zh).strip()
    suffix = next((s for s in _ADMIN_SUFFIXES if name.endswith(s) and len(name) - len(s) >= 2), "")
    name = name[:len(name) - len(suffix)]
    if not name or not all(_CJK.match(char) for char in name):
        return None
    table = syllable_table()
    pinyin = lazy_pinyin(name, style=Style.NORMAL, v_to_u=False, errors="ignore")
    pinyin = [PLACE_READINGS.get(char, reading) for char, reading in zip(name, pinyin)]
    if len(pinyin) != len(name) or any(p not in table for p in pinyin):
        return None
    return joined([table[p] for p in pinyin])


def transcribed(name_zh: object, name_en: object) -> str | None:
    """The Palladius spelling from the characters, else from an English name written in pinyin."""
    if isinstance(name_zh, str) and name_zh.strip():
        found = from_characters(name_zh)
        if found:
            return found
    if isinstance(name_en, str) and name_en.strip():
        return from_pinyin(name_en)
    return None
