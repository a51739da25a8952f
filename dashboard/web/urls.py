"""The app's own URL prefixes and the paths pages put in their figures (no routes here, no Flask).

Pages import these to point the browser at a route of dashboard/web/ without importing the route modules.
"""

from __future__ import annotations

API_PREFIX = "/api/v1"
REGISTRY_PREFIX = f"{API_PREFIX}/registry"
VIEWS_PREFIX = f"{API_PREFIX}/views"
EXPORT_PREFIX = "/export"
AUTH_PREFIX = "/auth"


def layer_path(name: str, pov: str, version: str = "") -> str:
    """The path (under the app's root) of a display layer's GeoJSON; `version` busts browser caches."""
    query = f"?pov={pov}" + (f"&v={version}" if version else "")
    return f"{API_PREFIX}/layers/{name}.geojson{query}"


def strip_path(width_km: int, version: str = "", by: str = "country") -> str:
    """The path (under the app's root) of the border strip's GeoJSON (by country: what the map draws);
    `version` busts browser caches."""
    return f"{API_PREFIX}/layers/border_strip.geojson?km={width_km}&by={by}" + (f"&v={version}" if version else "")
