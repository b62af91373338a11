"""The table: top bar (round, phase, who is playing), seats' status and the escalation ladder on
the left, the map and the log in the middle, negotiation on the right."""

from __future__ import annotations

import math
import time

import pygame
import pygame_gui

from ... import CHANCE
from ...errors import CoalitionError
from .. import theme as T
from ..i18n import month_label
from ..mapview import MapView
from ..panels import LogPanel, StatusPanel
from ..session import PACING
from ..views import PUBLIC, UMPIRE, log_entries, make_view, seat_name
from .base import Screen
from .guide import Guide
from .negotiation import NegotiationPanel
from .overlays import draw_tooltip
from .report import ReportOverlay


class TableScreen(Screen):
    name = "table"

    def __init__(self, app):
        super().__init__(app)
        self.map = MapView(app.session.game.scenario, app.lang)
        self.status = StatusPanel()
        self.log = LogPanel()
        self.panel = NegotiationPanel(self)
        self.report: ReportOverlay | None = None
        self.guide = Guide(self)
        self.frames_shown = 0
        self._dragging_log = False
        self._view_key = None
        self.view = None
        self.confirm = None
        self._refresh_view()

    # --- view -----------------------------------------------------------------------------------

    def mode(self):
        return UMPIRE if self.app.umpire else self.app.viewer

    def _refresh_view(self) -> bool:
        s = self.app.session
        key = (s.state.ply, self.mode(), len(s.notes), self.app.lang)
        if key == self._view_key:
            return False
        self._view_key = key
        self.view = make_view(s.state, self.mode())
        entries = log_entries(self.view, self.mode(), self.app.lang, s.notes, s.state.news, s.over)
        self.log.set_entries(entries)
        v = self.view
        # What the drawn panels show: they are redrawn only when this changes (not on every
        # private drafting step of another seat, which moves the ply but shows nothing).
        self.content_key = (
            v.round,
            v.phase,
            v.turn,
            tuple(a.id for a in v.agreements),
            len(entries),
            tuple(round(x.support, 1) for x in v.seats),
            v.escalation,
            round(v.credibility, 2),
            round(v.threshold, 2),
            self.mode(),
            s.current,
        )
        return True

    # --- layout ---------------------------------------------------------------------------------

    def layout(self) -> dict[str, pygame.Rect]:
        W, H = self.app.size
        s = self.s
        top = s(54)
        left = s(300)
        right = s(440)
        log_h = max(s(168), int((H - top) * 0.24))
        mid = W - left - right
        return {
            "top": pygame.Rect(0, 0, W, top),
            "left": pygame.Rect(0, top, left, H - top),
            "map": pygame.Rect(left, top, mid, H - top - log_h),
            "log": pygame.Rect(left, H - log_h, mid, log_h),
            "right": pygame.Rect(W - right, top, right, H - top),
            "middle": pygame.Rect(left, top, mid, H - top),
        }

    def build(self) -> None:
        self.confirm = None  # a rebuild (resize, language) closes any open dialog
        self.map.lang = self.lang
        L = self.layout()
        s = self.s
        top = L["top"]
        names = [
            ("menu", "btn_menu", None),
            ("help", "btn_help", None),
            ("umpire", "btn_seat_view" if self.app.umpire else "btn_umpire", None),
            ("save", "btn_save", None),
            ("undo", "btn_undo", None),
            ("report", "btn_report", None),
        ]
        x = top.right - s(10)
        for name, key, cls in names:
            text = self.t(key)
            bw = max(s(70), self.ink.size(text, 14)[0] + s(26))
            x -= bw
            self.button(name, (x, top.top + s(10), bw, s(34)), text, cls=cls)
            x -= s(6)
        self._buttons_left = x
        self.panel.actions = {}
        self.panel.content = None
        self.panel.build(L["right"])
        if self.report is not None:
            self.report.build(self._report_rect())
        self.guide._shown = None  # its buttons went with the others
        self._update_buttons()

    def _update_buttons(self) -> None:
        sess = self.app.session
        me = self.app.viewer if isinstance(self.app.viewer, int) else None
        undo = self.w.get("undo")
        if undo is not None:
            reason = sess.undo_reason(me) if me is not None else "undo_not_turn"
            if reason:
                undo.disable()
                undo.set_tooltip(self.t(reason)) if hasattr(undo, "set_tooltip") else None
            else:
                undo.enable()
        ump = self.w.get("umpire")
        if ump is not None and not sess.humans():
            ump.disable()

    # --- frame ----------------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        if self._refresh_view() or self.frames_shown == 0:
            self._update_buttons()
            self._report_due()
        self.frames_shown += 1
        self.panel.refresh()
        self.guide.update()

    # --- the round report -----------------------------------------------------------------------

    def _report_rect(self) -> pygame.Rect:
        return self.layout()["middle"].inflate(-self.s(16), -self.s(16))

    def open_report(self, round_: int) -> None:
        if self.report is not None:
            self.report.close()
        self.report = ReportOverlay(self, max(0, round_))
        self.report.build(self._report_rect())

    def close_report(self) -> None:
        if self.report is not None:
            self.report.close()
        self.report = None

    def _report_due(self) -> None:
        """A seat sitting down to a new round sees what happened since the last one, once."""
        sess, me = self.app.session, self.app.viewer
        if not isinstance(me, int) or not sess.is_human(me) or sess.over:
            return
        rnd = sess.state.round
        if self.app.report_seen.get(me, 0) < rnd and sess.current == me:
            self.app.report_seen[me] = rnd
            if sess.chronicle().opened(rnd):
                self.open_report(rnd - 1)

    def on_moved(self) -> None:
        """A move of the seat at the screen was applied."""
        self._refresh_view()
        self.panel.refresh(force=True)
        self._update_buttons()

    def handle(self, event: pygame.event.Event) -> None:
        if self.guide.handle(event):
            return
        if self.report is not None:
            what = self.report.handle(event)
            if what == "close" or (event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE):
                self.close_report()
                return
            if what in ("prev", "next"):
                self.open_report(self.report.round + (1 if what == "next" else -1))
                return
        if self.confirm is not None:
            if event.type == pygame_gui.UI_CONFIRMATION_DIALOG_CONFIRMED and event.ui_element is self.confirm[1]:
                what = self.confirm[0]
                self.confirm = None
                if what == "leave":
                    self.app.leave_game()
                elif what == "umpire":
                    self.app.umpire = True
                    self.app._rebuild()
                return
            if event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.confirm[1]:
                self.confirm = None
            return
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            el = event.ui_element
            if el is self.w.get("undo"):
                self.undo()
            elif el is self.w.get("save"):
                self.save()
            elif el is self.w.get("help"):
                self.app.help_open = True
            elif el is self.w.get("report"):
                self.toggle_report()
            elif el is self.w.get("menu"):
                self.ask("leave", self.t("confirm_leave"))
            elif el is self.w.get("umpire"):
                if self.app.umpire:
                    self.app.umpire = False
                    self.app._rebuild()
                elif not self.app.session.humans():
                    pass
                else:
                    self.ask("umpire", self.t("confirm_umpire"))
            else:
                self.panel.handle(event)
            return
        if event.type in (pygame_gui.UI_HORIZONTAL_SLIDER_MOVED, pygame_gui.UI_DROP_DOWN_MENU_CHANGED):
            self.panel.handle(event)
            return
        if event.type == pygame.MOUSEWHEEL:
            L = self.layout()
            if L["log"].collidepoint(self.app.mouse):
                self.log.on_wheel(event.y)
            return
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEMOTION):
            log = self.layout()["log"]
            held = (
                event.type == pygame.MOUSEBUTTONDOWN
                and event.button == 1
                or (event.type == pygame.MOUSEMOTION and event.buttons[0] and self._dragging_log)
            )
            x, y = event.pos[0] - log.left, event.pos[1] - log.top
            track = getattr(self.log, "track", None)
            if event.type == pygame.MOUSEBUTTONDOWN:
                self._dragging_log = track is not None and track.inflate(self.s(10), 0).collidepoint(x, y)
            if held and self._dragging_log:
                self.log.drag(y)
            return
        if event.type == pygame.KEYDOWN:
            self.key(event)

    def key(self, event) -> None:
        ctrl = event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META)
        focused = self.manager.get_focus_set()
        if any(isinstance(el, pygame_gui.elements.UITextEntryLine) for el in (focused or ())):
            return
        if ctrl and event.key == pygame.K_z:
            self.undo()
        elif ctrl and event.key == pygame.K_s:
            self.save()
        elif ctrl and event.key == pygame.K_e:
            self.panel.end_turn()
        elif event.key == pygame.K_r and not ctrl:
            self.toggle_report()
        elif event.key in (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4) and not ctrl:
            self.panel.set_tab(("offers", "propose", "agreements", "briefing")[event.key - pygame.K_1])
        elif event.key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS, pygame.K_MINUS, pygame.K_KP_MINUS):
            speeds = list(PACING)
            i = speeds.index(self.app.speed)
            faster = event.key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS)
            i = max(0, i - 1) if faster else min(len(speeds) - 1, i + 1)
            self.app.set_speed(speeds[i])
            self.app.toast(self.t("speed_now", speed=self.t(f"speed_{speeds[i]}")))

    def toggle_report(self) -> None:
        """Open the report of the last round that ended (or of the opening), or close it."""
        if self.report is not None:
            self.close_report()
            return
        chron = self.app.session.chronicle()
        rnd = self.app.session.state.round
        self.open_report(rnd - 1 if chron.opened(rnd) or self.app.session.over else rnd - 2)

    def undo(self) -> None:
        me = self.app.viewer if isinstance(self.app.viewer, int) else None
        reason = self.app.session.undo_reason(me) if me is not None else "undo_not_turn"
        if reason:
            self.app.toast(self.t(reason), "error")
            return
        before = self.app.session.state
        try:
            undone = self.app.session.undo(me)
        except CoalitionError as e:  # an illegal undo, or (never expected) a log that will not replay
            self.app.toast(str(e), "error")
            return
        self._refresh_view()
        if self.panel.restore(before, undone):
            self.app.toast(self.t("undo_draft_back"), "info")
        else:
            self.panel.new_form(None)
        self.on_moved()

    def save(self) -> None:
        try:
            path = self.app.session.save_named()
        except OSError as e:
            self.app.toast(str(e), "error")
            return
        self.app.toast(self.t("saved_to", path=str(path)), "good")

    # --- drawing --------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        L = self.layout()
        sess = self.app.session
        v = self.view
        self.map.draw(surface, L["map"], v, self.ink, self.content_key)
        self.map.legend(surface, L["map"], self.ink)
        current = sess.current if sess.current is not None and sess.current >= 0 else None
        surface.blit(
            self.status.surface(
                v,
                L["left"].size,
                self.ink,
                self.lang,
                (self.content_key, tuple(round(x.funds, 2) for x in v.seats)),
                sess.players,
                current,
                self.app.viewer,
            ),
            L["left"].topleft,
        )
        surface.blit(self.log.surface(L["log"].size, self.ink, self.lang), L["log"].topleft)
        self.guide.draw_box(surface)  # under the widgets: its Next and Skip buttons sit on it
        self._top_bar(surface, L["top"])
        pygame.draw.line(surface, T.LINE, (L["right"].left, L["right"].top), (L["right"].left, L["right"].bottom))
        pygame.draw.rect(surface, T.PANEL, (L["right"].left + 1, L["right"].top, L["right"].width, L["right"].height))

    def _top_bar(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        s = self.s
        v = self.view
        sess = self.app.session
        sc = v.game.scenario
        pygame.draw.rect(surface, (20, 25, 33), rect)
        pygame.draw.line(surface, T.LINE, rect.bottomleft, rect.bottomright)
        month = month_label(sc.schedule.start, v.round, sc.schedule.months, self.lang)
        rounds = self.t("round_label", round=v.round, rounds=sc.schedule.rounds)
        title = f"{rounds} · {month} · {self.t('phase_' + v.phase)}"
        self.ink.text(surface, title, (s(14), s(6)), 17, T.TEXT, bold=True)
        seat = sess.current
        driver = self.app.driver
        if seat == CHANCE:
            line, colour = self.t("chance_rolling"), T.MUTED
        elif seat is None:
            line, colour = self.t("phase_over"), T.MUTED
        elif driver is not None and driver.thinking == seat:
            line, colour = self.t("thinking", seat=seat_name(v.game, seat, self.lang)), T.WARN
        elif seat == self.app.viewer:
            line, colour = f"{self.t('your_turn')}: {seat_name(v.game, seat, self.lang)}", T.ACCENT
        else:
            line, colour = self.t("turn_of", seat=seat_name(v.game, seat, self.lang)), T.MUTED
        if v.phase == "negotiation" and seat is not None and seat >= 0:
            n = len(v.game.seats)
            line += f" · {self.t('pass_of', n=v.turn // n + 1, m=sc.schedule.negotiation_passes)}"
        x = s(14)
        if driver is not None and driver.thinking is not None and driver.thinking == seat:
            # a small turning arc: the window is alive while the AI thinks
            r = pygame.Rect(x, s(32), s(14), s(14))
            a = (time.monotonic() * 5.0) % (2 * math.pi)
            pygame.draw.arc(surface, T.WARN, r, a, a + 4.2, max(2, s(2)))
            x += s(20)
        self.ink.text(surface, line, (x, s(30)), 13, colour)
        # who is looking
        mode = self.mode()
        if mode == UMPIRE:
            badge, bcol = self.t("viewing_umpire"), T.BAD
        elif mode == PUBLIC:
            badge, bcol = self.t("viewing_public"), T.MUTED
        else:
            badge, bcol = self.t("viewing_seat", seat=seat_name(v.game, mode, self.lang)), T.ACCENT
        bx = self._buttons_left - s(8)
        tw = self.ink.size(badge, 12, True)[0]
        box = pygame.Rect(bx - tw - s(18), s(16), tw + s(18), s(24))
        if box.left > s(14) + self.ink.size(title, 17, True)[0] + s(10):
            pygame.draw.rect(surface, (12, 15, 20), box, border_radius=s(12))
            pygame.draw.rect(surface, bcol, box, 1, border_radius=s(12))
            self.ink.text(surface, badge, box.center, 12, bcol, bold=True, anchor="center")

    def draw_over(self, surface: pygame.Surface) -> None:
        self.guide.draw_pointer(surface)
        L = self.layout()
        pos = self.app.mouse
        if L["map"].collidepoint(pos) and self.confirm is None and self.report is None:
            text = self.map.hotspot_at(pos, L["map"].topleft)
            if text:
                draw_tooltip(self.app, text, pos)

    def texts(self) -> list[str]:
        return (
            super().texts()
            + self.panel.texts()
            + (self.report.texts if self.report is not None else [])
            + (self.guide.texts if self.guide.box is not None else [])
            + self.status.texts
            + self.log.texts
            + self.map.static_texts
            + self.map.overlay_texts
            + self.map.legend_texts
        )
