"""Spaces: the set of countries a view is about — blocs and statuses taken as of a date, a custom list of
countries, or the whole world. Pure functions of the memberships frame; no Dash.

A space is written as the URL key `space` writes it (dashboard.state.is_space):

    default                      the operator's default space (BORDERLINKS_DEFAULT_SPACE), else DEFAULT_SPACE
    world                        every country (no space: the product as it was before spaces)
    SCO                          the bloc's members and partner-like statuses (blocs.DEFAULT_STATUSES)
    BRICS:partner                one status of a bloc
    BLR,RUS,KAZ                  countries by ISO3 code
    SCO,EAEU,SRB                 any union of the above

and is taken as of a day (`on`, default today): "SCO on 2024-01-01" holds Iran (a member since 4 July
2023) and Belarus (an observer until 3 July 2024, a member since).
"""

from __future__ import annotations

import datetime as dt
import logging
import os

import pandas as pd

from dashboard.i18n import format_date, t
from dashboard.state import ORGS, ViewState, is_bloc, is_iso3, is_space
from dashboard.store.blocs import member_codes

log = logging.getLogger(__name__)

#: the forum's space: SCO, EAEU, CIS, BRICS and the Union State, members and partners
DEFAULT_SPACE = "SCO,EAEU,CIS,BRICS,UNION_STATE"
#: the operator's setting naming another default space (same form as the URL key `space`)
DEFAULT_SPACE_SETTING = "BORDERLINKS_DEFAULT_SPACE"
WORLD = "world"
#: how many countries a custom space's label names before "and N more"
LABEL_COUNTRIES = 4


def default_space() -> str:
    """The operator's default space (BORDERLINKS_DEFAULT_SPACE), or DEFAULT_SPACE when unset or invalid."""
    configured = os.environ.get(DEFAULT_SPACE_SETTING, "").strip()
    if not configured or configured == "default":
        return DEFAULT_SPACE
    if not is_space(configured):
        log.warning("%s=%r is not a space (default, world, blocs and ISO3 codes separated by commas); "
                    "using %s", DEFAULT_SPACE_SETTING, configured, DEFAULT_SPACE)
        return DEFAULT_SPACE
    return configured


def resolved(space: str) -> str:
    """The space's own text: 'default' replaced by the operator's default space."""
    return default_space() if space == "default" else space


def is_world(space: str) -> bool:
    return resolved(space) == WORLD


def items_of(space: str) -> tuple[str, ...]:
    """The blocs and countries a space is made of (() for the world)."""
    text = resolved(space)
    return () if text == WORLD else tuple(dict.fromkeys(text.split(",")))


def space_countries(memberships: pd.DataFrame, space: str, on_date: dt.date | None = None) -> frozenset[str] | None:
    """ISO3 codes of the countries in the space on `on_date` (default today); None for the world."""
    if is_world(space):
        return None
    countries: set[str] = set()
    for item in items_of(space):
        if is_bloc(item):
            org, _, status = item.partition(":")
            countries |= member_codes(memberships, org, on_date, (status,) if status else None)
        elif is_iso3(item):
            countries.add(item)
    return frozenset(countries)


def state_countries(catalog, state: ViewState) -> frozenset[str] | None:
    """The countries of the state's space on the state's day (None for the world)."""
    return space_countries(catalog.memberships, state.space, state.on)


# ---- words ----------------------------------------------------------------------------------------------

def space_name(space: str, lang: str, countries: pd.DataFrame | None = None) -> str:
    """The space's name in `lang`: "SCO, EAEU, CIS, BRICS and the Union State — members and partners",
    "World", "SCO — members and partners", "Belarus, Russia, Kazakhstan", ..."""
    text = resolved(space)
    if text == WORLD:
        return t("space.world", lang)
    if text == DEFAULT_SPACE:
        return t("space.default", lang)
    items = items_of(space)
    blocs = [item for item in items if is_bloc(item)]
    codes = [item for item in items if not is_bloc(item)]
    parts = []
    whole = [b for b in blocs if ":" not in b]
    if whole:
        names = [t(f"org.{org}", lang) for org in ORGS if org in whole]
        parts.append(t("space.blocs", lang, blocs=", ".join(names)))
    for bloc in blocs:
        if ":" in bloc:
            org, _, status = bloc.partition(":")
            parts.append(t("bloc.with_status", lang, org=t(f"org.{org}", lang), status=t(f"status.{status}", lang)))
    if codes:
        names = _country_names(codes, lang, countries)
        shown = names[:LABEL_COUNTRIES]
        if len(names) > LABEL_COUNTRIES:
            shown.append(t("space.more_countries", lang, count=len(names) - LABEL_COUNTRIES))
        parts.append(", ".join(shown))
    return "; ".join(parts)


def _country_names(codes: list[str], lang: str, countries: pd.DataFrame | None) -> list[str]:
    if countries is None or countries.empty:
        return list(codes)
    column = f"name_{lang}" if f"name_{lang}" in countries.columns else "name_en"
    by_code = {}
    for iso3, local, english in zip(countries["iso3"], countries[column], countries["name_en"]):
        by_code[iso3] = local if isinstance(local, str) and local.strip() else english
    return [str(by_code.get(code) or code) for code in codes]


def on_words(on_date: dt.date | None, lang: str) -> str:
    """"as of 2 December 2026" in `lang` (today when `on_date` is None)."""
    return t("space.as_of", lang, date=format_date(on_date or dt.date.today(), lang))


def space_caption(state: ViewState, countries: pd.DataFrame | None = None) -> str:
    """The active space and day in the state's language, for headers, panels and files' source lines:
    "Space: SCO, EAEU, CIS, BRICS and the Union State — members and partners, as of 2 December 2026"."""
    name = space_name(state.space, state.lang, countries)
    if is_world(state.space):
        return t("space.caption_world", state.lang, space=name)
    return t("space.caption", state.lang, space=name, on=on_words(state.on, state.lang))
