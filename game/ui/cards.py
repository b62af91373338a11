"""Cards drawn by hand for the right-hand panel and the round report: wrapped lines of styled
text (with the window's line-breaking rules), rows of columns, bars; rendered to one surface that
the panel shows inside its scrolling area.

A card is built top to bottom; each addition knows its height at once, so the panel can lay
cards out before drawing them. ``texts`` lists every line drawn (for tests, like ``Ink.drawn``).
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from . import theme as T
from .fonts import Ink

Run = tuple[str, tuple | None, bool]  # text, colour (None: the card's text colour), bold


class Card:
    """A card ``width`` pixels wide; add lines and rows, then ``render``."""

    def __init__(self, ink: Ink, width: int, bg=T.PANEL_2, border=T.LINE, accent=None, pad: int | None = None):
        self.ink = ink
        self.width = width
        self.bg, self.border, self.accent = bg, border, accent
        self.pad = pad if pad is not None else self.s(7)
        self.height = self.pad
        self.parts: list[tuple[int, int, Callable]] = []  # (top, height, draw(surface, top))
        self.texts: list[str] = []

    def s(self, v: float) -> int:
        return int(round(v * self.ink.scale))

    @property
    def inner(self) -> int:
        return self.width - 2 * self.pad

    def line_height(self, size: float) -> int:
        return int(self.ink.px(size) * 1.32) + 1

    def add(self, height: int, draw: Callable[[pygame.Surface, int], None], gap: int = 0) -> int:
        """Reserve ``height`` pixels drawn by ``draw(surface, top)``; returns the top."""
        top = self.height
        self.parts.append((top, height, draw))
        self.height += height + gap
        return top

    def space(self, h: int) -> None:
        self.height += h

    def runs(self, runs: list[Run], size: float = 13, indent: int = 0, gap: int = 2, width: int | None = None) -> None:
        """Styled text wrapped to the card (or ``width``), from ``indent``."""
        lines = self.ink.wrap_runs(runs, size, (width or self.inner) - indent)
        lh = self.line_height(size)
        for line in lines:
            self.texts.append("".join(t for t, _ in line))
        x = self.pad + indent

        def draw(surface, top, lines=lines):
            for i, line in enumerate(lines):
                self.ink.draw_runs(surface, line, (x, top + i * lh), size, T.TEXT)

        self.add(lh * len(lines), draw, gap)

    def text(self, text: str, colour=None, size: float = 13, bold: bool = False, indent: int = 0, gap: int = 2) -> None:
        self.runs([(text, colour, bold)], size, indent, gap)

    def columns(self, cells: list[tuple[int, int, list[Run], str]], size: float = 12, gap: int = 3) -> None:
        """One row of columns: ``(x, width, runs, align)`` each, x from the card's inner left;
        align ``left``, ``right``, or ``chip`` (one short label in a box, e.g. a kind's code). The
        row is as tall as its tallest cell."""
        lh = self.line_height(size)
        wrapped = []
        for x, w, runs, align in cells:
            if align == "chip":
                wrapped.append((x, w, runs, align))
                self.texts.append(runs[0][0])
                continue
            lines = self.ink.wrap_runs(runs, size, max(10, w)) if runs else []
            wrapped.append((x, w, lines, align))
            for line in lines:
                self.texts.append("".join(t for t, _ in line))
        rows = max([len(lines) for _, _, lines, align in wrapped if align != "chip"] + [1])

        def draw(surface, top):
            for x, w, lines, align in wrapped:
                if align == "chip":
                    text, colour, _ = lines[0]
                    chip(surface, self.ink, text, (self.pad + x, top + self.s(2)), colour or T.MUTED, size - 3)
                    continue
                for i, line in enumerate(lines):
                    lx = self.pad + x
                    if align == "right":
                        lx += w - sum(self.ink.measure(t, size, st[1]) for t, st in line)
                    self.ink.draw_runs(surface, line, (lx, top + i * lh), size, T.TEXT)

        self.add(lh * rows, draw, gap)

    def rule(self, gap: int | None = None) -> None:
        g = self.s(3) if gap is None else gap

        def draw(surface, top):
            pygame.draw.line(surface, T.LINE, (self.pad, top + g), (self.width - self.pad, top + g))

        self.add(2 * g + 1, draw)

    def custom(self, height: int, draw: Callable[[pygame.Surface, pygame.Rect], None], gap: int = 2) -> None:
        """A part drawn by ``draw(surface, rect)`` in a rect of the card's inner width."""
        self.add(height, lambda surface, top: draw(surface, pygame.Rect(self.pad, top, self.inner, height)), gap)

    def render(self) -> pygame.Surface:
        h = self.height + self.pad
        surf = pygame.Surface((self.width, h), pygame.SRCALPHA)
        r = surf.get_rect()
        radius = self.s(6)
        if self.bg is not None:
            pygame.draw.rect(surf, self.bg, r, border_radius=radius)
        if self.border is not None:
            pygame.draw.rect(surf, self.border, r, 1, border_radius=radius)
        if self.accent is not None:
            pygame.draw.rect(surf, self.accent, (0, self.s(4), self.s(3), h - self.s(8)), border_radius=self.s(2))
        for top, _, draw in self.parts:
            draw(surf, top)
        return surf


def chip(surface: pygame.Surface, ink: Ink, text: str, pos: tuple[int, int], colour, size: float = 9, fill=None):
    """A small rounded label (a kind's code: ``BDE``, ``AD``) at ``pos`` (top left); returns its rect."""
    s = ink.scale
    tw, th = ink.size(text, size, True)
    rect = pygame.Rect(pos[0], pos[1], tw + round(8 * s), th)
    pygame.draw.rect(surface, fill or (12, 15, 20), rect, border_radius=round(3 * s))
    pygame.draw.rect(surface, colour, rect, 1, border_radius=round(3 * s))
    ink.text(surface, text, rect.center, size, colour, bold=True, anchor="center")
    return rect
