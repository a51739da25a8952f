"""The store and its analytics: schema, build from public data, queries. No Dash imports."""
