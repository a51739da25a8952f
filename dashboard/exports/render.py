"""Static images and PDFs from Debian's Chromium, offline: one Kaleido (kaleido 1.x) per process.

Kaleido 1.x drives a Chrome it finds through `choreographer`; we give it the system browser explicitly
(`BORDERLINKS_CHROMIUM`, else BROWSER_PATH, else /usr/bin/chromium) so nothing is ever downloaded, and
nothing is fetched while rendering:
- plotly.js is the copy inside the installed plotly package (file://), MathJax is off (its default is a CDN);
- base maps load the topojson vendored under dashboard/assets/topojson/ (file://);
- layers the pages load by URL (/api/v1/layers/...) are inlined into the figure before rendering;
- the browser runs behind a proxy that does not exist (127.0.0.1:9), so any http(s) request would fail
  rather than leave the machine.

The browser starts on first use (about 2 s) and then stays: a PNG or SVG takes well under a second. A
process renders one thing at a time (a lock), and all processes together at most RENDER_SLOTS at a time
(file locks in the export directory, see dashboard.exports.jobs), so a burst of exports cannot start a
Chromium per request.
"""

from __future__ import annotations

import asyncio
import atexit
import base64
import copy
import json
import logging
import os
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import kaleido  # importing it starts nothing: Chromium starts on the first render
import logistro  # kaleido's logger
import plotly

from dashboard.store.layers import layer_geojson_bytes, strip_geojson_bytes

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
TOPOJSON_DIR = PACKAGE_DIR / "assets" / "topojson"
DEAD_PROXY = "http://127.0.0.1:9"  # discard port: nothing listens, nothing leaves
RENDER_TIMEOUT = 90  # seconds for one image or one PDF
#: the size of every PNG and SVG export (CSS px; PNG at scale 1 = this many pixels)
EXPORT_WIDTH, EXPORT_HEIGHT = 1600, 900
FORMATS = ("png", "svg")


def chromium_path() -> str:
    for candidate in (os.environ.get("BORDERLINKS_CHROMIUM"), os.environ.get("BROWSER_PATH"),
                      "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and Path(candidate).is_file():
            return candidate
    raise RuntimeError("Chromium is needed for image and PDF exports: apt-get install chromium "
                       "(or set BORDERLINKS_CHROMIUM to its path)")


def plotlyjs_path() -> Path:
    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def page_generator():
    """Kaleido's page with local scripts only: the installed plotly.js, no MathJax (kaleido's default is a CDN)."""
    return kaleido.PageGenerator(plotly=str(plotlyjs_path()), mathjax=False)


# ---- the figure as the browser must see it: every layer inline ---------------------------------------------

def _layer_bytes(url: str) -> bytes | None:
    """The GeoJSON a page would load from one of our layer URLs, read directly (no HTTP)."""
    parsed = urlparse(url)
    path, query = parsed.path, parse_qs(parsed.query)
    if "/api/v1/layers/" not in path:
        return None
    name = path.rsplit("/", 1)[-1].removesuffix(".geojson")
    if name == "border_strip":
        return strip_geojson_bytes(None, int(query.get("km", ["50"])[0]), query.get("by", ["country"])[0])
    return layer_geojson_bytes(None, query.get("pov", ["default"])[0], name)


def inline_layers(figure: dict) -> dict:
    """A copy of `figure` whose traces carry their GeoJSON instead of a URL to it (the renderer has no server
    to ask). A URL that is not one of ours is dropped (an empty layer), never fetched."""
    figure = copy.copy(figure)
    data = []
    cache: dict[str, object] = {}
    for trace in figure.get("data", []):
        geojson = trace.get("geojson") if isinstance(trace, dict) else None
        if isinstance(geojson, str):
            trace = dict(trace)
            if geojson not in cache:
                body = _layer_bytes(geojson)
                cache[geojson] = json.loads(body) if body else {"type": "FeatureCollection", "features": []}
            trace["geojson"] = cache[geojson]
        data.append(trace)
    figure["data"] = data
    return figure


# ---- the renderer: a Kaleido in a thread with its own event loop ------------------------------------------------

class Renderer:
    """One headless Chromium (through Kaleido), started on first use, used by one render at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()       # one render at a time in this process
        self._start_lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None

    def _ensure_started(self):
        with self._start_lock:
            if self._kaleido is not None:
                return
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="kaleido", daemon=True).start()
            self._loop = loop
            self._kaleido = asyncio.run_coroutine_threadsafe(self._open(), loop).result(RENDER_TIMEOUT)

    async def _open(self):
        logistro.betterConfig(level=logging.WARNING)
        k = kaleido.Kaleido(n=1, timeout=RENDER_TIMEOUT, path=chromium_path(), page_generator=page_generator(),
                            proxy_server=DEAD_PROXY)
        await k.open()
        return k

    def _run(self, coroutine_of):
        """Run `coroutine_of(kaleido)` on the renderer's loop; restart the browser once if it died."""
        with self._lock:
            for attempt in (1, 2):
                self._ensure_started()
                try:
                    return asyncio.run_coroutine_threadsafe(coroutine_of(self._kaleido), self._loop
                                                            ).result(RENDER_TIMEOUT + 10)
                except Exception:
                    if attempt == 2:
                        raise
                    log.exception("the export browser failed; restarting it")
                    self.close()

    def image(self, figure: dict, fmt: str, width: int = EXPORT_WIDTH, height: int = EXPORT_HEIGHT,
              scale: float = 1) -> bytes:
        if fmt not in (*FORMATS, "pdf"):
            raise ValueError(f"format must be one of {FORMATS}")
        spec = inline_layers(figure)
        opts = {"format": fmt, "width": width, "height": height, "scale": scale}
        topojson = TOPOJSON_DIR.as_uri() + "/"
        return self._run(lambda k: k.calc_fig(spec, opts=opts, topojson=topojson))

    def pdf(self, html_file: Path) -> bytes:
        """`html_file` printed to PDF by the same Chromium (its CSS @page gives the paper size)."""
        async def print_pdf(k):
            tab = await k.create_tab("")
            try:
                loaded = tab.subscribe_once("Page.loadEventFired")
                await tab.send_command("Page.enable")
                await tab.send_command("Page.navigate", params={"url": html_file.resolve().as_uri()})
                await asyncio.wait_for(loaded, RENDER_TIMEOUT)
                answer = await tab.send_command("Page.printToPDF", params={
                    "printBackground": True, "preferCSSPageSize": True, "landscape": True,
                    "paperWidth": 11.69, "paperHeight": 8.27, "marginTop": 0, "marginBottom": 0,
                    "marginLeft": 0, "marginRight": 0, "displayHeaderFooter": False})
                if "error" in answer:
                    raise RuntimeError(f"Chromium could not print the brief: {answer['error']}")
                return base64.b64decode(answer["result"]["data"])
            finally:
                await k.close_tab(tab.target_id)
        return self._run(print_pdf)

    def close(self) -> None:
        kaleido_, loop = self._kaleido, self._loop
        self._kaleido = self._loop = None
        if kaleido_ is not None and loop is not None:
            try:
                asyncio.run_coroutine_threadsafe(kaleido_.close(), loop).result(20)
            except Exception:
                log.warning("the export browser did not close cleanly", exc_info=True)
            loop.call_soon_threadsafe(loop.stop)


_renderer = Renderer()
atexit.register(_renderer.close)


def renderer() -> Renderer:
    return _renderer
