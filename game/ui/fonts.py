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


#: The narrowest space between words, as a fraction of the text size.
SPACE_EM = 0.32
#: The smallest text drawn, in pixels, whatever the window's scale (small windows stay legible).
MIN_PX = 10

#: Japanese line-breaking rules (kinsoku shori): letters a line may not start with, and letters
#: it may not end with. ASCII closing punctuation counts too, for mixed text.
NO_START = frozenset(
    "、。，．・：；？！ー」』）］｝〕〉》】〙〗〟’”ゝゞ々ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ…‥〜～,.:;!?)]}%"
)
NO_END = frozenset("「『（［｛〔〈《【〘〖〝‘“([{")


def tokens_of(text: str) -> list[str]:
    """Text split where a line may break: words of spaced scripts stay whole, spaces are tokens
    of their own, every Japanese letter is one token, a newline is a token."""
    tokens: list[str] = []
    for ch in text:
        if ch == "\n" or ch == " " or ord(ch) >= 0x2E80 or not (ch.isalnum() or ch.isascii()):
            tokens.append(ch)
        elif (
            tokens
            and tokens[-1] not in (" ", "\n")
            and ord(tokens[-1][-1]) < 0x2E80
            and (tokens[-1][-1].isalnum() or tokens[-1][-1].isascii())
        ):
            tokens[-1] += ch
        else:
            tokens.append(ch)
    return tokens


def _glued(before: str, after: str) -> bool:
    """Whether a line may not break between these two tokens (kinsoku; a number and its counter)."""
    return after[0] in NO_START or before[-1] in NO_END or (before[-1].isdigit() and ord(after[0]) >= 0x2E80)


def _merge(tokens: list[tuple[str, tuple]]) -> list[tuple[str, tuple]]:
    """Adjacent tokens of the same style joined into one run."""
    out: list[tuple[str, tuple]] = []
    for t, st in tokens:
        if out and out[-1][1] == st:
            out[-1] = (out[-1][0] + t, st)
        else:
            out.append((t, st))
    return out


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
            _NOTDEF[id(f)] = (tuple(f.metrics(NOT_A_LETTER)[0] or ()), _pixels(f, NOT_A_LETTER))
        m = f.metrics(ch)[0]
        if m is None:
            _HAS[key] = False
        elif ch.isspace() or tuple(m) != _NOTDEF[id(f)][0]:
            _HAS[key] = True
        else:  # the same box as .notdef: a letter of that shape, or the box itself?
            _HAS[key] = _pixels(f, ch) != _NOTDEF[id(f)][1]
    return _HAS[key]


NOT_A_LETTER = "\U000f0000"  # a private-use code point no font here draws


def _pixels(f: pygame.font.Font, ch: str) -> bytes:
    return pygame.image.tobytes(f.render(ch, False, (255, 255, 255), (0, 0, 0)), "RGB")


class Ink:
    """Draws text in the window's fonts (with per-letter fallback) and records what it drew."""

    def __init__(self, lang: str, scale: float = 1.0):
        self.lang = lang
        self.scale = scale
        self.drawn: list[str] = []
        self._cache: dict[tuple, pygame.Surface] = {}
        self._widths: dict[tuple, int] = {}

    def px(self, size: float) -> int:
        return max(MIN_PX, int(round(size * self.scale)))

    def fonts(self, size: float, bold: bool = False) -> tuple[pygame.font.Font, pygame.font.Font]:
        main = font_files(self.lang)[1 if bold else 0]
        other = fallback_files(self.lang)[1 if bold else 0]
        return font(main, self.px(size)), font(other, self.px(size))

    def _pieces(self, text: str, size: float, bold: bool) -> list[tuple[pygame.font.Font | None, str | int]]:
        """The text as runs of one font each, spaces as gaps of at least ``SPACE_EM`` of the size
        (the fonts' own spaces are narrow enough at small sizes that words seem to run together)."""
        main, other = self.fonts(size, bold)
        gap = max(main.size(" ")[0], round(self.px(size) * SPACE_EM))
        out: list[tuple[pygame.font.Font | None, str | int]] = []
        for ch in text:
            if ch == " ":
                if out and out[-1][0] is None:
                    out[-1] = (None, out[-1][1] + gap)
                else:
                    out.append((None, gap))
                continue
            f = main if ch.isascii() or has_glyph(main, ch) or not has_glyph(other, ch) else other
            if out and out[-1][0] is f:
                out[-1] = (f, out[-1][1] + ch)
            else:
                out.append((f, ch))
        return out

    def render(self, text: str, size: float = 14, colour=(230, 230, 230), bold: bool = False) -> pygame.Surface:
        """The text as a surface (cached)."""
        key = (text, size, tuple(colour), bold)
        surf = self._cache.get(key)
        if surf is None:
            pieces = self._pieces(text, size, bold)
            if len(pieces) == 1 and pieces[0][0] is not None:
                surf = pieces[0][0].render(text, True, colour)
            else:
                main = self.fonts(size, bold)[0]
                parts = [f.render(t, True, colour) if f is not None else t for f, t in pieces]
                h = max([p.get_height() for p in parts if not isinstance(p, int)] + [main.get_height()])
                width = sum(p if isinstance(p, int) else p.get_width() for p in parts)
                surf = pygame.Surface((max(1, width), h), pygame.SRCALPHA)
                x = 0
                for p in parts:
                    if isinstance(p, int):
                        x += p
                        continue
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

    def measure(self, text: str, size: float = 14, bold: bool = False) -> int:
        """The width of ``text`` in pixels, as ``render`` draws it, without rendering (cached)."""
        key = (text, size, bold)
        w = self._widths.get(key)
        if w is None:
            w = sum(t if f is None else f.size(t)[0] for f, t in self._pieces(text, size, bold))
            if len(self._widths) > 20000:
                self._widths.clear()
            self._widths[key] = w
        return w

    def wrap(self, text: str, size: float, width: int, bold: bool = False) -> list[str]:
        """Split text into lines no wider than ``width``: between words for spaced scripts,
        between any two letters of Japanese, never starting a line with closing punctuation
        (、。：」 ...) nor ending one with opening punctuation (「（ ...)."""
        return ["".join(t for t, _ in line) for line in self.wrap_runs([(text, None, bold)], size, width)]

    def wrap_runs(self, runs: list[tuple[str, object, bool]], size: float, width: int) -> list[list[tuple[str, tuple]]]:
        """Wrap styled runs ``(text, colour, bold)`` into lines of ``(text, (colour, bold))`` runs,
        by the same rules as ``wrap``; a newline in a run starts a new line."""
        lines: list[list[tuple[str, tuple]]] = []
        line: list[tuple[str, tuple]] = []  # tokens
        used = 0

        def width_of(tokens) -> int:
            return sum(self.measure(t, size, st[1]) for t, st in tokens)

        def close() -> None:
            while line and line[-1][0] == " ":
                line.pop()
            lines.append(_merge(line))

        for text, colour, bold in runs:
            style = (colour, bold)
            for tok in tokens_of(text):
                if tok == "\n":
                    close()
                    line, used = [], 0
                    continue
                if tok == " " and not line:
                    continue  # no space at the start of a line
                w = self.measure(tok, size, bold)
                if used + w <= width or not line or tok == " ":
                    line.append((tok, style))
                    used += w
                    continue
                # Break before ``tok``; move tokens to the next line while the break is one that
                # kinsoku forbids (the next line would start with closing punctuation, or this
                # one end with opening punctuation).
                carry = [(tok, style)]
                while len(line) > 1 and _glued(line[-1][0], carry[0][0]):
                    carry.insert(0, line.pop())
                if line and len(line) <= 1 and _glued(line[-1][0], carry[0][0]):
                    # Nothing left to move: let the punctuation hang on this line.
                    line.append(carry.pop(0))
                close()
                line = [t for t in carry if not (t[0] == " " and t is carry[0])]
                used = width_of(line)
        close()
        return lines

    def draw_runs(
        self,
        surface: pygame.Surface,
        runs: list[tuple[str, tuple]],
        pos: tuple[float, float],
        size: float,
        default=(230, 230, 230),
    ) -> int:
        """Draw one wrapped line of styled runs from ``pos`` (top left); returns its width. The
        whole line counts as one drawn text."""
        x, y = int(pos[0]), int(pos[1])
        x0 = x
        for text, (colour, bold) in runs:
            surf = self.render(text, size, colour or default, bold)
            surface.blit(surf, (x, y))
            x += surf.get_width()
        self.drawn.append("".join(t for t, _ in runs))
        return x - x0

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
