"""The setup screen's "AI: other…" choice: a player names an agent of their own by
``package.module:ClassName``; a mistake is one message and the dialog stays open."""

from __future__ import annotations

import pytest

from tests.test_plugins import BY_FILE
from tests.test_ui_app import app, choose, click, frames, widget  # noqa: F401 - app is a fixture

pytestmark = pytest.mark.ui


def test_a_seat_takes_an_agent_of_ones_own(app, monkeypatch):  # noqa: F811
    from game import agents

    monkeypatch.setattr(agents, "AGENTS", dict(agents.AGENTS))
    monkeypatch.setattr("game.ui.screens.setup.AGENTS", agents.AGENTS)
    monkeypatch.setattr("game.ui.session.AGENTS", agents.AGENTS)
    choose(app, "seat_ua", "AI: other…")
    assert app.screen.dialog is not None and app.screen.dialog[0] == "agent"
    widget(app, "agent_spec").set_text("no_such_module_z:Agent")
    click(app, widget(app, "agent_use"))
    assert app.screen.dialog is not None, "a bad agent keeps the dialog open"
    assert "This AI cannot be used" in " ".join(app.texts()) and "no_such_module_z" in " ".join(app.texts())
    widget(app, "agent_spec").set_text(BY_FILE)
    click(app, widget(app, "agent_use"))
    assert app.screen.dialog is None and app.screen.players["ua"] == BY_FILE
    assert widget(app, "seat_ua").selected_option[0] == f"AI: {BY_FILE}"
    click(app, widget(app, "start"))
    frames(app, 3)
    assert app.session.players["ua"] == BY_FILE
    seat = app.session.game.seat_index["ua"]
    assert type(app.session.agent(seat)).__name__ == "ThriftyAgent"
