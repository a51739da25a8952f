"""A Cyrillic transcription of a place name written in Latin letters, for the Russian interface where the
store has no Russian name (e.g. Pilsrundāle -> Пилсрундале, Yunusobod -> Юнусобод, Manhala -> Манхала).

It is a practical transcription (the reverse of the usual romanisations of Russian, Uzbek and Kazakh names,
diacritics dropped), not an attested name: the interface marks it as a transcription where it names one
place. Attested and official Russian names and the Palladius spelling of Chinese names come from the store
build (dashboard/store/russian_names.py, palladius.py) and always win. No I/O.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

import pandas as pd

#: whole words that are translated rather than transcribed
WORDS = {"district": "район", "county": "округ", "region": "регион", "province": "провинция", "city": "город",
         "saint": "Сент", "san": "Сан", "santa": "Санта", "and": "и", "of": "", "the": ""}

#: letter groups, longest first (after diacritics are dropped and the word is lower-cased)
GROUPS = [
    ("shch", "щ"), ("skiy", "ский"), ("skyi", "ский"), ("sky", "ский"), ("tsk", "цк"),
    ("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("tz", "ц"), ("ph", "ф"), ("th", "т"),
    ("gh", "г"), ("ck", "к"), ("qu", "кв"), ("ya", "я"), ("yu", "ю"), ("yo", "ё"), ("ye", "е"), ("yi", "и"),
    ("ee", "и"), ("oo", "у"), ("ou", "у"),
]
ENDINGS = {"iy": "ий", "yy": "ый"}  # at the end of a word only: Yuriy -> Юрий
LETTERS = {"a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и", "j": "дж",
           "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "к", "r": "р", "s": "с", "t": "т",
           "u": "у", "v": "в", "w": "в", "x": "кс", "y": "и", "z": "з"}
VOWELS = set("aeiouy")
#: letters NFKD does not take apart
SPECIAL = {"ß": "ss", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ı": "i", "œ": "oe", "þ": "th", "ð": "d"}
_WORD = re.compile(r"[A-Za-z]+")
_APOSTROPHES = re.compile(r"(?<=[oOgG])['ʻ’`]")  # Uzbek o‘ and g‘


def plain_latin(name: str) -> str:
    """`name` without diacritics or Uzbek apostrophes: 'Pilsrundāle' -> 'Pilsrundale', "G'uzor" -> 'Guzor'."""
    text = "".join(SPECIAL.get(ch, SPECIAL.get(ch.lower(), ch)) for ch in name)
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return _APOSTROPHES.sub("", text)


_GROUP = dict(GROUPS)
_TOKENS = re.compile("|".join(sorted(_GROUP, key=len, reverse=True)) + "|[a-z]")


def _word(word: str) -> str:
    lower = word.lower()
    if lower in WORDS:
        return WORDS[lower]

    def letter(match: re.Match) -> str:
        token, at = match.group(0), match.start()
        following = lower[at + len(token):at + len(token) + 1]
        if token == "e" and at == 0:  # Emin -> Эмин
            return "э"
        if token == "c" and following in ("e", "i", "y"):  # Cesis -> Цесис
            return "ц"
        if token == "y" and at > 0 and lower[at - 1] in VOWELS and following not in VOWELS:  # Altay -> Алтай
            return "й"
        return _GROUP.get(token) or LETTERS.get(token, token)

    ending = ENDINGS.get(lower[-2:], "") if len(lower) > 3 else ""
    text = _TOKENS.sub(letter, lower[:-2] if ending else lower) + ending
    return text[:1].upper() + text[1:] if word[:1].isupper() else text


@functools.lru_cache(maxsize=200_000)
def to_cyrillic(name: str) -> str:
    """The Cyrillic transcription of a Latin-script `name` ('Beloyarsky District' -> 'Белоярский район');
    text that is not Latin is kept as it is."""
    text = _WORD.sub(lambda m: _word(m.group(0)), plain_latin(name))
    return re.sub(r"\s{2,}", " ", text).strip(" ,")


def transcribe_all(names: pd.Series, transcribe: Callable[[str], str], known: dict[str, str]) -> pd.Series:
    """`transcribe` of each name (missing stay missing), vectorised through `known`: the names that function
    transcribed before in this process (tens of thousands at most), to which the new ones are added."""
    found = names.map(known)
    new = names[found.isna() & names.notna()].unique()
    if len(new):
        known.update({name: transcribe(name) for name in new})
        found = names.map(known)
    return found


_KNOWN: dict[str, str] = {}


def to_cyrillic_all(names: pd.Series) -> pd.Series:
    """to_cyrillic of each name (missing stay missing)."""
    return transcribe_all(names, to_cyrillic, _KNOWN)


def has_latin(name: object) -> bool:
    """Whether `name` holds a Latin letter (what the Russian interface should not show for a place)."""
    return isinstance(name, str) and any("a" <= ch.lower() <= "z" for ch in plain_latin(name))
