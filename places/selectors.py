"""Postcode look-ups: centroid, distance, the codes within a radius, the RAR area.

The postcode table is small (a few hundred rows) and static, so it is read once per process
and kept in memory: matching thousands of openings costs no query per row.

Codes that are not in the table but are valid Danish postcodes (Copenhagen's street codes
1050-1799, a village missing from the list) resolve to the nearest listed code in the same
hundred (within 1000-1999: the listed code below it), so "1620" is measured as København V.
Anything else (blank, "0000", "abcd") is unknown: None.
"""

import bisect
import csv
import math
from dataclasses import dataclass
from pathlib import Path

from places.models import Area, Postcode

EARTH_RADIUS_KM = 6371.0
#: What migration places/0002 loads; read directly when the table is empty (a test database
#: that a transactional test has flushed), so distances never silently disappear.
DATA = Path(__file__).resolve().parent / "data" / "postcodes.csv"


@dataclass(frozen=True, slots=True)
class Place:
    code: str
    name: str
    area: str
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class _Table:
    places: dict[str, Place]
    #: Every four-digit code that resolves, to the listed code it resolves to.
    resolved: dict[str, str]
    #: Listed code -> every four-digit code that resolves to it (itself included).
    catchment: dict[str, frozenset[str]]


_table: _Table | None = None


def _resolve(n: int, listed: list[int]) -> int | None:
    """The listed code an unlisted code stands for (see the module docstring)."""
    i = bisect.bisect_right(listed, n)
    below = listed[i - 1] if i else None
    above = listed[i] if i < len(listed) else None
    if below == n:
        return n
    same_hundred = [c for c in (below, above) if c is not None and c // 100 == n // 100]
    if same_hundred:
        return min(same_hundred, key=lambda c: (abs(c - n), c))
    if 1000 <= n < 2000 and below is not None and below >= 1000:
        return below
    return None


def _from_file() -> dict[str, Place]:
    with open(DATA, encoding="utf-8", newline="") as f:
        return {
            row["code"]: Place(
                row["code"], row["name"], row["area"], float(row["lat"]), float(row["lon"])
            )
            for row in csv.DictReader(f, delimiter=";")
        }


def _build() -> _Table:
    places = {
        p.code: Place(p.code, p.name, p.area, p.latitude, p.longitude)
        for p in Postcode.objects.all()
    } or _from_file()
    listed = sorted(int(code) for code in places)
    resolved: dict[str, str] = {}
    catchment: dict[str, set[str]] = {code: set() for code in places}
    for n in range(1000, 10000):
        target = _resolve(n, listed)
        if target is not None:
            code, to = f"{n:04d}", f"{target:04d}"
            resolved[code] = to
            catchment[to].add(code)
    return _Table(places, resolved, {k: frozenset(v) for k, v in catchment.items()})


def _get() -> _Table:
    global _table
    if _table is None:
        _table = _build()
    return _table


def clear_cache() -> None:
    """Forget the in-memory table (after the postcodes were changed, and in tests)."""
    global _table
    _table = None


def place(code: str | None) -> Place | None:
    """The listed place a postcode resolves to, or None if the code is unknown."""
    if not code:
        return None
    table = _get()
    key = table.resolved.get(str(code).strip())
    return table.places[key] if key else None


def centroid(code: str | None) -> tuple[float, float] | None:
    """(latitude, longitude) of the postcode's approximate centre, or None if unknown."""
    p = place(code)
    return (p.latitude, p.longitude) if p else None


def area_of(code: str | None) -> Area | None:
    """The RAR area (Arbejdsmarkedsbalancen's region) of a postcode, or None if unknown."""
    p = place(code)
    return Area(p.area) if p else None


def town_of(code: str | None) -> str | None:
    p = place(code)
    return p.name if p else None


def _haversine(a: Place, b: Place) -> float:
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def distance_km(code_a: str | None, code_b: str | None) -> float | None:
    """Great-circle distance in km between two postcodes' centres; None if either is unknown.
    Two codes of the same place are 0 km apart."""
    a, b = place(code_a), place(code_b)
    if a is None or b is None:
        return None
    return _haversine(a, b)


def postcodes_within(code: str | None, km: float) -> set[str]:
    """Every postcode (listed or resolving to a listed one) whose centre is at most `km` from
    the centre of `code`, the code itself included. Empty if `code` is unknown."""
    origin = place(code)
    if origin is None:
        return set()
    table = _get()
    found: set[str] = set()
    for other in table.places.values():
        if _haversine(origin, other) <= km:
            found |= table.catchment[other.code]
    return found
