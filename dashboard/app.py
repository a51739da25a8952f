"""Builds the Dash app: pages from dashboard/pages, assets from dashboard/assets, the shell layout."""

from __future__ import annotations

from pathlib import Path

import dash

from dashboard import layout
from dashboard.api import register_api

PACKAGE_DIR = Path(__file__).resolve().parent


def create_app() -> dash.Dash:
    """A new Dash app with every page, the shell's callbacks and the /api/v1/ routes; all scripts local."""
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
    register_api(app.server)  # idempotent: the map page may have registered it already
    from dashboard.registry_api import register_registry_api
    register_registry_api(app.server)  # sign-in and the registry's write endpoints (idempotent)
    return app
