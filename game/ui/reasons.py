"""The rules' reasons in the player's language.

The rules explain a refusal in plain English (``why_illegal``, ``check_feasible``, the builder's
``check_form``), naming seats and commitment kinds by their English names. The window shows
those reasons beside every disabled choice, so here each one is matched against the sentence the
rules write and said again in English (with proper plurals) or Japanese, with the scenario's own
translated names. A reason no pattern knows is shown as the rules wrote it; a test walks games
and checks that every reason the table can show has a pattern.
"""

from __future__ import annotations

import re

from .. import Game, localized, plural, units_text, years

NUM = r"[\d,]+(?:\.\d+)?"

#: (the rules' sentence with {fields}, English, Japanese). Fields: ``seat``/``seat2`` a seat's
#: English name, ``kind`` a commitment kind's name, ``unit`` that kind's unit, ``ids`` seat ids,
#: ``what`` a force, ``n``/``m``/``have``/``need`` numbers, ``list`` a list of numbers. Output
#: fields besides those: ``units`` (``n`` of the kind's unit), ``unit_pl``, ``names``, ``years``.
PATTERNS: tuple[tuple[str, str, str], ...] = (
    (
        "there is no draft: start one with 'draft'",
        "there is no proposal being drafted",
        "作成中の提案がありません",
    ),
    (
        "this turn's {n} drafting steps are used up: send or discard the draft",
        "this turn's {n} drafting steps are used up: send or clear the proposal",
        "この手番の作成手順（{n}）を使い切りました。送るかクリアしてください",
    ),
    (
        "a cost share is a multiple of {n}% from 0 to 100",
        "a cost share is a multiple of {n}% from 0 to 100",
        "費用分担は0〜100%の{n}%刻みです",
    ),
    ("{seat}'s share is already {n}%", "{seat_poss} share is already {n}%", "{seat}の分担は既に{n}%です"),
    (
        "cost shares would add up to more than 100% ({n}%)",
        "cost shares would add up to more than 100% ({n}%)",
        "費用分担の合計が100%を超えます（{n}%）",
    ),
    (
        "{seat}'s domestic support is too low for it to take on costs",
        "{seat_poss} domestic support is too low for it to take on costs",
        "{seat}は国内支持が低すぎて費用を負担できません",
    ),
    ("the term must be one of {list} years", "the term must be one of {list} years", "期間は{list}年のいずれかです"),
    ("the term is already {n} years", "the term is already {years}", "期間は既に{n}年です"),
    (
        "{seat} is already party to the draft",
        "{seat} is already party to the proposal",
        "{seat}は既にこの提案の当事国です",
    ),
    ("the deadline is 0 to {n} rounds", "the deadline is 0 to {n} rounds", "有効期間は0〜{n}ラウンドです"),
    ("the deadline is already {n}", "the deadline is already {n}", "有効期間は既に{n}です"),
    (
        "{seat} cannot give {kind}; it comes from {ids}",
        "{seat} cannot give {kind}; it comes from {names}",
        "{seat}は{kind}を拠出できません（拠出できるのは{names}）",
    ),
    (
        "{kind} from {seat} crosses its red line",
        "{kind} from {seat} crosses its red line",
        "{seat}の{kind}はレッドラインを越えます",
    ),
    ("{kind} comes in {list} {unit}(s)", "{kind} comes in {list} {unit_pl}", "{kind}は{list}{unit}の単位です"),
    (
        "{n} {unit}(s) of {kind} crosses {seat}'s red line (at most {m})",
        "{units} of {kind} crosses {seat_poss} red line (at most {m})",
        "{kind} {units}は{seat}のレッドラインを越えます（上限{m}）",
    ),
    (
        "the draft has no {kid} from {seat}",
        "the proposal has no {kind} from {seat}",
        "提案に{seat}の{kind}はありません",
    ),
    (
        "the draft already has {kind} from {seat}: remove it first",
        "the proposal already has {kind} from {seat}: remove it first",
        "提案には既に{seat}の{kind}があります。先に削除してください",
    ),
    (
        "a proposal holds at most {n} commitments",
        "a proposal holds at most {n} commitments",
        "1つの提案に入れられる拠出は{n}件までです",
    ),
    (
        "{seat}'s domestic support is too low for it to commit forces",
        "{seat_poss} domestic support is too low for it to commit forces",
        "{seat}は国内支持が低すぎて部隊を拠出できません",
    ),
    ("the game is over", "the game is over", "ゲームは終了しています"),
    (
        "only chance draws cards and rolls dice",
        "only chance draws cards and rolls dice",
        "カードと判定は偶然が決めます",
    ),
    (
        "this is a chance step: the game draws a card or rolls",
        "this is a chance step: the game draws a card or rolls",
        "偶然の手番です：カードを引くか判定します",
    ),
    (
        "{seat} now signs the peace deal or holds out ('sign' or 'hold')",
        "{seat} now signs the peace deal or holds out",
        "{seat}が和平合意に署名するか見送るかを決める番です",
    ),
    (
        "only {seat} signs, in the commitment phase",
        "only {seat} signs, in the decision phase",
        "署名できるのは{seat}だけで、決断の段階に限ります",
    ),
    ("there is no draft to send", "there is no proposal to send", "送る提案がありません"),
    ("there is no draft to discard", "there is no proposal to clear", "クリアする提案がありません"),
    (
        "finish the draft first: send or discard it",
        "finish the proposal first: send or clear it",
        "先に作成中の提案を送るかクリアしてください",
    ),
    ("there is no open offer {n}", "there is no open offer {n}", "提案{n}は受付中ではありません"),
    (
        "only its proposer may withdraw an offer",
        "only its proposer may withdraw an offer",
        "提案を撤回できるのは提案国だけです",
    ),
    (
        "offer {n} does not wait for {seat}'s answer",
        "offer {n} does not wait for {seat_poss} answer",
        "提案{n}は{seat}の回答を待っていません",
    ),
    (
        "a seat sends at most {n} proposal(s) a turn",
        "a seat sends at most {proposals} a turn",
        "1手番に送れる提案は{n}件までです",
    ),
    (
        "this turn's drafting steps are used up",
        "this turn's drafting steps are used up",
        "この手番の作成手順を使い切りました",
    ),
    (
        "the proposal commits nothing: add at least one commitment",
        "the proposal commits nothing: add at least one commitment",
        "提案に拠出がありません。少なくとも1件加えてください",
    ),
    (
        "cost shares add up to {n}%, not 100%",
        "cost shares add up to {n}%, not 100%",
        "費用分担の合計が{n}%です（100%が必要）",
    ),
    (
        "{seat} has {have} {what} available; this needs {need} for a {n}-year term",
        "{seat} has {have} {what} available; this needs {need} for a {n}-year term",
        "{seat}が出せる{what}は{have}ですが、期間{n}年のこの提案には{need}必要です",
    ),
    (
        "this proposal takes {n} drafting steps; {m} are left this turn",
        "this proposal takes {n} drafting steps; {m} are left this turn",
        "この提案には作成手順が{n}必要ですが、この手番の残りは{m}です",
    ),
    ("it is not this seat's turn", "it is not this seat's turn", "この席の手番ではありません"),
    ("not a possible chance outcome now", "not a possible chance outcome now", "今ありうる偶然の結果ではありません"),
)

#: The forces ``check_feasible`` names, in words.
FORCES = {
    "en": {
        "troops": "troops",
        "fighters": "fighter squadrons",
        "air-defence": "air-defence batteries",
        "intelligence": "intelligence packages",
        "command": "command capacity",
    },
    "ja": {
        "troops": "兵員",
        "fighters": "戦闘機飛行隊",
        "air-defence": "防空中隊",
        "intelligence": "情報パッケージ",
        "command": "指揮能力",
    },
}


def _alternation(words) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


_COMPILED: dict[int, tuple] = {}


def _compiled(game: Game) -> tuple:
    sc = game.scenario
    cached = _COMPILED.get(id(sc))
    if cached is not None and cached[0] is sc:
        return cached[1]
    fields = {
        "seat": _alternation(a.name for a in sc.seats),
        "seat2": _alternation(a.name for a in sc.seats),
        "kind": _alternation(k.name for k in sc.commitments),
        "kid": _alternation(k.id for k in sc.commitments),
        "unit": _alternation(k.unit for k in sc.commitments),
        "ids": r".+?",
        "what": _alternation(FORCES["en"]),
        "list": rf"{NUM}(?:, {NUM})*",
        "n": NUM,
        "m": NUM,
        "have": NUM,
        "need": NUM,
    }
    out = []
    for pattern, en, ja in PATTERNS:
        rx = ""
        for literal, field in re.findall(r"([^{]*)(?:\{(\w+)\})?", pattern):
            rx += re.escape(literal)
            if field:
                rx += f"(?P<{field}>{fields[field]})"
        out.append((re.compile(rx + "$"), en, ja))
    if len(_COMPILED) > 16:
        _COMPILED.clear()
    _COMPILED[id(sc)] = (sc, tuple(out))
    return tuple(out)


def say(game: Game, reason: str | None, lang: str) -> str | None:
    """The rules' reason in ``lang`` (``None`` stays ``None``); unknown reasons unchanged."""
    if not reason:
        return reason
    for rx, en, ja in _compiled(game):
        m = rx.match(reason)
        if m:
            return (ja if lang == "ja" else en).format(**_values(game, m.groupdict(), lang))
    return reason


def known(game: Game, reason: str) -> bool:
    """Whether a pattern says ``reason`` in other words (for the test of coverage)."""
    return any(rx.match(reason) for rx, _, _ in _compiled(game))


def _values(game: Game, found: dict, lang: str) -> dict:
    sc = game.scenario
    by_name = {a.name: a for a in sc.seats}
    kinds = {k.name: i for i, k in enumerate(sc.commitments)}
    out = dict(found)
    for key in ("seat", "seat2"):
        if found.get(key):
            out[key] = localized(by_name[found[key]], lang)
            out[f"{key}_poss"] = out[key] + ("'" if out[key].endswith("s") else "'s")
    kind = kinds.get(found.get("kind") or "")
    if found.get("kid"):
        kind = game.kind_index[found["kid"]]
    if kind is not None:
        out["kind"] = localized(sc.commitments[kind], lang)
        unit = localized(sc.commitments[kind], lang, "unit")
        out["unit"] = unit
        out["unit_pl"] = plural(unit, 2) if lang == "en" else unit
        if found.get("n"):
            out["units"] = units_text(sc, kind, int(found["n"].replace(",", "")), lang)
    if found.get("list") and lang == "ja":
        out["list"] = "・".join(found["list"].split(", "))
    if found.get("ids"):
        ids = [i.strip() for i in found["ids"].split(",")]
        sep = "、" if lang == "ja" else ", "
        out["names"] = sep.join(localized(sc.actor(i), lang) if i in game.seat_index else i for i in ids)
    if found.get("what"):
        out["what"] = FORCES.get(lang, FORCES["en"])[found["what"]]
    if found.get("n"):
        n = int(float(found["n"].replace(",", "")))
        out["years"] = years(lang, n)
        out["proposals"] = f"{n} proposal" if n == 1 else f"{n} proposals"
    return out
