"""The sectors of joint work: one vocabulary for activities, action-plan items and practices.

The list follows the Russia–Belarus declarations on twin cities (joint work by sector). Codes are
stored (data/events.csv's `sector` column uses them, several separated by ';'); people see the labels
`sector.<code>` in Russian, English and Chinese (dashboard/locale). An activity may have several
sectors or none ("no sector", shown as such: `sector.none`).

    sectors_of("economy; Культура")        -> (("culture", "economy"), [])
    sectors_of("economy; space")           -> (("economy",), ["space"])
    sectors_for_type("festival")           -> ("culture",)
"""

from __future__ import annotations

from dashboard.i18n import t, texts_in_every_language
from dashboard.registry.vocabulary import folded

#: sector codes in display order
SECTORS: tuple[str, ...] = (
    "economy", "infrastructure", "industry", "agriculture", "housing", "open_government", "civil_society",
    "science", "education", "culture", "sport", "tourism", "youth", "social", "health", "environment",
    "history",
)

#: the label key of "no sector" (activities the registry cannot place in a sector)
NO_SECTOR = "none"

#: other spellings accepted on import (folded); the labels in every language are accepted too
SECTOR_SPELLINGS: dict[str, tuple[str, ...]] = {
    "economy": ("economy", "investment", "investments", "trade", "business", "экономика", "инвестиции",
                "торговля", "бизнес"),
    "infrastructure": ("infrastructure", "transport", "logistics", "инфраструктура", "транспорт", "логистика"),
    "industry": ("industry", "innovation", "innovations", "промышленность", "инновации"),
    "agriculture": ("agriculture", "agro clusters", "agro cluster", "agro", "сельское хозяйство", "апк",
                    "агрокластеры", "агропромышленный комплекс"),
    "housing": ("housing", "utilities", "housing and utilities", "жкх", "жилищно коммунальное хозяйство"),
    "open_government": ("open government", "it", "e government", "digital", "открытое управление",
                        "муниципальное управление", "ит", "цифровизация"),
    "civil_society": ("civil society", "ngo", "ngos", "гражданское общество", "нко", "общественные организации"),
    "science": ("science", "universities", "university", "research", "наука", "университеты", "вузы"),
    "education": ("education", "schools", "образование", "школы"),
    "culture": ("culture", "arts", "культура", "искусство"),
    "sport": ("sport", "sports", "спорт"),
    "tourism": ("tourism", "agritourism", "agrotourism", "туризм", "агротуризм"),
    "youth": ("youth", "молодежь", "молодежная политика"),
    "social": ("social", "social services", "social policy", "социальная сфера", "социальная политика",
               "социальное обслуживание"),
    "health": ("health", "healthcare", "medicine", "здравоохранение", "медицина"),
    "environment": ("environment", "ecology", "экология", "окружающая среда"),
    "history": ("history", "memory", "history and memory", "история", "память", "историческая память"),
}

#: activity types whose sector is clear from the type alone (the migration and the form use this);
#: the other types (forum, conference, agreement, ...) can be about anything and stay unsectored
TYPE_SECTORS: dict[str, tuple[str, ...]] = {
    "festival": ("culture",),
    "tourism": ("tourism",),
    "youth_exchange": ("youth",),
    "sport": ("sport",),
    "business_mission": ("economy",),
}

_INDEX: dict[str, str] | None = None


def _index() -> dict[str, str]:
    global _INDEX
    if _INDEX is None:
        index: dict[str, str] = {}
        for code in SECTORS:
            labels = texts_in_every_language(f"sector.{code}").values()
            for word in (code, code.replace("_", " "), *SECTOR_SPELLINGS.get(code, ()), *labels):
                index.setdefault(folded(word), code)
        _INDEX = index
    return _INDEX


def sector_of(text: object) -> str | None:
    """The sector code one word or label means ('Культура' -> 'culture'), or None."""
    return _index().get(folded(text))


def sectors_of(cell: object) -> tuple[tuple[str, ...], list[str]]:
    """(sorted codes, the parts not understood) of a cell listing sectors separated by ';' or ','."""
    codes: set[str] = set()
    unknown: list[str] = []
    for part in str(cell or "").replace(",", ";").split(";"):
        if not part.strip():
            continue
        code = sector_of(part)
        if code is None:
            unknown.append(part.strip())
        else:
            codes.add(code)
    return ordered(codes), unknown


def ordered(codes) -> tuple[str, ...]:
    """Known codes in display order, each once."""
    chosen = set(codes)
    return tuple(code for code in SECTORS if code in chosen)


def sectors_for_type(activity_type: str) -> tuple[str, ...]:
    """The sectors an activity of this type has when nothing else is known (() when unclear)."""
    return TYPE_SECTORS.get(activity_type, ())


def sector_label(code: str | None, lang: str = "en") -> str:
    """The label of a sector in `lang`; None or '' is "no sector"."""
    return t(f"sector.{code or NO_SECTOR}", lang)


def sector_options(lang: str = "en") -> list[dict]:
    """[{label, value}] for dropdowns, in display order."""
    return [{"label": sector_label(code, lang), "value": code} for code in SECTORS]
