"""Mandates: the condition each seat's government sets for the deal, dealt in secret at the start.

A seat's scenario lists the mandates its government might set (``Private.mandates``); at the start
of a game one is dealt to it from the seed (a stream of its own, so the chance steps draw as they
would without mandates), and only that seat sees which. Its ``mandate`` objective scores the
mandate's weight if the deal is signed and, at the end, every part of the mandate holds.

Why (docs/design.md, "Mandates"): a shared deal moves every seat's score together, so the race
for first place was decided by a point or two; a secret mandate is a prize that goes to different
seats in different games, by what the deal they bargain for gives them.
"""

from __future__ import annotations

import random
from typing import NamedTuple

from ..scenario.model import Mandate
from .credibility import contributions, in_force
from .negotiation import bills
from .state import BAD_TERMS, SIGNED, Game, State


def deal(game: Game, seed: int) -> tuple[int, ...]:
    """Each seat's dealt mandate (an index into its ``mandates``; -1 for a seat without any)."""
    rng = random.Random(f"mandates:{seed}")  # its own stream: the chance steps' draws are untouched
    out = []
    for actor in game.scenario.seats:
        options = actor.private.mandates if actor.private is not None else ()
        out.append(rng.randrange(len(options)) if options else -1)
    return tuple(out)


def dealt(state: State, seat: int) -> Mandate | None:
    """The mandate dealt to ``seat``, or None (none dealt, or hidden from the view's seat)."""
    index = state.mandates[seat] if state.mandates else -1
    private = state.game.scenario.seats[seat].private
    if index < 0 or private is None or index >= len(private.mandates):
        return None
    return private.mandates[index]


class Terms(NamedTuple):
    """A mandate in the compiled game's indices."""

    leads: bool
    gives: tuple[tuple[int, int], ...]  # (kind, least units)
    gives_none: tuple[int, ...]
    share_at_most: float | None
    signed_by: int | None
    credibility_at_least: float | None
    committed: tuple[int, ...]
    not_committed: tuple[int, ...]


def terms(game: Game, mandate: Mandate) -> Terms:
    """The mandate with kind ids turned into the game's indices (kept per game and mandate)."""
    key = (game.hash, id(mandate))
    held = _TERMS.get(key)
    if held is None or held[0] is not mandate:
        k = game.kind_index
        compiled = Terms(
            mandate.leads,
            tuple((k[kind], n) for kind, n in mandate.gives.items()),
            tuple(k[kind] for kind in mandate.gives_none),
            mandate.bill_share_at_most,
            mandate.signed_by,
            mandate.credibility_at_least,
            tuple(k[kind] for kind in mandate.committed),
            tuple(k[kind] for kind in mandate.not_committed),
        )
        if len(_TERMS) > 256:
            _TERMS.clear()
        held = _TERMS[key] = (mandate, compiled)
    return held[1]


_TERMS: dict[tuple, tuple[Mandate, Terms]] = {}  # (game hash, id(mandate)) -> (the mandate, its terms)


def holds(
    t: Terms,
    seat: int,
    units: dict[tuple[int, int], int],
    out: list[float],
    bill_of: list[float] | None,
    credibility: float,
    signed_round: int,
) -> bool:
    """Whether every part of the mandate holds: ``units`` in force by (giver, kind), each seat's
    contribution ``out``, each seat's yearly bill (read only if the mandate caps its share), the
    credibility and the round the deal is (or would be) signed in."""
    if t.signed_by is not None and signed_round > t.signed_by:
        return False
    if t.credibility_at_least is not None and credibility < t.credibility_at_least:
        return False
    for kind, least in t.gives:
        if units.get((seat, kind), 0) < least:
            return False
    for kind in t.gives_none:
        if units.get((seat, kind), 0) > 0:
            return False
    if t.committed or t.not_committed:
        kinds = {k for (_, k), n in units.items() if n > 0}
        if any(k not in kinds for k in t.committed) or any(k in kinds for k in t.not_committed):
            return False
    if t.leads and not (out[seat] > 0.0 and out[seat] >= max(out)):
        return False
    if t.share_at_most is not None and bill_of is not None:
        total = sum(bill_of)
        share = 100 * bill_of[seat] / total if total > 0 else 0.0
        if share > t.share_at_most + 1e-9:
            return False
    return True


def met_now(state: State, seat: int, mandate: Mandate, raw: list[float] | None = None) -> bool:
    """Whether ``mandate`` holds for ``seat`` in ``state`` (the deal's round: the round it was
    signed in, or the earliest it still could be)."""
    g = state.game
    t = terms(g, mandate)
    when = state.signed_round
    if when is None:
        when = max(state.round, g.scenario.acceptance.earliest_round)
    out = raw if raw is not None else (contributions(g, state.agreements) if t.leads else [])
    bill_of = bills(g, state.agreements) if t.share_at_most is not None else None
    return holds(t, seat, in_force(state.agreements), out, bill_of, state.credibility, when)


def value(state: State, seat: int) -> tuple[float, Mandate | None]:
    """The `mandate` objective's value at the end (the mandate's ``value`` if the deal is signed
    and the mandate met, else 0), and the mandate."""
    mandate = dealt(state, seat)
    if mandate is None:
        return 0.0, None
    result = state.result or state.deal
    if result not in (SIGNED, BAD_TERMS):
        return 0.0, mandate
    return (mandate.value if met_now(state, seat, mandate) else 0.0), mandate
