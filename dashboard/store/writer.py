"""Write the store's tables atomically: a temporary database replaces the old one only when complete.

SQLite: a temporary file next to the store, renamed over it (os.replace) when complete. Other databases
(PostgreSQL): drop, create and fill the tables in one transaction, with COPY on psycopg 3."""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from sqlalchemy import Boolean, Integer, LargeBinary, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.schema import AddConstraint, CreateIndex, CreateTable

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
    copy = connection.dialect.name == "postgresql" and connection.dialect.driver == "psycopg"
    for table in metadata.sorted_tables:
        if table is build_info:
            continue
        if copy:
            copy_rows(connection, table, tables[table.name])
            continue
        rows = records(table, tables[table.name])
        for start in range(0, len(rows), CHUNK):
            connection.execute(table.insert(), rows[start:start + CHUNK])
    info = dict(summary, built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
    connection.execute(build_info.insert(), [{"key": key, "value": json.dumps(value, ensure_ascii=False)}
                                             for key, value in info.items()])


def copy_rows(connection, table, frame: pd.DataFrame) -> None:
    """PostgreSQL's COPY (CSV) through psycopg 3, in the connection's transaction: pandas writes the CSV
    in C, so a million rows take seconds where INSERTs take a minute."""
    names = [column.name for column in table.columns if column.name in frame.columns]
    if frame.empty or not names:
        return
    out = pd.DataFrame(index=range(len(frame)))
    for column in table.columns:
        if column.name not in names:
            continue
        values = frame[column.name].reset_index(drop=True)
        if isinstance(column.type, LargeBinary):
            wkb = shapely.to_wkb(values.to_numpy(), include_srid=False) if column.name == "geometry" else values
            values = pd.Series([None if b is None else "\\x" + bytes(b).hex() for b in wkb], dtype=object)
        elif isinstance(column.type, Boolean):
            flags = np.where(values.fillna(False).astype(bool), "t", "f").astype(object)
            flags[values.isna().to_numpy()] = None  # unknown stays NULL
            values = pd.Series(flags, dtype=object)
        elif isinstance(column.type, Integer) and not pd.api.types.is_integer_dtype(values.dtype):
            values = values.astype("Int64")  # floats with NaN or objects with None: no "1.0"
        out[column.name] = values
    text = out.to_csv(header=False, index=False, na_rep="\\N", lineterminator="\n")
    quoted = ", ".join(f'"{name}"' for name in names)
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        with cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN WITH (FORMAT csv, NULL \'\\N\')') as stream:
            stream.write(text.encode("utf-8"))
    finally:
        cursor.close()


def write_tables(url: str, tables: dict[str, pd.DataFrame], summary: dict) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise ValueError(f"the store needs a file: {url} names none")
        write_sqlite(Path(parsed.database), tables, summary)
        return
    engine = create_engine(url)
    try:
        with engine.begin() as connection:  # transactional DDL: all or nothing
            metadata.drop_all(connection)
            if connection.dialect.name == "postgresql":
                # bulk-load order: tables, rows, then indexes and foreign keys (each checked in one
                # pass, where per-row checks of a million rows take tens of seconds)
                for table in metadata.sorted_tables:
                    connection.execute(CreateTable(table, include_foreign_key_constraints=[]))
                insert_all(connection, tables, summary)
                for table in metadata.sorted_tables:
                    for index in table.indexes:
                        connection.execute(CreateIndex(index))
                    for constraint in table.foreign_key_constraints:
                        connection.execute(AddConstraint(constraint))
            else:
                metadata.create_all(connection)
                insert_all(connection, tables, summary)
    finally:
        engine.dispose()


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Delete the temporary files of builds that died before finishing (killed, power cut): those whose
    process is gone. Returns what was removed."""
    removed = []
    for temporary in sorted(path.parent.glob(f"{path.name}.tmp-*")):
        match = re.fullmatch(r"\.tmp-(\d+)(-journal|-wal|-shm)?", temporary.name[len(path.name):])
        if not match:
            continue
        try:
            os.kill(int(match.group(1)), 0)
        except ProcessLookupError:
            temporary.unlink(missing_ok=True)
            removed.append(temporary)
        except PermissionError:  # alive, another user's
            pass
    return removed


def write_sqlite(path: Path, tables: dict[str, pd.DataFrame], summary: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
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
