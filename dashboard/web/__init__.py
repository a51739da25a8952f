"""Every HTTP route of Borderlinks besides Dash's own, as Flask blueprints registered by `register_routes`
(called once by dashboard.app.create_app; nothing is registered by importing a page).

    blueprint                       module              URL prefixes
    borderlinks_auth                web/auth.py         /auth/login, /auth/logout, /auth/whoami
    borderlinks_api_v1              web/api.py          /api/v1/summary, twinnings, places, activities,
                                                        monitoring, layers/<name>.geojson, network/<figure>,
                                                        countries/<iso3>, places/<id>   (read-only JSON/CSV)
    borderlinks_api_v1_blocs        web/blocs_api.py    /api/v1/blocs, blocs/<BLOC>/members?on=   (read-only)
    borderlinks_api_v1_corridors    web/corridors_api.py  /api/v1/corridors[.geojson], place-borders,
                                                        layers/border_strip.geojson    (read-only)
    borderlinks_registry_api        web/registry.py     /api/v1/registry/...   (the registry's writes)
    borderlinks_views_api           web/views.py        /api/v1/views/...  and /views/<slug> (saved views)
    borderlinks_exports             web/exports.py      /export/<figure>.<png|svg>, /export/jobs/...
    borderlinks_monitoring          web/monitoring.py   /api/v1/monitoring/ties, meetings (read-only); plans,
                                                        plan-items/<id>[/link]  (the action plans' writes)
    borderlinks_practices           web/practices.py    /api/v1/practices[/<slug>], partner-requests,
                                                        places/<id>/suggested-partners (and their writes)

Guards: the read-only API blueprints refuse filters outside their allowed sets (a `before_request` hook of
each, web/api_responses.py); every write route is wrapped in dashboard.auth.writer_required (a signed-in
editor); web/auth.py sets the session, the request size limit (413), the sign-in limits, and installs
web/security.py: the CSRF check of every POST/PUT/PATCH/DELETE of the server (Dash's callbacks included,
routes added later too) and the security headers of every response.
web/urls.py holds the prefixes and the layer paths pages put in their figures; web/unavailable.py is the
stand-in server app.py runs when a database cannot be opened.
"""

from __future__ import annotations

import flask

from dashboard.web.api import register_api
from dashboard.web.auth import register_auth
from dashboard.web.blocs_api import register_blocs_api
from dashboard.web.corridors_api import register_corridor_api
from dashboard.web.exports import register_export_api
from dashboard.web.monitoring import register_monitoring_api
from dashboard.web.practices import register_practices_api
from dashboard.web.registry import register_registry_api
from dashboard.web.views import register_views_api

#: in order: sign-in first (it sets the session the write routes need)
BLUEPRINT_REGISTRARS = (register_auth, register_api, register_blocs_api, register_corridor_api,
                        register_registry_api, register_views_api, register_export_api, register_practices_api,
                        register_monitoring_api)


def register_routes(server: flask.Flask) -> None:
    """Add every blueprint above to `server` (the Dash app's Flask server). Each registrar does nothing
    on a server that already has its blueprint, so a second call changes nothing; each app built in
    the process gets its own blueprints."""
    for register in BLUEPRINT_REGISTRARS:
        register(server)
