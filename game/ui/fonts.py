"""Fonts and text drawing for the parts of the window drawn by hand (map, status panels).

pygame_gui ships OFL Noto fonts: Noto Sans (Latin, Cyrillic, Greek) and Noto Sans JP. Japanese
text needs the JP font, but it lacks some Latin and Cyrillic letters (Ł, ł, ₴...), and the Latin
font has no kana or kanji; so text is drawn with the language's main font and falls back, run by
run, to the other one for any letter the main font lacks.

``Ink`` draws text and remembers every string it drew, so that a test can check what a screen
shows (e.g. that the hand-over screen shows nothing private).
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import pygame

_DATA = files("pygame_gui.data")
LATIN = str(_DATA / "NotoSans-Regular.ttf")
LATIN_BOLD = str(_DATA / "NotoSans-Bold.ttf")
JAPANESE = str(_DATA / "NotoSansJP-Regular.otf")
JAPANESE_BOLD = str(_DATA / "NotoSansJP-Bold.otf")


def font_files(lang: str) -> tuple[str, str]:
    """(regular, bold) font files of the language's main font."""
    return (JAPANESE, JAPANESE_BOLD) if lang == "ja" else (LATIN, LATIN_BOLD)


def fallback_files(lang: str) -> tuple[str, str]:
    return (LATIN, LATIN_BOLD) if lang == "ja" else (JAPANESE, JAPANESE_BOLD)


@lru_cache(maxsize=256)
def font(path: str, size: int) -> pygame.font.Font:
    return pygame.font.Font(path, max(6, int(size)))


_NOTDEF: dict[int, tuple] = {}
_HAS: dict[tuple[int, str], bool] = {}


def reset() -> None:
    """Forget loaded fonts (after ``pygame.quit()`` they are no longer valid)."""
    font.cache_clear()
    _NOTDEF.clear()
    _HAS.clear()


def has_glyph(f: pygame.font.Font, ch: str) -> bool:
    """Whether the font draws ``ch`` (a missing letter comes out as the .notdef box)."""
    key = (id(f), ch)
    if key not in _HAS:
        if id(f) not in _NOTDEF:
            _NOTDEF[id(f)] = tuple(f.metrics("\U000f0000")[0] or ())
        m = f.metrics(ch)[0]
        _HAS[key] = m is not None and (tuple(m) != _NOTDEF[id(f)] or ch.isspace())
    return _HAS[key]


class Ink:
    """Draws text in the window's fonts (with per-letter fallback) and records what it drew."""

    def __init__(self, lang: str, scale: float = 1.0):
        self.lang = lang
        self.scale = scale
        self.drawn: list[str] = []
        self._cache: dict[tuple, pygame.Surface] = {}

    def px(self, size: float) -> int:
        return max(7, int(round(size * self.scale)))

    def fonts(self, size: float, bold: bool = False) -> tuple[pygame.font.Font, pygame.font.Font]:
        main = font_files(self.lang)[1 if bold else 0]
        other = fallback_files(self.lang)[1 if bold else 0]
        return font(main, self.px(size)), font(other, self.px(size))

    def render(self, text: str, size: float = 14, colour=(230, 230, 230), bold: bool = False) -> pygame.Surface:
        """The text as a surface (cached)."""
        key = (text, size, tuple(colour), bold)
        surf = self._cache.get(key)
        if surf is None:
            main, other = self.fonts(size, bold)
            runs: list[tuple[pygame.font.Font, str]] = []
            for ch in text:
                f = main if ch.isascii() or has_glyph(main, ch) or not has_glyph(other, ch) else other
                if runs and runs[-1][0] is f:
                    runs[-1] = (f, runs[-1][1] + ch)
                else:
                    runs.append((f, ch))
            if len(runs) <= 1:
                surf = main.render(text or " ", True, colour)
            else:
                parts = [f.render(t, True, colour) for f, t in runs]
                h = max(p.get_height() for p in parts)
                surf = pygame.Surface((sum(p.get_width() for p in parts), h), pygame.SRCALPHA)
                x = 0
                for p in parts:
                    surf.blit(p, (x, h - p.get_height()))
                    x += p.get_width()
            if len(self._cache) > 4000:
                self._cache.clear()
            self._cache[key] = surf
        return surf

    def size(self, text: str, size: float = 14, bold: bool = False) -> tuple[int, int]:
        return self.render(text, size, (255, 255, 255), bold).get_size()

    def text(
        self,
        surface: pygame.Surface,
        text: str,
        pos: tuple[float, float],
        size: float = 14,
        colour=(230, 230, 230),
        bold: bool = False,
        anchor: str = "topleft",
        max_width: int | None = None,
    ) -> pygame.Rect:
        """Draw one line; ``max_width`` shortens it with an ellipsis. Returns the drawn rect."""
        if max_width is not None and self.size(text, size, bold)[0] > max_width:
            text = self.shorten(text, size, bold, max_width)
        self.drawn.append(text)
        surf = self.render(text, size, colour, bold)
        rect = surf.get_rect(**{anchor: (int(pos[0]), int(pos[1]))})
        surface.blit(surf, rect)
        return rect

    def shorten(self, text: str, size: float, bold: bool, max_width: int) -> str:
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.size(text[:mid].rstrip() + "…", size, bold)[0] <= max_width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + "…"

    def wrap(self, text: str, size: float, width: int, bold: bool = False) -> list[str]:
        """Split text into lines no wider than ``width``: between words for spaced scripts,
        between any two letters of Japanese."""
        lines: list[str] = []
        for para in text.split("\n"):
            tokens: list[str] = []
            for ch in para:
                if ch == " " or not ch.isascii() and not ch.isalnum() or ord(ch) >= 0x2E80:
                    tokens.append(ch)
                elif tokens and tokens[-1] != " " and tokens[-1].isascii() and tokens[-1][-1] != " ":
                    tokens[-1] += ch
                else:
                    tokens.append(ch)
            line = ""
            for tok in tokens:
                trial = line + tok
                if not line.strip() or self.size(trial.rstrip(), size, bold)[0] <= width:
                    line = trial if line.strip() or tok != " " else ""
                else:
                    lines.append(line.rstrip())
                    line = "" if tok == " " else tok
            lines.append(line.rstrip())
        return lines

    def paragraph(
        self,
        surface: pygame.Surface,
        text: str,
        rect: pygame.Rect,
        size: float = 14,
        colour=(230, 230, 230),
        bold: bool = False,
        spacing: float = 1.25,
    ) -> int:
        """Draw wrapped text inside ``rect``; returns the height used."""
        y = rect.top
        step = int(self.px(size) * spacing) + 2
        for line in self.wrap(text, size, rect.width, bold):
            if y + step > rect.bottom + 2:
                break
            self.text(surface, line, (rect.left, y), size, colour, bold)
            y += step
        return y - rect.top
