"""``replay``: verify a saved game and print it as a plain-language log."""

from __future__ import annotations

import argparse

from ..errors import printable


def cmd_replay(args: argparse.Namespace) -> int:
    """Verify a record and print its game as a plain-language log with the outcome."""
    # the rules load when a record is replayed, not with the command line (``validate`` starts quicker)
    from .. import OUTCOME_WORDS, log_lines, outcome
    from .. import load_record as load

    state, record = load(args.record, known=[args.scenario] if args.scenario else ())
    game = state.game
    n = len(record["actions"])
    if "verify" in record:
        rounds = len(record["verify"]["rounds"])
        check = f"the record replays exactly: seed, every action, {rounds} round state(s) and the last state match"
    else:
        check = f"it replays, but a version {record['version']} record carries no digests, so edits cannot be detected"
    print(printable(f"{game.scenario.title}: seed {state.seed}, {n} actions; {check}."))
    last = None
    for rnd, text in log_lines(game, state.news, None, args.lang):
        if rnd != last:
            print(f"\nRound {rnd}")
            last = rnd
        print(f"  {printable(text)}")
    o = outcome(state)
    print()
    print(
        f"Outcome: {OUTCOME_WORDS[o.result] if o.result else 'the game is not finished'}; "
        f"credibility {o.credibility:.0f} (threshold {o.threshold:.0f}); escalation rung {o.escalation}"
    )
    for s in sorted(o.scores, key=lambda s: -s.total):
        print(f"  {s.seat:4} {s.total:7.1f}")
        for line in s.lines:
            print(printable(f"         {line.points:+6.1f}  {line.objective} (weight {line.weight}): {line.reason}"))
    if o.result:
        print(f"Winner: {', '.join(o.winners)}")
    return 0


def register(sub) -> None:
    r = sub.add_parser("replay", help="verify a saved game and print its log")
    r.add_argument("record")
    r.add_argument(
        "--scenario", help="the scenario file the game was played on, when it is neither shipped nor beside the record"
    )
    r.add_argument("--lang", default="en")
    r.set_defaults(func=cmd_replay)
