#!/usr/bin/env python3
"""Build ``game/data/map/europe.json``, the map of Europe that ``game/ui/mapdata.py`` loads.

Data: Natural Earth 1:50m admin-0 countries (public domain), as TopoJSON in the npm package
``world-atlas`` (``countries-50m.json``). By default the package is fetched with ``npm pack``;
``--source PATH`` uses a ``countries-50m.json`` (or the package's ``.tgz``) already at hand.

Steps, all in plain Python (standard library only, plus pygame for the optional ``--preview``):

1. Decode the TopoJSON arcs (delta-encoded, quantized, with a transform) to lon/lat.
2. Crimea: Natural Earth puts it inside Russia, as a separate polygon of Russia's MultiPolygon
   that shares the Perekop border arc with Ukraine. It is moved to Ukraine and dissolved into
   mainland Ukraine along that arc: Ukraine is drawn within its internationally recognised
   borders. The script asserts the shape of the data it relies on (see ``fix_crimea``).
3. A few territories are merged into the state that answers for their defence (Åland, the Crown
   Dependencies, the Faroes, Northern Cyprus); microstates are dropped.
4. Arcs are simplified once each (Douglas-Peucker in projected km), so neighbours keep sharing
   exactly the same border.
5. Rings are unwrapped across the antimeridian (Russia crosses it), clipped to a lon/lat box,
   projected (spherical Lambert conformal conic), clipped to the map rectangle, scaled to
   integer map units (longer side 10000, y down), and islands below an area threshold dropped.
6. Label points (pole of inaccessibility of each country's largest polygon) and capital cities.

The output is deterministic: the same input gives the same bytes. Rebuild with
``python tools/build_map.py`` (add ``--preview /tmp/map.png`` to look at the result).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import math
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from game.ui.mapdata import Projection, distance_to_ring, point_in_ring

PACKAGE = "world-atlas@2.0.2"
NATURAL_EARTH = "4.1.0"  # the Natural Earth version that world-atlas 2.0.2 redistributes (its README)
DEFAULT_OUT = REPO / "game" / "data" / "map" / "europe.json"

# Projection: spherical Lambert conformal conic centred on Europe.
LCC = {"lat_1": 43.0, "lat_2": 62.0, "lon_0": 20.0, "lat_0": 52.0, "radius_km": 6371.0}
# Lon/lat box every ring is clipped to before projecting (after antimeridian unwrapping). Its
# projection must contain MAP_RECT_KM; the script checks that.
PRECLIP = (-75.0, 15.0, 115.0, 89.0)
# The map rectangle in projected km (xmin, ymin, xmax, ymax), y up. It spans roughly lon -12..45,
# lat 34..71: from west of Ireland and Portugal to eastern Turkey and Moscow, from Crete and
# Cyprus to the North Cape.
MAP_RECT_KM = (-2650.0, -1950.0, 2250.0, 2250.0)
BOX = 10000  # the longer side of the map, in map units
TOLERANCE_KM = 3.0  # Douglas-Peucker tolerance
MIN_AREA_KM2 = 300.0  # smaller islands are dropped (a country keeps at least its largest polygon)
SLIVER_KM2 = 100.0  # a country whose largest polygon in the window is smaller is left out

# Natural Earth name -> (name in the asset, ISO 3166-1 alpha-2). Every country with land in the
# map rectangle must be listed here, in MERGE or in DROP: the script fails on any other.
COUNTRIES = {
    "Albania": ("Albania", "AL"),
    "Algeria": ("Algeria", "DZ"),
    "Armenia": ("Armenia", "AM"),
    "Austria": ("Austria", "AT"),
    "Azerbaijan": ("Azerbaijan", "AZ"),
    "Belarus": ("Belarus", "BY"),
    "Belgium": ("Belgium", "BE"),
    "Bosnia and Herz.": ("Bosnia and Herzegovina", "BA"),
    "Bulgaria": ("Bulgaria", "BG"),
    "Croatia": ("Croatia", "HR"),
    "Cyprus": ("Cyprus", "CY"),
    "Czechia": ("Czechia", "CZ"),
    "Denmark": ("Denmark", "DK"),
    "Estonia": ("Estonia", "EE"),
    "Finland": ("Finland", "FI"),
    "France": ("France", "FR"),
    "Georgia": ("Georgia", "GE"),
    "Germany": ("Germany", "DE"),
    "Greece": ("Greece", "GR"),
    "Hungary": ("Hungary", "HU"),
    "Iceland": ("Iceland", "IS"),
    "Iran": ("Iran", "IR"),
    "Iraq": ("Iraq", "IQ"),
    "Ireland": ("Ireland", "IE"),
    "Israel": ("Israel", "IL"),
    "Italy": ("Italy", "IT"),
    "Jordan": ("Jordan", "JO"),
    "Kazakhstan": ("Kazakhstan", "KZ"),
    "Kosovo": ("Kosovo", "XK"),
    "Latvia": ("Latvia", "LV"),
    "Lebanon": ("Lebanon", "LB"),
    "Lithuania": ("Lithuania", "LT"),
    "Luxembourg": ("Luxembourg", "LU"),
    "Macedonia": ("North Macedonia", "MK"),
    "Malta": ("Malta", "MT"),
    "Moldova": ("Moldova", "MD"),
    "Montenegro": ("Montenegro", "ME"),
    "Morocco": ("Morocco", "MA"),
    "Netherlands": ("Netherlands", "NL"),
    "Norway": ("Norway", "NO"),
    "Poland": ("Poland", "PL"),
    "Portugal": ("Portugal", "PT"),
    "Romania": ("Romania", "RO"),
    "Russia": ("Russia", "RU"),
    "Serbia": ("Serbia", "RS"),
    "Slovakia": ("Slovakia", "SK"),
    "Slovenia": ("Slovenia", "SI"),
    "Spain": ("Spain", "ES"),
    "Sweden": ("Sweden", "SE"),
    "Switzerland": ("Switzerland", "CH"),
    "Syria": ("Syria", "SY"),
    "Tunisia": ("Tunisia", "TN"),
    "Turkey": ("Turkey", "TR"),
    "Ukraine": ("Ukraine", "UA"),
    "United Kingdom": ("United Kingdom", "GB"),
}
# Territories drawn as part of the state that answers for their defence.
MERGE = {
    "Åland": "Finland",  # an autonomous region of Finland
    "N. Cyprus": "Cyprus",  # internationally recognised as part of Cyprus
    "Isle of Man": "United Kingdom",  # Crown Dependencies: the UK answers for their defence
    "Jersey": "United Kingdom",
    "Guernsey": "United Kingdom",
    "Faeroe Is.": "Denmark",  # part of the Kingdom of Denmark
}
# Too small to draw at this scale.
DROP = {"Andorra", "Monaco", "San Marino", "Vatican", "Liechtenstein"}

CITIES = {  # capitals of the seats other than the US, (lon, lat)
    "London": (-0.1276, 51.5072),
    "Paris": (2.3522, 48.8566),
    "Berlin": (13.4050, 52.5200),
    "Rome": (12.4964, 41.9028),
    "Helsinki": (24.9384, 60.1699),
    "Kyiv": (30.5234, 50.4501),
    "Moscow": (37.6173, 55.7558),
    "Warsaw": (21.0122, 52.2297),
}

CRIMEA_BOX = (32.4, 44.3, 36.7, 46.3)  # lon/lat box that holds all of Crimea and nothing else of Russia
SIMFEROPOL = (34.10, 44.95)
SEVASTOPOL = (33.52, 44.60)


# --------------------------------------------------------------------------- input


def fetch_package(tmp: Path) -> Path:
    """``npm pack`` the world-atlas package into ``tmp``; return the .tgz."""
    out = (
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, capture_output=True, text=True)
        .stdout.strip()
        .splitlines()
    )
    return tmp / out[-1]


def read_source(source: Path | None) -> tuple[dict, str, str]:
    """(topology, version, sha256 of countries-50m.json)."""
    with tempfile.TemporaryDirectory() as tmpdir:
        if source is None:
            source = fetch_package(Path(tmpdir))
        version = "unknown"
        if source.name.endswith((".tgz", ".tar.gz")):
            with tarfile.open(source) as tar:
                raw = tar.extractfile("package/countries-50m.json").read()  # type: ignore[union-attr]
                version = json.load(tar.extractfile("package/package.json"))["version"]  # type: ignore[arg-type]
        else:
            raw = source.read_bytes()
            pkg = source.parent / "package.json"
            if pkg.exists():
                version = json.loads(pkg.read_text())["version"]
    return json.load(io.BytesIO(raw)), version, hashlib.sha256(raw).hexdigest()


def decode_arcs(topo: dict) -> list[list[tuple[int, int]]]:
    """Absolute quantized positions of every arc (delta decoding)."""
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x, y))
        arcs.append(points)
    return arcs


class Topology:
    def __init__(self, topo: dict):
        (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
        self.quantized = decode_arcs(topo)
        self.lonlat = [[(x * sx + tx, y * sy + ty) for x, y in arc] for arc in self.quantized]

    def ends(self, ref: int) -> tuple[tuple[int, int], tuple[int, int]]:
        arc = self.quantized[ref if ref >= 0 else ~ref]
        return (arc[0], arc[-1]) if ref >= 0 else (arc[-1], arc[0])

    def ring_lonlat(self, ring: list[int], arcs=None) -> list[tuple[float, float]]:
        """A ring of arc references -> open list of lon/lat points (arcs: simplified arcs, if given)."""
        arcs = self.lonlat if arcs is None else arcs
        points: list[tuple[float, float]] = []
        for ref in ring:
            arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
            points.extend(arc if not points else arc[1:])
        return points[:-1] if len(points) > 1 and points[0] == points[-1] else points


def polygons_of(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


# --------------------------------------------------------------------------- geometry


def signed_area(ring) -> float:
    """Shoelace area, positive for counter-clockwise in a y-up frame."""
    total = 0.0
    for i in range(len(ring)):
        x1, y1 = ring[i - 1]
        x2, y2 = ring[i]
        total += x1 * y2 - x2 * y1
    return total / 2


def dissolve(topology: Topology, polygons: list[list[list[int]]]) -> list[list[int]]:
    """Merge polygons that share arcs: drop every arc used in both directions (an inner border)
    and chain the rest into rings. Returns rings (outer rings and holes alike)."""
    refs = [ref for polygon in polygons for ring in polygon for ref in ring]
    present = set(refs)
    left = [ref for ref in refs if ~ref not in present]
    by_start: dict[tuple[int, int], list[int]] = {}
    for ref in left:
        by_start.setdefault(topology.ends(ref)[0], []).append(ref)
    used: set[int] = set()
    rings = []
    for first in left:
        if first in used:
            continue
        ring = [first]
        used.add(first)
        start, end = topology.ends(first)
        while end != start:
            following = [ref for ref in by_start.get(end, []) if ref not in used]
            if not following:
                raise AssertionError(f"dissolve: ring starting with arc {first} does not close")
            ring.append(following[0])
            used.add(following[0])
            end = topology.ends(following[0])[1]
        rings.append(ring)
    return rings


def continuous(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Longitudes made continuous across the antimeridian (no step of more than 180 degrees)."""
    out = [points[0]]
    for lon, lat in points[1:]:
        lon += 360.0 * round((out[-1][0] - lon) / 360.0)
        out.append((lon, lat))
    return out


def unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Make a ring's longitudes continuous across the antimeridian, then shift it by a multiple
    of 360 degrees so its westernmost point lies in [-180, 180)."""
    out = continuous(ring)
    if abs(out[-1][0] - out[0][0]) > 180.0:
        raise AssertionError("ring winds round a pole; cannot unwrap it")
    shift = -360.0 * math.floor((min(p[0] for p in out) + 180.0) / 360.0)
    return [(lon + shift, lat) for lon, lat in out]


def clip(ring, xmin: float, ymin: float, xmax: float, ymax: float):
    """Sutherland-Hodgman clipping of an open ring to an axis-aligned rectangle."""

    def cut(points, inside, intersect):
        result = []
        for i, cur in enumerate(points):
            prev = points[i - 1]
            if inside(cur):
                if not inside(prev):
                    result.append(intersect(prev, cur))
                result.append(cur)
            elif inside(prev):
                result.append(intersect(prev, cur))
        return result

    def at_x(x):
        return lambda p, q: (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))

    def at_y(y):
        return lambda p, q: (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)

    points = list(ring)
    for inside, intersect in (
        (lambda p: p[0] >= xmin, at_x(xmin)),
        (lambda p: p[0] <= xmax, at_x(xmax)),
        (lambda p: p[1] >= ymin, at_y(ymin)),
        (lambda p: p[1] <= ymax, at_y(ymax)),
    ):
        if not points:
            break
        points = cut(points, inside, intersect)
    return points


def douglas_peucker(points, tolerance: float) -> list[int]:
    """Indices of the points kept (always the first and the last)."""
    n = len(points)
    if n <= 2:
        return list(range(n))
    keep = [False] * n
    keep[0] = keep[-1] = True

    def far(a: int, b: int) -> tuple[float, int]:
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        best, where = -1.0, a
        for i in range(a + 1, b):
            px, py = points[i]
            d = abs(dx * (ay - py) - dy * (ax - px)) / length if length else math.hypot(px - ax, py - ay)
            if d > best:
                best, where = d, i
        return best, where

    stack = [(0, n - 1)]
    if points[0] == points[-1]:  # a closed arc (an island): split it at its farthest point
        _, mid = far(0, n - 1)
        keep[mid] = True
        stack = [(0, mid), (mid, n - 1)]
    while stack:
        a, b = stack.pop()
        if b - a < 2:
            continue
        d, i = far(a, b)
        if d > tolerance:
            keep[i] = True
            stack += [(a, i), (i, b)]
    return [i for i in range(n) if keep[i]]


def pole_of_inaccessibility(ring, steps: int = 24, rounds: int = 3):
    """An interior point far from the edges (grid search, refined), for labels."""
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    best, best_d = None, -1.0
    for _ in range(rounds):
        for i in range(steps + 1):
            for j in range(steps + 1):
                x = x0 + (x1 - x0) * i / steps
                y = y0 + (y1 - y0) * j / steps
                if point_in_ring(x, y, ring):
                    d = distance_to_ring(x, y, ring)
                    if d > best_d:
                        best, best_d = (x, y), d
        if best is None:
            break
        wx, wy = (x1 - x0) / steps * 2, (y1 - y0) / steps * 2
        x0, x1, y0, y1 = best[0] - wx, best[0] + wx, best[1] - wy, best[1] + wy
    if best is None:  # degenerate sliver: fall back on the vertex average
        best = (sum(xs) / len(xs), sum(ys) / len(ys))
    return best


# --------------------------------------------------------------------------- Crimea


def fix_crimea(topology: Topology, polygons: dict[str, list]) -> dict:
    """Move Crimea from Russia to Ukraine. Returns facts for the log. Asserts what it relies on:
    exactly one polygon of Russia lies within CRIMEA_BOX and it holds Simferopol and Sevastopol;
    no other polygon of Russia (nor any other country) holds them, so Sevastopol is not separate;
    Crimea touches no other part of Russia (no Kerch-bridge link in the data); it shares the
    Perekop border arc(s) with Ukraine, which the later dissolve removes."""
    lo0, la0, lo1, la1 = CRIMEA_BOX

    def in_box(p):
        return lo0 <= p[0] <= lo1 and la0 <= p[1] <= la1

    russia = polygons["Russia"]
    found = [i for i, polygon in enumerate(russia) if all(in_box(p) for p in topology.ring_lonlat(polygon[0]))]
    assert len(found) == 1, f"expected one Crimea polygon in Russia, found {len(found)}"
    crimea = russia[found[0]]
    assert len(crimea) == 1, "the Crimea polygon has holes: unexpected"
    outline = topology.ring_lonlat(crimea[0])
    for name, (lon, lat) in (("Simferopol", SIMFEROPOL), ("Sevastopol", SEVASTOPOL)):
        assert point_in_ring(lon, lat, outline), f"{name} is not inside the Crimea polygon"
        holders = [
            country
            for country, polys in polygons.items()
            for k, polygon in enumerate(polys)
            if not (country == "Russia" and k == found[0])
            and point_in_ring(lon, lat, topology.ring_lonlat(polygon[0]))  # jumps at the antimeridian are far away
        ]
        assert not holders, f"{name} also lies in {holders}: Sevastopol/Crimea is split in the data"
    for name in polygons:
        assert "sevastopol" not in name.lower() and "crimea" not in name.lower(), f"separate unit {name!r}"
    crimea_arcs = {ref if ref >= 0 else ~ref for ref in crimea[0]}
    other_russia = {
        ref if ref >= 0 else ~ref
        for k, polygon in enumerate(russia)
        if k != found[0]
        for ring in polygon
        for ref in ring
    }
    assert not crimea_arcs & other_russia, "Crimea is joined to mainland Russia in the data (Kerch)"
    ukraine_arcs = {ref if ref >= 0 else ~ref for polygon in polygons["Ukraine"] for ring in polygon for ref in ring}
    shared = sorted(crimea_arcs & ukraine_arcs)
    assert shared, "Crimea shares no border with Ukraine in the data: unexpected"
    polygons["Russia"] = [p for k, p in enumerate(russia) if k != found[0]]
    polygons["Ukraine"] = polygons["Ukraine"] + [crimea]
    return {"points": len(outline), "shared_arcs_with_ukraine": shared, "russia_polygon_index": found[0]}


# --------------------------------------------------------------------------- build


def check_preclip(projection: Projection) -> None:
    """The lon/lat box clipped to before projecting must contain the whole map rectangle."""
    n, f, rho0 = projection._constants
    xmin, ymin, xmax, ymax = MAP_RECT_KM
    lo0, la0, lo1, la1 = PRECLIP
    for k in range(101):
        t = k / 100
        for x, y in (
            (xmin + (xmax - xmin) * t, ymin),
            (xmin + (xmax - xmin) * t, ymax),
            (xmin, ymin + (ymax - ymin) * t),
            (xmax, ymin + (ymax - ymin) * t),
        ):
            dy = rho0 - y
            rho = math.copysign(math.hypot(x, dy), n)
            lat = math.degrees(2 * math.atan((projection.radius_km * f / rho) ** (1 / n)) - math.pi / 2)
            lon = projection.lon_0 + math.degrees(math.atan2(x, dy)) / n
            assert lo0 + 1 < lon < lo1 - 1 and la0 + 1 < lat < la1 - 1, f"PRECLIP misses ({lon:.1f}, {lat:.1f})"


def build(topo: dict, version: str, sha256: str, log=print) -> dict:
    topology = Topology(topo)
    geometries = topo["objects"]["countries"]["geometries"]
    names = [g["properties"]["name"] for g in geometries]
    assert len(names) == len(set(names)), "country names are not unique"
    polygons = {g["properties"]["name"]: polygons_of(g) for g in geometries}

    crimea = fix_crimea(topology, polygons)
    log(
        f"Crimea: Russia polygon #{crimea['russia_polygon_index']} ({crimea['points']} points), "
        f"shares arc(s) {crimea['shared_arcs_with_ukraine']} with Ukraine; moved to Ukraine and dissolved"
    )
    for part, whole in sorted(MERGE.items()):
        polygons[whole] = polygons[whole] + polygons.pop(part)

    xmin_km, ymin_km, xmax_km, ymax_km = MAP_RECT_KM
    units_per_km = BOX / max(xmax_km - xmin_km, ymax_km - ymin_km)
    projection = Projection(**LCC, x_min_km=xmin_km, y_max_km=ymax_km, units_per_km=units_per_km)
    check_preclip(projection)
    width = round((xmax_km - xmin_km) * units_per_km)
    height = round((ymax_km - ymin_km) * units_per_km)

    # Simplify each arc once (in projected km) so that shared borders stay shared.
    simplified: dict[int, list[tuple[float, float]]] = {}

    def simple_arcs(rings):
        for ring in rings:
            for ref in ring:
                idx = ref if ref >= 0 else ~ref
                if idx not in simplified:
                    arc = topology.lonlat[idx]
                    km = [projection.project_km(*p) for p in continuous(arc)]
                    simplified[idx] = [arc[i] for i in douglas_peucker(km, TOLERANCE_KM)]
        return simplified

    countries = {}
    unknown = []
    dropped_holes = []
    for source_name in sorted(polygons):
        lats = [
            lat
            for polygon in polygons[source_name]
            for ref in polygon[0]
            for _, lat in topology.lonlat[ref if ref >= 0 else ~ref]
        ]
        if max(lats) < PRECLIP[1] or min(lats) > PRECLIP[3]:
            continue  # far from the map (and Antarctica, which winds round the pole)
        rings = dissolve(topology, polygons[source_name])
        outers = []
        for ring in rings:
            ll = unwrap(topology.ring_lonlat(ring))
            # Outer rings are clockwise in lon/lat in this data (checked on the way: holes are small).
            if signed_area(ll) > 0:
                dropped_holes.append((source_name, ring))
                continue
            outers.append(ring)
        arcs = simple_arcs(outers)
        shapes = []
        for ring in outers:
            ll = clip(unwrap(topology.ring_lonlat(ring, arcs)), *PRECLIP)
            if len(ll) < 3:
                continue
            km = clip([projection.project_km(lon, lat) for lon, lat in ll], *MAP_RECT_KM)
            pts = []
            for x, y in km:
                p = (round((x - xmin_km) * units_per_km), round((ymax_km - y) * units_per_km))
                if not pts or p != pts[-1]:
                    pts.append(p)
            while len(pts) > 1 and pts[0] == pts[-1]:
                pts.pop()
            area_km2 = abs(signed_area(pts)) / units_per_km**2
            if len(pts) >= 3 and area_km2 > 0:
                shapes.append((area_km2, pts))
        if not shapes:
            continue
        if source_name in DROP:
            continue
        if source_name not in COUNTRIES:
            if max(a for a, _ in shapes) >= MIN_AREA_KM2:
                unknown.append(source_name)
            continue
        shapes.sort(key=lambda s: (-s[0], s[1]))
        kept = [pts for k, (area, pts) in enumerate(shapes) if k == 0 or area >= MIN_AREA_KM2]
        if shapes[0][0] < SLIVER_KM2:
            log(f"note: {source_name}: only a sliver in the window ({shapes[0][0]:.0f} km2), dropped")
            continue
        name, iso = COUNTRIES[source_name]
        label = pole_of_inaccessibility(kept[0])
        countries[name] = {
            "iso": iso,
            "label": [round(label[0]), round(label[1])],
            "polygons": [[list(p) for p in pts] for pts in kept],
        }
    assert not unknown, f"countries with land on the map but not in COUNTRIES/MERGE/DROP: {unknown}"
    for source_name, ring in dropped_holes:
        if source_name in COUNTRIES:
            ll = unwrap(topology.ring_lonlat(ring))
            area = abs(signed_area([projection.project_km(*p) for p in ll]))
            assert area < 1000, f"{source_name}: a large hole ({area:.0f} km2) would be filled"
            log(f"note: {source_name}: hole of {area:.0f} km2 filled (an enclave)")

    cities = {name: [round(v) for v in projection.project(lon, lat)] for name, (lon, lat) in CITIES.items()}
    result = {
        "source": f"Natural Earth 1:50m admin-0 countries (v{NATURAL_EARTH}) via the npm package "
        f"world-atlas {version}, countries-50m.json",
        "source_sha256": sha256,
        "license": "public domain (Natural Earth)",
        "notes": [
            "Crimea is part of Ukraine (internationally recognised borders); Natural Earth puts it in Russia.",
            "Merged into the state that answers for their defence: "
            + ", ".join(f"{k} -> {v}" for k, v in sorted(MERGE.items()))
            + ".",
            "Coordinates are integer map units: y points down, the longer side of the map is 10000 units.",
            "Polygons are open rings without holes.",
        ],
        "projection": {
            "type": "lcc",
            **LCC,
            "x_min_km": xmin_km,
            "y_max_km": ymax_km,
            "units_per_km": units_per_km,
            "y_axis": "down",
        },
        "bounds": [0, 0, width, height],
        "cities": cities,
        "countries": dict(sorted(countries.items())),
    }
    self_check(result, projection)
    return result


def self_check(result: dict, projection: Projection) -> None:
    countries = result["countries"]

    def inside(name, lon, lat):
        x, y = projection.project(lon, lat)
        return any(point_in_ring(x, y, ring) for ring in countries[name]["polygons"])

    for lon, lat in (SIMFEROPOL, SEVASTOPOL, (36.45, 45.35)):  # (36.45, 45.35): Kerch
        assert inside("Ukraine", lon, lat) and not inside("Russia", lon, lat), f"Crimea check failed at {lon},{lat}"
    assert inside("Ukraine", *CITIES["Kyiv"]) and inside("Russia", *CITIES["Moscow"])
    assert inside("France", *CITIES["Paris"]) and inside("Poland", *CITIES["Warsaw"])


def dumps(result: dict) -> str:
    """Compact JSON, one country per line (small, yet diffable)."""
    head = {k: v for k, v in result.items() if k != "countries"}
    lines = ["{"]
    for key, value in head.items():
        lines.append(f"{json.dumps(key)}:{json.dumps(value, ensure_ascii=False, separators=(',', ':'))},")
    lines.append('"countries":{')
    items = list(result["countries"].items())
    for i, (name, entry) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        lines.append(f"{json.dumps(name, ensure_ascii=False)}:{json.dumps(entry, separators=(',', ':'))}{comma}")
    lines.append("}}")
    return "\n".join(lines) + "\n"


def preview(result: dict, path: Path, width: int = 1400) -> None:
    """Draw the map to a PNG (needs pygame; for looking at the result only)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from game.ui.mapdata import fit

    minx, miny, maxx, maxy = result["bounds"]
    height = round(width * (maxy - miny) / (maxx - minx))
    surface = pygame.Surface((width, height))
    surface.fill((170, 200, 230))
    t = fit(result["bounds"], width, height)
    pygame.font.init()
    font = pygame.font.Font(None, 18)
    for k, (name, entry) in enumerate(result["countries"].items()):
        h = (k * 47) % 360
        colour = pygame.Color(0)
        colour.hsla = (h, 35, 70, 100)
        if name == "Ukraine":
            colour = pygame.Color(255, 215, 0)
        if name == "Russia":
            colour = pygame.Color(200, 120, 120)
        for ring in entry["polygons"]:
            pts = t.apply_ring(ring)
            pygame.draw.polygon(surface, colour, pts)
            pygame.draw.polygon(surface, (60, 60, 60), pts, 1)
    for entry in result["countries"].values():
        img = font.render(entry["iso"], True, (0, 0, 0))
        x, y = t(*entry["label"])
        surface.blit(img, (x - img.get_width() / 2, y - img.get_height() / 2))
    for name, (x, y) in result["cities"].items():
        sx, sy = t(x, y)
        pygame.draw.circle(surface, (200, 0, 0), (sx, sy), 4)
        surface.blit(font.render(name, True, (120, 0, 0)), (sx + 5, sy - 6))
    pygame.image.save(surface, str(path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source", type=Path, help="countries-50m.json or the world-atlas .tgz (default: npm pack " + PACKAGE + ")"
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="output file (default: game/data/map/europe.json)"
    )
    parser.add_argument("--preview", type=Path, help="also draw the map to this PNG (needs pygame)")
    args = parser.parse_args(argv)
    topo, version, sha256 = read_source(args.source)
    result = build(topo, version, sha256)
    text = dumps(result)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    points = sum(len(r) for c in result["countries"].values() for r in c["polygons"])
    print(f"wrote {args.out}: {len(text.encode())} bytes, {len(result['countries'])} countries, {points} points")
    if args.preview:
        preview(result, args.preview)
        print(f"preview: {args.preview}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
