"""The first-game guide: a short walk through a seat's first round at the table — the private
briefing, the table's gauges, building and sending a proposal, answering offers, ending the turn,
and the round report — as a callout that points at the thing to use and moves on when the
player has used it (or on Next, for what is only to be read).

Each human seat gets it on its first turn when the setup screen's guide is on; Skip ends it for
that seat. Where each seat stands is kept by the window (``App.guides``)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import attrs
import pygame
import pygame_gui

from ... import localized
from .. import theme as T
from ..cards import Card
from ..i18n import month_label, tr
from .base import oid


@attrs.frozen
class Step:
    id: str
    target: str | None  # a widget of the table ("tab_briefing", "c:partner*"), or an area ("left", "map")
    done: Callable | None = None  # (table screen) -> whether the player has done it; None: a Next button


def _panel(scr):
    return scr.panel


STEPS = (
    Step("welcome", None),
    Step("briefing", "tab_briefing", lambda scr: _panel(scr).tab == "briefing"),
    Step("gauges", "left"),
    Step("propose", "tab_propose", lambda scr: _panel(scr).tab == "propose"),
    Step("partner", "c:partner*", lambda scr: bool(_panel(scr).form and _panel(scr).form.partners)),
    Step("add", "c:units*", lambda scr: bool(_panel(scr).form and _panel(scr).form.items)),
    Step("summary", "summary"),
    Step("send", "send", lambda scr: _sent(scr)),
    Step("offers", "tab_offers"),
    Step("end", "end_turn", lambda scr: _turn_over(scr)),
    Step("report", "report"),
)


def _turn_over(scr) -> bool:
    """The seat's turn has ended: another seat acts, or the seat acts in a later turn than the one
    the step was first shown in (at Instant speed the AI seats can play round the table between
    two frames, so "another seat acts" alone may never be seen)."""
    sess = scr.app.session
    now = (sess.state.round, sess.state.turn)
    guide = scr.guide
    if guide.turn_mark is None:
        guide.turn_mark = now
    return sess.current != scr.app.viewer or now != guide.turn_mark


def _sent(scr) -> bool:
    me = scr.app.viewer
    return any(o.proposer == me for o in scr.view.offers) or (scr.view.sent > 0 and scr.view.draft is None)


class Guide:
    """The guide on the table screen for the seat at the screen."""

    def __init__(self, screen):
        self.screen = screen
        self.buttons: dict[str, pygame_gui.elements.UIButton] = {}
        self.texts: list[str] = []
        self.box: pygame.Rect | None = None
        self._shown: tuple | None = None
        self.turn_mark: tuple[int, int] | None = None  # (round, turn) when the "end" step was first checked

    @property
    def app(self):
        return self.screen.app

    @property
    def seat(self) -> int | None:
        v = self.app.viewer
        sess = self.app.session
        return v if isinstance(v, int) and sess is not None and sess.is_human(v) else None

    def step(self) -> Step | None:
        """The step to show now (None: nothing to show)."""
        seat = self.seat
        if not self.app.guide_on or seat is None or self.app.session.over:
            return None
        i = self.app.guides.setdefault(seat, 0)
        if i >= len(STEPS):
            return None
        step = STEPS[i]
        mine = self.app.session.current == seat
        if not mine and step.id != "end":
            return None  # it speaks on the seat's own turn
        if mine and self.app.session.state.phase != "negotiation":
            return None  # ... in negotiation (Ukraine's decision has its own panel)
        if self.screen.report is not None or self.screen.confirm is not None:
            return None
        return step

    def advance(self, to: int | None = None) -> None:
        seat = self.seat
        if seat is not None:
            self.app.guides[seat] = len(STEPS) if to is None else to

    # --- frame ------------------------------------------------------------------------------------

    def update(self) -> None:
        step = self.step()
        if step is not None and step.done is not None and step.done(self.screen):
            self.advance(STEPS.index(step) + 1)
            step = self.step()
        key = (step.id if step else None, self.app.lang, tuple(self.app.size))
        if key != self._shown:
            self._shown = key
            self.build()

    def build(self) -> None:
        """The guide's buttons for the step shown (Next when there is nothing to do; Skip)."""
        for b in self.buttons.values():
            b.kill()
        self.buttons = {}
        for name in ("guide_next", "guide_skip"):
            self.screen.w.pop(name, None)
        step = self.step()
        self.box = None
        if step is None:
            return
        s, lang = self.screen.s, self.app.lang
        card = self._card(step)
        self.box = self._place(card.height + card.pad + s(44), card.width)
        self.texts = card.texts
        self._surface = card.render()
        y = self.box.bottom - s(40)
        names = [("guide_skip", "guide_skip", self.box.left + s(10), "chip")]
        if step.done is None:
            names.append(("guide_next", "guide_next", self.box.right - s(130), "primary"))
        for name, key, x, cls in names:
            b = pygame_gui.elements.UIButton(
                pygame.Rect(x, y, s(120), s(32)),
                tr(lang, key),
                self.app.manager,
                object_id=oid(name, cls),
                starting_height=4,
            )
            self.buttons[name] = b
            self.screen.w[name] = b

    def _card(self, step: Step) -> Card:
        s, lang = self.screen.s, self.app.lang
        g = self.app.session.game
        sc = g.scenario
        seat = self.seat
        args = {
            "seat": localized(sc.seats[seat], lang),
            "acceptor": localized(sc.seats[g.acceptor], lang),
            "threshold": f"{sc.acceptance.threshold:.0f}",
            "earliest": sc.acceptance.earliest_round,
            "month": month_label(sc.schedule.start, sc.acceptance.earliest_round, sc.schedule.months, lang),
            "passes": sc.schedule.negotiation_passes,
        }
        for tab in ("offers", "propose", "agreements", "briefing"):
            args[f"tab_{tab}"] = tr(lang, f"tab_{tab}")
        for key in ("btn_send", "btn_end_turn", "btn_report", "btn_lock", "btn_counter"):
            args[key] = tr(lang, key)
        card = Card(self.app.ink, s(380), bg=(24, 30, 40), border=T.ACCENT, accent=T.ACCENT)
        n = STEPS.index(step) + 1
        card.runs(
            [
                (tr(lang, "guide_title") + "  ", T.ACCENT, True),
                (tr(lang, "guide_step", n=n, m=len(STEPS)), T.DIM, False),
            ],
            12,
            gap=s(4),
        )
        card.text(tr(lang, f"guide_{step.id}", **args), T.TEXT, 13)
        return card

    def _place(self, height: int, width: int) -> pygame.Rect:
        """The callout's box: in the map area, on the side nearest its target."""
        L = self.screen.layout()
        area = L["map"]
        s = self.screen.s
        box = pygame.Rect(0, 0, width, height)
        target = self.target_rect()
        if target is not None and target.centerx < area.centerx:
            box.topleft = (area.left + s(12), area.top + s(12))
        else:
            box.topright = (area.right - s(12), area.top + s(12))
        if target is not None and box.colliderect(target):
            box.bottom = area.bottom - s(12)
        return box.clamp(self.screen.app.window.get_rect())

    def target_rect(self) -> pygame.Rect | None:
        step = self._step_for_target()
        if step is None or step.target is None:
            return None
        L = self.screen.layout()
        if step.target in L:
            return L[step.target]
        w = self.screen.w
        if step.target.endswith("*"):
            prefix = step.target[:-1]
            found = [el for name, el in w.items() if name.startswith(prefix) and el.visible and el.is_enabled]
            el = found[0] if found else None
        else:
            el = w.get(step.target)
        if el is None or not el.visible:
            return None
        rect = pygame.Rect(el.rect)
        panel = self.screen.panel
        if el in panel.content_widgets and panel.content is not None:
            view = panel.content.rect
            if not view.colliderect(rect):
                return None  # scrolled out of sight
            rect = rect.clip(view)
        return rect

    def _step_for_target(self) -> Step | None:
        return self.step()

    # --- drawing and events -----------------------------------------------------------------------

    def draw_box(self, surface: pygame.Surface) -> None:
        if self.box is None or self.step() is None:
            return
        s = self.screen.s
        pygame.draw.rect(surface, (24, 30, 40), self.box, border_radius=s(6))
        surface.blit(self._surface, self.box.topleft)
        pygame.draw.rect(surface, T.ACCENT, self.box, max(1, s(2)), border_radius=s(6))

    def draw_pointer(self, surface: pygame.Surface) -> None:
        """Above the widgets: a glowing frame round the thing to use, and a line to it."""
        if self.box is None or self.step() is None:
            return
        s = self.screen.s
        target = self.target_rect()
        if target is not None:
            glow = (math.sin(time.monotonic() * 5) + 1) / 2
            colour = (255, int(190 + 50 * glow), int(80 + 60 * glow))
            pygame.draw.rect(surface, colour, target.inflate(s(8), s(8)), max(2, s(3)), border_radius=s(6))
            a = (self.box.centerx, self.box.bottom if target.top > self.box.bottom else self.box.top)
            if target.left > self.box.right:
                a = (self.box.right, self.box.centery)
            elif target.right < self.box.left:
                a = (self.box.left, self.box.centery)
            b = (max(target.left, min(a[0], target.right)), max(target.top, min(a[1], target.bottom)))
            pygame.draw.line(surface, T.ACCENT, a, b, max(2, s(2)))
            pygame.draw.circle(surface, T.ACCENT, b, max(3, s(4)))

    def handle(self, event) -> bool:
        """Whether the event was the guide's (Next, Skip)."""
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return False
        step = self.step()
        if step is None:
            return False
        if event.ui_element is self.buttons.get("guide_next"):
            self.advance(STEPS.index(step) + 1)
        elif event.ui_element is self.buttons.get("guide_skip"):
            self.advance()
        else:
            return False
        self._shown = None
        return True

    def close(self) -> None:
        for b in self.buttons.values():
            b.kill()
        self.buttons = {}
