"""What the screen may show, and summaries of it.

The table renders a *view*: ``observe(state, seat).view`` for the seat at the screen, a public
view (no seat's private information, no offers, no secret news) while nobody has taken the screen
yet, or the full state when the table explicitly asks for the umpire view. Everything drawn is
computed from the view given; nothing here reaches back into the full state.
"""

from __future__ import annotations

import attrs

from ..core.credibility import in_force
from ..core.narrate import describe, localized
from ..core.observe import observe
from ..core.state import Game, State, cons_list
from ..scenario.model import Persona
from .i18n import tr

UMPIRE = "umpire"
PUBLIC = "public"

_PUBLIC_GAMES: dict[int, Game] = {}


def _public_game(game: Game) -> Game:
    """The compiled game with every seat's private information and persona removed."""
    cached = _PUBLIC_GAMES.get(id(game))
    if cached is None or cached.hash != game.hash:
        sc = game.scenario
        actors = tuple(attrs.evolve(a, private=None, persona=Persona()) for a in sc.actors)
        cached = attrs.evolve(Game.from_scenario(attrs.evolve(sc, actors=actors)), hash=game.hash)
        if len(_PUBLIC_GAMES) > 32:
            _PUBLIC_GAMES.clear()
        _PUBLIC_GAMES[id(game)] = cached
    return cached


def _public_news(cell):
    kept = [n for n in cons_list(cell) if n.visible_to is None]
    out = None
    for n in kept:
        out = (out, n)
    return out


def make_view(state: State, viewer) -> State:
    """The state as the screen may show it to ``viewer`` (a seat index, ``PUBLIC`` or ``UMPIRE``)."""
    if viewer == UMPIRE:
        return state
    if isinstance(viewer, int):
        return observe(state, viewer).view
    # Public: a seat's observation with that seat's own secrets stripped as well.
    view = observe(state, 0).view
    sc = state.game.scenario
    secret = {c.id for c in sc.events if c.visible_to}
    return attrs.evolve(
        view,
        game=_public_game(state.game),
        offers=(),
        draft=None,
        news=_public_news(view.news),
        used_cards=view.used_cards - secret,
    )


def view_seat(viewer) -> int | None:
    """The seat whose news filter applies (``None``: everything in the view)."""
    return viewer if isinstance(viewer, int) else None


def seat_name(game: Game, seat: int, lang: str) -> str:
    return localized(game.scenario.seats[seat], lang)


def seat_names(game: Game, seats, lang: str) -> str:
    sep = "、" if lang == "ja" else ", "
    return sep.join(seat_name(game, s, lang) for s in sorted(seats))


def committed(view: State) -> dict[int, list[tuple[int, int]]]:
    """Per seat, (kind, units) it has in force."""
    out: dict[int, list[tuple[int, int]]] = {}
    for (giver, kind), units in sorted(in_force(view.agreements).items()):
        if units:
            out.setdefault(giver, []).append((kind, units))
    return out


def troops_in_field(view: State) -> dict[int, float]:
    """Per seat, troops deployed in the field (units x per-unit; rotation pools not counted)."""
    g = view.game
    out: dict[int, float] = {}
    for (giver, kind), units in in_force(view.agreements).items():
        k = g.scenario.commitments[kind]
        if k.resource == "troops" and units:
            out[giver] = out.get(giver, 0.0) + units * k.per_unit
    return out


def short_kind(game: Game, kind: int, lang: str) -> str:
    return localized(game.scenario.commitments[kind], lang)


def commitment_summary(view: State, seat: int, lang: str, items: list[tuple[int, int]]) -> str:
    """``2 brigade · 1 headquarters · 2 package`` for a status row."""
    sc = view.game.scenario
    parts = []
    for kind, units in items:
        k = sc.commitments[kind]
        parts.append(f"{localized(k, lang)} {units}")
    return " · ".join(parts)


def log_entries(view: State, viewer, lang: str, notes=()) -> list[tuple[int, str, str]]:
    """(round, kind, text) for every news item the view holds, with the table's notes in place."""
    g = view.game
    news = cons_list(view.news)
    seat = view_seat(viewer)
    out: list[tuple[int, str, str]] = []
    # Notes are placed by the count of *all* news; a seat's view holds fewer, so place each note
    # after the visible items that came before it.
    placed = sorted(notes, key=lambda n: n.after)
    ni = 0
    all_count = 0  # counts all news items seen so far in the full log (only known for the umpire)
    for item in news:
        while ni < len(placed) and placed[ni].after <= all_count and seat is None:
            out.append(_note(g, placed[ni], lang))
            ni += 1
        out.append((item.round, item.kind, _describe(g, item, lang)))
        all_count += 1
    if seat is not None:
        # Seat views: notes go by round (their exact place among hidden items is unknown).
        merged: list[tuple[int, str, str]] = []
        rest = list(placed)
        for entry in out:
            while rest and rest[0].round < entry[0]:
                merged.append(_note(g, rest.pop(0), lang))
            merged.append(entry)
        merged += [_note(g, n, lang) for n in rest]
        return merged
    out += [_note(g, n, lang) for n in placed[ni:]]
    return out


def _note(game: Game, note, lang: str) -> tuple[int, str, str]:
    args = dict(note.args)
    if "seat" in args and args["seat"] in game.seat_index:
        args["seat"] = seat_name(game, game.seat_index[args["seat"]], lang)
    return (note.round, "note", tr(lang, note.key, **args))


_TEXT: dict = {}


def _describe(game: Game, item, lang: str) -> str:
    """A news item in words (memoised: the log re-reads the same items every time it grows)."""
    key = (id(game.scenario), lang, item)
    text = _TEXT.get(key)
    if text is None:
        if len(_TEXT) > 20000:
            _TEXT.clear()
        text = _TEXT[key] = _describe_uncached(game, item, lang)
    return text


def _describe_uncached(game: Game, item, lang: str) -> str:
    if item.kind == "result":
        return tr(lang, f"outcome_{item.data[0]}")
    try:
        return describe(game, item, lang)
    except (KeyError, IndexError, ValueError, StopIteration):
        return describe(game, item, "en")
