"""The setup screen: scenario, language, seed, AI pace, who plays each seat; start, resume, load."""

from __future__ import annotations

import secrets
from pathlib import Path

import pygame
import pygame_gui

from ... import load_game, localized
from ...agents import AGENTS, load_agent, make_agent, register
from ...errors import CoalitionError, ScenarioError
from ...paths import scenario_files
from .. import theme as T
from ..i18n import LANG_NAMES, LANGS, STRINGS, agent_name, tr_n
from ..mapview import MapView, rgb
from ..prefs import load_prefs
from ..saves import KEEP
from ..session import HUMAN, PACING, Session, autosave_summary, default_agent, remember_scenario, saves_dir
from .base import Screen, oid


class SetupScreen(Screen):
    name = "setup"

    def __init__(self, app):
        super().__init__(app)
        self.files: list[Path] = list(scenario_files())
        if app.scenario_path not in self.files and Path(app.scenario_path).is_file():
            self.files.insert(0, Path(app.scenario_path))
        self.file = (
            Path(app.scenario_path) if Path(app.scenario_path).is_file() else (self.files[0] if self.files else None)
        )
        self.game = None
        self.error: str | None = None
        self.players: dict[str, str] = {}
        # A fresh table gets a fresh seed (shown and editable); the game itself then draws
        # every chance outcome from that seed alone.
        self.seed = str(1 + secrets.randbelow(99999))
        self.resume = autosave_summary()
        self.guide = bool(load_prefs().get("guide", True)) if app.remember else False
        self.confirm = None  # (what, dialog) while a confirmation is asked
        self._titles: dict[Path, str] = {}
        self.dialog = None
        self._chips: list[tuple[pygame.Rect, tuple]] = []
        self._map: MapView | None = None
        self._load_scenario(self.file)

    # --- data -----------------------------------------------------------------------------------

    def _load_scenario(self, path: Path | None) -> None:
        self.error = None
        self.game = None
        if path is None:
            return
        try:
            self.game = load_game(path)
        except ScenarioError as e:
            self.error = "\n".join(str(p) for p in e.problems[:8])
        except (CoalitionError, OSError) as e:
            self.error = str(e)
        if self.game is None:
            self.file = path  # shown in the list as broken, so another can be picked
            self.players = {}
            self._chips = []
            return
        self.file = path
        self.app.scenario_path = path
        ai = default_agent()
        sc = self.game.scenario
        first, acceptor = sc.seats[0].id, sc.acceptance.seat
        self.players = {a.id: (HUMAN if a.id in (first, acceptor) else ai) for a in sc.seats}
        last = load_prefs().get("players", {}).get(sc.id) if self.app.remember else None
        if isinstance(last, dict):  # who played each seat last time this scenario was set up
            for seat, who in last.items():
                if seat in self.players and (who == HUMAN or who in AGENTS):
                    self.players[seat] = who
        self._map = MapView(sc, self.lang)

    def title_of(self, path: Path) -> str:
        if path not in self._titles:
            try:
                sc = load_game(path).scenario if path != self.file or self.game is None else self.game.scenario
                self._titles[path] = localized(sc, self.lang, "title")
            except (CoalitionError, OSError):
                self._titles[path] = f"{path.name} (!)"
        return self._titles[path]

    def keep(self) -> None:
        """Remember this setup for the next time the screen opens."""
        if self.game is not None and self.file is not None:
            self.app.keep(
                scenario=str(self.file), players={self.game.scenario.id: dict(self.players)}, guide=self.guide
            )

    def agent_label(self, name: str) -> str:
        """``AI: negotiator (normal)`` for the agents whose strength is known, else ``AI: name``."""
        level = f"level_{name}"
        if level in STRINGS["en"]:
            return self.t("seat_ai_level", name=agent_name(self.lang, name), level=self.t(level))
        return self.t("seat_ai", name=agent_name(self.lang, name))

    def options(self) -> list[str]:
        order = sorted(
            AGENTS,
            key=lambda n: (
                ["random", "negotiator", "mcts"].index(n) if n in ("random", "negotiator", "mcts") else 9,
                n,
            ),
        )
        return [self.t("seat_human")] + [self.agent_label(n) for n in order] + [self.t("seat_ai_other")]

    def option_of(self, who: str) -> str:
        return self.t("seat_human") if who == HUMAN else self.agent_label(who)

    def who_of(self, text: str) -> str:
        for n in AGENTS:
            if text == self.agent_label(n):
                return n
        return HUMAN

    # --- layout ---------------------------------------------------------------------------------

    def card(self) -> pygame.Rect:
        w, h = self.app.size
        card = pygame.Rect(0, 0, min(w - self.s(40), self.s(900)), min(h - self.s(24), self.s(690)))
        card.center = (w // 2, h // 2)
        return card

    def build(self) -> None:
        self.dialog = None  # a rebuild (resize, language) closes any open file dialog
        self.confirm = None  # and any confirmation
        self._titles = {}
        if self._map is not None:
            self._map.lang = self.lang
        card = self.card()
        s = self.s
        x0, y = card.left + s(28), card.top + s(86)
        inner = card.width - s(56)
        m = self.manager
        # scenario row
        self.label((x0, y, s(110), s(32)), self.t("setup_scenario"), cls="muted")
        titles = [self.title_of(p) for p in self.files] or ["—"]
        current = self.title_of(self.file) if self.file in self.files else (titles[0] if titles else "—")
        if self.file is not None and self.file not in self.files:
            titles.insert(0, self.title_of(self.file))
            current = titles[0]
        self.w["scenario"] = pygame_gui.elements.UIDropDownMenu(
            titles, current, pygame.Rect(x0 + s(110), y, inner - s(110) - s(160), s(32)), m, object_id=oid("scenario")
        )
        self.button("open_file", (card.right - s(28) - s(150), y, s(150), s(32)), self.t("setup_open_file"))
        y += s(40)
        # description / error
        if self.error:
            text = f"<font color='#e25c50'><b>{self.t('err_scenario')}</b></font><br>{_esc(self.error)}"
        elif self.game is not None:
            text = _esc(localized(self.game.scenario, self.lang, "description"))
        else:
            text = ""
        self.w["description"] = pygame_gui.elements.UITextBox(
            text, pygame.Rect(x0, y, inner, s(112)), m, object_id=oid("description"), allow_split_dashes=False
        )
        y += s(122)
        # language, seed, pace
        col = inner // 3
        self.label((x0, y, s(90), s(32)), self.t("setup_language"), cls="muted")
        self.w["lang"] = pygame_gui.elements.UIDropDownMenu(
            [LANG_NAMES[c] for c in LANGS],
            LANG_NAMES[self.lang],
            pygame.Rect(x0 + s(90), y, col - s(100), s(32)),
            m,
            object_id=oid("lang"),
        )
        self.label((x0 + col, y, s(70), s(32)), self.t("setup_seed"), cls="muted")
        self.w["seed"] = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(x0 + col + s(70), y, col - s(80), s(32)), m, object_id=oid("seed"), initial_text=self.seed
        )
        self.w["seed"].set_allowed_characters("numbers")
        self.label((x0 + 2 * col, y, s(90), s(32)), self.t("setup_speed"), cls="muted")
        self.w["speed"] = pygame_gui.elements.UIDropDownMenu(
            [self.t(f"speed_{k}") for k in PACING],
            self.t(f"speed_{self.app.speed}"),
            pygame.Rect(x0 + 2 * col + s(90), y, col - s(90), s(32)),
            m,
            object_id=oid("speed"),
        )
        y += s(46)
        # seats
        self.label((x0, y, inner // 2, s(28)), self.t("setup_seats"), cls="title")
        self.button("all_human", (card.right - s(28) - s(260), y, s(125), s(28)), self.t("setup_all_human"), cls="chip")
        self.button("all_ai", (card.right - s(28) - s(125), y, s(125), s(28)), self.t("setup_all_ai"), cls="chip")
        y += s(36)
        self._chips = []
        if self.game is not None:
            seats = self.game.scenario.seats
            per_col = (len(seats) + 1) // 2
            cw = (inner - s(20)) // 2
            for i, actor in enumerate(seats):
                cx = x0 + (i // per_col) * (cw + s(20))
                cy = y + (i % per_col) * s(38)
                self._chips.append((pygame.Rect(cx, cy + s(8), s(16), s(16)), rgb(actor.colour)))
                self.label(
                    (cx + s(24), cy, cw - s(24) - s(190), s(32)),
                    localized(actor, self.lang),
                    name=f"seatname_{actor.id}",
                )
                self.w[f"seat_{actor.id}"] = pygame_gui.elements.UIDropDownMenu(
                    self.options(),
                    self.option_of(self.players.get(actor.id, HUMAN)),
                    pygame.Rect(cx + cw - s(190), cy, s(190), s(32)),
                    m,
                    object_id=oid(f"seat_{actor.id}"),
                    expansion_height_limit=s(200),
                )
            y += per_col * s(38) + s(6)
        humans = sum(1 for v in self.players.values() if v == HUMAN)
        hint = (
            ""
            if self.game is None
            else self.t("setup_no_humans")
            if humans == 0
            else tr_n(self.lang, "setup_humans", humans)
        )
        self.label((x0, y, inner, s(26)), hint, cls="muted", name="hint")
        y += s(30)
        guide = self.t("setup_guide_on" if self.guide else "setup_guide_off")
        gw = min(inner, int(self.ink.size(guide, 14)[0] * 1.2) + s(40))
        b = self.button("guide", (x0, y, gw, s(30)), guide, cls="chip", tip=self.t("setup_guide_tip"))
        if self.guide:
            b.select()
        # buttons
        by = card.bottom - s(28) - s(44)
        self.button(
            "start",
            (card.right - s(28) - s(200), by, s(200), s(44)),
            self.t("setup_start"),
            cls="primary",
            enabled=self.game is not None,
        )
        self.button("quit", (x0, by, s(110), s(44)), self.t("setup_quit"))
        self.button("load", (x0 + s(120), by, s(210), s(44)), self.t("setup_load"))
        if self.resume:
            info = self.resume_text()
            self.button(
                "resume",
                (x0 + s(340), by, s(210), s(44)),
                self.t("setup_resume"),
                cls="good",
                tip=info,
                enabled=not self.resume.get("broken"),
            )
            lw = card.right - s(28) - x0
            self.label((x0, by - s(28), lw, s(24)), info, cls="muted", name="resume_info")

    # --- events ---------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        if self.confirm is not None:  # only the confirmation answers while it is open
            if event.type == pygame_gui.UI_CONFIRMATION_DIALOG_CONFIRMED and event.ui_element is self.confirm[1]:
                self.confirm = None
                self.start(confirmed=True)
            elif event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.confirm[1]:
                self.confirm = None
            return
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.dialog is None:
            if not (self.w.get("seed") and self.w["seed"].is_focused):
                self.start()
            return
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            name = _name_of(self.w, event.ui_element)
            if name == "start":
                self.start()
            elif name == "agent_use":
                self._use_agent()
            elif name == "quit":
                self.app.quit()
            elif name == "resume" and self.resume:
                self.load(self.resume["path"])
            elif name == "load":
                saves_dir().mkdir(parents=True, exist_ok=True)
                self.dialog = (
                    "load",
                    pygame_gui.windows.UIFileDialog(
                        self._dialog_rect(),
                        self.manager,
                        self.t("setup_pick_save"),
                        initial_file_path=str(saves_dir()),
                        allow_existing_files_only=True,
                    ),
                )
            elif name == "open_file":
                self.dialog = (
                    "scenario",
                    pygame_gui.windows.UIFileDialog(
                        self._dialog_rect(),
                        self.manager,
                        self.t("setup_pick_file"),
                        initial_file_path=str(self.file.parent if self.file else Path.cwd()),
                        allow_existing_files_only=True,
                    ),
                )
            elif name == "guide":
                self.guide = not self.guide
                self.keep()
                self.app._rebuild()
            elif name == "all_human" and self.game is not None:
                self.players = {a: HUMAN for a in self.players}
                self.keep()
                self.app._rebuild()
            elif name == "all_ai" and self.game is not None:
                self.players = {a: default_agent() for a in self.players}
                self.keep()
                self.app._rebuild()
        elif event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            name = _name_of(self.w, event.ui_element)
            if name == "scenario":
                for p in self.files:
                    if self.title_of(p) == event.text:
                        self._load_scenario(p)
                self.keep()
                self.app._rebuild()
            elif name == "lang":
                lang = next((c for c in LANGS if LANG_NAMES[c] == event.text), "en")
                self._save_seed()
                self.app.set_lang(lang)
            elif name == "speed":
                for k in PACING:
                    if self.t(f"speed_{k}") == event.text:
                        self.app.set_speed(k)
            elif name and name.startswith("seat_") and event.text == self.t("seat_ai_other"):
                self._ask_agent(name[5:])
            elif name and name.startswith("seat_"):
                self.players[name[5:]] = self.who_of(event.text)
                self.keep()
                humans = sum(1 for v in self.players.values() if v == HUMAN)
                self.w["hint"].set_text(
                    self.t("setup_no_humans") if humans == 0 else tr_n(self.lang, "setup_humans", humans)
                )
        elif event.type == pygame_gui.UI_FILE_DIALOG_PATH_PICKED and self.dialog is not None:
            kind = self.dialog[0]
            self.dialog = None
            if kind == "load":
                self.load(Path(event.text))
            else:
                path = Path(event.text)
                self._load_scenario(path)
                if self.error is None and path not in self.files:
                    self.files.insert(0, path)
                if self.error is None:
                    remember_scenario(path)  # so that resuming its games finds it
                self.app._rebuild()
        elif (
            event.type == pygame_gui.UI_WINDOW_CLOSE and self.dialog is not None and event.ui_element is self.dialog[1]
        ):
            kind = self.dialog[0]
            self.dialog = None
            if kind == "agent":
                self.app._rebuild()  # the seat's menu shows its player again, not "other"
        elif event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.w.get("agent_spec"):
            self._use_agent()
        elif event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.w.get("seed"):
            self._save_seed()

    def _ask_agent(self, seat: str) -> None:
        """Ask for an agent of the player's own, by ``package.module:ClassName``."""
        s = self.s
        rect = self._dialog_rect()
        rect.height = min(rect.height, s(200))
        rect.center = (self.app.size[0] // 2, self.app.size[1] // 2)
        window = pygame_gui.elements.UIWindow(
            rect, self.manager, window_display_title=self.t("agent_title"), object_id=oid("agent_dialog")
        )
        inner = window.get_container().get_rect().width - s(32)
        self.label((s(16), s(10), inner, s(26)), self.t("agent_prompt"), container=window, cls="muted")
        entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(s(16), s(42), inner, s(34)), self.manager, container=window, object_id=oid("agent_spec")
        )
        self.w["agent_spec"] = entry
        self.button("agent_use", (s(16) + inner - s(150), s(90), s(150), s(40)), self.t("agent_use"), window, "primary")
        entry.focus()
        self.dialog = ("agent", window, seat)

    def _use_agent(self) -> None:
        """Load and make the agent typed in the dialog once (so any mistake shows now, in one
        message), offer it by its spec for the rest of this run, and give it the seat."""
        if self.dialog is None or self.dialog[0] != "agent":
            return
        _, window, seat = self.dialog
        spec = self.w["agent_spec"].get_text().strip()
        try:
            make_agent(spec, seat, 0)
            if spec not in AGENTS:
                register(spec, load_agent(spec))
        except Exception as e:  # the player's own code may raise anything; say what and stay open
            self.app.toast(f"{self.t('err_agent')}: {e}", "error", 10)
            return
        window.kill()
        self.dialog = None
        self.players[seat] = spec
        self.app._rebuild()

    def _save_seed(self) -> None:
        if "seed" in self.w:
            self.seed = self.w["seed"].get_text()

    def _dialog_rect(self) -> pygame.Rect:
        w, h = self.app.size
        r = pygame.Rect(0, 0, min(w - 40, self.s(620)), min(h - 40, self.s(480)))
        r.center = (w // 2, h // 2)
        return r

    def resume_text(self) -> str:
        """``Autosave: <title> · round 4 of 8 · France to play``."""
        r = self.resume
        if r.get("broken"):
            return self.t("setup_autosave_broken")
        titles = r.get("title") if isinstance(r.get("title"), dict) else {}
        title = titles.get(self.lang) or titles.get("en") or r.get("scenario") or "?"
        seat = r.get("seat")
        names = {}
        if self.game is not None and self.game.scenario.id == r.get("scenario"):
            names = {a.id: localized(a, self.lang) for a in self.game.scenario.seats}
        if seat:
            who = names.get(seat, str(seat).upper())
            turn = self.t("turn_of", seat=who) if (r.get("players") or {}).get(seat, HUMAN) == HUMAN else ""
        else:
            turn = self.t("chance_rolling")
        line = self.t("setup_resume_info", title=title, round=r.get("round"), rounds=r.get("rounds"))
        return self.t("setup_resume_turn", line=line, turn=turn) if turn else line

    def start(self, confirmed: bool = False) -> None:
        """Start a new game; while an unfinished game can be resumed, only once the player has
        confirmed (a stray Enter must not seem to throw that game away; it stays autosaved)."""
        if self.game is None:
            return
        self._save_seed()
        if self.resume and not self.resume.get("broken") and not confirmed:
            self.ask_new_game()
            return
        try:
            seed = int(self.seed)
            if not 0 <= seed < 2**63:
                raise ValueError
        except ValueError:
            self.app.toast(self.t("err_seed"), "error")
            return
        self.keep()
        self.app.guide_on = self.guide
        self.app.start(Session.new(self.game, seed, dict(self.players), str(self.file) if self.file else None))

    def ask_new_game(self) -> None:
        titles = self.resume.get("title") if isinstance(self.resume.get("title"), dict) else {}
        name = titles.get(self.lang) or titles.get("en") or self.resume.get("scenario")
        text = self.t("confirm_new_game", scenario=name, actions=self.resume.get("actions"), keep=KEEP)
        self.ask("new_game", text, (480, 240))

    def load(self, path: Path) -> None:
        try:
            session = Session.load(path, known=self.files)
        except (CoalitionError, OSError) as e:
            self.app.toast(f"{self.t('err_load')}: {e}", "error", 10)
            return
        self.app.start(session)

    # --- drawing --------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        w, h = self.app.size
        if self._map is not None:
            surface.blit(self._map.static((w, h), self.ink), (0, 0))
            shade = pygame.Surface((w, h), pygame.SRCALPHA)
            shade.fill((8, 10, 14, 150))
            surface.blit(shade, (0, 0))
        card = self.card()
        s = self.s
        panel = pygame.Surface(card.size, pygame.SRCALPHA)
        pygame.draw.rect(panel, (*T.PANEL, 242), panel.get_rect(), border_radius=s(12))
        surface.blit(panel, card.topleft)
        pygame.draw.rect(surface, T.ACCENT, card, max(1, s(2)), border_radius=s(12))
        self.ink.text(surface, self.t("app_title"), (card.left + s(28), card.top + s(18)), 30, T.ACCENT, bold=True)
        tw = self.ink.size(self.t("app_title"), 30, True)[0]
        self.ink.text(surface, self.t("app_subtitle"), (card.left + s(40) + tw, card.top + s(34)), 15, T.MUTED)
        self.ink.text(
            surface, self.t("setup_keys"), (card.right - s(28), card.top + s(34)), 12, T.DIM, anchor="topright"
        )
        for rect, colour in self._chips:
            pygame.draw.rect(surface, colour, rect, border_radius=s(4))
            pygame.draw.rect(surface, (220, 220, 220), rect, 1, border_radius=s(4))


def _name_of(widgets: dict, element) -> str | None:
    for name, w in widgets.items():
        if w is element:
            return name
    # a drop-down's inner parts report the drop-down itself
    parent = getattr(element, "parent_element", None)
    if parent is not None:
        return _name_of(widgets, parent)
    return None


def _esc(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
