"""Write the store's tables atomically: a temporary database replaces the old one only when complete."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from dashboard.store.schema import build_info, metadata

CHUNK = 5000


def records(table, frame: pd.DataFrame) -> list[dict]:
    """Rows of `frame` for `table`: only its columns, geometries as WKB, missing values as None."""
    columns = [column.name for column in table.columns if column.name in frame.columns]
    out = pd.DataFrame({name: np.asarray(frame[name], dtype=object) for name in columns})
    if "geometry" in out:
        out["geometry"] = shapely.to_wkb(out["geometry"].to_numpy(), include_srid=False)
    out = out.astype(object).where(out.notna(), None)
    return out.to_dict("records")


def insert_all(connection, tables: dict[str, pd.DataFrame], summary: dict) -> None:
    for table in metadata.sorted_tables:
        if table is build_info:
            continue
        rows = records(table, tables[table.name])
        for start in range(0, len(rows), CHUNK):
            connection.execute(table.insert(), rows[start:start + CHUNK])
    info = dict(summary, built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
    connection.execute(build_info.insert(), [{"key": key, "value": json.dumps(value, ensure_ascii=False)}
                                             for key, value in info.items()])


def write_tables(url: str, tables: dict[str, pd.DataFrame], summary: dict) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        write_sqlite(Path(parsed.database), tables, summary)
        return
    engine = create_engine(url)
    try:
        with engine.begin() as connection:  # transactional DDL: all or nothing
            metadata.drop_all(connection)
            metadata.create_all(connection)
            insert_all(connection, tables, summary)
    finally:
        engine.dispose()


def write_sqlite(path: Path, tables: dict[str, pd.DataFrame], summary: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    temporary.unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{temporary}")
    try:
        with engine.begin() as connection:
            metadata.create_all(connection)
            insert_all(connection, tables, summary)
    except BaseException:
        engine.dispose()
        temporary.unlink(missing_ok=True)
        raise
    engine.dispose()
    os.replace(temporary, path)
