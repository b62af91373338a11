"""The map's marks: placed so that none covers another (forces, incidents and events, chips,
names), forces one disc per giver, host-nation support labelled as bases."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
pygame = pytest.importorskip("pygame")

import attrs  # noqa: E402

from game import Agreement, load_game  # noqa: E402
from game.paths import DEFAULT_SCENARIO  # noqa: E402
from game.ui import demo, fonts  # noqa: E402
from game.ui.fonts import Ink  # noqa: E402
from game.ui.mapview import MapView  # noqa: E402
from game.ui.views import kind_codes, make_view  # noqa: E402


@pytest.fixture(scope="module")
def moment():
    pygame.init()
    fonts.reset()
    game = load_game(DEFAULT_SCENARIO)
    yield game, demo.table_moment(game, seed=7, rounds=4)
    pygame.quit()


@pytest.mark.parametrize("size,scale", [((540, 498), 1.0), ((432, 450), 0.8), ((1000, 700), 1.5)])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_mark_covers_another(moment, size, scale, lang):
    game, state = moment
    offer = state.offers[-1]  # the follow-up package with Ukraine's host-nation support, as if bound
    state = attrs.evolve(state, agreements=(*state.agreements, Agreement(offer.id, offer.proposer, offer.proposal, 4)))
    view = make_view(state, game.seat_index["fr"])
    m = MapView(game.scenario, lang)
    ink = Ink(lang, scale)
    m.overlay(view, size, ink, "k")
    marks = m.marks
    assert len(marks) >= 10, "forces, markers, chips and names are all on the map"
    for i, a in enumerate(marks):
        assert pygame.Rect((0, 0), size).contains(a), f"{a} is off the map"
        for b in marks[i + 1 :]:
            assert not a.colliderect(b), f"{a} covers {b}"
    shown = " ".join(m.overlay_texts)
    assert "UA BASE1" in shown, "Ukraine's host-nation support is a base package, not a headquarters"
    names = {"en": "United Kingdom", "ja": "イギリス"}[lang]
    assert names in m.overlay_texts, "the country names find room"
    for seat in ("UK", "FR", "DE"):
        assert seat in m.overlay_texts, f"{seat}'s troops have their own disc"


def test_kind_codes_name_what_a_kind_is():
    game = load_game(DEFAULT_SCENARIO)
    codes = dict(zip(game.kinds, kind_codes(game.scenario)))
    assert codes["host_nation_support"] == "BASE" and codes["command_control"] == "HQ"
    assert codes["ground_force"] == "BDE" and codes["funding"] == "$"
