"""A PettingZoo AEC environment over the same engine, for reinforcement learning.

    from game.analysis.rl import CoalitionEnv
    env = CoalitionEnv()                 # the default scenario
    env.reset(seed=7)
    for agent in env.agent_iter():
        obs, reward, terminated, truncated, info = env.last()
        action = None if terminated or truncated else pick(obs["observation"], obs["action_mask"])
        env.step(action)

Needs the optional extra: ``pip install -e ".[rl]"`` (PettingZoo, NumPy).

- **Agents** are the seats (``us``, ``uk``, ...). Chance steps (event draws, incident and reaction
  rolls) are resolved inside the environment with the game's seeded RNG, so ``reset(seed=S)``
  replays exactly.
- **Actions** are a fixed ``Discrete(n)`` space: every negotiation action of the game's action
  table (``draft``, each ``add``/``remove``/``share``/``term``/``invite``/``deadline``, ``send``,
  ``discard``, ``end``, ``sign``, ``hold``), then ``accept``/``reject``/``counter``/``withdraw`` for
  each of ``OFFER_SLOTS`` offer slots (the offers the seat can see, oldest first). The
  observation's ``action_mask`` marks the legal ones; an illegal action raises (a policy such as
  "an illegal move loses" belongs in a wrapper).
- **Observations** are the seat's own view only (``game.core.observe``): a vector of public figures,
  the seat's own private weights, its draft and the offers it is party to, all scaled to [-1, 1].
- **Rewards** come at the end: each seat's final score / 100.
"""

from __future__ import annotations

import numpy as np
from gymnasium import spaces
from pettingzoo import AECEnv

from .. import (
    CHANCE,
    OBJECTIVES,
    PHASES,
    RESOURCES,
    Game,
    State,
    apply,
    current_seat,
    is_over,
    legal_actions,
    load_scenario,
    new_game,
    observe,
    outcome,
    sample_chance,
)
from .. import actions as A
from ..paths import DEFAULT_SCENARIO

OFFER_SLOTS = 8
_OFFER_VERBS = (A.Accept, A.Reject, A.Counter, A.Withdraw)


def action_table(game: Game) -> list:
    """The fixed actions of the game in index order (offer actions follow, by slot)."""
    t = game.table
    out = [A.Draft(), A.Send(), A.Discard(), A.EndTurn(), A.Sign(), A.HoldOut()]
    out += [a for per_seat in t.add for per_kind in per_seat for _, a in per_kind]
    out += [a for per_seat in t.remove for a in per_seat]
    out += [a for per_seat in t.share for a in per_seat]
    out += [t.term[y] for y in game.terms]
    out += list(t.invite)
    out += list(t.deadline)
    return out


class CoalitionEnv(AECEnv):
    """Coalition as a PettingZoo AEC environment (see the module's docstring)."""

    metadata = {"name": "coalition_v0", "render_modes": ["ansi"], "is_parallelizable": False}

    def __init__(self, scenario=None, render_mode: str | None = None):
        super().__init__()
        if scenario is None:
            scenario = DEFAULT_SCENARIO
        if not isinstance(scenario, Game):
            scenario = Game.from_scenario(
                scenario
                if not isinstance(scenario, (str, bytes)) and hasattr(scenario, "seats")
                else load_scenario(scenario)
            )
        self.game = scenario
        self.render_mode = render_mode
        self.possible_agents = list(self.game.seats)
        self.fixed = action_table(self.game)
        self.index = {a: i for i, a in enumerate(self.fixed)}
        self.n_actions = len(self.fixed) + OFFER_SLOTS * len(_OFFER_VERBS)
        self._scale()
        size = len(self._features(new_game(self.game, 0), 0))
        self.observation_spaces = {
            a: spaces.Dict(
                {
                    "observation": spaces.Box(-1.0, 1.0, shape=(size,), dtype=np.float32),
                    "action_mask": spaces.Box(0, 1, shape=(self.n_actions,), dtype=np.int8),
                }
            )
            for a in self.possible_agents
        }
        self.action_spaces = {a: spaces.Discrete(self.n_actions) for a in self.possible_agents}
        self.state_: State | None = None
        self._seed = 0

    def observation_space(self, agent):
        return self.observation_spaces[agent]

    def action_space(self, agent):
        return self.action_spaces[agent]

    # --- the AEC loop ---------------------------------------------------------------------------

    def reset(self, seed: int | None = None, options: dict | None = None) -> None:
        if seed is None:
            seed = int(np.random.default_rng().integers(0, 2**31 - 1))
        self._seed = seed
        self.state_ = self._settle(new_game(self.game, seed))
        self.agents = list(self.possible_agents)
        self.rewards = {a: 0.0 for a in self.agents}
        self._cumulative_rewards = {a: 0.0 for a in self.agents}
        self.terminations = {a: False for a in self.agents}
        self.truncations = {a: False for a in self.agents}
        self.infos = {a: {} for a in self.agents}
        self.agent_selection = self.game.seats[current_seat(self.state_)]

    def step(self, action) -> None:
        agent = self.agent_selection
        if self.terminations[agent] or self.truncations[agent]:
            self._was_dead_step(action)
            return
        move = self.decode(self.state_, self.game.seat_index[agent], int(action))
        if move is None or move not in legal_actions(self.state_):
            raise ValueError(f"{agent}: action {action} ({move}) is not legal now; use the action mask")
        self._cumulative_rewards[agent] = 0.0
        self.state_ = self._settle(apply(self.state_, move))
        self.rewards = {a: 0.0 for a in self.agents}
        if is_over(self.state_):
            for s in outcome(self.state_).scores:
                self.rewards[s.seat] = s.total / 100
            self.terminations = {a: True for a in self.agents}
        else:
            self.agent_selection = self.game.seats[current_seat(self.state_)]
        self._accumulate_rewards()

    def observe(self, agent: str) -> dict:
        seat = self.game.seat_index[agent]
        mask = np.zeros(self.n_actions, dtype=np.int8)
        if not is_over(self.state_) and current_seat(self.state_) == seat:
            for move in legal_actions(self.state_):
                i = self.encode(self.state_, seat, move)
                if i is not None:
                    mask[i] = 1
        return {"observation": self._features(self.state_, seat), "action_mask": mask}

    def render(self):
        if self.render_mode != "ansi" or self.state_ is None:
            return None
        s = self.state_
        return (
            f"round {s.round} {s.phase}; credibility {s.credibility:.0f}/{s.threshold:.0f}; "
            f"escalation {s.escalation}; to act: {self.agent_selection}"
        )

    def close(self) -> None:
        pass

    # --- actions <-> indices ---------------------------------------------------------------------

    def _settle(self, state: State) -> State:
        while current_seat(state) == CHANCE:
            state = apply(state, sample_chance(state))
        return state

    def encode(self, state: State, seat: int, move) -> int | None:
        """The index of an engine action (None if it has no index: an offer past the slots)."""
        i = self.index.get(move)
        if i is not None:
            return i
        if isinstance(move, _OFFER_VERBS):
            ids = [o.id for o in observe(state, seat).view.offers]
            if move.offer in ids and ids.index(move.offer) < OFFER_SLOTS:
                slot = ids.index(move.offer)
                return len(self.fixed) + slot * len(_OFFER_VERBS) + _OFFER_VERBS.index(type(move))
        return None

    def decode(self, state: State, seat: int, index: int):
        """The engine action of an index (None if the slot holds no offer)."""
        if 0 <= index < len(self.fixed):
            return self.fixed[index]
        k = index - len(self.fixed)
        if not 0 <= k < OFFER_SLOTS * len(_OFFER_VERBS):
            return None
        slot, verb = divmod(k, len(_OFFER_VERBS))
        offers = observe(state, seat).view.offers
        return _OFFER_VERBS[verb](offers[slot].id) if slot < len(offers) else None

    # --- observations ---------------------------------------------------------------------------

    def _scale(self) -> None:
        sc = self.game.scenario
        seats = sc.seats
        self._budget = max(a.budget for a in seats) or 1.0
        self._forces = [max(1.0, max(getattr(a.forces, r) for a in seats)) for r in RESOURCES]
        self._steps = [max(k.steps) for k in sc.commitments]

    def _features(self, state: State, seat: int) -> np.ndarray:
        view = observe(state, seat).view
        g, sc = self.game, self.game.scenario
        n, kinds = len(g.seats), len(g.kinds)
        per_round = sc.schedule.negotiation_passes * n
        f: list[float] = [
            view.round / sc.schedule.rounds,
            min(view.turn, per_round) / per_round,
            *[1.0 if view.phase == p else 0.0 for p in PHASES],
            view.credibility / 100,
            view.threshold / 100,
            view.escalation / g.top,
            1.0 if current_seat(state) == seat else 0.0,
            1.0 if view.draft is not None else 0.0,
            view.edits / sc.schedule.edits_per_turn,
        ]
        for s in view.seats:
            f += [s.funds / self._budget, s.budget / self._budget, s.support / 100, min(1.0, s.crossed / 3)]
            f += [x / m for x, m in zip(s.forces, self._forces)]
        force = np.zeros((n, kinds))
        for a in view.agreements:
            for giver, kind, units in a.proposal.items:
                force[giver, kind] += units / self._steps[kind]
        f += force.ravel().tolist()
        private = sc.seats[seat].private
        weights = private.objectives.weights()
        f += [weights[o] / 100 for o in OBJECTIVES] + [private.reservation / 100]
        f += [1.0 if i == seat else 0.0 for i in range(n)]
        draft = np.zeros((n, kinds))
        shares = [0.0] * n
        term = [0.0] * len(g.terms)
        if view.draft is not None:
            for giver, kind, units in view.draft.items:
                draft[giver, kind] = units / self._steps[kind]
            for payer, pct in view.draft.shares:
                shares[payer] = pct / 100
            term[g.terms.index(view.draft.term)] = 1.0
        f += draft.ravel().tolist() + shares + term
        for slot in range(OFFER_SLOTS):
            if slot < len(view.offers):
                o = view.offers[slot]
                p = o.proposal
                items = np.zeros((n, kinds))
                for giver, kind, units in p.items:
                    items[giver, kind] = units / self._steps[kind]
                f += [
                    1.0,
                    1.0 if o.proposer == seat else 0.0,
                    1.0 if seat in o.needs() else 0.0,
                    p.share_of(seat) / 100,
                    (o.expires - view.round) / max(1, sc.schedule.max_deadline),
                ]
                f += items.sum(axis=0).tolist()
            else:
                f += [0.0] * (5 + kinds)
        return np.clip(np.asarray(f, dtype=np.float32), -1.0, 1.0)


def env(scenario=None, render_mode: str | None = None) -> CoalitionEnv:
    """The environment (PettingZoo's usual constructor name)."""
    return CoalitionEnv(scenario, render_mode)
