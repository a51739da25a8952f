"""Partner requests: a municipality (a place id) says it seeks a partner — sectors, preferred countries or
space, distance to the border, population range, languages, organisation and public contact, expiry.

Moderated like practices (dashboard.registry.practices.moderate): an editor submits, an admin publishes,
asks for changes or rejects; audited (entity 'partner_request'). Public lists show published requests that
have not expired; expired ones leave the list and stay in the data.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass

import pandas as pd
from sqlalchemy import insert, select

from dashboard.registry.database import bump_version
from dashboard.registry.gazetteer import Gazetteer, Problem, split_cell
from dashboard.registry.practice_tables import partner_request_sectors, partner_requests
from dashboard.registry.practices import PracticeRejected, moderate
from dashboard.registry.records import now, write_audit
from dashboard.registry.sectors import sectors_of

#: how long a request stays listed at most
MAX_DAYS = 3 * 366
LANGUAGE_CODES = re.compile(r"[a-z]{2}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.\w+")
_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True)
class PartnerRequestValues:
    place_id: int
    description: str
    organisation: str
    contact: str
    expires_on: dt.date
    sectors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    space: str | None = None
    max_border_km: int | None = None
    population_min: int | None = None
    population_max: int | None = None
    languages: tuple[str, ...] = ()

    def as_record(self) -> dict:
        record = asdict(self)
        record.update(expires_on=self.expires_on.isoformat(), sectors=list(self.sectors),
                      countries=list(self.countries), languages=list(self.languages))
        return record


def _int(cells: dict, column: str, problems: list, low: int, high: int) -> int | None:
    value = (cells.get(column) or "").strip().replace(" ", "")
    if not value:
        return None
    if not value.isdigit() or not low <= int(value) <= high:
        problems.append((column, Problem("out_of_range", {"value": value, "low": low, "high": high})))
        return None
    return int(value)


def parse_request(cells: dict[str, str], gazetteer: Gazetteer, spaces: set[str] = frozenset(),
                  today: dt.date | None = None) -> tuple[PartnerRequestValues | None, list]:
    today = today or dt.date.today()
    cells = {key: ("" if value is None else str(value)).strip() for key, value in cells.items()}
    problems: list[tuple[str, Problem]] = []
    place_id, problem = gazetteer.place(cells.get("place", ""))
    if problem:
        problems.append(("place", problem))
    for column in ("description", "organisation", "contact", "expires_on"):
        if not cells.get(column):
            problems.append((column, Problem("missing", {"column": column})))
    contact = cells.get("contact", "")
    if contact and not (_EMAIL.fullmatch(contact) or _URL.fullmatch(contact)):
        problems.append(("contact", Problem("bad_contact", {"value": contact[:80]})))
    sectors, unknown = sectors_of(cells.get("sectors"))
    problems += [("sectors", Problem("unknown_sector", {"value": part})) for part in unknown]
    countries = []
    for token in split_cell(cells.get("countries")):
        iso3, problem = gazetteer.country(token)
        if problem:
            problems.append(("countries", problem))
        else:
            countries.append(iso3)
    space = cells.get("space") or None
    if space and spaces and space not in spaces:
        problems.append(("space", Problem("unknown_space", {"value": space})))
    languages = tuple(sorted({part.lower() for part in split_cell(cells.get("languages"))}))
    problems += [("languages", Problem("unknown_language", {"value": code}))
                 for code in languages if not LANGUAGE_CODES.fullmatch(code)]
    max_border = _int(cells, "max_border_km", problems, 0, 5000)
    low = _int(cells, "population_min", problems, 0, 50_000_000)
    high = _int(cells, "population_max", problems, 0, 50_000_000)
    if low is not None and high is not None and high < low:
        problems.append(("population_max", Problem("out_of_range", {"value": high, "low": low, "high": "∞"})))
    expires = None
    if cells.get("expires_on"):
        try:
            expires = dt.date.fromisoformat(cells["expires_on"])
        except ValueError:
            problems.append(("expires_on", Problem("bad_date", {"value": cells["expires_on"]})))
        else:
            if not today < expires <= today + dt.timedelta(days=MAX_DAYS):
                problems.append(("expires_on", Problem("expiry_out_of_range", {"value": cells["expires_on"]})))
    if problems:
        return None, problems
    return PartnerRequestValues(place_id, cells["description"], cells["organisation"], contact, expires,
                                sectors, tuple(sorted(set(countries))), space, max_border, low, high,
                                languages), []


def submit_request(engine, gazetteer: Gazetteer, cells: dict[str, str], user, spaces: set[str] = frozenset(),
                   today: dt.date | None = None) -> int:
    """A new request (status 'submitted', waiting for an admin). Raises PracticeRejected."""
    values, problems = parse_request(cells, gazetteer, spaces, today)
    if problems:
        raise PracticeRejected(problems)
    with engine.begin() as connection:
        request_id = connection.execute(insert(partner_requests).values(
            place_id=values.place_id, description=values.description, countries=" ".join(values.countries) or None,
            space=values.space, max_border_km=values.max_border_km, population_min=values.population_min,
            population_max=values.population_max, languages=" ".join(values.languages) or None,
            organisation=values.organisation, contact=values.contact, expires_on=values.expires_on,
            status="submitted", is_sample=False, created_at=now(), created_by=user.name)).inserted_primary_key[0]
        if values.sectors:
            connection.execute(insert(partner_request_sectors),
                               [{"request_id": request_id, "sector": sector} for sector in values.sectors])
        write_audit(connection, user=user.name, action="insert", entity="partner_request",
                    entity_key=str(request_id), new=values.as_record())
        bump_version(connection)
    return request_id


def moderate_request(engine, request_id: int, action: str, user, note: str | None = None) -> str:
    return moderate(engine, partner_requests, partner_requests.c.request_id, request_id, action, user, note,
                    entity="partner_request")


def request_table(engine, include_unpublished: bool = False, today: dt.date | None = None,
                  include_expired: bool = False) -> pd.DataFrame:
    """Requests as a frame (sectors joined with ';'): by default published and not expired."""
    today = today or dt.date.today()
    query = select(partner_requests)
    if not include_unpublished:
        query = query.where(partner_requests.c.status == "published")
    if not include_expired:
        query = query.where(partner_requests.c.expires_on >= today)
    with engine.connect() as connection:
        frame = pd.read_sql_query(query.order_by(partner_requests.c.expires_on), connection)
        sectors = pd.read_sql_query(select(partner_request_sectors), connection)
    joined = sectors.groupby("request_id")["sector"].agg(lambda s: ";".join(sorted(s)))
    frame["sectors"] = frame["request_id"].map(joined).fillna("")
    frame["expires_on"] = pd.to_datetime(frame["expires_on"]).dt.date
    return frame
