"""The command line: ``coalition`` (or ``python main.py``) and its subcommands.

With no subcommand it opens the game window on the default scenario. Every error a user can cause
is reported as one plain message (no traceback) with a non-zero exit code.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import Sequence

from .errors import CoalitionError, ScenarioError
from .paths import DEFAULT_SCENARIO


def _load_game(path: str | Path):
    from .loader import load_scenario
    from .state import Game

    return Game.from_scenario(load_scenario(path))


# --- validate --------------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    """Check scenario files; print every problem as file:line:column: severity: message."""
    from .loader import check_file

    worst = 0
    results = []
    for name in args.files:
        try:
            scenario, problems = check_file(name)
            unreadable = False
        except ScenarioError as e:  # could not be read at all
            scenario, problems, unreadable = None, e.problems, True
        errors = [p for p in problems if p.severity == "error"]
        code = 2 if unreadable else (1 if errors else 0)
        worst = max(worst, code)
        results.append({"file": name, "valid": code == 0, "problems": [
            {"file": p.file, "line": p.line, "column": p.column, "severity": p.severity,
             "message": p.message, "path": p.path} for p in problems]})
        if args.format == "text":
            for p in problems:
                print(p)
            warnings = len(problems) - len(errors)
            if code == 0:
                print(f"{name}: valid ({scenario.title!r}; {warnings} warning(s))")
            else:
                print(f"{name}: {len(errors)} error(s), {warnings} warning(s)", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(results, indent=1, ensure_ascii=False))
    return worst


# --- show ------------------------------------------------------------------------------------


def cmd_show(args: argparse.Namespace) -> int:
    """A readable summary of a scenario."""
    from .model import RESOURCES

    game = _load_game(args.file)
    sc = game.scenario
    out = [f"{sc.title} ({sc.id}, {sc.date})", ""]
    if sc.description:
        out += [sc.description.strip(), ""]
    s = sc.schedule
    out.append(f"{s.rounds} rounds of {s.months} month(s) from {s.start or 'round 1'}; "
               f"{sc.acceptance.seat} signs from round {sc.acceptance.earliest_round} and needs credibility "
               f"{sc.acceptance.threshold:.0f}")
    out += ["", "Seats:"]
    for a in sc.actors:
        forces = ", ".join(f"{getattr(a.forces, r):,} {r.replace('_', '-')}" for r in RESOURCES if getattr(a.forces, r))
        role = "seat" if a.seat else "environment"
        out.append(f"  {a.id:4} {a.name} ({role}): budget ${a.budget:g}bn/yr, support {a.support:g}"
                   + (f"; forces: {forces}" if forces else ""))
        for line in a.red_lines:
            kind = "hard" if line.hard else "soft"
            out.append(f"        red line ({kind}): {line.text or f'at most {line.max_units} {line.kind}'}")
    out += ["", "Commitment kinds:"]
    for k in sc.commitments:
        givers = ", ".join(k.givers) if k.givers else "any seat"
        out.append(f"  {k.id}: {k.name} per {k.unit} (steps {list(k.steps)}); ${k.yearly_cost:g}bn/yr"
                   + (f" + ${k.upfront_cost:g}bn up front" if k.upfront_cost else "")
                   + f"; credibility {k.credibility:g}; from {givers}")
        for syn in k.synergies:
            out.append(f"        x{syn.multiplier:g} with {syn.kind}" + (f" from {', '.join(syn.givers)}" if syn.givers else "")
                       + (f": {syn.text}" if syn.text else ""))
        if k.incident:
            out.append(f"        incident risk {k.incident.chance:.0%} per unit per round (+{k.incident.escalation} escalation)")
    out += ["", f"Escalation ladder: {' -> '.join(level.name for level in sc.escalation.levels)}"]
    out += ["", f"Events ({len(sc.events)} cards):"]
    out += [f"  {c.id}: {c.title}" for c in sc.events]
    if sc.reactions:
        out += ["", "Reactions:"] + [f"  {r.id}: {r.title} ({r.chance:.0%} a round when it applies)" for r in sc.reactions]
    out += ["", "Objectives (private to each seat; weights in %):"]
    for a in sc.seats:
        weights = ", ".join(f"{k} {v}" for k, v in a.private.objectives.weights().items() if v)
        out.append(f"  {a.id:4} {weights}")
    print("\n".join(out))
    return 0


# --- simulate --------------------------------------------------------------------------------


def _parse_seats(text: str | None, game) -> dict[str, str]:
    if not text:
        return {}
    names = {}
    for part in text.split(","):
        seat, _, agent = part.partition("=")
        if seat not in game.seats or not agent:
            raise CoalitionError(f"--seats: {part!r} should be SEAT=AGENT with SEAT one of {', '.join(game.seats)}")
        names[seat] = agent
    return names


def summarise(states: list) -> list[str]:
    """A short summary of finished games: deal rate, credibility, escalation, scores."""
    from .scoring import outcome
    from .state import BAD_TERMS, COLLAPSE, NO_DEAL, SIGNED

    n = len(states)
    outcomes = [outcome(s) for s in states]
    counts = {r: sum(1 for o in outcomes if o.result == r) for r in (SIGNED, BAD_TERMS, NO_DEAL, COLLAPSE)}
    seats = states[0].game.seats
    lines = [
        f"games: {n}",
        f"deal rate: {(counts[SIGNED] + counts[BAD_TERMS]) / n:.1%} "
        f"(credible {counts[SIGNED] / n:.1%}, on Russia's terms {counts[BAD_TERMS] / n:.1%}); "
        f"no deal {counts[NO_DEAL] / n:.1%}; collapse {counts[COLLAPSE] / n:.1%}",
        f"mean credibility: {statistics.fmean(o.credibility for o in outcomes):.1f}",
        "final escalation rung: " + ", ".join(
            f"{rung}: {sum(1 for o in outcomes if o.escalation == rung)}" for rung in range(states[0].game.top + 1)),
        "mean score per seat: " + ", ".join(
            f"{seat} {statistics.fmean(o.scores[i].total for o in outcomes):.1f}" for i, seat in enumerate(seats)),
    ]
    return lines


def cmd_simulate(args: argparse.Namespace) -> int:
    """Play N headless games and print a summary."""
    from .record import save
    from .runner import play, seat_agents

    path = args.scenario or str(DEFAULT_SCENARIO)
    game = _load_game(path)
    names = _parse_seats(args.seats, game)
    if args.games < 1:
        raise CoalitionError("--games must be at least 1")
    states = []
    for i in range(args.games):
        seed = args.seed + i
        state = play(game, seed, seat_agents(game, seed, names, args.agent))
        states.append(state)
        if args.records:
            players = {seat: names.get(seat, args.agent) for seat in game.seats}
            save(state, Path(args.records) / f"game-{seed}.json", path, players)
    print("\n".join(summarise(states)))
    return 0


# --- replay ----------------------------------------------------------------------------------


def cmd_replay(args: argparse.Namespace) -> int:
    """Verify a record and print its game as a plain-language log with the outcome."""
    from .narrate import log_lines
    from .record import load
    from .scoring import OUTCOME_WORDS, outcome

    state, record = load(args.record)
    game = state.game
    print(f"{game.scenario.title}: seed {state.seed}, {len(record['actions'])} actions; the record replays exactly.")
    last = None
    for rnd, text in log_lines(game, state.news, None, args.lang):
        if rnd != last:
            print(f"\nRound {rnd}")
            last = rnd
        print(f"  {text}")
    o = outcome(state)
    print()
    print(f"Outcome: {OUTCOME_WORDS[o.result] if o.result else 'the game is not finished'}; "
          f"credibility {o.credibility:.0f} (threshold {o.threshold:.0f}); escalation rung {o.escalation}")
    for s in sorted(o.scores, key=lambda s: -s.total):
        print(f"  {s.seat:4} {s.total:7.1f}")
        for line in s.lines:
            print(f"         {line.points:+6.1f}  {line.objective} (weight {line.weight}): {line.reason}")
    if o.result:
        print(f"Winner: {', '.join(o.winners)}")
    return 0


# --- play (the window) -----------------------------------------------------------------------


def cmd_play(args: argparse.Namespace) -> int:
    """Open the game window."""
    try:
        from .ui.app import run
    except ImportError as e:  # the GUI's libraries are missing
        raise CoalitionError(f"the game window needs pygame-ce and pygame_gui ({e}); install with: pip install -e .") from None
    return run(scenario=args.scenario, lang=args.lang, load=getattr(args, "load", None))


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="coalition", description="Coalition: a negotiation wargame of security guarantees.")
    sub = p.add_subparsers(dest="command")

    v = sub.add_parser("validate", help="check scenario files")
    v.add_argument("files", nargs="+")
    v.add_argument("--format", choices=("text", "json"), default="text")
    v.set_defaults(func=cmd_validate)

    s = sub.add_parser("show", help="summarise a scenario")
    s.add_argument("file")
    s.set_defaults(func=cmd_show)

    m = sub.add_parser("simulate", help="play headless games between AI agents")
    m.add_argument("scenario", nargs="?", help="scenario file (default: the default scenario)")
    m.add_argument("--games", type=int, default=100)
    m.add_argument("--seed", type=int, default=0)
    m.add_argument("--seats", help="agents by seat, e.g. us=random,fr=random")
    m.add_argument("--agent", default="random", help="agent for the seats not named in --seats")
    m.add_argument("--records", help="directory to write each game's JSON record to")
    m.set_defaults(func=cmd_simulate)

    r = sub.add_parser("replay", help="verify a saved game and print its log")
    r.add_argument("record")
    r.add_argument("--lang", default="en")
    r.set_defaults(func=cmd_replay)

    g = sub.add_parser("play", help="open the game window (the default)")
    g.add_argument("scenario", nargs="?")
    g.add_argument("--lang", default="en", choices=("en", "ja"))
    g.add_argument("--load", help="a saved game to resume")
    g.set_defaults(func=cmd_play)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not argv or argv[0].startswith("--lang"):
        argv = ["play", *argv]
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except ScenarioError as e:
        print(str(e), file=sys.stderr)
        return 2 if e.unreadable else 1
    except CoalitionError as e:
        print(f"coalition: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("coalition: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
