"""Builds the Dash app: pages from dashboard/pages, assets from dashboard/assets, the shell layout."""

from __future__ import annotations

from pathlib import Path

import dash

from dashboard import layout
from dashboard.component_bundles import defer_component_bundles
from dashboard.web import register_routes
from dashboard.web.compression import compress_responses
from dashboard.web.security import allow_inline_scripts

PACKAGE_DIR = Path(__file__).resolve().parent


class BorderlinksDash(dash.Dash):
    """Dash, writing pages without the component bundles they load only when needed
    (dashboard/component_bundles.py)."""

    def interpolate_index(self, **kwargs) -> str:
        kwargs["scripts"] = defer_component_bundles(kwargs["scripts"], self.config.requests_pathname_prefix)
        return super().interpolate_index(**kwargs)


def create_app() -> dash.Dash:
    """A new Dash app with every page, the shell's callbacks and the HTTP routes of dashboard/web/; all
    scripts local."""
    app = BorderlinksDash(
        "dashboard",
        use_pages=True,
        pages_folder=str(PACKAGE_DIR / "pages"),
        assets_folder=str(PACKAGE_DIR / "assets"),
        serve_locally=True,
        title="Borderlinks",
        update_title=None,
        suppress_callback_exceptions=True,
        # Component bundles load when a page first renders a component that needs them (AG Grid, DataTable,
        # Markdown, MathJax... stay off the map). plotly.js is not among them: assets/vendor/ holds a
        # partial bundle of the traces the pages draw (scripts/vendor_plotly_bundle.py), loaded with the page
        # as a plain script, so dcc.Graph finds window.Plotly and never fetches the full 4.8 MB one.
        eager_loading=False,
    )
    app.layout = layout.shell_layout
    layout.register_callbacks(app)
    compress_responses(app.server)  # br/gzip on the wire, a year of cache for fingerprinted assets
    register_routes(app.server)  # every HTTP route besides Dash's: dashboard/web/__init__.py lists them
    # Dash finishes its set-up (copying the pages' callbacks into the app) on the first request, after
    # marking it done; in a threaded worker the first requests then race, and some fail with "Callback
    # function not found" (seen under load). Doing it now, once, before any request, closes that window.
    with app.server.test_request_context("/"):
        app._setup_server()
    allow_inline_scripts(app.server, app.csp_hashes)  # the CSP lets Dash's own inline scripts run, no other
    return app
