"""One pure function makes any figure ready to leave the app: `for_export(figure, ...)`.

It gives the figure its title (and the filters in words as a subtitle), keeps or turns on its legend, fixes
its size, and writes a source line at the bottom ("Sources: … · data as of <date>"). The page's figure is not
changed (a copy is returned). No Dash, no I/O.
"""

from __future__ import annotations

import copy

from dashboard.figures import theme

TITLE_SIZE = 22
SUBTITLE_SIZE = 14
SOURCE_SIZE = 12
TOP_MARGIN = 124
BOTTOM_MARGIN = 64
TOP_AXIS_ROOM = 110  # rotated country names of a matrix's top axis


def as_dict(figure) -> dict:
    if hasattr(figure, "to_plotly_json"):
        return figure.to_plotly_json()
    return figure


def for_export(figure, *, title: str, source_line: str, subtitle: str = "", legend: tuple[str, ...] = (),
               width: int, height: int) -> dict:
    """A copy of `figure` (plotly dict or go.Figure) as it should look in a file.

    `legend`: names of traces to list in the legend when the page draws its legend outside the figure (the map
    pages): those traces get a legend entry, the others none. A figure that has its own legend keeps it.
    """
    out = copy.deepcopy(as_dict(figure))
    layout = dict(out.get("layout") or {})
    margin = dict(layout.get("margin") or {})
    top_axis = any(str(key).startswith("xaxis") and isinstance(axis, dict) and axis.get("side") == "top"
                   for key, axis in layout.items())  # labels above the plot: the title goes above them
    margin.update({"t": max(int(margin.get("t") or 0), TOP_MARGIN) + (TOP_AXIS_ROOM if top_axis else 0), "b": max(int(margin.get("b") or 0), BOTTOM_MARGIN),
                   "l": max(int(margin.get("l") or 0), 24), "r": max(int(margin.get("r") or 0), 24)})
    layout["margin"] = margin
    layout["width"], layout["height"] = width, height
    layout["autosize"] = False
    title_spec = {"text": f"<b>{_escape(title)}</b>", "x": 0, "xref": "container", "xanchor": "left",
                  "pad": {"t": 20, "l": 24},
                  "y": 1, "yref": "container", "yanchor": "top",
                  "font": {"size": TITLE_SIZE, "color": theme.INK, "family": theme.FONT_FAMILY}}
    if subtitle:
        title_spec["subtitle"] = {"text": _escape(subtitle),
                                  "font": {"size": SUBTITLE_SIZE, "color": theme.INK_MUTED}}
    layout["title"] = title_spec
    if legend:
        wanted, listed = set(legend), set()
        for trace in out.get("data", []):
            name = trace.get("name")
            shown = name in wanted and name not in listed and trace.get("visible", True) is not False
            trace["showlegend"] = shown
            if shown:
                listed.add(name)  # one entry per name (a layer may be drawn by two traces)
        layout["showlegend"] = True
        layout["legend"] = {**(layout.get("legend") or {}), "x": 1, "xanchor": "right", "y": 1, "yanchor": "top",
                            "bgcolor": "rgba(255,255,255,0.9)", "bordercolor": theme.LINE, "borderwidth": 1}
    annotations = list(layout.get("annotations") or [])
    annotations.append({"text": _escape(source_line), "showarrow": False, "xref": "paper", "yref": "paper",
                        "x": 0, "y": 0, "xanchor": "left", "yanchor": "top", "yshift": -(BOTTOM_MARGIN - 26),
                        "align": "left", "font": {"size": SOURCE_SIZE, "color": theme.INK_MUTED},
                        "name": "export-source"})
    layout["annotations"] = annotations
    layout.pop("uirevision", None)
    out["layout"] = layout
    return out


def _escape(text: str) -> str:
    """Plotly text is HTML-like: keep names with < > & literal."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
