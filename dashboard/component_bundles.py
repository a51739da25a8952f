"""Component bundles that a page loads only when it renders one of their components.

Dash puts the main bundle of every imported component library into every page, whatever the page shows:
AG Grid's (1.3 MB; its grid itself is a further lazy chunk) and the deprecated DataTable's reach the map,
which has neither. `defer_component_bundles(scripts)` takes their <script> tags out of the page Dash
writes and lists their URLs in a JSON block (#lazy-component-bundles, data the CSP does not execute);
assets/lazy_bundles.js stands in for each library's namespace (window.dash_ag_grid, ...) until a
component of it is rendered, then loads the bundle and renders the real component. Functions of a
namespace named ...Async (dash_ag_grid.getApiAsync) wait for the bundle too.

plotly.js (assets/vendor/plotly-partial.min.js) is fetched from the start but no longer blocks the page's
start: it leaves the script tags too, listed as "Plotly", with a preload link; the loader sets window.Plotly
to a placeholder that dcc.Graph waits on (it takes any thenable there for plotly.js) and starts the
download, so Dash asks for the layout while plotly.js is still loading and parsing. dcc's Graph and
Dropdown chunks, which Dash fetches only once the page's layout has arrived, are preloaded with the page.
"""

from __future__ import annotations

import json
import re

#: JS namespace -> the URL prefix of its bundles under Dash's component suites
LAZY_NAMESPACES = {
    "dash_ag_grid": "/_dash-component-suites/dash_ag_grid/",
    "dash_table": "/_dash-component-suites/dash/dash_table/",
}
PLOTLY = "Plotly"
PLOTLY_BUNDLE = "/assets/vendor/plotly-partial.min.js"
#: lazy chunks of dcc (loaded by URL without fingerprint) that nearly every page needs at once
PRELOADED_CHUNKS = ("/_dash-component-suites/dash/dcc/async-graph.js",
                    "/_dash-component-suites/dash/dcc/async-dropdown.js")
LISTING_ID = "lazy-component-bundles"
_SCRIPT_TAG = re.compile(r'[ \t]*<script src="(?P<src>[^"]+)"></script>\n?')


def deferred_namespace(src: str, prefix: str = "") -> str | None:
    """The lazy namespace a script URL belongs to (`prefix`: Dash's requests_pathname_prefix), else None."""
    for namespace, path in LAZY_NAMESPACES.items():
        if src.startswith(prefix.rstrip("/") + path):
            return namespace
    return None


def defer_component_bundles(scripts: str, prefix: str = "") -> str:
    """`scripts` (the page's script tags as Dash writes them) without the lazy namespaces' bundles and
    plotly.js, preceded by preload links (plotly.js, dcc's chunks) and the JSON listing of the URLs
    ({namespace: [bundle URLs in load order], "Plotly": URL})."""
    deferred: dict[str, list[str]] = {}
    plotly: dict[str, str] = {}
    root = prefix.rstrip("/")
    preloads = [root + chunk for chunk in PRELOADED_CHUNKS]

    def take(match: re.Match) -> str:
        if match["src"].startswith(root + PLOTLY_BUNDLE + "?"):
            plotly[PLOTLY] = match["src"]
            preloads.insert(0, match["src"])
            return ""
        namespace = deferred_namespace(match["src"], prefix)
        if namespace is None:
            return match[0]
        deferred.setdefault(namespace, []).append(match["src"])
        return ""

    kept = _SCRIPT_TAG.sub(take, scripts)
    listing = json.dumps({**deferred, **plotly}).replace("</", "<\\/")
    links = "".join(f'<link rel="preload" as="script" href="{url}">\n' for url in preloads)
    return f'{links}<script id="{LISTING_ID}" type="application/json">{listing}</script>\n{kept}'
