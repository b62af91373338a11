"""Things drawn over any screen: the F1 help overlay and the short messages ("toasts")."""

from __future__ import annotations

import pygame

from ... import localized, years
from .. import theme as T
from ..i18n import month_label, tr, tr_n

PAGES = ("play", "rules", "keys")


def help_args(app) -> dict:
    """The names the help pages use: the tabs and buttons as the window labels them, and the
    acceptance seat."""
    lang = app.lang
    args = {k: tr(lang, k) for k in ("btn_end_turn", "btn_report")}
    args.update({f"tab_{t}": tr(lang, f"tab_{t}") for t in ("offers", "propose", "agreements", "briefing")})
    game = _game(app)
    args["acceptor"] = localized(game.scenario.seats[game.acceptor], lang) if game else "Ukraine"
    return args


def _game(app):
    if app.session is not None:
        return app.session.game
    return getattr(app.screen, "game", None)


def rules_sections(game, lang: str) -> list[tuple[str, str]]:
    """The rules reference in the game's words, with the scenario's own numbers: (title, text)."""
    sc = game.scenario
    sched, acc = sc.schedule, sc.acceptance
    acceptor = localized(sc.seats[game.acceptor], lang)
    months = tr_n(lang, "period_months", sched.months)
    names = {k.id: localized(k, lang) for k in sc.commitments}
    synergies = []
    for k in sc.commitments:
        for syn in k.synergies:
            synergies.append(tr(lang, "rules_synergy", kind=names[k.id], x=syn.multiplier, other=names[syn.kind]))
    sep = "、" if lang == "ja" else "; "
    terms = sep.join(tr(lang, "rules_term", years=years(lang, t.years), credit=t.credit) for t in sc.credibility.terms)
    sign = tr(
        lang,
        "rules_sign",
        earliest=acc.earliest_round,
        month=month_label(sched.start, acc.earliest_round, sched.months, lang),
        acceptor=acceptor,
        threshold=acc.threshold,
    )
    if getattr(acc, "aftermath", 0):
        sign += tr(lang, "rules_aftermath", n=acc.aftermath)
    if getattr(acc, "window", None):
        sign += tr(lang, "rules_window", n=acc.window, acceptor=acceptor)
    levels = sc.escalation.levels
    return [
        (
            tr(lang, "rules_round_title"),
            tr(
                lang,
                "rules_round",
                rounds=sched.rounds,
                period=months,
                first=month_label(sched.start, 1, sched.months, lang),
                last=month_label(sched.start, sched.rounds, sched.months, lang),
                events=sched.events_per_round,
                passes=sched.negotiation_passes,
                proposals=sched.proposals_per_turn,
                acceptor=acceptor,
                earliest=acc.earliest_round,
            ),
        ),
        (tr(lang, "rules_sign_title", acceptor=acceptor), sign),
        (
            tr(lang, "rules_cred_title"),
            tr(
                lang,
                "rules_cred",
                terms=terms,
                synergies=sep.join(synergies) or "—",
                scale=f"{sc.credibility.scale:g}",
                calm=sc.escalation.calm_at,
            ),
        ),
        (
            tr(lang, "rules_esc_title"),
            tr(lang, "rules_esc", n=len(levels), bottom=localized(levels[0], lang), top=localized(levels[-1], lang)),
        ),
        (tr(lang, "rules_money_title"), tr(lang, "rules_money", lapse=sc.domestic.lapse_below)),
        (tr(lang, "rules_score_title"), tr(lang, "rules_score", **help_args_plain(lang))),
    ]


def help_args_plain(lang: str) -> dict:
    return {f"tab_{t}": tr(lang, f"tab_{t}") for t in ("offers", "propose", "agreements", "briefing")}


def help_box(app) -> pygame.Rect:
    w, h = app.window.get_size()
    s = app.scale
    box = pygame.Rect(0, 0, min(w - 60 * s, 1040 * s), min(h - 40 * s, 640 * s))
    box.center = (w // 2, h // 2)
    return box


def help_tabs(app) -> list[tuple[str, pygame.Rect]]:
    """The page tabs' places (for drawing and for clicks)."""
    box, s, ink = help_box(app), app.scale, app.ink
    x = box.left + round(24 * s)
    out = []
    for page in PAGES:
        w = ink.size(tr(app.lang, f"help_page_{page}"), 15, True)[0] + round(28 * s)
        out.append((page, pygame.Rect(x, box.top + round(18 * s), w, round(34 * s))))
        x += w + round(8 * s)
    return out


def draw_help(app) -> None:
    """A dimmed screen with the help: how to play, the rules in the game's words (from the
    scenario's numbers), the keys; Tab or a click on a page's name turns the page."""
    surf = app.window
    w, h = surf.get_size()
    s, ink, lang = app.scale, app.ink, app.lang
    shade = pygame.Surface((w, h), pygame.SRCALPHA)
    shade.fill((5, 7, 10, 215))
    surf.blit(shade, (0, 0))
    box = help_box(app)
    pygame.draw.rect(surf, T.PANEL, box, border_radius=round(10 * s))
    pygame.draw.rect(surf, T.ACCENT, box, max(1, round(2 * s)), border_radius=round(10 * s))
    page = app.help_page if app.help_page in PAGES else "play"
    for name, rect in help_tabs(app):
        on = name == page
        pygame.draw.rect(surf, T.PANEL_2 if on else T.PANEL, rect, border_radius=round(6 * s))
        pygame.draw.rect(surf, T.ACCENT if on else T.LINE, rect, 1, border_radius=round(6 * s))
        ink.text(surf, tr(lang, f"help_page_{name}"), rect.center, 15, T.ACCENT if on else T.MUTED, True, "center")
    pad = round(26 * s)
    ink.text(surf, tr(lang, "help_close"), (box.right - pad, box.top + round(28 * s)), 12, T.MUTED, anchor="topright")
    body = pygame.Rect(box.left + pad, box.top + round(66 * s), box.width - 2 * pad, box.height - round(80 * s))
    args = help_args(app)
    if page == "play":
        sections = [("", p) for p in tr(lang, "help_body", **args).split("\n\n")]
    elif page == "keys":
        sections = [("", line) for line in tr(lang, "help_keys", **args).split("\n")]
    else:
        game = _game(app)
        sections = rules_sections(game, lang) if game is not None else []
    _columns(ink, surf, body, sections, s, 2 if page == "rules" else 1)


def _columns(ink, surf, body: pygame.Rect, sections, s: float, columns: int) -> None:
    """Titled paragraphs in ``columns`` columns, filled top to bottom then left to right."""
    gap = round(24 * s)
    cw = (body.width - gap * (columns - 1)) // columns
    x, y = body.left, body.top
    for title, text in sections:
        lines = ink.wrap(text, 13.5, cw)
        need = (round(22 * s) if title else 0) + len(lines) * round(19 * s)
        if y + need > body.bottom and x + cw < body.right - cw // 2:
            x, y = x + cw + gap, body.top
        if title:
            ink.text(surf, title, (x, y), 15, T.ACCENT, bold=True)
            y += round(22 * s)
        for line in lines:
            ink.text(surf, line, (x, y), 13.5, T.TEXT)
            y += round(19 * s)
        y += round(10 * s)


def draw_toast(app, text: str, colour) -> None:
    surf = app.window
    s = app.scale
    ink = app.ink
    w = surf.get_width()
    lines = ink.wrap(text, 14, int(min(w * 0.7, 900 * s)))[:4]
    lh = round(20 * s)
    width = max(ink.size(line, 14)[0] for line in lines) + round(32 * s)
    box = pygame.Rect(0, 0, width, lh * len(lines) + round(18 * s))
    box.midtop = (w // 2, round(60 * s))
    pygame.draw.rect(surf, (12, 15, 20), box, border_radius=round(8 * s))
    pygame.draw.rect(surf, colour, box, max(1, round(2 * s)), border_radius=round(8 * s))
    for i, line in enumerate(lines):
        ink.text(surf, line, (box.centerx, box.top + round(9 * s) + i * lh), 14, T.TEXT, anchor="midtop")


def draw_tooltip(app, text: str, pos: tuple[int, int]) -> None:
    surf = app.window
    s = app.scale
    ink = app.ink
    lines = ink.wrap(text, 13, round(320 * s))
    lh = round(18 * s)
    width = max(ink.size(line, 13)[0] for line in lines) + round(16 * s)
    box = pygame.Rect(pos[0] + round(14 * s), pos[1] + round(14 * s), width, lh * len(lines) + round(10 * s))
    box.clamp_ip(surf.get_rect())
    pygame.draw.rect(surf, (10, 12, 16), box, border_radius=round(5 * s))
    pygame.draw.rect(surf, T.ACCENT, box, 1, border_radius=round(5 * s))
    for i, line in enumerate(lines):
        ink.text(surf, line, (box.left + round(8 * s), box.top + round(5 * s) + i * lh), 13, T.TEXT)
