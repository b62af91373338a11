"""The map of Europe with the guarantee on it.

Two cached layers: the static map (sea, graticule, countries, names), drawn once per size and
language from the projected polygons of ``game/data/map/europe.json``; and the overlay of what is in
force (drawn once per view): ground deployments inside the protected country (one marker per
contributing nation, sized by its troops there), air-defence coverage over its cities, the no-fly
zone as a hatched tint, incidents as icons, and each contributor's other commitments as chips at
its capital. A frame only blits the two layers.

Commitment kinds are placed by the force they draw on (``resource``), not by id, so any scenario
that names its actors after the map's countries gets a map.
"""

from __future__ import annotations

import math
from functools import lru_cache

import pygame

from .. import State, cons_list, in_force, localized
from . import theme as T
from .fonts import Ink
from .i18n import tr
from .i18n import troops as troops_label
from .mapdata import MapData, Transform, load_map
from .views import RESOURCE_CODES, kind_codes, troops_in_field

#: Large cities (lon, lat) for air-defence coverage circles; those inside the protected
#: country are used, in this order (capital first).
CITIES = (
    ("Kyiv", 30.52, 50.45),
    ("Kharkiv", 36.23, 49.99),
    ("Odesa", 30.73, 46.48),
    ("Dnipro", 35.05, 48.46),
    ("Lviv", 24.03, 49.84),
    ("Zaporizhzhia", 35.14, 47.84),
    ("Mykolaiv", 31.99, 46.98),
    ("Vinnytsia", 28.47, 49.23),
    ("Poltava", 34.55, 49.59),
    ("Chernihiv", 31.29, 51.50),
    ("Sumy", 34.80, 50.91),
    ("Kherson", 32.62, 46.64),
    ("Warsaw", 21.01, 52.23),
    ("Chisinau", 28.86, 47.01),
    ("Vilnius", 25.28, 54.69),
    ("Riga", 24.11, 56.95),
    ("Tallinn", 24.75, 59.44),
    ("Bucharest", 26.10, 44.43),
    ("Tbilisi", 44.79, 41.72),
    ("Minsk", 27.56, 53.90),
)
#: Air-defence battery coverage radius (km): Patriot-class engagement range.
AD_RANGE_KM = 120.0
#: Air-defence coverage colour (a giver's colour marks the battery itself).
AD_TINT = (110, 220, 240)


def rgb(colour: str) -> tuple[int, int, int]:
    try:
        return T.hex_colour(colour)
    except ValueError:
        return (128, 128, 128)


def readable_on_dark(c: tuple[int, int, int]) -> tuple[int, int, int]:
    """A lighter version of a dark seat colour for lines and text on the dark map."""
    lum = 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]
    if lum >= 90:
        return c
    k = (90 - lum) / 255 + 0.35
    return tuple(min(255, int(v + (255 - v) * k)) for v in c)  # type: ignore[return-value]


@lru_cache(maxsize=1)
def europe() -> MapData:
    return load_map()


class MapView:
    """Draws the map for one scenario into a rectangle of the window."""

    def __init__(self, scenario, lang: str, mapdata: MapData | None = None):
        self.sc = scenario
        self.lang = lang
        self.map = mapdata or europe()
        self.countries = self.map.countries
        acceptor = scenario.actor(scenario.acceptance.seat)
        self.target = self.countries.get(acceptor.name)
        self.synthetic = False
        if self.target is None and acceptor.position is not None:
            # Not a country of the map (e.g. "Baltic states"): a disc around its position stands
            # for the protected area, so markers, cover and the no-fly zone still have a place.
            from .mapdata import Country  # noqa: PLC0415

            cx, cy = self.map.project(acceptor.position.lon, acceptor.position.lat)
            r = 260 * self.map.units_per_km
            ring = tuple(
                (cx + r * math.cos(2 * math.pi * i / 48), cy + r * math.sin(2 * math.pi * i / 48)) for i in range(48)
            )
            self.target = Country(acceptor.name, "", (ring,), (cx, cy))
            self.synthetic = True
        self.target_id = acceptor.id
        self.homes = {a.id: a.name for a in scenario.actors if a.name in self.countries}
        self.env = {a.name for a in scenario.actors if not a.seat and a.name in self.countries}
        self._static: tuple | None = None
        self._overlay: tuple | None = None
        self._hatch: tuple | None = None
        self.hotspots: list[tuple[pygame.Rect, str]] = []
        self.static_texts: list[str] = []
        self.legend_texts: list[str] = []
        self.overlay_texts: list[str] = []
        self._slots_cache: dict = {}

    # --- geometry -------------------------------------------------------------------------------

    def region(self) -> tuple[float, float, float, float]:
        """The part of the map worth showing: the protected country and the seats' capitals that
        lie on the map, with a margin (capitals off the map are pinned to its edge)."""
        minx, miny, maxx, maxy = self.map.bounds
        xs: list[float] = []
        ys: list[float] = []
        if self.target:
            for ring in self.target.polygons:
                xs += [p[0] for p in ring]
                ys += [p[1] for p in ring]
        for a in self.sc.actors:
            if a.position is not None:
                x, y = self.map.project(a.position.lon, a.position.lat)
                if minx <= x <= maxx and miny <= y <= maxy:
                    xs.append(x)
                    ys.append(y)
        if not xs:
            return self.map.bounds
        pad = 0.1 * max(max(xs) - min(xs), max(ys) - min(ys))
        return (max(minx, min(xs) - pad), max(miny, min(ys) - pad), min(maxx, max(xs) + pad), min(maxy, max(ys) + pad))

    def transform(self, size: tuple[int, int]) -> Transform:
        from .mapdata import fit  # noqa: PLC0415

        w, h = size
        return fit(self.region(), max(w, 10), max(h, 10), margin=max(4.0, min(w, h) * 0.01))

    def _candidates(self) -> list[tuple[float, float]]:
        """Points well inside the protected country (map units), computed once."""
        if "candidates" not in self._slots_cache:
            c = self.target
            pts: list[tuple[float, float]] = []
            if c is not None:
                ring = max(c.polygons, key=len)
                xs = [p[0] for p in ring]
                ys = [p[1] for p in ring]
                minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
                clear = (maxx - minx) * 0.05
                steps = 16
                for i in range(1, steps):
                    for j in range(1, steps):
                        x = minx + (maxx - minx) * i / steps
                        y = miny + (maxy - miny) * j / steps
                        if c.contains(x, y) and _edge_distance(ring, x, y) > clear:
                            pts.append((x, y))
            self._slots_cache["candidates"] = pts
        return self._slots_cache["candidates"]

    def _target_points(self, tf: Transform, n: int) -> list[tuple[float, float]]:
        """``n`` well-spread points inside the protected country (screen pixels), for icons."""
        key = ("spread", n)
        if key not in self._slots_cache:
            grid = list(self._candidates())
            chosen = [self.target.label] if self.target else []
            while len(chosen) < n and grid:
                best = max(grid, key=lambda p: min(math.dist(p, q) for q in chosen))
                chosen.append(best)
                grid.remove(best)
            self._slots_cache[key] = chosen[:n]
        return [tf(*p) for p in self._slots_cache[key]]

    def _row_points(self, tf: Transform, n: int) -> list[tuple[float, float]]:
        """``n`` points in a row (two rows past five) across the middle of the protected country,
        for the ground-force markers."""
        key = ("row", n)
        if key not in self._slots_cache:
            cands = self._candidates()
            out: list[tuple[float, float]] = []
            if cands and self.target:
                lx, ly = self.target.label
                xs = [p[0] for p in cands]
                span = max(xs) - min(xs)
                rows = [n] if n <= 5 else [(n + 1) // 2, n // 2]
                for r, count in enumerate(rows):
                    y0 = ly + (r - (len(rows) - 1) / 2) * span * 0.16
                    for i in range(count):
                        x = min(xs) + span * (0.12 + 0.76 * (i + 0.5) / count)
                        best = min(cands, key=lambda p: (p[0] - x) ** 2 + 4 * (p[1] - y0) ** 2)
                        out.append((x, best[1] if abs(best[1] - y0) > span * 0.2 else y0))
            self._slots_cache[key] = out
        return [tf(*p) for p in self._slots_cache[key]]

    def _city_points(self, tf: Transform) -> list[tuple[str, tuple[float, float]]]:
        if self.target is None:
            return []
        out = []
        for name, lon, lat in CITIES:
            x, y = self.map.project(lon, lat)
            if self.target.contains(x, y):
                out.append((name, tf(x, y)))
        return out

    def home_point(self, tf: Transform, actor_id: str, rect_size: tuple[int, int]) -> tuple[float, float] | None:
        actor = next((a for a in self.sc.actors if a.id == actor_id), None)
        if actor is None:
            return None
        if actor.position is not None:
            x, y = tf(*self.map.project(actor.position.lon, actor.position.lat))
        elif actor.name in self.countries:
            x, y = tf(*self.countries[actor.name].label)
        else:
            return None
        w, h = rect_size
        return (min(max(x, 18.0), w - 18.0), min(max(y, 18.0), h - 18.0))

    # --- static layer ---------------------------------------------------------------------------

    def static(self, size: tuple[int, int], ink: Ink) -> pygame.Surface:
        key = (size, self.lang, ink.scale)
        if self._static and self._static[0] == key:
            return self._static[1]
        ink_drawn = len(ink.drawn)
        w, h = size
        surf = pygame.Surface(size).convert() if pygame.display.get_surface() else pygame.Surface(size)
        surf.fill(T.SEA)
        tf = self.transform(size)
        # graticule
        for lon in range(-20, 61, 10):
            pts = [tf(*self.map.project(lon, lat)) for lat in range(30, 76, 2)]
            pygame.draw.aalines(surf, T.SEA_GRID, False, pts)
        for lat in range(35, 76, 5):
            pts = [tf(*self.map.project(lon, lat)) for lon in range(-25, 66, 3)]
            pygame.draw.aalines(surf, T.SEA_GRID, False, pts)
        seats = {a.name for a in self.sc.actors if a.seat}
        target_name = self.target.name if self.target else None
        for name, country in self.countries.items():
            if name == target_name and not self.synthetic:
                fill, edge = T.TARGET, T.TARGET_EDGE
            elif name in self.env:
                fill, edge = T.ENV, T.ENV_EDGE
            elif name in seats:
                fill, edge = T.HOME, T.LAND_EDGE
            else:
                fill, edge = T.LAND, T.LAND_EDGE
            for ring in country.polygons:
                pts = tf.apply_ring(ring)
                if len(pts) >= 3:
                    pygame.draw.polygon(surf, fill, pts)
        for name, country in self.countries.items():
            edge = T.TARGET_EDGE if name == target_name else T.ENV_EDGE if name in self.env else T.LAND_EDGE
            if name == target_name:
                continue
            for ring in country.polygons:
                pts = tf.apply_ring(ring)
                if len(pts) >= 3:
                    pygame.draw.aalines(surf, edge, True, pts)
        if self.target:
            for ring in self.target.polygons:
                pts = tf.apply_ring(ring)
                if len(pts) >= 3:
                    if self.synthetic:
                        for i in range(0, len(pts), 2):
                            pygame.draw.line(
                                surf, T.TARGET_EDGE, pts[i], pts[(i + 1) % len(pts)], max(1, round(2 * ink.scale))
                            )
                    else:
                        pygame.draw.lines(surf, T.TARGET_EDGE, True, pts, max(1, round(2 * ink.scale)))
            if self.synthetic:
                x, y = tf(*self.target.label)
                acceptor = self.sc.actor(self.target_id)
                ink.text(surf, localized(acceptor, self.lang), (x, y), 11, T.TARGET_EDGE, bold=True, anchor="midtop")
        self.static_texts = ink.drawn[ink_drawn:]
        self._static = (key, surf)
        return surf

    def _hatch_mask(self, size: tuple[int, int], tf: Transform, scale: float) -> pygame.Surface:
        """White hatch lines clipped to the protected country (alpha = coverage)."""
        if self._hatch and self._hatch[0] == size:
            return self._hatch[1]
        w, h = size
        mask = pygame.Surface(size, pygame.SRCALPHA)
        if self.target:
            for ring in self.target.polygons:
                pygame.draw.polygon(mask, (255, 255, 255, 255), tf.apply_ring(ring))
        lines = pygame.Surface(size, pygame.SRCALPHA)
        lines.fill((255, 255, 255, 40))
        gap = max(6, round(9 * scale))
        for x in range(-h, w, gap):
            pygame.draw.line(lines, (255, 255, 255, 150), (x, h), (x + h, 0), max(1, round(1.5 * scale)))
        lines.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
        self._hatch = (size, lines)
        return lines

    # --- overlay --------------------------------------------------------------------------------

    def overlay(self, view: State, size: tuple[int, int], ink: Ink, key: object) -> pygame.Surface:
        """What is in force and what happened, drawn on a transparent layer (cached by ``key``).

        Areas first (the no-fly zone, air-defence cover), then every mark that takes room —
        ground forces, incidents and events, the contributors' chips, the countries' names —
        placed in that order so that none covers another (``Placer``); the supply lines are
        drawn under them and cut where they would cross a label."""
        full_key = (key, size, self.lang, ink.scale)
        if self._overlay and self._overlay[0] == full_key:
            return self._overlay[1]
        start = len(ink.drawn)
        surf = pygame.Surface(size, pygame.SRCALPHA)
        self.hotspots = []
        tf = self.transform(size)
        units = {k: n for k, n in in_force(view.agreements).items() if n}
        by_resource: dict[str | None, dict[int, int]] = {}
        for (giver, kind), n in units.items():
            pool = by_resource.setdefault(view.game.scenario.commitments[kind].resource, {})
            pool[giver] = pool.get(giver, 0) + n
        placer = Placer(surf.get_rect(), pad=round(2 * ink.scale))
        lines = pygame.Surface(size, pygame.SRCALPHA)
        contributors = sorted({giver for giver, _ in units})
        self._supply_lines(lines, view, tf, size, contributors, ink.scale)
        self._no_fly_zone(surf, view, tf, ink, by_resource.get("fighters", {}), placer)
        self._air_defence(surf, view, tf, ink, by_resource.get("air_defence", {}))
        self._capitals(surf, view, tf, ink, size, contributors, placer)
        self._ground_forces(surf, view, tf, ink, placer)
        self._happenings(surf, view, tf, ink, placer)
        self._chips(surf, view, tf, ink, size, units, contributors, placer)
        self._names(surf, tf, ink, placer)
        for rect in placer.labels:  # no line runs through a label
            lines.fill((0, 0, 0, 0), rect.inflate(round(4 * ink.scale), round(2 * ink.scale)))
        surf.blit(lines, (0, 0), special_flags=pygame.BLEND_RGBA_MAX)
        self.marks = list(placer.marks)
        self.overlay_texts = ink.drawn[start:]
        if pygame.display.get_surface() is not None:
            surf = surf.convert_alpha()  # the display's pixel format blits faster
        self._overlay = (full_key, surf)
        return surf

    def _supply_lines(self, layer, view: State, tf: Transform, size, contributors, s: float) -> None:
        """A dashed line from each contributor's capital to the protected country."""
        if not self.target:
            return
        sc = view.game.scenario
        target = tf(*self.target.label)
        for giver in contributors:
            seat_id = view.game.seats[giver]
            home = self.home_point(tf, seat_id, size) if seat_id != self.target_id else None
            if home:
                colour = readable_on_dark(rgb(sc.seats[giver].colour))
                _dashed(layer, (*colour, 150), home, target, max(1, round(1.5 * s)), round(7 * s))

    def _no_fly_zone(self, surf, view: State, tf: Transform, ink: Ink, nfz: dict[int, int], placer: Placer) -> None:
        if not nfz or not self.target:
            return
        sc, s = view.game.scenario, ink.scale
        hatch = self._hatch_mask(surf.get_size(), tf, s).copy()
        top = max(nfz, key=lambda k: nfz[k])
        colour = readable_on_dark(rgb(sc.seats[top].colour))
        hatch.fill((*colour, 255), special_flags=pygame.BLEND_RGBA_MULT)
        surf.blit(hatch, (0, 0))
        label = f"{tr(self.lang, 'map_nfz')} · {sum(nfz.values())}"
        ring = [tf(*p) for p in max(self.target.polygons, key=len)]
        cx, top_y = (min(x for x, _ in ring) + max(x for x, _ in ring)) / 2, min(y for _, y in ring)
        w, h = ink.size(label, 11, True)
        rect = placer.place(
            [pygame.Rect(int(cx - w / 2 + dx), int(top_y - h - 4 * s + dy), w, h) for dx, dy in _nudges(s)]
        )
        ink.text(surf, label, rect.topleft, 11, colour, bold=True)
        self.hotspots.append((rect, label))

    def _air_defence(self, surf, view: State, tf: Transform, ink: Ink, ad: dict[int, int]) -> None:
        """Cover circles over the protected country's cities, one per battery."""
        if not ad:
            return
        sc, s = view.game.scenario, ink.scale
        spots = self._city_points(tf) + [("", p) for p in self._target_points(tf, 12)]
        radius = AD_RANGE_KM * self.map.units_per_km * tf.scale
        layer = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
        i = 0
        for giver in sorted(ad):
            colour = readable_on_dark(rgb(sc.seats[giver].colour))
            for _ in range(ad[giver]):
                if i >= len(spots):
                    break
                name, (x, y) = spots[i]
                i += 1
                pygame.draw.circle(layer, (*AD_TINT, 60), (x, y), radius)
                pygame.draw.circle(layer, (*AD_TINT, 230), (x, y), radius, max(1, round(1.5 * s)))
                pygame.draw.circle(layer, (*colour, 255), (x, y), max(2, round(3 * s)))
                pygame.draw.circle(layer, (240, 240, 240, 255), (x, y), max(2, round(3 * s)), 1)
                rect = pygame.Rect(0, 0, radius * 2, radius * 2)
                rect.center = (int(x), int(y))
                what = f"{localized(sc.seats[giver], self.lang)}: {tr(self.lang, 'map_ad')}"
                self.hotspots.append((rect, what + (f" · {name}" if name else "")))
        surf.blit(layer, (0, 0))

    def _ground_forces(self, surf, view: State, tf: Transform, ink: Ink, placer: Placer) -> None:
        """One disc per contributing nation, sized by its troops there, side by side (never on top
        of each other), the nation's code inside and its troops under it."""
        troops = troops_in_field(view)
        if not troops or not self.target:
            return
        s = ink.scale
        givers = sorted(troops)
        radii = [(5 + 3.4 * math.sqrt(troops[g] / 1000)) * s for g in givers]
        gap = 6 * s
        cx, cy = tf(*self.target.label)
        per_row = max(1, min(len(givers), int(self._target_width(tf) * 0.8 // (2 * max(radii) + gap)) or 1))
        rows = [givers[i : i + per_row] for i in range(0, len(givers), per_row)]
        label_h = ink.size("0", 10, True)[1]
        row_h = 2 * max(radii) + label_h + gap
        # the rows' spots; the whole block moves down (then up) until it covers nothing placed
        spots = []
        for r, row in enumerate(rows):
            widths = [
                max(2 * radii[givers.index(g)], ink.size(troops_label(self.lang, troops[g]), 10, True)[0]) + gap
                for g in row
            ]
            x = cx - sum(widths) / 2
            y = cy + (r - (len(rows) - 1) / 2) * row_h
            for g, w in zip(row, widths):
                spots.append((g, x + w / 2, y))
                x += w

        def block_at(dy: float) -> list[pygame.Rect]:
            out = []
            for g, x, y in spots:
                rad = radii[givers.index(g)]
                out.append(pygame.Rect(int(x - rad), int(y + dy - rad), int(2 * rad), int(2 * rad + label_h + 1)))
            return out

        dy = 0.0
        for step in (0, 1, -1, 2, -2, 3, -3):
            if not any(placer.overlap(r) for r in block_at(step * row_h / 2)):
                dy = step * row_h / 2
                break
        for g, x, y in spots:
            self._disc(surf, ink, view, g, (x, y + dy), radii[givers.index(g)], troops[g], placer)

    def _disc(self, surf, ink: Ink, view: State, giver: int, at, r: float, n: float, placer: Placer) -> None:
        sc, s = view.game.scenario, ink.scale
        x, y = at
        base = rgb(sc.seats[giver].colour)
        pygame.draw.circle(surf, (0, 0, 0, 120), (x + 2 * s, y + 2 * s), r)
        pygame.draw.circle(surf, (*base, 240), (x, y), r)
        pygame.draw.circle(surf, (255, 255, 255, 230), (x, y), r, max(1, round(2 * s)))
        lum = 0.299 * base[0] + 0.587 * base[1] + 0.114 * base[2]
        code = view.game.seats[giver].upper()
        ink.text(surf, code, (x, y), 10, (20, 20, 20) if lum > 150 else (255, 255, 255), bold=True, anchor="center")
        label = troops_label(self.lang, n)
        rect = ink.text(surf, label, (x, y + r + 1), 10, T.TEXT, bold=True, anchor="midtop")
        hit = pygame.Rect(0, 0, 2 * r, 2 * r)
        hit.center = (int(x), int(y))
        placer.block(hit.union(rect))
        tip = f"{localized(sc.seats[giver], self.lang)}: {n:,.0f} {tr(self.lang, 'legend_troops')}"
        self.hotspots.append((hit.union(rect), tip))

    def _happenings(self, surf, view: State, tf: Transform, ink: Ink, placer: Placer) -> None:
        """Markers of this round's and the last round's incidents, Russian reactions and events:
        at their place when the card has one, else spread over the protected country."""
        sc, s = view.game.scenario, ink.scale
        recent = [
            n for n in cons_list(view.news) if n.kind in ("incident", "reaction", "event") and n.round >= view.round - 1
        ]
        spots = self._target_points(tf, 10)[::-1] if self.target else []
        k = 0
        for news in recent[-8:]:
            old = news.round < view.round
            card = None
            if news.kind == "event":
                card = next((c for c in sc.events if c.id == news.data[0]), None)
            elif news.kind == "reaction":
                card = next((r for r in sc.reactions if r.id == news.data[0]), None)
            place = getattr(card, "place", None)
            if place is not None:
                at = tf(*self.map.project(place.lon, place.lat))
            elif news.kind == "event" or not spots:
                continue  # an event with no one place has its line in the log and the report
            else:
                at = spots[k % len(spots)]
                k += 1
            size = round(20 * s)
            rect = placer.place(
                [
                    pygame.Rect(int(at[0] - size / 2 + dx), int(at[1] - size / 2 + dy), size, size)
                    for dx, dy in _nudges(s)
                ]
            )
            x, y = rect.center
            if math.dist((x, y), at) > 3 * s:  # moved off its place: a short leader to it
                pygame.draw.line(surf, (230, 230, 230, 160), at, (x, y), 1)
                pygame.draw.circle(surf, (230, 230, 230, 200), at, max(2, round(2 * s)))
            if news.kind == "event":
                colour = (240, 200, 90) if not old else (150, 130, 80)
                pygame.draw.circle(surf, (*colour, 255), (x, y), 8 * s)
                pygame.draw.circle(surf, (40, 30, 10, 255), (x, y), 8 * s, 1)
                ink.text(surf, "i", (x, y), 11, (30, 20, 5), bold=True, anchor="center")
                what = tr(self.lang, "map_event", title=localized(card, self.lang, "title"))
            else:
                colour = (232, 120, 60) if not old else (150, 100, 80)
                _star(surf, (x, y), 9 * s, colour)
                ink.text(surf, "!", (x, y), 11, (20, 10, 5), bold=True, anchor="center")
                if news.kind == "incident":
                    kind = sc.commitments[news.data[1]]
                    what = kind.incident.text if kind.incident and kind.incident.text else tr(self.lang, "map_incident")
                else:
                    what = localized(card, self.lang, "title") if card else tr(self.lang, "map_incident")
            if old:
                what = f"{what} ({tr(self.lang, 'map_last_round')})"
            self.hotspots.append((rect, what))

    def _capitals(self, surf, view: State, tf: Transform, ink: Ink, size, contributors, placer: Placer) -> None:
        """A dot at each seat's capital (its code beside it when the map has no country of its
        name): fixed points, placed before anything that could move."""
        g = view.game
        sc, s = g.scenario, ink.scale
        for i, seat_id in enumerate(g.seats):
            home = self.home_point(tf, seat_id, size)
            if home is None or (seat_id == self.target_id and i not in contributors):
                continue
            colour = rgb(sc.seats[i].colour)
            pygame.draw.circle(surf, (*colour, 255), home, max(3, round(4 * s)))
            pygame.draw.circle(surf, (230, 230, 230, 220), home, max(3, round(4 * s)), 1)
            placer.block(pygame.Rect(int(home[0] - 4 * s), int(home[1] - 4 * s), round(8 * s), round(8 * s)))
            if i not in contributors and sc.seats[i].name not in self.countries:
                rect = ink.text(surf, seat_id.upper(), (home[0], home[1] - 6 * s), 10, T.MUTED, True, "midbottom")
                placer.block(rect)

    def _chips(self, surf, view: State, tf: Transform, ink: Ink, size, units, contributors, placer: Placer) -> None:
        """Beside each contributor's capital, a chip of what it has committed (kind codes and
        units; its troops are the discs)."""
        g = view.game
        sc = g.scenario
        codes = kind_codes(sc)
        for i in contributors:
            seat_id = g.seats[i]
            home = self.home_point(tf, seat_id, size)
            if home is None:
                continue
            mine = sorted((k, n) for (gv, k), n in units.items() if gv == i and sc.commitments[k].resource != "troops")
            label = " ".join([seat_id.upper(), *(f"{codes[k]}{n}" for k, n in mine)])
            words = ", ".join(
                f"{localized(sc.commitments[k], self.lang)} {n}" for (gv, k), n in sorted(units.items()) if gv == i
            )
            tip = f"{localized(sc.seats[i], self.lang)}: {words}"
            self._chip(surf, ink, home, label, rgb(sc.seats[i].colour), tip, placer)

    def _chip(self, surf, ink: Ink, at, label: str, colour, tip: str, placer: Placer) -> None:
        s = ink.scale
        tw, th = ink.size(label, 10, True)
        w, h = int(tw + 10 * s), int(th + 4 * s)
        x, y = int(at[0]), int(at[1])
        gap = int(6 * s)
        candidates = [
            pygame.Rect(x - w // 2, y - gap - h, w, h),  # above
            pygame.Rect(x + gap, y - h // 2, w, h),  # right
            pygame.Rect(x - gap - w, y - h // 2, w, h),  # left
            pygame.Rect(x - w // 2, y + gap, w, h),  # below
            pygame.Rect(x + gap, y - gap - h, w, h),
            pygame.Rect(x - gap - w, y - gap - h, w, h),
            pygame.Rect(x + gap, y + gap, w, h),
            pygame.Rect(x - gap - w, y + gap, w, h),
        ]
        candidates += [c.move(dx, dy) for dx, dy in _nudges(s, reach=6, step=8)[1:] for c in candidates[:4]]
        rect = placer.place(candidates, label=True)
        pygame.draw.rect(surf, (12, 15, 20, 225), rect, border_radius=round(5 * s))
        pygame.draw.rect(
            surf, (*readable_on_dark(colour), 255), rect, max(1, round(1.5 * s)), border_radius=round(5 * s)
        )
        ink.text(surf, label, rect.center, 10, T.TEXT, bold=True, anchor="center")
        self.hotspots.append((rect, tip))

    def _names(self, surf, tf: Transform, ink: Ink, placer: Placer) -> None:
        """The scenario's countries by name, where nothing else stands (with a dark halo so a line
        or the sea behind never hides them)."""
        s = ink.scale
        for actor in self.sc.actors:
            if actor.name not in self.countries or actor.id == self.target_id:
                continue
            x, y = tf(*self.countries[actor.name].label)
            text = localized(actor, self.lang)
            colour = T.MUTED if actor.seat else (200, 140, 140)
            w, h = ink.size(text, 11)
            candidates = [
                pygame.Rect(int(x - w / 2 + dx), int(y + 10 * s + dy), w, h) for dx, dy in _nudges(s, reach=9, step=7)
            ]
            rect = placer.place(candidates, label=True, optional=True)
            if rect is None:
                continue  # no free room near its country: the chips and markers matter more
            halo = ink.render(text, 11, (10, 13, 18))
            for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
                surf.blit(halo, (rect.left + dx, rect.top + dy))
            ink.text(surf, text, rect.topleft, 11, colour)

    def _target_width(self, tf: Transform) -> float:
        ring = [tf(*p) for p in max(self.target.polygons, key=len)]
        return max(x for x, _ in ring) - min(x for x, _ in ring)

    def draw(self, target: pygame.Surface, rect: pygame.Rect, view: State, ink: Ink, key: object) -> None:
        size = (max(10, rect.width), max(10, rect.height))
        target.blit(self.static(size, ink), rect.topleft)
        target.blit(self.overlay(view, size, ink, key), rect.topleft)

    def hotspot_at(self, pos: tuple[int, int], origin: tuple[int, int]) -> str | None:
        p = (pos[0] - origin[0], pos[1] - origin[1])
        for rect, text in reversed(self.hotspots):
            if rect.collidepoint(p):
                return text
        return None

    def legend(self, surface, rect: pygame.Rect, ink: Ink) -> None:
        """A small legend in the map's lower-left corner (drawn once per size and language)."""
        key = (rect.size, self.lang, ink.scale)
        cached = getattr(self, "_legend", None)
        if cached is None or cached[0] != key:
            layer = pygame.Surface(rect.size, pygame.SRCALPHA)
            start = len(ink.drawn)
            self._draw_legend(layer, layer.get_rect(), ink)
            self.legend_texts = ink.drawn[start:]
            if pygame.display.get_surface() is not None:
                layer = layer.convert_alpha()
            box = layer.get_bounding_rect()
            cached = self._legend = (key, layer.subsurface(box).copy(), box.topleft)
        surface.blit(cached[1], (rect.left + cached[2][0], rect.top + cached[2][1]))

    def chip_legend(self) -> list[str]:
        """``HQ command``, ``BASE Host-nation support``...: what each code on the chips means."""
        codes = kind_codes(self.sc)
        out, seen = [], set()
        for kind, code in zip(self.sc.commitments, codes):
            if code in seen or kind.resource == "troops":  # troops are the discs
                continue
            seen.add(code)
            by_force = code == RESOURCE_CODES.get(kind.resource)
            meaning = tr(self.lang, f"code_{kind.resource or 'money'}") if by_force else localized(kind, self.lang)
            out.append(f"{code} {meaning}")
        return out

    def _draw_legend(self, surface, rect: pygame.Rect, ink: Ink) -> None:
        s = ink.scale
        items = [
            ("troops", tr(self.lang, "legend_troops")),
            ("ad", tr(self.lang, "legend_ad")),
            ("nfz", tr(self.lang, "legend_nfz")),
            ("incident", tr(self.lang, "legend_incident")),
            ("event", tr(self.lang, "legend_event")),
        ]
        chips = ink.wrap(" · ".join(self.chip_legend()), 10, max(round(160 * s), int(rect.width * 0.5)))
        items += [("chips" if i == 0 else "", text) for i, text in enumerate(chips)]
        line = round(16 * s)
        width = max(ink.size(t, 10)[0] for _, t in items) + round(30 * s)
        box = pygame.Rect(
            rect.left + round(6 * s),
            rect.bottom - line * len(items) - round(10 * s),
            width,
            line * len(items) + round(6 * s),
        )
        panel = pygame.Surface(box.size, pygame.SRCALPHA)
        panel.fill((10, 13, 18, 190))
        surface.blit(panel, box.topleft)
        for i, (what, text) in enumerate(items):
            cy = box.top + round(3 * s) + i * line + line // 2
            cx = box.left + round(12 * s)
            if what == "troops":
                pygame.draw.circle(surface, (120, 140, 200), (cx, cy), round(5 * s))
                pygame.draw.circle(surface, (255, 255, 255), (cx, cy), round(5 * s), 1)
            elif what == "ad":
                pygame.draw.circle(surface, AD_TINT, (cx, cy), round(6 * s), 1)
            elif what == "nfz":
                r = pygame.Rect(0, 0, round(12 * s), round(10 * s))
                tile = pygame.Surface(r.size, pygame.SRCALPHA)
                tile.fill((200, 200, 200, 50))
                for k in range(-r.height, r.width, max(3, round(4 * s))):
                    pygame.draw.line(tile, (220, 220, 220), (k, r.height), (k + r.height, 0))
                r.center = (cx, cy)
                surface.blit(tile, r.topleft)
            elif what == "incident":
                _star(surface, (cx, cy), 6 * s, (232, 120, 60))
            elif what == "event":
                pygame.draw.circle(surface, (240, 200, 90), (cx, cy), round(5 * s))
            elif what == "chips":
                r = pygame.Rect(0, 0, round(14 * s), round(9 * s))
                r.center = (cx, cy)
                pygame.draw.rect(surface, (12, 15, 20), r, border_radius=round(3 * s))
                pygame.draw.rect(surface, T.TEXT, r, 1, border_radius=round(3 * s))
            ink.text(surface, text, (cx + round(12 * s), cy), 10, T.MUTED, anchor="midleft")


def _nudges(s: float, reach: int = 4, step: float = 12) -> list[tuple[float, float]]:
    """Offsets to try for a mark that does not fit where it wants to be: none first, then
    farther and farther around it."""
    out = [(0.0, 0.0)]
    for ring in range(1, reach + 1):
        d = step * s * ring
        out += [(d, 0), (-d, 0), (0, -d), (0, d), (d, -d), (-d, -d), (d, d), (-d, d)]
    return out


class Placer:
    """Rectangles taken on the map, so that a new mark goes where it covers none of them."""

    def __init__(self, bounds: pygame.Rect, pad: int = 2):
        self.bounds = bounds
        self.pad = pad
        self.taken: list[pygame.Rect] = []
        self.labels: list[pygame.Rect] = []  # the text among them (supply lines are cut there)
        self.marks: list[pygame.Rect] = []  # every mark as placed (for tests: none covers another)

    def block(self, rect: pygame.Rect) -> None:
        self.taken.append(rect.inflate(self.pad * 2, self.pad * 2))
        self.marks.append(rect)

    def overlap(self, rect: pygame.Rect) -> int:
        total = 0
        for r in self.taken:
            c = rect.clip(r)
            total += c.width * c.height
        return total

    def place(self, candidates: list[pygame.Rect], label: bool = False, optional: bool = False):
        """The first candidate (kept on the map) that covers nothing taken; else the one that
        covers least, or ``None`` for an ``optional`` mark."""
        best, best_cost = None, None
        for rect in candidates:
            r = rect.clamp(self.bounds)
            cost = self.overlap(r)
            if cost == 0:
                best = r
                break
            if best_cost is None or cost < best_cost:
                best, best_cost = r, cost
        else:
            if optional:
                return None
        self.block(best)
        if label:
            self.labels.append(best)
        return best


def _edge_distance(ring, x: float, y: float) -> float:
    from .mapdata import distance_to_ring  # noqa: PLC0415

    return distance_to_ring(x, y, ring)


def _dashed(surf, colour, a, b, width: int, dash: int) -> None:
    length = math.dist(a, b)
    if length < 1:
        return
    dx, dy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    d = 0.0
    while d < length:
        e = min(length, d + dash)
        pygame.draw.line(surf, colour, (a[0] + dx * d, a[1] + dy * d), (a[0] + dx * e, a[1] + dy * e), width)
        d += dash * 2


def _star(surf, centre, r: float, colour) -> None:
    x, y = centre
    pts = []
    for i in range(16):
        ang = math.pi * i / 8
        rr = r if i % 2 == 0 else r * 0.55
        pts.append((x + rr * math.cos(ang), y + rr * math.sin(ang)))
    pygame.draw.polygon(surf, colour, pts)
    pygame.draw.polygon(surf, (40, 20, 10), pts, 1)
