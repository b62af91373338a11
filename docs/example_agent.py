"""An example Coalition agent, complete: a thrifty seat.

It never drafts a proposal of its own. An offer that waits for its answer it accepts when its
share of the bills is at most its fair share (an equal split among the payers) plus a tolerance
that it draws once per game from its own RNG, and rejects otherwise. As the acceptance seat it
signs once the guarantee is credible enough, or in the last round; otherwise it ends its turn.

Play it in a seat (from this directory, or name the file by its path):

    coalition simulate --games 20 --seats de=example_agent:ThriftyAgent
    coalition simulate --games 20 --seats de=docs/example_agent.py:ThriftyAgent
    coalition tournament --agents negotiator,docs/example_agent.py:ThriftyAgent --games 5

The protocol is in docs/agents.md.
"""

from __future__ import annotations

from collections.abc import Sequence

from game import Action, Observation
from game.agents import agent_rng


class ThriftyAgent:
    """Pays no more than its fair share. Made once per seat per game, with the seat's id and the
    game's seed; ``act`` is called whenever that seat is to act."""

    def __init__(self, seat: str, seed: int):
        self.seat = seat
        self.rng = agent_rng(seed, seat)  # the agent's only source of randomness
        self.tolerance = self.rng.uniform(0.0, 10.0)  # percentage points above the fair share

    def act(self, observation: Observation, legal: Sequence[Action]) -> Action:
        """One of ``legal``: the actions this seat may take now, each with a one-line text form."""
        by_text = {str(action): action for action in legal}
        view = observation.view  # the game as this seat may see it
        if "sign" in by_text:  # the acceptance seat decides whether to sign the peace deal
            last = view.round >= view.game.scenario.schedule.rounds
            credible = view.credibility >= view.threshold
            return by_text["sign"] if credible or last else by_text["hold"]
        for offer in view.offers:  # the offers this seat is party to
            accept, reject = by_text.get(f"accept {offer.id}"), by_text.get(f"reject {offer.id}")
            if reject is None:
                continue  # not waiting for this seat's answer
            shares = dict(offer.proposal.shares)  # payer seat index -> percent of the bills
            fair = 100 / max(1, len(shares))
            cheap = shares.get(observation.seat, 0) <= fair + self.tolerance
            return accept if cheap and accept is not None else reject
        for text in ("end", "discard"):  # end the turn (a draft would be thrown away first)
            if text in by_text:
                return by_text[text]
        return self.rng.choice(list(legal))  # any other decision: at random, from its own RNG
