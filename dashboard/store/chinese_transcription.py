"""A Chinese transcription of a Russian (Cyrillic) place name, for the Chinese interface where the store has no
Chinese name (Белоярский район -> 别洛亚尔斯基区, Брест -> 布列斯特, Нерюнгри -> 涅留恩格里).

It follows the syllable table Xinhua uses for Russian names (俄语译音表, GB/T 17693.4): a consonant with the
vowel after it is one character (Мо -> 莫, ре -> 列), a consonant with no vowel after it is one character of its
own (с -> 斯, к -> 克: ск -> 斯克), a vowel with a following н that starts no syllable is one nasal character
(ан -> 安, рин -> 林), and a vowel alone is one character (а -> 阿, и -> 伊); doubled consonants are written once,
тс/дс as ц (Братск -> 布拉茨克), й after и/ы is dropped (-ский -> 斯基, Бийск -> 比斯克), and the words район, округ,
область, край are translated (区, 区, 州, 边疆区). Traditional names (Москва 莫斯科, Омск 鄂木斯克) are not what a
table gives: those come from the store and always win; this is a transcription, which the interface marks as
such. Names in Latin letters are taken to Cyrillic first (dashboard.store.cyrillic_transcription). No I/O.
"""

from __future__ import annotations

import functools
import re

import pandas as pd

from dashboard.store.cyrillic_transcription import has_latin, to_cyrillic, transcribe_all

#: places there are named in characters; a missing Chinese name of theirs is not transcribed from Russian
CHINESE_SCRIPT_COUNTRIES = ("CHN", "TWN", "HKG", "MAC")
VOWELS = "аяэеыиоёую"
#: a vowel's column in the table (е, ё, ю, я after a consonant soften it: written as э, о, у, а after и)
COLUMN = {"а": "a", "я": "ya", "э": "e", "е": "e", "ы": "y", "и": "i", "о": "o", "ё": "o", "у": "u", "ю": "yu"}
#: a vowel that opens a word or follows another vowel
ALONE = {"а": "阿", "я": "亚", "э": "埃", "е": "叶", "ы": "厄", "и": "伊", "о": "奥", "ё": "约", "у": "乌", "ю": "尤"}
#: a consonant followed by the vowel of each column, then the consonant with no vowel after it ("-")
TABLE = {
    #     a     e     y     i     o     u     -
    "б": ("巴", "别", "贝", "比", "博", "布", "布"),
    "п": ("帕", "佩", "佩", "皮", "波", "普", "普"),
    "в": ("瓦", "韦", "维", "维", "沃", "武", "夫"),
    "ф": ("法", "费", "菲", "菲", "福", "富", "夫"),
    "г": ("加", "格", "格", "吉", "戈", "古", "格"),
    "к": ("卡", "克", "克", "基", "科", "库", "克"),
    "х": ("哈", "赫", "赫", "希", "霍", "胡", "赫"),
    "д": ("达", "杰", "德", "季", "多", "杜", "德"),
    "т": ("塔", "捷", "特", "季", "托", "图", "特"),
    "ж": ("扎", "热", "日", "日", "若", "茹", "日"),
    "ш": ("沙", "舍", "希", "希", "绍", "舒", "什"),
    "щ": ("夏", "谢", "希", "希", "晓", "休", "什"),
    "з": ("扎", "泽", "济", "济", "佐", "祖", "兹"),
    "с": ("萨", "谢", "瑟", "西", "索", "苏", "斯"),
    "ц": ("察", "采", "齐", "齐", "措", "楚", "茨"),
    "ч": ("恰", "切", "奇", "奇", "乔", "丘", "奇"),
    "м": ("马", "梅", "梅", "米", "莫", "穆", "姆"),
    "н": ("纳", "涅", "内", "尼", "诺", "努", "恩"),
    "л": ("拉", "列", "雷", "利", "洛", "卢", "尔"),
    "р": ("拉", "列", "雷", "里", "罗", "鲁", "尔"),
    "й": ("亚", "耶", "伊", "伊", "约", "尤", "伊"),
}
_COLUMNS = ("a", "e", "y", "i", "o", "u", "-")
#: syllables the table writes with one character of their own (soft consonant + я/ю)
SOFT = {"дя": "佳", "тя": "佳", "зя": "贾", "ся": "夏", "ля": "利亚", "ря": "里亚", "ня": "尼亚", "мя": "米亚",
        "лю": "柳", "рю": "留", "ню": "纽", "мю": "缪", "дю": "久", "тю": "秋", "зю": "久", "сю": "休", "кю": "丘",
        "лё": "廖", "рё": "廖"}
#: a vowel closed by н (Ангарск 安加尔斯克, Курган 库尔干, Улан 乌兰, Магадан 马加丹)
NASAL = {
    "a": {"": "安", "б": "班", "п": "潘", "в": "万", "ф": "凡", "г": "甘", "к": "坎", "х": "汉", "д": "丹",
          "т": "坦", "ж": "然", "ш": "尚", "щ": "尚", "з": "赞", "с": "桑", "ц": "灿", "ч": "钱", "м": "曼",
          "н": "南", "л": "兰", "р": "兰"},
    "ya": {"": "扬", "л": "良", "р": "良", "н": "年", "м": "缅", "с": "相", "т": "江", "д": "江"},
    "e": {"": "延", "б": "边", "п": "片", "в": "文", "ф": "芬", "г": "根", "к": "肯", "х": "亨", "д": "坚",
          "т": "坚", "ж": "任", "ш": "申", "щ": "申", "з": "津", "с": "先", "ц": "岑", "ч": "琴", "м": "缅",
          "н": "年", "л": "连", "р": "连"},
    "i": {"": "因", "б": "宾", "п": "平", "в": "温", "ф": "芬", "г": "金", "к": "金", "х": "欣", "д": "金",
          "т": "京", "ж": "任", "ш": "申", "щ": "欣", "з": "津", "с": "辛", "ц": "青", "ч": "钦", "м": "明",
          "н": "宁", "л": "林", "р": "林"},
    "o": {"": "翁", "б": "邦", "п": "蓬", "в": "冯", "ф": "丰", "г": "贡", "к": "孔", "х": "洪", "д": "东",
          "т": "通", "ж": "容", "ш": "雄", "з": "宗", "с": "松", "ц": "宗", "ч": "琼", "м": "蒙", "н": "农",
          "л": "隆", "р": "龙"},
    "u": {"": "温", "б": "本", "п": "蓬", "в": "文", "ф": "丰", "г": "贡", "к": "昆", "х": "洪", "д": "敦",
          "т": "通", "ж": "容", "ш": "顺", "з": "尊", "с": "松", "ц": "尊", "ч": "琼", "м": "蒙", "н": "农",
          "л": "伦", "р": "伦"},
}
#: a vowel closed by й (Алтай 阿尔泰, Майкоп 迈科普)
DIPHTHONG_AI = {"": "艾", "б": "拜", "п": "派", "г": "盖", "к": "凯", "х": "海", "д": "代", "т": "泰", "с": "赛",
                "з": "宰", "ч": "柴", "м": "迈", "н": "奈", "л": "莱", "р": "赖"}
#: whole words translated rather than transcribed
WORDS = {"район": "区", "округ": "区", "область": "州", "край": "边疆区", "город": "市", "поселок": "镇",
         "посёлок": "镇", "село": "村", "республика": "共和国"}
#: endings written by custom (Оренбург 奥伦堡, Калининград 加里宁格勒)
ENDINGS = (("бург", "堡"), ("град", "格勒"))
_WORD = re.compile(r"[а-яё]+")


def _consonant(letter: str, column: str) -> str:
    return TABLE[letter][_COLUMNS.index(column)]


def _closes(word: str, at: int) -> bool:
    """Whether the н at `at` closes the syllable before it (no vowel follows it)."""
    after = word[at + 1:at + 2]
    return word[at] == "н" and (after == "" or after not in VOWELS)


def _word(word: str) -> str:
    if word in WORDS:
        return WORDS[word]
    ending = next(((cut, chars) for cut, chars in ENDINGS if word.endswith(cut) and len(word) > len(cut) + 1),
                  ("", ""))
    word = word[:len(word) - len(ending[0])] if ending[0] else word
    word = re.sub(f"(?<=[{VOWELS}])ль(?![{VOWELS}])", "λ", word)  # ль closing a syllable: Бугульма 布古利马
    word = word.replace("ь", "").replace("ъ", "").replace("тс", "ц").replace("дс", "ц")
    word = re.sub(r"([бвгдзклмнпрстфхжшщц])\1", r"\1", word)  # doubled consonants once
    word = re.sub(r"(?<=[иы])й", "", word)  # -ский 斯基, Бийск 比斯克
    out, at = [], 0
    while at < len(word):
        letter = word[at]
        nxt = word[at + 1:at + 2]
        if letter in VOWELS:
            onset, vowel, step = "", letter, 1
        elif letter in TABLE and nxt and nxt in VOWELS:
            onset, vowel, step = letter, nxt, 2
        elif letter in TABLE:
            out.append(_consonant(letter, "-"))
            at += 1
            continue
        else:
            out.append("利" if letter == "λ" else letter)
            at += 1
            continue
        end = at + step
        column = "y" if vowel == "э" and onset else COLUMN[vowel]  # hard э after a consonant: дэ 德
        if end < len(word) and _closes(word, end) and column in NASAL and onset in NASAL[column]:
            out.append(NASAL[column][onset])
            end += 1
        elif onset + vowel in SOFT:
            out.append(SOFT[onset + vowel])
        elif column == "a" and word[end:end + 1] == "й" and onset in DIPHTHONG_AI:
            out.append(DIPHTHONG_AI[onset])
            end += 1
        elif onset and onset != "й":
            soft = vowel in "яю" and onset not in "жшщчц"
            hard = {"ya": "a", "yu": "u"}.get(column, column)
            out.append(_consonant(onset, "i") + ALONE[vowel] if soft else _consonant(onset, hard))
        elif onset == "й":
            out.append(_consonant("й", {"ya": "a", "yu": "u"}.get(column, column)))
        elif vowel == "е" and at > 0 and word[at - 1] in VOWELS:  # е after a vowel: Георгиевск 格奥尔吉耶夫斯克
            out.append("耶")
        else:
            out.append(ALONE[vowel])
        at = end
    return "".join(out) + ending[1]


@functools.lru_cache(maxsize=200_000)
def to_chinese(name: str) -> str:
    """The Chinese transcription of a place name in Cyrillic (or Latin, taken to Cyrillic first):
    'Брест' -> '布列斯特', 'Белоярский район' -> '别洛亚尔斯基区'; words are joined, hyphens kept."""
    text = (to_cyrillic(name) if has_latin(name) else name).lower()
    text = " ".join(_WORD.sub(lambda m: _word(m.group(0)), text).split())
    return re.sub(r"\s*-\s*", "-", re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", text))


_KNOWN: dict[str, str] = {}


def to_chinese_all(names: pd.Series) -> pd.Series:
    """to_chinese of each name (missing stay missing)."""
    return transcribe_all(names, to_chinese, _KNOWN)
