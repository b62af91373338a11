"""Hand-drawn panels of the table: the seats' public status, the credibility bar, the escalation
ladder, and the event log. Each draws into a cached surface, redrawn only when what it shows
changes, and remembers the text it drew."""

from __future__ import annotations

import pygame

from .. import TRACKS, State, localized
from . import theme as T
from .fonts import Ink
from .i18n import agent_name, money, tr
from .mapview import readable_on_dark, rgb
from .views import committed


class StatusPanel:
    """Seats (funds, budget, support, commitments), the table's tracks (credibility against the
    threshold, and any other the scenario uses, e.g. Russian alarm: ``narrate.TRACKS``), and the
    escalation ladder. Drawn into a cached surface, redrawn when what it shows changes."""

    def __init__(self):
        self._cache: tuple | None = None
        self.texts: list[str] = []

    def surface(
        self,
        view: State,
        size: tuple[int, int],
        ink: Ink,
        lang: str,
        key: object,
        players: dict[str, str],
        current: int | None,
        viewer,
    ) -> pygame.Surface:
        full = (key, size, lang, ink.scale, current, viewer)
        if self._cache and self._cache[0] == full:
            return self._cache[1]
        start = len(ink.drawn)
        surf = pygame.Surface(size)
        surf.fill(T.PANEL)
        s = ink.scale
        w, h = size
        # the escalation ladder at the bottom, the table's tracks above it, the seats take the rest
        tracks = bar_tracks(view.game)
        ladder_h = round(30 * s) + round(19 * s) * len(view.game.scenario.escalation.levels)
        tracks_h = round(70 * s) + round(46 * s) * (len(tracks) - 1)
        self._seats(surf, pygame.Rect(0, 0, w, h - ladder_h - tracks_h), view, ink, lang, players, current, viewer)
        self._tracks(surf, pygame.Rect(0, h - ladder_h - tracks_h, w, tracks_h), view, ink, lang, tracks)
        self._ladder(surf, pygame.Rect(0, h - ladder_h, w, ladder_h), view, ink, lang)
        self.texts = ink.drawn[start:]
        if pygame.display.get_surface() is not None:
            surf = surf.convert()
        self._cache = (full, surf)
        return surf

    def _seats(self, surf, area: pygame.Rect, view: State, ink: Ink, lang: str, players, current, viewer) -> None:
        """A row per seat: name and who plays it, funds and budget, support against the lapse
        level, and its commitments in force when the row has room."""
        s = ink.scale
        w = area.width
        sc = view.game.scenario
        pad = round(12 * s)
        top = area.top + round(8 * s)
        n = len(sc.seats)
        row_h = max(round(34 * s), min(round(58 * s), (area.height - round(36 * s)) // max(1, n)))
        ink.text(surf, tr(lang, "panel_actors"), (pad, top), 13, T.ACCENT, bold=True)
        y = top + round(24 * s)
        mine = committed(view)
        for i in range(n):
            row = pygame.Rect(round(6 * s), y, w - round(12 * s), row_h - round(4 * s))
            if i == current:
                pygame.draw.rect(surf, T.PANEL_2, row, border_radius=round(6 * s))
                pygame.draw.rect(surf, T.ACCENT, row, 1, border_radius=round(6 * s))
            if viewer == i:
                pygame.draw.rect(
                    surf, T.ACCENT, (row.left, row.top + round(4 * s), round(3 * s), row.height - round(8 * s))
                )
            self._seat_row(surf, y, w, row_h, view, i, ink, lang, players, mine.get(i, []))
            y += row_h

    def _seat_row(self, surf, y: int, w: int, row_h: int, view: State, i: int, ink: Ink, lang: str, players, items):
        s = ink.scale
        sc = view.game.scenario
        actor, seat = sc.seats[i], view.seats[i]
        pad = round(12 * s)
        colour = rgb(actor.colour)
        chip = pygame.Rect(pad, y + round(5 * s), round(12 * s), round(12 * s))
        pygame.draw.rect(surf, colour, chip, border_radius=round(3 * s))
        pygame.draw.rect(surf, (220, 220, 220), chip, 1, border_radius=round(3 * s))
        who = players.get(actor.id, "human")
        tag = (
            tr(lang, "controller_human") if who == "human" else f"{tr(lang, 'controller_ai')} · {agent_name(lang, who)}"
        )
        tag_w = ink.size(tag, 10)[0]
        name_at = (chip.right + round(7 * s), y + round(1 * s))
        ink.text(
            surf,
            localized(actor, lang),
            name_at,
            14,
            T.TEXT,
            bold=True,
            max_width=w - chip.right - tag_w - round(30 * s),
        )
        ink.text(surf, tag, (w - pad, y + round(4 * s)), 10, T.DIM, anchor="topright")
        line2 = y + round(20 * s)
        money_text = f"{money(lang, seat.funds)} {tr(lang, 'budget', budget=money(lang, seat.budget))}"
        ink.text(surf, money_text, (chip.left, line2), 11, T.MUTED)
        # support against the level below which a government withdraws
        bar = pygame.Rect(w - pad - round(96 * s), line2 + round(4 * s), round(60 * s), round(7 * s))
        lapse = sc.domestic.lapse_below
        pygame.draw.rect(surf, T.BG, bar, border_radius=round(3 * s))
        fill = bar.copy()
        fill.width = int(bar.width * max(0.0, min(100.0, seat.support)) / 100)
        col = T.BAD if seat.support < lapse else T.WARN if seat.support < lapse + 10 else T.GOOD
        pygame.draw.rect(surf, col, fill, border_radius=round(3 * s))
        if lapse:
            lx = bar.left + int(bar.width * lapse / 100)
            pygame.draw.line(surf, T.TEXT, (lx, bar.top - 2), (lx, bar.bottom + 1))
        ink.text(surf, f"{seat.support:.0f}", (w - pad, line2), 11, col, anchor="topright")
        if row_h >= round(50 * s):
            at = (chip.left, line2 + round(16 * s))
            if items:
                text = " · ".join(f"{localized(sc.commitments[k], lang)} {u}" for k, u in items)
                ink.text(surf, text, at, 10, readable_on_dark(colour), max_width=w - 2 * pad)
            else:
                ink.text(surf, tr(lang, "committed_none"), at, 10, T.DIM)

    def _tracks(self, surf, area: pygame.Rect, view: State, ink: Ink, lang: str, tracks) -> None:
        """Each table track the scenario uses as a bar 0-100; credibility with the acceptance
        threshold marked (and when signing opens, until it does)."""
        s = ink.scale
        g, sc = view.game, view.game.scenario
        pad = round(12 * s)
        y = area.top
        for t in tracks:
            pygame.draw.line(surf, T.LINE, (pad, y), (area.width - pad, y))
            y += round(8 * s)
            value = t.value(view, 0)
            cred = t.id == "credibility"
            ok = value >= view.threshold if cred else (value >= 50) == (t.better > 0)
            colour = T.GOOD if ok else T.WARN
            title = tr(lang, "panel_credibility") if cred else t.name(g, lang)
            ink.text(surf, title, (pad, y), 13, T.ACCENT, bold=True)
            ink.text(surf, f"{value:.0f}", (area.width - pad, y - round(3 * s)), 20, colour, True, "topright")
            bar = pygame.Rect(pad, y + round(26 * s), area.width - 2 * pad, round(12 * s))
            pygame.draw.rect(surf, T.BG, bar, border_radius=round(4 * s))
            fill = bar.copy()
            fill.width = int(bar.width * max(0.0, min(100.0, value)) / 100)
            pygame.draw.rect(surf, colour, fill, border_radius=round(4 * s))
            if cred:
                tx = bar.left + int(bar.width * min(100.0, view.threshold) / 100)
                pygame.draw.line(
                    surf, T.TEXT, (tx, bar.top - round(4 * s)), (tx, bar.bottom + round(3 * s)), max(1, round(2 * s))
                )
                acceptor = localized(sc.seats[g.acceptor], lang)
                needs = tr(lang, "needs", seat=acceptor, threshold=view.threshold)
                if view.round < sc.acceptance.earliest_round:
                    needs = tr(
                        lang, "needs_from", seat=acceptor, threshold=view.threshold, round=sc.acceptance.earliest_round
                    )
                nw = ink.size(needs, 10)[0]
                nx = min(max(tx - nw // 2, pad), area.width - pad - nw)
                ink.text(surf, needs, (nx, bar.bottom + round(4 * s)), 10, T.TEXT)
                y += round(62 * s)
            else:
                y += round(46 * s)

    def _ladder(self, surf, area: pygame.Rect, view: State, ink: Ink, lang: str) -> None:
        """The escalation ladder, top rung at the top, the current rung lit."""
        s = ink.scale
        sc = view.game.scenario
        levels = sc.escalation.levels
        pad = round(12 * s)
        w = area.width
        rung_h = round(19 * s)
        y = area.top
        pygame.draw.line(surf, T.LINE, (pad, y), (w - pad, y))
        env = next((a for a in sc.actors if not a.seat), None)
        title = tr(lang, "panel_escalation", env=localized(env, lang)) if env else tr(lang, "panel_escalation_plain")
        ink.text(surf, title, (pad, y + round(6 * s)), 13, T.ACCENT, bold=True)
        y += round(28 * s)
        top = len(levels) - 1
        for r in range(top, -1, -1):
            row = pygame.Rect(pad, y, w - 2 * pad, rung_h - round(3 * s))
            heat = r / max(1, top)
            base = (int(60 + 170 * heat), int(150 - 100 * heat), int(90 - 50 * heat))
            here = r == view.escalation
            if here:
                pygame.draw.rect(surf, base, row, border_radius=round(4 * s))
            else:
                pygame.draw.rect(surf, T.PANEL_2, row, border_radius=round(4 * s))
                pygame.draw.rect(surf, base, (row.left, row.top, round(4 * s), row.height), border_radius=round(2 * s))
            label = f"{r}  {localized(levels[r], lang)}"
            ink.text(
                surf,
                label,
                (row.left + round(10 * s), row.centery),
                11,
                (15, 15, 15) if here else T.MUTED,
                bold=here,
                anchor="midleft",
                max_width=row.width - round(16 * s),
            )
            y += rung_h


def bar_tracks(game) -> list:
    """The table's tracks shown as bars: credibility first, then any other 0-100 track the
    scenario uses (the threshold is credibility's marker; escalation is the ladder)."""
    return [t for t in TRACKS if not t.per_seat and t.unit == "points" and t.id != "threshold" and t.shown(game)]


class LogPanel:
    """The event log: wrapped lines, newest at the bottom, scrollable with the mouse wheel."""

    def __init__(self):
        self.entries: list[tuple[int, str, str]] = []
        self.scroll = 0  # lines scrolled up from the bottom
        self._lines: list[tuple[int, str, str, bool]] | None = None
        self._wrap_key: tuple | None = None
        self._cache: tuple | None = None
        self.texts: list[str] = []

    def set_entries(self, entries: list[tuple[int, str, str]]) -> None:
        if entries != self.entries:
            grew = len(entries) > len(self.entries) and entries[: len(self.entries)] == self.entries
            self.entries = entries
            self._lines = None
            self._cache = None
            if not grew:
                self.scroll = 0

    def _wrapped(self, ink: Ink, width: int) -> list[tuple[int, str, str, bool]]:
        key = (width, ink.scale, ink.lang)
        if self._lines is None or self._wrap_key != key:
            out = []
            for rnd, kind, text in self.entries:
                for i, line in enumerate(ink.wrap(text, 12, width)):
                    out.append((rnd, kind, line, i == 0))
            self._lines = out
            self._wrap_key = key
        return self._lines

    def on_wheel(self, dy: int) -> None:
        self.scroll = max(0, self.scroll + dy * 3)
        self._cache = None

    def _scrollbar(self, surf, track: pygame.Rect, total: int, fit: int) -> None:
        """A track with a thumb for the part shown (when the log is longer than its panel)."""
        self.track = track
        self._extent = (total, fit)
        if total <= fit:
            return
        pygame.draw.rect(surf, T.PANEL_2, track, border_radius=track.width // 2)
        size = max(track.width * 2, track.height * fit // total)
        first = total - fit - self.scroll  # lines above the part shown
        y = track.top + (track.height - size) * first // max(1, total - fit)
        pygame.draw.rect(surf, T.MUTED, (track.left, y, track.width, size), border_radius=track.width // 2)

    def drag(self, y: int) -> None:
        """Scroll so that the thumb's middle is at ``y`` (panel coordinates)."""
        total, fit = getattr(self, "_extent", (0, 0))
        track = getattr(self, "track", None)
        if track is None or total <= fit:
            return
        frac = min(1.0, max(0.0, (y - track.top) / max(1, track.height)))
        self.scroll = round((1.0 - frac) * (total - fit))
        self._cache = None

    def surface(self, size: tuple[int, int], ink: Ink, lang: str) -> pygame.Surface:
        full = (size, ink.scale, lang, self.scroll, len(self.entries))
        if self._cache and self._cache[0] == full:
            return self._cache[1]
        start = len(ink.drawn)
        s = ink.scale
        w, h = size
        surf = pygame.Surface(size)
        surf.fill((18, 22, 29))
        pygame.draw.line(surf, T.LINE, (0, 0), (w, 0))
        pad = round(10 * s)
        ink.text(surf, tr(lang, "panel_log"), (pad, round(5 * s)), 12, T.ACCENT, bold=True)
        col = round(34 * s)
        lines = self._wrapped(ink, w - 2 * pad - col - round(8 * s))
        lh = round(17 * s)
        top = round(24 * s)
        fit = max(1, (h - top - round(4 * s)) // lh)
        self.scroll = min(self.scroll, max(0, len(lines) - fit))
        end = len(lines) - self.scroll
        start = max(0, end - fit)
        shown = lines[start:end]
        if shown and not shown[0][3]:  # the tail of a longer entry: say so
            rnd, kind, text, _ = shown[0]
            shown[0] = (rnd, kind, "… " + text, True)
        y = top
        last_round = None
        for i, (rnd, kind, text, first) in enumerate(shown):
            newest = self.scroll == 0 and i >= len(shown) - 3
            colour = _log_colour(kind, newest)
            if first and rnd != last_round:
                ink.text(surf, f"R{rnd}", (pad, y), 11, T.DIM, bold=True)
                last_round = rnd
            ink.text(surf, text, (pad + col, y), 12, colour)
            y += lh
        self._scrollbar(surf, pygame.Rect(w - round(9 * s), top, round(6 * s), h - top - round(4 * s)), len(lines), fit)
        if self.scroll:
            ink.text(surf, f"↓ {self.scroll}", (w - round(14 * s), round(5 * s)), 11, T.MUTED, anchor="topright")
        self.texts = ink.drawn[start:]
        if pygame.display.get_surface() is not None:
            surf = surf.convert()
        self._cache = (full, surf)
        return surf


def _log_colour(kind: str, newest: bool):
    base = {
        "event": (200, 190, 150),
        "reaction": (232, 130, 110),
        "incident": (240, 110, 80),
        "bind": (120, 210, 140),
        "sign": (255, 215, 120),
        "result": (255, 215, 120),
        "note": (150, 170, 210),
        "arrears": (232, 160, 80),
        "lapse": (232, 120, 90),
        "calm": (120, 200, 160),
        "fail": (232, 140, 90),
    }.get(kind, T.TEXT)
    if not newest:
        return tuple(int(c * 0.82) for c in base)
    return base
