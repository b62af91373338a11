"""Things drawn over any screen: the F1 help overlay and the short messages ("toasts")."""

from __future__ import annotations

import pygame

from .. import theme as T
from ..i18n import tr


def draw_help(app) -> None:
    """A dimmed screen with how to play and the keyboard shortcuts; any click or Esc closes it."""
    surf = app.window
    w, h = surf.get_size()
    s = app.scale
    ink = app.ink
    shade = pygame.Surface((w, h), pygame.SRCALPHA)
    shade.fill((5, 7, 10, 215))
    surf.blit(shade, (0, 0))
    box = pygame.Rect(0, 0, min(w - 80 * s, 980 * s), min(h - 60 * s, 600 * s))
    box.center = (w // 2, h // 2)
    pygame.draw.rect(surf, T.PANEL, box, border_radius=round(10 * s))
    pygame.draw.rect(surf, T.ACCENT, box, max(1, round(2 * s)), border_radius=round(10 * s))
    pad = round(26 * s)
    ink.text(surf, tr(app.lang, "help_title"), (box.left + pad, box.top + pad), 24, T.ACCENT, bold=True)
    ink.text(surf, "F1 / Esc", (box.right - pad, box.top + pad + 6 * s), 13, T.MUTED, anchor="topright")
    col = pygame.Rect(
        box.left + pad, box.top + pad + 48 * s, int(box.width * 0.58) - pad, box.height - 2 * pad - 48 * s
    )
    y = col.top
    for para in tr(app.lang, "help_body").split("\n\n"):
        y += ink.paragraph(surf, para, pygame.Rect(col.left, y, col.width, col.bottom - y), 14, T.TEXT) + round(10 * s)
    keys = pygame.Rect(col.right + pad, col.top, box.right - col.right - 2 * pad, col.height)
    ink.text(surf, tr(app.lang, "help_keys_title"), keys.topleft, 16, T.ACCENT, bold=True)
    y = keys.top + round(30 * s)
    for line in tr(app.lang, "help_keys").split("\n"):
        y += ink.paragraph(surf, line, pygame.Rect(keys.left, y, keys.width, keys.bottom - y), 13, T.TEXT) + round(
            6 * s
        )


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
