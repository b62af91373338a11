"""Actions: small immutable values with a one-line text form (``Add('fr', 'ground_force', 2)`` is
``add fr ground_force 2``), used in the action log, the CLI and saved records.

Negotiation actions build a proposal step by step (draft, add, share, term, ... send), so that
the legal actions in any state form a short, enumerable list. Chance outcomes (event draws,
incident and reaction rolls) are actions too, taken by the chance player, so that a game is
exactly its seed plus its action list.
"""

from __future__ import annotations

import attrs

from ..errors import CoalitionError


class ActionParseError(CoalitionError):
    """Text that is not an action."""


@attrs.frozen(cache_hash=True)
class Draft:
    """Start drafting a new proposal."""

    def __str__(self) -> str:
        return "draft"


@attrs.frozen(cache_hash=True)
class Counter:
    """Reject an offer and start a draft pre-filled with its terms."""

    offer: int

    def __str__(self) -> str:
        return f"counter {self.offer}"


@attrs.frozen(cache_hash=True)
class Add:
    """Add a commitment by ``actor`` of ``units`` of ``kind`` to the draft."""

    actor: str
    kind: str
    units: int

    def __str__(self) -> str:
        return f"add {self.actor} {self.kind} {self.units}"


@attrs.frozen(cache_hash=True)
class Remove:
    """Remove ``actor``'s commitment of ``kind`` from the draft."""

    actor: str
    kind: str

    def __str__(self) -> str:
        return f"remove {self.actor} {self.kind}"


@attrs.frozen(cache_hash=True)
class Share:
    """Set ``actor``'s cost share in the draft, in percent (0 removes it)."""

    actor: str
    percent: int

    def __str__(self) -> str:
        return f"share {self.actor} {self.percent}"


@attrs.frozen(cache_hash=True)
class SetTerm:
    """Set the draft's term in years."""

    years: int

    def __str__(self) -> str:
        return f"term {self.years}"


@attrs.frozen(cache_hash=True)
class Invite:
    """Address the draft also to a seat that gives nothing in it (e.g. Ukraine)."""

    actor: str

    def __str__(self) -> str:
        return f"invite {self.actor}"


@attrs.frozen(cache_hash=True)
class SetDeadline:
    """Set how many rounds after this one the offer stays open."""

    rounds: int

    def __str__(self) -> str:
        return f"deadline {self.rounds}"


@attrs.frozen(cache_hash=True)
class Send:
    """Send the draft as an offer."""

    def __str__(self) -> str:
        return "send"


@attrs.frozen(cache_hash=True)
class Discard:
    """Throw the draft away."""

    def __str__(self) -> str:
        return "discard"


@attrs.frozen(cache_hash=True)
class Accept:
    """Accept an offer in which this seat gives something."""

    offer: int

    def __str__(self) -> str:
        return f"accept {self.offer}"


@attrs.frozen(cache_hash=True)
class Reject:
    """Reject an offer in which this seat gives something; the offer fails."""

    offer: int

    def __str__(self) -> str:
        return f"reject {self.offer}"


@attrs.frozen(cache_hash=True)
class Withdraw:
    """Withdraw one's own offer before it binds."""

    offer: int

    def __str__(self) -> str:
        return f"withdraw {self.offer}"


@attrs.frozen(cache_hash=True)
class EndTurn:
    """End this seat's negotiation turn."""

    def __str__(self) -> str:
        return "end"


@attrs.frozen(cache_hash=True)
class Sign:
    """The acceptance seat signs the peace deal with the guarantee as it stands."""

    def __str__(self) -> str:
        return "sign"


@attrs.frozen(cache_hash=True)
class HoldOut:
    """The acceptance seat declines to sign this round."""

    def __str__(self) -> str:
        return "hold"


@attrs.frozen(cache_hash=True)
class Draw:
    """Chance: the event card drawn (``None`` when no card may happen)."""

    card: str | None

    def __str__(self) -> str:
        return f"draw {self.card or '-'}"


@attrs.frozen(cache_hash=True)
class Incident:
    """Chance: whether ``actor``'s commitment of ``kind`` caused an incident this round."""

    actor: str
    kind: str
    hit: bool

    def __str__(self) -> str:
        return f"incident {self.actor} {self.kind} {'hit' if self.hit else 'none'}"


@attrs.frozen(cache_hash=True)
class React:
    """Chance: whether a reaction rule fired this round."""

    reaction: str
    hit: bool

    def __str__(self) -> str:
        return f"react {self.reaction} {'hit' if self.hit else 'none'}"


Action = (
    Draft
    | Counter
    | Add
    | Remove
    | Share
    | SetTerm
    | Invite
    | SetDeadline
    | Send
    | Discard
    | Accept
    | Reject
    | Withdraw
    | EndTurn
    | Sign
    | HoldOut
    | Draw
    | Incident
    | React
)
CHANCE_ACTIONS = (Draw, Incident, React)

_NO_ARGS: dict[str, type[Draft | Send | Discard | EndTurn | Sign | HoldOut]] = {
    "draft": Draft,
    "send": Send,
    "discard": Discard,
    "end": EndTurn,
    "sign": Sign,
    "hold": HoldOut,
}
_OFFER_ARG: dict[str, type[Counter | Accept | Reject | Withdraw]] = {
    "counter": Counter,
    "accept": Accept,
    "reject": Reject,
    "withdraw": Withdraw,
}


def _int(word: str, text: str) -> int:
    if not word.lstrip("-").isdigit():
        raise ActionParseError(f"{text!r}: expected a whole number, got {word!r}")
    return int(word)


def _hit(word: str, text: str) -> bool:
    if word not in ("hit", "none"):
        raise ActionParseError(f"{text!r}: expected 'hit' or 'none', got {word!r}")
    return word == "hit"


def parse_action(text: str) -> Action:
    """Parse an action's text form, e.g. ``parse_action("add fr ground_force 2")``.

    >>> parse_action("share us 30")
    Share(actor='us', percent=30)
    >>> str(parse_action("accept 4"))
    'accept 4'
    """
    words = text.split()
    if not words:
        raise ActionParseError("empty action")
    verb, args = words[0].lower(), words[1:]
    arity = {
        "add": 3,
        "remove": 2,
        "share": 2,
        "term": 1,
        "invite": 1,
        "deadline": 1,
        "draw": 1,
        "incident": 3,
        "react": 2,
        **{v: 0 for v in _NO_ARGS},
        **{v: 1 for v in _OFFER_ARG},
    }
    if verb not in arity:
        raise ActionParseError(f"{text!r}: unknown action {verb!r}; actions are: {', '.join(sorted(arity))}")
    if len(args) != arity[verb]:
        raise ActionParseError(f"{text!r}: {verb!r} takes {arity[verb]} argument(s), got {len(args)}")
    if verb in _NO_ARGS:
        return _NO_ARGS[verb]()
    if verb in _OFFER_ARG:
        return _OFFER_ARG[verb](_int(args[0], text))
    if verb == "add":
        return Add(args[0], args[1], _int(args[2], text))
    if verb == "remove":
        return Remove(args[0], args[1])
    if verb == "share":
        return Share(args[0], _int(args[1], text))
    if verb == "term":
        return SetTerm(_int(args[0], text))
    if verb == "invite":
        return Invite(args[0])
    if verb == "deadline":
        return SetDeadline(_int(args[0], text))
    if verb == "draw":
        return Draw(None if args[0] == "-" else args[0])
    if verb == "incident":
        return Incident(args[0], args[1], _hit(args[2], text))
    return React(args[0], _hit(args[1], text))
