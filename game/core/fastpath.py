"""The fast path: ``legal_actions`` and ``apply`` as the engine runs them, held to the rules'
definition (``rules.py``: ``reference_legal_actions``, ``reference_draft_step``, ``reference_apply``)
by the oracle (``analysis/conformance.oracle_game``) and the golden games (``tests/golden.py``).

Drafting a proposal is most of a game's steps, so that is what is quick here:

- the drafting legal actions are built from pieces kept between steps: the draft's *items section*
  (``_Section``: the ``add``/``remove`` actions and which givers can field their items, from one
  interned ``_Giver`` node per giver) carried on the state (``State._adds``) and worked out from
  the last one when an item is added or removed or the term changes; the ``share`` steps and the
  ``term``/``invite``/``deadline`` steps memoised by what they follow from;
- a drafting step is checked by a few quick tests (or a lookup in the listed actions' ids) and
  applied in one step (``_edited``); anything the quick checks are unsure of goes to ``why_illegal``;
- ending a turn, starting or discarding a draft and answering an offer skip ``why_illegal`` when a
  quick check shows them legal (``_surely_legal``).

Every memo, its key and when it is dropped are listed in ``cache.py``. The fast paths rely on one
invariant of the rules, which the conformance check asserts: a draft exists only in the
negotiation phase, with no chance step due.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import IllegalActionError
from . import actions as A
from .actions import Action
from .cache import CAP
from .negotiation import check_feasible, needed
from .rules import (
    CHANCE,
    _end_turn,
    _why_no_new_draft,
    _why_unfielded,
    chance_outcomes,
    current_seat,
    perform,
    why_illegal,
    why_no_signing,
)
from .state import Game, Proposal, State, set_fields, set_proposal_fields

_new_state = object.__new__

_SIGN_HOLD = (A.Sign(), A.HoldOut())
_HOLD = (A.HoldOut(),)
_SEND, _DISCARD, _DRAFT, _END = A.Send(), A.Discard(), A.Draft(), A.EndTurn()
_SEND_OR_DISCARD, _ONLY_DISCARD = (_SEND, _DISCARD), (_DISCARD,)


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
        memo = g.cache.share_steps
        share_key = (draft.shares, section.low)
        found = memo.get(share_key)
        if found is None:
            if len(memo) > CAP:
                memo.clear()
            found = memo[share_key] = _share_actions(g, draft, section.low)
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
        cache = g.cache
        tails = cache.tails
        tail = tails.get(key)
        if tail is None:
            if len(tails) > CAP:
                tails.clear()
            invites = tuple(
                g.table.invite[s] for s in range(len(g.seats)) if not parties >> s & 1 and s not in draft.invited
            )
            tail = tails[key] = cache.other_terms[term] + invites + cache.other_deadlines[draft.deadline]
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
        may_sign = state.round >= state.game.scenario.acceptance.earliest_round and why_no_signing(state) is None
        return _SIGN_HOLD if may_sign else _HOLD
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
    memo = state.game.cache.givers
    key = (giver, term, mine, forces)
    node = memo.get(key)
    if node is None:
        if len(memo) > CAP:
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
    memo = g.cache.rows
    rows = memo.get((giver, term))
    if rows is None:  # per kind: its resource and each allowed step's action and forces drawn
        if len(memo) > CAP:
            memo.clear()
        rows = memo[giver, term] = [
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
    parts = g.cache.share_parts  # [payer][current // step][top // step], filled as needed
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


def apply(state: State, action: Action) -> State:
    """The state after ``action``. Raises ``IllegalActionError`` (and changes nothing) if the
    action is not legal now. The same state as ``rules.reference_apply`` gives, quicker."""
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
    return perform(state, action)


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
            wanted = action.offer  # type: ignore[union-attr]  # (an answer, by its class)
            for offer in state.offers:
                if offer.id == wanted:
                    if seat not in offer.needs():
                        return False
                    return cls is A.Reject or _why_unfielded(state, seat, offer) is None
        return False
    if cls is A.Send:  # once listed, the legal actions of a draft start with ``send`` exactly when it may go
        legal = state._legal
        return legal is not None and legal[0] is _SEND
    return cls is A.Discard  # drafting steps: see ``_DRAFT_STEPS``


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
            or seat is None  # (never, with a node: for the type checker)
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
        rest.append((payer, percent))  # type: ignore[arg-type]  # (a legal step names a seat)
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


_DRAFT_STEPS: dict[type, Callable[[State, Proposal, Any, bool], State | None]] = {
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
