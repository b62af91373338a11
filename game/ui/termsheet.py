"""Offers, agreements and drafts as term sheets: one card per proposal with a row per party
(its commitments with their codes and real sizes, its cost share), the term, a bar of the cost
shares, what it does to credibility, the viewer's bill, and who has accepted — and, when there is
something to read it against (the offer it counters, or the viewer's own last offer), every
difference marked: added, removed, changed sizes and shares."""

from __future__ import annotations

import pygame

from .. import Proposal, State, amount, localized, per_year, years
from . import theme as T
from .builder import credibility_if_bound, yearly_costs
from .cards import Card
from .i18n import tr
from .mapview import readable_on_dark, rgb
from .views import kind_codes, proposal_diff, seat_name, seat_names

ADDED = (104, 196, 128)
REMOVED = (226, 92, 80)
CHANGED = (240, 190, 90)


def seat_colour(view: State, seat: int):
    return readable_on_dark(rgb(view.game.scenario.seats[seat].colour))


def term_sheet(
    ink,
    width: int,
    view: State,
    proposal: Proposal,
    lang: str,
    *,
    head: list,
    proposer: int,
    me: int | None,
    basis: tuple | None = None,
    accepted=frozenset(),
    waiting=frozenset(),
    effect: bool = True,
    accent=None,
) -> Card:
    """The card of ``proposal``: ``head`` is its title (styled runs); ``basis`` an optional
    ``(label, proposal)`` to mark differences against."""
    g = view.game
    card = Card(ink, width, accent=accent)
    card.runs(head, 13, gap=card.s(3))
    diff = proposal_diff(proposal, basis[1] if basis else None)
    if basis:
        card.runs(
            [
                (basis[0] + " · ", T.MUTED, False),
                ("+ " + tr(lang, "diff_added"), ADDED, True),
                ("  − " + tr(lang, "diff_removed"), REMOVED, True),
                ("  ~ " + tr(lang, "diff_changed"), CHANGED, True),
            ],
            11,
            gap=card.s(4),
        )
    _parties(card, view, proposal, diff, lang, proposer)
    card.rule()
    _terms(card, view, proposal, diff, lang)
    if effect:
        _effect(card, view, proposal, proposer, me, lang)
    runs = []
    bills = yearly_costs(view, proposal) if effect else {}
    if me is not None and me in bills:  # the viewer's bill, then who has answered and who not yet
        runs += [(tr(lang, "sheet_your_bill") + " ", T.MUTED, False), (per_year(lang, bills[me]), T.TEXT, True)]
    for label, seats, colour in (("sheet_accepted", accepted, T.GOOD), ("sheet_waiting", waiting, T.MUTED)):
        if seats:
            runs += [("   " if runs else "", None, False), (tr(lang, label) + " ", colour, True)]
            runs.append((seat_names(g, seats, lang), colour, False))
    if runs:
        card.runs(runs, 12)
    return card


def _parties(card: Card, view: State, p: Proposal, diff: dict, lang: str, proposer: int) -> None:
    """A row per party: name | each commitment (code, kind, size) | share."""
    g = view.game
    sc = g.scenario
    codes = kind_codes(sc)
    shares = dict(p.shares)
    parties = sorted({gv for (gv, _) in diff["items"]} | set(shares) | set(diff["shares"]) | set(p.invited))
    name_w = min(card.inner * 30 // 100, max(card.ink.measure(seat_name(g, s, lang), 12, True) for s in parties) + 4)
    share_w = card.ink.measure("100%", 12, True) + card.s(4)
    chip_w = max(card.ink.size(c, 9, True)[0] for c in codes) + card.s(12)
    items_x = name_w + card.s(16)  # room for a difference's mark between the name and the code
    items_w = card.inner - items_x - share_w - card.s(6) - chip_w
    for seat in parties:
        mine = [(k, st) for (gv, k), st in diff["items"].items() if gv == seat]
        colour = seat_colour(view, seat)
        name = [(seat_name(g, seat, lang), colour, True)]
        share = _share_runs(shares.get(seat, 0), diff["shares"].get(seat))
        if not mine:
            role = tr(lang, "sheet_pays") if shares.get(seat) or seat in diff["shares"] else tr(lang, "sheet_invited")
            card.columns(
                [(0, name_w, name, "left"), (items_x, items_w + chip_w, [(role, T.DIM, False)], "left")]
                + [(card.inner - share_w, share_w, share, "right")],
                12,
            )
            continue
        for i, (kind, (status, old, new)) in enumerate(mine):
            k = sc.commitments[kind]
            units = new if new is not None else old
            size = amount(g, seat, kind, units, lang)
            mark, tint = {"added": ("+", ADDED), "removed": ("−", REMOVED), "changed": ("~", CHANGED)}.get(
                status, ("", None)
            )
            runs = [(localized(k, lang) + " ", T.MUTED if status != "removed" else T.DIM, False)]
            runs.append((size, tint if status != "same" else T.TEXT, status != "removed"))
            if status == "changed":
                runs.append(("  " + tr(lang, "diff_was", old=amount(g, seat, kind, old, lang)), T.DIM, False))
            if status == "removed":
                runs.append(("  " + tr(lang, "diff_removed"), REMOVED, False))
            cells = [
                (items_x, chip_w, [(codes[kind], tint or colour, True)], "chip"),
                (items_x + chip_w, items_w, runs, "left"),
            ]
            if mark:
                cells.append((items_x - card.s(12), card.s(10), [(mark, tint, True)], "left"))
            if i == 0:
                cells += [(0, name_w, name, "left"), (card.inner - share_w, share_w, share, "right")]
            card.columns(cells, 12, gap=card.s(2))
        card.space(card.s(2))


def _share_runs(now: int, change: tuple[int, int] | None) -> list:
    if change is None:
        return [(f"{now}%", T.TEXT, True)] if now else [("—", T.DIM, False)]
    was, now = change
    tint = ADDED if was == 0 else REMOVED if now == 0 else CHANGED
    return [(f"{now}%", tint, True)]


def _terms(card: Card, view: State, p: Proposal, diff: dict, lang: str) -> None:
    """The cost-share bar with the term beside it."""
    g = view.game
    label = years(lang, p.term)
    runs = [(label, CHANGED if diff["term"] else T.TEXT, True)]
    if diff["term"]:
        runs.append(("  " + tr(lang, "diff_was", old=years(lang, diff["term"][0])), T.DIM, False))
    term_w = card.ink.measure(label, 12, True) + card.s(12)
    if diff["term"]:
        term_w += card.ink.measure("  " + tr(lang, "diff_was", old=years(lang, diff["term"][0])), 12) + card.s(2)
    bar_h = card.line_height(12)
    shares = [(s, pct) for s, pct in p.shares if pct > 0]
    changed = diff["shares"]

    def draw(surface: pygame.Surface, rect: pygame.Rect) -> None:
        card.ink.draw_runs(surface, card.ink.wrap_runs(runs, 12, term_w + 40)[0], rect.topleft, 12)
        bar = pygame.Rect(rect.left + term_w, rect.top + card.s(1), rect.width - term_w, bar_h - card.s(2))
        x = bar.left
        for i, (seat, pct) in enumerate(shares):
            w = bar.width * pct // 100 if i < len(shares) - 1 else bar.right - x
            seg = pygame.Rect(x, bar.top, w, bar.height)
            base = rgb(g.scenario.seats[seat].colour)
            pygame.draw.rect(surface, base, seg)
            if seat in changed:
                pygame.draw.rect(surface, CHANGED, seg, max(1, card.s(2)))
            text = f"{g.seats[seat].upper()} {pct}%"
            if card.ink.size(text, 10, True)[0] + card.s(4) <= w:
                lum = 0.299 * base[0] + 0.587 * base[1] + 0.114 * base[2]
                card.ink.text(
                    surface, text, seg.center, 10, (20, 20, 20) if lum > 140 else (250, 250, 250), True, "center"
                )
            x += w
        pygame.draw.rect(surface, T.LINE, bar, 1)

    card.texts.append("".join(t for t, _, _ in runs))
    card.texts += [f"{g.seats[seat].upper()} {pct}%" for seat, pct in shares]
    card.custom(bar_h, draw, gap=card.s(4))


def _effect(card: Card, view: State, p: Proposal, proposer: int, me: int | None, lang: str) -> None:
    """Credibility before -> after against the threshold, and the viewer's yearly bill."""
    g = view.game
    after = credibility_if_bound(view, p, proposer)
    good = after >= view.threshold
    acceptor = seat_name(g, g.acceptor, lang)
    runs = [
        (tr(lang, "sheet_credibility") + " ", T.MUTED, False),
        (f"{view.credibility:.0f} → ", T.TEXT, True),
        (f"{after:.0f}", T.GOOD if good else T.WARN, True),
        ("  " + tr(lang, "needs", seat=acceptor, threshold=view.threshold), T.DIM, False),
    ]
    card.runs(runs, 12)
