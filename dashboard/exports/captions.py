"""The filters of a view in words: the subtitle of an exported figure and the cover of a brief.

    filters_in_words(catalog, ViewState(countries=("BLR", "RUS"), blocs=("SCO",)))
    -> "Countries: Belarus, Russia · Blocs: SCO"
"""

from __future__ import annotations

from dashboard.i18n import format_population, t, tn
from dashboard.state import ViewState
from dashboard.store import network


def filters_in_words(catalog, state: ViewState) -> str:
    """'Countries: Belarus, Russia · Blocs: SCO · Border regions only · …'; '' for the whole network."""
    lang = state.lang
    names = network.country_name_map(catalog, lang) if catalog is not None else {}
    parts = []
    if state.countries:
        parts.append(t("exports.filters.countries", lang, items=", ".join(names.get(c, c) for c in state.countries)))
    if state.blocs:
        blocs = []
        for bloc in state.blocs:
            org, _, status = bloc.partition(":")
            blocs.append(t(f"org.{org}", lang) + (f" ({t('profile.status.' + status, lang)})" if status else ""))
        parts.append(t("exports.filters.blocs", lang, items=", ".join(blocs)))
    if state.regions:
        region_names = {}
        if catalog is not None:
            rows = catalog.regions[catalog.regions["region_id"].isin(state.regions)]
            column = "name_ru" if lang == "ru" else "name_en"
            region_names = dict(zip(rows["region_id"], rows[column].fillna(rows["name_en"])))
        parts.append(t("exports.filters.regions", lang,
                       items=", ".join(str(region_names.get(r, r)) for r in state.regions)))
    if state.pair:
        parts.append(t("exports.filters.pair", lang, first=names.get(state.pair[0], state.pair[0]),
                       second=names.get(state.pair[1], state.pair[1])))
    if state.border_only:
        parts.append(t("exports.filters.border_only", lang))
    if state.min_population:
        parts.append(tn("exports.filters.min_population", state.min_population, lang,
                        count=format_population(state.min_population, lang)))
    if state.link_scope not in ("space", "touching") and (state.countries or state.blocs or state.regions):
        parts.append(t(f"exports.filters.scope.{state.link_scope}", lang))
    if state.year_from is not None or state.year_to is not None:
        parts.append(t("exports.filters.years", lang, start=state.year_from or "…", end=state.year_to or "…"))
    if state.sample:
        parts.append(t("activities.sample_badge", lang))
    return " · ".join(parts) if parts else t("exports.filters.none", lang)
