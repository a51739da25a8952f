"""Exports: charts and maps as PNG / SVG (figure_export), PDF briefs as background jobs (brief, jobs), the
source line and attribution (sources). Rendering is Debian's Chromium through kaleido, offline (render)."""
