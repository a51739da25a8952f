"""The pages, one module each, registered with Dash Pages (imported by Dash, not by this package)."""
