"""A chart (a presenter of dashboard.charts), in a view state, as a file ready to show: decorated, then rendered.

    image_bytes("network-matrix", "png", ViewState(countries=("BLR",)), {"top": "15"})

PNG, SVG and PDF are EXPORT_WIDTH x EXPORT_HEIGHT (1600 x 900) CSS pixels; a PNG at scale 1 has exactly that
many pixels, so the file is predictable on a projector or in a slide.
"""

from __future__ import annotations

from collections.abc import Mapping

from dashboard import charts
from dashboard.exports import sources
from dashboard.exports.captions import filters_in_words
from dashboard.exports.decorate import for_export
from dashboard.exports.jobs import render_slot
from dashboard.exports.render import EXPORT_HEIGHT, EXPORT_WIDTH, renderer
from dashboard.state import ViewState
from dashboard.store import catalog as store_catalog
from dashboard.store.spaces import space_caption

IMAGE_FORMATS = charts.FIGURE_FORMATS
MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}


def export_figure(name: str, catalog, state: ViewState, args: Mapping[str, str] | None = None,
                  width: int = EXPORT_WIDTH, height: int = EXPORT_HEIGHT) -> dict:
    """The chart `name` for `state`, decorated for a file (title, filters, legend, source line, size)."""
    presenter = charts.get(name)
    request = charts.Request(catalog, state, args or {})
    data = presenter.data(request)
    return for_export(presenter.figure(request, data), title=presenter.title(state, data),
                      subtitle=filters_in_words(catalog, state),
                      source_line=sources.source_line(presenter.datasets, getattr(catalog, "built_at", ""), state.lang,
                                                      space_caption(state, getattr(catalog, "countries", None))),
                      legend=presenter.legend(state), width=width, height=height)


def image_bytes(name: str, fmt: str, state: ViewState, args: Mapping[str, str] | None = None, catalog=None) -> bytes:
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"format must be one of {IMAGE_FORMATS}")
    figure = export_figure(name, catalog if catalog is not None else store_catalog.load_catalog(), state, args)
    with render_slot():
        return renderer().image(figure, fmt, EXPORT_WIDTH, EXPORT_HEIGHT, 1)


def file_name(name: str, fmt: str, args: Mapping[str, str] | None = None) -> str:
    args = args or {}
    suffix = "".join(ch for ch in str(args.get("iso3") or args.get("id") or "") if ch.isalnum())
    return f"borderlinks-{name}{'-' + suffix if suffix else ''}.{fmt}"

