"""What-if questions the agents ask while they search: the state once a proposal would bind, or
once the seat to act had drafted and sent one. These are not moves: the game goes on only by
``apply``. Each answer is built by the rules themselves (``bind``, ``apply``), so a search sees
exactly what play would give.
"""

from __future__ import annotations

from ..errors import IllegalActionError
from . import actions as A
from .fastpath import apply
from .negotiation import bind
from .state import Offer, Proposal, State, replace


def what_if(state: State, proposer: int, proposal: Proposal) -> State:
    """The state once ``proposal`` from ``proposer`` binds now (every giver having accepted), or
    the state with the failure logged if a giver cannot field its part."""
    return bind(state, Offer(-1, proposer, proposal, state.round, state.round))


def what_if_sent(state: State, proposal: Proposal, steps: int) -> State:
    """The state once the seat to act has drafted ``proposal`` in ``steps`` drafting steps and sent
    it (an offer, or an agreement if it needs no one's answer); ``state`` itself if the seat has
    no proposal or drafting step left this turn, or the draft cannot be sent."""
    sched = state.game.scenario.schedule
    if state.sent >= sched.proposals_per_turn or state.edits >= sched.edits_per_turn:
        return state
    drafted = replace(state, draft=proposal, edits=state.edits + steps)
    try:
        return apply(drafted, A.Send())  # checks what ``why_unsendable`` checks
    except IllegalActionError:
        return state
