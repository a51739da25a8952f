"""Borderlinks: twin cities, border regions and cross-border cooperation in Eurasia.

Importing this package imports no Dash: the store and its CLI work without a browser.
"""
