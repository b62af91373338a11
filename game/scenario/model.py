"""The scenario format: frozen attrs classes that a scenario YAML file is structured into.

This module is the single source of truth for the format. The loader structures YAML into these
classes, the JSON Schema and the format reference are generated from them, and the rules read
them. Each field's ``metadata["doc"]`` is its documentation. Nothing here knows about YAML.

Units used throughout: money in billions of US dollars ($bn); time in rounds (each round lasts
``schedule.months`` months) and years; domestic support in points 0-100; credibility 0-100.
"""

from __future__ import annotations

import functools
from typing import Literal

import attrs

#: Kinds of force an actor holds; a commitment kind draws on one of them (or on none: money only).
RESOURCES = ("troops", "fighters", "air_defence", "intelligence", "command")
Resource = Literal["troops", "fighters", "air_defence", "intelligence", "command"]

#: The objectives a seat may weigh; see ``Objectives``.
OBJECTIVES = (
    "peace",
    "low_cost",
    "credibility",
    "low_escalation",
    "support",
    "red_lines",
    "leadership",
    "mandate",
)


#: The grammar of ids (of the scenario, actors, commitment kinds, events and reactions): they
#: appear in action texts, saved games and file names, so an id is one lowercase word.
ID_PATTERN = "[a-z][a-z0-9_]*"
ID_MAX = 40  # characters
ID_RULE = f"a lowercase letter, then lowercase letters, digits or `_` (`{ID_PATTERN}`, at most {ID_MAX} characters)"


def doc(text: str, **extra: object) -> dict:
    """Field metadata: the documentation line, plus optional range hints (``min``, ``max``)."""
    return {"doc": text, **extra}


def _field(default: object = attrs.NOTHING, text: str = "", **extra: object):
    if isinstance(default, (list, dict, set)):
        raise TypeError("use a factory for mutable defaults")
    return attrs.field(default=default, metadata=doc(text, **extra))


def _tuple(text: str, **extra: object):
    return attrs.field(factory=tuple, metadata=doc(text, **extra))


def _dict(text: str, **extra: object):
    return attrs.field(factory=dict, metadata=doc(text, **extra))


@attrs.frozen(kw_only=True)
class Text:
    """A translation of a display name or text into another language."""

    name: str | None = _field(None, "Translated display name or title.")
    text: str | None = _field(None, "Translated description or card text.")
    unit: str | None = _field(None, "Translated unit of a commitment kind (e.g. `個旅団`).")


@attrs.frozen(kw_only=True)
class Source:
    """A document the scenario draws on."""

    title: str = _field(text="Title of the source.")
    url: str | None = _field(None, "Where to find it.")
    note: str | None = _field(None, "What the scenario takes from it.")


@attrs.frozen(kw_only=True)
class Forces:
    """Forces an actor can make available for the guarantee (the pool it can draw on)."""

    troops: int = _field(0, "Ground troops available for deployment, including rotation.", min=0)
    fighters: int = _field(0, "Fighter squadrons available.", min=0)
    air_defence: int = _field(0, "Air-defence batteries available (e.g. Patriot, SAMP/T).", min=0)
    intelligence: int = _field(0, "Intelligence-sharing capacity, in packages.", min=0)
    command: int = _field(0, "Command-and-control capacity, in headquarters cells.", min=0)


@attrs.frozen(kw_only=True)
class Objectives:
    """How much a seat cares about each objective, in percent; the weights sum to 100."""

    peace: int = _field(0, "A durable peace: the deal signed with a credible guarantee.", min=0, max=100)
    low_cost: int = _field(0, "Its yearly bill for the guarantee kept low against its budget.", min=0, max=100)
    credibility: int = _field(0, "The guarantee's credibility at the end.", min=0, max=100)
    low_escalation: int = _field(0, "Escalation with Russia kept low.", min=0, max=100)
    support: int = _field(0, "Domestic support kept.", min=0, max=100)
    red_lines: int = _field(0, "Its soft red lines kept.", min=0, max=100)
    leadership: int = _field(0, "Its own share of the guarantee's credibility (leading the coalition).", min=0, max=100)
    mandate: int = _field(
        0, "Its secret mandate (one of its `mandates`, dealt at the start) met by the signed deal.", min=0, max=100
    )

    def weights(self) -> dict[str, int]:
        """The weights by objective name, in the order of ``OBJECTIVES``."""
        return {name: getattr(self, name) for name in OBJECTIVES}


@attrs.frozen(kw_only=True)
class Persona:
    """How an AI negotiator plays this seat (read by the agents, ignored by the rules)."""

    concession: float = _field(
        1.0,
        "Concession curve exponent: below 1 concedes early (Conceder), above 1 holds firm (Boulware).",
        min=0.05,
        max=20,
    )
    eagerness: float = _field(0.5, "How readily it proposes packages it leads (0-1).", min=0, max=1)
    risk: float = _field(
        1.0,
        "Risk attitude: how heavily it weighs the escalation a package may bring (Russia's reactions to alarm, "
        "incidents such as a no-fly-zone clash): 0 ignores it, 1 takes it at face value, 2 fears it double.",
        min=0,
        max=5,
    )


@attrs.frozen(kw_only=True)
class Outcomes:
    """One seat's own values of the outcomes on its `peace` objective; a value left out is the scenario's."""

    signed: float | None = _field(None, "Deal signed with a credible guarantee.", min=-1, max=1)
    bad_terms: float | None = _field(None, "Deal signed below the threshold.", min=-1, max=1)
    no_deal: float | None = _field(None, "The clock ran out without a deal.", min=-1, max=1)
    collapse: float | None = _field(None, "Escalation reached the top of the ladder.", min=-1, max=1)
    delay: float | None = _field(None, "Value lost for each round a deal is signed late.", min=0, max=1)


@attrs.frozen(kw_only=True)
class Mandate:
    """A condition a seat's government sets for the deal, one of several it might set: one is dealt
    to the seat in secret at the start of each game, and its `mandate` objective scores it only if
    the deal is signed and, at the end, every part given here holds."""

    id: str = _field(text="Short id (unique among the seat's mandates).", id=True)
    text: str = _field(text="The mandate in words, for the seat that holds it.")
    leads: bool = _field(False, "The seat gives the largest share of the guarantee's strength (a tie counts).")
    gives: dict[str, int] = _dict("Commitment kinds the seat must have in force, with the least units of each.")
    gives_none: tuple[str, ...] = _tuple("Commitment kinds the seat must not have in force.")
    bill_share_at_most: float | None = _field(
        None, "The seat's share of all the yearly bills, in percent, at most this.", min=0, max=100
    )
    signed_by: int | None = _field(None, "The deal signed no later than this round.", min=1)
    credibility_at_least: float | None = _field(None, "The guarantee's credibility at least this.", min=0, max=100)
    committed: tuple[str, ...] = _tuple("Commitment kinds that must be in force (given by anyone).")
    not_committed: tuple[str, ...] = _tuple("Commitment kinds that must not be in force.")
    value: float = _field(
        1.0,
        "The share of the seat's `mandate` weight it scores when met: a harder mandate is worth more.",
        min=0.01,
        max=1,
    )
    l10n: dict[str, Text] = _dict("Translations by language code (`text`).")


@attrs.frozen(kw_only=True)
class Private:
    """What only this seat may see."""

    objectives: Objectives = _field(text="Objective weights (percent, summing to 100).")
    reservation: float = _field(
        0.0,
        "The lowest final score this seat would settle for; AI negotiators reject deals worth less.",
        min=-100,
        max=100,
    )
    note: str | None = _field(None, "A briefing shown to this seat only.")
    outcomes: Outcomes = _field(
        Outcomes(),
        "What the outcomes are worth to this seat where it differs from the scenario's `peace` (e.g. a deal on "
        "Russia's terms is still a deal to one seat and a disaster to another).",
    )
    mandates: tuple[Mandate, ...] = _tuple(
        "The mandates its government might set; one is dealt at the start of each game, by the seed, and "
        "only this seat sees which (scored by its `mandate` objective)."
    )


@attrs.frozen(kw_only=True)
class RedLine:
    """A limit an actor sets on what it will give."""

    kind: str = _field(text="Commitment kind id the red line limits.")
    max_units: int = _field(0, "The most units it will give of that kind (0: none at all).", min=0)
    hard: bool = _field(True, "Hard: no proposal may cross it. Soft: it may be crossed, at a cost in score.")
    text: str = _field("", "The red line in words, for players.")
    support: float = _field(0.0, "Domestic support the actor loses each time the (soft) line is crossed.", min=0)


@attrs.frozen(kw_only=True)
class ShareRedLine:
    """A soft red line on money: the most of the guarantee's yearly bills the actor will pay."""

    max_percent: int = _field(text="Its largest share of all the agreements' yearly bills, in percent.", min=0, max=100)
    support: float = _field(0.0, "Domestic support it loses each time its share crosses the line.", min=0)
    text: str = _field("", "The red line in words, for players.")


@attrs.frozen(kw_only=True)
class MapPoint:
    """A point on the map: where an actor's markers stand, or where an event happens."""

    lon: float = _field(text="Longitude in degrees.", min=-180, max=180)
    lat: float = _field(text="Latitude in degrees.", min=-90, max=90)


@attrs.frozen(kw_only=True)
class Actor:
    """A state in the scenario: a seat at the table, or part of the environment."""

    id: str = _field(text="Short id used everywhere else (e.g. `us`).", id=True)
    name: str = _field(text="Display name.")
    seat: bool = _field(True, "True for a player seat; false for an actor that is part of the environment.")
    colour: str = _field("#808080", "Colour of its markers, as #rrggbb.")
    budget: float = _field(0.0, "Money it can put into the guarantee each year ($bn).", min=0)
    share_key: float | None = _field(
        None,
        "Its weight in the coalition's usual key for sharing a common bill (e.g. NATO's common-funding "
        "formula), public: AI negotiators split costs by it. None: by budget. The rules ignore it.",
        min=0,
    )
    reserve: float = _field(0.0, "Money already set aside at the start ($bn).", min=0)
    forces: Forces = _field(Forces(), "Forces it can make available.")
    support: float = _field(50.0, "Domestic support at the start (0-100).", min=0, max=100)
    red_lines: tuple[RedLine, ...] = _tuple("Its red lines.")
    share_red_line: ShareRedLine | None = _field(
        None, "A soft red line on its share of the bills (counts as one of its soft red lines)."
    )
    private: Private | None = _field(None, "Private information (objectives, reservation); required for seats.")
    persona: Persona = _field(Persona(), "How an AI negotiator plays it.")
    position: MapPoint | None = _field(None, "Where its markers stand on the map.")
    l10n: dict[str, Text] = _dict("Translations by language code (e.g. `ja`).")


@attrs.frozen(kw_only=True)
class Incident:
    """A chance, each round, that a commitment in force causes an incident."""

    chance: float = _field(text="Probability per unit per round (0-1).", min=0, max=1)
    escalation: int = _field(1, "Escalation steps an incident adds.", min=0)
    support: float = _field(0.0, "Domestic support change for the giver.")
    credibility: float = _field(0.0, "Lasting change to the guarantee's credibility.")
    text: str = _field("", "What happens, in words.")


@attrs.frozen(kw_only=True)
class Rotation:
    """Sustaining a deployment for years needs more forces than are deployed at once."""

    after_years: int = _field(1, "Terms longer than this many years need rotation.", min=0)
    factor: float = _field(3.0, "Forces tied up per force deployed when rotating.", min=1)


@attrs.frozen(kw_only=True)
class Synergy:
    """A commitment is worth more when another commitment is also in force."""

    kind: str = _field(text="The other commitment kind's id.")
    givers: tuple[str, ...] = _tuple("Who must give it (empty: anyone).")
    min_units: int = _field(1, "Units of it needed in force.", min=1)
    multiplier: float = _field(1.5, "Multiplier on this commitment's credibility.", min=0)
    text: str = _field("", "Why, in words.")


@attrs.frozen(kw_only=True)
class CommitmentKind:
    """Something an actor can commit to the guarantee."""

    id: str = _field(text="Short id.", id=True)
    name: str = _field(text="Display name.")
    unit: str = _field(text="What one unit is (e.g. `brigade`).")
    description: str = _field("", "What it means, for players.")
    resource: Resource | None = _field(None, "The force it draws on, or none for money only.")
    per_unit: float = _field(1.0, "Amount of that force one unit ties up.", min=0)
    steps: tuple[int, ...] = _field((1,), "Unit counts a single commitment may have.", min=1)
    givers: tuple[str, ...] = _tuple("Actors that may give it (empty: every seat).")
    upfront_cost: float = _field(0.0, "Cost per unit when it binds ($bn).", min=0)
    yearly_cost: float = _field(0.0, "Running cost per unit per year ($bn).", min=0)
    credibility: float = _field(0.0, "Credibility points per unit, before synergies and term credit.", min=0)
    support_cost: float = _field(0.0, "Domestic support the giver loses per unit per round (negative: gains).")
    alarm: float = _field(
        0.0, "Russian alarm per unit in force: how far it provokes the environment (see `alarm`).", min=0
    )
    incident: Incident | None = _field(None, "Risk of an incident while in force.")
    rotation: Rotation | None = _field(None, "Rotation needs for long terms.")
    synergies: tuple[Synergy, ...] = _tuple("When it is worth more.")
    l10n: dict[str, Text] = _dict("Translations by language code.")


@attrs.frozen(kw_only=True)
class Term:
    """A length of guarantee that proposals may choose, and how credible it is."""

    years: int = _field(text="Length in years.", min=1, max=50)
    credit: float = _field(text="Multiplier on credibility for commitments of this term (0-1].", min=0, max=1)


@attrs.frozen(kw_only=True)
class Credibility:
    """How commitments in force add up to the guarantee's credibility (deterrence)."""

    scale: float = _field(
        text="Raw points giving 63% credibility: credibility = 100 * (1 - exp(-raw / scale)).", min=0.001
    )
    terms: tuple[Term, ...] = _field(text="The terms proposals may choose.")
    arrears_penalty: float = _field(2.0, "Credibility lost per $bn a payer fails to pay in a round.", min=0)
    start: float = _field(0.0, "Lasting credibility modifier at the start.", min=-100, max=100)


@attrs.frozen(kw_only=True)
class Alarm:
    """How alarmed Russia (the environment) is by the forces committed: alarm = the sum of units in force
    x their kind's `alarm`, plus lasting modifiers, clamped to 0-100. Reactions read it in their conditions
    (`alarm_at_least`, `alarm_below`): what Moscow tolerates is written as rules, not code."""

    start: float = _field(0.0, "Lasting alarm modifier at the start.", min=-100, max=100)
    name: str = _field("Russian alarm", "The track's name, for players.")
    l10n: dict[str, Text] = _dict("Translations of the name.")


@attrs.frozen(kw_only=True)
class Level:
    """One rung of the escalation ladder."""

    name: str = _field(text="Name of the rung.")
    text: str = _field("", "What it means.")
    l10n: dict[str, Text] = _dict("Translations by language code.")


@attrs.frozen(kw_only=True)
class Escalation:
    """The escalation ladder with Russia."""

    levels: tuple[Level, ...] = _field(text="Rungs from calm upwards; the last one is collapse.")
    start: int = _field(0, "Rung at the start.", min=0)
    calm_at: float = _field(
        100.0, "Escalation eases one rung in a round when credibility is at least this.", min=0, max=100
    )


@attrs.frozen(kw_only=True)
class Condition:
    """When a card or reaction may happen; every field given must hold."""

    round_at_least: int | None = _field(None, "From this round on (rounds count from 1).", min=1)
    round_at_most: int | None = _field(None, "Up to this round.", min=1)
    credibility_below: float | None = _field(None, "Credibility below this.", min=0, max=100)
    credibility_at_least: float | None = _field(None, "Credibility at least this.", min=0, max=100)
    escalation_at_least: int | None = _field(None, "Escalation at least this rung.", min=0)
    escalation_below: int | None = _field(None, "Escalation below this rung.", min=0)
    committed: tuple[str, ...] = _tuple("Commitment kinds that must be in force (by anyone).")
    not_committed: tuple[str, ...] = _tuple("Commitment kinds that must not be in force.")
    support_below: dict[str, float] = _dict("Actors whose domestic support must be below the value.")
    support_at_least: dict[str, float] = _dict("Actors whose domestic support must be at least the value.")
    agreements_at_least: int | None = _field(None, "At least this many binding agreements.", min=0)
    agreements_below: int | None = _field(None, "Fewer binding agreements than this.", min=0)
    alarm_at_least: float | None = _field(None, "Russian alarm at least this.", min=0, max=100)
    alarm_below: float | None = _field(None, "Russian alarm below this.", min=0, max=100)
    credible: bool | None = _field(None, "True: credibility meets the acceptance threshold; false: it falls short.")
    signed: bool | None = _field(None, "True: the peace deal has been signed (the aftermath); false: not yet.")


@attrs.frozen(kw_only=True)
class Effect:
    """What a card, reaction or incident changes; every field given applies."""

    escalation: int = _field(0, "Escalation rungs added (negative: eased).")
    credibility: float = _field(0.0, "Lasting change to the guarantee's credibility.")
    threshold: float = _field(0.0, "Change to the credibility the acceptance seat needs.")
    alarm: float = _field(0.0, "Lasting change to Russian alarm.")
    support: dict[str, float] = _dict("Domestic support change per actor.")
    support_all: float = _field(0.0, "Domestic support change for every seat.")
    budget: dict[str, float] = _dict("Change to yearly budget per actor ($bn).")
    money: dict[str, float] = _dict("One-off money added to (or taken from) an actor's funds ($bn).")
    forces: dict[str, Forces] = _dict("Forces added to an actor's pool.")


@attrs.frozen(kw_only=True)
class EventCard:
    """A card in the event deck, drawn in the events phase."""

    id: str = _field(text="Short id.", id=True)
    title: str = _field(text="Headline.")
    text: str = _field("", "What happened.")
    weight: float = _field(1.0, "Relative chance of being drawn among the cards that may happen.", min=0.001)
    when: Condition = _field(Condition(), "When it may be drawn.")
    effects: Effect = _field(Effect(), "What it changes.")
    repeatable: bool = _field(False, "May be drawn again after it happened.")
    visible_to: tuple[str, ...] = _tuple("Seats that see it (empty: everyone).")
    place: MapPoint | None = _field(None, "Where it happens, for its marker on the map (omit: no one place).")
    l10n: dict[str, Text] = _dict("Translations by language code.")


@attrs.frozen(kw_only=True)
class Reaction:
    """Russia's (or the environment's) reaction rule, checked every resolution phase."""

    id: str = _field(text="Short id.", id=True)
    title: str = _field(text="Headline.")
    text: str = _field("", "What happens.")
    chance: float = _field(text="Probability each round while its condition holds (0-1).", min=0, max=1)
    when: Condition = _field(Condition(), "When it may happen.")
    effects: Effect = _field(Effect(), "What it changes.")
    visible_to: tuple[str, ...] = _tuple("Seats that see it (empty: everyone).")
    place: MapPoint | None = _field(None, "Where it happens, for its marker on the map (omit: no one place).")
    l10n: dict[str, Text] = _dict("Translations by language code.")


@attrs.frozen(kw_only=True)
class Schedule:
    """Rounds and the negotiation protocol's limits."""

    rounds: int = _field(text="Number of rounds.", min=1, max=100)
    months: int = _field(1, "Months in a round.", min=1, max=24)
    start: str = _field("", "Calendar label of the first round (e.g. `2025-12`).")
    negotiation_passes: int = _field(2, "Turns each seat gets in a negotiation phase.", min=1, max=10)
    proposals_per_turn: int = _field(1, "Proposals a seat may send in one turn.", min=1, max=10)
    edits_per_turn: int = _field(24, "Drafting steps a seat may take in one turn.", min=1, max=1000)
    max_items: int = _field(8, "Most commitments in one proposal.", min=1, max=50)
    share_step: int = _field(10, "Cost shares are set in steps of this many percent.", min=1, max=100)
    deadline: int = _field(1, "Default rounds an offer stays open after the round it is sent in.", min=0, max=20)
    max_deadline: int = _field(2, "Longest deadline a proposer may set.", min=0, max=20)
    events_per_round: int = _field(1, "Event cards drawn each round.", min=0, max=10)


@attrs.frozen(kw_only=True)
class Acceptance:
    """When the acceptance seat (Ukraine) may sign the peace deal, and what it needs."""

    seat: str = _field(text="The seat that signs or holds out.")
    threshold: float = _field(text="Credibility the guarantee needs for a deal on fair terms.", min=0, max=100)
    earliest_round: int = _field(1, "First round in which it may sign.", min=1)
    requires_agreement: bool = _field(
        False, "True: it may sign only while an agreement is in force (no guarantee at all, no deal)."
    )
    window: int | None = _field(
        None,
        "Rounds an agreement stays bound while the deal is unsigned, counted from the later of the round it "
        "bound and `earliest_round`; then it lapses (forces go home, money spent is lost). None: it stays.",
        min=1,
        max=100,
    )
    aftermath: int = _field(
        0,
        "Rounds played after the deal is signed (events, bills, incidents and Russia's reactions, no "
        "negotiation) before the game ends: the guarantee is tested.",
        min=0,
        max=24,
    )


@attrs.frozen(kw_only=True)
class Peace:
    """What the shared outcome is worth on the `peace` objective (-1 to 1)."""

    signed: float = _field(1.0, "Deal signed with a credible guarantee.", min=-1, max=1)
    bad_terms: float = _field(-0.5, "Deal signed below the threshold: terms favouring Russia.", min=-1, max=1)
    no_deal: float = _field(-0.3, "The clock ran out without a deal.", min=-1, max=1)
    collapse: float = _field(-1.0, "Escalation reached the top of the ladder.", min=-1, max=1)
    delay: float = _field(
        0.0,
        "Value lost for each round a deal is signed after `acceptance.earliest_round` (the war goes on meanwhile).",
        min=0,
        max=1,
    )


@attrs.frozen(kw_only=True)
class Domestic:
    """How domestic support works."""

    lapse_below: float = _field(
        0.0, "An actor whose support falls below this withdraws its commitments.", min=0, max=100
    )
    arrears_penalty: float = _field(2.0, "Support lost per $bn the actor fails to pay.", min=0)
    kept_scale: float | None = _field(
        None,
        "How the `support` objective scores: None, the final support ÷ 100 (its level); a number, the support "
        "*kept*: 1 - (support lost since the start) ÷ this, from -1 to 1 (a seat that loses this much scores 0).",
        min=1,
    )


@attrs.frozen(kw_only=True, slots=False)  # dict-backed: see ``seats``
class Scenario:
    """A whole scenario."""

    format: int = _field(text="Format version; this engine reads 1.", min=1, max=1)
    id: str = _field(text="Short id.", id=True)
    title: str = _field(text="Title.")
    date: str = _field("", "When it is set.")
    description: str = _field("", "What it is about.")
    sources: tuple[Source, ...] = _tuple("Documents it draws on.")
    actors: tuple[Actor, ...] = _field(text="The actors; seats play in this order.")
    commitments: tuple[CommitmentKind, ...] = _field(text="Commitment kinds.")
    credibility: Credibility = _field(text="The credibility model.")
    alarm: Alarm = _field(Alarm(), "Russian alarm: how far the committed forces provoke the environment.")
    escalation: Escalation = _field(text="The escalation ladder.")
    schedule: Schedule = _field(text="Rounds and protocol limits.")
    acceptance: Acceptance = _field(text="The peace deal's acceptance rule.")
    peace: Peace = _field(Peace(), "Worth of the shared outcome.")
    domestic: Domestic = _field(Domestic(), "Domestic support rules.")
    events: tuple[EventCard, ...] = _tuple("The event deck.")
    reactions: tuple[Reaction, ...] = _tuple("Reaction rules.")
    l10n: dict[str, Text] = _dict("Translations of the title and description.")

    # Asked for on every step by the agents. On a dict-backed class a cached_property keeps its
    # value in the instance dict; on a slotted one attrs would add a ``__getattr__`` that slows
    # down reading every other attribute of the scenario.
    @functools.cached_property
    def seats(self) -> tuple[Actor, ...]:
        """The actors that are player seats, in playing order."""
        return tuple(a for a in self.actors if a.seat)

    def actor(self, actor_id: str) -> Actor:
        """The actor with this id (KeyError if none)."""
        for a in self.actors:
            if a.id == actor_id:
                return a
        raise KeyError(actor_id)

    def kind(self, kind_id: str) -> CommitmentKind:
        """The commitment kind with this id (KeyError if none)."""
        for k in self.commitments:
            if k.id == kind_id:
                return k
        raise KeyError(kind_id)
