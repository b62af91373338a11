"""Small scenarios built in code for rules tests, and helpers to drive a game by action text."""

from __future__ import annotations

import copy
from pathlib import Path

import cattrs

from game import apply, resolve_chance
from game.core.actions import parse_action
from game.core.state import Game, State
from game.scenario.model import Scenario

OBJ = {
    "peace": 40,
    "low_cost": 20,
    "credibility": 10,
    "low_escalation": 10,
    "support": 10,
    "red_lines": 5,
    "leadership": 5,
}

BASE = {
    "format": 1,
    "id": "test",
    "title": "Test",
    "actors": [
        {
            "id": "us",
            "name": "United States",
            "budget": 24,
            "reserve": 6,
            "forces": {"fighters": 8, "command": 4, "intelligence": 4, "air_defence": 4},
            "red_lines": [{"kind": "ground", "max_units": 0, "text": "no US ground troops"}],
            "private": {"objectives": OBJ, "reservation": 10, "note": "secret-us"},
        },
        {
            "id": "fr",
            "name": "France",
            "budget": 6,
            "reserve": 1.5,
            "forces": {"troops": 40000, "air_defence": 2},
            "red_lines": [{"kind": "ground", "max_units": 1, "hard": False}],
            "private": {"objectives": OBJ, "note": "secret-fr"},
        },
        {
            "id": "ua",
            "name": "Ukraine",
            "budget": 2,
            "forces": {"command": 2},
            "private": {"objectives": OBJ, "note": "secret-ua"},
        },
        {"id": "ru", "name": "Russia", "seat": False},
    ],
    "commitments": [
        {
            "id": "ground",
            "name": "Ground force",
            "unit": "brigade",
            "resource": "troops",
            "per_unit": 5000,
            "steps": [1, 2, 3],
            "yearly_cost": 1.2,
            "credibility": 8,
            "support_cost": 0.5,
            "rotation": {"after_years": 1, "factor": 3},
            "synergies": [{"kind": "c2", "givers": ["us"], "multiplier": 1.5}],
        },
        {
            "id": "c2",
            "name": "Command and control",
            "unit": "cell",
            "resource": "command",
            "steps": [1, 2],
            "yearly_cost": 0.3,
            "credibility": 5,
        },
        {
            "id": "nfz",
            "name": "No-fly zone",
            "unit": "squadron",
            "resource": "fighters",
            "steps": [2, 4],
            "yearly_cost": 1.5,
            "credibility": 6,
            "incident": {"chance": 0.1, "escalation": 2, "text": "clash"},
        },
        {
            "id": "ad",
            "name": "Air defence",
            "unit": "battery",
            "resource": "air_defence",
            "steps": [1, 2],
            "upfront_cost": 1.0,
            "yearly_cost": 0.1,
            "credibility": 4,
        },
        {
            "id": "hns",
            "name": "Host nation support",
            "unit": "package",
            "resource": "command",
            "givers": ["ua"],
            "credibility": 1,
        },
    ],
    "credibility": {
        "scale": 40,
        "terms": [{"years": 1, "credit": 0.6}, {"years": 3, "credit": 0.9}, {"years": 5, "credit": 1.0}],
    },
    "escalation": {"levels": [{"name": f"rung {i}"} for i in range(5)], "calm_at": 90},
    "schedule": {"rounds": 4, "events_per_round": 0, "negotiation_passes": 1},
    "acceptance": {"seat": "ua", "threshold": 60, "earliest_round": 1},
    "domestic": {"lapse_below": 20, "arrears_penalty": 2},
    "events": [{"id": "shock", "title": "Shock", "effects": {"support": {"fr": -5}}}],
    "reactions": [],
}


def scenario(**changes) -> Scenario:
    """The base test scenario with top-level keys replaced (dicts are merged one level deep)."""
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return cattrs.structure(data, Scenario)


def game(**changes) -> Game:
    return Game.from_scenario(scenario(**changes))


def do(state: State, *texts: str) -> State:
    """Apply actions given as text, resolving chance steps in between with the seeded RNG."""
    for text in texts:
        state = resolve_chance(state)
        state = apply(state, parse_action(text))
    return resolve_chance(state)


def cli(capsys, *argv) -> tuple[int, str, str]:
    """Run the command line in this process: (exit code, stdout, stderr)."""
    from game.cli import main

    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def ai_move(session) -> None:
    """One move of a window's game (``ui.session.Session``): chance, or the seat's AI."""
    from game import CHANCE, legal_actions, observe

    seat = session.current
    if seat == CHANCE:
        session.step_chance()
    else:
        state = session.state
        session.apply_one(session.agent(seat).act(observe(state, seat), legal_actions(state)))


def minimal_copy(folder) -> Path:
    """A copy of ``tests/fixtures/minimal.yaml`` as ``mine.yaml`` in ``folder`` (an author's file)."""
    path = Path(folder) / "mine.yaml"
    path.write_text((Path(__file__).parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return path


def temporaries(folder) -> list[Path]:
    """The temporary files (``.NAME.PID.XXXX.tmp``) left anywhere under ``folder``."""
    return [p for p in Path(folder).rglob("*") if p.name.startswith(".") and p.name.endswith(".tmp")]
