"""What every screen shares: building widgets for the window's size, and listing the text shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from ..i18n import tr

if TYPE_CHECKING:  # pragma: no cover
    from ..app import App


def oid(object_id: str | None = None, cls: str | None = None) -> ObjectID:
    return ObjectID(object_id=f"#{object_id}" if object_id else None, class_id=f"@{cls}" if cls else None)


class Screen:
    """A screen of the game. ``build`` makes its widgets for the current window size (called
    again after a resize or a language change); ``handle`` gets every event; ``draw`` paints what
    is drawn by hand, under the widgets."""

    name = "screen"

    def __init__(self, app: App):
        self.app = app
        self.w: dict[str, pygame_gui.core.UIElement] = {}  # named widgets (tests click them by name)

    # shortcuts
    @property
    def lang(self) -> str:
        return self.app.lang

    @property
    def manager(self) -> pygame_gui.UIManager:
        return self.app.manager

    @property
    def ink(self):
        return self.app.ink

    def s(self, v: float) -> int:
        """A length at the window's scale."""
        return int(round(v * self.app.scale))

    def t(self, key: str, **args) -> str:
        return tr(self.lang, key, **args)

    # lifecycle
    def build(self) -> None:
        pass

    def handle(self, event: pygame.event.Event) -> None:
        pass

    def update(self, dt: float) -> None:
        pass

    def draw(self, surface: pygame.Surface) -> None:
        pass

    def draw_over(self, surface: pygame.Surface) -> None:
        """Drawn above the widgets (tooltips of the map, banners)."""

    def close(self) -> None:
        pass

    def texts(self) -> list[str]:
        """Every piece of text the screen shows now (hand-drawn and in widgets)."""
        return widget_texts(self.manager)

    # helpers
    def button(
        self,
        name: str,
        rect,
        text: str,
        container=None,
        cls: str | None = None,
        tip: str | None = None,
        enabled: bool = True,
    ) -> pygame_gui.elements.UIButton:
        b = pygame_gui.elements.UIButton(
            pygame.Rect(rect), text, self.manager, container=container, object_id=oid(name, cls), tool_tip_text=tip
        )
        if not enabled:
            b.disable()
        self.w[name] = b
        return b

    def ask(self, what: str, text: str, size: tuple[int, int] = (460, 220)) -> None:
        """A yes/no dialog in the middle of the window; the answer comes back as a confirmation
        event for ``self.confirm`` (``(what, dialog)``), which the screen handles."""
        w, h = self.app.size
        rect = pygame.Rect(0, 0, self.s(size[0]), self.s(size[1]))
        rect.center = (w // 2, h // 2)
        dialog = pygame_gui.windows.UIConfirmationDialog(
            rect,
            text,
            self.manager,
            window_title=self.t("app_title"),
            action_short_name=self.t("btn_yes"),
            object_id=oid(f"confirm_{what}"),
        )
        self.confirm = (what, dialog)

    def label(self, rect, text: str, container=None, cls: str | None = None, name: str | None = None):
        lab = pygame_gui.elements.UILabel(
            pygame.Rect(rect), text, self.manager, container=container, object_id=oid(name, cls)
        )
        if name:
            self.w[name] = lab
        return lab


def widget_texts(manager: pygame_gui.UIManager) -> list[str]:
    """Text of every visible widget the manager draws."""
    out: list[str] = []
    for element in manager.get_sprite_group().sprites():
        if not getattr(element, "visible", True):
            continue
        for attr in ("text", "html_text"):
            value = getattr(element, attr, None)
            if isinstance(value, str) and value:
                out.append(value)
        tip = getattr(element, "tool_tip_text", None)
        if isinstance(tip, str) and tip:
            out.append(tip)  # shown on hover: counts as shown
        if hasattr(element, "selected_option"):
            opt = element.selected_option
            out.append(opt[0] if isinstance(opt, tuple) else str(opt))
    return out
