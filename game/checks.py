"""Semantic checks on a structured scenario: what the types alone cannot say.

Each rule is one function ``rule(scenario, where)`` yielding located ``Problem``s; ``check_scenario``
runs them all. ``Locations`` maps the paths of a file (``actors[3].forces.troops``) to where they
stand in it, so that a rule only has to name the path it complains about.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs

from .errors import Problem
from .model import Condition, Effect, Scenario


def join_key(path: str, key: str) -> str:
    """The path of a mapping entry: ``actors[0]`` + ``id`` -> ``actors[0].id``."""
    return f"{path}.{key}" if path else key


def join_index(path: str, index: int) -> str:
    """The path of a list item: ``actors`` + 3 -> ``actors[3]``."""
    return f"{path}[{index}]"


def parent_path(path: str) -> str:
    """The path one level up (``actors[3].id`` -> ``actors[3]`` -> ``actors`` -> ``""``)."""
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else ""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` did you mean `x`?`` for the closest choice, or ``""`` when nothing is close."""
    choices = list(choices)
    # Case first: `US` for `us` is the commonest slip, and difflib is case-sensitive.
    for choice in choices:
        if choice.lower() == word.lower():
            return f"; did you mean `{choice}`?"
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    return f"; did you mean `{close[0]}`?" if close else ""


@attrs.frozen
class Locations:
    """Where each path of one scenario stands: 1-based (line, column) of its value and key.

    A variant's paths come from several files: ``files`` gives the file of each path that is not
    in ``file`` itself (an inherited part of the base scenario).
    """

    file: str
    values: Mapping[str, tuple[int, int]] = attrs.field(factory=dict)
    keys: Mapping[str, tuple[int, int]] = attrs.field(factory=dict)
    files: Mapping[str, str] = attrs.field(factory=dict)

    def locate(self, path: str, at_key: bool = False) -> tuple[str, int, int]:
        """The file, line and column of ``path`` (its key if asked and known), else of its
        nearest ancestor."""
        if at_key and path in self.keys:
            return (self.files.get(path, self.file), *self.keys[path])
        # Defaulted fields are not in the file: point at the mapping that would hold them.
        while path not in self.values and path:
            path = parent_path(path)
        if path in self.values:
            return (self.files.get(path, self.file), *self.values[path])
        return (self.file, 1, 1)

    def at(self, path: str, at_key: bool = False) -> tuple[int, int]:
        """The line and column of ``path`` (see ``locate``)."""
        return self.locate(path, at_key)[1:]

    def problem(self, path: str, message: str, severity: str = "error", at_key: bool = False) -> Problem:
        """A problem about ``path``, located in the file it comes from."""
        file, line, column = self.locate(path, at_key)
        return Problem(file, line, column, message, path, severity)

    def warning(self, path: str, message: str, at_key: bool = False) -> Problem:
        """A warning about ``path``, located in the file it comes from."""
        return self.problem(path, message, "warning", at_key)


def check_scenario(scenario: Scenario, where: Locations) -> list[Problem]:
    """Every semantic problem of a scenario (errors and warnings), located with ``where``."""
    return [p for rule in RULES for p in rule(scenario, where)]


# -- helpers ------------------------------------------------------------------------------------


def _seat_ids(s: Scenario) -> list[str]:
    return [a.id for a in s.seats]


def _unknown(where: Locations, path: str, value: str, known: Sequence[str], what: str, at_key: bool = False) -> Problem:
    hint = did_you_mean(value, known)
    if not hint and 0 < len(known) <= 12:
        hint = f"; the {what}s are: {', '.join(known)}"
    return where.problem(path, f"unknown {what} `{value}`{hint}", at_key=at_key)


def _may_give(s: Scenario, actor_id: str) -> list[str]:
    """Kinds a seat may give under the kinds' givers lists (empty givers: every seat)."""
    seat = any(a.id == actor_id for a in s.seats)
    return [k.id for k in s.commitments if seat and (not k.givers or actor_id in k.givers)]


def _hard_cap(s: Scenario, actor_id: str, kind_id: str) -> float:
    """The most units of a kind an actor's hard red lines allow (infinity when none)."""
    caps = [r.max_units for a in s.actors if a.id == actor_id for r in a.red_lines if r.hard and r.kind == kind_id]
    return min(caps, default=math.inf)


def _conditions(s: Scenario) -> Iterator[tuple[str, Condition, Effect]]:
    """(path, condition, effect) of every event card and reaction."""
    for i, e in enumerate(s.events):
        yield join_index("events", i), e.when, e.effects
    for i, r in enumerate(s.reactions):
        yield join_index("reactions", i), r.when, r.effects


# -- rules --------------------------------------------------------------------------------------


def unique_ids(s: Scenario, where: Locations) -> Iterator[Problem]:
    """Ids are unique within actors, commitments, events and reactions (error at the repeat)."""
    collections = {"actors": s.actors, "commitments": s.commitments, "events": s.events, "reactions": s.reactions}
    for name, items in collections.items():
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in first:
                message = f"duplicate id `{item.id}`: {name}[{first[item.id]}] has it already"
                yield where.problem(f"{name}[{i}].id", message)
            first.setdefault(item.id, i)


def actor_references(s: Scenario, where: Locations) -> Iterator[Problem]:
    """Red lines name existing kinds; kinds' givers and synergies name existing actors and kinds."""
    actors, kinds, seats = [a.id for a in s.actors], [k.id for k in s.commitments], _seat_ids(s)
    for i, a in enumerate(s.actors):
        for j, r in enumerate(a.red_lines):
            if r.kind not in kinds:
                yield _unknown(where, f"actors[{i}].red_lines[{j}].kind", r.kind, kinds, "commitment kind")
    for i, k in enumerate(s.commitments):
        for j, g in enumerate(k.givers):
            if g not in actors:
                yield _unknown(where, f"commitments[{i}].givers[{j}]", g, actors, "actor")
            elif g not in seats:
                yield where.warning(f"commitments[{i}].givers[{j}]", f"`{g}` is not a seat, so it never gives `{k.id}`")
        for j, syn in enumerate(k.synergies):
            if syn.kind not in kinds:
                yield _unknown(where, f"commitments[{i}].synergies[{j}].kind", syn.kind, kinds, "commitment kind")
            for n, g in enumerate(syn.givers):
                if g not in actors:
                    yield _unknown(where, f"commitments[{i}].synergies[{j}].givers[{n}]", g, actors, "actor")


def card_references(s: Scenario, where: Locations) -> Iterator[Problem]:
    """Conditions and effects of events and reactions name existing kinds, actors and seats."""
    actors, kinds, seats = [a.id for a in s.actors], [k.id for k in s.commitments], _seat_ids(s)
    for path, when, effects in _conditions(s):
        for field in ("committed", "not_committed"):
            for j, kind in enumerate(getattr(when, field)):
                if kind not in kinds:
                    yield _unknown(where, f"{path}.when.{field}[{j}]", kind, kinds, "commitment kind")
        for field in ("support_below", "support_at_least"):
            for actor in getattr(when, field):
                if actor not in actors:
                    yield _unknown(where, f"{path}.when.{field}.{actor}", actor, actors, "actor", at_key=True)
        for field in ("support", "budget", "money", "forces"):
            for actor in getattr(effects, field):
                key = f"{path}.effects.{field}.{actor}"
                if actor not in actors:
                    yield _unknown(where, key, actor, seats, "seat", at_key=True)
                elif actor not in seats:
                    yield where.problem(key, f"`{actor}` is not a seat; effects apply to seats only", at_key=True)
    for name, items in (("events", s.events), ("reactions", s.reactions)):
        for i, item in enumerate(items):
            for j, seat in enumerate(item.visible_to):
                if seat not in seats:
                    yield _unknown(where, f"{name}[{i}].visible_to[{j}]", seat, seats, "seat")
    if s.acceptance.seat not in seats:
        yield _unknown(where, "acceptance.seat", s.acceptance.seat, seats, "seat")


def seat_objectives(s: Scenario, where: Locations) -> Iterator[Problem]:
    """Every seat has ``private`` objectives whose weights sum to exactly 100."""
    for i, a in enumerate(s.actors):
        if not a.seat:
            continue  # the environment has no objectives
        if a.private is None:
            yield where.problem(f"actors[{i}]", f"seat `{a.id}` needs a `private` section with its objectives")
            continue
        total = sum(a.private.objectives.weights().values())
        if total != 100:
            message = f"objective weights of `{a.id}` add up to {total}, not 100"
            yield where.problem(f"actors[{i}].private.objectives", message)


def schedule_limits(s: Scenario, where: Locations) -> Iterator[Problem]:
    """The default deadline is within the longest deadline allowed."""
    if s.schedule.deadline > s.schedule.max_deadline:
        yield where.problem(
            "schedule.deadline", f"deadline {s.schedule.deadline} is longer than max_deadline {s.schedule.max_deadline}"
        )


def escalation_ladder(s: Scenario, where: Locations) -> Iterator[Problem]:
    """The ladder has at least 2 rungs and starts on one of them."""
    n = len(s.escalation.levels)
    if n < 2:
        yield where.problem("escalation.levels", f"the escalation ladder needs at least 2 levels, it has {n}")
    if s.escalation.start >= n:
        message = f"start level {s.escalation.start} does not exist: levels count from 0 to {n - 1}"
        yield where.problem("escalation.start", message)


def credibility_terms(s: Scenario, where: Locations) -> Iterator[Problem]:
    """There is at least one term, and no two terms have the same length."""
    if not s.credibility.terms:
        yield where.problem("credibility.terms", "give at least one term")
    seen: set[int] = set()
    for j, term in enumerate(s.credibility.terms):
        if term.years in seen:
            yield where.problem(f"credibility.terms[{j}].years", f"a term of {term.years} years is given twice")
        seen.add(term.years)


def commitment_steps(s: Scenario, where: Locations) -> Iterator[Problem]:
    """Steps are non-empty and strictly increasing; ``per_unit`` only matters with a resource."""
    for i, k in enumerate(s.commitments):
        if not k.steps:
            yield where.problem(f"commitments[{i}].steps", f"`{k.id}` needs at least one step")
        for j in range(1, len(k.steps)):
            if k.steps[j] <= k.steps[j - 1]:
                message = f"steps must increase: {k.steps[j]} after {k.steps[j - 1]}"
                yield where.problem(f"commitments[{i}].steps[{j}]", message)
        if k.resource is None and k.per_unit != 1.0:
            message = f"`{k.id}` draws on no resource, so per_unit has no effect"
            yield where.warning(f"commitments[{i}].per_unit", message)


def givers_can_give(s: Scenario, where: Locations) -> Iterator[Problem]:
    """Every seat may give some kind, every kind has a giver, and no red line is moot."""
    seats = _seat_ids(s)
    for i, a in enumerate(s.actors):
        may = _may_give(s, a.id)
        if a.seat and not [k for k in may if _hard_cap(s, a.id, k) > 0]:
            message = f"seat `{a.id}` cannot give any commitment (givers lists and hard red lines)"
            yield where.problem(f"actors[{i}]", message)
        for j, r in enumerate(a.red_lines):
            if r.hard and r.max_units == 0 and r.kind not in may and r.kind in [k.id for k in s.commitments]:
                message = f"`{a.id}` cannot give `{r.kind}` anyway, so this red line changes nothing"
                yield where.warning(f"actors[{i}].red_lines[{j}]", message)
    for i, k in enumerate(s.commitments):
        givers = [g for g in (k.givers or seats) if g in seats and _hard_cap(s, g, k.id) > 0]
        if not givers:
            yield where.warning(f"commitments[{i}]", f"no seat can give `{k.id}`")


def threshold_reachable(s: Scenario, where: Locations) -> Iterator[Problem]:
    """An upper bound of credibility reaches the acceptance threshold.

    The bound lets every seat give every kind it may, as many units as its forces (plus every
    force an event could add) and hard red lines allow, at the best term and with every synergy;
    events that raise credibility or lower the threshold count as often as they could happen.
    """
    rounds = s.schedule.rounds
    repeats = [rounds * s.schedule.events_per_round if e.repeatable else 1 for e in s.events]
    repeats += [rounds] * len(s.reactions)  # a reaction may happen every round
    effects = [e.effects for e in s.events] + [r.effects for r in s.reactions]
    boost = sum(max(0.0, e.credibility) * n for e, n in zip(effects, repeats))
    drop = sum(max(0.0, -e.threshold) * n for e, n in zip(effects, repeats))
    credit = max((t.credit for t in s.credibility.terms), default=0.0)
    raw = 0.0
    for seat in s.seats:
        for kind_id in _may_give(s, seat.id):
            kind = s.kind(kind_id)
            units = _max_units(s, seat.id, kind_id)
            value = units * kind.credibility * credit
            if value > 0:  # skip zeros: 0 * an infinite synergy product would be NaN
                raw += value * math.prod(max(1.0, syn.multiplier) for syn in kind.synergies)
    bound = 100 * (1 - math.exp(-raw / s.credibility.scale)) + max(0.0, s.credibility.start) + boost
    needed = s.acceptance.threshold - drop
    if bound < needed:
        yield where.problem(
            "acceptance.threshold",
            f"threshold {s.acceptance.threshold:g} cannot be reached; the most the commitments can give is {bound:.1f}",
        )


def _max_units(s: Scenario, actor_id: str, kind_id: str) -> float:
    """The most units of a kind an actor could ever give (for the threshold bound)."""
    kind = s.kind(kind_id)
    if kind.resource is None or kind.per_unit <= 0:
        units: float = max(kind.steps, default=0) * 3
    else:
        pool = getattr(s.actor(actor_id).forces, kind.resource)
        for _, _, effects in _conditions(s):
            added = effects.forces.get(actor_id)
            pool += max(0, getattr(added, kind.resource)) if added else 0
        units = math.floor(pool / kind.per_unit)
    return min(units, _hard_cap(s, actor_id, kind_id))


def conditions_possible(s: Scenario, where: Locations) -> Iterator[Problem]:
    """Warn about events and reactions whose round window can never hold."""
    for path, when, _ in _conditions(s):
        if when.round_at_least is not None and when.round_at_least > s.schedule.rounds:
            message = f"never happens: round_at_least is {when.round_at_least} but the game has {s.schedule.rounds} rounds"
            yield where.warning(f"{path}.when.round_at_least", message)
        if None not in (when.round_at_least, when.round_at_most) and when.round_at_least > when.round_at_most:
            message = "never happens: round_at_most is before round_at_least"
            yield where.warning(f"{path}.when.round_at_most", message)


RULES = (
    unique_ids,
    actor_references,
    card_references,
    seat_objectives,
    schedule_limits,
    escalation_ladder,
    credibility_terms,
    commitment_steps,
    givers_can_give,
    threshold_reachable,
    conditions_possible,
)
