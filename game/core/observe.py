"""What a seat may know: ``observe(state, seat)`` strips everything private to other seats.

An observation carries a *view*: a State of the same shape as the real one, in which the scenario
has every other seat's private information removed, offers the seat is not party to are gone,
only its own draft remains, news it may not see is dropped and the action history is cut (it
holds others' drafting steps). Agents can run the rules on the view for look-ahead; the GUI
renders only views. The umpire (``seat=None``) sees everything.
"""

from __future__ import annotations

import attrs

from ..scenario.model import Persona, Private, Scenario
from .state import CHANCE, Game, State, replace

_VIEWS: dict[tuple[int, int], Game] = {}


def redact(scenario: Scenario, seat_id: str) -> Scenario:
    """The scenario as ``seat_id`` may read it: other seats' private data and personas removed."""
    actors = tuple(a if a.id == seat_id else attrs.evolve(a, private=None, persona=Persona()) for a in scenario.actors)
    return attrs.evolve(scenario, actors=actors)


def view_game(game: Game, seat: int) -> Game:
    """The compiled game as ``seat`` may read it (cached per game and seat)."""
    key = (id(game), seat)
    cached = _VIEWS.get(key)
    if cached is None or cached.hash != game.hash:
        cached = attrs.evolve(Game.from_scenario(redact(game.scenario, game.seats[seat])), hash=game.hash)
        # check_feasible's and contributions' answers read only public data (forces, kinds, names):
        # the views share the game's memos rather than fill one each (one cap for all, and what
        # one seat worked out serves the others)
        cached.cache.feasible = game.cache.feasible
        cached.cache.contributions = game.cache.contributions
        if len(_VIEWS) > 256:
            _VIEWS.clear()
        _VIEWS[key] = cached
    return cached


def _visible_news(cell, seat: int):
    """The news ``seat`` may see, a cons list like ``cell``. The news only grows, so the answer for
    the last news this seat was shown is kept and the newer cells alone are walked."""
    known, known_out = _NEWS.get(seat, (None, None))
    top = cell
    kept = []
    while cell is not None and cell is not known:
        cell, item = cell
        if item.visible(seat):
            kept.append(item)
    out = known_out if cell is not None else None  # the walk met the kept news, or reached the start
    for item in reversed(kept):
        out = (out, item)
    _NEWS[seat] = (top, out)
    return out


#: seat -> (the last news cell it was shown the visible part of, that part); holding the cell keeps
#: its identity from being reused by another cons list
_NEWS: dict[int, tuple] = {}


class Observation:
    """One seat's view of the game, built on first use (a random agent never needs it).

    Agents read ``view`` (a redacted State), ``private`` and ``seat``; the state it was taken from
    is kept only to build the view lazily and is not part of the observation's interface.
    """

    __slots__ = ("seat", "_state", "_view")

    def __init__(self, state: State, seat: int):
        self.seat = seat
        self._state = state
        self._view: State | None = None

    @property
    def view(self) -> State:
        if self._view is None:
            self._view = _redacted(self._state, self.seat)
        return self._view

    @property
    def seat_id(self) -> str:
        return self._state.game.seats[self.seat]

    @property
    def private(self) -> Private | None:
        """This seat's own private information."""
        return self._state.game.scenario.seats[self.seat].private


def _redacted(state: State, seat: int) -> State:
    from .rules import current_seat  # noqa: PLC0415 - rules imports this module's users

    sc, me = state.game.scenario, state.game.seats[seat]
    secret = {c.id for c in sc.events if c.visible_to and me not in c.visible_to}
    return replace(
        state,
        game=view_game(state.game, seat),
        seed=0,  # the seed would let a seat foresee chance
        used_cards=state.used_cards - secret,
        offers=tuple(o for o in state.offers if seat == o.proposer or seat in o.addressees()),
        draft=state.draft if current_seat(state) == seat else None,
        history=None,
        news=_visible_news(state.news, seat),
        mandates=tuple(m if i == seat else -1 for i, m in enumerate(state.mandates)),
    )


def observe(state: State, seat: int | str) -> Observation:
    """What ``seat`` (index or id) may know of ``state``."""
    if isinstance(seat, str):
        seat = state.game.seat_index[seat]
    return Observation(state, seat)


__all__ = ["observe", "Observation", "redact", "view_game", "CHANCE"]
