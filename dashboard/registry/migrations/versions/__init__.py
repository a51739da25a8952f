"""The registry's migrations, one file each, oldest first by revision number (see ../README in the package docstring)."""
