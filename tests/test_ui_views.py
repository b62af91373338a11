"""What the table reads from a view: offers read against the offer they counter, and the log
with the table's notes in place and private to their seat."""

from __future__ import annotations

import pytest

from game import apply, current_seat, new_game, resolve_chance
from game.core import actions as A
from game.core.state import Game, Proposal, cons_list
from game.paths import DEFAULT_SCENARIO
from game.scenario.loader import load_scenario
from game.ui.session import Note
from game.ui.views import UMPIRE, compare_basis, log_entries, make_view, proposal_diff


@pytest.fixture(scope="module")
def europe() -> Game:
    return Game.from_scenario(load_scenario(DEFAULT_SCENARIO))


def test_proposal_diff_marks_added_removed_changed(europe):
    si, ki = europe.seat_index, europe.kind_index
    old = Proposal(
        items=((si["uk"], ki["ground_force"], 2), (si["us"], ki["intelligence"], 1)), shares=((si["uk"], 100),)
    )
    new = Proposal(
        items=((si["uk"], ki["ground_force"], 3), (si["fr"], ki["air_defence"], 1)),
        shares=((si["uk"], 60), (si["fr"], 40)),
        term=3,
    )
    d = proposal_diff(new, old)
    assert d["items"][(si["uk"], ki["ground_force"])] == ("changed", 2, 3)
    assert d["items"][(si["us"], ki["intelligence"])] == ("removed", 1, None)
    assert d["items"][(si["fr"], ki["air_defence"])] == ("added", None, 1)
    assert d["shares"] == {si["uk"]: (100, 60), si["fr"]: (0, 40)}
    assert d["term"] == (1, 3)
    assert proposal_diff(new, None)["shares"] == {}


def turn_of(state, seat):
    while current_seat(state) != seat:
        state = resolve_chance(apply(state, A.EndTurn()))
    return state


def test_a_counter_offer_is_read_against_the_offer_it_counters(europe):
    us, uk = europe.seat_index["us"], europe.seat_index["uk"]
    state = resolve_chance(new_game(europe, 3))
    state = turn_of(state, us)
    for a in (A.Draft(), A.Add("uk", "ground_force", 1), A.Share("us", 100), A.Send(), A.EndTurn()):
        state = apply(state, a)
    first = state.offers[-1].id
    state = turn_of(state, uk)
    for a in (A.Counter(first), A.Remove("uk", "ground_force"), A.Add("uk", "ground_force", 2), A.Send()):
        state = apply(state, a)
    second = state.offers[-1]
    view = make_view(state, us)
    how, old, proposal = compare_basis(view, second.id, uk, us)
    assert (how, old) == ("countered", first) and proposal.items[0][2] == 1
    # a later fresh offer to the US is read against the US's own last offer
    assert compare_basis(view, 99, uk, us) == ("yours", first, proposal)


def test_an_undo_note_sits_where_it_happened_and_only_its_seat_sees_it(europe):
    us, uk = europe.seat_index["us"], europe.seat_index["uk"]
    state = turn_of(resolve_chance(new_game(europe, 3)), us)
    count = len(cons_list(state.news))
    note = Note(count, state.round, "log_undo", {"seat": "us"}, seat=us)
    # more news after the note: an offer the US sends
    for a in (A.Draft(), A.Add("us", "intelligence", 1), A.Share("us", 100), A.Send()):
        state = apply(state, a)
    texts = [t for _, _, t in log_entries(make_view(state, us), us, "en", [note], state.news)]
    undo = texts.index("United States took back its last move.")
    assert texts[undo + 1].startswith("Offer"), "the note comes before the news that followed it"
    others = [t for _, _, t in log_entries(make_view(state, uk), uk, "en", [note], state.news)]
    assert "United States took back its last move." not in others
    assert "United States took back its last move." in [
        t for _, _, t in log_entries(make_view(state, UMPIRE), UMPIRE, "en", [note], state.news)
    ]
    over = [t for _, _, t in log_entries(make_view(state, uk), uk, "en", [note], state.news, over=True)]
    assert "United States took back its last move." in over


def test_the_guides_end_step_sees_a_turn_that_ended_between_two_frames():
    """At Instant speed the AI seats can play round the table between two frames: the "end" step
    must see that the seat's turn ended even when it never saw another seat acting."""
    from types import SimpleNamespace

    from game.ui.screens.guide import STEPS

    end = next(s for s in STEPS if s.id == "end")
    state = SimpleNamespace(round=1, turn=2)
    session = SimpleNamespace(state=state, current=2)
    scr = SimpleNamespace(app=SimpleNamespace(session=session, viewer=2), guide=SimpleNamespace(turn_mark=None))
    assert not end.done(scr)  # the seat's own turn, first seen: not over
    assert not end.done(scr)  # still the same turn
    state.turn = 9  # the others played; the seat's next turn, no frame in between
    assert end.done(scr)
    scr.guide.turn_mark, state.turn, session.current = None, 2, 4
    assert end.done(scr)  # another seat acting: over
