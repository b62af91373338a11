"""What the screen may show, and summaries of it.

The table renders a *view*: ``observe(state, seat).view`` for the seat at the screen, a public
view (no seat's private information, no offers, no secret news) while nobody has taken the screen
yet, or the full state when the table explicitly asks for the umpire view. Everything drawn is
computed from the view given; nothing here reaches back into the full state.
"""

from __future__ import annotations

import attrs

from .. import Game, Persona, State, cons_list, describe, in_force, localized, observe
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


#: Short codes by the force a kind draws on (None: money only).
RESOURCE_CODES = {
    "troops": "BDE",
    "fighters": "AIR",
    "air_defence": "AD",
    "intelligence": "INT",
    "command": "HQ",
    None: "$",
}
#: Standard abbreviations of unit words, for kinds that share a force with another kind.
UNIT_CODES = {
    "brigade": "BDE",
    "battalion": "BN",
    "battlegroup": "BG",
    "company": "COY",
    "division": "DIV",
    "squadron": "SQN",
    "detachment": "DET",
    "battery": "AD",
    "headquarters": "HQ",
    "package": "PKG",
    "base": "BASE",
}
_CODES: dict[int, tuple] = {}


def kind_codes(scenario) -> tuple[str, ...]:
    """A short code per commitment kind (``BDE``, ``HQ``, ``AD``, ``AIR``, ``INT``, ``$``, ``BASE``):
    the force it draws on, unless another kind draws on the same force in other units, then its
    unit's (so host-nation *base* packages are not labelled as headquarters)."""
    cached = _CODES.get(id(scenario))
    if cached is not None and cached[0] is scenario:
        return cached[1]
    kinds = scenario.commitments
    by_resource: dict = {}
    for k in kinds:
        by_resource.setdefault(k.resource, []).append(k.unit)
    codes = []
    for k in kinds:
        units = by_resource[k.resource]
        main = max(units, key=units.count)  # the commonest unit of that force keeps the force's code
        word = (k.unit.split() or [k.id])[0].lower()
        several_troops = k.resource == "troops" and len(set(units)) > 1  # battlegroups, companies...
        if k.resource is None:
            codes.append("$")
        elif k.unit == main and not several_troops:
            codes.append(RESOURCE_CODES.get(k.resource, k.id[:3].upper()))
        else:
            codes.append(UNIT_CODES.get(word, word[:4].upper()))
    out = tuple(codes)
    _CODES[id(scenario)] = (scenario, out)
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


def _sees(viewer):
    """Which news items of the full log ``viewer``'s view holds."""
    if viewer == UMPIRE:
        return lambda n: True
    if isinstance(viewer, int):
        return lambda n: n.visible(viewer)
    return lambda n: n.visible_to is None


def log_entries(view: State, viewer, lang: str, notes=(), full_news=None, over: bool = False):
    """(round, kind, text) for every news item the view holds, with the table's notes (those
    ``viewer`` may see) each in its place: after the items of the full log (``full_news``, the
    game's own) that came before it and that the viewer sees."""
    g = view.game
    news = cons_list(view.news)
    placed = sorted((n for n in notes if n.visible(viewer, over)), key=lambda n: n.after)
    positions: list[int] = []
    if placed:
        sees = _sees(viewer)
        full = cons_list(full_news) if full_news is not None else news
        seen = [0]
        for item in full:
            seen.append(seen[-1] + (1 if sees(item) else 0))
        positions = [seen[min(n.after, len(full))] for n in placed]
    out: list[tuple[int, str, str]] = []
    ni = 0
    for i, item in enumerate(news):
        while ni < len(placed) and positions[ni] <= i:
            out.append(_note(g, placed[ni], lang))
            ni += 1
        out.append((item.round, item.kind, _describe(g, item, lang)))
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


_LINKS: dict[int, tuple] = {}


def offer_links(view: State) -> tuple[dict[int, tuple[int, object, int]], dict[int, int]]:
    """From the news the view holds: every offer seen, ``id -> (proposer, proposal, round)``, and
    which offer each counter-offer answers, ``new id -> countered id`` (a counter is the next
    offer its seat sends in the same round after countering)."""
    cell = view.news
    cached = _LINKS.get(id(view.game))
    if cached is not None and cached[0] is cell:
        return cached[1]
    sent: dict[int, tuple[int, object, int]] = {}
    counters: dict[int, int] = {}
    pending: dict[int, tuple[int, int]] = {}  # seat -> (countered id, round)
    for item in cons_list(cell):
        if item.kind == "counter":
            pending[item.data[1]] = (item.data[0], item.round)
        elif item.kind == "offer":
            oid, seat, proposal = item.data
            sent[oid] = (seat, proposal, item.round)
            was = pending.pop(seat, None)
            if was is not None and was[1] == item.round:
                counters[oid] = was[0]
    if len(_LINKS) > 16:
        _LINKS.clear()
    _LINKS[id(view.game)] = (cell, (sent, counters))
    return sent, counters


def compare_basis(view: State, offer_id: int, proposer: int, me: int | None):
    """What an offer is best read against: ``("countered", id, proposal)`` for the offer it
    counters, else ``("yours", id, proposal)`` for the viewer's own latest earlier offer, else
    ``None``."""
    sent, counters = offer_links(view)
    old = counters.get(offer_id)
    if old is not None and old in sent:
        return ("countered", old, sent[old][1])
    if me is not None and proposer != me:
        mine = [i for i, (seat, _, _) in sent.items() if seat == me and i < offer_id]
        if mine:
            return ("yours", mine[-1], sent[mine[-1]][1])
    return None


def proposal_diff(new, old) -> dict:
    """How ``new`` differs from ``old`` (both proposals; ``old`` may be ``None``): per (giver, kind)
    ``(status, old units, new units)`` with status ``added``, ``removed``, ``changed`` or ``same``;
    per payer ``(old %, new %)``; the terms ``(old, new)``."""
    if old is None:
        return {"items": {(g, k): ("same", u, u) for g, k, u in new.items}, "shares": {}, "term": None}
    before = {(g, k): u for g, k, u in old.items}
    after = {(g, k): u for g, k, u in new.items}
    items = {}
    for key in sorted(set(before) | set(after)):
        b, a = before.get(key), after.get(key)
        status = "added" if b is None else "removed" if a is None else "changed" if a != b else "same"
        items[key] = (status, b, a)
    was, now = dict(old.shares), dict(new.shares)
    shares = {s: (was.get(s, 0), now.get(s, 0)) for s in sorted(set(was) | set(now)) if was.get(s, 0) != now.get(s, 0)}
    return {"items": items, "shares": shares, "term": (old.term, new.term) if old.term != new.term else None}
