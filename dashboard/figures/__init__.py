"""Pure figure builders: (frame, state, language) -> plotly Figure. No Dash, no I/O."""
