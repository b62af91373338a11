"""The game window driven by synthetic mouse and key events through its real event loop
(SDL's dummy video driver): a hot-seat game from the setup screen to the end, the hand-over
screen keeping secrets, save / quit / resume, resizing, Japanese."""

from __future__ import annotations

import os
import time

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

pytestmark = pytest.mark.ui

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from game.core.record import actions_of  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.screens.end import EndScreen  # noqa: E402
from game.ui.screens.guide import STEPS as GUIDE_STEPS  # noqa: E402
from game.ui.screens.handover import HandoverScreen  # noqa: E402
from game.ui.screens.setup import SetupScreen  # noqa: E402
from game.ui.screens.table import TableScreen  # noqa: E402


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("COALITION_HOME", str(tmp_path))
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    a = App(lang="en", size=(1280, 720), realtime=False)
    a.show(SetupScreen(a))
    a.frame()
    yield a
    a.quit()
    pygame.quit()


# --- driving the window ---------------------------------------------------------------------------


def frames(app: App, n: int = 1) -> None:
    for _ in range(n):
        app.frame()


def click(app: App, element, settle: int = 2) -> None:
    """Press and release the left button on ``element``; UI_BUTTON_PRESSED comes on the next pump."""
    assert element.visible, f"{element} is hidden"
    pos = element.rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    frames(app, settle)


def widget(app: App, name: str):
    w = app.screen.w.get(name)
    assert w is not None, f"no widget {name!r} on {app.screen.name}: {sorted(app.screen.w)}"
    return w


def choose(app: App, name: str, text: str) -> None:
    """Open a drop-down and click one of its options."""
    dd = widget(app, name)
    click(app, dd, settle=2)
    options = dd.current_state.options_selection_list.item_list
    button = next((o["button_element"] for o in options if o["text"] == text), None)
    assert button is not None, f"{name}: no option {text!r} in {[o['text'] for o in options]}"
    click(app, button, settle=4)  # button -> selection list -> drop-down -> screen: three more pumps


def key(app: App, k: int, mod: int = 0, settle: int = 1) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode="", scancode=0))
    frames(app, settle)


#: How long a wait may last once its frames are spent: the AI moves in its own thread, which a
#: loaded machine starves, so a count of frames alone made these tests fail under load.
PATIENCE_S = 120.0


def _patient(limit: int):
    """A wait's budget: true while fewer than ``limit`` frames were drawn or the clock has not yet
    passed ``PATIENCE_S`` (a bound on waiting, never a measure of speed)."""
    deadline = time.monotonic() + PATIENCE_S
    count = 0

    def more() -> bool:
        nonlocal count
        count += 1
        return count <= limit or time.monotonic() < deadline

    return more


def until(app: App, test, limit: int = 3000) -> None:
    more = _patient(limit)
    while more():
        if test():
            return
        app.frame()
    raise AssertionError("the window did not get there")


def secrets(app: App) -> list[str]:
    """Every seat's private briefing note, and the phrases that show objectives and reservation."""
    sc = app.session.game.scenario
    out = []
    for actor in sc.seats:
        if actor.private and actor.private.note:
            out.append(actor.private.note[:60])
    return out


def shown(app: App) -> str:
    return "\n".join(app.texts())


def setup_hot_seat(app: App, humans=("fr", "ua"), speed="Instant", seed: int = 7) -> None:
    click(app, widget(app, "all_ai"))
    for seat in humans:
        choose(app, f"seat_{seat}", "Human")
    choose(app, "speed", speed)
    for seat in ("us", "uk", "de", "it", "fi"):  # random AIs keep the test fast
        if seat not in humans:
            choose(app, f"seat_{seat}", "AI: random (easy)")
    widget(app, "seed").set_text(str(seed))  # a fixed seed: the same game every run
    click(app, widget(app, "start"))
    assert app.session.state.seed == seed


# --- the tests ------------------------------------------------------------------------------------


def check_handover(app: App) -> None:
    scr = app.screen
    text = shown(app)
    name = app.session.game.scenario.seats[scr.seat].name
    assert f"Pass the screen to {name}" in text
    for secret in secrets(app):
        assert secret not in text, f"the hand-over screen shows a private note: {secret!r}"
    for leak in ("Private briefing", "would settle for", "Your objectives", "Your score if"):
        assert leak not in text
    # the seat's own private view is only built after the click
    assert not isinstance(app.viewer, int) or app.viewer != scr.seat


def check_table_private(app: App) -> None:
    """The table shows the seat's own briefing and no other seat's."""
    me = app.viewer
    sc = app.session.game.scenario
    click(app, widget(app, "tab_briefing"))
    text = shown(app)
    for i, actor in enumerate(sc.seats):
        note = actor.private.note[:60] if actor.private and actor.private.note else None
        if note and i == me:
            assert note.replace("\n", " ")[:30] in text.replace("\n", " ").replace("<br>", " ")
        elif note:
            assert note not in text, f"{sc.seats[me].id}'s screen shows {actor.id}'s note"


def france_proposes(app: App) -> None:
    """France builds a proposal in the builder: UK and France brigades, shares by slider."""
    click(app, widget(app, "tab_propose"))
    click(app, widget(app, "c:partner_uk"))
    choose(app, "c:giver", "United Kingdom")
    choose(app, "c:kind", "European ground force")
    click(app, widget(app, "c:units_1"))
    choose(app, "c:giver", "France")
    choose(app, "c:kind", "European ground force")
    assert widget(app, "c:units_4").is_enabled is False, "4 French brigades for 3 years exceed France's troops"
    assert "45,000" in shown(app), "the reason is shown beside the disabled choice"
    click(app, widget(app, "c:units_2"))
    # move France's share slider: the UK's follows so the total stays 100%
    slider = widget(app, "c:share_fr")
    slider.set_current_value(40)
    pygame.event.post(pygame.event.Event(pygame_gui_event("UI_HORIZONTAL_SLIDER_MOVED"), ui_element=slider, value=40))
    frames(app, 2)
    form = app.screen.panel.form
    assert sum(form.shares.values()) == 100 and form.shares[app.session.game.seat_index["fr"]] == 40
    send = widget(app, "send")
    assert send.is_enabled, app.screen.w["reason"].text
    offers_before = len(app.session.state.offers)
    click(app, send)
    state = app.session.state
    assert len(state.offers) == offers_before + 1 and state.offers[-1].proposer == app.session.game.seat_index["fr"]


def pygame_gui_event(name: str) -> int:
    import pygame_gui

    return getattr(pygame_gui, name)


def answer_offers(app: App) -> None:
    me = app.viewer
    for offer in list(app.screen.view.offers):
        if me in offer.needs():
            if app.screen.panel.tab != "offers":
                click(app, widget(app, "tab_offers"))
            accept = app.screen.w.get(f"c:accept_{offer.id}")
            if accept is not None and accept.is_enabled:
                click(app, accept)
            else:
                click(app, widget(app, f"c:reject_{offer.id}"))
            return


def test_hot_seat_game_from_setup_to_the_end(app):
    setup_hot_seat(app)
    g = app.session.game
    fr = g.seat_index["fr"]
    seen = {"handover": 0, "fr_turns": 0, "ua_turns": 0, "decisions": 0, "undo": False, "proposed": False, "brief": 0}
    more = _patient(20000)
    while more():
        scr = app.screen
        if isinstance(scr, EndScreen):
            break
        if isinstance(scr, HandoverScreen):
            seen["handover"] += 1
            check_handover(app)
            seen["brief"] += ": what happened" in shown(app)  # the last round's public gist
            click(app, widget(app, "ready"))
            assert app.viewer == scr.seat
            if seen["handover"] <= 2:
                check_table_private(app)
            continue
        sess = app.session
        if isinstance(scr, TableScreen) and sess.current == app.viewer and not sess.over:
            state = sess.state
            if state.phase == "commitment":
                seen["decisions"] += 1
                last = state.round >= g.scenario.schedule.rounds - 1
                click(app, widget(app, "c:sign" if last and state.credibility >= state.threshold else "c:hold"))
                continue
            if app.viewer == fr:
                seen["fr_turns"] += 1
                if not seen["proposed"]:
                    before = actions_of(sess.state)
                    france_proposes(app)
                    # take the whole proposal (draft ... send) back: it is back in the builder,
                    # the log says so to France alone; then send it again
                    sent = sess.state.offers[-1].proposal
                    key(app, pygame.K_z, pygame.KMOD_CTRL, settle=2)
                    assert actions_of(sess.state) == before
                    assert "France took back its last move." in shown(app)
                    assert app.screen.panel.tab == "propose" and app.screen.panel.form.proposal() == sent
                    seen["undo"] = True
                    click(app, widget(app, "send"))
                    assert sess.state.offers[-1].proposal == sent
                    seen["proposed"] = True
                else:
                    answer_offers(app)
            else:
                seen["ua_turns"] += 1
                answer_offers(app)
            click(app, widget(app, "end_turn"))
            continue
        app.frame()
    assert isinstance(app.screen, EndScreen), "the game did not reach its end"
    assert seen["handover"] >= 4 and seen["fr_turns"] >= 2 and seen["proposed"] and seen["undo"]
    assert seen["brief"] >= 2, "a seat sitting down to a new round sees the last round's gist at its hand-over"
    # the end screen: outcome, score reasons, a replay that steps
    text = shown(app)
    assert "The game is over" in text and "Scores and why" in text
    end = app.screen
    last = end.step
    click(app, widget(app, "first"))
    assert end.step == 0
    click(app, widget(app, "next"))
    key(app, pygame.K_RIGHT)
    assert end.step == 2
    key(app, pygame.K_END)
    assert end.step == last
    assert app.session.over and app.session.state.result


def test_save_quit_and_resume_reach_the_same_state(tmp_path, app):
    setup_hot_seat(app, humans=("us", "fr"))
    until(app, lambda: isinstance(app.screen, HandoverScreen))
    click(app, widget(app, "ready"))
    click(app, widget(app, "tab_propose"))
    choose(app, "c:kind", "Intelligence sharing")
    click(app, widget(app, "c:units_2"))
    click(app, widget(app, "send"))
    click(app, widget(app, "save"))
    assert "Saved to" in shown(app)
    saved = list((tmp_path / "saves").glob("*.json"))
    assert len(saved) == 1
    before = actions_of(app.session.state)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    app.frame()
    assert not app.running
    pygame.quit()
    again = App(lang="en", size=(1280, 720), realtime=False)
    again.show(SetupScreen(again))
    again.frame()
    assert "Autosave" in shown(again)
    click(again, widget(again, "resume"))
    assert actions_of(again.session.state) == before
    assert isinstance(again.screen, HandoverScreen), "a resumed game hands the screen over first"
    click(again, widget(again, "ready"))
    assert isinstance(again.screen, TableScreen)
    assert again.session.state.offers == app.session.state.offers
    again.quit()


def test_resizing_lays_out_again(app):
    setup_hot_seat(app, humans=("us",))
    until(app, lambda: isinstance(app.screen, HandoverScreen))
    for size in ((1920, 1080), (1000, 640), (1280, 720)):
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
        frames(app, 2)
        assert app.window.get_size() == size
    click(app, widget(app, "ready"))
    click(app, widget(app, "tab_propose"))
    for size in ((1920, 1080), (1024, 600), (1280, 800)):
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
        frames(app, 2)
        assert isinstance(app.screen, TableScreen)
        for name in ("end_turn", "send", "undo", "tab_briefing"):
            rect = widget(app, name).rect
            assert app.window.get_rect().contains(rect), f"{name} off screen at {size}"
    assert app.scale == 1.0 + 1 / 8 - 1 / 8 or app.scale > 0  # laid out at the new scale


def test_help_overlay_and_japanese(app):
    key(app, pygame.K_F1)
    assert app.help_open and "How to play" in shown(app)
    key(app, pygame.K_ESCAPE)
    assert not app.help_open
    choose(app, "lang", "日本語")
    assert app.lang == "ja"
    assert "ゲーム開始" in shown(app)
    setup_hot_seat_ja(app)
    until(app, lambda: isinstance(app.screen, (HandoverScreen, TableScreen)))
    text = shown(app)
    assert "画面を渡して" in text or "ラウンド" in text


def setup_hot_seat_ja(app: App) -> None:
    click(app, widget(app, "all_ai"))
    choose(app, "seat_de", "人間")
    choose(app, "speed", "即時")
    click(app, widget(app, "start"))


def to_my_table(app: App) -> None:
    until(app, lambda: isinstance(app.screen, HandoverScreen))
    click(app, widget(app, "ready"))
    assert isinstance(app.screen, TableScreen)


def test_the_builder_keeps_its_place_and_its_summary_in_view(app):
    setup_hot_seat(app, humans=("us", "fr"))
    to_my_table(app)
    click(app, widget(app, "tab_propose"))
    panel = app.screen.panel
    click(app, widget(app, "c:partner_uk"))
    click(app, widget(app, "c:partner_de"))
    summary = widget(app, "summary")
    assert app.window.get_rect().contains(summary.rect) and summary.visible
    assert "If it binds:" in shown(app) and "Moving a share takes the difference from" in shown(app)
    # scroll down, then click: the builder stays where it was
    bar = panel.content.vert_scroll_bar
    assert bar is not None, "the builder is taller than its area at 1280x720"
    bar.set_scroll_from_start_percentage(0.5)
    frames(app, 2)
    before = bar.start_percentage
    button = next(
        b for n, b in app.screen.w.items() if n.startswith("c:units_") and b.rect.top > panel.content.rect.top
    )
    assert "+ " in button.text, "a size button says it adds"
    click(app, button)
    assert panel.form.items, "clicking a size added the commitment"
    assert "added" in shown(app), "the new commitment is marked as added"
    bar = panel.content.vert_scroll_bar
    assert bar is not None and abs(bar.start_percentage - before) < 0.05, "the builder jumped back to the top"
    # shares: the sequence, and a lock
    g = app.session.game
    us, uk, de = (g.seat_index[s] for s in ("us", "uk", "de"))
    for seat, value in ((uk, 40), (de, 30)):
        slider = widget(app, f"c:share_{g.seats[seat]}")
        slider.set_current_value(value)
        pygame.event.post(
            pygame.event.Event(pygame_gui_event("UI_HORIZONTAL_SLIDER_MOVED"), ui_element=slider, value=value)
        )
        frames(app, 2)
    assert panel.form.shares == {us: 30, uk: 40, de: 30}
    click(app, widget(app, "c:lock_us"))
    assert us in panel.locks and not widget(app, "c:share_us").is_enabled
    slider = widget(app, "c:share_de")
    slider.set_current_value(50)
    pygame.event.post(pygame.event.Event(pygame_gui_event("UI_HORIZONTAL_SLIDER_MOVED"), ui_element=slider, value=50))
    frames(app, 2)
    assert panel.form.shares == {us: 30, uk: 20, de: 50}, "with the US locked the UK takes up the change"


def play_until(app: App, test, limit: int = 20000) -> None:
    """End the human seat's turns (holding out when Ukraine decides) until ``test()`` holds."""
    more = _patient(limit)
    while more():
        if test():
            return
        scr, sess = app.screen, app.session
        if isinstance(scr, HandoverScreen):
            click(app, widget(app, "ready"))
        elif isinstance(scr, TableScreen) and sess.current == app.viewer and not sess.over and scr.report is None:
            click(app, widget(app, "c:hold" if sess.state.phase == "commitment" else "end_turn"))
        elif isinstance(scr, TableScreen) and scr.report is not None and not test():
            click(app, widget(app, "report_close"))
        else:
            app.frame()
    raise AssertionError("the game did not get there")


def test_the_round_report_opens_between_rounds(app):
    setup_hot_seat(app, humans=("us",))
    to_my_table(app)
    scr = app.screen
    assert scr.report is not None and "Before round 1: the opening" in shown(app), "the opening report shows"
    assert "Event cards drawn" in shown(app)
    click(app, widget(app, "report_close"))
    assert scr.report is None
    play_until(app, lambda: app.session.state.round == 2 and app.screen.report is not None)
    text = shown(app)
    assert "Round 1 (Dec 2025): what happened" in text
    assert "Dice rolled" in text and "What changed, and why" in text and "%" in text
    assert "Funds" in text and "▲" in text, "the accounts move every seat's funds, with an arrow"
    click(app, widget(app, "report_prev"))
    assert app.screen.report.round == 0 and "Before round 1" in shown(app)
    click(app, widget(app, "report_next"))
    assert app.screen.report.round == 1
    key(app, pygame.K_ESCAPE)
    assert app.screen.report is None
    key(app, pygame.K_r)
    assert app.screen.report is not None and app.screen.report.round == 1
    click(app, widget(app, "report"))
    assert app.screen.report is None


def test_a_first_game_guide_walks_a_seat_through_its_first_round(app):
    """With the guide on, France's first turn is led step by step: each step moves on when the
    player does what it asks (or on Next); the last one is the round report."""
    click(app, widget(app, "all_ai"))
    if not app.screen.guide:
        click(app, widget(app, "guide"))
    assert app.screen.guide, "the guide is on"
    choose(app, "seat_fr", "Human")
    choose(app, "speed", "Instant")
    for seat in ("us", "uk", "de", "it", "fi", "ua"):
        choose(app, f"seat_{seat}", "AI: random (easy)")
    widget(app, "seed").set_text("7")  # the same game every run
    click(app, widget(app, "start"))
    to_my_table(app)
    scr = app.screen
    if scr.report is not None:
        click(app, widget(app, "report_close"))
    seen = []

    def step():
        s = scr.guide.step()
        return s.id if s else None

    for _ in range(40):
        sid = step()
        if sid is None:
            break
        if not seen or seen[-1] != sid:
            seen.append(sid)
            assert "First-game guide" in shown(app)
        if sid in ("welcome", "gauges", "summary", "offers", "report"):
            click(app, widget(app, "guide_next"))
        elif sid in ("briefing", "propose"):
            click(app, widget(app, f"tab_{sid}"))
        elif sid == "partner":
            click(app, widget(app, "c:partner_uk"))
        elif sid == "add":
            choose(app, "c:giver", "France")
            choose(app, "c:kind", "Intelligence sharing")
            click(app, widget(app, "c:units_1"))
        elif sid == "send":
            click(app, widget(app, "send"))
        elif sid == "end":
            click(app, widget(app, "end_turn"))
            until(
                app,
                lambda: app.session.current == app.viewer and (scr.guide.step() is not None or scr.report is not None),
                20000,
            )
            if scr.report is not None:
                click(app, widget(app, "report_close"))
    assert seen == [s.id for s in GUIDE_STEPS], seen
    assert step() is None and "First-game guide" not in shown(app)


def test_the_help_has_the_rules_in_the_games_words(app):
    key(app, pygame.K_F1)
    assert app.help_open and "How to play" in shown(app)
    key(app, pygame.K_TAB)
    text = shown(app)
    assert app.help_page == "rules"
    assert "When Ukraine may sign" in text and "From round 3 (Feb 2026) Ukraine decides" in text
    assert "Credibility" in text and "Scoring" in text
    key(app, pygame.K_TAB)
    assert app.help_page == "keys" and "Round report" in shown(app)
    key(app, pygame.K_ESCAPE)
    assert not app.help_open


def test_setup_remembers_the_last_choices_and_resume_says_where_the_game_stands(tmp_path):
    a = App(lang=None, size=(1280, 720), realtime=False, speed=None, remember=True)
    a.show(SetupScreen(a))
    a.frame()
    choose(a, "lang", "日本語")
    choose(a, "seat_fi", "人間")
    choose(a, "speed", "即時")
    click(a, widget(a, "start"))
    until(a, lambda: isinstance(a.screen, (HandoverScreen, TableScreen)))
    a.session.autosave()
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    a.frame()
    pygame.quit()
    b = App(lang=None, size=(1280, 720), realtime=False, speed=None, remember=True)
    b.show(SetupScreen(b))
    b.frame()
    assert b.lang == "ja" and b.speed == "instant", "the language and pace are remembered"
    assert b.screen.players["fi"] == "human", "the seats are remembered"
    info = widget(b, "resume_info").text
    assert "ワシントンの軍事オプション" in info and "第1ラウンド（全8）" in info and "の番" in info, info
    assert "手まで" not in info and "ukraine_guarantees_2025" not in info
    b.quit()
    pygame.quit()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_two_offers_read_as_term_sheets_with_their_differences_on_one_screen(tmp_path, monkeypatch, lang):
    """Italy's counter-offer is marked against the UK's offer it counters (Finland's part
    removed, shares and term changed); both offers and their buttons fit at 1280x720."""
    monkeypatch.setenv("COALITION_HOME", str(tmp_path))
    from game.ui import shots

    app = shots.offers(lang, (1280, 720))
    frames(app, 3)
    text = shown(app)
    if lang == "en":
        assert "Counters offer 2" in text and "removed" in text and "was 3 years" in text
        assert "Your bill:" in text and "(s)" not in text
    else:
        assert "提案2への対案" in text and "削除" in text and "（前は期間3年）" in text
    panel = app.screen.panel
    me = app.viewer
    waiting = [o for o in app.screen.view.offers if me in o.needs()]
    assert len(waiting) == 2
    for o in waiting:
        assert panel.content.rect.contains(widget(app, f"c:accept_{o.id}").rect), "no scrolling to compare"
    app.quit()
    pygame.quit()


def test_the_guide_waits_while_ukraine_decides(tmp_path, monkeypatch):
    """The guide speaks in negotiation turns only: at Ukraine's sign-or-hold decision there is no
    End turn to point at, and the decision has its own panel."""
    monkeypatch.setenv("COALITION_HOME", str(tmp_path))
    from game.ui import demo, shots

    app = shots.table_app(demo.decision_moment(shots._game(), seed=7, rounds=3), "en", (1280, 720), viewer="ua")
    app.start_guide()
    app.guides[app.viewer] = [s.id for s in GUIDE_STEPS].index("end")
    frames(app, 2)
    assert app.session.state.phase == "commitment" and app.screen.guide.step() is None
    assert "First-game guide" not in shown(app) and widget(app, "c:sign").visible
    app.quit()
    pygame.quit()
