"""The rules: the one place that says what may happen and what it does.

A round runs events -> negotiation -> commitment -> resolution:
- events: chance draws cards from the deck (cards whose condition holds, by weight);
- negotiation: each seat in turn, ``schedule.negotiation_passes`` times round the table, answers
  the offers addressed to it (accept, reject, counter), withdraws its own, drafts and sends
  proposals, then ends its turn; offers past their deadline expire at the end of the phase;
- commitment: the acceptance seat (Ukraine) signs the peace deal or holds out;
- resolution: see ``resolution.py``.

``legal_actions`` and ``apply`` share one checker (``why_illegal``), so what is listed as legal is
exactly what ``apply`` accepts, and an illegal action gets a precise reason and changes nothing.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import attrs

from ..errors import IllegalActionError
from ..scenario.model import RESOURCES, Scenario
from . import actions as A
from . import resolution
from .actions import Action
from .credibility import alarm, credibility
from .effects import apply_effect, holds
from .negotiation import bind, check_feasible, needed
from .state import (
    BAD_TERMS,
    CHANCE,
    SIGNED,
    Game,
    News,
    Offer,
    Proposal,
    SeatState,
    State,
    replace,
    set_fields,
    set_proposal_fields,
)

_new_state = object.__new__


def new_game(scenario: Scenario | Game, seed: int) -> State:
    """The state at the start of a game of ``scenario`` with the chance seed ``seed``."""
    game = scenario if isinstance(scenario, Game) else Game.from_scenario(scenario)
    sc = game.scenario
    seats = tuple(
        SeatState(
            funds=a.reserve,
            budget=a.budget,
            forces=tuple(float(getattr(a.forces, r)) for r in RESOURCES),
            support=a.support,
        )
        for a in sc.seats
    )
    state = State(
        game=game,
        seed=seed,
        round=1,
        phase="events",
        turn=0,
        seats=seats,
        escalation=sc.escalation.start,
        credibility=credibility(game, (), sc.credibility.start),
        lasting=sc.credibility.start,
        threshold=sc.acceptance.threshold,
        alarm=alarm(game, (), sc.alarm.start),
        alarm_lasting=sc.alarm.start,
    )
    return resolution.start_events(state)


def current_seat(state: State) -> int | None:
    """The seat to act (index into ``state.game.seats``), ``CHANCE`` for a chance step, or
    ``None`` when the game is over."""
    if state.pending:
        return CHANCE
    if state.phase == "negotiation":
        return state.turn % state.game.n_seats
    if state.phase == "commitment":
        return state.game.acceptor
    return None


def is_over(state: State) -> bool:
    """Whether the game has ended."""
    return state.phase == "over"


# --- legality --------------------------------------------------------------------------------


def _name(game: Game, seat: int) -> str:
    return game.scenario.seats[seat].name


def _seat(game: Game, actor: str) -> int | str:
    """The seat index of ``actor``, or a reason why it is not a seat."""
    if actor in game.seat_index:
        return game.seat_index[actor]
    return f"{actor!r} is not a seat; seats are {', '.join(game.seats)}"


def _why_draft_edit(state: State, action: Action, seat: int) -> str | None:
    g, sc, draft = state.game, state.game.scenario, state.draft
    if draft is None:
        return "there is no draft: start one with 'draft'"
    if state.edits >= sc.schedule.edits_per_turn:
        return f"this turn's {sc.schedule.edits_per_turn} drafting steps are used up: send or discard the draft"
    if isinstance(action, (A.Add, A.Remove)):
        giver = _seat(g, action.actor)
        if isinstance(giver, str):
            return giver
        if action.kind not in g.kind_index:
            return f"{action.kind!r} is not a commitment kind; kinds are {', '.join(g.kinds)}"
        kind = g.kind_index[action.kind]
        present = any(i[0] == giver and i[1] == kind for i in draft.items)
        if isinstance(action, A.Remove):
            return None if present else f"the draft has no {action.kind} from {_name(g, giver)}"
        return _why_add(state, giver, kind, action.units, present)
    if isinstance(action, A.Share):
        payer = _seat(g, action.actor)
        if isinstance(payer, str):
            return payer
        step = sc.schedule.share_step
        if action.percent < 0 or action.percent > 100 or action.percent % step:
            return f"a cost share is a multiple of {step}% from 0 to 100"
        current = draft.share_of(payer)
        if action.percent == current:
            return f"{_name(g, payer)}'s share is already {current}%"
        if draft.share_total() - current + action.percent > 100:
            return f"cost shares would add up to more than 100% ({draft.share_total() - current + action.percent}%)"
        if action.percent and resolution.lapsed(state, payer):
            return f"{_name(g, payer)}'s domestic support is too low for it to take on costs"
        return None
    if isinstance(action, A.SetTerm):
        if action.years not in g.terms:
            return f"the term must be one of {', '.join(map(str, g.terms))} years"
        return None if action.years != draft.term else f"the term is already {action.years} years"
    if isinstance(action, A.Invite):
        who = _seat(g, action.actor)
        if isinstance(who, str):
            return who
        if who == seat or who in draft.invited or who in draft.givers():
            return f"{_name(g, who)} is already party to the draft"
        return None
    if isinstance(action, A.SetDeadline):
        if not 0 <= action.rounds <= sc.schedule.max_deadline:
            return f"the deadline is 0 to {sc.schedule.max_deadline} rounds"
        return None if action.rounds != draft.deadline else f"the deadline is already {action.rounds}"
    return "not a drafting step"  # pragma: no cover - callers dispatch only drafting steps here


def _why_add(state: State, giver: int, kind: int, units: int, present: bool) -> str | None:
    g, sc, draft = state.game, state.game.scenario, state.draft
    k = sc.commitments[kind]
    if kind not in g.may_give[giver]:
        if k.givers and g.seats[giver] not in k.givers:
            return f"{_name(g, giver)} cannot give {k.name}; it comes from {', '.join(k.givers)}"
        return f"{k.name} from {_name(g, giver)} crosses its red line"
    if units not in k.steps:
        return f"{k.name} comes in {', '.join(map(str, k.steps))} {k.unit}(s)"
    limit = g.hard_max[giver][kind]
    if limit is not None and units > limit:
        return f"{units} {k.unit}(s) of {k.name} crosses {_name(g, giver)}'s red line (at most {limit})"
    if present:
        return f"the draft already has {k.name} from {_name(g, giver)}: remove it first"
    if len(draft.items) >= sc.schedule.max_items:
        return f"a proposal holds at most {sc.schedule.max_items} commitments"
    if resolution.lapsed(state, giver):
        return f"{_name(g, giver)}'s domestic support is too low for it to commit forces"
    # Only the new commitment's resource counts here: a term change may have made other items
    # too large, which 'send' reports.
    r = g.resource[kind]
    own = tuple(i for i in draft.items if i[0] == giver and g.resource[i[1]] == r) + ((giver, kind, units),)
    return check_feasible(state, giver, own, draft.term)


def why_illegal(state: State, action: Action) -> str | None:
    """Why ``action`` may not be taken now, in plain words; ``None`` when it is legal."""
    seat = current_seat(state)
    if seat is None:
        return "the game is over"
    if seat == CHANCE or isinstance(action, A.CHANCE_ACTIONS):
        if seat != CHANCE:
            return "only chance draws cards and rolls dice"
        if not isinstance(action, A.CHANCE_ACTIONS):
            return "this is a chance step: the game draws a card or rolls"
        return None if any(a == action for a, _ in chance_outcomes(state)) else "not a possible chance outcome now"
    g = state.game
    if state.phase == "commitment":
        if isinstance(action, (A.Sign, A.HoldOut)):
            return None
        return f"{_name(g, seat)} now signs the peace deal or holds out ('sign' or 'hold')"
    if isinstance(action, (A.Sign, A.HoldOut)):
        return f"only {_name(g, g.acceptor)} signs, in the commitment phase"
    # negotiation
    if isinstance(action, (A.Add, A.Remove, A.Share, A.SetTerm, A.Invite, A.SetDeadline)):
        return _why_draft_edit(state, action, seat)
    if isinstance(action, A.Send):
        if state.draft is None:
            return "there is no draft to send"
        return why_unsendable(state, seat, state.draft)
    if isinstance(action, A.Discard):
        return None if state.draft is not None else "there is no draft to discard"
    if state.draft is not None:
        return "finish the draft first: send or discard it"
    if isinstance(action, A.EndTurn):
        return None
    if isinstance(action, A.Draft):
        return _why_no_new_draft(state)
    offer = next((o for o in state.offers if o.id == action.offer), None)
    if offer is None:
        return f"there is no open offer {action.offer}"
    if isinstance(action, A.Withdraw):
        return None if offer.proposer == seat else "only its proposer may withdraw an offer"
    if seat not in offer.needs():
        return f"offer {offer.id} does not wait for {_name(g, seat)}'s answer"
    if isinstance(action, A.Counter):
        return _why_no_new_draft(state)
    if isinstance(action, A.Accept):
        return _why_unfielded(state, seat, offer)
    return None  # Reject


def _why_unfielded(state: State, seat: int, offer: Offer) -> str | None:
    """Why ``seat`` cannot field its part of ``offer`` now; ``None`` when it can."""
    p = offer.proposal
    return check_feasible(state, seat, tuple([i for i in p.items if i[0] == seat]), p.term)


def _why_no_new_draft(state: State) -> str | None:
    sc = state.game.scenario
    if state.sent >= sc.schedule.proposals_per_turn:
        return f"a seat sends at most {sc.schedule.proposals_per_turn} proposal(s) a turn"
    if state.edits >= sc.schedule.edits_per_turn:
        return "this turn's drafting steps are used up"
    return None


def why_unsendable(state: State, seat: int, draft: Proposal) -> str | None:
    """Why a draft cannot be sent as it stands; ``None`` when it can."""
    if not draft.items:
        return "the proposal commits nothing: add at least one commitment"
    if draft.share_total() != 100:
        return f"cost shares add up to {draft.share_total()}%, not 100%"
    for giver in sorted({i[0] for i in draft.items}):
        reason = check_feasible(state, giver, tuple(i for i in draft.items if i[0] == giver), draft.term)
        if reason:
            return reason
    return None


def _candidates(state: State, seat: int) -> Iterator[Action]:
    """Every action that might be legal now (a superset, filtered by ``why_illegal``)."""
    g, sc = state.game, state.game.scenario
    if state.phase == "commitment":
        if state.round >= sc.acceptance.earliest_round:
            yield A.Sign()
        yield A.HoldOut()
        return
    if state.draft is not None:
        yield A.Send()
        yield A.Discard()
        for giver, kind, _ in state.draft.items:
            yield A.Remove(g.seats[giver], g.kinds[kind])
        for giver, kinds in enumerate(g.may_give):
            for kind in kinds:
                for units in sc.commitments[kind].steps:
                    yield A.Add(g.seats[giver], g.kinds[kind], units)
        step = sc.schedule.share_step
        for payer in g.seats:
            for percent in range(0, 101, step):
                yield A.Share(payer, percent)
        for years in g.terms:
            yield A.SetTerm(years)
        for who in g.seats:
            yield A.Invite(who)
        for rounds in range(sc.schedule.max_deadline + 1):
            yield A.SetDeadline(rounds)
        return
    for offer in state.offers:
        if offer.proposer == seat:
            yield A.Withdraw(offer.id)
        elif seat in offer.needs():
            yield A.Accept(offer.id)
            yield A.Reject(offer.id)
            yield A.Counter(offer.id)
    yield A.Draft()
    yield A.EndTurn()


_SIGN_HOLD = (A.Sign(), A.HoldOut())
_HOLD = (A.HoldOut(),)
_SEND, _DISCARD, _DRAFT, _END = A.Send(), A.Discard(), A.Draft(), A.EndTurn()
_SEND_OR_DISCARD, _ONLY_DISCARD = (_SEND, _DISCARD), (_DISCARD,)
_MEMO_CAP = 50_000  # entries in a game's memo before it is cleared (keeps memory flat)


def legal_actions(state: State) -> tuple[Action, ...]:
    """Every action the seat to act may take now (chance outcomes at a chance step).

    This is the fast path the agents call on every step; it must list exactly the actions that
    ``why_illegal`` allows (``reference_legal_actions``), which the tests check on random games.
    The tuple is built once per state and kept on it.
    """
    cached = state._legal
    if cached is not None:
        return cached
    draft = state.draft
    if draft is None:
        cached = state.__dict__["_legal"] = _legal_actions(state)
        return cached
    # Drafting, the commonest state (a draft exists only in negotiation, with no chance step due).
    g = state.game
    items, term = draft.items, draft.term
    # What depends on the draft's items and term and on the seats (the open ``add`` actions,
    # the ``remove`` actions, whether every giver can field its part) is kept on the state and
    # carried over by ``replace`` while the seats do not change.
    section = state._adds
    if section is None or section.items is not items or section.term != term:
        section = state.__dict__["_adds"] = _items_section(state, items, term, section)
    # What follows from the cost shares (their share steps, their total, the payers) is memoised,
    # and the last answer kept on the section: most steps leave the shares as they were.
    if section.shares is draft.shares:
        shares, total, payers = section.share_steps
    else:
        tails = g.tails
        key = (draft.shares, section.low)
        found = tails.get(key)
        if found is None:
            if len(tails) > _MEMO_CAP:
                tails.clear()
            found = tails[key] = _share_actions(g, draft, section.low)
        section.shares, section.share_steps = draft.shares, found
        shares, total, payers = found
    first = _SEND_OR_DISCARD if total == 100 and items and not section.unfielded else _ONLY_DISCARD
    if state.edits >= g.edits_per_turn:
        state.__dict__["_legal"] = first
        return first
    # The term, invite and deadline steps follow from a few small values: memoised apart from
    # the share steps, as each part repeats far more often than their combination.
    parties = section.givers | payers | 1 << state.turn % g.n_seats  # bit mask of the seats party to the draft
    key = (term, parties, draft.invited, draft.deadline)
    if section.tail_key == key:
        tail = section.tail
    else:
        tails = g.tails
        tail = tails.get(key)
        if tail is None:
            invites = tuple(
                g.table.invite[s] for s in range(len(g.seats)) if not parties >> s & 1 and s not in draft.invited
            )
            tail = tails[key] = g.memo_terms[term] + invites + g.memo_deadlines[draft.deadline]
        section.tail_key, section.tail = key, tail
    cached = state.__dict__["_legal"] = first + section.head + shares + tail
    return cached


def _legal_actions(state: State) -> tuple[Action, ...]:
    seat = current_seat(state)
    if seat is None:
        return ()
    if seat == CHANCE:
        return tuple([a for a, _ in chance_outcomes(state)])
    if state.phase == "commitment":
        return _SIGN_HOLD if state.round >= state.game.scenario.acceptance.earliest_round else _HOLD
    out: list[Action] = []  # negotiation with no draft (``legal_actions`` lists drafting steps)
    may_draft = _why_no_new_draft(state) is None
    for offer in state.offers:
        if offer.proposer == seat:
            out.append(A.Withdraw(offer.id))
        elif seat in offer.needs():
            if _why_unfielded(state, seat, offer) is None:
                out.append(A.Accept(offer.id))
            out.append(A.Reject(offer.id))
            if may_draft:
                out.append(A.Counter(offer.id))
    if may_draft:
        out.append(_DRAFT)
    out.append(_END)
    return tuple(out)


class _Giver:
    """One giver's items in a draft, for one term and the giver's forces: its open ``add``
    actions and whether it can field its items. Interned per game (``_giver``), each knows the
    giver after one more item, one less or another term, so a drafting step finds the next by a
    lookup."""

    __slots__ = ("giver", "term", "forces", "mine", "adds", "add_ids", "fielded", "plus", "minus", "terms")

    def __init__(self, state: State, giver: int, term: int, mine: tuple, forces: tuple):
        self.giver, self.term, self.forces, self.mine = giver, term, forces, mine
        self.adds = _add_actions(state, giver, mine, term, forces)  # if the draft is not full
        self.add_ids = frozenset(map(id, self.adds))  # ids: attrs' __hash__ is Python code, id is not
        self.fielded = check_feasible(state, giver, mine, term) is None
        self.plus: dict = {}  # item -> the giver with it added
        self.minus: dict = {}  # kind -> the giver with its item of that kind removed
        self.terms: dict = {}  # term -> the giver with the same items for that term

    def added(self, state: State, item: tuple) -> _Giver:
        node = self.plus.get(item)
        if node is None:
            node = self.plus[item] = _giver(state, self.giver, self.term, self.mine + (item,), self.forces)
        return node

    def removed(self, state: State, kind: int) -> _Giver:
        node = self.minus.get(kind)
        if node is None:
            node = self.minus[kind] = _giver(
                state, self.giver, self.term, tuple([i for i in self.mine if i[1] != kind]), self.forces
            )
        return node

    def retermed(self, state: State, term: int) -> _Giver:
        node = self.terms.get(term)
        if node is None:
            node = self.terms[term] = _giver(state, self.giver, term, self.mine, self.forces)
        return node


def _giver(state: State, giver: int, term: int, mine: tuple, forces: tuple) -> _Giver:
    """The interned ``_Giver`` for these items (a pure function of its key)."""
    memo = state.game.memo
    key = (giver, term, mine, forces)
    node = memo.get(key)
    if node is None:
        if len(memo) > _MEMO_CAP:
            memo.clear()
        node = memo[key] = _Giver(state, giver, term, mine, forces)
    return node


class _Section:
    """The part of a draft's legal actions that follows from its items and term (and the seats,
    which do not change while it is kept; see ``State._adds``)."""

    __slots__ = (
        "items",
        "term",
        "nodes",
        "adds",
        "givers",
        "unfielded",
        "removes",
        "head",
        "low",
        "active",
        "empty",
        "shares",
        "share_steps",
        "tail_key",
        "tail",
    )

    def __init__(self, items, term, nodes, adds, givers, unfielded, removes, low, active, empty):
        self.items = items  # the draft's items and term this was worked out for
        self.term = term
        self.nodes = nodes  # per seat: its ``_Giver`` (None for seats that give nothing)
        self.adds = adds  # the open ``add`` actions
        self.givers = givers  # bit mask of the givers
        self.unfielded = unfielded  # bit mask of the givers that cannot field their items
        self.removes = removes  # the ``remove`` actions
        self.head = removes + adds  # the start of the drafting steps' list
        self.low = low  # seats whose support has lapsed (they may not commit)
        self.active = active  # the seats that may add items (givers whose support holds)
        self.empty = empty  # term -> the section of an empty draft, shared while the seats stay
        # the last share steps and term/invite/deadline steps listed with it, and what for
        self.shares = self.share_steps = self.tail_key = self.tail = None


def _items_section(state: State, items: tuple, term: int, previous: _Section | None) -> _Section:
    """Work out a draft's items section: from ``previous`` (same seats) when the draft gained or
    lost one item or changed its term, otherwise afresh."""
    g = state.game
    if previous is not None:
        if not items and term in previous.empty:  # a fresh draft
            return previous.empty[term]
        if previous.term == term:
            old = previous.items
            if len(items) == len(old) + 1 and items[:-1] == old:
                item = items[-1]
                giver = item[0]
                return _after_change(
                    g,
                    items,
                    previous,
                    giver,
                    previous.nodes[giver].added(state, item),
                    previous.removes + (g.table.remove[giver][item[1]],),
                )
            if len(items) == len(old) - 1:  # an item removed: which one?
                for i, item in enumerate(items):
                    if item is not old[i]:
                        break
                else:
                    i = len(items)
                if items[i:] == old[i + 1 :]:
                    giver, kind = old[i][0], old[i][1]
                    return _after_change(
                        g,
                        items,
                        previous,
                        giver,
                        previous.nodes[giver].removed(state, kind),
                        previous.removes[:i] + previous.removes[i + 1 :],
                    )
        low, active, empty = previous.low, previous.active, previous.empty
        if items is previous.items:  # the term changed: each giver's node for the new term
            nodes = [None if node is None else node.retermed(state, term) for node in previous.nodes]
            return _new_section(g, items, term, nodes, previous.removes, low, active, empty)
    else:
        lapse = g.scenario.domestic.lapse_below
        low = tuple(i for i, s in enumerate(state.seats) if s.support < lapse)
        active = tuple(s for s in g.givers if s not in low)
        empty = {}
    own: dict[int, list] = {}
    for item in items:
        if item[0] in own:
            own[item[0]].append(item)
        else:
            own[item[0]] = [item]
    seats = state.seats
    nodes = [None] * len(seats)
    for giver in set(g.givers) | own.keys():
        nodes[giver] = _giver(state, giver, term, tuple(own.get(giver, ())), seats[giver].forces)
    remove = g.table.remove
    return _new_section(g, items, term, nodes, tuple([remove[i[0]][i[1]] for i in items]), low, active, empty)


def _new_section(
    g: Game, items: tuple, term: int, nodes: list, removes: tuple, low: tuple, active: tuple, empty: dict
) -> _Section:
    """A draft's items section from its givers' nodes."""
    givers = unfielded = 0
    for node in nodes:
        if node is not None and node.mine:
            givers |= 1 << node.giver
            if not node.fielded:
                unfielded |= 1 << node.giver
    adds: list[Action] = []
    if len(items) < g.max_items:
        for giver in active:
            adds += nodes[giver].adds
    section = _Section(items, term, tuple(nodes), tuple(adds), givers, unfielded, removes, low, active, empty)
    if not items:
        empty[term] = section
    return section


def _after_change(g: Game, items: tuple, previous: _Section, giver: int, node: _Giver, removes: tuple) -> _Section:
    """The items section after ``giver``'s items changed to ``node``'s (one more or one less):
    only that giver's ``add`` actions and fielding change."""
    nodes = list(previous.nodes)
    nodes[giver] = node
    bit = 1 << giver
    givers = previous.givers | bit if node.mine else previous.givers & ~bit
    unfielded = previous.unfielded & ~bit if node.fielded else previous.unfielded | bit
    if len(items) >= g.max_items:
        adds: tuple = ()  # a full draft takes no more items
    elif giver in previous.low and len(previous.items) < g.max_items:
        adds = previous.adds  # a giver whose support has lapsed (its items came with a counter-offer's terms)
    else:
        out: list[Action] = []
        for s in previous.active:
            out += nodes[s].adds
        adds = tuple(out)
    section = _Section(
        items,
        previous.term,
        tuple(nodes),
        adds,
        givers,
        unfielded,
        removes,
        previous.low,
        previous.active,
        previous.empty,
    )
    # the shares rarely change with the items, nor the seats party to the draft
    section.shares, section.share_steps = previous.shares, previous.share_steps
    section.tail_key, section.tail = previous.tail_key, previous.tail
    return section


def _add_actions(state: State, giver: int, mine: tuple, term: int, forces: tuple) -> tuple[Action, ...]:
    """The ``add`` actions open to ``giver`` given its items already in the draft (memoised)."""
    g = state.game
    rows = g.memo.get(("rows", giver, term))
    if rows is None:  # per kind: its resource and each allowed step's action and forces drawn
        rows = g.memo["rows", giver, term] = [
            (
                kind,
                g.resource[kind],
                [
                    (g.draw(giver, kind, units, term), action)
                    for units, action in g.table.add[giver][kind]
                    if g.hard_max[giver][kind] is None or units <= g.hard_max[giver][kind]
                ],
            )
            for kind in g.may_give[giver]
        ]
    used = needed(state, mine, term) if mine else {}
    taken = {i[1] for i in mine}
    out = []
    for kind, r, steps in rows:
        if kind in taken:
            continue
        if r < 0:
            out += [action for _, action in steps]
            continue
        room = forces[r] - used.get(r, 0.0) + 1e-9
        for draw, action in steps:
            if draw > room:
                break
            out.append(action)
    return tuple(out)


def _share_actions(g: Game, draft: Proposal, low: tuple[int, ...]) -> tuple[tuple[Action, ...], int, int]:
    """The ``share`` actions open given the draft's shares (each payer may move to any step from
    0 to what the others leave free), the shares' total and the bit mask of the payers."""
    step = g.scenario.schedule.share_step
    current = [0] * len(g.seats)
    total = payers = 0
    for payer, percent in draft.shares:
        current[payer] = percent
        total += percent
        payers |= 1 << payer
    parts = g.share_parts  # [payer][current // step][top // step], filled as needed
    out: list[Action] = []
    for payer, now in enumerate(current):
        top = 0 if payer in low else 100 - total + now
        row = parts[payer][now // step]
        part = row[top // step]
        if part is None:
            part = row[top // step] = tuple(
                g.table.share[payer][percent // step] for percent in range(0, top + 1, step) if percent != now
            )
        out += part
    return tuple(out), total, payers


def reference_legal_actions(state: State) -> list[Action]:
    """The legal actions by the definition: every candidate ``why_illegal`` allows (slow)."""
    seat = current_seat(state)
    if seat is None:
        return []
    if seat == CHANCE:
        return [a for a, _ in chance_outcomes(state)]
    return [a for a in _candidates(state, seat) if why_illegal(state, a) is None]


def reference_draft_step(state: State, action: Action) -> State:
    """The state after a (legal) drafting step by the definition, plainly: the draft with the
    step's change made by ``attrs.evolve``, one more drafting step used, the action logged. The
    engine's fast path must give a state equal to this (``analysis/conformance.py`` checks it)."""
    g, draft = state.game, state.draft
    if isinstance(action, A.Add):
        change = {"items": draft.items + ((g.seat_index[action.actor], g.kind_index[action.kind], action.units),)}
    elif isinstance(action, A.Remove):
        giver, kind = g.seat_index[action.actor], g.kind_index[action.kind]
        change = {"items": tuple(i for i in draft.items if (i[0], i[1]) != (giver, kind))}
    elif isinstance(action, A.Share):  # the payer's share replaced; a 0% share is no share
        payer = g.seat_index[action.actor]
        shares = [s for s in draft.shares if s[0] != payer] + ([(payer, action.percent)] if action.percent else [])
        change = {"shares": tuple(sorted(shares))}
    elif isinstance(action, A.SetTerm):
        change = {"term": action.years}
    elif isinstance(action, A.Invite):
        change = {"invited": draft.invited + (g.seat_index[action.actor],)}
    elif isinstance(action, A.SetDeadline):
        change = {"deadline": action.rounds}
    else:
        raise ValueError(f"{action} is not a drafting step")
    return attrs.evolve(
        state,
        draft=attrs.evolve(draft, **change),
        edits=state.edits + 1,
        ply=state.ply + 1,
        history=(state.history, action),
    )


#: The drafting steps: the actions that change a draft.
DRAFTING_STEPS = (A.Add, A.Remove, A.Share, A.SetTerm, A.Invite, A.SetDeadline)


# --- chance ----------------------------------------------------------------------------------


def chance_outcomes(state: State) -> list[tuple[Action, float]]:
    """The possible outcomes of the pending chance step with their probabilities."""
    cached = state._chance
    if cached is None:
        cached = _chance_outcomes(state)
        state.__dict__["_chance"] = cached
    return list(cached)


def _chance_outcomes(state: State) -> list[tuple[Action, float]]:
    if not state.pending:
        return []
    step = state.pending[0]
    g, sc = state.game, state.game.scenario
    if step[0] == "draw":
        cards = [c for c in sc.events if (c.repeatable or c.id not in state.used_cards) and holds(state, c.when)]
        draw = g.table.draw
        if not cards:
            return [(draw[None], 1.0)]
        total = sum(c.weight for c in cards)
        return [(draw[c.id], c.weight / total) for c in cards]
    if step[0] == "incident":
        _, seat, kind, chance = step
        outcomes = [
            (A.Incident(g.seats[seat], g.kinds[kind], True), chance),
            (A.Incident(g.seats[seat], g.kinds[kind], False), 1.0 - chance),
        ]
    else:
        reaction = sc.reactions[step[1]]
        outcomes = [(A.React(reaction.id, True), reaction.chance), (A.React(reaction.id, False), 1.0 - reaction.chance)]
    return [(a, p) for a, p in outcomes if p > 0]


def chance_rng(state: State) -> random.Random:
    """The game's RNG for the chance step at this ply: a function of (seed, ply) only, so no
    hidden RNG state needs saving and a replay from the action log is exact."""
    return random.Random(state.seed * 1_000_003 + state.ply)


def sample_chance(state: State) -> Action:
    """The outcome the game's seeded RNG gives the pending chance step."""
    outcomes = chance_outcomes(state)
    r = chance_rng(state).random()
    for action, p in outcomes:
        r -= p
        if r < 0:
            return action
    return outcomes[-1][0]


def resolve_chance(state: State) -> State:
    """Apply the seeded chance outcomes until a seat is to act or the game is over."""
    while state.pending:
        state = apply(state, sample_chance(state))
    return state


# --- apply -----------------------------------------------------------------------------------


def apply(state: State, action: Action) -> State:
    """The state after ``action``. Raises ``IllegalActionError`` (and changes nothing) if the
    action is not legal now."""
    if state.draft is not None:  # a drafting step, checked and applied in one go (the commonest)
        step = _DRAFT_STEPS.get(action.__class__)
        if step is not None:  # (a draft exists only in negotiation, with no chance step due)
            done = step(state, state.draft, action, True)
            if done is not None:
                return done
    elif action.__class__ is A.EndTurn and not state.pending and state.phase == "negotiation":  # the next commonest
        return _end_turn(state, state.ply + 1, (state.history, action))
    if not _surely_legal(state, action):
        reason = why_illegal(state, action)
        if reason is not None:
            raise IllegalActionError(f"illegal action {str(action)!r}: {reason}")
    seat = current_seat(state)
    if seat == CHANCE:
        return resolution.apply_chance(replace(state, ply=state.ply + 1, history=(state.history, action)), action)
    if state.phase == "commitment":
        return _decide(replace(state, ply=state.ply + 1, history=(state.history, action)), action)
    return _negotiate(state, seat, action)


def _surely_legal(state: State, action: Action) -> bool:
    """A fast check for ending a turn, starting or discarding a draft, answering an offer: True
    only when ``why_illegal`` would allow the action; False means "ask ``why_illegal``"."""
    if state.pending or state.phase != "negotiation":
        return False
    cls = action.__class__
    draft = state.draft
    g = state.game
    sc = g.scenario
    if cls is A.EndTurn:
        return draft is None
    if cls is A.Draft:
        return (
            draft is None and state.sent < sc.schedule.proposals_per_turn and state.edits < sc.schedule.edits_per_turn
        )
    if draft is None:
        if cls is A.Reject or cls is A.Accept:  # answers, the commonest step of the agents' searches
            seat = state.turn % g.n_seats
            for offer in state.offers:
                if offer.id == action.offer:
                    if seat not in offer.needs():
                        return False
                    return cls is A.Reject or _why_unfielded(state, seat, offer) is None
        return False
    if cls is A.Send:  # once listed, the legal actions of a draft start with ``send`` exactly when it may go
        legal = state._legal
        return legal is not None and legal[0] is _SEND
    return cls is A.Discard  # drafting steps: see ``_DRAFT_STEPS``


def _news(state: State, kind: str, data: tuple, visible_to: frozenset[int] | None = None) -> tuple:
    return (state.news, News(state.round, kind, data, visible_to))


def _decide(state: State, action: Action) -> State:
    if isinstance(action, A.Sign):
        deal = SIGNED if state.credibility >= state.threshold else BAD_TERMS
        news = _news(state, "sign", (state.credibility, state.threshold))
        # the offers still open die with the negotiation
        for o in state.offers:
            news = (news, News(state.round, "expire", (o.id,), o.addressees() | {o.proposer}))
        state = replace(state, deal=deal, signed_round=state.round, offers=(), news=news)
    else:
        state = replace(state, news=_news(state, "hold", (state.credibility, state.threshold)))
    return resolution.start_resolution(state)


def _negotiate(state: State, seat: int, action: Action) -> State:
    g, sc = state.game, state.game.scenario
    draft = state.draft
    ply, history = state.ply + 1, (state.history, action)
    cls = action.__class__
    step = _DRAFT_STEPS.get(cls)
    if step is not None:
        return step(state, draft, action, False)
    if cls is A.Draft:
        fresh = g.fresh_draft
        return replace(state, draft=fresh, edits=state.edits + 1, ply=ply, history=history)
    if cls is A.Discard:
        return replace(state, draft=None, ply=ply, history=history)
    if cls is A.Send:
        offer = Offer(state.next_id, seat, draft, state.round, state.round + draft.deadline)
        state = replace(
            state,
            draft=None,
            sent=state.sent + 1,
            next_id=state.next_id + 1,
            offers=state.offers + (offer,),
            news=_news(state, "offer", (offer.id, seat, draft), offer.addressees() | {seat}),
            ply=ply,
            history=history,
        )
        return bind(state, offer) if not offer.needs() else state
    if cls is A.EndTurn:
        return _end_turn(state, ply, history)
    offer = next(o for o in state.offers if o.id == action.offer)
    parties = offer.addressees() | {offer.proposer}
    if cls is A.Accept:
        accepted = attrs.evolve(offer, accepted=offer.accepted | {seat})
        state = replace(
            state,
            offers=tuple(accepted if o.id == offer.id else o for o in state.offers),
            news=_news(state, "accept", (offer.id, seat), parties),
            ply=ply,
            history=history,
        )
        return bind(state, accepted) if not accepted.needs() else state
    rest = tuple(o for o in state.offers if o.id != offer.id)
    if cls is A.Withdraw:
        return replace(
            state, offers=rest, news=_news(state, "withdraw", (offer.id, seat), parties), ply=ply, history=history
        )
    if cls is A.Reject:
        return replace(
            state, offers=rest, news=_news(state, "reject", (offer.id, seat), parties), ply=ply, history=history
        )
    # Counter: reject, and draft from the offer's terms
    fresh = attrs.evolve(offer.proposal, deadline=sc.schedule.deadline)
    return replace(
        state,
        offers=rest,
        draft=fresh,
        edits=state.edits + 1,
        news=_news(state, "counter", (offer.id, seat), parties),
        ply=ply,
        history=history,
    )


# --- drafting steps ----------------------------------------------------------------------------
# Each checks and applies one kind of drafting step in one go. With ``check`` it returns None
# unless the step is surely legal (then ``apply`` asks ``why_illegal``, which has the reason);
# without, the caller has already checked it. ``tests/test_fast_paths.py`` holds them to
# ``why_illegal``.


def _edited(
    state: State, action: Action, items: tuple, shares: tuple, term: int, deadline: int, invited: tuple
) -> State:
    """The state after a drafting step that leaves the draft with these fields: ``replace(state,
    draft=Proposal(...), edits=..., ply=..., history=...)`` written out, as it is the engine's
    commonest step (the seats stay, so ``_adds`` is kept)."""
    draft = _new_state(Proposal)  # ``Proposal(items, shares, term, deadline, invited)``, quicker
    set_proposal_fields(
        draft,
        {"items": items, "shares": shares, "term": term, "deadline": deadline, "invited": invited, "_givers": None},
    )
    new = _new_state(State)
    # (a merge, as in ``state.replace``; ``_chance`` stays: a drafting state has no chance step before or after)
    set_fields(
        new,
        {
            **state.__dict__,
            "draft": draft,
            "edits": state.edits + 1,
            "ply": state.ply + 1,
            "history": (state.history, action),
            "_legal": None,
        },
    )
    return new


def _step_add(state: State, draft: Proposal, action: A.Add, check: bool) -> State | None:
    g = state.game
    seat, kind, units = g.seat_index.get(action.actor), g.kind_index.get(action.kind), action.units
    items = draft.items
    section = state._adds
    if check and section is not None and section.items is items and section.term == draft.term:
        # the draft's items section is at hand (the legal actions were listed): a lookup of the listed actions' ids
        node = section.nodes[seat] if seat is not None else None
        if (
            node is None
            or state.edits >= g.edits_per_turn
            or not section.adds
            or id(action) not in node.add_ids
            or seat in section.low
        ):
            return None
        if state._legal is not None:  # the caller lists the legal actions: work out the next section now
            item = (seat, kind, units)
            items = items + (item,)
            new = _edited(state, action, items, draft.shares, draft.term, draft.deadline, draft.invited)
            new.__dict__["_adds"] = _after_change(
                g, items, section, seat, node.added(state, item), section.removes + (g.table.remove[seat][kind],)
            )
            return new
    elif check:
        sc = g.scenario
        if (
            state.edits >= sc.schedule.edits_per_turn
            or seat is None
            or kind is None
            or state.seats[seat].support < sc.domestic.lapse_below
            or kind not in g.may_give[seat]
            or units not in sc.commitments[kind].steps
            or len(items) >= sc.schedule.max_items
        ):
            return None
        limit = g.hard_max[seat][kind]
        if limit is not None and units > limit:
            return None
        r = g.resource[kind]
        term = draft.term
        need = 0.0  # summed in the order ``needed`` sums, so the float comparison is the same
        for giver, k, n in items:
            if giver == seat:
                if k == kind:
                    return None
                if r >= 0 and g.resource[k] == r:
                    need += g.draw(giver, k, n, term)
        if r >= 0 and need + g.draw(seat, kind, units, term) > state.seats[seat].forces[r] + 1e-9:
            return None
    return _edited(
        state, action, items + ((seat, kind, units),), draft.shares, draft.term, draft.deadline, draft.invited
    )


def _step_share(state: State, draft: Proposal, action: A.Share, check: bool) -> State | None:
    g = state.game
    payer, percent, shares = g.seat_index.get(action.actor), action.percent, draft.shares
    if check:
        if (
            state.edits >= g.edits_per_turn
            or payer is None
            or state.seats[payer].support < g.lapse_below
            or percent < 0
            or percent > 100
            or percent % g.share_step
        ):
            return None
        total = current = 0
        for s, p in shares:
            total += p
            if s == payer:
                current = p
        if percent == current or total - current + percent > 100:
            return None
    rest = [s for s in shares if s[0] != payer]
    if percent:
        rest.append((payer, percent))
        rest.sort()
    return _edited(state, action, draft.items, tuple(rest), draft.term, draft.deadline, draft.invited)


def _step_remove(state: State, draft: Proposal, action: A.Remove, check: bool) -> State | None:
    g = state.game
    giver, kind = g.seat_index.get(action.actor), g.kind_index.get(action.kind)
    items = tuple([i for i in draft.items if not (i[0] == giver and i[1] == kind)])
    if check and (state.edits >= g.edits_per_turn or len(items) == len(draft.items)):
        return None
    return _edited(state, action, items, draft.shares, draft.term, draft.deadline, draft.invited)


def _step_term(state: State, draft: Proposal, action: A.SetTerm, check: bool) -> State | None:
    years = action.years
    if check and (state.edits >= state.game.edits_per_turn or years not in state.game.terms or years == draft.term):
        return None
    return _edited(state, action, draft.items, draft.shares, years, draft.deadline, draft.invited)


def _step_invite(state: State, draft: Proposal, action: A.Invite, check: bool) -> State | None:
    g = state.game
    who = g.seat_index.get(action.actor)
    if check and (
        state.edits >= g.edits_per_turn
        or who is None
        or who == state.turn % g.n_seats
        or who in draft.invited
        or who in draft.givers()
    ):
        return None
    return _edited(state, action, draft.items, draft.shares, draft.term, draft.deadline, draft.invited + (who,))


def _step_deadline(state: State, draft: Proposal, action: A.SetDeadline, check: bool) -> State | None:
    rounds = action.rounds
    sched = state.game.scenario.schedule
    if check and (
        state.edits >= sched.edits_per_turn or not 0 <= rounds <= sched.max_deadline or rounds == draft.deadline
    ):
        return None
    return _edited(state, action, draft.items, draft.shares, draft.term, rounds, draft.invited)


_DRAFT_STEPS = {
    A.Add: _step_add,
    A.Share: _step_share,
    A.Remove: _step_remove,
    A.SetTerm: _step_term,
    A.Invite: _step_invite,
    A.SetDeadline: _step_deadline,
}


def quick_draft_step(state: State, action: Action) -> State | None:
    """The state after a drafting step that the quick check finds surely legal, else None
    (for the tests of the fast path)."""
    step = _DRAFT_STEPS.get(action.__class__)
    if step is None or state.draft is None or state.pending or state.phase != "negotiation":
        return None
    return step(state, state.draft, action, True)


def _end_turn(state: State, ply: int, history: tuple) -> State:
    sc = state.game.scenario
    turn = state.turn + 1
    state = replace(state, turn=turn, edits=0, sent=0, ply=ply, history=history)
    if turn < sc.schedule.negotiation_passes * len(state.game.seats):
        return state
    # End of negotiation: offers past their deadline expire.
    expired = [o for o in state.offers if o.expires <= state.round]
    news = state.news
    for o in expired:
        news = (news, News(state.round, "expire", (o.id,), o.addressees() | {o.proposer}))
    state = replace(state, offers=tuple(o for o in state.offers if o.expires > state.round), news=news)
    if state.round >= sc.acceptance.earliest_round:
        return replace(state, phase="commitment")
    return resolution.start_resolution(state)


__all__ = [
    "new_game",
    "current_seat",
    "is_over",
    "legal_actions",
    "why_illegal",
    "why_unsendable",
    "apply",
    "chance_outcomes",
    "sample_chance",
    "resolve_chance",
    "chance_rng",
    "apply_effect",
    "CHANCE",
]
