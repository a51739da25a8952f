"""Options of the filter panel's selectors: pure functions of the catalogue's frames and a language.

Each returns a list of `{"label": str, "value": str}` dicts as dcc.Dropdown takes them. No Dash, no I/O:
the frames are the catalogue's (`countries`, `memberships`, `regions`), or small hand-made ones in tests.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard.i18n import t
from dashboard.state import ORGS, STATUSES, ViewState, is_bloc, is_iso3, is_region_id
from dashboard.store.blocs import in_force_on
from dashboard.store.names import CJK, name_key
from dashboard.store.spaces import space_name


def localized_names(frame: pd.DataFrame, lang: str) -> pd.Series:
    """`name_<lang>` where present and not blank, else `name_en`."""
    english = frame["name_en"].astype("string")
    column = f"name_{lang}"
    if column not in frame.columns or lang == "en":
        return english
    local = frame[column].astype("string").str.strip()
    return local.where(local.notna() & (local != ""), english)


def _sort_key(label: str) -> str:
    if CJK.search(label):  # Chinese lists are ordered by pinyin, not by code point
        return name_key(label)
    # "Ё" sorts after "Я" in code-point order; Russian dictionaries file it with "Е"
    return label.casefold().replace("ё", "е")


def country_options(countries: pd.DataFrame, lang: str) -> list[dict[str, str]]:
    """Every country with a valid ISO3 code, labelled in `lang`, sorted by that label."""
    valid = countries.loc[countries["iso3"].map(is_iso3).astype(bool)]
    labels = localized_names(valid, lang)
    options = [{"label": str(label), "value": iso3} for iso3, label in zip(valid["iso3"], labels)]
    return sorted(options, key=lambda option: _sort_key(option["label"]))


def bloc_options(memberships: pd.DataFrame, lang: str) -> list[dict[str, str]]:
    """For each bloc present today: "<bloc>: all", then one option per status it has today, in a fixed
    order. Former members (CIS: Georgia, Ukraine) get no option: the filters speak of current memberships."""
    current = in_force_on(memberships)
    present = set(zip(current["org"], current["status"]))
    options = []
    for org in ORGS:
        if not any(o == org for o, _ in present):
            continue
        org_name = t(f"org.{org}", lang)
        options.append({"label": t("bloc.any_status", lang, org=org_name), "value": org})
        for status in STATUSES:
            if (org, status) in present and is_bloc(f"{org}:{status}"):
                label = t("bloc.with_status", lang, org=org_name, status=t(f"status.{status}", lang))
                options.append({"label": label, "value": f"{org}:{status}"})
    return options


def region_options(regions: pd.DataFrame, lang: str, in_countries: Iterable[str] = (),
                   keep: Iterable[str] = ()) -> list[dict[str, str]]:
    """Regions labelled "<name> · <ISO3>", sorted by country then name.

    With `in_countries`, only the regions of those countries, plus any region in `keep` (the current
    selection, so that a chosen region never loses its label).
    """
    in_countries, keep = set(in_countries), set(keep)
    valid = regions.loc[regions["region_id"].map(is_region_id).astype(bool)]
    if in_countries:
        valid = valid.loc[valid["iso3"].isin(in_countries) | valid["region_id"].isin(keep)]
    labels = localized_names(valid, lang)
    rows = sorted(zip(valid["iso3"], labels, valid["region_id"]),
                  key=lambda row: (row[0], _sort_key(str(row[1]))))
    return [{"label": f"{label} · {iso3}", "value": region_id} for iso3, label, region_id in rows]


def choice_options(prefix: str, values: Iterable[str], lang: str) -> list[dict[str, str]]:
    """Options of a fixed set of choices labelled from the catalogue: key `<prefix>.<value>`."""
    return [{"label": t(f"{prefix}.{value}", lang), "value": value} for value in values]


def space_options(countries: pd.DataFrame, memberships: pd.DataFrame, lang: str) -> list[dict[str, str]]:
    """The space menu: the default space, the world, each bloc (and its statuses), then every country
    (choosing countries makes a custom space)."""
    options = [{"label": t("filters.space.default_option", lang, space=space_name("default", lang, countries)),
                "value": "default"},
               {"label": t("space.world", lang), "value": "world"}]
    for option in bloc_options(memberships, lang):
        bloc = option["value"]
        label = space_name(bloc, lang) if ":" not in bloc else option["label"]
        options.append({"label": label, "value": bloc})
    return options + country_options(countries, lang)


def space_values(space: str) -> list[str]:
    """What the space menu shows for a state's space: ["default"], ["world"] or its blocs and countries."""
    return space.split(",")


def selectable_state(state: ViewState, countries: pd.DataFrame, memberships: pd.DataFrame,
                     regions: pd.DataFrame) -> ViewState:
    """`state` without the countries, blocs and regions that no selector offers (unknown codes).

    A dropdown drops a value it has no option for and reports the change, which would rewrite the URL
    and add a history entry; controls are given only selectable values instead.
    """
    known_countries = set(countries["iso3"])
    known_blocs = {option["value"] for option in bloc_options(memberships, "en")}
    known_regions = set(regions["region_id"])
    pair = state.pair if all(iso3 in known_countries for iso3 in state.pair) else ()
    space = state.space
    if space not in ("default", "world"):
        known = [item for item in space.split(",") if item in known_countries or item in known_blocs]
        space = ",".join(known) or "default"
    return state.replace(
        space=space,
        countries=tuple(iso3 for iso3 in state.countries if iso3 in known_countries),
        blocs=tuple(bloc for bloc in state.blocs if bloc in known_blocs),
        regions=tuple(region for region in state.regions if region in known_regions),
        pair=pair,
    )
