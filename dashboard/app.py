"""Builds the Dash app: pages from dashboard/pages, assets from dashboard/assets, the shell layout."""

from __future__ import annotations

from pathlib import Path

import dash

from dashboard import layout
from dashboard.web import register_routes
from dashboard.web.security import allow_inline_scripts

PACKAGE_DIR = Path(__file__).resolve().parent


def create_app() -> dash.Dash:
    """A new Dash app with every page, the shell's callbacks and the HTTP routes of dashboard/web/; all
    scripts local."""
    app = dash.Dash(
        "dashboard",
        use_pages=True,
        pages_folder=str(PACKAGE_DIR / "pages"),
        assets_folder=str(PACKAGE_DIR / "assets"),
        serve_locally=True,
        title="Borderlinks",
        update_title=None,
        suppress_callback_exceptions=True,
        eager_loading=True,  # load plotly.js with the page, not after the layout arrives (~0.5 s)
    )
    app.layout = layout.shell_layout
    layout.register_callbacks(app)
    register_routes(app.server)  # every HTTP route besides Dash's: dashboard/web/__init__.py lists them
    # Dash finishes its set-up (copying the pages' callbacks into the app) on the first request, after
    # marking it done; in a threaded worker the first requests then race, and some fail with "Callback
    # function not found" (seen under load). Doing it now, once, before any request, closes that window.
    with app.server.test_request_context("/"):
        app._setup_server()
    allow_inline_scripts(app.server, app.csp_hashes)  # the CSP lets Dash's own inline scripts run, no other
    return app
