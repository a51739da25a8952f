"""The build summary: counts per table and how well the twinning sources were matched."""

from __future__ import annotations

import pandas as pd

from dashboard.store.russian_names import russian_name_coverage

FOCUS_COUNTRIES = ["RUS", "BLR", "KAZ", "CHN", "KGZ", "TJK", "UZB", "MNG", "IND", "PAK", "IRN"]
COUNTED_TABLES = ["countries", "memberships", "regions", "land_borders", "disputed_areas", "places",
                  "twinnings", "twinning_review"]


def share(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 2) if whole else 0.0


def summarise(tables: dict[str, pd.DataFrame], inputs) -> dict:
    places = tables["places"].set_index("place_id")
    pairs = tables["_pairs"]
    links = tables["_links"]
    wiki = links[links["source"] == "wikipedia"]
    wiki_rows = len(pairs)
    inside = places["in_country"] if "in_country" in places else pd.Series(True, index=places.index)
    both_inside = inside.reindex(wiki["place_a"]).to_numpy() & inside.reindex(wiki["place_b"]).to_numpy()
    twinnings = tables["twinnings"]
    iso3 = places["iso3"]
    ends = pd.concat([iso3.reindex(twinnings["place_a"]), iso3.reindex(twinnings["place_b"])])
    per_country = {}
    stated = tables.get("_pair_countries")
    for code in FOCUS_COUNTRIES:
        rows = stated[stated["iso3"] == code] if stated is not None else pd.DataFrame()
        per_country[code] = {
            "wikipedia_pair_ends": int(len(rows)),
            "matched_pct": share(int(rows["matched"].sum()), len(rows)) if len(rows) else 0.0,
            "twinnings": int((ends == code).sum()),
            "places": int((iso3 == code).sum()),
        }
    return {
        "data_dir": str(inputs.data_dir),
        "counts": {name: int(len(tables[name])) for name in COUNTED_TABLES},
        "wikipedia_pairs": wiki_rows,
        "wikipedia_pairs_matched": int(len(wiki)),
        "wikipedia_matched_pct": share(len(wiki), wiki_rows),
        "wikipedia_matched_inside_pct": share(int(both_inside.sum()), wiki_rows),
        "wikidata_links": int(len(tables["_edges"])) if "_edges" in tables else None,
        "wikidata_links_matched": int((links["source"] == "wikidata").sum()),
        "twinnings_in_both_sources": int((twinnings["in_wikipedia"] & twinnings["in_wikidata"]).sum()),
        "places_by_origin": places["origin"].value_counts().to_dict(),
        "twinnings_by_status": twinnings["status"].value_counts().sort_index().to_dict()
        if "status" in twinnings else {},
        "twinnings_by_origin": twinnings["origin"].value_counts().sort_index().to_dict()
        if "origin" in twinnings else {},
        "focus_countries": per_country,
        "russian_names": russian_name_coverage(tables["places"], twinnings),
    }


def format_summary(summary: dict) -> str:
    lines = ["Store summary", "  rows: " + ", ".join(f"{k} {v:,}" for k, v in summary["counts"].items())]
    lines.append(f"  Wikipedia pairs matched: {summary['wikipedia_pairs_matched']:,} of "
                 f"{summary['wikipedia_pairs']:,} ({summary['wikipedia_matched_pct']} %), both ends "
                 f"inside their country: {summary['wikipedia_matched_inside_pct']} %")
    lines.append(f"  Wikidata links matched: {summary['wikidata_links_matched']:,} of "
                 f"{summary['wikidata_links']:,}; twinnings in both sources: "
                 f"{summary['twinnings_in_both_sources']:,}")
    lines.append("  places by origin: " + ", ".join(f"{k} {v:,}" for k, v in summary["places_by_origin"].items()))
    lines.append("  focus countries (Wikipedia pair ends matched %, twinnings, places):")
    for code, row in summary["focus_countries"].items():
        lines.append(f"    {code}: {row['matched_pct']:6.2f} % of {row['wikipedia_pair_ends']:>5} ends, "
                     f"{row['twinnings']:>5} twinnings, {row['places']:>5} places")
    return "\n".join(lines)
