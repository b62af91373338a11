"""The map asset (game/data/map/europe.json) and its loader (game/ui/mapdata.py)."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import pytest

from game.ui.mapdata import DEFAULT_PATH, MapFormatError, distance_to_ring, fit, load_map, point_in_ring

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def europe():
    return load_map()


def inside(m, country: str, lon: float, lat: float) -> bool:
    return m.countries[country].contains(*m.project(lon, lat))


def km_from(m, country: str, lon: float, lat: float) -> float:
    return m.countries[country].distance(*m.project(lon, lat)) / m.units_per_km


def test_default_path_is_the_packaged_asset():
    assert DEFAULT_PATH == REPO / "game" / "data" / "map" / "europe.json"
    assert DEFAULT_PATH.is_file()


def test_file_is_small():
    assert DEFAULT_PATH.stat().st_size < 100_000


def test_metadata(europe):
    assert "Natural Earth" in europe.source and "world-atlas" in europe.source
    assert "public domain" in europe.license
    minx, miny, maxx, maxy = europe.bounds
    assert (minx, miny) == (0, 0) and max(maxx, maxy) == 10000


def test_countries(europe):
    expected = {
        "Ukraine": "UA",
        "Russia": "RU",
        "Belarus": "BY",
        "Poland": "PL",
        "Moldova": "MD",
        "Romania": "RO",
        "Finland": "FI",
        "Sweden": "SE",
        "Norway": "NO",
        "Estonia": "EE",
        "Latvia": "LV",
        "Lithuania": "LT",
        "United Kingdom": "GB",
        "Ireland": "IE",
        "France": "FR",
        "Germany": "DE",
        "Italy": "IT",
        "Spain": "ES",
        "Turkey": "TR",
        "Denmark": "DK",
    }
    for name, iso in expected.items():
        assert europe.countries[name].iso == iso
    assert 30 <= len(europe.countries) <= 70
    isos = [c.iso for c in europe.countries.values()]
    assert len(isos) == len(set(isos))


@pytest.mark.parametrize(
    "place, lon, lat",
    [("Simferopol", 34.10, 44.95), ("Sevastopol", 33.52, 44.60), ("Kerch", 36.45, 45.35), ("Yalta", 34.16, 44.50)],
)
def test_crimea_is_ukraine(europe, place, lon, lat):
    assert inside(europe, "Ukraine", lon, lat), place
    assert not inside(europe, "Russia", lon, lat), place
    assert europe.country_at(*europe.project(lon, lat)).name == "Ukraine"


def test_no_separate_crimea_or_sevastopol(europe):
    assert not [n for n in europe.countries if "crimea" in n.lower() or "sevastopol" in n.lower()]
    # Russia keeps no land on the peninsula.
    for lon in (32.6, 33.5, 34.5, 35.5, 36.4):
        for lat in (44.5, 45.0, 45.5):
            x, y = europe.project(lon, lat)
            assert not europe.countries["Russia"].contains(x, y)


@pytest.mark.parametrize(
    "country, lon, lat",
    [
        ("Ukraine", 30.52, 50.45),  # Kyiv
        ("Ukraine", 36.23, 49.99),  # Kharkiv
        ("Ukraine", 24.03, 49.84),  # Lviv
        ("Russia", 37.62, 55.76),  # Moscow
        ("Russia", 20.51, 54.71),  # Kaliningrad
        ("Finland", 23.76, 61.50),  # Tampere
        ("France", 2.35, 48.86),  # Paris
        ("Germany", 13.40, 52.52),  # Berlin
        ("Italy", 12.50, 41.90),  # Rome
        ("Poland", 21.01, 52.23),  # Warsaw
        ("United Kingdom", -0.13, 51.51),  # London
        ("Belarus", 27.56, 53.90),  # Minsk
        ("Moldova", 28.86, 47.01),  # Chisinau
        ("Romania", 26.10, 44.43),  # Bucharest
        ("Lithuania", 25.28, 54.69),  # Vilnius
        ("Sweden", 18.07, 59.33),  # Stockholm
        ("Norway", 10.75, 59.91),  # Oslo
        ("Turkey", 32.85, 39.93),  # Ankara
        ("Ireland", -6.26, 53.35),  # Dublin
        ("Spain", -3.70, 40.42),  # Madrid
    ],
)
def test_places_in_their_country(europe, country, lon, lat):
    assert inside(europe, country, lon, lat)
    assert europe.country_at(*europe.project(lon, lat)).name == country


def test_helsinki_on_the_finnish_coast(europe):
    assert km_from(europe, "Finland", 24.94, 60.17) < 5


def test_cities(europe):
    capitals = {
        "London": ("United Kingdom", -0.1276, 51.5072),
        "Paris": ("France", 2.3522, 48.8566),
        "Berlin": ("Germany", 13.4050, 52.5200),
        "Rome": ("Italy", 12.4964, 41.9028),
        "Helsinki": ("Finland", 24.9384, 60.1699),
        "Kyiv": ("Ukraine", 30.5234, 50.4501),
        "Moscow": ("Russia", 37.6173, 55.7558),
        "Warsaw": ("Poland", 21.0122, 52.2297),
    }
    assert set(europe.cities) == set(capitals)
    for city, (country, lon, lat) in capitals.items():
        x, y = europe.cities[city]
        px, py = europe.project(lon, lat)
        assert math.hypot(x - px, y - py) <= 1, city
        assert europe.countries[country].distance(x, y) / europe.units_per_km < 5, city


@pytest.mark.parametrize(
    "country, lon, lat",
    [
        ("Ireland", -10.48, 52.11),  # Dunmore Head
        ("Ireland", -7.37, 55.38),  # Malin Head
        ("Ireland", -9.82, 51.45),  # Mizen Head
        ("Ireland", -6.36, 52.17),  # Carnsore Point
        ("Portugal", -9.50, 38.78),  # Cabo da Roca
        ("United Kingdom", -5.71, 50.07),  # Land's End
        ("Norway", 25.78, 71.17),  # North Cape
        ("Greece", 22.48, 36.38),  # Cape Matapan
        ("Spain", -5.61, 36.01),  # Tarifa
        ("Ukraine", 33.73, 44.39),  # Cape Sarych, the south tip of Crimea
        ("Ukraine", 32.48, 45.38),  # Cape Tarkhankut, the west tip of Crimea
        ("Denmark", 8.08, 56.55),  # the Jutland west coast
        ("France", -4.77, 48.41),  # Pointe de Corsen, Brittany
    ],
)
def test_project_matches_the_coasts(europe, country, lon, lat):
    """Known coastal points, projected, lie on the stored outline (within the simplification)."""
    x, y = europe.project(lon, lat)
    km = min(distance_to_ring(x, y, ring) for ring in europe.countries[country].polygons) / europe.units_per_km
    assert km < 10


def test_projection_basics(europe):
    p = europe.projection
    assert p.project_km(p.lon_0, p.lat_0) == pytest.approx((0.0, 0.0), abs=1e-9)
    # North is up (y down on screen), east is right.
    x0, y0 = europe.project(20, 52)
    assert europe.project(20, 60)[1] < y0 and europe.project(30, 52)[0] > x0
    # 1 degree of latitude is about 111 km near the standard parallels (conformal, scale ~1).
    (_, ya), (_, yb) = europe.project(20, 50), europe.project(20, 51)
    assert abs(ya - yb) / europe.units_per_km == pytest.approx(111.2, rel=0.02)
    # Points outside the map still project (e.g. a marker for Washington, off the edge).
    x, y = europe.project(-77.04, 38.90)
    assert math.isfinite(x) and math.isfinite(y) and x < 0


def test_geometry_is_within_bounds_and_labels_inside(europe):
    minx, miny, maxx, maxy = europe.bounds
    for country in europe.countries.values():
        assert country.polygons
        for ring in country.polygons:
            assert len(ring) >= 3
            assert all(minx <= x <= maxx and miny <= y <= maxy for x, y in ring)
        assert country.contains(*country.label), country.name


def test_fit_preserves_aspect_and_centres():
    t = fit((0, 0, 100, 50), 400, 400, margin=10)
    assert t.scale == pytest.approx(3.8)
    assert t(0, 0) == pytest.approx((10, 105))
    assert t(100, 50) == pytest.approx((390, 295))
    assert t.inverse(*t(37, 12)) == pytest.approx((37, 12))
    t = fit((0, 0, 100, 50), 200, 50, left=5, top=7)  # height-bound: centred horizontally
    assert t.scale == 1 and t(0, 0) == (55, 7)
    with pytest.raises(ValueError):
        fit((0, 0, 100, 50), 10, 10, margin=5)


def test_map_fit_covers_the_screen_rectangle(europe):
    t = europe.fit(1280, 720, margin=8)
    minx, miny, maxx, maxy = europe.bounds
    (ax, ay), (bx, by) = t(minx, miny), t(maxx, maxy)
    assert ax >= 8 - 1e-9 and ay >= 8 - 1e-9 and bx <= 1272 + 1e-9 and by <= 712 + 1e-9
    assert (bx - ax) / (by - ay) == pytest.approx((maxx - minx) / (maxy - miny))
    assert math.isclose(by - ay, 704) or math.isclose(bx - ax, 1264)


def test_point_in_ring():
    square = ((0, 0), (10, 0), (10, 10), (0, 10))
    assert point_in_ring(5, 5, square) and not point_in_ring(15, 5, square)


def test_bad_files(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"countries": {}}')
    with pytest.raises(MapFormatError):
        load_map(bad)
    bad.write_text("[]")
    with pytest.raises(MapFormatError):
        load_map(bad)


# The build script's own pieces, on tiny made-up data (the real build needs the npm package).


@pytest.fixture(scope="module")
def build_map():
    spec = importlib.util.spec_from_file_location("build_map", REPO / "tools" / "build_map.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_topojson_decoding_and_dissolve(build_map):
    # Two unit squares side by side sharing the arc x=1; dissolving them leaves one 2x1 ring.
    topo = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [
            [[1, 0], [0, 1]],  # 0: (1,0) -> (1,1), the shared border
            [[1, 1], [-1, 0], [0, -1], [1, 0]],  # 1: (1,1) -> (0,1) -> (0,0) -> (1,0)
            [[1, 0], [1, 0], [0, 1], [-1, 0]],  # 2: (1,0) -> (2,0) -> (2,1) -> (1,1)
        ],
        "objects": {},
    }
    topology = build_map.Topology(topo)
    assert topology.lonlat[1] == [(1, 1), (0, 1), (0, 0), (1, 0)]
    left, right = [[1, 0]], [[2, ~0]]
    assert topology.ring_lonlat(right[0]) == [(1, 0), (2, 0), (2, 1), (1, 1)]
    rings = build_map.dissolve(topology, [left, right])
    assert len(rings) == 1 and sorted(rings[0]) == [1, 2]
    assert abs(build_map.signed_area(topology.ring_lonlat(rings[0]))) == 2


def test_unwrap_clip_simplify(build_map):
    ring = [(170.0, 60.0), (-170.0, 60.0), (-170.0, 70.0), (170.0, 70.0)]
    assert build_map.unwrap(ring) == [(170.0, 60.0), (190.0, 60.0), (190.0, 70.0), (170.0, 70.0)]
    clipped = build_map.clip([(0, 0), (10, 0), (10, 10), (0, 10)], 5, -1, 20, 20)
    assert abs(build_map.signed_area(clipped)) == 50
    line = [(0, 0), (1, 0.01), (2, 0), (3, 5), (4, 0)]
    assert build_map.douglas_peucker(line, 0.1) == [0, 2, 3, 4]
