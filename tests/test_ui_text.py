"""The window's words: every string in both languages, drawn without missing letters, units and
plurals spelled out (no "(s)"), the rules' reasons translated, Japanese line breaking."""

from __future__ import annotations

import os
import random
import re
import string

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

pygame = pytest.importorskip("pygame")

from game import (  # noqa: E402
    CHANCE,
    apply,
    current_seat,
    is_over,
    legal_actions,
    load_game,
    new_game,
    sample_chance,
    why_illegal,
)
from game.core import actions as A  # noqa: E402
from game.core.narrate import TEMPLATES, describe_proposal, plural  # noqa: E402
from game.core.state import Proposal  # noqa: E402
from game.paths import DEFAULT_SCENARIO, scenario_files  # noqa: E402
from game.ui import builder as B  # noqa: E402
from game.ui import fonts  # noqa: E402
from game.ui.fonts import NO_END, NO_START, Ink, fallback_files, font, font_files, has_glyph  # noqa: E402
from game.ui.i18n import LANGS, STRINGS  # noqa: E402
from game.ui.reasons import FORCES, PATTERNS, known, say  # noqa: E402


@pytest.fixture(scope="module", autouse=True)
def display():
    pygame.init()
    fonts.reset()  # fonts loaded before an earlier pygame.quit() are no longer valid
    yield
    pygame.quit()


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_string_exists_in_both_languages_with_the_same_fields():
    en, ja = STRINGS["en"], STRINGS["ja"]
    singular = {k for k in en if k.endswith("_one")}  # English's "1 seat" forms: Japanese has no plural
    assert set(en) - singular == set(ja), f"only in English: {set(en) - set(ja)}; only in Japanese: {set(ja) - set(en)}"
    for key in set(en) - singular:
        assert fields(en[key]) >= fields(ja[key]), f"{key}: the Japanese uses fields the English lacks"
        assert en[key] != ja[key] or not re.search("[A-Za-z]{4}", en[key]) or key.startswith(("agent_mcts",)), key
    for key in TEMPLATES["en"]:
        english_only = key == "troops" or key.endswith("_one")  # Japanese counts without plurals
        assert key in TEMPLATES["ja"] or english_only, f"narration template {key!r} has no Japanese"


def test_no_string_writes_plurals_as_s_in_brackets():
    for lang in LANGS:
        for key, text in STRINGS[lang].items():
            assert "(s)" not in text, f"{lang}:{key}: {text}"
        for key, text in TEMPLATES[lang].items():
            assert "(s)" not in text, f"narrate {lang}:{key}: {text}"


def missing_glyphs(lang: str, text: str) -> set[str]:
    """Letters neither the language's font nor its fallback can draw."""
    main, other = (font(f, 14) for f in (font_files(lang)[0], fallback_files(lang)[0]))
    return {ch for ch in text if not ch.isspace() and not has_glyph(main, ch) and not has_glyph(other, ch)}


def test_the_window_strings_need_no_fallback_font():
    """Widgets draw with one font: every window string's letters are in the language's own."""
    for lang in LANGS:
        main = font(font_files(lang)[0], 14)
        for key, text in STRINGS[lang].items():
            lost = {ch for ch in text if not ch.isspace() and not has_glyph(main, ch)}
            assert not lost, f"{lang}:{key}: {sorted(lost)} not in the {lang} font"


def test_every_string_renders_without_missing_glyphs():
    game = load_game(DEFAULT_SCENARIO)
    sc = game.scenario
    for lang in LANGS:
        texts = list(STRINGS[lang].values()) + list(TEMPLATES[lang].values())
        texts += [ja for _, _, ja in PATTERNS] if lang == "ja" else [en for _, en, _ in PATTERNS]
        texts += list(FORCES[lang].values())
        for thing in (*sc.actors, *sc.commitments, *sc.events, *sc.reactions, *sc.escalation.levels):
            text = thing.l10n.get(lang) if lang != "en" else None
            texts += [v for v in (getattr(text, "name", None), getattr(text, "text", None)) if v]
        for text in texts:
            assert not missing_glyphs(lang, text), f"{lang}: {text!r} has letters no font draws"


def test_japanese_lines_follow_the_line_breaking_rules():
    ink = Ink("ja", 1.0)
    text = (
        "ウクライナ：受け入れ国支援（基地・兵站）1拠点パッケージ。期間3年、費用分担 UK 40%・FR 30%。"
        "「保証」は、信頼できる部隊と装備に裏打ちされなければならない。"
    )
    for width in range(60, 400, 7):
        lines = ink.wrap(text, 14, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        for before, after in zip(lines, lines[1:]):
            assert after[0] not in NO_START, f"a line starts with {after[0]!r} at width {width}: {lines}"
            assert before[-1] not in NO_END, f"a line ends with {before[-1]!r} at width {width}: {lines}"
            assert not (before[-1].isdigit() and ord(after[0]) >= 0x2E80), f"a number is cut from its unit: {lines}"


def test_english_lines_keep_the_spaces_between_words():
    ink = Ink("en", 0.8)
    text = "Italy: Air-defence supply 1 battery · Finland: Intelligence sharing 1 package · 3 years"
    for width in range(40, 500, 9):
        lines = ink.wrap(text, 12, width)
        assert " ".join(lines) == text
    assert ink.px(8) >= 10, "no text smaller than the minimum size"


@pytest.mark.parametrize(
    "unit,n,expected",
    [
        ("brigade", 2, "brigades"),
        ("battery", 3, "batteries"),
        ("headquarters", 2, "headquarters"),
        ("base package", 2, "base packages"),
        ("$1bn/yr", 5, "$1bn/yr"),
        ("brigade", 1, "brigade"),
        ("company", 2, "companies"),
        ("day", 2, "days"),
    ],
)
def test_plurals(unit, n, expected):
    assert plural(unit, n) == expected


def test_a_proposal_in_words_is_grouped_by_giver_in_real_units():
    g = load_game(DEFAULT_SCENARIO)
    si, ki = g.seat_index, g.kind_index
    p = Proposal(
        items=(
            (si["uk"], ki["ground_force"], 2),
            (si["us"], ki["command_control"], 1),
            (si["us"], ki["intelligence"], 2),
            (si["de"], ki["funding"], 5),
        ),
        shares=((si["uk"], 40), (si["fr"], 60)),
        term=3,
    )
    en = describe_proposal(g, p, "en")
    assert "United States: US command and control 1 headquarters, Intelligence sharing 2 packages" in en
    assert "2 brigades (10,000 troops)" in en and "$5.0bn a year" in en and "3 years" in en and "(s)" not in en
    ja = describe_proposal(g, p, "ja")
    assert "2個旅団（1万人）" in ja and "期間3年" in ja and "年50億ドル" in ja


def all_actions(state):
    g, t = state.game, state.game.table
    out = [a for row in t.add for kind in row for _, a in kind]
    out += [a for row in t.remove for a in row] + [a for row in t.share for a in row]
    out += list(t.term.values()) + list(t.invite) + list(t.deadline)
    out += [A.Draft(), A.Send(), A.Discard(), A.EndTurn(), A.Sign(), A.HoldOut(), A.Share(g.seats[0], 7)]
    for i in range(state.next_id + 1):
        out += [A.Accept(i), A.Reject(i), A.Counter(i), A.Withdraw(i)]
    return out


@pytest.mark.parametrize("path", list(scenario_files()), ids=lambda p: p.stem)
def test_every_reason_the_table_can_show_is_translated(path):
    """Random games of every shipped scenario: every reason the rules give for any action, and
    the builder's, has a pattern; the English has no "(s)", the Japanese no English words."""
    g = load_game(path)
    seen = 0
    for seed in range(2):
        rng = random.Random(seed)
        state = new_game(g, seed)
        for ply in range(260):
            if is_over(state):
                break
            if current_seat(state) == CHANCE:
                state = apply(state, sample_chance(state))
                continue
            if ply % 4 == 0:
                reasons = {why_illegal(state, a) for a in all_actions(state)} - {None}
                if state.phase == "negotiation":
                    seat = current_seat(state)
                    form = B.new_form(state, seat)
                    reasons.add(B.check_form(state, form))
                    for kind in range(len(g.kinds)):
                        reasons.add(B.why_not_item(state, form, seat, kind, g.scenario.commitments[kind].steps[-1]))
                for reason in reasons - {None}:
                    seen += 1
                    assert known(g, reason), f"no translation of: {reason}"
                    assert "(s)" not in say(g, reason, "en")
                    ja = say(g, reason, "ja")
                    assert not re.search(r"\b(the|is|of|and|from|to)\b", ja), f"{reason} -> {ja}"
            state = apply(state, rng.choice(legal_actions(state)))
    assert seen > 50


def test_help_and_tabs_name_things_alike():
    """Each tab and button is called the same in the help as on the window: the help takes the
    names from the window's own labels."""
    for lang in LANGS:
        for key in ("help_body", "help_keys"):
            for tab in ("offers", "propose", "agreements", "briefing"):
                assert "{tab_" + tab + "}" in STRINGS[lang][key], f"{lang}:{key} names the {tab} tab in its own words"
            assert "{btn_end_turn}" in STRINGS[lang][key]
