"""Action plans and plan-vs-fact.

A plan (title, adopted by, date, source document) holds items: text, sector, responsible organisations,
places or countries, a due date or period, an indicator with a target. Activities linked to an item
are its facts. Each item's state, as of a day:

    done         its held linked activities reach the target (1 when no target is given)
    overdue      not done and its due date has passed
    in_progress  not done, not overdue, with at least one linked activity (held or planned)
    not_started  none of the above

Writes take an open connection inside the caller's transaction and are audited; the frames and the
states are pure pandas.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
from sqlalchemy import delete, func, insert, select, update

from dashboard.registry.records import NotFound, now, write_audit
from dashboard.registry.schema import action_plans, activities, plan_item_activities, plan_items
from dashboard.registry.sectors import SECTORS

ITEM_STATES: tuple[str, ...] = ("done", "in_progress", "overdue", "not_started")
PLAN_COLUMNS = ["plan_id", "title", "adopted_by", "adopted_on", "countries", "source_url", "source_document",
                "notes"]
ITEM_COLUMNS = ["item_id", "plan_id", "position", "text", "sector", "responsible", "places", "countries",
                "due_from", "due_to", "indicator", "target"]


def _joined(values) -> str | None:
    return ";".join(str(v) for v in values) or None


@dataclass(frozen=True)
class Plan:
    title: str
    countries: tuple[str, ...]
    adopted_by: str | None = None
    adopted_on: dt.date | None = None
    source_url: str | None = None
    source_document: str | None = None
    notes: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "countries", tuple(sorted({c.strip().upper() for c in self.countries if c})))
        if not self.title.strip():
            raise ValueError("a plan needs a title")

    def columns(self) -> dict:
        return {**asdict(self), "countries": ";".join(self.countries)}


@dataclass(frozen=True)
class PlanItem:
    text: str
    sector: str | None = None
    responsible: str | None = None
    places: tuple[int, ...] = ()
    countries: tuple[str, ...] = ()
    due_from: dt.date | None = None
    due_to: dt.date | None = None
    indicator: str | None = None
    target: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "places", tuple(sorted({int(p) for p in self.places})))
        object.__setattr__(self, "countries", tuple(sorted({c.strip().upper() for c in self.countries if c})))
        if not self.text.strip():
            raise ValueError("an item needs a text")
        if self.sector is not None and self.sector not in SECTORS:
            raise ValueError(f"unknown sector {self.sector!r}")
        if self.due_from and self.due_to and self.due_to < self.due_from:
            raise ValueError("an item cannot be due before its period starts")
        if self.target is not None and int(self.target) < 1:
            raise ValueError("a target is a positive number of held activities")

    def columns(self) -> dict:
        return {**asdict(self), "places": _joined(self.places), "countries": _joined(self.countries)}

    def as_record(self) -> dict:
        record = asdict(self)
        record.update(places=list(self.places), countries=list(self.countries),
                      due_from=self.due_from and self.due_from.isoformat(),
                      due_to=self.due_to and self.due_to.isoformat())
        return record


# ---- writes -------------------------------------------------------------------------------------------

def create_plan(connection, plan: Plan, items: list[PlanItem], user: str, *, at: dt.datetime | None = None) -> int:
    """A new plan with its items in order; returns the plan's id."""
    at = at or now()
    plan_id = int(connection.execute(insert(action_plans).values(**plan.columns(), created_at=at, created_by=user))
                  .inserted_primary_key[0])
    write_audit(connection, user=user, action="insert", entity="action_plan", entity_key=str(plan_id),
                new={**plan.columns(), "items": len(items)}, at=at)
    for position, item in enumerate(items, start=1):
        add_item(connection, plan_id, item, user, position=position, at=at)
    return plan_id


def add_item(connection, plan_id: int, item: PlanItem, user: str, *, position: int | None = None,
             at: dt.datetime | None = None) -> int:
    at = at or now()
    if position is None:
        position = int(connection.execute(select(func.coalesce(func.max(plan_items.c.position), 0))
                                          .where(plan_items.c.plan_id == plan_id)).scalar()) + 1
    item_id = int(connection.execute(insert(plan_items).values(
        plan_id=plan_id, position=position, **item.columns(), withdrawn=False, created_at=at, created_by=user))
        .inserted_primary_key[0])
    write_audit(connection, user=user, action="insert", entity="plan_item", entity_key=str(item_id),
                new=item.as_record(), at=at)
    return item_id


def read_item(connection, item_id: int) -> PlanItem:
    row = connection.execute(select(plan_items).where(plan_items.c.item_id == item_id)).mappings().first()
    if row is None:
        raise NotFound(item_id)
    return PlanItem(text=row["text"], sector=row["sector"], responsible=row["responsible"],
                    places=tuple(int(p) for p in (row["places"] or "").split(";") if p),
                    countries=tuple(c for c in (row["countries"] or "").split(";") if c),
                    due_from=row["due_from"], due_to=row["due_to"], indicator=row["indicator"],
                    target=row["target"])


def update_item(connection, item_id: int, item: PlanItem, user: str, *, at: dt.datetime | None = None) -> bool:
    """Replace an item's values; False when nothing changed."""
    at = at or now()
    old = read_item(connection, item_id)
    if old == item:
        return False
    connection.execute(update(plan_items).where(plan_items.c.item_id == item_id)
                       .values(**item.columns(), updated_at=at, updated_by=user))
    write_audit(connection, user=user, action="update", entity="plan_item", entity_key=str(item_id),
                old=old.as_record(), new=item.as_record(), at=at)
    return True


def link_activity(connection, item_id: int, activity_id: int, user: str, *, at: dt.datetime | None = None) -> bool:
    """Make an activity a fact of an item; False when it already was."""
    at = at or now()
    read_item(connection, item_id)
    found = connection.execute(select(activities.c.activity_id).where(activities.c.activity_id == activity_id))
    if found.first() is None:
        raise NotFound(activity_id)
    known = connection.execute(select(plan_item_activities.c.item_id).where(
        (plan_item_activities.c.item_id == item_id) & (plan_item_activities.c.activity_id == activity_id))).first()
    if known:
        return False
    connection.execute(insert(plan_item_activities).values(item_id=item_id, activity_id=activity_id, linked_at=at,
                                                           linked_by=user))
    write_audit(connection, user=user, action="insert", entity="plan_link", entity_key=f"{item_id}-{activity_id}",
                new={"item_id": item_id, "activity_id": activity_id}, at=at)
    return True


def unlink_activity(connection, item_id: int, activity_id: int, user: str, *, at: dt.datetime | None = None) -> bool:
    at = at or now()
    done = connection.execute(delete(plan_item_activities).where(
        (plan_item_activities.c.item_id == item_id) & (plan_item_activities.c.activity_id == activity_id)))
    if done.rowcount:
        write_audit(connection, user=user, action="withdraw", entity="plan_link",
                    entity_key=f"{item_id}-{activity_id}", old={"item_id": item_id, "activity_id": activity_id},
                    at=at)
    return bool(done.rowcount)


def items_of_activity(connection, activity_id: int) -> list[int]:
    """The plan items an activity is a fact of."""
    return sorted(int(i) for i in connection.execute(select(plan_item_activities.c.item_id).where(
        plan_item_activities.c.activity_id == activity_id)).scalars())


def set_activity_items(connection, activity_id: int, item_ids, user: str, *, at: dt.datetime | None = None) -> bool:
    """Make the activity a fact of exactly these items (the activity form's choice); True when that changed."""
    wanted = {int(i) for i in item_ids}
    current = set(items_of_activity(connection, activity_id))
    for item_id in sorted(current - wanted):
        unlink_activity(connection, item_id, activity_id, user, at=at)
    for item_id in sorted(wanted - current):
        link_activity(connection, item_id, activity_id, user, at=at)
    return wanted != current


def item_options(engine) -> list[dict]:
    """[{label: 'plan title · n. item text', value: item_id}] of every item, for the activity form."""
    with engine.connect() as connection:
        rows = connection.execute(select(plan_items.c.item_id, plan_items.c.position, plan_items.c.text,
                                         action_plans.c.title).join(action_plans, action_plans.c.plan_id ==
                                                                    plan_items.c.plan_id)
                                  .where(plan_items.c.withdrawn.is_(False))
                                  .order_by(action_plans.c.plan_id, plan_items.c.position)).all()
    return [{"label": f"{title} · {position}. {text}", "value": int(item_id)}
            for item_id, position, text, title in rows]


# ---- reading ------------------------------------------------------------------------------------------

def _codes(text: object) -> tuple[str, ...]:
    return tuple(filter(None, text.split(";"))) if isinstance(text, str) else ()


@dataclass(frozen=True)
class PlanFrames:
    plans: pd.DataFrame   # PLAN_COLUMNS; countries as tuples
    items: pd.DataFrame   # ITEM_COLUMNS (not withdrawn); countries as tuples, due dates as datetime64
    links: pd.DataFrame   # item_id, activity_id


def read_plans(engine) -> PlanFrames:
    with engine.connect() as connection:
        plans = pd.read_sql_query(select(*(action_plans.c[c] for c in PLAN_COLUMNS))
                                  .order_by(action_plans.c.plan_id), connection)
        items = pd.read_sql_query(select(*(plan_items.c[c] for c in ITEM_COLUMNS))
                                  .where(plan_items.c.withdrawn.is_(False))
                                  .order_by(plan_items.c.plan_id, plan_items.c.position), connection)
        links = pd.read_sql_query(select(plan_item_activities.c.item_id, plan_item_activities.c.activity_id),
                                  connection)
    plans["countries"] = [_codes(c) for c in plans["countries"]]
    items["countries"] = [_codes(c) for c in items["countries"]]
    for column in ("due_from", "due_to"):
        items[column] = pd.to_datetime(items[column]).astype("datetime64[ns]")
    items["target"] = items["target"].astype("Int64")
    return PlanFrames(plans, items, links.astype("int64"))


def plans_of(frames: PlanFrames, countries: tuple[str, ...]) -> PlanFrames:
    """The plans whose countries include all the chosen ones (every plan when none are chosen)."""
    wanted = set(countries)
    mask = np.array([wanted <= set(c) for c in frames.plans["countries"]], dtype=bool)
    keep = frames.plans[mask] if wanted else frames.plans
    items = frames.items[frames.items["plan_id"].isin(keep["plan_id"])]
    links = frames.links[frames.links["item_id"].isin(items["item_id"])]
    return PlanFrames(keep.reset_index(drop=True), items.reset_index(drop=True), links.reset_index(drop=True))


def item_states(items: pd.DataFrame, links: pd.DataFrame, acts: pd.DataFrame, as_of: dt.date | None = None
                ) -> pd.DataFrame:
    """`items` with held, planned (linked activities by status, held ones started by as_of) and state."""
    stamp = pd.Timestamp(as_of or dt.date.today())
    facts = links.merge(acts[["activity_id", "status", "start_date"]], on="activity_id", how="inner")
    held = facts[facts["status"].eq("held") & (facts["start_date"] <= stamp)].groupby("item_id").size()
    planned = facts[facts["status"].eq("planned")].groupby("item_id").size()
    table = items.copy()
    table["held"] = table["item_id"].map(held).fillna(0).astype("int64")
    table["planned"] = table["item_id"].map(planned).fillna(0).astype("int64")
    target = table["target"].astype("Float64").fillna(1).to_numpy(dtype=float)
    done = table["held"].to_numpy() >= target
    overdue = ~done & (table["due_to"] < stamp).fillna(False).to_numpy(dtype=bool)
    started = (table["held"] + table["planned"]).to_numpy() > 0
    table["state"] = np.select([done, overdue, started], ["done", "overdue", "in_progress"], "not_started")
    return table


def progress_by(states: pd.DataFrame, key: str) -> pd.DataFrame:
    """Items per state for each value of `key` (e.g. sector; '' for none), with done share; ordered."""
    frame = states.assign(**{key: states[key].fillna("")})
    counts = pd.crosstab(frame[key], frame["state"]).reindex(columns=list(ITEM_STATES), fill_value=0)
    counts["total"] = counts.sum(axis=1)
    counts["done_share"] = (counts["done"] / counts["total"]).round(3)
    return counts.reset_index()
