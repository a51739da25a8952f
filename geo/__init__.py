"""Pure geometry and spatial input/output for Borderlinks (no Dash imports)."""
