"""What a world map in the Miller projection shows: fitting a lon/lat window, and back.

A plotly geo map draws its lon/lat range box fitted to the plot at zoom scale 1, and clips to that
box's frame at every zoom; `projection.scale` s zooms around `center`. So the box is the whole
world's longitudes and the latitudes WORLD_LATITUDES, whose shape (ASPECT) is that of a typical map
area: the frame then fills the plot. These functions find the centre and scale that show a window,
and the window a centre and scale show. Longitudes are degrees; a window may reach beyond 180°
(e.g. 170 to 190) when it crosses the antimeridian.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

MAX_LATITUDE = 89.0


@dataclass(frozen=True)
class Window:
    """A lon/lat rectangle: lon (west, east) in degrees, east may exceed 180; lat (south, north)."""

    lon: tuple[float, float]
    lat: tuple[float, float]


def miller_y(lat):
    """Miller cylindrical y of latitudes (degrees), in units of the Earth's radius."""
    lat = np.clip(np.asarray(lat, dtype="float64"), -MAX_LATITUDE, MAX_LATITUDE)
    return 1.25 * np.log(np.tan(np.pi / 4 + 0.4 * np.radians(lat)))


def miller_lat(y):
    """Latitude (degrees) of Miller y (inverse of miller_y)."""
    y = np.asarray(y, dtype="float64")
    return np.degrees(2.5 * np.arctan(np.exp(0.8 * y)) - 0.625 * np.pi)


#: the latitudes of the map's lat range box (Antarctica and the polar sea left out)
WORLD_LATITUDES = (-78.0, 84.0)


def frame_latitude(latitude: float) -> float:
    """How far poleward plotly's frame reaches for a lat range edge: it fits the range box with its edges drawn
    as great circles between corners 90° of longitude apart, which bulge poleward to atan(tan φ / cos 45°)."""
    return math.copysign(math.degrees(math.atan(math.tan(math.radians(abs(latitude))) / math.cos(math.pi / 4))),
                         latitude)


#: the frame's projected extent: 2π wide, WORLD_Y[1] - WORLD_Y[0] high (measured in Chromium: 966 × 611 px)
WORLD_Y = (float(miller_y(frame_latitude(WORLD_LATITUDES[0]))), float(miller_y(frame_latitude(WORLD_LATITUDES[1]))))
#: width / height of the frame (1.581); the map page's graph has this shape (borderlinks.css --bl-map-aspect)
ASPECT = 2 * math.pi / (WORLD_Y[1] - WORLD_Y[0])
#: the centre latitude of the whole frame (the world view)
WORLD_CENTRE_LATITUDE = float(miller_lat(sum(WORLD_Y) / 2))


#: the world frame's projected height (Earth radii); a flatter frame (figures/flat_frame.py) passes its own
WORLD_HEIGHT = WORLD_Y[1] - WORLD_Y[0]


def world_unit(aspect: float = ASPECT, frame_height: float = WORLD_HEIGHT) -> float:
    """Plot heights per projected unit when the frame (2π wide, `frame_height` high) fits the plot (scale 1)."""
    return min(aspect / (2 * math.pi), 1.0 / frame_height)


def view_of(window: Window, aspect: float = ASPECT, frame_height: float = WORLD_HEIGHT) -> tuple[float, float, float]:
    """(centre lon, centre lat, scale) that show all of `window` in a plot of `aspect`."""
    width = math.radians(window.lon[1] - window.lon[0])
    y_south, y_north = float(miller_y(window.lat[0])), float(miller_y(window.lat[1]))
    height = max(y_north - y_south, 1e-6)
    unit = world_unit(aspect, frame_height)
    scale = min(aspect / (unit * max(width, 1e-6)), 1.0 / (unit * height))
    centre_lon = (window.lon[0] + window.lon[1]) / 2
    centre_lon = (centre_lon + 180.0) % 360.0 - 180.0
    return centre_lon, float(miller_lat((y_south + y_north) / 2)), max(scale, 1.0)


def visible_window(centre_lon: float, centre_lat: float, scale: float, aspect: float = ASPECT) -> Window:
    """The lon/lat rectangle a plot of `aspect` shows around a centre at a zoom scale."""
    unit = world_unit(aspect) * max(scale, 1e-6)
    half_width = math.degrees(aspect / (2 * unit))
    half_height = 1.0 / (2 * unit)
    y = float(miller_y(centre_lat))
    south = float(miller_lat(max(y - half_height, WORLD_Y[0])))
    north = float(miller_lat(min(y + half_height, WORLD_Y[1])))
    half_width = min(half_width, 180.0)
    return Window((centre_lon - half_width, centre_lon + half_width), (south, north))


def widened_east(window: Window, share: float) -> Window:
    """`window` widened eastwards so that, fitted to a plot, all of it lies in the plot's western 1 - `share`
    (a panel docked over the eastern `share`)."""
    (west, east), lat = window.lon, window.lat
    return Window((west, east + (east - west) * share / (1 - share)), lat)


def screen_positions(lon, lat, window: Window, width_px: float, height_px: float,
                     frame_height: float = WORLD_HEIGHT) -> tuple[np.ndarray, np.ndarray]:
    """Pixel positions (x right, y down) of points in a plot of width × height showing `window`
    (fitted as view_of does); longitudes are wrapped into the window where it passes ±180°."""
    lon = np.asarray(lon, dtype="float64")
    centre_lon, centre_lat, scale = view_of(window, width_px / height_px, frame_height)
    unit = world_unit(width_px / height_px, frame_height) * scale * height_px  # px per projected unit
    offset = (lon - centre_lon + 180.0) % 360.0 - 180.0
    x = width_px / 2 + np.radians(offset) * unit
    y = height_px / 2 - (miller_y(lat) - float(miller_y(centre_lat))) * unit
    return x, y
