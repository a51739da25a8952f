"""Accounts of the secretariat: names, hashed passwords (werkzeug.security, scrypt) and roles.

    viewer  signs in, sees the import log and the audit trail; writes nothing
    editor  imports, enters and corrects activities and twinning records
    admin   what an editor does (accounts are managed with `python -m dashboard users ...`)

Anonymous visitors see every public page and write nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import insert, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from dashboard.registry.records import now, write_audit
from dashboard.registry.schema import registry_users
from dashboard.registry.vocabulary import ROLES, WRITE_ROLES

MIN_PASSWORD_LENGTH = 10
_NAME = re.compile(r"[A-Za-z0-9._@-]{2,64}")
# a hash to check against when the name is unknown, so both cases take the same time
_DUMMY_HASH = generate_password_hash("borderlinks-no-such-user")


class UserError(ValueError):
    """A bad name, role or password, or a name that exists already."""


@dataclass(frozen=True)
class User:
    name: str
    role: str

    @property
    def can_write(self) -> bool:
        return self.role in WRITE_ROLES


def check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise UserError(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")


def add_user(engine, name: str, password: str, role: str, *, created_by: str = "cli") -> User:
    if not _NAME.fullmatch(name or ""):
        raise UserError("a user name has 2-64 letters, digits or . _ @ -")
    if role not in ROLES:
        raise UserError(f"the role must be one of {', '.join(ROLES)}")
    check_password(password)
    with engine.begin() as connection:
        if connection.execute(select(registry_users.c.user_id).where(registry_users.c.name == name)).first():
            raise UserError(f"a user called {name!r} exists already")
        connection.execute(insert(registry_users).values(
            name=name, password_hash=generate_password_hash(password), role=role, active=True,
            created_at=now(), created_by=created_by))
        write_audit(connection, user=created_by, action="insert", entity="user", entity_key=name,
                    new={"name": name, "role": role})
    return User(name, role)


def set_password(engine, name: str, password: str, *, changed_by: str = "cli") -> None:
    check_password(password)
    with engine.begin() as connection:
        done = connection.execute(update(registry_users).where(registry_users.c.name == name)
                                  .values(password_hash=generate_password_hash(password)))
        if not done.rowcount:
            raise UserError(f"no user called {name!r}")
        write_audit(connection, user=changed_by, action="update", entity="user", entity_key=name,
                    old={"password": "(previous)"}, new={"password": "(changed)"})


def set_role(engine, name: str, role: str | None = None, active: bool | None = None, *,
             changed_by: str = "cli") -> None:
    if role is not None and role not in ROLES:
        raise UserError(f"the role must be one of {', '.join(ROLES)}")
    with engine.begin() as connection:
        row = connection.execute(select(registry_users).where(registry_users.c.name == name)).mappings().first()
        if row is None:
            raise UserError(f"no user called {name!r}")
        new = {"role": role if role is not None else row["role"],
               "active": active if active is not None else row["active"]}
        connection.execute(update(registry_users).where(registry_users.c.name == name).values(**new))
        write_audit(connection, user=changed_by, action="update", entity="user", entity_key=name,
                    old={"role": row["role"], "active": bool(row["active"])}, new=new)


def authenticate(engine, name: str, password: str) -> User | None:
    """The user if the name and password match an active account, else None."""
    with engine.connect() as connection:
        row = connection.execute(select(registry_users).where(registry_users.c.name == (name or ""))) \
            .mappings().first()
    if row is None:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    if not check_password_hash(row["password_hash"], password or "") or not row["active"]:
        return None
    return User(row["name"], row["role"])


def get_user(engine, name: str) -> User | None:
    """The active account called `name` (None if there is none, or it was disabled)."""
    with engine.connect() as connection:
        row = connection.execute(select(registry_users.c.name, registry_users.c.role, registry_users.c.active)
                                 .where(registry_users.c.name == name)).first()
    return User(row[0], row[1]) if row is not None and row[2] else None


def list_users(engine) -> list[dict]:
    with engine.connect() as connection:
        rows = connection.execute(select(registry_users.c.name, registry_users.c.role, registry_users.c.active,
                                         registry_users.c.created_at).order_by(registry_users.c.name))
        return [dict(row._mapping) for row in rows]
