"""The round report: what happened between one round's table and the next, and why.

``Chronicle`` replays a game's actions (kept in step with the session's state as it grows or is
taken back) and records, for every step, the chance odds of its outcome, the news it made and
each track (``narrate.TRACKS``: credibility, escalation, funds, support...) it moved. A
``Report`` gathers one round: the event cards drawn, the dice rolled with their odds, and every
change to a track with its cause (an event, an incident, a Russian reaction, an agreement binding
or lapsing, the round's accounts, a calmer ladder). ``for_viewer`` keeps what a seat may see.

A round's window runs from the moment its table opens (its event cards drawn) to the moment the
next round's table opens, so the report shown at the start of a round also has that round's own
event cards. Pure Python: nothing here imports pygame.
"""

from __future__ import annotations

import attrs

from .. import TRACKS, Game, News, State, apply, chance_outcomes, cons_list, new_game, track_values
from .. import actions as A


@attrs.frozen
class Roll:
    """A die the game rolled: an incident risk or a Russian reaction, with its odds."""

    what: str  # "incident" or "reaction"
    key: object  # (seat, kind) for an incident, the reaction's id for a reaction
    chance: float  # of it happening
    hit: bool
    visible_to: frozenset[int] | None = None


@attrs.frozen
class Change:
    """A track moved by one cause: ``("event", card id)``, ``("incident", seat, kind)``,
    ``("reaction", id)``, ``("bind", agreement id)``, ``("stale", id)``, ``("calm",)``,
    ``("accounts",)`` (budgets in, bills out, the commitments' strain at home)."""

    track: str
    seat: int | None
    before: float
    after: float
    cause: tuple
    visible_to: frozenset[int] | None = None  # the cause's visibility (a secret event's effects)


@attrs.frozen
class Draw:
    """An event card drawn (``card`` None: no card could happen), with its odds."""

    card: str | None
    chance: float
    visible_to: frozenset[int] | None = None


@attrs.frozen
class Report:
    round: int
    start: dict  # track values when the round's table opened
    end: dict  # ... when the next round's table opened (or now, or at the end)
    draws: tuple[Draw, ...] = ()
    rolls: tuple[Roll, ...] = ()
    changes: tuple[Change, ...] = ()
    news: tuple[News, ...] = ()  # what else happened worth a line: binds, lapses, arrears, signing...
    complete: bool = False  # the next round's table has opened (or the game is over)

    def for_viewer(self, seat) -> Report:
        """What ``seat`` (an index, or None for the umpire) may see of it."""
        if seat is None:
            return self

        def sees(v):
            return v is None or seat in v

        return attrs.evolve(
            self,
            draws=tuple(d if sees(d.visible_to) else attrs.evolve(d, card="?") for d in self.draws),
            rolls=tuple(r for r in self.rolls if sees(r.visible_to)),
            changes=tuple(c if sees(c.visible_to) else attrs.evolve(c, cause=("hidden",)) for c in self.changes),
            news=tuple(n for n in self.news if n.visible(seat)),
        )

    def moved(self) -> list[tuple[str, int | None]]:
        """The tracks whose value differs at the end, in ``TRACKS`` order."""
        return [key for key in self.start if abs(self.end.get(key, 0) - self.start[key]) > 1e-9]


#: News that explain a change or deserve a line in the report.
REPORTED = ("bind", "stale", "lapse", "arrears", "calm", "sign", "hold", "result", "fail")


@attrs.frozen
class _Step:
    round: int
    action: object
    chance: float | None
    news: tuple[News, ...]
    changes: tuple[Change, ...]
    opens: int | None  # the round whose table this step opens


class Chronicle:
    """Every step of one game, kept in step with the session (``sync``)."""

    def __init__(self, game: Game, seed: int):
        self.game = game
        self.seed = seed
        self.tracks = tuple(t for t in TRACKS if t.shown(game))
        first = new_game(game, seed)
        self.states: list[State] = [first]
        self.actions: list = []
        self.steps: list[_Step] = []
        self._values = [track_values(first, self.tracks)]
        self._opens: dict[int, int] = {}  # round -> number of steps taken when its table opened
        if not _drawing(first):
            self._opens[first.round] = 0

    def sync(self, state: State) -> None:
        """Follow ``state`` (the same game, moved on or taken back)."""
        if state is self.states[-1]:
            return
        history = cons_list(state.history)
        n = 0
        limit = min(len(history), len(self.actions))
        while n < limit and history[n] == self.actions[n]:
            n += 1
        if n < len(self.actions):
            del self.actions[n:], self.steps[n:], self.states[n + 1 :], self._values[n + 1 :]
            self._opens = {r: i for r, i in self._opens.items() if i <= n}
        for action in history[n:]:
            self._step(action)
        self.states[-1] = state  # the same position; keep the session's object for the quick check

    def _step(self, action) -> None:
        before, values = self.states[-1], self._values[-1]
        chance = None
        if isinstance(action, A.CHANCE_ACTIONS):
            chance = next((p for a, p in chance_outcomes(before) if a == action), None)
        after = apply(before, action)
        new_values = track_values(after, self.tracks)
        news = _new_news(before.news, after.news)
        changes = _attribute(self.game, action, news, values, new_values)
        opens = None
        if (
            _drawing(before)
            and not _drawing(after)
            and after.round == before.round
            or after.round > before.round
            and not _drawing(after)
        ):
            opens = after.round
        if opens is not None:
            self._opens[opens] = len(self.actions) + 1
        self.actions.append(action)
        self.states.append(after)
        self._values.append(new_values)
        self.steps.append(_Step(before.round, action, chance, news, changes, opens))

    def report(self, round_: int) -> Report:
        """The report of ``round_`` (0: the opening, up to round 1's table)."""
        start = self._opens.get(round_, 0) if round_ > 0 else 0
        end_at = self._opens.get(round_ + 1)
        over = self.states[-1].phase == "over"
        stop = end_at if end_at is not None else len(self.steps)
        draws, rolls, changes, news = [], [], [], []
        sc = self.game.scenario
        for step in self.steps[start:stop]:
            a = step.action
            if isinstance(a, A.Draw):
                card = next((c for c in sc.events if c.id == a.card), None)
                draws.append(Draw(a.card, step.chance or 1.0, _vis(self.game, card.visible_to) if card else None))
            elif isinstance(a, A.Incident):
                key = (self.game.seat_index[a.actor], self.game.kind_index[a.kind])
                rolls.append(Roll("incident", key, step.chance or 0.0, a.hit))
            elif isinstance(a, A.React):
                reaction = next(r for r in sc.reactions if r.id == a.reaction)
                rolls.append(
                    Roll("reaction", a.reaction, step.chance or 0.0, a.hit, _vis(self.game, reaction.visible_to))
                )
            changes += step.changes
            news += [n for n in step.news if n.kind in REPORTED]
        return Report(
            round=round_,
            start=self._values[start],
            end=self._values[stop],
            draws=tuple(draws),
            rolls=tuple(rolls),
            changes=tuple(changes),
            news=tuple(news),
            complete=end_at is not None or over,
        )

    def opened(self, round_: int) -> bool:
        """Whether ``round_``'s table has opened (its cards drawn)."""
        return round_ in self._opens


def _drawing(state: State) -> bool:
    return bool(state.pending) and state.pending[0][0] == "draw"


def _vis(game: Game, ids) -> frozenset[int] | None:
    return frozenset(game.seat_index[i] for i in ids) if ids else None


def _new_news(before, after) -> tuple[News, ...]:
    out = []
    cell = after
    while cell is not None and cell is not before:
        cell, item = cell
        out.append(item)
    return tuple(reversed(out))


def _attribute(game: Game, action, news: tuple[News, ...], before: dict, after: dict) -> tuple[Change, ...]:
    """Each track the step moved, with the cause that moved it."""
    moved = [k for k in after if abs(after[k] - before.get(k, after[k])) > 1e-9]
    if not moved:
        return ()
    sc = game.scenario
    primary, visible = None, None
    if isinstance(action, A.Draw) and action.card:
        primary = ("event", action.card)
        card = next(c for c in sc.events if c.id == action.card)
        visible = _vis(game, card.visible_to)
    elif isinstance(action, A.Incident) and action.hit:
        primary = ("incident", game.seat_index[action.actor], game.kind_index[action.kind])
    elif isinstance(action, A.React) and action.hit:
        primary = ("reaction", action.reaction)
        visible = _vis(game, next(r for r in sc.reactions if r.id == action.reaction).visible_to)
    kinds = {n.kind: n for n in news}
    out = []
    for key in moved:
        track, seat = key
        b, a = before[key], after[key]
        if track == "escalation" and "calm" in kinds:
            out.append(Change(track, seat, b, b - 1, ("calm",)))
            b -= 1
            if abs(a - b) < 1e-9:
                continue
        if primary is not None:
            cause = primary
        elif "bind" in kinds:
            cause = ("bind", kinds["bind"].data[0])
        elif "stale" in kinds:
            cause = ("stale", kinds["stale"].data[0])
        elif "lapse" in kinds and track in ("credibility", "alarm"):
            cause = ("lapse", kinds["lapse"].data[0])
        else:
            cause = ("accounts",)
        out.append(Change(track, seat, b, a, cause, visible))
    return tuple(out)
