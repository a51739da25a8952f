"""Build and vendor the partial plotly.js bundle the app's pages load: only the trace types they draw.

The full plotly.min.js (4.8 MB) carries 50 trace types, MapLibre and WebGL; the pages draw five types:
scattergeo and choropleth (every map), scatter, bar and heatmap (the network page, profiles, activities,
monitoring). plotly's own geo partial bundle (`plotly.js-geo-dist-min`, 1.4 MB) has no bar or heatmap, so
this script builds plotly.js's partial bundle with those two added (~1.5 MB, ~430 kB brotli), in the way
plotly.js's CUSTOM_BUNDLE.md describes, from the npm package `plotly.js` at the version the installed
plotly (python) bundles:

    npm pack plotly.js@<version>; npm install (its runtime dependencies) and esbuild;
    an entry like the package's lib/index-geo.js that registers TRACES; esbuild (iife, global Plotly).

Output: dashboard/assets/vendor/plotly-partial.min.js (its first line names the version and the traces;
tests/test_plotly_bundle.py checks that the version equals plotly.offline.get_plotlyjs_version() and that
every trace type the figures make is in TRACES) and LICENSE-plotly.js.txt beside it (MIT).

Usage (needs node >= 20, npm and the npm registry; a few minutes):

    .venv/bin/python scripts/vendor_plotly_bundle.py [--version X.Y.Z] [--keep DIR]

The written files are committed; run this again after upgrading plotly.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from plotly.offline import get_plotlyjs_version

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "dashboard" / "assets" / "vendor"
BUNDLE_NAME = "plotly-partial.min.js"
LICENSE_NAME = "LICENSE-plotly.js.txt"
#: plotly.js trace modules (lib/<name>.js) the pages use; scatter is always in (plotly.js's core needs it)
TRACES = ("scattergeo", "choropleth", "scatter", "bar", "heatmap")
BUILD_DEPENDENCIES = ("esbuild@0.28", "esbuild-plugin-inline-css", "esbuild-plugin-environment",
                      "stream-browserify")

ENTRY = """'use strict';
var Plotly = require('./core');
Plotly.register([
%s
    require('./calendars'),
]);
module.exports = Plotly;
"""

# plotly.js's own esbuild settings (esbuild-config.js) for a minified dist bundle, without the glsl plugin
# (none of TRACES is a WebGL trace)
BUILD = """
const esbuild = require('esbuild');
const InlineCSSPlugin = require('esbuild-plugin-inline-css');
const { environmentPlugin } = require('esbuild-plugin-environment');
esbuild.build({
    entryPoints: ['./lib/index-borderlinks.js'], outfile: process.argv[2],
    format: 'iife', globalName: 'Plotly', bundle: true, minify: true, sourcemap: false, legalComments: 'none',
    plugins: [InlineCSSPlugin(), environmentPlugin({ NODE_DEBUG: false })],
    alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
    define: { global: 'window', 'define.amd': 'false' },
    target: 'es2016', logLevel: 'warning',
    banner: { js: process.argv[3] },
    footer: { js: 'window.Plotly = Plotly;' },
}).catch(() => process.exit(1));
"""


def bundled_plotlyjs_version() -> str:
    """The plotly.js version that the installed plotly (python) ships."""
    return get_plotlyjs_version()


def banner(version: str) -> str:
    return f"/* plotly.js (partial: {', '.join(TRACES)}) v{version} - Copyright Plotly, Inc. - MIT licence */"


def run(command: list[str], cwd: Path) -> None:
    print("$", " ".join(command), file=sys.stderr)
    subprocess.run(command, cwd=cwd, check=True)


#: plotly.js defaults that point at remote hosts, and their offline replacements: the app serves the topojson
#: itself (assets/topojson/, also passed as `topojsonURL` to every graph) and never sends charts to a cloud
OFFLINE_DEFAULTS = {
    'dflt:"https://cdn.plot.ly/un/"': 'dflt:"/assets/topojson/"',
    'dflt:"https://cloud.plotly.com/newchart"': 'dflt:""',
}


def offline(bundle: str) -> str:
    """The bundle with every remote default replaced; refuses a bundle where one is not found (a new plotly.js
    that moved it must be looked at, not shipped pointing at the internet)."""
    for remote, local in OFFLINE_DEFAULTS.items():
        if remote not in bundle:
            raise SystemExit(f"plotly.js bundle: default {remote} not found; check the new version's defaults")
        bundle = bundle.replace(remote, local)
    return bundle


def build(version: str, work: Path) -> None:
    run(["npm", "pack", f"plotly.js@{version}", "--silent"], work)
    with tarfile.open(work / f"plotly.js-{version}.tgz") as archive:
        archive.extractall(work, filter="data")
    package = work / "package"
    run(["npm", "install", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund"], package)
    run(["npm", "install", "--no-save", "--ignore-scripts", "--no-audit", "--no-fund", *BUILD_DEPENDENCIES],
        package)
    registered = "\n".join(f"    require('./{trace}')," for trace in TRACES if trace != "scatter")
    (package / "lib" / "index-borderlinks.js").write_text(ENTRY % registered)
    (package / "build-borderlinks.js").write_text(BUILD)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    run(["node", "build-borderlinks.js", str(OUT_DIR / BUNDLE_NAME), banner(version)], package)
    bundle = OUT_DIR / BUNDLE_NAME
    bundle.write_text(offline(bundle.read_text()))
    (OUT_DIR / LICENSE_NAME).write_text((package / "LICENSE").read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=None, help="plotly.js version (default: the installed plotly's)")
    parser.add_argument("--keep", type=Path, default=None, help="build in DIR and keep it (default: a temp dir)")
    args = parser.parse_args()
    version = args.version or bundled_plotlyjs_version()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        build(version, args.keep)
    else:
        with tempfile.TemporaryDirectory() as work:
            build(version, Path(work))
    size = (OUT_DIR / BUNDLE_NAME).stat().st_size
    print(f"wrote {OUT_DIR / BUNDLE_NAME} ({size / 1e6:.2f} MB, plotly.js {version})")


if __name__ == "__main__":
    main()
