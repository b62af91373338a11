"""The hand-over screen between two human seats: "Pass the screen to France".

It shows only public facts (round, phase, credibility, escalation): the next seat's private
information appears after the click, on the table screen.
"""

from __future__ import annotations

import pygame
import pygame_gui

from ... import localized
from .. import theme as T
from ..i18n import month_label
from ..mapview import rgb
from ..views import PUBLIC, make_view, seat_name
from .base import Screen
from .report import brief_card


class HandoverScreen(Screen):
    name = "handover"

    def __init__(self, app, seat: int):
        super().__init__(app)
        self.seat = seat
        self.public = make_view(app.session.state, PUBLIC)  # nothing private reaches this screen
        self.brief = None

    def build(self) -> None:
        w, h = self.app.size
        s = self.s
        name = seat_name(self.public.game, self.seat, self.lang)
        self.brief = self._brief(min(w - s(80), s(720)))
        # the band in the middle; higher up when the last round's gist goes under it
        self.band = pygame.Rect(0, h // 2 - s(150) if self.brief is None else s(64), w, s(300))
        bw = min(w - s(80), max(s(420), self.ink.size(self.t("handover_ready", seat=name), 15, True)[0] + s(60)))
        ready = (w // 2 - bw // 2, self.band.top + s(220), bw, s(56))
        self.button("ready", ready, self.t("handover_ready", seat=name), cls="primary")
        self.button("menu", (w - s(130), s(16), s(114), s(34)), self.t("btn_menu"))

    def _brief(self, width: int):
        """The public gist of the last round (or the opening), when one has ended since the seat
        last sat down: nothing here is private (secret cards are left out)."""
        sess = self.app.session
        chron = sess.chronicle()
        rnd = sess.state.round
        if self.app.report_seen.get(self.seat, 0) >= rnd or not chron.opened(rnd):
            return None
        rep = chron.report(rnd - 1).for_viewer(-1)
        card = brief_card(self.ink, width, sess.game, rep, self.lang, chron.tracks)
        return card.render(), card.texts

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER):
            self.app.take_screen(self.seat)
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.w.get("ready"):
                self.app.take_screen(self.seat)
            elif event.ui_element is self.w.get("menu"):
                self.app.leave_game()

    def draw(self, surface: pygame.Surface) -> None:
        w, h = self.app.size
        s = self.s
        v = self.public
        g, sc = v.game, v.game.scenario
        actor = sc.seats[self.seat]
        colour = rgb(actor.colour)
        surface.fill(T.BG)
        band = self.band
        pygame.draw.rect(surface, T.PANEL, band)
        pygame.draw.rect(surface, colour, (0, band.top, w, s(6)))
        pygame.draw.rect(surface, colour, (0, band.bottom - s(6), w, s(6)))
        name = localized(actor, self.lang)
        self.ink.text(
            surface,
            self.t("handover_title", seat=name),
            (w // 2, band.top + s(34)),
            34,
            T.TEXT,
            bold=True,
            anchor="midtop",
        )
        self.ink.text(
            surface,
            self.t("handover_body", seat=name),
            (w // 2, band.top + s(96)),
            16,
            T.MUTED,
            anchor="midtop",
            max_width=w - s(80),
        )
        phase = self.t(f"phase_{v.phase}")
        month = month_label(sc.schedule.start, v.round, sc.schedule.months, self.lang)
        self.ink.text(
            surface,
            self.t("handover_phase", round=v.round, rounds=sc.schedule.rounds, month=month, phase=phase),
            (w // 2, band.top + s(130)),
            14,
            T.ACCENT,
            anchor="midtop",
        )
        rung = localized(sc.escalation.levels[v.escalation], self.lang)
        acceptor = localized(sc.seats[g.acceptor], self.lang)
        self.ink.text(
            surface,
            self.t("handover_public", credibility=v.credibility, seat=acceptor, threshold=v.threshold, rung=rung),
            (w // 2, band.top + s(156)),
            13,
            T.MUTED,
            anchor="midtop",
            max_width=w - s(80),
        )
        self.ink.text(surface, self.t("handover_hint"), (w // 2, band.bottom + s(16)), 13, T.DIM, anchor="midtop")
        if self.brief is not None:
            surf, texts = self.brief
            at = (w // 2 - surf.get_width() // 2, band.bottom + s(44))
            surface.blit(surf, at, area=pygame.Rect(0, 0, surf.get_width(), max(0, h - at[1] - s(8))))
            self.ink.drawn += texts
