"""Playing whole games headless: agents in every seat, chance from the game's seeded RNG.

``play`` plays one game; ``run_games`` plays many, in this process or in a pool of worker
processes, and yields one JSON-ready result per game *in seed order*, so a run's output is the
same bytes for any number of jobs. A game that raises is reported as that game's error (with its
seed, so it can be replayed) and the run goes on. ``summarise`` turns result lines into the
summary table the CLI prints.
"""

from __future__ import annotations

import os
import statistics
import traceback
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from .. import (
    CHANCE,
    Game,
    State,
    apply,
    cons_list,
    current_seat,
    is_over,
    legal_actions,
    load_game,
    new_game,
    observe,
    outcome,
    sample_chance,
    yearly_bill,
)
from .. import save_record as save
from ..agents import Agent, make_agent
from ..errors import StorageError
from ..files import os_reason, sweep_temporaries
from .stats import mean_ci  # noqa: F401 - re-exported: the runner's callers read it here
from .summary import Summary

DEFAULT_AGENT = "negotiator"
#: The key of a result line that says a record could not be written (see ``play_one``).
STORAGE = "storage"


def play(game: Game, seed: int, agents: Mapping[str, Agent], max_actions: int = 1_000_000) -> State:
    """Play one game to the end and return the final state."""
    state = new_game(game, seed)
    seats = game.seats
    for _ in range(max_actions):
        if is_over(state):
            return state
        seat = current_seat(state)
        if seat == CHANCE:
            state = apply(state, sample_chance(state))
            continue
        action = agents[seats[seat]].act(observe(state, seat), legal_actions(state))
        state = apply(state, action)
    raise RuntimeError(f"game with seed {seed} did not end within {max_actions} actions")


def seat_agents(game: Game, seed: int, names: Mapping[str, str], default: str = DEFAULT_AGENT) -> dict[str, Agent]:
    """One agent per seat: ``names`` maps seat ids to agent names; the rest get ``default``."""
    return {seat: make_agent(names.get(seat, default), seat, seed) for seat in game.seats}


def _r(x: float) -> float:
    return round(x, 4)


def happenings(state: State) -> dict:
    """What the game's log says happened, by id: the commitment kinds that bound in some
    agreement (even one later withdrawn), the event cards drawn and reactions fired (in order),
    and every incident as [round, giver, kind]."""
    g = state.game
    bound: set[str] = set()
    events, reactions, incidents = [], [], []
    for item in cons_list(state.news):
        kind = item.kind
        if kind == "bind":
            bound.update(g.kinds[k] for _, k, _ in item.data[2].items)
        elif kind == "event":
            events.append(item.data[0])
        elif kind == "reaction":
            reactions.append(item.data[0])
        elif kind == "incident":
            incidents.append([item.round, g.seats[item.data[0]], g.kinds[item.data[1]]])
    return {"bound": sorted(bound), "events": events, "reactions": reactions, "incidents": incidents}


def game_result(state: State, agents: Mapping[str, str]) -> dict:
    """A finished game as one JSON-ready line: seed, agents, outcome, scores with their
    breakdown, the deal's terms (who committed what, cost shares), credibility, escalation,
    length, and what happened (``happenings``)."""
    g = state.game
    o = outcome(state)
    bills = [yearly_bill(state, s) for s in range(len(g.seats))]
    deal = []
    for a in state.agreements:
        p = a.proposal
        deal.append(
            {
                "id": a.id,
                "proposer": g.seats[a.proposer],
                "round": a.round,
                "term": p.term,
                "items": [{"giver": g.seats[s], "kind": g.kinds[k], "units": u} for s, k, u in p.items],
                "shares": {g.seats[s]: pct for s, pct in p.shares},
            }
        )
    return {
        "seed": state.seed,
        "agents": {seat: agents[seat] for seat in g.seats},
        "outcome": o.result,
        "winners": list(o.winners),
        "rounds": state.round,
        "length": state.ply,
        "credibility": _r(o.credibility),
        "threshold": _r(o.threshold),
        "escalation": o.escalation,
        "scores": {
            s.seat: {
                "total": _r(s.total),
                "margin": _r(s.margin),  # over its bottom line: who wins a deal is decided by it
                "lines": {
                    line.objective: {
                        "weight": line.weight,
                        "value": _r(line.value),
                        "points": _r(line.points),
                        "reason": line.reason,
                    }
                    for line in s.lines
                },
            }
            for s in o.scores
        },
        "deal": deal,
        "bills": {seat: _r(b) for seat, b in zip(g.seats, bills)},
        "support": {seat: _r(s.support) for seat, s in zip(g.seats, state.seats)},
        **happenings(state),
    }


def play_one(
    game: Game,
    seed: int,
    names: Mapping[str, str],
    default: str = DEFAULT_AGENT,
    records: str | None = None,
    scenario_file: str | None = None,
    replace_records: bool = True,
) -> dict:
    """Play one game and return its result line; an exception of the game becomes the line's
    ``error``. A record that cannot be written (a full or read-only disk: no game's fault) gives
    a line with only ``seed`` and ``storage``, the message; the caller stops the run there."""
    agents = {seat: names.get(seat, default) for seat in game.seats}
    try:
        state = play(game, seed, seat_agents(game, seed, names, default))
        line = game_result(state, agents)
        if records:
            _save_record(state, Path(records) / f"game-{seed}.json", scenario_file, agents, replace_records)
        return line
    except KeyboardInterrupt:
        raise
    except StorageError as e:
        return {"seed": seed, STORAGE: str(e)}
    except Exception as e:
        where = traceback.extract_tb(e.__traceback__)[-1]
        return {
            "seed": seed,
            "agents": agents,
            "error": f"{type(e).__name__}: {e}",
            "where": f"{Path(where.filename).name}:{where.lineno}",
        }


def _save_record(state: State, path: Path, scenario_file: str | None, agents: dict, replace: bool) -> None:
    try:
        save(state, path, scenario_file, agents, replace=replace)
    except FileExistsError:
        raise StorageError(f"--records: {path} exists; add --force to replace it") from None
    except OSError as e:
        raise StorageError(f"--records: cannot write {path}: {os_reason(e)}") from None


# --- many games, in order, in one or several processes ------------------------------------------


class SeedJobs(Sequence):
    """The (seed, seat->agent names) jobs of consecutive seeds with one assignment, made as they
    are read: a 100,000-game run does not hold 100,000 jobs."""

    def __init__(self, seeds: range, names: Mapping[str, str]):
        self.seeds, self.names = seeds, dict(names)

    def __len__(self) -> int:
        return len(self.seeds)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [(seed, self.names) for seed in self.seeds[i]]
        return (self.seeds[i], self.names)


def run_games(
    scenario_file: str | None,
    jobs_list: Sequence[tuple[int, Mapping[str, str]]],
    default: str = DEFAULT_AGENT,
    jobs: int = 1,
    records: str | None = None,
    game: Game | None = None,
    replace_records: bool = True,
    executor=None,
) -> Iterator[dict]:
    """Play every (seed, seat->agent names) job and yield the result lines in the jobs' order.

    The games go through ``executor`` (``executor.make_executor``), by default this process for
    ``jobs`` = 1, else a pool of ``jobs`` processes; the results are the same either way. Stopping
    the iteration (Ctrl-C, or a ``STORAGE`` line: a record could not be written) stops the
    workers; the temporary files of records they were writing are removed.
    """
    from .executor import LocalPool, Study, jobs_of  # noqa: PLC0415 - the executor plays games with play_one

    if game is None:
        game = load_game(scenario_file)
    study = Study.of(game.scenario, scenario_file, default, records, replace_records)
    try:
        yield from (executor or LocalPool(jobs, compiled={0: game})).run(study, jobs_of(jobs_list))
    finally:
        if records:  # a worker stopped mid-save leaves its temporary file; nothing else may remain
            sweep_temporaries(records)


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


# --- the summary -----------------------------------------------------------------------------


def compact(line: dict) -> dict:
    """The part of a result line the summary needs (keeps a long run's memory flat)."""
    if "error" in line:
        return {"seed": line["seed"], "agents": line["agents"], "error": line["error"]}
    keep = {
        k: line[k]
        for k in (
            "seed",
            "agents",
            "outcome",
            "winners",
            "rounds",
            "length",
            "credibility",
            "threshold",
            "escalation",
            "bills",
        )
    }
    keep["scores"] = {
        seat: {"total": s["total"], **({"margin": s["margin"]} if "margin" in s else {})}
        for seat, s in line["scores"].items()
    }
    return keep


def win_shares(line: dict) -> dict[str, float]:
    """Each seat's share of the win (ties split)."""
    winners = line["winners"]
    return {seat: (1 / len(winners) if seat in winners else 0.0) for seat in line["scores"]}


def summarise(lines: Iterable[dict]) -> list[str]:
    """The summary table of result lines (``summary.Summary``, which keeps running totals only)."""
    return Summary().update(lines).lines()


def tournament_table(lines: Iterable[dict]) -> list[str]:
    """Mean score by agent (rows) and seat (columns), with each agent's win rate."""
    ok = [x for x in lines if "error" not in x]
    if not ok:
        return ["no finished games"]
    seats = list(ok[0]["scores"])
    agents = sorted({x["agents"][s] for x in ok for s in seats})
    wins = [win_shares(x) for x in ok]
    width = max(12, *(len(a) + 1 for a in agents))
    out = [f"{'agent':{width}}" + "".join(f"{s:>7}" for s in seats) + f"{'mean':>8}{'win rate':>10}"]
    for agent in agents:
        row = f"{agent:{width}}"
        for seat in seats:
            vals = [x["scores"][seat]["total"] for x in ok if x["agents"][seat] == agent]
            row += f"{statistics.fmean(vals):7.1f}" if vals else f"{'-':>7}"
        scores = [x["scores"][s]["total"] for x in ok for s in seats if x["agents"][s] == agent]
        won = [w[s] for x, w in zip(ok, wins) for s in seats if x["agents"][s] == agent]
        out.append(row + f"{statistics.fmean(scores):8.1f}{statistics.fmean(won):10.1%}")
    means = {
        (agent, seat): statistics.fmean(vals)
        for agent in agents
        for seat in seats
        for vals in [[x["scores"][seat]["total"] for x in ok if x["agents"][seat] == agent]]
        if vals
    }
    for a in agents:
        for b in agents:
            if a < b:
                both = [seat for seat in seats if (a, seat) in means and (b, seat) in means]
                if both:
                    won = sum(1 for seat in both if means[a, seat] > means[b, seat])
                    out.append(
                        f"{a} scores more than {b} in {won} of {len(both)} seats; "
                        f"{b} in {sum(1 for seat in both if means[b, seat] > means[a, seat])}"
                    )
    return out


def rotations(seats: Sequence[str], agents: Sequence[str]) -> list[dict[str, str]]:
    """Seat assignments for a tournament: in rotation ``r`` seat ``i`` gets agent ``(i + r) mod k``,
    so over the ``k`` rotations every agent plays every seat once."""
    k = len(agents)
    return [{seat: agents[(i + r) % k] for i, seat in enumerate(seats)} for r in range(k)]
