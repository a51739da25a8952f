"""Reusable pieces of the UI shell: header, filter panel, footer, translated text, graph config."""
