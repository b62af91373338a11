"""Balance and design-health report: how a scenario plays between AI negotiators, for its author
and for tuning the design.

``run_balance`` plays N games headless with the ``negotiator`` agents (``random`` when that agent
is not available, said in the report). Seats are fixed roles, so what rotates is the agents: game
``i`` has seed ``seed + i`` and, when several agent types are given, seat ``j`` plays agent
``(i + j) mod k``, so every type plays every seat equally often.

The report gives the outcome rates (credible deal, deal on bad terms, no deal, collapse), each
seat's win rate (ties split) and mean score with 95% intervals, the winner's median margin over
second place, the share of credible deals taken by the most common sets of commitment kinds, how
often each kind binds, clashes where an escalating kind bound, the bloc's share of the bills
(``health``), how often each event card is drawn and each reaction fires — naming those never or
always seen — flags, and the paired probes (``probes``): each seat in turn played by a simple
fixed strategy or by ``mcts`` on the same seeds.
"""

from __future__ import annotations

import io
import math
from collections import Counter
from collections.abc import Callable, Sequence

import attrs

from .. import BAD_TERMS, COLLAPSE, NO_DEAL, SIGNED, Game
from ..errors import CoalitionError
from ..files import atomic_write, os_reason
from .health import RESULTS, Health
from .plotting import pyplot
from .probes import PROBES, ProbeStudy
from .stats import fmt_interval

PREFERRED = "negotiator"
FALLBACK = "random"


@attrs.frozen
class BalanceReport:
    """What ``run_balance`` found; every rate is a share of the games (0-1). ``health`` holds the
    design-health figures (``health.Health.figures``), ``probes`` the paired probes."""

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
    health: dict = attrs.field(factory=dict)
    probes: tuple[dict, ...] = ()
    probe_games: int = 0

    @property
    def deal_rate(self) -> float:
        return self.outcomes[SIGNED] + self.outcomes[BAD_TERMS]

    def to_json(self) -> dict:
        data = attrs.asdict(self, recurse=False)
        data["score_ci"] = {k: (None if math.isnan(v) else v) for k, v in self.score_ci.items()}  # strict JSON
        data["probes"] = list(self.probes)
        data["deal_rate"] = self.deal_rate
        return data


def lineup(agents: Sequence[str] | None) -> tuple[tuple[str, ...], str]:
    """The agent types to rotate, and a note when the preferred one had to be replaced."""
    from ..agents import AGENTS, load_agent  # noqa: PLC0415 - the agents load their own modules

    if agents:
        for name in agents:
            load_agent(name)  # a name, or a plug-in's module:ClassName; AgentError says what is wrong
        return tuple(agents), ""
    if PREFERRED in AGENTS:
        return (PREFERRED,), ""
    return (FALLBACK,), f"the `{PREFERRED}` agent is not available in this version: every seat played `{FALLBACK}`"


def run_balance(
    game: Game,
    games: int,
    seed: int = 0,
    agents: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    jobs: int = 1,
    probes: Sequence[str] = (),
    probe_games: int | None = None,
    backstop: Sequence[str] | None = None,
    scenario_file: str | None = None,
    executor=None,
) -> BalanceReport:
    """Play ``games`` games (in ``jobs`` processes) and report on the scenario's design health;
    with ``probes`` (names of ``probes.PROBES``), also play each probe on the first
    ``probe_games`` seeds. ``progress(done, total)`` is called after every game. The games go
    through ``executor`` (default: ``jobs`` local processes); the report is the same on any."""
    from .runner import run_games  # noqa: PLC0415

    types, note = lineup(agents)
    try:
        health = Health(game, backstop)
    except ValueError as e:
        raise CoalitionError(f"--backstop: {e}") from None
    lineups = [{seat: types[(i + j) % len(types)] for j, seat in enumerate(game.seats)} for i in range(games)]
    study = ProbeStudy(game, lineups, seed, probes, games if probe_games is None else min(probe_games, games))
    lines = run_games(scenario_file, study.jobs, types[0], jobs, None, game, executor=executor)
    for n, (tag, line) in enumerate(zip(study.tags, lines), 1):
        if tag is None:
            health.add(line)
        study.add(tag, line)
        if progress:
            progress(n, len(study.jobs))
    return report_of(game, seed, types, note, health.figures(), study)


def report_of(game: Game, seed: int, types: Sequence[str], note: str, h: dict, study: ProbeStudy) -> BalanceReport:
    """The report from the health figures and the probes."""
    sc, seats, n = game.scenario, game.seats, h["games"]
    rate = {s: h["win_rate"][s]["rate"] or 0.0 for s in seats}
    results = Counter({r: round(h["outcomes"][r]["rate"] * n) if n else 0 for r in RESULTS})
    return BalanceReport(
        title=sc.title,
        games=n,
        seed=seed,
        agents=tuple(types),
        note=note,
        seats=seats,
        win_rate=rate,
        mean_score={s: h["mean_score"][s]["mean"] for s in seats},
        score_ci={s: _nan(h["mean_score"][s]["high"], h["mean_score"][s]["mean"]) for s in seats},
        outcomes={r: h["outcomes"][r]["rate"] or 0.0 for r in RESULTS},
        kinds={k: v or 0.0 for k, v in h["kinds"].items()},
        events={k: v or 0.0 for k, v in h["events"].items()},
        reactions={k: v or 0.0 for k, v in h["reactions"].items()},
        flags=tuple(_flags(seats, rate, results, n)),
        health=h,
        probes=tuple(study.figures()),
        probe_games=study.games,
    )


def _nan(high: float | None, mean: float | None) -> float:
    return math.nan if high is None or mean is None else high - mean


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


def _pct(rate: dict) -> str:
    """``12% [8-17%]`` from a rate with its interval."""
    if rate["rate"] is None:
        return "-"
    return f"{rate['rate']:.0%} [{rate['low']:.0%}-{rate['high']:.0%}]"


def _health_lines(r: BalanceReport) -> list[str]:
    h = r.health
    out: list[str] = []
    margin = h["winner_margin_median"]
    out.append(f"winner's median margin over second place: {margin:.1f} points" if margin is not None else "")
    sets = h["deal_sets"]
    out.append("")
    if sets["credible_deals"]:
        out.append(
            f"credible deals: the {len(sets['top'])} most common sets of commitment kinds take "
            f"{sets['top_share']:.0%} of the {sets['credible_deals']} credible deals ({sets['distinct']} distinct sets)"
        )
        out += [f"  {t['share']:4.0%}  {', '.join(t['kinds'])}" for t in sets["top"]]
    else:
        out.append("credible deals: none")
    clashes = h["clashes"]
    out.append("")
    if clashes:
        out.append("clashes (incidents of a kind whose incidents escalate, in the games where that kind bound):")
        for kind, c in clashes.items():
            if c["bound_games"]:
                out.append(
                    f"  {kind}: bound in {c['bound_games']} game(s); a clash in {c['clash_games']} "
                    f"({c['clash_rate']:.0%}), {c['incidents']} incident(s); {c['collapse_games']} ended in collapse"
                )
            else:
                out.append(f"  {kind}: never bound")
    else:
        out.append("clashes: no commitment kind has an escalating incident")
    b = h["bloc"]
    out.append("")
    who = f"the bloc ({', '.join(b['seats'])}: every seat but the acceptance seat {b['acceptance_seat']}"
    who += f" and the backstop {', '.join(b['backstop'])})" if b["backstop"] else ")"
    if b["share_of_bills"] is None:
        out.append(f"bills: no credible deal with a bill; {who}")
    else:
        out.append(
            f"bills: {who} pays {b['share_of_bills']:.0%} of the yearly bills of credible deals, "
            f"and more than half in {_pct(b['pays_most'])} of the {b['paid_credible_deals']} credible deals with a bill"
        )
    return out


def _probe_lines(r: BalanceReport) -> list[str]:
    if not r.probes:
        return []
    names = [n for n in PROBES if any(p["probe"] == n for p in r.probes)]
    by = {(p["seat"], p["probe"]): p for p in r.probes}
    width = 24
    out = [
        "",
        f"paired probes on seeds {r.seed}-{r.seed + r.probe_games - 1}: each seat in turn played by the probe, "
        "every other seat unchanged;",
        "the seat's score minus its score in the same seed's game, mean [95% interval]; * the interval excludes zero",
        f"{'seat':8}" + "".join(f"{PROBES[n]:>{width}}" for n in names),
    ]
    for s in r.seats:
        row = f"{s:8}"
        for n in names:
            p = by.get((s, n))
            cell = ""
            if p is not None:
                cell = fmt_interval(p["mean"], p["low"], p["high"]) + ("*" if p["significant"] else " ")
            row += f"{cell:>{width}}"
        out.append(row)
    unpaired = sum(p["unpaired"] for p in r.probes)
    if unpaired:
        out.append(f"({unpaired} game(s) left unpaired: a failed game on one side)")
    return out


def format_report(r: BalanceReport) -> str:
    """The report as the text the ``balance`` command prints."""
    h = r.health
    oc = h["outcomes"]
    out = [
        f"balance of {r.title!r}: {r.games} games, seeds {r.seed}-{r.seed + r.games - 1}, "
        f"agents {', '.join(r.agents)}" + (" rotated through the seats" if len(r.agents) > 1 else ""),
    ]
    if r.note:
        out.append(f"note: {r.note}")
    if h.get("failed"):
        out.append(f"! {h['failed']} game(s) failed and are left out")
    out += [
        f"deal rate: {r.deal_rate:.0%} (credible {_pct(oc[SIGNED])}, on bad terms {_pct(oc[BAD_TERMS])}); "
        f"no deal {_pct(oc[NO_DEAL])}; collapse {_pct(oc[COLLAPSE])}   [95% intervals]",
        "",
        f"{'seat':8}{'win rate':>10}{'95% CI':>13}{'mean score':>12}{'95% CI':>9}",
    ]
    for s in r.seats:
        ci, w = r.score_ci[s], h["win_rate"][s]
        interval = f"{w['low']:.0%}-{w['high']:.0%}" if w["low"] is not None else ""
        out.append(
            f"{s:8}{r.win_rate[s]:10.0%}{interval:>13}{r.mean_score[s]:12.1f}"
            f"{'±' + format(ci, '.1f') if ci == ci else '':>9}"
        )
    out.append(f"(a fair share of wins is {1 / len(r.seats):.0%})")
    out += _health_lines(r)
    out += [""] + _usage("commitment kinds", r.kinds, "binds")
    out += [""] + _usage("event cards", r.events, "is drawn")
    out += [""] + _usage("reactions", r.reactions, "fires")
    out += _probe_lines(r)
    out += ["", "flags:" if r.flags else "flags: none"] + [f"  ! {f}" for f in r.flags]
    return "\n".join(out)


def plot_report(r: BalanceReport, path: str) -> None:
    """Draw each seat's win rate (against its fair share) and mean score to a PNG file."""
    plt = pyplot()
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
    image = io.BytesIO()
    try:
        fig.savefig(image, format="png", dpi=100)
    finally:
        plt.close(fig)
    try:
        atomic_write(path, image.getvalue())  # whole or not at all; the command checked --force
    except OSError as e:
        raise CoalitionError(f"cannot write {path}: {os_reason(e)}") from None
