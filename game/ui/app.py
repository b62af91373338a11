"""The game window: ``run()`` opens it; ``App`` is its event loop and screen routing.

One frame: events (to the overlay, the widgets, then the screen), the AI/chance driver's tick,
the routing between screens (a human seat to play that is not at the screen gets the hand-over
screen first), drawing, and the autosave if the game moved.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
import warnings
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")  # no sound is used; do not need a sound card

import pygame
import pygame_gui

from ..errors import CoalitionError
from ..paths import find_scenario
from . import fonts
from . import theme as T
from .fonts import Ink
from .i18n import tr
from .prefs import load_prefs, remember
from .screens.overlays import PAGES, help_box, help_tabs
from .session import PACING, Driver, Session, home
from .views import PUBLIC, UMPIRE

BASE = (1280, 720)
MIN_SIZE = (960, 600)


def scale_for(size: tuple[int, int]) -> float:
    """The layout scale for a window size: 1 at 1280x720, 0.8 at 1024x640, 1.5 at 1920x1080 (in
    steps of 1/20). Text never goes below ``fonts.MIN_PX`` whatever the scale."""
    s = min(size[0] / BASE[0], size[1] / BASE[1])
    s = max(0.75, min(2.0, s))
    return round(s * 20) / 20


class App:
    """The window, its widgets manager and the screen being shown."""

    def __init__(
        self,
        lang: str | None = "en",
        size: tuple[int, int] = BASE,
        speed: str | None = "normal",
        scenario: str | os.PathLike | None = None,
        fps: int = 60,
        realtime: bool = True,
        remember: bool = False,
    ):
        """``remember``: start from the setup screen's last choices (language, pace, scenario) where
        ``lang``/``speed``/``scenario`` are None, and keep the new ones (``prefs``)."""
        pygame.init()
        fonts.reset()
        pygame.display.set_caption("Coalition")
        self.flags = pygame.RESIZABLE
        self.window = pygame.display.set_mode(size, self.flags)
        self.size = self.window.get_size()
        self.remember = remember
        last = load_prefs() if remember else {}
        lang = lang or last.get("lang")
        speed = speed or last.get("speed")
        if scenario is None and last.get("scenario") and Path(last["scenario"]).is_file():
            scenario = last["scenario"]
        self.lang = lang if lang in ("en", "ja") else "en"
        self.scale = scale_for(self.size)
        self.fps = fps
        self.realtime = realtime  # False in tests: frames advance without waiting for the clock
        self.speed = speed if speed in PACING else "normal"
        self.scenario_path = find_scenario(scenario)
        self.clock = pygame.time.Clock()
        self.ink = Ink(self.lang, self.scale)
        self.manager = self._make_manager()
        self.running = True
        self.exit_code = 0
        self.session: Session | None = None
        self.driver: Driver | None = None
        self.viewer = PUBLIC  # the seat at the screen (index), PUBLIC or UMPIRE
        self.umpire = False  # the table asked for the umpire view
        self.screen = None
        self.help_open = False
        self.help_page = "play"  # the help's page: play, rules, keys
        self._toast: tuple[str, float, tuple] | None = None
        self.frame_count = 0
        self.mouse = (-1, -1)  # last known pointer position (from events, so tests can move it)
        self.report_seen: dict[int, int] = {}  # per seat: the round whose report it was last shown
        self.guide_on = False  # the first-game guide (the setup screen's choice)
        self.guides: dict[int, int] = {}  # per seat: the guide's step it has reached

    # --- setup ----------------------------------------------------------------------------------

    def _make_manager(self) -> pygame_gui.UIManager:
        manager = pygame_gui.UIManager(
            self.size, T.theme(self.lang, self.scale), starting_language=self.lang, enable_live_theme_updates=False
        )
        regular, bold = (
            T.font_block(self.lang, 14, False)["regular_path"],
            T.font_block(self.lang, 14, True)["bold_path"],
        )
        manager.add_font_paths(f"coalition_{self.lang}", regular, bold, regular, bold)
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Trying to pre-load font")
            manager.preload_fonts(T.font_preloads(self.lang, self.scale))
        return manager

    def set_lang(self, lang: str) -> None:
        if lang == self.lang:
            return
        self.lang = lang
        self.keep(lang=lang)
        self.ink = Ink(lang, self.scale)
        self.manager = self._make_manager()
        self._rebuild()

    def resize(self, size: tuple[int, int]) -> None:
        size = (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1]))
        if self.window.get_size() != size:
            self.window = pygame.display.set_mode(size, self.flags)
        self.size = self.window.get_size()
        scale = scale_for(self.size)
        if scale != self.scale:
            self.scale = scale
            self.ink = Ink(self.lang, scale)
            self.manager = self._make_manager()
        else:
            self.manager.set_window_resolution(self.size)
        self._rebuild()

    def _rebuild(self) -> None:
        self.manager.clear_and_reset()
        if self.screen is not None:
            self.screen.w = {}
            self.screen.build()

    def show(self, screen) -> None:
        """Switch to ``screen`` (building its widgets)."""
        if self.screen is not None:
            self.screen.close()
        self.manager.clear_and_reset()
        self.screen = screen
        screen.build()

    def toast(self, text: str, kind: str = "info", seconds: float = 3.5) -> None:
        colour = {"info": T.ACCENT, "error": T.BAD, "good": T.GOOD}.get(kind, T.ACCENT)
        self._toast = (text, time.monotonic() + seconds, colour)

    # --- games ----------------------------------------------------------------------------------

    def start(self, session: Session) -> None:
        """Play ``session`` (a new or resumed game)."""
        if self.driver is not None:
            self.driver.close()
        self.session = session
        self.driver = Driver(session, self.speed)
        self.umpire = False
        self.report_seen = {}
        self.guides = {}
        self.viewer = UMPIRE if not session.humans() else PUBLIC
        self.screen = None
        session.autosave()
        self.route()

    def leave_game(self) -> None:
        """Back to the setup screen (the game stays in the autosave)."""
        if self.session is not None:
            self.session.autosave()
            self.session.close()
        if self.driver is not None:
            self.driver.close()
        self.session = None
        self.driver = None
        from .screens.setup import SetupScreen  # noqa: PLC0415

        self.show(SetupScreen(self))

    def keep(self, **choices) -> None:
        """Remember the player's choices for the next setup screen (when this window remembers)."""
        if self.remember:
            remember(**choices)

    def start_guide(self) -> None:
        """Guide the human seats through their first round (from the start of the guide)."""
        self.guide_on = True
        self.guides = {}

    def set_speed(self, speed: str) -> None:
        self.speed = speed
        self.keep(speed=speed)
        if self.driver is not None:
            self.driver.set_speed(speed)

    def route(self) -> None:
        """Show the screen the game calls for: end, hand-over, or table."""
        from .screens.end import EndScreen  # noqa: PLC0415
        from .screens.handover import HandoverScreen  # noqa: PLC0415
        from .screens.table import TableScreen  # noqa: PLC0415

        s = self.session
        if s is None:
            return
        if s.over:
            if not isinstance(self.screen, EndScreen):
                self.show(EndScreen(self))
            return
        seat = s.current
        if s.is_human(seat) and self.viewer != seat:
            if not (isinstance(self.screen, HandoverScreen) and self.screen.seat == seat):
                self.umpire = False
                self.show(HandoverScreen(self, seat))
            return
        if not isinstance(self.screen, TableScreen):
            self.show(TableScreen(self))

    def take_screen(self, seat: int) -> None:
        """The hand-over was acknowledged: ``seat`` is now at the screen."""
        self.viewer = seat
        self.umpire = False
        self.route()

    # --- the loop -------------------------------------------------------------------------------

    def frame(self) -> None:
        """One iteration of the event loop."""
        dt = self.clock.tick(self.fps) / 1000 if self.realtime else 1 / self.fps
        for event in pygame.event.get():
            self.dispatch(event)
            if not self.running:
                return
        if self.session is not None and self.driver is not None and not self.help_open:
            self.driver.tick()
        if self.session is not None:
            self.route()
        if self.screen is not None:
            self.screen.update(dt)
        self.manager.update(dt)
        self.draw()
        pygame.display.flip()
        if self.session is not None:
            self.session.autosave()
            if self.session.last_autosave_error:
                self.toast(tr(self.lang, "autosave_failed", error=self.session.last_autosave_error), "error")
                self.session.last_autosave_error = None
        self.frame_count += 1

    def dispatch(self, event: pygame.event.Event) -> None:
        if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            self.mouse = event.pos
        if event.type == pygame.QUIT:
            self.quit()
            return
        if event.type == pygame.VIDEORESIZE:
            self.resize(event.size)
            return
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_F1:
                self.help_open = not self.help_open
                return
            if self.help_open and event.key in (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_SPACE):
                self.help_open = False
                return
            if self.help_open and event.key in (pygame.K_TAB, pygame.K_RIGHT, pygame.K_LEFT):
                step = -1 if event.key == pygame.K_LEFT or event.mod & pygame.KMOD_SHIFT else 1
                pages = list(PAGES)
                self.help_page = pages[(pages.index(self.help_page) + step) % len(pages)]
                return
        if self.help_open:
            if event.type == pygame.MOUSEBUTTONUP:
                page = next((p for p, rect in help_tabs(self) if rect.collidepoint(event.pos)), None)
                if page is not None:
                    self.help_page = page
                elif not help_box(self).collidepoint(event.pos):
                    self.help_open = False
            return
        self.manager.process_events(event)
        if event.type == pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION:
            # Clicking the option a drop-down already shows deselects it in the list and leaves the
            # list open over the widgets below; close it instead, as a player expects.
            dd = getattr(event.ui_element, "parent_element", None)
            if isinstance(dd, pygame_gui.elements.UIDropDownMenu) and isinstance(
                dd.current_state, pygame_gui.elements.ui_drop_down_menu.UIExpandedDropDownState
            ):
                dd.current_state.should_transition = True
        if self.screen is not None:
            self.screen.handle(event)

    def draw(self) -> None:
        self.ink.drawn = []  # what this frame draws by hand (cached layers keep their own lists)
        self.window.fill(T.BG)
        if self.screen is not None:
            self.screen.draw(self.window)
        self.manager.draw_ui(self.window)
        if self.screen is not None:
            self.screen.draw_over(self.window)
        if self.help_open:
            from .screens.overlays import draw_help  # noqa: PLC0415

            draw_help(self)
        if self._toast:
            text, until, colour = self._toast
            if time.monotonic() > until:
                self._toast = None
            else:
                from .screens.overlays import draw_toast  # noqa: PLC0415

                draw_toast(self, text, colour)

    def texts(self) -> list[str]:
        """Every text the window shows now (for tests)."""
        out = self.screen.texts() if self.screen is not None else []
        out += self.ink.drawn
        if self._toast:
            out.append(self._toast[0])
        return out

    def quit(self) -> None:
        if self.session is not None:
            self.session.autosave()
            self.session.close()
        if self.driver is not None:
            self.driver.close()
        self.running = False

    def loop(self) -> int:
        while self.running:
            self.frame()
        return self.exit_code


def run(
    scenario: str | os.PathLike | None = None,
    lang: str | None = None,
    load: str | os.PathLike | None = None,
    size: tuple[int, int] = BASE,
) -> int:
    """Open the game window: the setup screen (on ``scenario``, default the shipped one), or the
    saved game ``load``. Returns the exit code."""
    app = None
    try:
        app = App(lang=lang, size=size, scenario=scenario, speed=None, remember=True)
        if pygame.display.get_driver() in ("offscreen", "dummy") and not os.environ.get("SDL_VIDEODRIVER"):
            # SDL quietly falls back to an invisible window when it finds no screen.
            raise pygame.error("no display was found")
        from .screens.setup import SetupScreen  # noqa: PLC0415

        app.show(SetupScreen(app))
        if load:
            try:
                app.start(Session.load(load))
            except (CoalitionError, OSError) as e:
                app.toast(f"{tr(app.lang, 'err_load')}: {e}", "error", 10)
        return app.loop()
    except KeyboardInterrupt:
        if app is not None:
            app.quit()
        return 130
    except pygame.error as e:
        print(
            f"coalition: the game window cannot open ({e}). On a machine without a display, run the "
            "headless commands instead (coalition simulate --help).",
            file=sys.stderr,
        )
        return 1
    except Exception:
        crash = home() / "crash.log"
        try:
            crash.parent.mkdir(parents=True, exist_ok=True)
            crash.write_text(traceback.format_exc(), encoding="utf-8")
        except OSError:
            crash = None
        saved = None
        if app is not None and app.session is not None:
            try:
                saved = app.session.autosave()
            except Exception:  # the game's own state may be what failed
                saved = None
        where = f" The details are in {crash}." if crash else ""
        if saved is not None:
            kept = f"your game is saved in {saved} and the setup screen offers to resume it."
        elif app is not None and app.session is not None:
            kept = "your game could not be saved."
        else:
            kept = "no game was in play."
        print(f"coalition: the game window hit an unexpected error and closed; {kept}{where}", file=sys.stderr)
        return 1
    finally:
        pygame.quit()
