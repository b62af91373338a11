"""The game's state: frozen records with structural sharing.

``Game`` is the immutable, compiled form of a scenario (ids resolved to indices, limits
precomputed). ``State`` is one moment of play; ``apply`` returns a new ``State`` that shares every
part that did not change. Seats, kinds and resources are referred to by index inside the state and
by id in actions, records and observations.
"""

from __future__ import annotations

import hashlib
import json
import operator
from collections.abc import Callable
from typing import Any

import attrs
import cattrs

from ..scenario.model import RESOURCES, Scenario
from . import actions as A
from .cache import Cache

PHASES = ("events", "negotiation", "commitment", "resolution", "over")
CHANCE = -1  # current_seat() of a chance step

#: Outcomes of a finished game.
SIGNED, BAD_TERMS, NO_DEAL, COLLAPSE = "signed", "bad_terms", "no_deal", "collapse"


def scenario_hash(scenario: Scenario) -> str:
    """A content hash of the scenario's data (comments and layout do not count)."""
    data = cattrs.Converter().unstructure(scenario)
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@attrs.frozen
class Game:
    """A scenario compiled for play: indices and limits the rules look up on every step."""

    scenario: Scenario
    seats: tuple[str, ...]
    seat_index: dict[str, int]
    kinds: tuple[str, ...]
    kind_index: dict[str, int]
    resource: tuple[int, ...]  # per kind: index into Forces order, or -1 for money only
    may_give: tuple[tuple[int, ...], ...]  # per seat: kinds it may give (not barred by a hard red line)
    hard_max: tuple[tuple[int | None, ...], ...]  # per seat, per kind: hard red-line limit
    soft_max: tuple[tuple[int | None, ...], ...]  # per seat, per kind: soft red-line limit
    terms: tuple[int, ...]
    term_credit: dict[int, float]
    acceptor: int
    top: int  # the collapse rung
    year_fraction: float  # a round as a fraction of a year
    hash: str
    table: ActionTable = attrs.field(eq=False, repr=False)  # every action object, built once
    #: The fast path's memos (``cache.py``): not part of the game's value, nor of its equality.
    cache: Cache = attrs.field(default=None, eq=False, repr=False, init=False)
    givers: tuple[int, ...] = attrs.field(default=(), eq=False, repr=False, init=False)  # seats that may give anything
    #: What 'draft' starts from.
    fresh_draft: Proposal = attrs.field(default=None, eq=False, repr=False, init=False)
    #: Per kind: (forces per unit, rotation after years or None, rotation factor), for ``draw``.
    draws: tuple = attrs.field(default=(), eq=False, repr=False, init=False)
    #: Per kind: its synergies as (other kind, giver seats, units needed, multiplier).
    synergies: tuple = attrs.field(default=(), eq=False, repr=False, init=False)
    #: Per seat, per kind: domestic support lost when its soft red line on that kind is crossed.
    soft_support: tuple[tuple[float, ...], ...] = attrs.field(default=(), eq=False, repr=False, init=False)
    #: Per kind: Russian alarm per unit in force.
    alarm: tuple[float, ...] = attrs.field(default=(), eq=False, repr=False, init=False)
    #: Per seat: the percent of the bills its soft share red line allows (None: no such line).
    share_max: tuple[int | None, ...] = attrs.field(default=(), eq=False, repr=False, init=False)
    #: Per seat: what each result is worth on its peace objective, and its delay cost per round.
    outcome_values: tuple[dict[str, float], ...] = attrs.field(default=(), eq=False, repr=False, init=False)
    #: Numbers the rules read on every step, one attribute away rather than three.
    n_seats: int = attrs.field(default=0, eq=False, repr=False, init=False)
    edits_per_turn: int = attrs.field(default=0, eq=False, repr=False, init=False)
    max_items: int = attrs.field(default=0, eq=False, repr=False, init=False)
    share_step: int = attrs.field(default=0, eq=False, repr=False, init=False)
    lapse_below: float = attrs.field(default=0.0, eq=False, repr=False, init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "givers", tuple(s for s, kinds in enumerate(self.may_give) if kinds))
        object.__setattr__(self, "n_seats", len(self.seats))
        object.__setattr__(self, "edits_per_turn", self.scenario.schedule.edits_per_turn)
        object.__setattr__(self, "max_items", self.scenario.schedule.max_items)
        object.__setattr__(self, "share_step", self.scenario.schedule.share_step)
        object.__setattr__(self, "lapse_below", self.scenario.domestic.lapse_below)
        sched = self.scenario.schedule
        object.__setattr__(
            self, "cache", Cache(self.table.term, self.table.deadline, len(self.seats), sched.share_step)
        )
        object.__setattr__(
            self,
            "draws",
            tuple(
                (k.per_unit, k.rotation.after_years, k.rotation.factor)
                if k.rotation is not None
                else (k.per_unit, None, 1.0)
                for k in self.scenario.commitments
            ),
        )
        everyone = tuple(range(len(self.seats)))
        object.__setattr__(
            self,
            "synergies",
            tuple(
                tuple(
                    (
                        self.kind_index[syn.kind],
                        tuple(self.seat_index[g] for g in syn.givers) if syn.givers else everyone,
                        syn.min_units,
                        syn.multiplier,
                    )
                    for syn in kind.synergies
                )
                for kind in self.scenario.commitments
            ),
        )
        object.__setattr__(self, "alarm", tuple(k.alarm for k in self.scenario.commitments))
        support = [[0.0] * len(self.kinds) for _ in self.seats]
        for s, actor in enumerate(self.scenario.seats):
            for line in actor.red_lines:
                if not line.hard:
                    support[s][self.kind_index[line.kind]] = line.support
        object.__setattr__(self, "soft_support", tuple(tuple(row) for row in support))
        object.__setattr__(
            self,
            "share_max",
            tuple(a.share_red_line.max_percent if a.share_red_line else None for a in self.scenario.seats),
        )
        peace = self.scenario.peace
        object.__setattr__(
            self,
            "outcome_values",
            tuple(
                {
                    name: value if value is not None else getattr(peace, name)
                    for name, value in attrs.asdict(a.private.outcomes).items()
                }
                if a.private is not None
                else attrs.asdict(peace)
                for a in self.scenario.seats
            ),
        )
        object.__setattr__(
            self,
            "fresh_draft",
            Proposal(term=self.terms[len(self.terms) // 2], deadline=self.scenario.schedule.deadline),
        )

    @classmethod
    def from_scenario(cls, scenario: Scenario) -> Game:
        """Compile a (valid) scenario."""
        seats = tuple(a.id for a in scenario.seats)
        kinds = tuple(k.id for k in scenario.commitments)
        kind_index = {k: i for i, k in enumerate(kinds)}
        hard: list[list[int | None]] = [[None] * len(kinds) for _ in seats]
        soft: list[list[int | None]] = [[None] * len(kinds) for _ in seats]
        for s, actor in enumerate(scenario.seats):
            for line in actor.red_lines:
                table = hard if line.hard else soft
                table[s][kind_index[line.kind]] = line.max_units
        may_give = tuple(
            tuple(
                k
                for k, kind in enumerate(scenario.commitments)
                if (not kind.givers or seat in kind.givers) and hard[s][k] != 0
            )
            for s, seat in enumerate(seats)
        )
        return cls(
            table=ActionTable.build(scenario, seats, kinds, tuple(t.years for t in scenario.credibility.terms)),
            scenario=scenario,
            seats=seats,
            seat_index={s: i for i, s in enumerate(seats)},
            kinds=kinds,
            kind_index=kind_index,
            resource=tuple(RESOURCES.index(k.resource) if k.resource else -1 for k in scenario.commitments),
            may_give=may_give,
            hard_max=tuple(tuple(row) for row in hard),
            soft_max=tuple(tuple(row) for row in soft),
            terms=tuple(t.years for t in scenario.credibility.terms),
            term_credit={t.years: t.credit for t in scenario.credibility.terms},
            acceptor=seats.index(scenario.acceptance.seat),
            top=len(scenario.escalation.levels) - 1,
            year_fraction=scenario.schedule.months / 12,
            hash=scenario_hash(scenario),
        )

    def draw(self, seat: int, kind: int, units: int, years: int) -> float:
        """Forces a commitment ties up: units x per-unit, times rotation for long terms."""
        per_unit, after, factor = self.draws[kind]
        amount = units * per_unit
        if after is not None and years > after:
            amount *= factor
        return amount


class ActionTable:
    """The negotiation actions of a game, built once, so that listing legal actions picks
    existing objects instead of making new ones."""

    def __init__(self, add, share, term, invite, deadline, remove=None, draw=None):
        self.add = add  # [seat][kind] -> tuple of (units, Add)
        self.remove = remove  # [seat][kind] -> Remove
        self.share = share  # [seat][percent // step] -> Share
        self.term = term  # years -> SetTerm
        self.invite = invite  # [seat] -> Invite
        self.deadline = deadline  # [rounds] -> SetDeadline
        self.draw = draw  # event card id (or None: no card) -> Draw

    @classmethod
    def build(cls, scenario: Scenario, seats: tuple[str, ...], kinds: tuple[str, ...], terms: tuple[int, ...]):
        sched = scenario.schedule
        return cls(
            add=[[tuple((u, A.Add(s, k.id, u)) for u in k.steps) for k in scenario.commitments] for s in seats],
            share=[[A.Share(s, p) for p in range(0, 101, sched.share_step)] for s in seats],
            term={y: A.SetTerm(y) for y in terms},
            invite=[A.Invite(s) for s in seats],
            deadline=[A.SetDeadline(d) for d in range(sched.max_deadline + 1)],
            remove=[[A.Remove(s, k.id) for k in scenario.commitments] for s in seats],
            draw={None: A.Draw(None), **{card.id: A.Draw(card.id) for card in scenario.events}},
        )


Item = tuple[int, int, int]  # (giver seat, kind, units)


@attrs.frozen
class SeatState:
    """One seat's public position."""

    funds: float  # money on hand ($bn)
    budget: float  # yearly money for the guarantee ($bn)
    forces: tuple[float, ...]  # available (uncommitted) forces, in RESOURCES order
    support: float  # domestic support 0-100
    paid: float = 0.0  # money paid so far ($bn)
    arrears: float = 0.0  # money it failed to pay ($bn)
    crossed: int = 0  # soft red lines crossed


@attrs.frozen(slots=False)  # dict-backed, so that ``set_proposal_fields`` can make one in a single step
class Proposal:
    """A package: commitments by several actors, cost shares, a term. Drafts and offers alike."""

    items: tuple[Item, ...] = ()
    shares: tuple[tuple[int, int], ...] = ()  # (payer seat, percent), percent > 0
    term: int = 1
    deadline: int = 1
    invited: tuple[int, ...] = ()
    # ``givers()`` once asked (it is, on every answer to an offer). A field rather than a
    # ``functools.cached_property``: on a slotted class attrs gives that a ``__getattr__``, which
    # makes every attribute of every proposal slow to read.
    _givers: frozenset[int] | None = attrs.field(default=None, init=False, eq=False, repr=False)

    def givers(self) -> frozenset[int]:
        """Seats that give something: a commitment or a cost share."""
        givers = self._givers
        if givers is None:
            givers = frozenset([i[0] for i in self.items] + [s for s, _ in self.shares])
            object.__setattr__(self, "_givers", givers)
        return givers

    def share_total(self) -> int:
        total = 0
        for _, p in self.shares:
            total += p
        return total

    def share_of(self, seat: int) -> int:
        for s, p in self.shares:
            if s == seat:
                return p
        return 0


#: ``set_proposal_fields(proposal, fields)`` gives a new ``Proposal`` its fields in one step: an
#: attrs-frozen ``__init__`` sets each through ``object.__setattr__``, and every drafting step makes
#: a proposal (see ``rules._edited``).
set_proposal_fields: Callable[[Proposal, dict[str, Any]], None] = Proposal.__dict__["__dict__"].__set__


@attrs.frozen
class Offer:
    """A sent proposal awaiting the acceptance of every giver."""

    id: int
    proposer: int
    proposal: Proposal
    round: int  # sent in
    expires: int  # last round it stays open
    accepted: frozenset[int] = frozenset()

    def needs(self) -> frozenset[int]:
        """Seats whose acceptance it still needs."""
        return self.proposal.givers() - {self.proposer} - self.accepted

    def addressees(self) -> frozenset[int]:
        return (self.proposal.givers() | set(self.proposal.invited)) - {self.proposer}


@attrs.frozen
class Agreement:
    """A binding proposal: its commitments are in force and its costs are charged by its shares."""

    id: int
    proposer: int
    proposal: Proposal
    round: int  # bound in


@attrs.frozen
class News:
    """A line of the game's log, as data (``narrate`` turns it into words in any language),
    shown to every seat or only to some."""

    round: int
    kind: str  # e.g. "event", "offer", "bind"; see narrate.py
    data: tuple = ()
    visible_to: frozenset[int] | None = None  # None: public

    def visible(self, seat: int | None) -> bool:
        """Whether ``seat`` may see it (``None``: the umpire, who sees everything)."""
        return seat is None or self.visible_to is None or seat in self.visible_to


@attrs.frozen(slots=False, hash=False, repr=False)  # a dict-backed record: ``replace`` copies it in one step
class State:
    """One moment of a game. Immutable: ``apply`` returns a new state.

    States compare equal when every field is equal (the game, the seed, the position and the log
    of actions that led to it), and are hashable, so they can key a dict or fill a set (a
    transposition table, a visited set). The hash leaves out the logs (``history``, ``news``)
    and stands the scenario's content hash in for the game, whose lookup tables are dicts; equal
    states still hash equal. Its repr is one line: scenario, seed, ply, round, phase, who acts.
    """

    game: Game
    seed: int
    round: int
    phase: str
    turn: int  # negotiation turns taken this round
    seats: tuple[SeatState, ...]
    escalation: int
    credibility: float  # current, recomputed whenever what it depends on changes
    lasting: float  # lasting credibility modifier from events and incidents
    threshold: float
    offers: tuple[Offer, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    draft: Proposal | None = None
    edits: int = 0
    sent: int = 0
    next_id: int = 1
    used_cards: frozenset[str] = frozenset()
    pending: tuple[tuple[Any, ...], ...] = ()  # chance steps still to resolve
    round_penalty: float = 0.0  # credibility lost to arrears this round
    alarm: float = 0.0  # Russian alarm, recomputed with credibility
    alarm_lasting: float = 0.0  # lasting alarm modifier from the start, events and reactions
    signed_round: int | None = None  # the round the acceptance seat signed in
    deal: str | None = None  # SIGNED or BAD_TERMS once the acceptance seat signs
    result: str | None = None  # the outcome once the game is over
    # each seat's dealt mandate, an index into its ``Private.mandates`` (-1: none, or hidden from
    # the view's seat); dealt from the seed at the start (``mandates.deal``)
    mandates: tuple[int, ...] = ()
    ply: int = 0
    # cons lists (previous, item), compared cell by cell: Python's own tuple comparison recurses
    # once per cell and overflows the stack on a long game
    history: tuple | None = attrs.field(default=None, eq=attrs.cmp_using(eq=lambda a, b: cons_equal(a, b)))
    news: tuple | None = attrs.field(default=None, eq=attrs.cmp_using(eq=lambda a, b: cons_equal(a, b)))
    #: The legal-action list once ``legal_actions`` has built it (a cache, not part of the state).
    _legal: tuple | None = attrs.field(default=None, init=False, eq=False, repr=False)
    _chance: list | None = attrs.field(default=None, init=False, eq=False, repr=False)  # chance outcomes, likewise
    # Pieces of the legal-action list that depend on the seats and the draft's items; ``replace``
    # keeps them while the seats do not change (see ``rules._items_section``).
    _adds: Any = attrs.field(default=None, init=False, eq=False, repr=False)  # a fastpath._Section (cache.py)

    def __hash__(self) -> int:
        return hash(
            (
                self.game.hash,
                self.seed,
                self.ply,
                self.round,
                self.phase,
                self.turn,
                self.seats,
                self.escalation,
                self.credibility,
                self.lasting,
                self.offers,
                self.agreements,
                self.draft,
                self.pending,
                self.result,
            )
        )

    def __repr__(self) -> str:
        from .rules import current_seat  # noqa: PLC0415 - rules imports this module

        seat = current_seat(self)
        who = self.result if seat is None else "chance" if seat == CHANCE else f"{self.game.seats[seat]} to act"
        return (
            f"State({self.game.scenario.id}, seed={self.seed}, ply={self.ply}, round {self.round}, {self.phase}: "
            f"{who}; credibility {self.credibility:.0f}/{self.threshold:.0f}, escalation {self.escalation})"
        )


_new = object.__new__
_set = object.__setattr__
_SEAT_FIELDS = tuple(a.name for a in attrs.fields(SeatState))
_SEAT_INDEX = {name: i for i, name in enumerate(_SEAT_FIELDS)}
_seat_values = operator.attrgetter(*_SEAT_FIELDS)


#: ``set_fields(state, fields)`` gives a new ``State`` its fields: the ``__dict__`` slot's own setter,
#: quicker than ``object.__setattr__(state, "__dict__", fields)``.
set_fields: Callable[[State, dict[str, Any]], None] = State.__dict__["__dict__"].__set__


def seat_replace(seat: SeatState, **changes: Any) -> SeatState:
    """``attrs.evolve`` for ``SeatState``, faster."""
    values = list(_seat_values(seat))
    for name, value in changes.items():
        values[_SEAT_INDEX[name]] = value
    return SeatState(*values)


def replace(state: State, **changes: Any) -> State:
    """``attrs.evolve`` for ``State``, several times faster (it is called on every action): a
    copy of the record's fields with ``changes`` applied, the caches left behind."""
    # A merge into a new dict rather than ``copy()``: the first state's dict shares its keys with
    # the class (a split table), which ``copy()`` would pass on to every later state, and the
    # interpreter does not specialise attribute reads on such dicts.
    fields = {**state.__dict__, **changes, "_legal": None, "_chance": None}
    if "seats" in changes or "game" in changes:
        fields["_adds"] = None
    new = _new(State)
    set_fields(new, fields)
    return new


def cons_equal(a: tuple | None, b: tuple | None) -> bool:
    """Whether two cons lists hold equal items, compared without recursion."""
    while a is not None and b is not None:
        if a is b:
            return True
        a, x = a
        b, y = b
        if x != y:
            return False
    return a is None and b is None


def cons_list(cell: tuple | None) -> list:
    """The items of a cons list (previous, item), oldest first."""
    out = []
    while cell is not None:
        cell, item = cell
        out.append(item)
    out.reverse()
    return out
