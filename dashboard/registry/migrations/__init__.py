"""The registry's schema migrations (Alembic): env.py and script.py.mako for Alembic, versions/ one file per
migration (0001 is the baseline: the schema as it was before migrations), upgrading.py applies them.

Add one after changing dashboard/registry/schema.py: `python -m dashboard registry revision -m "what"`
writes versions/NNNN_what.py by comparing the schema with a registry at head; read it, then give it a test.
"""
