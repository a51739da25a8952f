"""The practice library and the partner search as the pages, the API and the files see them: searches with
their filters, one practice with its places and transfers, the map of results, the suggested partners of a
place; presenters for the map (PNG/SVG/PDF, also the practice's PDF card) and the tables (CSV/XLSX).

The registry's reference practices (data/practices.csv) are brought in on first use in a process, and again
whenever the file has changed (dashboard.registry.practices.sync_reference_practices).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy.exc import SQLAlchemyError

from dashboard.charts.presenter import FIGURE_FORMATS, TABLE_FORMATS, Presenter, Request, UnknownChart, register
from dashboard.figures import practices as figures
from dashboard.i18n import t
from dashboard.registry import partners, practices
from dashboard.registry.database import registry_engine, registry_url
from dashboard.registry.gazetteer import gazetteer_for
from dashboard.registry.partner_suggestions import EMPHASES, SuggestionInputs, suggest_partners
from dashboard.registry.practice_search import POPULATION_CLASSES, PracticeFilters, load_library, search_practices
from dashboard.registry.sectors import SECTORS, sector_label
from dashboard.registry.service import live_frames_or_none
from dashboard.registry.tables import titles_in
from dashboard.store import queries, spaces
from dashboard.store.catalog import StoreMissing
from dashboard.store.corridors import load_corridor_store

log = logging.getLogger(__name__)

PRACTICE_DATASETS = ("naturalearth", "geonames", "registry")
_SEEDED: set[str] = set()


def engine(url: str | None = None):
    return registry_engine(url or registry_url())


def library(catalog, url: str | None = None):
    """The practice library of the registry (the reference practices imported on first use)."""
    eng = engine(url)
    key = str(eng.url)
    if key not in _SEEDED:
        practices.sync_reference_practices(eng, gazetteer_for(catalog))
        _SEEDED.add(key)
    return load_library(eng)


_FACTS: dict[str, pd.DataFrame] = {}


def _place_facts(catalog) -> pd.DataFrame:
    places = catalog.places[["place_id", "iso3", "region_id", "lat", "lon", "population", "name_en", "name_ru",
                             "name_zh"]].copy()
    try:
        borders = load_corridor_store().place_borders[["place_id", "border_km"]]
    except (StoreMissing, SQLAlchemyError) as error:  # an old store without border distances
        log.warning("no distances to the border in the store (%s): the border filter passes nothing", error)
        borders = pd.DataFrame({"place_id": pd.Series(dtype="int64"), "border_km": pd.Series(dtype="float64")})
    return places.merge(borders, on="place_id", how="left")


def place_facts(catalog) -> pd.DataFrame:
    """place_id, iso3, region_id, lat, lon, population, names, border_km of every place of the store
    (made once per catalogue)."""
    key = catalog.data_version
    if key not in _FACTS:
        _FACTS.clear()
        _FACTS[key] = _place_facts(catalog)
    return _FACTS[key]


_SPACES: dict[tuple, frozenset | None] = {}


def space_countries(catalog, space: str | None) -> set[str] | None:
    """The countries of a space as the URL key `space` writes it (dashboard.store.spaces): 'world' -> None
    (no limit); None or 'default' -> the operator's default space."""
    key = (catalog.data_version, space or "default", dt.date.today())
    if key not in _SPACES:
        if len(_SPACES) > 32:
            _SPACES.clear()
        _SPACES[key] = spaces.space_countries(catalog.memberships, space or "default")
    countries = _SPACES[key]
    return None if countries is None else set(countries)


# ---- the search --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PracticeQuery:
    text: str = ""
    filters: PracticeFilters = PracticeFilters()
    space: str = "default"

    @classmethod
    def from_args(cls, args: Mapping[str, object], catalog) -> PracticeQuery:
        """From URL keys: q, sector (repeated or comma-separated), countries, space, bkm (border km),
        popclass, from, to."""
        def items(name: str) -> tuple[str, ...]:
            value = args.get(name) or ()
            values = value if isinstance(value, (list, tuple)) else [value]
            return tuple(part.strip() for item in values for part in str(item).split(",") if part.strip())

        sectors = tuple(code for code in items("sector") if code in SECTORS)
        countries = set(items("countries"))
        space = str(args.get("space") or "default")  # as every list route: the default space unless asked
        in_space = space_countries(catalog, space)
        try:
            border = float(args["bkm"]) if args.get("bkm") not in (None, "") else None
        except ValueError:
            border = None
        pop = str(args.get("popclass") or "") or None

        def year(name: str) -> int | None:
            value = str(args.get(name) or "")
            return int(value) if value.isdigit() and 1900 <= int(value) <= 2100 else None

        filters = PracticeFilters(sectors=sectors, countries=tuple(sorted(countries)),
                                  space=None if in_space is None else tuple(sorted(in_space)), max_border_km=border,
                                  population_class=pop if pop in POPULATION_CLASSES else None,
                                  year_from=year("from"), year_to=year("to"))
        return cls(str(args.get("q") or "").strip()[:200], filters, space)


def search(catalog, query: PracticeQuery, lang: str, url: str | None = None,
           include_unpublished: bool = False, snippets: int | None = 50) -> pd.DataFrame:
    """Every match, best first; the first `snippets` rows with their highlighted snippet."""
    library(catalog, url)
    return search_practices(engine(url), query.text, query.filters, place_facts(catalog),
                            include_unpublished=include_unpublished, lang=lang, snippets=snippets)


def local_title(row, lang: str) -> str:
    get = row.get if hasattr(row, "get") else (lambda name, default=None: getattr(row, name, default))
    titles = (get(f"title_{lang}"), get("title_en"))  # a missing title is None or NaN (which is truthy)
    return next((title for title in titles if isinstance(title, str) and title.strip()), "")


def places_of(catalog, lib, practice_ids, lang: str) -> pd.DataFrame:
    """practice_id, place_id, name (in lang), iso3, lon, lat of the practices' places."""
    facts = place_facts(catalog)
    chosen = lib.places[lib.places["practice_id"].isin(list(practice_ids))]
    merged = chosen.merge(facts, on="place_id", how="inner")
    merged["name"] = queries.localized(merged, lang).to_numpy()
    return merged


def result_cards(catalog, results: pd.DataFrame, lang: str, url: str | None = None) -> list[dict]:
    """What a result card shows: slug, title, snippet (escaped HTML with <mark>), sectors, places, period."""
    lib = library(catalog, url)
    sectors = lib.sectors.groupby("practice_id")["sector"].agg(list)
    places = places_of(catalog, lib, results["practice_id"], lang).groupby("practice_id")["name"].agg(list)
    cards = []
    for row in results.itertuples():
        cards.append({
            "slug": row.slug, "title": local_title(row, lang), "snippet_html": row.snippet_html,
            "sectors": [s for s in SECTORS if s in sectors.get(row.practice_id, [])],
            "places": places.get(row.practice_id, []), "period": period_text(row.period_start, row.period_end, lang),
            "score": float(row.score), "status": row.status, "is_sample": bool(row.is_sample)})
    return cards


def period_text(start, end, lang: str) -> str:
    if pd.isna(end) or end is None:
        return t("practices.period_since", lang, year=int(start))
    return f"{int(start)}–{int(end)}" if int(end) != int(start) else str(int(start))


def results_table(catalog, results: pd.DataFrame, lang: str, url: str | None = None) -> pd.DataFrame:
    """The search's results as a table for CSV/XLSX (and the API)."""
    lib = library(catalog, url)
    sectors = lib.sectors.groupby("practice_id")["sector"].agg(lambda s: "; ".join(sorted(s)))
    places = places_of(catalog, lib, results["practice_id"], lang)
    names = places.groupby("practice_id")["name"].agg("; ".join)
    ids = places.groupby("practice_id")["place_id"].agg(lambda s: " ".join(map(str, s)))
    return pd.DataFrame({
        "slug": results["slug"].to_numpy(), "title": [local_title(r, lang) for r in results.to_dict("records")],
        "title_en": results["title_en"].to_numpy(), "title_ru": results["title_ru"].to_numpy(),
        "summary": [r.get(f"summary_{lang}") or r["summary_en"] for r in results.to_dict("records")],
        "period_start": results["period_start"].to_numpy(), "period_end": results["period_end"].to_numpy(),
        "sectors": results["practice_id"].map(sectors).fillna("").to_numpy(),
        "places": results["practice_id"].map(names).fillna("").to_numpy(),
        "place_ids": results["practice_id"].map(ids).fillna("").to_numpy(),
        "organisation": results["organisation"].to_numpy(), "contact": results["contact"].to_numpy(),
        "sources": results["sources"].to_numpy(), "score": results["score"].round(4).to_numpy(),
    })


# ---- one practice ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PracticeDetail:
    record: dict
    sectors: list[str]
    places: pd.DataFrame      # place_id, name, iso3, lon, lat
    transfers: pd.DataFrame   # from/to names, ids, coordinates, year, source_url, note
    links: pd.DataFrame


def practice_detail(catalog, slug: str, lang: str, url: str | None = None,
                    include_unpublished: bool = False) -> PracticeDetail:
    """A published practice (KeyError when there is none of that slug, or it is not published)."""
    lib = library(catalog, url)
    chosen = lib.practices[lib.practices["slug"] == slug]
    if chosen.empty or (not include_unpublished and chosen.iloc[0]["status"] != "published"):
        raise KeyError(slug)
    record = chosen.iloc[0].drop(labels=["search_terms"]).to_dict()
    practice_id = int(record["practice_id"])
    sectors = [s for s in SECTORS if s in set(lib.sectors.loc[lib.sectors["practice_id"] == practice_id, "sector"])]
    places = places_of(catalog, lib, [practice_id], lang)
    facts = place_facts(catalog).set_index("place_id")
    transfers = lib.transfers[lib.transfers["practice_id"] == practice_id].copy()
    for end in ("from", "to"):
        ids = transfers[f"{end}_place"]
        known = facts.reindex(ids)
        transfers[f"{end}_name"] = queries.localized(known.reset_index(), lang).to_numpy() if len(known) else []
        transfers[f"{end}_lon"] = known["lon"].to_numpy()
        transfers[f"{end}_lat"] = known["lat"].to_numpy()
    links = lib.links[lib.links["practice_id"] == practice_id]
    return PracticeDetail(record, sectors, places, transfers.reset_index(drop=True), links)


def related_ties(catalog, detail: PracticeDetail, lang: str, limit: int = 12) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(twinnings, activities) related to a practice: twinnings between its places and the towns it was
    carried to, and the registry's activities involving any of them (newest first)."""
    ids = set(detail.places["place_id"]) | set(detail.transfers["from_place"]) | set(detail.transfers["to_place"])
    explicit = detail.links
    pairs = {tuple(sorted(map(int, ref.split("-")))) for ref in explicit.loc[explicit["kind"] == "twinning", "ref"]
             if ref.count("-") == 1 and all(part.isdigit() for part in ref.split("-"))}
    tw = catalog.twinnings
    chosen = tw[(tw["place_a"].isin(ids) & tw["place_b"].isin(ids))
                | pd.Series([(a, b) in pairs for a, b in zip(tw["place_a"], tw["place_b"])], index=tw.index)]
    facts = place_facts(catalog).set_index("place_id")
    names = queries.localized(facts.reset_index(), lang)
    names.index = facts.index
    twinnings = pd.DataFrame({"place_a": chosen["place_a"].to_numpy(), "place_b": chosen["place_b"].to_numpy(),
                              "name_a": names.reindex(chosen["place_a"]).to_numpy(),
                              "name_b": names.reindex(chosen["place_b"]).to_numpy()})
    frames = live_frames_or_none(catalog)
    if frames is None or not ids:
        return twinnings, pd.DataFrame(columns=["activity_id", "title", "start_date"])
    wanted = set(frames.places.loc[frames.places["place_id"].isin(ids), "activity_id"])
    wanted |= {int(ref) for ref in explicit.loc[explicit["kind"] == "activity", "ref"] if str(ref).isdigit()}
    acts = frames.activities[frames.activities["activity_id"].isin(wanted)].sort_values("start_date", ascending=False)
    acts = acts.head(limit).reset_index(drop=True)
    return twinnings, acts[["activity_id", "start_date"]].assign(title=titles_in(acts, lang))  # in `lang`


def practice_json(detail: PracticeDetail, lang: str) -> dict:
    record = {k: (None if isinstance(v, float) and np.isnan(v) else (v.item() if hasattr(v, "item") else v))
              for k, v in detail.record.items() if k not in ("moderation_note",)}
    record["period_end"] = None if pd.isna(detail.record.get("period_end")) else int(detail.record["period_end"])
    for key in ("created_at", "reviewed_at"):
        record[key] = str(record[key]) if record.get(key) is not None else None
    # the long texts as the page shows them: in `lang` where translated, else in their original language
    texts = {name: dict(zip(("text", "language"), practices.text_in(detail.record, name, lang)))
             for name in practices.TRANSLATED_TEXTS}
    return {**record, "title": local_title(detail.record, lang), "texts": texts, "sectors": detail.sectors,
            "sources": (detail.record.get("sources") or "").split(),
            "places": [{"place_id": int(p.place_id), "name": p.name, "iso3": p.iso3}
                       for p in detail.places.itertuples()],
            "transfers": [{"from_place": int(r.from_place), "from_name": r.from_name, "to_place": int(r.to_place),
                           "to_name": r.to_name, "year": None if pd.isna(r.year) else int(r.year),
                           "source_url": r.source_url, "note": r.note} for r in detail.transfers.itertuples()],
            "links": detail.links[["kind", "ref"]].to_dict("records")}


def practices_of_place(catalog, place_ids, lang: str, url: str | None = None) -> pd.DataFrame:
    """Published practices involving any of the places (a city, or a country's places)."""
    lib = library(catalog, url)
    ids = lib.places.loc[lib.places["place_id"].isin(list(place_ids)), "practice_id"].unique()
    chosen = lib.published()
    chosen = chosen[chosen["practice_id"].isin(ids)].sort_values("period_start", ascending=False)
    return pd.DataFrame({"slug": chosen["slug"].to_numpy(),
                         "title": [local_title(r, lang) for r in chosen.to_dict("records")],
                         "period": [period_text(s, e, lang) for s, e in zip(chosen["period_start"], chosen["period_end"])]})


# ---- maps ------------------------------------------------------------------------------------------------

def map_frames(catalog, practice_ids, lang: str, url: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    lib = library(catalog, url)
    places = places_of(catalog, lib, practice_ids, lang)
    titles = lib.practices.set_index("practice_id").apply(lambda r: local_title(r, lang), axis=1)
    grouped = places.groupby(["place_id", "name", "lon", "lat"]).agg(
        practices=("practice_id", "size"),
        titles=("practice_id", lambda ids: "<br>".join(figures.plain(titles.get(i, "")) for i in ids))).reset_index()
    grouped["label"] = grouped["name"]  # the titles are escaped text joined by line breaks
    facts = place_facts(catalog).set_index("place_id")
    transfers = lib.transfers[lib.transfers["practice_id"].isin(list(practice_ids))]
    flows = pd.DataFrame({
        "from_lon": facts["lon"].reindex(transfers["from_place"]).to_numpy(),
        "from_lat": facts["lat"].reindex(transfers["from_place"]).to_numpy(),
        "to_lon": facts["lon"].reindex(transfers["to_place"]).to_numpy(),
        "to_lat": facts["lat"].reindex(transfers["to_place"]).to_numpy(),
        "label": [f"{titles.get(p, '')} → {name} ({'' if pd.isna(y) else int(y)})" for p, name, y in zip(
            transfers["practice_id"], queries.localized(facts.reindex(transfers["to_place"]).reset_index(), lang)
            if len(transfers) else [], transfers["year"])],
    }).dropna(subset=["from_lon", "to_lon"])
    return grouped, flows


def _map_query(request: Request):
    slug = request.args.get("id")
    if slug:
        try:
            detail = practice_detail(request.catalog, str(slug), request.lang)
        except KeyError:
            raise UnknownChart(f"no published practice {slug!r}") from None
        return detail, map_frames(request.catalog, [int(detail.record["practice_id"])], request.lang)
    results = search(request.catalog, PracticeQuery.from_args(request.args, request.catalog), request.lang)
    return None, map_frames(request.catalog, results["practice_id"], request.lang)


def _map_build(data, state, lang):
    detail, (places, flows) = data
    figure = figures.practices_map(places, flows, lang)
    if detail is not None:  # the PDF card: the practice's summary, period and sources over the map
        record = detail.record
        summary = record.get(f"summary_{lang}") or record["summary_en"]
        figures.add_card_text(figure, summary, period_text(record["period_start"], record["period_end"], lang),
                              (record.get("sources") or "").split())
    return figure


def _map_title(data, state) -> str:
    detail, _ = data
    if detail is None:
        return t("practices.map.title", state.lang)
    return local_title(detail.record, state.lang)  # plain text: the export decoration escapes it


register(Presenter(
    id="practices-map", title_key="practices.map.title", query=_map_query, build=_map_build,
    title_of=_map_title, datasets=PRACTICE_DATASETS, formats=FIGURE_FORMATS,
    legend_keys=("practices.map.places", "practices.map.transfers")))


def _table_query(request: Request):
    return search(request.catalog, PracticeQuery.from_args(request.args, request.catalog), request.lang)


register(Presenter(
    id="practices-table", title_key="practices.table.title", query=_table_query,
    table=lambda results, request: (results_table(request.catalog, results, request.lang), {}),
    datasets=PRACTICE_DATASETS, formats=TABLE_FORMATS))


# ---- partner search ------------------------------------------------------------------------------------------

_INPUTS: dict[tuple, SuggestionInputs] = {}


def suggestion_inputs(catalog, url: str | None = None, today: dt.date | None = None) -> SuggestionInputs:
    """What the suggestions read, made once per registry version, catalogue and day."""
    lib = library(catalog, url)
    key = (str(engine(url).url), lib.version, catalog.data_version, today or dt.date.today())
    if key not in _INPUTS:
        _INPUTS.clear()
        _INPUTS[key] = _suggestion_inputs(catalog, lib, url, today)
    return _INPUTS[key]


def _suggestion_inputs(catalog, lib, url: str | None, today: dt.date | None) -> SuggestionInputs:
    facts = place_facts(catalog)
    requests = partners.request_table(engine(url), today=today)
    published = lib.published()["practice_id"]
    joined = lib.places[lib.places["practice_id"].isin(published)].merge(lib.sectors, on="practice_id")
    sectors_by_place: dict[int, set] = {}
    for place_id, sector in zip(joined["place_id"], joined["sector"]):
        sectors_by_place.setdefault(int(place_id), set()).add(sector)
    for place_id, cell in zip(requests["place_id"], requests["sectors"]):
        sectors_by_place.setdefault(int(place_id), set()).update(filter(None, cell.split(";")))
    return SuggestionInputs(places=facts, twinnings=catalog.twinnings[["place_a", "place_b"]],
                            countries=catalog.countries[["iso3", "land_neighbours"]],
                            border_km=facts.set_index("place_id")["border_km"], sectors_by_place=sectors_by_place,
                            requests=requests)


def suggestions(catalog, place_id: int, lang: str, emphasis: str = "balanced", space: str | None = None,
                top: int = 20, url: str | None = None, weights: dict | None = None) -> pd.DataFrame:
    """The ranked suggestions with names (KeyError for an unknown place)."""
    result = suggest_partners(suggestion_inputs(catalog, url), int(place_id), space_countries(catalog, space),
                              emphasis=emphasis, weights=weights, top=top)
    facts = place_facts(catalog).set_index("place_id")
    result.insert(1, "name", queries.localized(facts.reindex(result["place_id"]).reset_index(), lang).to_numpy()
                  if len(result) else [])
    return result


def emphasis_weights(emphasis: str) -> dict[str, float]:
    return EMPHASES.get(emphasis, EMPHASES["balanced"])


def open_requests(catalog, lang: str, url: str | None = None, sector: str | None = None,
                  countries: tuple[str, ...] = ()) -> pd.DataFrame:
    """Published, unexpired partner requests with the place's name, filtered by sector and country."""
    frame = partners.request_table(engine(url))
    facts = place_facts(catalog).set_index("place_id")
    known = facts.reindex(frame["place_id"])
    frame["place_name"] = queries.localized(known.reset_index(), lang).to_numpy() if len(frame) else []
    frame["iso3"] = known["iso3"].to_numpy()
    if sector:
        frame = frame[frame["sectors"].str.split(";").apply(lambda codes: sector in codes)]
    if countries:
        frame = frame[frame["iso3"].isin(countries)]
    return frame.reset_index(drop=True)


def sector_names(codes, lang: str) -> str:
    return ", ".join(sector_label(code, lang) for code in codes)
