"""Scenario commands: ``validate`` and ``show``."""

from __future__ import annotations

import argparse
import sys

from .. import RESOURCES, check_file, exit_status, load_game
from ..errors import printable


def cmd_validate(args: argparse.Namespace) -> int:
    """Check scenario files; print every problem as file:line:column: severity: message."""

    worst = 0
    results = []
    for name in args.files:
        scenario, problems = check_file(name)
        errors = [p for p in problems if p.severity == "error"]
        code = exit_status(problems)
        worst = max(worst, code)
        results.append(
            {
                "file": name,
                "valid": code == 0,
                "problems": [
                    {
                        "file": p.file,
                        "line": p.line,
                        "column": p.column,
                        "severity": p.severity,
                        "message": p.message,
                        "path": p.path,
                    }
                    for p in problems
                ],
            }
        )
        if args.format == "text":
            for p in problems:
                print(p)
            warnings = len(problems) - len(errors)
            if code == 0:
                print(printable(f"{name}: valid ({scenario.title!r}; {warnings} warning(s))"))
            else:
                print(printable(f"{name}: {len(errors)} error(s), {warnings} warning(s)"), file=sys.stderr)
    if args.format == "json":
        import json  # only for --format json: the text report starts without it

        print(json.dumps(results, indent=1, ensure_ascii=False))
    return worst


def cmd_show(args: argparse.Namespace) -> int:
    """A readable summary of a scenario."""

    game = load_game(args.file)
    sc = game.scenario
    out = [f"{sc.title} ({sc.id}, {sc.date})", ""]
    if sc.description:
        out += [sc.description.strip(), ""]
    s = sc.schedule
    out.append(
        f"{s.rounds} rounds of {s.months} month(s) from {s.start or 'round 1'}; "
        f"{sc.acceptance.seat} signs from round {sc.acceptance.earliest_round} and needs credibility "
        f"{sc.acceptance.threshold:.0f}"
    )
    out += ["", "Seats:"]
    for a in sc.actors:
        forces = ", ".join(f"{getattr(a.forces, r):,} {r.replace('_', '-')}" for r in RESOURCES if getattr(a.forces, r))
        role = "seat" if a.seat else "environment"
        out.append(
            f"  {a.id:4} {a.name} ({role}): budget ${a.budget:g}bn/yr, support {a.support:g}"
            + (f"; forces: {forces}" if forces else "")
        )
        for line in a.red_lines:
            kind = "hard" if line.hard else "soft"
            out.append(f"        red line ({kind}): {line.text or f'at most {line.max_units} {line.kind}'}")
    out += ["", "Commitment kinds:"]
    for k in sc.commitments:
        givers = ", ".join(k.givers) if k.givers else "any seat"
        out.append(
            f"  {k.id}: {k.name} per {k.unit} (steps {list(k.steps)}); ${k.yearly_cost:g}bn/yr"
            + (f" + ${k.upfront_cost:g}bn up front" if k.upfront_cost else "")
            + f"; credibility {k.credibility:g}; from {givers}"
        )
        for syn in k.synergies:
            out.append(
                f"        x{syn.multiplier:g} with {syn.kind}"
                + (f" from {', '.join(syn.givers)}" if syn.givers else "")
                + (f": {syn.text}" if syn.text else "")
            )
        if k.incident:
            out.append(
                f"        incident risk {k.incident.chance:.0%} per unit per round"
                f" (+{k.incident.escalation} escalation)"
            )
    out += ["", f"Escalation ladder: {' -> '.join(level.name for level in sc.escalation.levels)}"]
    out += ["", f"Events ({len(sc.events)} cards):"]
    out += [f"  {c.id}: {c.title}" for c in sc.events]
    if sc.reactions:
        out += ["", "Reactions:"] + [
            f"  {r.id}: {r.title} ({r.chance:.0%} a round when it applies)" for r in sc.reactions
        ]
    out += ["", "Objectives (private to each seat; weights in %):"]
    for a in sc.seats:
        weights = ", ".join(f"{k} {v}" for k, v in a.private.objectives.weights().items() if v)
        out.append(f"  {a.id:4} {weights}")
    print(printable("\n".join(out), lines=True))  # the loader refuses control characters; this is a second guard
    return 0


def register(sub) -> None:
    v = sub.add_parser("validate", help="check scenario files")
    v.add_argument("files", nargs="+")
    v.add_argument("--format", choices=("text", "json"), default="text")
    v.set_defaults(func=cmd_validate)

    s = sub.add_parser("show", help="summarise a scenario")
    s.add_argument("file")
    s.set_defaults(func=cmd_show)
