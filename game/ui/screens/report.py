"""The round report on the table: a panel over the map and the log that says what happened in a
round — the event cards drawn and their odds, the dice rolled (incident risks, Russia's
reactions) with theirs, and every change to a track with an arrow and its cause. It opens by
itself the first time a seat sits down to a new round; the top bar's button (or R) opens it any
time, ◀ ▶ go through the rounds, Esc or Close shuts it."""

from __future__ import annotations

import pygame
import pygame_gui

from ... import localized, money
from .. import theme as T
from ..cards import Card
from ..i18n import STRINGS, month_label, tr
from ..report import Report
from ..views import seat_name
from .base import oid

UP, DOWN, RIGHT = "▲", "▼", "→"


def value_text(game, track, value: float, lang: str) -> str:
    if track.unit == "money":
        return money(lang, value)
    if track.unit == "rung":
        levels = game.scenario.escalation.levels
        rung = max(0, min(len(levels) - 1, int(round(value))))
        return f"{rung} {localized(levels[rung], lang)}"
    return f"{value:.0f}"


def delta_text(track, d: float, lang: str) -> str:
    if track.unit == "money":
        return ("+" if d >= 0 else "−") + money(lang, abs(d))
    if abs(d) < 1 and track.unit == "points":
        return f"{d:+.1f}".replace("-", "−")
    return f"{d:+.0f}".replace("-", "−")


def cause_text(game, cause: tuple, lang: str) -> str:
    sc = game.scenario
    kind = cause[0]
    if kind == "event":
        card = next((c for c in sc.events if c.id == cause[1]), None)
        return tr(lang, "cause_event", title=localized(card, lang, "title") if card else cause[1])
    if kind == "reaction":
        r = next((r for r in sc.reactions if r.id == cause[1]), None)
        return tr(lang, "cause_reaction", title=localized(r, lang, "title") if r else cause[1])
    if kind == "incident":
        return tr(
            lang, "cause_incident", seat=seat_name(game, cause[1], lang), kind=localized(sc.commitments[cause[2]], lang)
        )
    if kind in ("bind", "stale"):
        return tr(lang, f"cause_{kind}", id=cause[1])
    if kind == "lapse":
        return tr(lang, "cause_lapse", seat=seat_name(game, cause[1], lang))
    return tr(lang, f"cause_{kind}")


def colour_of(track, d: float):
    if abs(d) < 1e-9:
        return T.MUTED
    return T.GOOD if (d > 0) == (track.better > 0) else T.WARN


def report_card(ink, width: int, game, rep: Report, lang: str, tracks) -> Card:
    """The report as a card: title, events, dice, changes."""
    sc = game.scenario
    card = Card(ink, width, bg=T.PANEL, border=T.ACCENT)
    if rep.round == 0:
        title = tr(lang, "report_opening")
    else:
        month = month_label(sc.schedule.start, rep.round, sc.schedule.months, lang)
        title = tr(lang, "report_title", round=rep.round, month=month)
    runs = [(title, T.ACCENT, True)]
    if not rep.complete:
        runs.append(("  " + tr(lang, "report_so_far"), T.DIM, False))
    card.runs(runs, 17, gap=card.s(6))
    # events drawn
    card.text(tr(lang, "report_events"), T.ACCENT, 13, bold=True)
    if not rep.draws:
        card.text(tr(lang, "report_no_events"), T.DIM, 12)
    for d in rep.draws:
        odds = tr(lang, "report_odds", pct=_pct(d.chance))
        if d.card is None:
            card.runs([(tr(lang, "report_no_card"), T.MUTED, False)], 12)
        elif d.card == "?":
            card.runs([(tr(lang, "cause_hidden"), T.MUTED, False)], 12)
        else:
            c = next(c for c in sc.events if c.id == d.card)
            card.runs([(localized(c, lang, "title"), T.TEXT, True), ("  " + odds, T.DIM, False)], 12, gap=card.s(1))
            card.text(localized(c, lang, "text"), T.MUTED, 11, indent=card.s(10), gap=card.s(4))
    card.space(card.s(4))
    # dice
    card.text(tr(lang, "report_dice"), T.ACCENT, 13, bold=True)
    if not rep.rolls:
        card.text(tr(lang, "report_no_dice"), T.DIM, 12)
    for roll in rep.rolls:
        if roll.what == "incident":
            seat, kind = roll.key
            what = tr(
                lang,
                "report_roll_incident",
                seat=seat_name(game, seat, lang),
                kind=localized(sc.commitments[kind], lang),
            )
        else:
            r = next(r for r in sc.reactions if r.id == roll.key)
            what = tr(lang, "cause_reaction", title=localized(r, lang, "title"))
        result = tr(lang, "report_hit") if roll.hit else tr(lang, "report_miss")
        card.runs(
            [
                (_pct(roll.chance) + "  ", T.MUTED, True),
                (what, T.TEXT if roll.hit else T.MUTED, roll.hit),
                ("  " + RIGHT + " " + result, T.BAD if roll.hit else T.DIM, roll.hit),
            ],
            12,
            indent=0,
        )
    card.space(card.s(6))
    # changes
    card.text(tr(lang, "report_changes"), T.ACCENT, 13, bold=True)
    moved = set(rep.moved())
    if not moved:
        card.text(tr(lang, "report_no_change"), T.DIM, 12)
    for track in tracks:
        keys = [k for k in rep.start if k[0] == track.id and k in moved]
        if not keys:
            continue
        if track.per_seat:
            # the round's accounts move most seats' numbers: said once, for the whole block
            accounts = tr(lang, f"cause_accounts_{track.id}") if f"cause_accounts_{track.id}" in STRINGS["en"] else ""
            card.runs([(track.name(game, lang), T.TEXT, True), ("   " + accounts, T.DIM, False)], 12)
        for key in keys:
            _change_line(card, game, rep, track, key, lang)
        card.space(card.s(3))
    others = [n for n in rep.news if n.kind in ("lapse", "arrears", "sign", "hold", "stale", "fail", "result")]
    if others:
        from ..views import _describe  # noqa: PLC0415 - the log's own words for these lines

        card.text(tr(lang, "report_also"), T.ACCENT, 13, bold=True)
        for n in others:
            card.text("· " + _describe(game, n, lang), T.MUTED, 12)
    return card


def _change_line(card: Card, game, rep: Report, track, key, lang: str) -> None:
    """``name  before → after ▲  +3 Event: ...; −1 the round's accounts``."""
    b, a = rep.start[key], rep.end[key]
    d = a - b
    name = track.name(game, lang) if key[1] is None else seat_name(game, key[1], lang)
    arrow = UP if d > 0 else DOWN
    runs = [
        (name + "  ", T.TEXT, key[1] is None),
        (value_text(game, track, b, lang) + f" {RIGHT} ", T.MUTED, False),
        (value_text(game, track, a, lang) + " " + arrow, colour_of(track, d), True),
    ]
    causes: dict[tuple, float] = {}
    for c in rep.changes:
        if (c.track, c.seat) == key:
            causes[c.cause] = causes.get(c.cause, 0.0) + (c.after - c.before)
    parts = [(cause, dv) for cause, dv in causes.items() if abs(dv) > 1e-9]
    for i, (cause, dv) in enumerate(parts):
        runs.append(("   " if i == 0 else "; ", T.MUTED, False))
        said = track.per_seat and cause == ("accounts",)  # the block's title says it
        runs.append((delta_text(track, dv, lang) + ("" if said else " "), colour_of(track, dv), True))
        if not said:
            runs.append((cause_text(game, cause, lang), T.MUTED, False))
    card.runs(runs, 12, indent=card.s(10) if key[1] is not None else 0)


def _pct(p: float) -> str:
    pct = p * 100
    return f"{pct:.0f}%" if pct >= 1 or pct == 0 else f"{pct:.1f}%"


def brief_card(ink, width: int, game, rep: Report, lang: str, tracks) -> Card:
    """The public gist of a round for the hand-over screen: the cards drawn, what Russia did,
    and how the table's tracks moved (the full report opens at the table)."""
    sc = game.scenario
    card = Card(ink, width, bg=T.PANEL, border=T.LINE)
    if rep.round == 0:
        card.text(tr(lang, "report_opening"), T.ACCENT, 13, bold=True)
    else:
        month = month_label(sc.schedule.start, rep.round, sc.schedule.months, lang)
        card.text(tr(lang, "report_title", round=rep.round, month=month), T.ACCENT, 13, bold=True)
    for d in rep.draws:
        c = next((c for c in sc.events if c.id == d.card), None)
        if c is not None:
            card.runs([(tr(lang, "cause_event", title=localized(c, lang, "title")), T.TEXT, False)], 12)
    for roll in rep.rolls:
        if roll.hit:
            if roll.what == "incident":
                seat, kind = roll.key
                what = tr(
                    lang, "cause_incident", seat=seat_name(game, seat, lang), kind=localized(sc.commitments[kind], lang)
                )
            else:
                r = next(r for r in sc.reactions if r.id == roll.key)
                what = tr(lang, "cause_reaction", title=localized(r, lang, "title"))
            card.runs([(what, T.WARN, False), (f"  ({_pct(roll.chance)})", T.DIM, False)], 12)
    moved = set(rep.moved())
    runs = []
    for track in tracks:
        key = (track.id, None)
        if track.per_seat or key not in moved:
            continue
        b, a = rep.start[key], rep.end[key]
        if runs:
            runs.append(("   ", None, False))
        runs += [
            (track.name(game, lang) + " ", T.MUTED, False),
            (f"{value_text(game, track, b, lang)} {RIGHT} ", T.MUTED, False),
            (value_text(game, track, a, lang) + (" " + UP if a > b else " " + DOWN), colour_of(track, a - b), True),
        ]
    if runs:
        card.runs(runs, 12)
    card.text(tr(lang, "handover_report_more"), T.DIM, 11)
    return card


class ReportOverlay:
    """The report panel of the table screen, over ``rect`` (the map and the log)."""

    def __init__(self, screen, round_: int):
        self.screen = screen
        self.round = round_
        self.widgets: list = []
        self.texts: list[str] = []

    @property
    def app(self):
        return self.screen.app

    def build(self, rect: pygame.Rect) -> None:
        self.close()
        s, m, lang = self.screen.s, self.app.manager, self.app.lang
        sess = self.app.session
        chron = sess.chronicle()
        game = sess.game
        me = self.app.viewer if isinstance(self.app.viewer, int) else None
        rep = chron.report(self.round)
        if not self.app.umpire:
            rep = rep.for_viewer(me if me is not None else -1)
        panel = pygame_gui.elements.UIPanel(rect, starting_height=3, manager=m, object_id=oid("report_panel", "panel"))
        self.widgets.append(panel)
        self.screen.w["report_panel"] = panel
        bar_h = s(44)
        inner = pygame.Rect(s(6), s(6), rect.width - s(12), rect.height - bar_h - s(12))
        box = pygame_gui.elements.UIScrollingContainer(inner, m, container=panel, allow_scroll_x=False)
        card = report_card(self.app.ink, inner.width - s(22), game, rep, lang, chron.tracks)
        surf = card.render()
        pygame_gui.elements.UIImage(pygame.Rect((0, 0), surf.get_size()), surf, m, container=box)
        box.set_scrollable_area_dimensions((inner.width - s(22), surf.get_height()))
        self.texts = card.texts
        y = rect.height - bar_h
        last = sess.state.round
        for name, key, x, w, ok in (
            ("report_prev", "btn_prev_round", s(8), s(130), self.round > 0),
            ("report_next", "btn_next_round", s(146), s(130), self.round < last and chron.opened(self.round + 1)),
            ("report_close", "btn_close", rect.width - s(148), s(140), True),
        ):
            b = pygame_gui.elements.UIButton(
                pygame.Rect(x, y, w, s(36)), tr(lang, key), m, container=panel, object_id=oid(name, "chip")
            )
            if not ok:
                b.disable()
            self.screen.w[name] = b

    def close(self) -> None:
        for w in self.widgets:
            w.kill()
        self.widgets = []
        for name in ("report_panel", "report_prev", "report_next", "report_close"):
            self.screen.w.pop(name, None)

    def handle(self, event) -> str | None:
        """``close``, ``prev`` or ``next`` for a click on its buttons."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            for name in ("close", "prev", "next"):
                if event.ui_element is self.screen.w.get(f"report_{name}"):
                    return name
        return None
