"""The map of Europe: loading ``game/data/map/europe.json`` and placing things on it.

The asset is built by ``tools/build_map.py`` from Natural Earth data (see ``game/data/map/README.md``).
Map coordinates are *map units*: a Lambert conformal conic projection (in km) shifted and scaled
so that the map fills a box whose longer side is 10000 units, with the origin at the top-left
corner and **y pointing down** (north is up on screen, as pygame expects). ``MapData.bounds``
is that box. Rings of ``Country.polygons`` are open (the last point is not repeated) and have
no holes.

Standard library only: the GUI draws with pygame, but nothing here needs it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

from ..paths import MAP

Point = tuple[float, float]
Ring = tuple[Point, ...]

#: The packaged asset.
DEFAULT_PATH = MAP


class MapFormatError(ValueError):
    """The map file is not in the expected format."""


@dataclass(frozen=True)
class Projection:
    """Spherical Lambert conformal conic with two standard parallels, then the map-unit shift.

    ``project_km`` gives plain projected km (y up, origin at ``lon_0``/``lat_0``); ``project``
    gives map units (y down, origin at the map's top-left corner).
    """

    lat_1: float
    lat_2: float
    lon_0: float
    lat_0: float
    radius_km: float
    x_min_km: float
    y_max_km: float
    units_per_km: float

    @classmethod
    def from_params(cls, params: Mapping[str, object]) -> Projection:
        if params.get("type") != "lcc" or params.get("y_axis", "down") != "down":
            raise MapFormatError(f"unsupported projection: {params.get('type')!r}")
        try:
            return cls(
                lat_1=float(params["lat_1"]),
                lat_2=float(params["lat_2"]),
                lon_0=float(params["lon_0"]),
                lat_0=float(params["lat_0"]),
                radius_km=float(params["radius_km"]),
                x_min_km=float(params["x_min_km"]),
                y_max_km=float(params["y_max_km"]),
                units_per_km=float(params["units_per_km"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise MapFormatError(f"bad projection parameters: {exc}") from exc

    @cached_property
    def _constants(self) -> tuple[float, float, float]:
        phi1, phi2, phi0 = (math.radians(v) for v in (self.lat_1, self.lat_2, self.lat_0))

        def t(phi: float) -> float:
            return math.tan(math.pi / 4 + phi / 2)

        if math.isclose(phi1, phi2):
            n = math.sin(phi1)
        else:
            n = math.log(math.cos(phi1) / math.cos(phi2)) / math.log(t(phi2) / t(phi1))
        f = math.cos(phi1) * t(phi1) ** n / n
        rho0 = self.radius_km * f / t(phi0) ** n
        return n, f, rho0

    def project_km(self, lon: float, lat: float) -> Point:
        """Projected km, y up, (0, 0) at (``lon_0``, ``lat_0``). Latitudes are clamped short of the poles."""
        n, f, rho0 = self._constants
        phi = math.radians(max(-89.9, min(89.9, lat)))
        rho = self.radius_km * f / math.tan(math.pi / 4 + phi / 2) ** n
        theta = n * math.radians(lon - self.lon_0)
        return rho * math.sin(theta), rho0 - rho * math.cos(theta)

    def km_to_map(self, x_km: float, y_km: float) -> Point:
        return (x_km - self.x_min_km) * self.units_per_km, (self.y_max_km - y_km) * self.units_per_km

    def project(self, lon: float, lat: float) -> Point:
        """(lon, lat) in degrees -> map units (y down). Works outside the map's bounds too."""
        return self.km_to_map(*self.project_km(lon, lat))


@dataclass(frozen=True)
class Transform:
    """Map units -> screen pixels: ``screen = map * scale + offset`` (same scale on both axes)."""

    scale: float
    offset_x: float
    offset_y: float

    def __call__(self, x: float, y: float) -> Point:
        return x * self.scale + self.offset_x, y * self.scale + self.offset_y

    def apply_ring(self, ring: Iterable[Point]) -> list[Point]:
        s, ox, oy = self.scale, self.offset_x, self.offset_y
        return [(x * s + ox, y * s + oy) for x, y in ring]

    def inverse(self, sx: float, sy: float) -> Point:
        """Screen pixels -> map units (e.g. for a mouse click)."""
        return (sx - self.offset_x) / self.scale, (sy - self.offset_y) / self.scale


def fit(
    bounds: Sequence[float],
    width: float,
    height: float,
    margin: float = 0.0,
    left: float = 0.0,
    top: float = 0.0,
) -> Transform:
    """The transform that fits ``bounds`` (minx, miny, maxx, maxy) into the screen rectangle
    (left, top, width, height), less ``margin`` on every side, keeping the aspect ratio and
    centring the map in the spare direction."""
    minx, miny, maxx, maxy = bounds
    bw, bh = maxx - minx, maxy - miny
    aw, ah = width - 2 * margin, height - 2 * margin
    if bw <= 0 or bh <= 0 or aw <= 0 or ah <= 0:
        raise ValueError("fit needs positive bounds and a rectangle larger than twice the margin")
    scale = min(aw / bw, ah / bh)
    offset_x = left + margin + (aw - bw * scale) / 2 - minx * scale
    offset_y = top + margin + (ah - bh * scale) / 2 - miny * scale
    return Transform(scale, offset_x, offset_y)


def point_in_ring(x: float, y: float, ring: Sequence[Point]) -> bool:
    """Even-odd test of a point against one (open or closed) ring."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def distance_to_ring(x: float, y: float, ring: Sequence[Point]) -> float:
    """Shortest distance from a point to a ring's edges."""
    best = math.inf
    j = len(ring) - 1
    for i in range(len(ring)):
        ax, ay = ring[j]
        bx, by = ring[i]
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / length2))
        best = min(best, math.hypot(x - (ax + t * dx), y - (ay + t * dy)))
        j = i
    return best


@dataclass(frozen=True)
class Country:
    name: str
    iso: str
    polygons: tuple[Ring, ...]
    label: Point

    def contains(self, x: float, y: float) -> bool:
        return any(point_in_ring(x, y, ring) for ring in self.polygons)

    def distance(self, x: float, y: float) -> float:
        """0 inside, else the distance (map units) to the nearest coast or border."""
        if self.contains(x, y):
            return 0.0
        return min(distance_to_ring(x, y, ring) for ring in self.polygons)


@dataclass(frozen=True)
class MapData:
    countries: Mapping[str, Country]
    cities: Mapping[str, Point]
    bounds: tuple[float, float, float, float]
    projection: Projection
    source: str = ""
    license: str = ""

    def project(self, lon: float, lat: float) -> Point:
        """(lon, lat) in degrees -> map units, for placing markers."""
        return self.projection.project(lon, lat)

    def fit(self, width: float, height: float, margin: float = 0.0, left: float = 0.0, top: float = 0.0) -> Transform:
        """See ``fit``: this map's bounds into a screen rectangle."""
        return fit(self.bounds, width, height, margin, left, top)

    def country_at(self, x: float, y: float) -> Country | None:
        """The country whose land contains the map point, if any (e.g. under the mouse)."""
        for country in self.countries.values():
            if country.contains(x, y):
                return country
        return None

    @property
    def units_per_km(self) -> float:
        return self.projection.units_per_km


def _point(value: object, what: str) -> Point:
    if not (isinstance(value, (list, tuple)) and len(value) == 2):
        raise MapFormatError(f"{what}: expected [x, y], got {value!r}")
    return float(value[0]), float(value[1])


def load_map(path: str | Path | None = None) -> MapData:
    """Load the map asset (default: the packaged ``game/data/map/europe.json``)."""
    path = Path(path) if path is not None else DEFAULT_PATH
    with open(path, encoding="utf-8") as fh:
        raw = json.load(fh)
    if not isinstance(raw, dict):
        raise MapFormatError(f"{path}: expected a JSON object")
    try:
        projection = Projection.from_params(raw["projection"])
        bounds = tuple(float(v) for v in raw["bounds"])
        if len(bounds) != 4:
            raise MapFormatError("bounds: expected [minx, miny, maxx, maxy]")
        countries = {}
        for name, entry in raw["countries"].items():
            rings = tuple(tuple(_point(p, f"{name} polygon") for p in ring) for ring in entry["polygons"])
            if not rings or any(len(ring) < 3 for ring in rings):
                raise MapFormatError(f"{name}: every polygon needs at least 3 points")
            countries[name] = Country(name, str(entry["iso"]), rings, _point(entry["label"], f"{name} label"))
        cities = {name: _point(p, f"city {name}") for name, p in raw.get("cities", {}).items()}
    except (KeyError, TypeError, AttributeError) as exc:
        raise MapFormatError(f"{path}: malformed map file ({exc!r})") from exc
    return MapData(
        countries=MappingProxyType(countries),
        cities=MappingProxyType(cities),
        bounds=bounds,  # type: ignore[arg-type]
        projection=projection,
        source=str(raw.get("source", "")),
        license=str(raw.get("license", "")),
    )
