"""The end screen: the outcome, every seat's score with the reason for each point, and a replay
that steps through the log (the map and the gauges as they stood at each line)."""

from __future__ import annotations

import time

import pygame
import pygame_gui

from ... import actions_of, apply, localized, new_game, outcome, parse_action, score_reason
from .. import theme as T
from ..cards import Card
from ..i18n import month_label
from ..mapview import MapView, readable_on_dark, rgb
from ..views import _describe, seat_name, seat_names
from .base import Screen


def replay_frames(state) -> list[tuple[object, object]]:
    """(state, news item) for every item of the game's log, in order, by replaying its actions."""
    g = state.game
    s = new_game(g, state.seed)
    frames = []
    prev = s.news
    for text in actions_of(state):
        s = apply(s, parse_action(text))
        if s.news is not prev:
            new = []
            cell = s.news
            while cell is not None and cell is not prev:
                cell, item = cell
                new.append(item)
            for item in reversed(new):
                frames.append((s, item))
            prev = s.news
    return frames


class EndScreen(Screen):
    name = "end"

    def __init__(self, app):
        super().__init__(app)
        self.state = app.session.state
        self.outcome = outcome(self.state)
        self.frames = replay_frames(self.state)
        self.step = len(self.frames) - 1
        self.playing = False
        self._next = 0.0
        self.map = MapView(self.state.game.scenario, app.lang)
        self.score_texts: list[str] = []

    def layout(self) -> dict[str, pygame.Rect]:
        W, H = self.app.size
        s = self.s
        left = int(W * 0.46)
        return {
            "left": pygame.Rect(s(20), s(20), left - s(30), H - s(40)),
            "map": pygame.Rect(left + s(10), s(20), W - left - s(30), int((H - s(40)) * 0.62)),
            "log": pygame.Rect(
                left + s(10),
                s(20) + int((H - s(40)) * 0.62) + s(8),
                W - left - s(30),
                H - s(40) - int((H - s(40)) * 0.62) - s(8) - s(52),
            ),
            "controls": pygame.Rect(left + s(10), H - s(20) - s(44), W - left - s(30), s(44)),
        }

    def build(self) -> None:
        self.map.lang = self.lang
        L = self.layout()
        s = self.s
        left = L["left"]
        top = left.top + s(118)
        box = pygame.Rect(left.left, top, left.width, left.bottom - top - s(56))
        self.w["scores"] = pygame_gui.elements.UIScrollingContainer(box, self.manager, allow_scroll_x=False)
        card = self._scores_card(box.width - s(22))
        surf = card.render()
        pygame_gui.elements.UIImage(
            pygame.Rect((0, 0), surf.get_size()), surf, self.manager, container=self.w["scores"]
        )
        self.w["scores"].set_scrollable_area_dimensions((box.width - s(22), surf.get_height()))
        self.score_texts = card.texts
        self.button("new_game", (left.left, left.bottom - s(44), s(200), s(44)), self.t("btn_new_game"), cls="primary")
        self.button("quit", (left.left + s(210), left.bottom - s(44), s(140), s(44)), self.t("btn_quit"))
        c = L["controls"]
        labels = [("first", "«"), ("prev", "‹"), ("play", self.t("btn_play")), ("next", "›"), ("last", "»")]
        bw = min(s(110), (c.width - s(120)) // len(labels))
        for i, (name, text) in enumerate(labels):
            self.button(name, (c.left + i * (bw + s(6)), c.top, bw, c.height), text, cls="chip")

    def _scores_card(self, width: int) -> Card:
        """Every seat's score, best first, with the reason for each point."""
        o, lang = self.outcome, self.lang
        g = self.state.game
        card = Card(self.ink, width, bg=T.PANEL, border=T.LINE)
        card.text(self.t("end_scores"), (255, 217, 138), 14, bold=True, gap=card.s(6))
        for sc in sorted(o.scores, key=lambda sc: -sc.total):
            seat = g.seat_index[sc.seat]
            colour = readable_on_dark(rgb(g.scenario.seats[seat].colour))
            title = self.t("score_total", seat=seat_name(g, seat, lang), total=sc.total)
            if sc.seat in o.winners:
                title += f" · {self.t('end_best')}"
            card.text(title, colour, 13, bold=True, gap=card.s(2))
            card.text(self.t("end_margin", margin=sc.margin, bottom=sc.bottom_line), T.MUTED, 12, gap=card.s(2))
            for line in sc.lines:
                col = T.GOOD if line.points > 0 else T.BAD if line.points < 0 else T.MUTED
                card.runs(
                    [
                        (f"{line.points:+.1f} ", col, True),
                        (self.t("obj_" + line.objective) + " ", T.TEXT, False),
                        (f"({line.weight} × {line.value:+.2f}) {score_reason(line, lang)}", T.MUTED, False),
                    ],
                    12,
                    indent=card.s(6),
                )
            card.space(card.s(8))
        return card

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            el = event.ui_element
            if el is self.w.get("new_game"):
                self.app.leave_game()
            elif el is self.w.get("quit"):
                self.app.quit()
            elif el is self.w.get("first"):
                self.go(0)
            elif el is self.w.get("prev"):
                self.go(self.step - 1)
            elif el is self.w.get("next"):
                self.go(self.step + 1)
            elif el is self.w.get("last"):
                self.go(len(self.frames) - 1)
            elif el is self.w.get("play"):
                self.toggle_play()
        elif event.type == pygame.KEYDOWN:
            if event.key == pygame.K_LEFT:
                self.go(self.step - 1)
            elif event.key == pygame.K_RIGHT:
                self.go(self.step + 1)
            elif event.key == pygame.K_HOME:
                self.go(0)
            elif event.key == pygame.K_END:
                self.go(len(self.frames) - 1)
            elif event.key == pygame.K_SPACE:
                self.toggle_play()

    def toggle_play(self) -> None:
        self.playing = not self.playing
        if self.playing and self.step >= len(self.frames) - 1:
            self.step = 0
        self._next = time.monotonic() + 0.8
        b = self.w.get("play")
        if b is not None:
            b.set_text(self.t("btn_pause") if self.playing else self.t("btn_play"))

    def go(self, i: int) -> None:
        if self.frames:
            self.step = max(0, min(len(self.frames) - 1, i))

    def update(self, dt: float) -> None:
        if self.playing and time.monotonic() >= self._next:
            if self.step >= len(self.frames) - 1:
                self.toggle_play()
            else:
                self.step += 1
                self._next = time.monotonic() + 0.8

    def draw(self, surface: pygame.Surface) -> None:
        L = self.layout()
        s = self.s
        o = self.outcome
        g = self.state.game
        sc = g.scenario
        left = L["left"]
        self.ink.text(surface, self.t("end_title"), left.topleft, 28, T.ACCENT, bold=True)
        result = self.t(f"outcome_{o.result}") if o.result else ""
        good = o.result == "signed"
        self.ink.text(
            surface,
            result,
            (left.left, left.top + s(42)),
            16,
            T.GOOD if good else T.BAD,
            bold=True,
            max_width=left.width,
        )
        self.ink.text(
            surface,
            self.t("end_final", credibility=o.credibility, threshold=o.threshold, rung=o.escalation, top=g.top),
            (left.left, left.top + s(68)),
            13,
            T.MUTED,
            max_width=left.width,
        )
        winners = [g.seat_index[w] for w in o.winners]
        self.ink.text(
            surface,
            self.t("end_winner", seats=seat_names(g, winners, self.lang)) if winners else self.t("end_no_winner"),
            (left.left, left.top + s(88)),
            14,
            T.TEXT,
            bold=True,
            max_width=left.width,
        )
        # replay
        if not self.frames:
            return
        state, item = self.frames[self.step]
        self.map.draw(surface, L["map"], state, self.ink, ("replay", self.step))
        pygame.draw.rect(surface, T.LINE, L["map"], 1)
        month = month_label(sc.schedule.start, item.round, sc.schedule.months, self.lang)
        step = self.t("replay_step", i=self.step + 1, n=len(self.frames))
        rnd = self.t("round_label", round=item.round, rounds=sc.schedule.rounds)
        head = f"{self.t('end_replay')} · {rnd} · {month} · {step}"
        self.ink.text(surface, head, (L["map"].left + s(10), L["map"].top + s(8)), 14, T.ACCENT, bold=True)
        gauge = (
            f"{localized(sc.seats[g.acceptor], self.lang)}: {state.credibility:.0f} / {state.threshold:.0f} · "
            f"{localized(sc.escalation.levels[state.escalation], self.lang)}"
        )
        self.ink.text(surface, gauge, (L["map"].right - s(10), L["map"].top + s(10)), 12, T.TEXT, anchor="topright")
        log = L["log"]
        pygame.draw.rect(surface, (18, 22, 29), log)
        y = log.top + s(6)
        lh = s(18)
        current = f"R{item.round}  {_describe(g, item, self.lang)}"
        cur_lines = self.ink.wrap(current, 14, log.width - s(20), True)
        room = max(0, (log.height - s(12) - len(cur_lines) * s(22)) // lh)
        prev = [self.frames[i][1] for i in range(max(0, self.step - room), self.step)]
        for it in prev:
            self.ink.text(
                surface,
                f"R{it.round}  {_describe(g, it, self.lang)}",
                (log.left + s(10), y),
                12,
                T.DIM,
                max_width=log.width - s(20),
            )
            y += lh
        self.ink.paragraph(
            surface,
            current,
            pygame.Rect(log.left + s(10), y + s(4), log.width - s(20), log.bottom - y - s(4)),
            14,
            T.TEXT,
            bold=True,
        )

    def texts(self) -> list[str]:
        return super().texts() + self.score_texts + self.map.static_texts + self.map.overlay_texts
