"""Vendor plotly.js's base-map topojson into dashboard/assets/topojson/ so geo maps work offline.

plotly's `scattergeo` and `choropleth` traces fetch their base map (coastlines, land, lakes, ...) from
`<config.topojsonURL><scope>_<resolution>.json`, by default on a CDN. The same files ship inside the npm
package `plotly.js` as `dist/plotly-geo-assets.js`. This script downloads that package at the version
bundled with the installed `plotly` (python), evaluates the bundle with node and writes one JSON file per
scope (world_50m.json, europe_110m.json, ...) plus a manifest.json naming the plotly.js version.

Usage (needs `npm` and `node` and access to the npm registry):

    .venv/bin/python scripts/vendor_topojson.py [--version X.Y.Z] [--out dashboard/assets/topojson]

The written files are committed; run this again after upgrading plotly.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "dashboard" / "assets" / "topojson"
BUNDLE_MEMBER = "package/dist/plotly-geo-assets.js"

# The bundle is UMD: under node it exports {topojson, version}, but its last line assigns window.Plotly.
NODE_DUMP = """
global.window = {};
const assets = require(process.argv[1]);
process.stdout.write(JSON.stringify({version: assets.version, topojson: assets.topojson}));
"""


def bundled_plotlyjs_version() -> str:
    """The plotly.js version that the installed plotly (python) ships."""
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version()


def fetch_geo_assets_bundle(version: str, workdir: Path) -> Path:
    """`npm pack plotly.js@version` into workdir and extract dist/plotly-geo-assets.js from it."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is not installed: install Node.js (e.g. `apt-get install npm`) and try again.")
    result = subprocess.run([npm, "pack", f"plotly.js@{version}", "--silent"], cwd=workdir,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"npm pack plotly.js@{version} failed:\n{result.stderr.strip()}")
    tarball = workdir / result.stdout.strip().splitlines()[-1]
    with tarfile.open(tarball, "r:gz") as archive:
        member = archive.getmember(BUNDLE_MEMBER)
        archive.extractall(workdir, members=[member], filter="data")
    return workdir / BUNDLE_MEMBER


def read_topojson(bundle: Path) -> tuple[str, dict[str, dict]]:
    """Evaluate the bundle with node; return (plotly.js version, {scope name: topology})."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        sys.exit("node is not installed: install Node.js and try again.")
    result = subprocess.run([node, "-e", NODE_DUMP, str(bundle.resolve())],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"could not evaluate {bundle.name}:\n{result.stderr.strip()}")
    payload = json.loads(result.stdout)
    return payload["version"], payload["topojson"]


def write_topojson(version: str, topologies: dict[str, dict], out: Path) -> list[Path]:
    """Write one compact <name>.json per topology and a manifest.json; remove stale scope files."""
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.json"):
        stale.unlink()
    written = []
    for name, topology in sorted(topologies.items()):
        if topology.get("type") != "Topology":
            sys.exit(f"{name} is not a topojson Topology; the bundle's layout has changed.")
        path = out / f"{name}.json"
        path.write_text(json.dumps(topology, separators=(",", ":")), encoding="utf-8")
        written.append(path)
    manifest = {"plotly.js": version, "source": f"npm plotly.js@{version} dist/plotly-geo-assets.js",
                "files": [p.name for p in written]}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", help="plotly.js version (default: the one plotly python bundles)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    version = args.version or bundled_plotlyjs_version()
    with tempfile.TemporaryDirectory(prefix="plotlyjs-") as tmp:
        bundle = fetch_geo_assets_bundle(version, Path(tmp))
        bundle_version, topologies = read_topojson(bundle)
    if bundle_version != version:
        sys.exit(f"asked for plotly.js {version} but the bundle says {bundle_version}")
    written = write_topojson(version, topologies, args.out)
    size = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} topojson files ({size / 1e6:.1f} MB) for plotly.js {version} to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
