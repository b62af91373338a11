"""Balance report: how a scenario plays between AI negotiators, for its author.

``run_balance`` plays N games headless with the ``negotiator`` agents (``random`` when that agent
is not available, said in the report). Seats are fixed roles, so what rotates is the agents: game
``i`` has seed ``seed + i`` and, when several agent types are given, seat ``j`` plays agent
``(i + j) mod k``, so every type plays every seat equally often.

The report gives each seat's win rate (ties split) and mean score, the outcomes (deal rate), how
often each commitment kind binds, each event card is drawn and each reaction fires — naming those
never or always seen — and flags: a seat winning more than twice its fair share, a seat that never
wins, no deal or a deal in every game.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Callable, Sequence

import attrs

from ..core.scoring import outcome
from ..core.state import BAD_TERMS, COLLAPSE, NO_DEAL, SIGNED, Game, State
from ..errors import CoalitionError

RESULTS = (SIGNED, BAD_TERMS, NO_DEAL, COLLAPSE)
PREFERRED = "negotiator"
FALLBACK = "random"


@attrs.frozen
class BalanceReport:
    """What ``run_balance`` found; every rate is a share of the games (0-1)."""

    title: str
    games: int
    seed: int
    agents: tuple[str, ...]
    note: str
    seats: tuple[str, ...]
    win_rate: dict[str, float]
    mean_score: dict[str, float]
    score_ci: dict[str, float]
    outcomes: dict[str, float]
    kinds: dict[str, float]
    events: dict[str, float]
    reactions: dict[str, float]
    flags: tuple[str, ...]

    @property
    def deal_rate(self) -> float:
        return self.outcomes[SIGNED] + self.outcomes[BAD_TERMS]

    def to_json(self) -> dict:
        data = attrs.asdict(self)
        data["score_ci"] = {k: (None if math.isnan(v) else v) for k, v in self.score_ci.items()}  # strict JSON
        data["deal_rate"] = self.deal_rate
        return data


def lineup(agents: Sequence[str] | None) -> tuple[tuple[str, ...], str]:
    """The agent types to rotate, and a note when the preferred one had to be replaced."""
    from ..agents import AGENTS  # noqa: PLC0415 - the agents load their own modules

    if agents:
        unknown = [a for a in agents if a not in AGENTS]
        if unknown:
            raise CoalitionError(f"unknown agent {unknown[0]!r}; agents are {', '.join(sorted(AGENTS))}")
        return tuple(agents), ""
    if PREFERRED in AGENTS:
        return (PREFERRED,), ""
    return (FALLBACK,), f"the `{PREFERRED}` agent is not available in this version: every seat played `{FALLBACK}`"


def _news(state: State) -> list:
    items, cell = [], state.news
    while cell is not None:
        cell, item = cell
        items.append(item)
    return items[::-1]


def _seen(state: State) -> tuple[set[str], set[str], set[str]]:
    """The kinds that bound in some agreement, the event cards drawn, the reactions that fired."""
    g = state.game
    kinds, events, reactions = set(), set(), set()
    for item in _news(state):
        if item.kind == "bind":
            kinds.update(g.kinds[k] for _, k, _ in item.data[2].items)
        elif item.kind == "event":
            events.add(item.data[0])
        elif item.kind == "reaction":
            reactions.add(item.data[0])
    return kinds, events, reactions


def _play(game: Game, seed: int, names: dict[str, str]) -> tuple:
    """One game: its result, scores, winners, and the kinds, cards and reactions seen."""
    from .runner import play, seat_agents  # noqa: PLC0415

    state = play(game, seed, seat_agents(game, seed, names))
    o = outcome(state)
    return (o.result, [s.total for s in o.scores], o.winners, *_seen(state))


_WORKER: dict = {}


def _work(job: tuple[int, dict[str, str]]) -> tuple:
    return _play(_WORKER["game"], *job)


def _results(game: Game, work: list[tuple[int, dict[str, str]]], jobs: int):
    """The games' results in order, in this process or (forking) in ``jobs`` processes."""
    import multiprocessing  # noqa: PLC0415

    if jobs <= 1 or len(work) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for seed, names in work:
            yield _play(game, seed, names)
        return
    _WORKER["game"] = game  # inherited by the forked workers
    pool = multiprocessing.get_context("fork").Pool(min(jobs, len(work)))
    try:
        yield from pool.imap(_work, work, chunksize=max(1, len(work) // (jobs * 4)))
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def run_balance(
    game: Game,
    games: int,
    seed: int = 0,
    agents: Sequence[str] | None = None,
    progress: Callable[[int], None] | None = None,
    jobs: int = 1,
) -> BalanceReport:
    """Play ``games`` games (in ``jobs`` processes) and report on the scenario's balance; the
    report is the same for any number of jobs."""
    types, note = lineup(agents)
    sc, seats = game.scenario, game.seats
    wins: Counter[str] = Counter()
    scores: dict[str, list[float]] = {s: [] for s in seats}
    results: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    events: Counter[str] = Counter()
    reactions: Counter[str] = Counter()
    work = [(seed + i, {seat: types[(i + j) % len(types)] for j, seat in enumerate(seats)}) for i in range(games)]
    for n, (result, totals, winners, k, e, r) in enumerate(_results(game, work, jobs), 1):
        results[result] += 1
        for seat, total in zip(seats, totals):
            scores[seat].append(total)
        for w in winners:
            wins[w] += 1 / len(winners)
        kinds.update(k)
        events.update(e)
        reactions.update(r)
        if progress:
            progress(n)
    rate = {s: wins[s] / games for s in seats}
    return BalanceReport(
        title=sc.title,
        games=games,
        seed=seed,
        agents=types,
        note=note,
        seats=seats,
        win_rate=rate,
        mean_score={s: statistics.fmean(v) for s, v in scores.items()},
        score_ci={
            s: 1.96 * statistics.stdev(v) / math.sqrt(games) if games > 1 else math.nan for s, v in scores.items()
        },
        outcomes={r: results[r] / games for r in RESULTS},
        kinds={k.id: kinds[k.id] / games for k in sc.commitments},
        events={c.id: events[c.id] / games for c in sc.events},
        reactions={r.id: reactions[r.id] / games for r in sc.reactions},
        flags=tuple(_flags(seats, rate, results, games)),
    )


def _flags(seats: Sequence[str], rate: dict[str, float], results: Counter, games: int) -> list[str]:
    fair = 1 / len(seats)
    out = []
    for s in seats:
        if rate[s] > 2 * fair:
            out.append(f"`{s}` wins {rate[s]:.0%} of games: more than twice its fair share ({fair:.0%})")
        elif rate[s] == 0:
            out.append(f"`{s}` never wins")
    deals = results[SIGNED] + results[BAD_TERMS]
    if deals == 0:
        out.append("no game ends in a deal")
    elif deals == games and games > 1:
        out.append("every game ends in a deal")
    if results[COLLAPSE] == games and games > 1:
        out.append("every game ends in collapse")
    return out


def _usage(title: str, rates: dict[str, float], verb: str) -> list[str]:
    if not rates:
        return [f"{title}: none in the scenario"]
    out = [f"{title} (share of games in which it {verb}):"]
    width = max(len(k) for k in rates)
    out += [f"  {k:{width}}  {v:6.0%}" for k, v in sorted(rates.items(), key=lambda kv: (-kv[1], kv[0]))]
    never = [k for k, v in rates.items() if v == 0]
    always = [k for k, v in rates.items() if v == 1]
    out.append(f"  never: {', '.join(never) if never else '-'}; always: {', '.join(always) if always else '-'}")
    return out


def format_report(r: BalanceReport) -> str:
    """The report as the text the ``balance`` command prints."""
    o = r.outcomes
    out = [
        f"balance of {r.title!r}: {r.games} games, seeds {r.seed}-{r.seed + r.games - 1}, "
        f"agents {', '.join(r.agents)}" + (" rotated through the seats" if len(r.agents) > 1 else ""),
    ]
    if r.note:
        out.append(f"note: {r.note}")
    out += [
        f"deal rate: {r.deal_rate:.0%} (credible {o[SIGNED]:.0%}, on bad terms {o[BAD_TERMS]:.0%}); "
        f"no deal {o[NO_DEAL]:.0%}; collapse {o[COLLAPSE]:.0%}",
        "",
        f"{'seat':8}{'win rate':>10}{'mean score':>12}{'95% CI':>9}",
    ]
    for s in r.seats:
        ci = r.score_ci[s]
        out.append(f"{s:8}{r.win_rate[s]:10.0%}{r.mean_score[s]:12.1f}{'±' + format(ci, '.1f') if ci == ci else '':>9}")
    out.append(f"(a fair share of wins is {1 / len(r.seats):.0%})")
    out += [""] + _usage("commitment kinds", r.kinds, "binds")
    out += [""] + _usage("event cards", r.events, "is drawn")
    out += [""] + _usage("reactions", r.reactions, "fires")
    out += ["", "flags:" if r.flags else "flags: none"] + [f"  ! {f}" for f in r.flags]
    return "\n".join(out)


def plot_report(r: BalanceReport, path: str) -> None:
    """Draw each seat's win rate (against its fair share) and mean score to a PNG file."""
    try:
        import matplotlib  # noqa: PLC0415 - optional dependency

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt  # noqa: PLC0415
    except ImportError:
        raise CoalitionError(
            "--plot needs matplotlib, which is not installed: pip install 'coalition[plot]' (or pip install matplotlib)"
        ) from None
    seats = list(r.seats)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.bar(seats, [100 * r.win_rate[s] for s in seats], color="#4477aa")
    left.axhline(100 / len(seats), color="grey", linestyle="--", label="fair share")
    left.axhline(200 / len(seats), color="#cc6677", linestyle=":", label="twice the fair share")
    left.set_ylabel("win rate (%)")
    left.set_title("wins (ties split)")
    left.legend(fontsize="small")
    right.bar(
        seats,
        [r.mean_score[s] for s in seats],
        yerr=[0 if r.score_ci[s] != r.score_ci[s] else r.score_ci[s] for s in seats],
        color="#228833",
        capsize=3,
    )
    right.axhline(0, color="grey", linewidth=0.8)
    right.set_ylabel("mean score (-100 to 100)")
    right.set_title("mean score with 95% interval")
    fig.suptitle(f"{r.title}: {r.games} games, {r.deal_rate:.0%} deals ({', '.join(r.agents)})", fontsize="medium")
    fig.tight_layout()
    try:
        fig.savefig(path, dpi=100)
    except OSError as e:
        raise CoalitionError(f"cannot write {path}: {e.strerror or e}") from None
    finally:
        plt.close(fig)
