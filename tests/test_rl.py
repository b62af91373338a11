"""The PettingZoo environment passes PettingZoo's own conformance tests."""

from __future__ import annotations

import numpy as np
import pytest

pettingzoo = pytest.importorskip("pettingzoo")

from pettingzoo.test import api_test, seed_test  # noqa: E402

from game.analysis.rl import CoalitionEnv  # noqa: E402


def test_pettingzoo_api_test():
    api_test(CoalitionEnv(), num_cycles=200)


def test_pettingzoo_seed_test():
    seed_test(CoalitionEnv, num_cycles=100)


def test_the_action_mask_lists_exactly_the_legal_actions_and_illegal_ones_raise():
    env = CoalitionEnv()
    env.reset(seed=3)
    obs, *_ = env.last()
    mask = obs["action_mask"]
    seat = env.game.seat_index[env.agent_selection]
    from game import legal_actions

    assert {env.decode(env.state_, seat, int(i)) for i in np.flatnonzero(mask)} == set(legal_actions(env.state_))
    with pytest.raises(ValueError, match="not legal"):
        env.step(int(np.flatnonzero(mask == 0)[0]))


def test_a_random_game_ends_with_every_seats_score_as_reward():
    env = CoalitionEnv()
    env.reset(seed=1)
    rng = np.random.default_rng(1)
    rewards = {}
    for agent in env.agent_iter():
        obs, reward, terminated, truncated, _ = env.last()
        if terminated or truncated:
            rewards[agent] = reward
            env.step(None)
            continue
        env.step(int(rng.choice(np.flatnonzero(obs["action_mask"]))))
    assert set(rewards) == set(env.possible_agents)
    assert all(-1 <= r <= 1 for r in rewards.values())
