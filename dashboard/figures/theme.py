"""The look every figure shares: the Okabe–Ito palette, neutrals, system fonts and a plotly template.

The CSS in dashboard/assets/borderlinks.css defines the same colours as CSS variables; keep them in step.
Figure builders pass `template=TEMPLATE` (also registered with plotly as "borderlinks").
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

# Okabe & Ito (2008), colour-blind safe. Names say the colour; ROLE says what it is used for.
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
PURPLE = "#CC79A7"  # "reddish purple"
SKY = "#56B4E9"
VERMILLION = "#D55E00"
YELLOW = "#F0E442"
BLACK = "#000000"

OKABE_ITO = (BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILLION, YELLOW, BLACK)

# neutrals: text, muted text, lines, fills, the page and the sea
INK = "#1F2328"
INK_MUTED = "#57606A"
LINE = "#D0D7DE"
LINE_STRONG = "#8C959F"
FILL = "#F2F4F6"
PAGE = "#FFFFFF"
LAND = "#EEEBE4"
LAND_SELECTED = "#DCE9F2"
SEA = "#F4F8FB"
BORDER = "#B8B2A7"

# what each colour means in the product (use these names in figure builders)
ROLE = {
    "accent": BLUE,            # selection, links, primary actions
    "highlight": ORANGE,       # the clicked city and its links
    "border_region": GREEN,    # regions on a land border
    "bloc": PURPLE,            # bloc membership
    "secondary": SKY,          # second series, "between" partner
    "warning": VERMILLION,     # disputed areas, data warnings
    "note": YELLOW,            # sparing: proposed corridors
}

FONT_FAMILY = ('system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Helvetica Neue", Arial, '
               '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif')  # CJK last

# projector-legible sizes (px)
FONT_SIZE = 14
TITLE_SIZE = 18

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT_FAMILY, "size": FONT_SIZE, "color": INK},
        title={"font": {"size": TITLE_SIZE, "color": INK}, "x": 0, "xanchor": "left"},
        colorway=list(OKABE_ITO),
        paper_bgcolor=PAGE,
        plot_bgcolor=PAGE,
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        hoverlabel={"font": {"family": FONT_FAMILY, "size": FONT_SIZE}, "bgcolor": PAGE,
                    "bordercolor": LINE_STRONG},
        legend={"bgcolor": "rgba(255,255,255,0.85)", "bordercolor": LINE, "borderwidth": 1,
                "font": {"size": FONT_SIZE}},
        geo={"bgcolor": SEA, "showland": True, "landcolor": LAND, "showocean": True, "oceancolor": SEA,
             "showlakes": True, "lakecolor": SEA, "showcountries": True, "countrycolor": BORDER,
             "countrywidth": 0.6, "showcoastlines": True, "coastlinecolor": LINE_STRONG,
             "coastlinewidth": 0.5, "showframe": False, "resolution": 50},
        xaxis={"gridcolor": LINE, "linecolor": LINE_STRONG, "zeroline": False, "automargin": True},
        yaxis={"gridcolor": LINE, "linecolor": LINE_STRONG, "zeroline": False, "automargin": True},
    ),
    data={
        "scattergeo": [go.Scattergeo(marker={"color": BLUE, "line": {"color": PAGE, "width": 0.5}})],
        "bar": [go.Bar(marker={"color": BLUE})],
    },
)

pio.templates["borderlinks"] = TEMPLATE
