"""Direct SQL on the built store, for tests that check what a page shows against the store itself."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import text


def sql(engine, query: str, **params) -> pd.DataFrame:
    with engine.connect() as connection:
        return pd.read_sql_query(text(query), connection, params=params)
