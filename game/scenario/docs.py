"""The scenario format reference, ``docs/scenario-format.md``, generated so that it cannot drift.

The field tables come from the attrs model (``model``): each field's type, default, range
(``metadata["min"]``/``["max"]``) and meaning (``metadata["doc"]``); the list of checks comes from
the validator's rules (``checks.RULES``); the variant rules from ``variants``. The prose and the
worked examples are kept here, and every example is itself checked by the tests: each structures
into its class with the same converter the loader uses.

``coalition docs`` prints it; a test fails when the committed file differs.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal

import attrs

from . import checks, model, variants
from .model import ID_MAX, ID_PATTERN, ID_RULE, OBJECTIVES, RESOURCES, Scenario


@attrs.frozen
class Example:
    """A worked example: a YAML snippet, the class found at ``path`` in it, and what it means."""

    title: str
    yaml: str
    cls: type
    path: str
    text: str


# -- worked examples ----------------------------------------------------------------------------

KIND_EXAMPLES = (
    Example(
        "Ground force: troops that rotate, worth more under a backstop",
        """\
commitments:
  - id: ground_force
    name: European ground force
    unit: brigade
    resource: troops
    per_unit: 5000             # one brigade ties up 5,000 troops
    steps: [1, 2, 3, 4]        # one commitment gives 1 to 4 brigades
    givers: [uk, fr, de]
    upfront_cost: 0.3          # $bn per brigade when the agreement binds
    yearly_cost: 1.3           # $bn per brigade per year, charged each round
    credibility: 8
    support_cost: 0.3          # the giver loses 0.3 support per brigade per round
    incident: {chance: 0.01, escalation: 1, support: -3, text: "A strike near a base."}
    rotation: {after_years: 1, factor: 3}
    synergies:
      - {kind: command_control, givers: [us], multiplier: 1.5, text: "US backstop"}
""",
        model.CommitmentKind,
        "commitments[0]",
        """\
Two brigades for a 3-year term tie up 2 × 5,000 × 3 = 30,000 troops (the term is longer than
`after_years`, so `factor` applies: one brigade deployed, one training, one recovering); for a
1-year term only 10,000. With the US giving `command_control`, each brigade is worth
8 × 1.5 = 12 raw points before the term's credit. Each round each brigade risks a 1% incident.""",
    ),
    Example(
        "Command and control: one headquarters, little alone, much in a synergy",
        """\
commitments:
  - id: command_control
    name: US command and control
    unit: headquarters
    resource: command
    steps: [1]
    givers: [us]
    upfront_cost: 0.1
    yearly_cost: 0.5
    credibility: 6
""",
        model.CommitmentKind,
        "commitments[0]",
        """\
Worth 6 raw points by itself; its real weight is the ×1.5 the ground force's synergy gives every
brigade in force once one headquarters is committed.""",
    ),
    Example(
        "Air-defence supply: bought up front",
        """\
commitments:
  - id: air_defence
    name: Air-defence supply
    unit: battery
    resource: air_defence
    steps: [1, 2, 3, 4]
    upfront_cost: 1.0          # a Patriot battery with interceptors: ~$1bn
    yearly_cost: 0.15
    credibility: 4
    synergies:
      - {kind: intelligence, givers: [us], multiplier: 1.25}
""",
        model.CommitmentKind,
        "commitments[0]",
        """\
`givers` is left out, so every seat that has `air_defence` forces may give it. Two batteries cost
$2bn when the agreement binds, shared by the agreement's cost shares.""",
    ),
    Example(
        "No-fly zone: strong, costly and risky",
        """\
commitments:
  - id: no_fly_zone
    name: No-fly zone
    unit: squadron
    resource: fighters
    steps: [1, 2, 4, 6]
    givers: [us, uk, fr]
    yearly_cost: 1.8
    credibility: 5
    support_cost: 0.3
    incident:
      chance: 0.02             # per squadron per round
      escalation: 2            # a clash with the rival's aircraft jumps two rungs
      support: -6
      text: "Guarantor and Russian aircraft clash."
""",
        model.CommitmentKind,
        "commitments[0]",
        """\
With 4 squadrons in force the chance of a clash in a round is 1 − 0.98⁴ ≈ 7.8%; each clash adds 2
rungs of escalation, and the top rung ends the game in collapse.""",
    ),
    Example(
        "Intelligence sharing: cheap, invisible to voters",
        """\
commitments:
  - id: intelligence
    name: Intelligence sharing
    unit: package
    resource: intelligence
    steps: [1, 2]
    yearly_cost: 0.3
    credibility: 3.5
""",
        model.CommitmentKind,
        "commitments[0]",
        """\
No `support_cost`: voters do not see it. Other kinds name it in their synergies.""",
    ),
    Example(
        "Funding: money only",
        """\
commitments:
  - id: funding
    name: Funding for Ukraine's forces
    unit: "$1bn/yr"
    resource: null             # draws on no force: any seat allowed to give it may
    steps: [1, 2, 5, 10]
    yearly_cost: 1.0
    credibility: 1.5
    support_cost: 0.05
""",
        model.CommitmentKind,
        "commitments[0]",
        """\
A kind with no `resource` is limited only by `steps`, red lines and money: $10bn a year gives 15
raw points, less than two brigades under a backstop at eight times the price.""",
    ),
    Example(
        "Host-nation support: only the host gives it; popular at home",
        """\
commitments:
  - id: host_nation_support
    name: Host-nation support
    unit: base package
    resource: command
    steps: [1, 2, 3]
    givers: [ua]
    upfront_cost: 0.2
    yearly_cost: 0.3
    credibility: 1.5
    support_cost: -0.2         # negative: the giver gains support each round
""",
        model.CommitmentKind,
        "commitments[0]",
        """\
Little by itself, but another kind's synergy (`{kind: host_nation_support, givers: [ua],
multiplier: 1.2}`) makes it count.""",
    ),
)

EFFECT_EXAMPLES = (
    Example(
        "`escalation`: climb (or ease) the ladder",
        "effects: {escalation: 1}",
        model.Effect,
        "effects",
        "One rung up, never past the top (reaching the top ends the game in collapse) nor below 0.",
    ),
    Example(
        "`credibility`: a lasting change to the guarantee",
        "effects: {credibility: 2}",
        model.Effect,
        "effects",
        "Adds 2 points to the guarantee's credibility for the rest of the game (a lasting modifier, like "
        "`credibility.start`).",
    ),
    Example(
        "`alarm`: Moscow is more (or less) alarmed at the same forces",
        "effects: {alarm: 5}",
        model.Effect,
        "effects",
        "Adds 5 points to Russian alarm for the rest of the game (a lasting modifier, like `alarm.start`): "
        "reactions whose `alarm_at_least` was just out of reach may now fire.",
    ),
    Example(
        "`threshold`: the acceptance seat asks more (or less)",
        "effects: {threshold: 4}",
        model.Effect,
        "effects",
        "The credibility the acceptance seat needs rises by 4 (kept within 0-100).",
    ),
    Example(
        "`support`: domestic support of named seats",
        "effects: {support: {uk: -2, de: -3}}",
        model.Effect,
        "effects",
        "Each named seat's support moves by its value, kept within 0-100. Effects name seats only.",
    ),
    Example(
        "`support_all`: every seat at once",
        "effects: {support_all: -1}",
        model.Effect,
        "effects",
        "Every seat loses a point of support.",
    ),
    Example(
        "`budget`: the yearly budget changes",
        "effects: {budget: {us: -3}}",
        model.Effect,
        "effects",
        "The US's yearly budget falls by $3bn from now on (never below 0).",
    ),
    Example(
        "`money`: a one-off sum",
        "effects: {money: {ua: 1.5}}",
        model.Effect,
        "effects",
        "Ukraine's funds grow by $1.5bn at once.",
    ),
    Example(
        "`forces`: forces added to a pool",
        "effects: {forces: {de: {air_defence: 1}}}",
        model.Effect,
        "effects",
        "Germany has one more air-defence battery to give.",
    ),
)

CONDITION_EXAMPLE = Example(
    "A card that may be drawn only while troops are in force, from round 4",
    """\
when:
  committed: [ground_force]    # some seat's ground force is in force
  round_at_least: 4
  support_below: {de: 50}      # and Germany's support is below 50
""",
    model.Condition,
    "when",
    "Every field given must hold; a field left out does not constrain.",
)

OBJECTIVE_VALUES = {
    "peace": "the `peace` value of the outcome (the seat's own `private.outcomes` where given): by default 1 "
    "for a deal signed with a credible guarantee, −0.5 for a deal on bad terms (signed below the threshold), "
    "−0.3 for no deal, −1 for collapse; a deal loses `delay` for each round it came after `earliest_round`",
    "low_cost": "1 − (its yearly bill ÷ its budget), at least 0; the bill is its shares of the running costs "
    "plus up-front costs spread over each agreement's term (with a budget of 0: 1 if it pays nothing, "
    "else 0)",
    "credibility": "the guarantee's final credibility ÷ 100",
    "low_escalation": "1 − (the final rung ÷ the top rung)",
    "support": "its final domestic support ÷ 100; with `domestic.kept_scale`, the support kept: "
    "1 − (support lost since the start ÷ the scale), from −1 to 1",
    "red_lines": "1 − (soft red lines it crossed ÷ its soft red lines, its `share_red_line` included); 1 when "
    "it has none",
    "leadership": "3 × its own share of the guarantee's raw credibility, at most 1 (a third of the guarantee "
    "is full marks)",
    "mandate": "the `value` of the mandate dealt to it (one of its `private.mandates`, drawn from the seed at "
    "the start and seen by it alone) if the deal is signed and, at the end, every part of the mandate holds; "
    "else 0",
}

MANDATE_EXAMPLE = Example(
    "A seat's secret mandates: one is dealt to it each game",
    """private:
  objectives: {peace: 30, low_cost: 20, credibility: 20, mandate: 30}
  mandates:
    - id: british_brigade
      text: "British troops on the ground: two British brigades in Ukraine."
      gives: {ground_force: 2}     # this seat has at least 2 units of it in force
      value: 0.75                  # met in about a quarter of deals: worth 3/4 of the weight
    - id: paid_by_others
      text: "Others pay: at most 15% of the bills."
      bill_share_at_most: 15
      value: 0.5
    - id: early_and_strong
      text: "Signed by round 3, at credibility 90 or more."
      signed_by: 3
      credibility_at_least: 90
""",
    model.Private,
    "private",
    """At the start one of the three is dealt to the seat (from the game's seed: the same seed deals the
same mandates); only it sees which. If it holds `early_and_strong` and the deal is signed in round
3 at credibility 91, its `mandate` objective scores 30 × 1 = 30; signed in round 4, 0. The other
seats' AI negotiators cannot see it and do not guess it.""",
)

OBJECTIVE_EXAMPLE = Example(
    "A seat's objectives and what it scores",
    """\
private:
  objectives: {peace: 30, low_cost: 20, credibility: 20, support: 10, leadership: 20}
  reservation: 15
""",
    model.Private,
    "private",
    """\
If the deal is signed with a credible guarantee (peace 1), the seat pays $2bn a year of a $5bn
budget (low_cost 0.6), credibility ends at 70 (0.7), its support at 50 (0.5) and it gives 20% of
the guarantee's strength (leadership 0.6), it scores 30 × 1 + 20 × 0.6 + 20 × 0.7 + 10 × 0.5 +
20 × 0.6 = 73. AI negotiators in this seat turn down deals worth less to it than 15.""",
)

VARIANT_EXAMPLE = """\
# yaml-language-server: $schema=scenario.schema.json
extends: ukraine_guarantees_2025.yaml   # relative to this file
id: ukraine_europe_alone_2025
title: "Guaranteeing Ukraine: Europe alone"
actors:
  - id: us                     # changes the actor with id `us`; what is not given is inherited
    red_lines:
      - {kind: command_control, max_units: 0}   # a red line added (red lines merge by `kind`)
  - id: de
    red_lines:
      - {kind: ground_force, remove: true}      # ...and one removed: Germany drops its ceiling
events:
  - id: nfz_assessment
    remove: true               # the card is gone
  - id: washington_steps_back  # a new card, added at the end of the deck
    title: "Washington steps back"
    effects: {threshold: 3}
schedule: {rounds: 10}         # a mapping merges: only `rounds` changes
"""

SKELETON = """\
# yaml-language-server: $schema=scenario.schema.json
format: 1
id: my_scenario
title: "My scenario"
actors:                        # seats, in playing order, and environment actors (seat: false)
  - id: a
    name: A
    budget: 5                  # $bn a year
    forces: {troops: 10000}
    private: {objectives: {peace: 60, low_cost: 40}}
  - id: b
    name: B
    private: {objectives: {peace: 50, credibility: 50}}
commitments:
  - {id: brigade, name: Brigade, unit: brigade, resource: troops, per_unit: 5000, givers: [a],
     yearly_cost: 1, credibility: 8}
  - {id: bases, name: Bases, unit: base, givers: [b], yearly_cost: 0.1, credibility: 1}
credibility: {scale: 20, terms: [{years: 3, credit: 0.9}]}
escalation: {levels: [{name: Calm}, {name: Tension}, {name: War}]}
schedule: {rounds: 4}
acceptance: {seat: b, threshold: 40}
"""

# -- the generated parts ------------------------------------------------------------------------


def _is_union(t: Any) -> bool:
    return typing.get_origin(t) in (typing.Union, types.UnionType)


def type_name(t: Any) -> str:
    """A field's type in words, with links to the classes' sections."""
    if t is str:
        return "text"
    if t is int:
        return "whole number"
    if t is float:
        return "number"
    if t is bool:
        return "`true` / `false`"
    if typing.get_origin(t) is Literal:
        return "one of " + ", ".join(f"`{a}`" for a in typing.get_args(t))
    if _is_union(t):
        args = [a for a in typing.get_args(t) if a is not type(None)]
        return " or ".join(type_name(a) for a in args) + " or `null`"
    if typing.get_origin(t) is tuple:
        return f"list of {type_name(typing.get_args(t)[0])}"
    if typing.get_origin(t) is dict:
        return f"mapping of id → {type_name(typing.get_args(t)[1])}"
    if attrs.has(t):
        return f"[{t.__name__}](#{t.__name__.lower()})"
    return str(t)  # pragma: no cover


def _number(x: Any) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


def default_text(f: attrs.Attribute) -> str:
    if f.default is attrs.NOTHING:
        return "**required**"
    value = f.default.factory() if isinstance(f.default, attrs.Factory) else f.default
    if value is None:
        return "none"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, (int, float)):
        return f"`{_number(value)}`"
    if isinstance(value, str):
        return f'`"{value}"`' if value else '`""`'
    if isinstance(value, tuple):
        return "`[" + ", ".join(_number(v) for v in value) + "]`"
    if isinstance(value, dict):
        return "`{}`"
    return "all defaults"


def range_text(f: attrs.Attribute) -> str:
    if f.metadata.get("id"):
        return f"an id: `{ID_PATTERN}`, ≤ {ID_MAX} characters"
    low, high = f.metadata.get("min"), f.metadata.get("max")
    if low is not None and high is not None:
        return f"{_number(low)} – {_number(high)}" if low != high else f"{_number(low)}"
    if low is not None:
        return f"≥ {_number(low)}"
    if high is not None:
        return f"≤ {_number(high)}"
    return ""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def class_section(cls: type) -> list[str]:
    attrs.resolve_types(cls)
    doc = " ".join((cls.__doc__ or "").split())
    key = variants.merge_key(cls)
    out = [f"### {cls.__name__}", "", doc, ""]
    if key:
        out += [f"In a variant, items of this kind are merged by `{key}`.", ""]
    out += ["| key | type | default | range | meaning |", "|---|---|---|---|---|"]
    for f in attrs.fields(cls):
        out.append(
            f"| `{f.name}` | {type_name(f.type)} | {default_text(f)} | {range_text(f)} | "
            f"{_cell(f.metadata.get('doc', ''))} |"
        )
    return out + [""]


def _classes() -> list[type]:
    from .schema import _classes as reachable  # noqa: PLC0415 - one walk of the model for both

    return reachable(Scenario)


def _examples(title: str, examples: tuple[Example, ...]) -> list[str]:
    out = [title, ""]
    for e in examples:
        out += [f"#### {e.title}", "", "```yaml", e.yaml.rstrip("\n"), "```", "", e.text, ""]
    return out


def _rules() -> list[str]:
    out = []
    for rule in checks.RULES:
        doc = " ".join((rule.__doc__ or "").split("\n\n")[0].split()).replace("``", "`")
        out.append(f"- `{rule.__name__}`: {doc}")
    return out


def examples() -> list[Example]:
    """Every worked example, for the tests."""
    return [*KIND_EXAMPLES, *EFFECT_EXAMPLES, CONDITION_EXAMPLE, OBJECTIVE_EXAMPLE, MANDATE_EXAMPLE]


def _opening() -> list[str]:
    """The title, what a scenario is, getting started and the smallest valid scenario."""
    return [
        "<!-- Generated by `coalition docs -o docs/scenario-format.md` from game/scenario/model.py and"
        " game/scenario/docs.py;",
        "     edit those, not this file (a test fails when they differ). -->",
        "",
        "# The scenario format",
        "",
        "A Coalition scenario is one YAML file: the actors (seats at the table and the environment), the",
        "commitments they can give each other, the credibility model, the escalation ladder, the schedule,",
        "who signs the deal and when, the event deck and the environment's reactions. The engine hard-codes",
        "none of it. This page is the reference for every key; it is generated from the same model the",
        "loader uses, so it is always exact.",
        "",
        "Units: money in **billions of US dollars ($bn)**; time in **rounds** (each `schedule.months` long)",
        "and years; domestic support and credibility in points **0-100**.",
        "",
        "## Getting started",
        "",
        "```sh",
        "coalition new my_scenario          # a valid, commented starting scenario: my_scenario.yaml",
        "coalition validate my_scenario.yaml  # every problem at once, as file:line:column: error|warning: message",
        "coalition show my_scenario.yaml      # a readable summary",
        "coalition simulate my_scenario.yaml --games 20   # AI-vs-AI games, headless",
        "coalition balance my_scenario.yaml --games 50    # win rates, deal rate, unused kinds and events",
        "```",
        "",
        "`validate` exits with 0 when the file is valid (it may still print warnings), 1 when it has",
        "errors, 2 when it could not be read at all; `--format json` gives the same problems as data.",
        "",
        "**Editor support.** Start the file with",
        "`# yaml-language-server: $schema=scenario.schema.json` and keep the JSON Schema in that file beside",
        "yours; editors with the YAML language server then complete and check every key. `coalition new`",
        "writes the schema beside the new scenario; `coalition schema -o scenario.schema.json` writes it anywhere.",
        "",
        "**Shipped scenarios** are named by their bare names wherever a scenario file is asked for:",
        "`coalition show ukraine_guarantees_2025`, `coalition simulate nato_efp_baltic_2016`, and in a",
        "variant `extends: ukraine_guarantees_2025`. A file of yours with the same name in the current",
        "directory wins.",
        "",
        "The smallest valid scenario (everything else has a default):",
        "",
        "```yaml",
        SKELETON.rstrip("\n"),
        "```",
        "",
    ]


def _yaml_rules() -> list[str]:
    """How YAML is read: booleans, no coercion, unknown keys, ids, text."""
    return [
        "## YAML as Coalition reads it",
        "",
        "- YAML 1.2 rules: only `true` and `false` are booleans, so `no`, `yes`, `on` and `NO` (Norway)",
        "  stay text; `1_000` is text, not a number.",
        '- No coercion: `"4"` is text, not a whole number; `4.5` is not a whole number; `1` is not `true`.',
        "  Whole-number fields refuse decimals; number fields take both.",
        "- Unknown keys are errors (with a suggestion for the closest key), so a typo never passes silently.",
        "- Anchors and aliases (`&x` / `*x`) work; merge keys (`<<`), tags (`!!python/...`), a second",
        "  document (`---`) and tabs for indentation are refused.",
        "- Ids are short names used to refer to the scenario, actors, commitment kinds, events and",
        f"  reactions. An id is one word: {ID_RULE}, e.g. `us`, `ground_force`, `us_midterms`. Ids go into",
        "  action texts, saved games and file names, so `US`, `ground force` or `-` are errors, with the",
        "  closest valid id suggested; an unknown id is an error with a suggestion too.",
        "- Text (names, titles, descriptions) may hold any Unicode letters, line breaks and tabs, but no",
        "  control characters (escape, bell, carriage return, bidirectional overrides): they could",
        "  rewrite the terminal or the screen of whoever reads the scenario.",
        "",
    ]


def _how_numbers_are_used() -> list[str]:
    """A round step by step, credibility and scores (the objectives' table follows)."""
    return [
        "## How the numbers are used",
        "",
        "A round runs **events → negotiation → commitment → resolution**:",
        "",
        "1. **Events**: `schedule.events_per_round` cards are drawn, by `weight`, among the cards whose `when`",
        "   holds (a card is drawn once unless `repeatable`). Their `effects` apply at once.",
        "2. **Negotiation**: each seat in turn, `negotiation_passes` times round the table, answers the offers",
        "   addressed to it (accept, reject, counter), and drafts and sends proposals: commitments by several",
        "   seats (each of a kind's `steps`), a term (one of `credibility.terms`) and cost shares in",
        "   `share_step` steps summing to 100%. A proposal binds once every seat that gives something in it",
        "   (a commitment or a cost share) has accepted; forces it needs are tied up, and up-front costs",
        "   charged by the cost shares. Hard red lines cannot be crossed; soft ones can, at a cost in score.",
        "3. **Commitment**: from `acceptance.earliest_round`, the acceptance seat signs or holds out (with",
        "   `acceptance.requires_agreement`, only while some agreement is in force). Signing with credibility",
        "   at or above the (current) threshold is a credible deal; below it, a deal on bad terms.",
        "4. **Resolution**: a seat whose support is below `domestic.lapse_below` withdraws its commitments;",
        "   every seat receives `budget × months / 12`; running costs (`yearly_cost × months / 12` per unit)",
        "   are charged by the cost shares — what a payer cannot pay is arrears, costing it",
        "   `domestic.arrears_penalty` support and the guarantee `credibility.arrears_penalty` credibility per",
        "   $bn that round; each unit in force costs its giver `support_cost` support; each kind's `incident`",
        "   is rolled (chance 1 − (1 − chance)^units per giver) and each reaction whose `when` holds is rolled",
        "   with its `chance`; a credibility of at least `escalation.calm_at` eases escalation one rung.",
        "   With `acceptance.window`, an agreement not yet signed for lapses `window` rounds after it bound",
        "   (counted from `earliest_round` at the soonest): its forces go home, the money spent is lost.",
        "",
        "The game ends `acceptance.aftermath` rounds after the round in which the deal is signed (those",
        "rounds play events and resolution, with no negotiation: the guarantee is tested), when the",
        "escalation reaches the top rung (collapse, even after signing), or after the last round (no deal).",
        "",
        "**Credibility** = 100 × (1 − e^(−raw / `scale`)) + lasting modifiers (`credibility.start`, event",
        "`credibility` effects, incidents) − this round's arrears penalty, kept within 0-100. Raw sums, over",
        "the commitments in force: units × the kind's `credibility` × the agreement's term `credit` × the",
        "multipliers of the kind's synergies that hold (a synergy holds while at least `min_units` of its",
        "`kind` are in force from its `givers`, or from anyone). A kind with a `rotation` ties up",
        "`per_unit × factor` forces per unit for terms longer than `after_years`.",
        "",
        "**Russian alarm** = the sum over the commitments in force of units × the kind's `alarm`, plus",
        "lasting modifiers (`alarm.start`, `alarm` effects), kept within 0-100. It does not saturate. Reactions",
        "and cards read it in their conditions (`alarm_at_least`, `alarm_below`): what the environment",
        "tolerates is written as rules.",
        "",
        "**Red lines.** Crossing a soft red line (a kind's `max_units`, or an actor's `share_red_line`: its",
        "share of all the agreements' yearly bills) counts against its `red_lines` objective and costs the",
        "line's `support` at once.",
        "",
        "**Scores.** Each seat's score is the sum over its objectives of weight × value (−1 to 1); the",
        "weights sum to 100, so scores run from −100 to 100. The `peace` value of the outcome is the",
        "scenario's `peace`, or the seat's own `private.outcomes` where given, less `delay` for each round",
        "the deal was signed after `earliest_round`. **Who wins**: a game that ends without a signed deal",
        "(no deal, collapse) has no winner; otherwise the seat whose score beats its own bottom line",
        "(`private.reservation`) by the most wins.",
        "",
        "| objective | value |",
        "|---|---|",
    ]


def _variants_and_checks() -> list[str]:
    """Variants (``extends``) and the start of the validator's section."""
    return [
        "## Variants: `extends`",
        "",
        "A what-if variant need not copy its base. A file with `extends: base.yaml` is a partial",
        "scenario merged onto the base (the path is relative to the variant file; where no such file is",
        "there, a shipped scenario's bare name such as `extends: ukraine_guarantees_2025` names it):",
        "",
        "- **Collections with a key merge by key**: "
        + ", ".join(f"{name} by `{key}`" for name, key in _keyed())
        + ". An item whose key",
        "  is in the base changes that item (its mapping is merged: give only what changes); an item with",
        "  a new key is added at the end; `remove: true` removes the base's item.",
        "- **Other mappings merge** key by key, recursively (`schedule: {rounds: 10}` changes one field);",
        "  a key set to `null` is removed, as in JSON Merge Patch, so the field takes its default",
        "  (`support: {us: null}` in an effect drops the US from it; `incident: null` drops a kind's incident).",
        "- **Scalars and every other list replace** the base's value whole (`steps`, `givers`, `levels`,",
        "  `sources`, `synergies`, `visible_to`...).",
        f"- A base may itself be a variant, up to {variants.MAX_DEPTH} files deep; a cycle is an error.",
        "",
        "The merged scenario is checked like any other. A problem in a value the variant sets is",
        "reported at its line and column in the variant; a problem in an inherited value, in the base.",
        "",
        "```yaml",
        VARIANT_EXAMPLE.rstrip("\n"),
        "```",
        "",
        "## What the validator checks",
        "",
        "Reading (exit 2 when it fails): the file exists, is UTF-8 text, not binary, at most 2 MB. Then YAML",
        "syntax, the types and ranges of the tables above (every problem at once), and these rules, each",
        "giving an error or a warning:",
        "",
    ]


def _balance() -> list[str]:
    """Balancing a scenario with ``coalition balance``."""
    return [
        "",
        "Warnings do not stop a scenario from loading; errors do.",
        "",
        "## Balance",
        "",
        "`coalition balance SCENARIO --games N` plays N games between AI negotiators (game i has",
        "seed i; with `--agents a,b` the agent types rotate through the seats) and reports each seat's win",
        "rate and mean score, the deal rate, how often each commitment kind binds, each card is drawn and",
        "each reaction fires (naming those never and always seen), and flags a seat that wins more than",
        "twice its fair share or never wins. `--plot out.png` draws the win rates and scores (needs",
        'matplotlib: `pip install -e ".[plot]"`). Tune the numbers until no flag is left that you did not',
        "intend.",
        "",
        "Tips from tuning the shipped scenarios:",
        "",
        "- A threshold close to the most the commitments can give (the validator says that maximum when",
        "  the threshold is out of reach: lower `threshold` until it is, then well below it) makes every",
        "  deal need every seat, and one seat's refusal to pay its share blocks all of them.",
        "- Seats start with `reserve` only; `budget` arrives a round at a time. Up-front costs in round 1",
        "  are paid from `reserve`, and what cannot be paid becomes arrears.",
        "- Objectives whose value is near 1 in most games (`peace` when deals are easy, `low_escalation`,",
        "  `red_lines` without soft red lines) favour the seats that weigh them; `support`, `low_cost` and",
        "  `leadership` separate seats. Move weights between them to even out win rates.",
        "- `replay` of one game's record (`simulate --games 1 --records DIR`) shows who proposed what and",
        "  who rejected it: the quickest way to see why deals fail.",
        "- AI negotiators read `persona` (`eagerness` to propose, `concession` over time, `risk`: how much",
        "  they fear the escalation Russia's reactions and incidents may bring), `private.reservation` (the",
        "  least they settle for, which is also the bottom line a seat's margin is measured from) and the",
        "  actors' public `share_key` (how they split a common bill).",
        "- The bottom lines decide who wins a deal: set them from the runner so that each seat, played by",
        "  the negotiator, tops a fair share of deals; moving them all together sets how hard the",
        "  bargaining is (higher: more refusals, more failed games) without changing who wins.",
        "",
    ]


def render() -> str:
    """The whole reference, as Markdown."""
    out = _opening() + _yaml_rules() + _how_numbers_are_used()
    out += [f"| `{name}` | {OBJECTIVE_VALUES[name]} |" for name in OBJECTIVES]
    out += [""]
    out += [
        "## Reference",
        "",
        "Every key of every section. **required** keys have no default; a range is inclusive.",
        "",
    ]
    for cls in _classes():
        out += class_section(cls)
    out += [f"Resources (`CommitmentKind.resource`, `Forces`): {', '.join(f'`{r}`' for r in RESOURCES)}.", ""]
    out += ["## Worked examples", ""]
    out += _examples("### Commitment kinds", KIND_EXAMPLES)
    out += _examples("### Event effects", EFFECT_EXAMPLES)
    out += _examples("### Conditions", (CONDITION_EXAMPLE,))
    out += _examples("### Objectives", (OBJECTIVE_EXAMPLE,))
    out += _examples("### Mandates", (MANDATE_EXAMPLE,))
    out += _variants_and_checks()
    out += _rules()
    out += _balance()
    return "\n".join(out)


def _keyed() -> list[tuple[str, str]]:
    """(where, key) of every list merged by key in a variant, from the model."""
    found = []

    def visit(cls: type, prefix: str) -> None:
        attrs.resolve_types(cls)
        for f in attrs.fields(cls):
            t = f.type
            if typing.get_origin(t) is tuple and attrs.has(typing.get_args(t)[0]):
                item = typing.get_args(t)[0]
                key = variants.merge_key(item)
                if key:
                    found.append((f"`{prefix}{f.name}`", key))
                    visit(item, f"{prefix}{f.name}[].")
            elif attrs.has(t):
                visit(t, f"{prefix}{f.name}.")

    visit(Scenario, "")
    return found
