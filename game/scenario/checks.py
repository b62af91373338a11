"""Semantic checks on a structured scenario: what the types alone cannot say.

Each rule is one function ``rule(scenario, where)`` yielding located ``Problem``s; ``check_scenario``
runs them all. ``Locations`` maps the paths of a file (``actors[3].forces.troops``) to where they
stand in it, so that a rule only has to name the path it complains about.
"""

from __future__ import annotations

import functools
import math
import re
import typing
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from ..errors import Problem
from .model import ID_MAX, ID_PATTERN, ID_RULE, Condition, Effect, Scenario


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
    import difflib  # noqa: PLC0415 - only for a mistake: a valid file's `validate` starts without it

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


_ID = re.compile(ID_PATTERN)


def is_id(text: str) -> bool:
    """Whether ``text`` follows the grammar of ids (``model.ID_PATTERN``, at most ``ID_MAX``)."""
    return len(text) <= ID_MAX and _ID.fullmatch(text) is not None


def id_like(text: str) -> str:
    """The id closest to ``text`` that follows the grammar (``""`` when nothing is left of it):
    ``US Air Force`` -> ``us_air_force``, ``7th`` -> ``id_7th``."""
    word = re.sub(r"[^a-z0-9_]+", "_", text.lower()).strip("_")
    if word and not word[0].isalpha():
        word = "id_" + word
    return word[:ID_MAX].rstrip("_")


def _ids(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """(path, id) of every field of the model marked as an id, anywhere in ``value``."""
    if attrs.has(type(value)):
        for name, is_id in _id_fields(type(value)):
            item = getattr(value, name)
            if is_id and isinstance(item, str):
                yield join_key(path, name), item
            elif isinstance(item, (tuple, dict)) or attrs.has(type(item)):
                yield from _ids(item, join_key(path, name))
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _ids(item, join_index(path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _ids(item, join_key(path, str(key)))


@functools.cache
def _id_fields(cls: type) -> tuple[tuple[str, bool], ...]:
    """(name, whether it is an id) of each field of the model class ``cls`` that is an id or whose
    type can hold one: ``_ids`` walks only these (walking every field made it the slowest check)."""
    attrs.resolve_types(cls)
    return tuple(
        (f.name, bool(f.metadata.get("id"))) for f in attrs.fields(cls) if f.metadata.get("id") or _holds_ids(f.type)
    )


def _holds_ids(t: Any) -> bool:
    """Whether a value of the type ``t`` (a model class, or a tuple, dict or union with one) can hold an id."""
    return bool(_id_fields(t)) if attrs.has(t) else any(_holds_ids(arg) for arg in typing.get_args(t))


def id_grammar(s: Scenario, where: Locations) -> Iterator[Problem]:
    """Every id is one lowercase word (a lowercase letter, then lowercase letters, digits or `_`,
    at most 40 characters): ids are written into action texts, saved games and file names."""
    for path, value in _ids(s, ""):
        if is_id(value):
            continue
        shown = value if len(value) <= 50 else value[:47] + "..."
        better = id_like(value)
        hint = f"; did you mean `{better}`?" if better and better != value else ""
        what = "an empty id is not valid" if not value else f"`{shown}` is not a valid id"
        yield where.problem(path, f"{what}: an id is {ID_RULE}{hint}")


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
                    yield _unknown(where, f"{path}.when.{field}.{actor}", actor, seats, "seat", at_key=True)
                elif actor not in seats:
                    message = f"`{actor}` is not a seat; only seats have domestic support"
                    yield where.problem(f"{path}.when.{field}.{actor}", message, at_key=True)
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
    """The ladder has at least 2 rungs and starts on one of them, below the top (collapse)."""
    n = len(s.escalation.levels)
    if n < 2:
        yield where.problem("escalation.levels", f"the escalation ladder needs at least 2 levels, it has {n}")
    if s.escalation.start >= n:
        message = f"start level {s.escalation.start} does not exist: levels count from 0 to {n - 1}"
        yield where.problem("escalation.start", message)
    elif n >= 2 and s.escalation.start == n - 1:
        message = (
            f"start level {s.escalation.start} is the top of the ladder (collapse): the game would end "
            f"before anyone moves; start below {n - 1}"
        )
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


def credibility_bound(s: Scenario) -> tuple[float, float]:
    """An upper bound of the credibility play can reach, and of how far events can lower the
    acceptance threshold.

    The bound lets every seat give every kind it may, as many units as its forces (plus every
    force an event could add) and hard red lines allow, at the best term and with every synergy;
    events that raise credibility or lower the threshold count as often as they could happen.
    """
    rounds = s.schedule.rounds
    repeats = [rounds * s.schedule.events_per_round if e.repeatable else 1 for e in s.events]
    repeats += [rounds] * len(s.reactions)  # a reaction may happen every round
    effects = [e.effects for e in s.events] + [r.effects for r in s.reactions]
    boost = sum(max(0.0, e.credibility) * n for e, n in zip(effects, repeats))
    boost += sum(max(0.0, k.incident.credibility) * rounds for k in s.commitments if k.incident)
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
    return min(100.0, bound), drop


def threshold_reachable(s: Scenario, where: Locations) -> Iterator[Problem]:
    """An upper bound of credibility (every seat giving all it can, at the best term, with every
    synergy and every helpful event) reaches the acceptance threshold; and the acceptance seat has
    a round in which it may sign."""
    bound, drop = credibility_bound(s)
    if bound < s.acceptance.threshold - drop:
        yield where.problem(
            "acceptance.threshold",
            f"threshold {s.acceptance.threshold:g} cannot be reached; the most the commitments can give is {bound:.1f}",
        )
    if s.acceptance.earliest_round > s.schedule.rounds:
        message = (
            f"`{s.acceptance.seat}` can never sign: earliest_round is {s.acceptance.earliest_round} "
            f"but the game has {s.schedule.rounds} rounds"
        )
        yield where.warning("acceptance.earliest_round", message)


def _max_units(s: Scenario, actor_id: str, kind_id: str) -> float:
    """The most units of a kind an actor could ever give (for the threshold bound)."""
    kind = s.kind(kind_id)
    if kind.resource is None or kind.per_unit <= 0:
        units: float = max(kind.steps, default=0) * 3
    else:
        pool = getattr(s.actor(actor_id).forces, kind.resource)
        for card in (*s.events, *s.reactions):  # not _conditions: no paths wanted, and this is hot
            added = card.effects.forces.get(actor_id)
            pool += max(0, getattr(added, kind.resource)) if added else 0
        # A tiny per_unit (5e-324) makes the quotient infinite; no count of units is larger than
        # the forces themselves could be, so cap it there rather than overflow.
        units = math.floor(min(pool / kind.per_unit, _MANY_UNITS))
    return min(units, _hard_cap(s, actor_id, kind_id))


_MANY_UNITS = 10.0**15


def _givable(s: Scenario) -> set[str]:
    """Kinds some seat can actually field (allowed, within hard red lines, forces enough)."""
    out = set()
    for k in s.commitments:
        smallest = min(k.steps, default=1)
        if any(_max_units(s, seat, k.id) >= smallest for seat in _seat_ids(s) if k.id in _may_give(s, seat)):
            out.add(k.id)
    return out


def _never(when: Condition, s: Scenario, bound: float, givable: set[str]) -> Iterator[tuple[str, str]]:
    """(field, reason) for each part of a condition that can never hold."""
    top = len(s.escalation.levels) - 1
    if when.round_at_least is not None and when.round_at_least > s.schedule.rounds:
        yield "round_at_least", f"round_at_least is {when.round_at_least} but the game has {s.schedule.rounds} rounds"
    if None not in (when.round_at_least, when.round_at_most) and when.round_at_least > when.round_at_most:
        yield "round_at_most", "round_at_most is before round_at_least"
    if when.credibility_below is not None and when.credibility_below <= 0:
        yield "credibility_below", "credibility is never below 0"
    if when.credibility_at_least is not None and when.credibility_at_least > bound:
        yield "credibility_at_least", f"credibility can reach at most {bound:.1f}, not {when.credibility_at_least:g}"
    if (
        None not in (when.credibility_below, when.credibility_at_least)
        and when.credibility_at_least >= when.credibility_below
    ):
        yield "credibility_below", "credibility_below is not above credibility_at_least"
    if when.escalation_at_least is not None and when.escalation_at_least >= top:
        yield "escalation_at_least", f"rung {top} is the top of the ladder: the game is over there"
    if when.escalation_below == 0:
        yield "escalation_below", "escalation is never below rung 0"
    if (
        None not in (when.escalation_below, when.escalation_at_least)
        and when.escalation_at_least >= when.escalation_below
    ):
        yield "escalation_below", "escalation_below is not above escalation_at_least"
    if when.alarm_below is not None and when.alarm_below <= 0:
        yield "alarm_below", "Russian alarm is never below 0"
    if when.alarm_at_least is not None:  # the bound only when asked for: it weighs every seat and kind
        most = alarm_bound(s)
        if when.alarm_at_least > most:
            yield "alarm_at_least", f"Russian alarm can reach at most {most:.1f}, not {when.alarm_at_least:g}"
    if None not in (when.alarm_below, when.alarm_at_least) and when.alarm_at_least >= when.alarm_below:
        yield "alarm_below", "alarm_below is not above alarm_at_least"
    if when.agreements_below == 0:
        yield "agreements_below", "there are never fewer than 0 agreements"
    if (
        None not in (when.agreements_below, when.agreements_at_least)
        and when.agreements_at_least >= when.agreements_below
    ):
        yield "agreements_below", "agreements_below is not above agreements_at_least"
    for j, kind in enumerate(when.committed):
        if kind in when.not_committed:
            yield f"committed[{j}]", f"`{kind}` is both committed and not_committed"
        elif kind in [k.id for k in s.commitments] and kind not in givable:
            yield f"committed[{j}]", f"no seat can give `{kind}`, so it is never in force"
    for actor, level in when.support_below.items():
        if level <= 0:
            yield f"support_below.{actor}", "domestic support is never below 0"
        elif actor in when.support_at_least and when.support_at_least[actor] >= level:
            yield (
                f"support_below.{actor}",
                f"support of `{actor}` cannot be both below {level:g} and at least {when.support_at_least[actor]:g}",
            )
    for actor, level in when.support_at_least.items():
        if level > 100:
            yield f"support_at_least.{actor}", "domestic support is never above 100"


def alarm_bound(s: Scenario) -> float:
    """An upper bound of Russian alarm: every seat giving all it can of every kind, plus every
    event and reaction that raises alarm as often as it could happen."""
    rounds = s.schedule.rounds + s.acceptance.aftermath
    raised = sum(max(0.0, e.effects.alarm) * (rounds if e.repeatable else 1) for e in s.events)
    raised += sum(max(0.0, r.effects.alarm) * rounds for r in s.reactions)
    forces = sum(
        _max_units(s, seat, kind) * s.kind(kind).alarm
        for seat in _seat_ids(s)
        for kind in _may_give(s, seat)
        if s.kind(kind).alarm > 0
    )
    return min(100.0, max(0.0, s.alarm.start) + raised + forces)


def conditions_possible(s: Scenario, where: Locations) -> Iterator[Problem]:
    """Warn about events and reactions that can never happen: a condition that can never hold, a
    reaction with no chance, a deck that is never drawn from."""
    bound, _ = credibility_bound(s)
    givable = _givable(s)
    for path, when, _ in _conditions(s):
        for field, reason in _never(when, s, bound, givable):
            yield where.warning(f"{path}.when.{field}", f"never happens: {reason}", at_key=field.count(".") > 0)
    for i, r in enumerate(s.reactions):
        if r.chance == 0:
            yield where.warning(f"reactions[{i}].chance", f"`{r.id}` never happens: its chance is 0")
    if s.events and s.schedule.events_per_round == 0:
        yield where.warning("schedule.events_per_round", "no event is ever drawn: events_per_round is 0")


def kinds_fieldable(s: Scenario, where: Locations) -> Iterator[Problem]:
    """Warn about a kind that seats may give but none has the forces for, even its smallest step."""
    givable = _givable(s)
    for i, k in enumerate(s.commitments):
        givers = [g for g in _seat_ids(s) if k.id in _may_give(s, g) and _hard_cap(s, g, k.id) > 0]
        if givers and k.id not in givable:
            need = min(k.steps, default=1) * k.per_unit
            who = ", ".join(f"`{g}`" for g in givers)
            message = (
                f"no seat has the {k.resource.replace('_', '-') if k.resource else 'means'} to give `{k.id}`: "
                f"its smallest step needs {need:g}, and {who} {'has' if len(givers) == 1 else 'have'} less"
            )
            yield where.warning(f"commitments[{i}]", message)


_OBJECTIVE_WORDS = {
    "leadership": "it can give nothing that adds credibility, so it never scores on it",
    "red_lines": "it has no soft red lines, so it wins these points whatever it does",
    "low_cost": "its budget is 0, so any bill at all costs it every point",
    "mandate": "it has no `mandates`, so none is ever dealt to it and it never scores on it",
}


def seats_can_score(s: Scenario, where: Locations) -> Iterator[Problem]:
    """Warn about a seat that weighs an objective it cannot move, or can never score above 0."""
    bound, drop = credibility_bound(s)
    givable = _givable(s)
    for i, a in enumerate(s.actors):
        if not a.seat or a.private is None:
            if not a.seat and a.private is not None:
                yield where.warning(
                    f"actors[{i}].private", f"`{a.id}` is not a seat, so its private section is never used"
                )
            continue
        weights = a.private.objectives.weights()
        adds = any(
            s.kind(k).credibility > 0 and k in givable and _max_units(s, a.id, k) >= min(s.kind(k).steps, default=1)
            for k in _may_give(s, a.id)
        )
        moot = {
            "leadership": not adds,
            "mandate": not a.private.mandates,
            "red_lines": not any(not r.hard for r in a.red_lines) and a.share_red_line is None,
            "low_cost": a.budget == 0,
        }
        for name, is_moot in moot.items():
            if weights[name] and is_moot:
                path = f"actors[{i}].private.objectives.{name}"
                yield where.warning(
                    path, f"`{a.id}` weighs {name} at {weights[name]}, but {_OBJECTIVE_WORDS[name]}", at_key=True
                )
        deal = s.acceptance.earliest_round <= s.schedule.rounds
        peace = max(
            [s.peace.no_deal]
            + ([s.peace.bad_terms] if deal else [])
            + ([s.peace.signed] if deal and bound >= s.acceptance.threshold - drop else [])
        )
        best = {
            "peace": peace,
            "low_cost": 1.0,
            "credibility": bound / 100,
            "low_escalation": 1.0,
            "support": 1.0,
            "red_lines": 1.0,
            "leadership": 1.0 if adds else 0.0,
            "mandate": 1.0 if a.private.mandates and deal else 0.0,
        }
        top = sum(w * best[name] for name, w in weights.items())
        if top <= 0:
            yield where.warning(
                f"actors[{i}].private.objectives", f"seat `{a.id}` can never score above 0 (at best {top:.0f})"
            )


def mandates_possible(s: Scenario, where: Locations) -> Iterator[Problem]:
    """Each seat's mandates name existing kinds, have unique ids, set at least one condition and
    can be met; a seat that weighs `mandate` has some to be dealt, and one that has some weighs it."""
    kinds, bound = [k.id for k in s.commitments], credibility_bound(s)[0]
    conditions = ("leads", "gives", "gives_none", "bill_share_at_most", "signed_by", "credibility_at_least",
                  "committed", "not_committed")  # fmt: skip
    for i, a in enumerate(s.actors):
        if not a.seat or a.private is None:
            continue
        path = f"actors[{i}].private"
        if a.private.mandates and not a.private.objectives.mandate:
            yield where.warning(
                f"{path}.mandates", f"`{a.id}` has mandates but weighs `mandate` at 0, so a dealt mandate never scores"
            )
        may_give, seen = _may_give(s, a.id), {}
        for j, m in enumerate(a.private.mandates):
            at = f"{path}.mandates[{j}]"
            if m.id in seen:
                yield where.problem(f"{at}.id", f"duplicate mandate id `{m.id}`: mandates[{seen[m.id]}] has it already")
            seen.setdefault(m.id, j)
            if not any(getattr(m, name) for name in conditions) and m.bill_share_at_most is None:
                yield where.problem(at, f"mandate `{m.id}` sets no condition, so any deal meets it; give at least one")
            for field in ("gives", "gives_none", "committed", "not_committed"):
                for n, kind in enumerate(getattr(m, field)):
                    key = f"{at}.{field}.{kind}" if field == "gives" else f"{at}.{field}[{n}]"
                    if kind not in kinds:
                        yield _unknown(where, key, kind, kinds, "commitment kind", at_key=field == "gives")
                    elif field == "gives" and kind not in may_give:
                        message = f"`{a.id}` may not give `{kind}`, so mandate `{m.id}` is never met"
                        yield where.warning(key, message, at_key=True)
                    elif field == "gives" and _max_units(s, a.id, kind) < m.gives[kind]:
                        most = _max_units(s, a.id, kind)
                        message = f"`{a.id}` can field at most {most:g} of `{kind}`, so mandate `{m.id}` is never met"
                        yield where.warning(key, message, at_key=True)
            for kind in set(m.committed) & set(m.not_committed):
                yield where.problem(f"{at}.committed", f"`{kind}` is both committed and not_committed")
            for kind in set(m.gives) & set(m.gives_none):
                yield where.problem(f"{at}.gives_none", f"`{kind}` is both in gives and in gives_none")
            if m.signed_by is not None and m.signed_by < s.acceptance.earliest_round:
                message = (
                    f"signed by round {m.signed_by} is never met: `{s.acceptance.seat}` may sign from round "
                    f"{s.acceptance.earliest_round} (acceptance.earliest_round)"
                )
                yield where.problem(f"{at}.signed_by", message)
            if m.credibility_at_least is not None and m.credibility_at_least > bound:
                message = f"credibility can reach at most {bound:.1f}, so mandate `{m.id}` is never met"
                yield where.warning(f"{at}.credibility_at_least", message)


RULES = (
    id_grammar,
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
    kinds_fieldable,
    seats_can_score,
    mandates_possible,
)
