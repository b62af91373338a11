"""The window's screens set up for a picture (``tools/screenshots.py``) or a measurement: each
``SHOTS[name](lang, size)`` opens a window on that screen through the window's own code, with
the AI seats held still, and returns the ``App`` (a few frames later it is ready to save)."""

from __future__ import annotations

import time

from .. import Game, State, actions, is_over, load_game
from ..paths import DEFAULT_SCENARIO
from . import demo
from .app import App
from .session import HUMAN, Session

_CACHE: dict[str, object] = {}


def _game() -> Game:
    if "game" not in _CACHE:
        _CACHE["game"] = load_game(DEFAULT_SCENARIO)
    return _CACHE["game"]


def _moment() -> State:
    if "moment" not in _CACHE:
        _CACHE["moment"] = demo.table_moment(_game(), seed=7, rounds=4)
    return _CACHE["moment"]


def table_app(state: State, lang: str, size, viewer: str | None = "fr", tab: str | None = None, report=False) -> App:
    """A window at the table on ``state``, ``viewer``'s seat at the screen (None: the hand-over)."""
    game = _game()
    players = {s: (HUMAN if s in ("fr", "ua") else "negotiator") for s in game.seats}
    app = App(lang=lang, size=size, realtime=False)
    app.start(Session(game, state, str(DEFAULT_SCENARIO), players, autosave=False))
    app.driver.paused = True  # keep the AIs still for the picture
    if viewer is not None:
        app.take_screen(game.seat_index[viewer])
    if tab:
        app.screen.panel.set_tab(tab)
    if viewer is not None and hasattr(app.screen, "open_report"):
        app.frame()  # the table opens the round report by itself on a new round
        if report is False:
            app.screen.close_report()
        else:
            app.screen.open_report(report)
    return app


def setup(lang, size) -> App:
    from .screens.setup import SetupScreen  # noqa: PLC0415

    app = App(lang=lang, size=size, realtime=False)
    app.show(SetupScreen(app))
    return app


def handover(lang, size) -> App:
    return table_app(_moment(), lang, size, viewer=None)


def table(lang, size) -> App:
    return table_app(_moment(), lang, size, tab="offers")


def offers(lang, size) -> App:
    return table_app(demo.two_offers_moment(_game(), seed=7, rounds=4), lang, size, tab="offers")


def builder(lang, size) -> App:
    app = table_app(_moment(), lang, size, tab="offers")
    game = _game()
    offer = next(o for o in app.screen.view.offers if game.seat_index["fr"] in o.needs())
    app.screen.panel.counter(offer.id)
    return app


def report(lang, size) -> App:
    return table_app(_moment(), lang, size, tab="offers", report=_moment().round - 1)


def agreements(lang, size) -> App:
    return table_app(_moment(), lang, size, tab="agreements")


def briefing(lang, size) -> App:
    return table_app(_moment(), lang, size, tab="briefing")


def decision(lang, size) -> App:
    return table_app(demo.decision_moment(_game(), seed=7, rounds=3), lang, size, viewer="ua")


def end(lang, size) -> App:
    state = demo.late_game(_game(), seed=7, rounds=99, sign=True)
    assert is_over(state)
    app = table_app(state, lang, size, viewer=None)
    app.screen.go(len(app.screen.frames) // 2)
    return app


def rules(lang, size) -> App:
    app = table_app(_moment(), lang, size, tab="offers")
    app.help_open = True
    app.help_page = "rules"
    return app


def guide(lang, size) -> App:
    game = _game()
    state = demo.first_turn(game, seed=7, seat="fr")
    app = table_app(state, lang, size, tab=None, report=False)
    app.start_guide()
    return app


def thinking(lang, size) -> App:

    app = table_app(_moment(), lang, size, tab="offers")
    app.realtime = True
    app.set_speed("normal")
    session, me = app.session, _game().seat_index["fr"]
    for offer in list(session.state.offers):
        if me in offer.needs():
            session.play(me, [actions.Reject(offer.id)])
    session.play(me, [actions.EndTurn()])
    app.driver.paused = False
    end_at = time.monotonic() + 10
    while app.driver.thinking is None and time.monotonic() < end_at:
        app.frame()
    return app


SHOTS = {
    "setup": setup,
    "handover": handover,
    "table": table,
    "offers": offers,
    "builder": builder,
    "report": report,
    "agreements": agreements,
    "briefing": briefing,
    "decision": decision,
    "guide": guide,
    "rules": rules,
    "end": end,
    "thinking": thinking,
}
