"""``new``: write a valid, commented starting scenario for an author to change.

The template is a small but complete game — three seats (a patron, a partner and a host that
signs), an environment actor, four commitment kinds with a synergy, events, a reaction — so that
it validates with no problem and plays to the end, and every section shows its commonest fields
with a comment. The format reference is docs/scenario-format.md (``coalition docs``).

The editor schema is copied beside the new file (``scenario.schema.json``), so the modeline's
plain relative name resolves wherever the file is, with no checkout and no URL.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import CoalitionError, printable
from ..files import atomic_write, os_reason, write_output
from ..paths import SCHEMA
from .model import ID_MAX

TEMPLATE = """\
# yaml-language-server: $schema={schema}
#
# {title} — a new Coalition scenario, written by `coalition new`.
#
# WHAT IT IS
#   Say in a few lines what the scenario is about: who bargains over what, who signs, and who
#   or what the environment is. (This starting point is a toy: a patron, a partner and a host
#   bargain over a guarantee for the host against a rival.)
#
# SOURCES
#   List what the numbers come from, and put the main documents in `sources` below.
#
# HOW THE NUMBERS WERE REASONED
#   credibility = 100 * (1 - exp(-raw / scale)) + lasting modifiers, where raw sums
#   units x credibility x term credit x synergies over the commitments in force. With the kinds
#   below, a 3-year term (credit 0.9): 1 brigade from each of the patron and the partner, under
#   the patron's air defence (x1.25), plus host support: raw (6+6)*1.25*0.9 + 1*0.9 = 14.4 ->
#   credibility 100*(1-exp(-14.4/20)) + 5 = 56; the host's threshold of 50 needs about that.
#
# Reference: `coalition docs` prints the format (every field, its type, default and range).
# Check it:  coalition validate {file}
# Play it:   coalition simulate {file} --games 20
# Balance:   coalition balance {file} --games 50

format: 1                      # the format this engine reads
id: {id}
title: "{title}"
date: "2026-01"                # when it is set (free text)
description: >-
  Three governments bargain over a security guarantee for the host against a rival. The host
  signs once the guarantee is credible enough; the others weigh what it costs them.

sources:
  - title: "Name the documents the scenario draws on"
    note: "What the scenario takes from each."

# ACTORS. Seats play in this order; an actor with `seat: false` is the environment.
actors:
  - id: patron
    name: Patron
    colour: "#1f77b4"
    budget: 10                 # $bn a year it can put into the guarantee
    reserve: 2                 # $bn set aside at the start
    support: 50                # domestic support, 0-100
    forces: {{troops: 10000, air_defence: 2, command: 1}}
    red_lines:
      - kind: ground_force
        max_units: 1           # at most one brigade...
        hard: false            # ...but it may be crossed, at a cost in score
        text: "At most one brigade."
    private:                   # seen by this seat only
      # objectives: how much each outcome is worth to this seat; they sum to 100
      objectives: {{peace: 30, low_cost: 20, credibility: 10, low_escalation: 20, support: 10, red_lines: 10}}
      reservation: 10          # AI negotiators reject deals worth less than this
      note: "Keep the bill low and the host safe."
    persona: {{concession: 1.5, eagerness: 0.4}}   # how an AI negotiator plays it

  - id: partner
    name: Partner
    colour: "#2ca02c"
    budget: 5
    reserve: 1
    support: 55
    forces: {{troops: 15000}}
    private:
      objectives: {{peace: 30, low_cost: 20, credibility: 20, support: 10, leadership: 20}}
      reservation: 10
      note: "Lead the guarantee, within your means."
    persona: {{concession: 1.0, eagerness: 0.7}}

  - id: host
    name: Host
    colour: "#ffbf00"
    budget: 1
    reserve: 0.5
    support: 60
    forces: {{command: 2}}       # bases and logistics it can offer
    private:
      objectives: {{peace: 50, credibility: 30, low_escalation: 10, support: 10}}
      reservation: 20
      note: "Sign only when the guarantee is backed by forces."
    persona: {{concession: 0.7, eagerness: 0.6}}

  - id: rival
    name: Rival
    seat: false                # the environment: its behaviour is `reactions` and events

# COMMITMENT KINDS: what a seat can give. Costs in $bn; credibility per unit.
commitments:
  - id: ground_force
    name: Ground force
    unit: brigade
    description: "A brigade deployed in the host country."
    resource: troops
    per_unit: 5000             # troops one brigade ties up
    steps: [1, 2]              # unit counts one commitment may have
    givers: [patron, partner]
    yearly_cost: 1.0
    credibility: 6
    support_cost: 0.3          # support lost per brigade per round
    rotation: {{after_years: 1, factor: 2}}   # longer terms tie up twice the troops
    synergies:
      - kind: air_defence
        multiplier: 1.25       # troops under an air-defence umbrella
        text: "Troops under an air-defence umbrella."

  - id: air_defence
    name: Air defence
    unit: battery
    resource: air_defence
    steps: [1, 2]
    givers: [patron]
    upfront_cost: 1.0          # charged when the agreement binds
    yearly_cost: 0.1
    credibility: 3

  - id: funding
    name: Funding
    unit: "$1bn/yr"
    resource: null             # money only
    steps: [1, 2]
    givers: [patron, partner]
    yearly_cost: 1.0
    credibility: 1

  - id: host_support
    name: Host-nation support
    unit: base
    resource: command
    steps: [1]
    givers: [host]
    yearly_cost: 0.1
    credibility: 1
    support_cost: -0.2         # popular at home

credibility:
  scale: 20                    # raw points giving 63% credibility
  start: 5                     # lasting modifier at the start: words, not forces
  terms:
    - {{years: 1, credit: 0.5}}  # the rival can wait a year out
    - {{years: 3, credit: 0.9}}

escalation:
  start: 1
  calm_at: 70                  # a credible guarantee eases one rung a round
  levels:
    - {{name: Calm}}
    - {{name: Tension, text: "Threats and exercises."}}
    - {{name: Incidents, text: "Shots near the border."}}
    - {{name: War, text: "The rival attacks. Everyone loses."}}   # the last rung ends the game

schedule:
  rounds: 6
  months: 2                    # a round is two months
  start: "2026-01"
  events_per_round: 1

acceptance:
  seat: host                   # the seat that signs (or holds out)
  threshold: 50                # credibility it needs for a deal on fair terms
  earliest_round: 2

events:
  - id: rival_exercise
    title: "The rival holds a snap exercise"
    text: "Troops mass near the border for a week, then go home."
    weight: 2
    when: {{credibility_below: 40}}
    effects:
      escalation: 1
      threshold: 3             # the host asks for more
      support: {{host: -2}}

  - id: partner_budget
    title: "The partner's parliament adds money"
    effects:
      budget: {{partner: 1}}

  - id: quiet_month
    title: "Quiet talks"
    repeatable: true           # filler, so the deck never runs dry

reactions:
  - id: probe
    title: "The rival probes a thin guarantee"
    chance: 0.3                # per round while the condition holds
    when: {{credibility_below: 30, escalation_below: 2}}
    effects:
      escalation: 1
      support: {{host: -2}}
"""


def scenario_id(name: str) -> str:
    """A scenario id from a name: ``My Scenario.yaml`` -> ``my_scenario`` (the id grammar:
    ``model.ID_PATTERN``, at most ``ID_MAX`` characters)."""
    stem = Path(name.replace("\0", "")).name
    stem = stem[: -len(".yaml")] if stem.endswith(".yaml") else stem
    ident = re.sub(r"[^0-9a-z]+", "_", stem.lower()).strip("_")
    if ident and not ident[0].isalpha():
        ident = "s_" + ident
    if not ident:
        raise CoalitionError(f"{printable(repr(name))} is not a usable scenario name: use letters, digits and _")
    if len(ident) > ID_MAX:
        raise CoalitionError(
            f"the name is {len(ident)} characters long; a scenario id is at most {ID_MAX} (e.g. {ident[:24]!r})"
        )
    return ident


SCHEMA_NAME = SCHEMA.name  # the modeline names the copy beside the scenario


def render(name: str, path: str | os.PathLike[str]) -> str:
    """The starting scenario for ``name`` as it will be written to ``path``."""
    ident = scenario_id(name)
    title = ident.replace("_", " ").capitalize()
    return TEMPLATE.format(id=ident, title=title, schema=SCHEMA_NAME, file=Path(path).as_posix())


def write_new(name: str, path: str | None = None, force: bool = False) -> tuple[Path, Path | None]:
    """Write the starting scenario to ``path`` (default ``NAME.yaml`` here), refusing to
    overwrite, and the editor schema beside it; returns both paths (the schema's is None when a
    different schema file is already there, which is left alone)."""
    ident = scenario_id(name)
    target = Path(path) if path else Path(ident + ".yaml")
    try:
        if target.is_dir():
            target = target / (ident + ".yaml")
        if target.exists() and not force:
            raise CoalitionError(f"{target} exists already; give another path or --force to overwrite it")
    except OSError as e:  # a name too long for the file system, say
        raise CoalitionError(f"cannot write {target}: {os_reason(e)}") from None
    schema = SCHEMA.read_text(encoding="utf-8")
    beside = target.parent / SCHEMA_NAME
    write_output(target, render(name, target), force)
    try:
        atomic_write(beside, schema, replace=False)
    except FileExistsError:
        pass  # an author's own copy: compared below, never replaced
    except OSError as e:
        raise CoalitionError(f"wrote {target}, but cannot write {beside}: {os_reason(e)}") from None
    return target, beside if beside.read_text(encoding="utf-8") == schema else None
