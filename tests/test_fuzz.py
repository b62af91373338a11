"""Fuzzing the scenario format (hypothesis): a valid scenario with a few random mutations (a value
replaced by odd text, a control character, a tiny or huge number, a key dropped or added, an item
repeated, an id made of anything) must be either refused with located problems (file, line,
column, a message, nothing raw for the terminal) or be playable and round-trip: save -> load
(finding the scenario beside the record) -> replay and verify, reaching the same state."""

from __future__ import annotations

import copy
import random
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game import CHANCE, Game, apply, current_seat, is_over, legal_actions, load_record, new_game, sample_chance
from game import save_record as save
from game.errors import CONTROL
from game.scenario.loader import check_text

MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"
BASE = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
MAX_PLIES = 1500  # a long game is cut here: an unfinished game must round-trip too

TEXT = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "-", "a b", "US", "ground force", "\x1b[2J", "x\u202ey", "a\rb", "7", "é", "_x"]),
)
NUMBER = st.one_of(
    st.integers(min_value=-(10**13), max_value=10**13),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, -1, 5e-324, 1e-300, 1e12, 10**12 + 1, 0.5, 100, 101]),
)
SCALAR = st.one_of(TEXT, NUMBER, st.booleans(), st.none())


def paths(value, here=()):
    """Every path into the plain data (keys and list indices)."""
    out = [here]
    if isinstance(value, dict):
        for k, v in value.items():
            out += paths(v, (*here, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += paths(v, (*here, i))
    return out


def at(data, path):
    for p in path:
        data = data[p]
    return data


VALID_ID = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True)
PLAIN_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cf")), max_size=20)


def rename(value, old: str, new: str):
    """``value`` with every string equal to ``old`` (ids and references, keys too) made ``new``."""
    if isinstance(value, dict):
        return {(new if k == old else k): rename(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [rename(v, old, new) for v in value]
    return new if value == old else value


@st.composite
def gentle(draw):
    """The minimal scenario changed the way an author might: numbers nudged, texts rewritten, an
    id renamed everywhere, an optional item dropped. Many of these stay valid and must play."""
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["nudge", "nudge", "text", "rename", "drop"]))
        every = paths(data)[1:]
        if kind == "nudge":
            numbers = [p for p in every if isinstance(at(data, p), (int, float)) and not isinstance(at(data, p), bool)]
            where = draw(st.sampled_from(numbers))
            value = at(data, where) * draw(st.sampled_from([0, 0.5, 0.9, 1.1, 2, 3]))
            at(data, where[:-1])[where[-1]] = round(value) if isinstance(at(data, where), int) else value
        elif kind == "text":
            texts = [p for p in every if p[-1] in ("title", "text", "name", "description", "note", "unit")]
            where = draw(st.sampled_from(texts))
            at(data, where[:-1])[where[-1]] = draw(PLAIN_TEXT)
        elif kind == "rename":
            ids = sorted({at(data, p) for p in every if p[-1] == "id" and isinstance(at(data, p), str)})
            data = rename(data, draw(st.sampled_from(ids)), draw(VALID_ID))
        else:
            lists = [p for p in every if p and p[-1] in ("events", "reactions", "red_lines", "sources", "synergies")]
            where = draw(st.sampled_from(lists))
            if at(data, where):
                at(data, where).pop(draw(st.integers(0, len(at(data, where)) - 1)))
    return data


@st.composite
def mutated(draw):
    """The minimal scenario with one to three mutations, anything at all."""
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(paths(data)[1:]))
        parent, last = at(data, where[:-1]), where[-1]
        kind = draw(st.sampled_from(["scalar", "scalar", "id", "drop", "add", "repeat", "number"]))
        if kind == "drop":
            del parent[last]
        elif kind == "add" and isinstance(parent, dict):
            parent[draw(TEXT)] = draw(SCALAR)
        elif kind == "repeat" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
        elif kind == "id":
            ids = [p for p in paths(data) if p and p[-1] == "id"]
            target = draw(st.sampled_from(ids))
            at(data, target[:-1])["id"] = draw(TEXT)
        elif kind == "number":
            parent[last] = draw(NUMBER)
        else:
            parent[last] = draw(SCALAR)
        if not paths(data)[1:]:
            break
    return data


def random_play(game: Game, seed: int):
    rng = random.Random(seed)
    state = new_game(game, seed)
    while not is_over(state) and state.ply < MAX_PLIES:
        if current_seat(state) == CHANCE:
            state = apply(state, sample_chance(state))
        else:
            legal = legal_actions(state)
            assert legal, "a seat is to act but has no legal action"
            state = apply(state, rng.choice(legal))
    return state


@pytest.mark.slow
@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,  # the same examples on every run (CI); raise max_examples to look further
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
@given(data=st.one_of(gentle(), mutated()), seed=st.integers(0, 2**63 - 1))
def test_a_mutated_scenario_is_refused_where_it_is_wrong_or_plays_and_round_trips(data, seed, tmp_path):
    try:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        return  # not representable as YAML text: nothing an author could write
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # one per example (hypothesis reuses tmp_path)
    file = folder / "fuzz.yaml"
    file.write_text(text, encoding="utf-8")
    scenario, problems = check_text(text, str(file))
    errors = [p for p in problems if p.severity == "error"]
    if scenario is None:
        assert errors, "refused without saying why"
        lines = len(text.splitlines()) + 1
        for p in errors:
            assert p.file == str(file) and 1 <= p.line <= lines and p.column >= 1 and p.message
            assert not CONTROL.search(str(p)), f"a control character reaches the terminal: {p!s}"
        return
    assert not errors
    game = Game.from_scenario(scenario)
    state = random_play(game, seed)
    record = folder / "game.json"
    save(state, record, str(file))
    loaded, saved = load_record(record)  # finds fuzz.yaml beside the record; replays and verifies
    assert loaded == state and saved["seed"] == seed
