"""A named figure of a page, in a view state, as a PNG or SVG file ready to show: decorated, then rendered.

    image_bytes("network-matrix", "png", ViewState(countries=("BLR",)), {"top": "15"})

PNG and SVG are EXPORT_WIDTH x EXPORT_HEIGHT (1600 x 900) CSS pixels; a PNG at scale 1 has exactly that many
pixels, so the file is predictable on a projector or in a slide.
"""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.exports import figures, sources
from dashboard.exports.decorate import for_export
from dashboard.exports.render import EXPORT_HEIGHT, EXPORT_WIDTH, FORMATS, renderer
from dashboard.state import ViewState

MIME = {"png": "image/png", "svg": "image/svg+xml"}


def export_figure(name: str, catalog, state: ViewState, args: Mapping[str, str] | None = None,
                  width: int = EXPORT_WIDTH, height: int = EXPORT_HEIGHT) -> dict:
    """The figure `name` for `state`, decorated for a file (title, filters, legend, source line, size)."""
    built = figures.build(name, catalog, state, args)
    return for_export(built.figure, title=built.title, subtitle=figures.filters_in_words(catalog, state),
                      source_line=sources.source_line(built.datasets, getattr(catalog, "built_at", ""), state.lang),
                      legend=built.legend, width=width, height=height)


def image_bytes(name: str, fmt: str, state: ViewState, args: Mapping[str, str] | None = None, catalog=None) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    if catalog is None:
        from dashboard.store.catalog import load_catalog
        catalog = load_catalog()
    figure = export_figure(name, catalog, state, args)
    from dashboard.exports.jobs import render_slot
    with render_slot():
        return renderer().image(figure, fmt, EXPORT_WIDTH, EXPORT_HEIGHT, 1)


def file_name(name: str, fmt: str, args: Mapping[str, str] | None = None) -> str:
    args = args or {}
    suffix = "".join(ch for ch in str(args.get("iso3") or args.get("id") or "") if ch.isalnum())
    return f"borderlinks-{name}{'-' + suffix if suffix else ''}.{fmt}"
