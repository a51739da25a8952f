"""Chinese names in Simplified characters, as mainland usage writes them.

Natural Earth's NAME_ZH and GeoNames' alternate names mix Simplified and Traditional characters
("維捷布斯克"); zhconv turns the characters into Simplified ones. Only the characters: its zh-cn
phrase table would also turn Taiwanese transcriptions into mainland ones, but inside transcribed
names it misfires (Luanda's "盧安達" is Rwanda's name there, Iporá would become "埃博拉"), so the few
mainland forms that matter here are set by hand ("葉里溫" -> "埃里温"). A few Russian Far East cities
are named in the sources by their Qing-era or pre-1945 names ("海參崴", "伯力", "丰原"); official
Chinese usage today, and any document between the two countries' authorities, uses the transcription
of the current name, as here. Where no Chinese name is known the column stays empty and the
interface shows the Latin name.
"""

from __future__ import annotations

import pandas as pd
import zhconv

# Short forms the interface uses (Natural Earth gives the formal 中华人民共和国, 大韩民国, ...;
# for Taiwan it gives 中华民国, which mainland usage does not write).
COUNTRIES = {"CHN": "中国", "TWN": "台湾", "KOR": "韩国", "PRK": "朝鲜"}
REGIONS = {"KAZ-3251": "突厥斯坦州"}  # renamed from South Kazakhstan in 2018
PLACES = {  # GeoNames id -> current name
    2013348: "符拉迪沃斯托克",      # Vladivostok, not 海參崴
    2022890: "哈巴罗夫斯克",        # Khabarovsk, not 伯力
    2026609: "布拉戈维申斯克",      # Blagoveshchensk, not 海兰泡
    2014006: "乌苏里斯克",          # Ussuriysk, not 双城子
    2122850: "尼古拉耶夫斯克",      # Nikolayevsk-on-Amur, not 庙街
    2027468: "阿尔谢尼耶夫",        # Arsenyev, not 黄土坎子
    2051471: "达利涅戈尔斯克",      # Dalnegorsk, not 野猪河
    2025159: "达利涅列琴斯克",      # Dalnerechensk, not 伊曼
    2018116: "帕尔季赞斯克",        # Partizansk, not 雅兰苏
    2021851: "阿穆尔河畔共青城",    # Komsomolsk-on-Amur, not 瓦伦
    2019326: "涅尔琴斯克",          # Nerchinsk, not 尼布楚
    2119441: "南萨哈林斯克",        # Yuzhno-Sakhalinsk, not 丰原
    616052: "埃里温",               # Yerevan, not the Taiwanese 葉里溫
    745044: "伊斯坦布尔",           # Istanbul, not 伊斯坦堡
    292223: "迪拜",                 # Dubai, not 杜拜
}


def simplified(name: object) -> str | None:
    """`name` in Simplified characters; None for no name."""
    if not isinstance(name, str):
        return None
    name = name.strip(" _")
    return zhconv.convert(name, "zh-hans") if name else None


def with_names(frame: pd.DataFrame, by_key: dict, key: str) -> pd.DataFrame:
    frame = frame.copy()
    names = frame["name_zh"].map(simplified) if "name_zh" in frame else pd.Series(None, index=frame.index)
    renamed = frame[key].map(by_key)
    frame["name_zh"] = renamed.where(renamed.notna(), names).astype(object)
    frame["name_zh"] = frame["name_zh"].where(frame["name_zh"].notna(), None)
    return frame


def countries_named(countries: pd.DataFrame) -> pd.DataFrame:
    return with_names(countries, COUNTRIES, "iso3")


def regions_named(regions: pd.DataFrame) -> pd.DataFrame:
    return with_names(regions, REGIONS, "region_id")


def places_named(places: pd.DataFrame) -> pd.DataFrame:
    return with_names(places, PLACES, "place_id")
