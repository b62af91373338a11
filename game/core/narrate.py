"""The game's log in plain language: news items and proposals rendered into words.

The rules record news as data; this module turns it into text, in English or another language
(display names come from the scenario's ``l10n`` blocks; sentence templates from ``TEMPLATES``).
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from ..scenario.model import Actor, CommitmentKind
from .scoring import OUTCOME_WORDS
from .state import Game, News, Proposal, State, cons_list

TEMPLATES: dict[str, dict[str, str]] = {
    "en": {
        "event": "Event: {title}. {text}",
        "reaction": "Russia: {title}. {text}",
        "incident": "Incident: {text} ({actor}, {kind}).",
        "offer": "Offer {id}: {actor} proposes {proposal}.",
        "accept": "{actor} accepts offer {id}.",
        "reject": "{actor} rejects offer {id}.",
        "counter": "{actor} rejects offer {id} and drafts a counter-offer.",
        "withdraw": "{actor} withdraws offer {id}.",
        "expire": "Offer {id} expires.",
        "stale": "Agreement {id} lapses: the peace deal was not signed in time, and its forces go home.",
        "fail": "Offer {id} fails: {actor} can no longer field its part.",
        "bind": "Agreement {id} binds: {proposal}.",
        "arrears": "{actor} cannot pay ${amount:.2f}bn of its cost share and falls into arrears.",
        "lapse": "{actor}'s domestic support has collapsed: it withdraws its commitments.",
        "calm": "A credible guarantee calms tensions: escalation eases one rung.",
        "sign": "{actor} signs the peace deal (credibility {credibility:.0f} against a threshold of {threshold:.0f}).",
        "hold": "{actor} holds out (credibility {credibility:.0f} against a threshold of {threshold:.0f}).",
        "result": "The game ends: {result}.",
        "item": "{kind} {amount}",
        "giver": "{actor}: {items}",
        "items_sep": ", ",
        "givers_sep": " · ",
        "shares": "costs {shares}",
        "shares_sep": ", ",
        "nothing": "nothing",
        "reason_red_lines": "crossed {crossed:.0f} of its {soft:.0f} soft red lines",
        "reason_red_lines_one": "crossed {crossed:.0f} of its 1 soft red line",
        "reason_outcome_late_signed": (
            "the peace deal was signed with a credible guarantee, {late:.0f} rounds after it first could be"
        ),
        "reason_outcome_late_signed_one": (
            "the peace deal was signed with a credible guarantee, a round after it first could be"
        ),
        "reason_outcome_late_bad_terms": (
            "the peace deal was signed on terms that favour Russia, {late:.0f} rounds after it first could be"
        ),
        "reason_outcome_late_bad_terms_one": (
            "the peace deal was signed on terms that favour Russia, a round after it first could be"
        ),
        "track_credibility": "Credibility",
        "track_threshold": "{seat} signs at",
        "track_escalation": "Escalation",
        "track_funds": "Funds",
        "track_budget": "Budget a year",
        "track_support": "Domestic support",
        "troops": "{n:,.0f} troops",
        "money_yearly": "{money} a year",
        "year": "{n} year",
        "years": "{n} years",
    },
    "ja": {
        "event": "出来事：{title}。{text}",
        "reaction": "ロシア：{title}。{text}",
        "incident": "事案：{text}（{actor}、{kind}）",
        "offer": "提案{id}：{actor}が提案 ― {proposal}",
        "accept": "{actor}が提案{id}を受諾。",
        "reject": "{actor}が提案{id}を拒否。",
        "counter": "{actor}が提案{id}を拒否し、対案を作成。",
        "withdraw": "{actor}が提案{id}を撤回。",
        "expire": "提案{id}が期限切れ。",
        "stale": "合意{id}が失効：和平合意が期限内に署名されず、部隊は帰還する。",
        "fail": "提案{id}は不成立：{actor}が担当分を出せなくなった。",
        "bind": "合意{id}が成立：{proposal}",
        "arrears": "{actor}は費用分担のうち{amount:.2f}十億ドルを払えず、未払いとなった。",
        "lapse": "{actor}の国内支持が崩れ、拠出を引き揚げた。",
        "calm": "信頼できる保証が緊張を和らげ、緊張段階が1段下がった。",
        "sign": "{actor}が和平合意に署名（信頼性 {credibility:.0f}、基準 {threshold:.0f}）。",
        "hold": "{actor}は署名を見送り（信頼性 {credibility:.0f}、基準 {threshold:.0f}）。",
        "result": "ゲーム終了：{result}",
        "item": "{kind} {amount}",
        "giver": "{actor}：{items}",
        "items_sep": "、",
        "givers_sep": "／",
        "shares": "費用分担 {shares}",
        "shares_sep": "、",
        "nothing": "拠出なし",
        "track_credibility": "信頼性",
        "track_threshold": "{seat}の署名基準",
        "track_escalation": "緊張段階",
        "track_funds": "手元資金",
        "track_budget": "年間予算",
        "track_support": "国内支持",
        "money_yearly": "年{money}",
        "year": "期間{n}年",
        "years": "期間{n}年",
        "reason_outcome_signed": "信頼できる保証のもとで和平合意が署名された",
        "reason_outcome_bad_terms": "ロシア寄りの条件で和平合意が署名された",
        "reason_outcome_no_deal": "合意のないまま時間切れになった",
        "reason_outcome_collapse": "緊張が最上段に達した",
        "reason_outcome_late_signed": "信頼できる保証のもとで和平合意が署名された（可能になってから{late:.0f}ラウンド後）",
        "reason_outcome_late_bad_terms": "ロシア寄りの条件で和平合意が署名された（可能になってから{late:.0f}ラウンド後）",
        "reason_low_cost": "年{bill:.2f}十億ドルを負担（予算は年{budget:.1f}十億ドル）",
        "reason_credibility": "保証の最終的な信頼性は{credibility:.0f}",
        "reason_low_escalation": "緊張段階は{top}段中{rung}段で終了",
        "reason_support": "国内支持は最終的に{support:.0f}",
        "reason_support_kept": "国内支持は{start:.0f}から{support:.0f}へ",
        "reason_red_lines": "{soft}本の緩いレッドラインのうち{crossed}本を越えた",
        "reason_no_red_lines": "緩いレッドラインはない",
        "reason_leadership": "保証の力の{share:.0f}%を担う",
        "reason_no_guarantee": "保証は成立していない",
        "reason_mandate_met": "任務を達成した",
        "reason_mandate_missed": "任務を達成できなかった",
        "reason_mandate_no_deal": "合意がなく、任務は達成されなかった",
        "reason_no_mandate": "任務は配られていない",
    },
}


def localized(thing: Actor | CommitmentKind | object, lang: str, field: str = "name") -> str:
    """A display name (or other text field) in ``lang``, falling back to the scenario's own."""
    text = getattr(thing, "l10n", {}).get(lang) if lang != "en" else None
    slot = "name" if field in ("name", "title") else ("unit" if field == "unit" else "text")
    value = getattr(text, slot, None) if text else None
    return value or getattr(thing, field)


def _t(lang: str, key: str) -> str:
    return TEMPLATES.get(lang, TEMPLATES["en"]).get(key) or TEMPLATES["en"][key]


def plural(unit: str, n: float) -> str:
    """An English unit for ``n`` of it: ``brigade`` -> ``brigades``, ``battery`` -> ``batteries``,
    ``base package`` -> ``base packages``; words already plural (``headquarters``) and symbols
    (``$1bn/yr``) stay as they are."""
    if n == 1 or not unit:
        return unit
    head, _, last = unit.rpartition(" ")
    if not last.isalpha() or last.endswith("s"):
        return unit
    if last.endswith("y") and last[-2:-1] not in ("a", "e", "i", "o", "u"):
        last = last[:-1] + "ies"
    elif last.endswith(("ch", "sh", "x", "z")):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def money(lang: str, bn: float) -> str:
    """An amount in $bn: ``$2.5bn``, or ``25億ドル`` in Japanese."""
    if lang == "ja":
        v = bn * 10
        return f"{v:,.0f}億ドル" if abs(v) >= 10 or v == int(v) else f"{v:.1f}億ドル"
    return f"${bn:,.1f}bn" if abs(bn) >= 0.1 or bn == 0 else f"${bn:.2f}bn"


def troops(lang: str, n: float) -> str:
    """A number of troops in words: ``10,000 troops``, ``1万人``."""
    if lang == "ja":
        return f"{n / 10000:g}万人" if n >= 10000 else f"{n:,.0f}人"
    return _t(lang, "troops").format(n=n)


def per_year(lang: str, bn: float) -> str:
    """A yearly amount: ``$1.2bn a year``, ``年12億ドル``."""
    return _t(lang, "money_yearly").format(money=money(lang, bn))


def years(lang: str, n: int) -> str:
    """A term: ``1 year``, ``3 years``, ``期間3年``."""
    return _t(lang, "year" if n == 1 else "years").format(n=n)


def units_text(sc, kind: int, units: int, lang: str) -> str:
    """``2 brigades``, ``1 battery``, ``2個旅団``: a number of a kind's units."""
    k = sc.commitments[kind]
    unit = localized(k, lang, "unit")
    if lang == "en":
        return f"{units} {plural(unit, units)}"
    return f"{units}{unit}" if unit and ord(unit[0]) >= 0x2E80 else f"{units} {unit}"


def amount(game: Game, giver: int, kind: int, units: int, lang: str = "en", term: int = 1) -> str:
    """A commitment's size in real terms: ``2 brigades (10,000 troops)``, ``1 battery``,
    ``$5.0bn a year`` for money."""
    k = game.scenario.commitments[kind]
    if k.resource is None and k.yearly_cost:
        return per_year(lang, units * k.yearly_cost)
    text = units_text(game.scenario, kind, units, lang)
    if k.resource == "troops":
        count = troops(lang, game.draw(giver, kind, units, 1))
        text += f"（{count}）" if lang == "ja" else f" ({count})"
    return text


def shares_text(game: Game, p: Proposal, lang: str = "en") -> str:
    """``UK 40%, FR 30%, IT 30%``."""
    return _t(lang, "shares_sep").join(f"{game.seats[s].upper()} {pct}%" for s, pct in p.shares)


def describe_proposal(game: Game, p: Proposal, lang: str = "en") -> str:
    """A proposal in words, grouped by giver: ``United Kingdom: European ground force 2 brigades
    (10,000 troops) · Italy: Air-defence supply 1 battery · 3 years · costs UK 50%, IT 50%``."""
    sc = game.scenario
    groups: dict[int, list[str]] = {}
    for giver, kind, units in p.items:
        what = _t(lang, "item").format(
            kind=localized(sc.commitments[kind], lang), amount=amount(game, giver, kind, units, lang)
        )
        groups.setdefault(giver, []).append(what)
    parts = [
        _t(lang, "giver").format(actor=localized(sc.seats[giver], lang), items=_t(lang, "items_sep").join(items))
        for giver, items in sorted(groups.items())
    ] or [_t(lang, "nothing")]
    parts += [years(lang, p.term), _t(lang, "shares").format(shares=shares_text(game, p, lang))]
    return _t(lang, "givers_sep").join(parts)


def describe(game: Game, news: News, lang: str = "en") -> str:
    """One news item in words."""
    sc, d, kind = game.scenario, news.data, news.kind
    template = _t(lang, kind)
    if kind in ("event", "reaction"):
        card = next(c for c in (sc.events if kind == "event" else sc.reactions) if c.id == d[0])
        return template.format(title=localized(card, lang, "title"), text=localized(card, lang, "text")).strip()
    if kind == "incident":
        k = sc.commitments[d[1]]
        text = k.incident.text if k.incident and k.incident.text else "an incident"
        return template.format(text=text, actor=localized(sc.seats[d[0]], lang), kind=localized(k, lang))
    if kind in ("offer", "bind"):
        return template.format(
            id=d[0], actor=localized(sc.seats[d[1]], lang), proposal=describe_proposal(game, d[2], lang)
        )
    if kind in ("accept", "reject", "counter", "withdraw", "fail"):
        return template.format(id=d[0], actor=localized(sc.seats[d[1]], lang))
    if kind in ("expire", "stale"):
        return template.format(id=d[0])
    if kind == "arrears":
        return template.format(actor=localized(sc.seats[d[0]], lang), amount=d[1])
    if kind == "lapse":
        return template.format(actor=localized(sc.seats[d[0]], lang))
    if kind in ("sign", "hold"):
        acceptor = localized(sc.seats[game.acceptor], lang)
        return template.format(actor=acceptor, credibility=d[0], threshold=d[1])
    if kind == "result":
        return template.format(result=OUTCOME_WORDS[d[0]])
    return template


#: Score reasons whose English depends on a count: the argument that counts.
_COUNTED = {"red_lines": "soft", "outcome_late_signed": "late", "outcome_late_bad_terms": "late"}


def score_reason(line, lang: str = "en") -> str:
    """A score line's reason in ``lang``: the language's template if it has one (in English the
    singular form when the count is 1), else the scorer's own words."""
    if not line.key:
        return line.reason
    args = dict(line.args)
    table = TEMPLATES.get(lang, {})
    key = f"reason_{line.key}"
    if line.key in _COUNTED and args.get(_COUNTED[line.key]) == 1 and f"{key}_one" in table:
        key = f"{key}_one"
    template = table.get(key)
    return template.format(**args) if template else line.reason


@attrs.frozen
class Track:
    """A public number of the game that players follow round by round (the table shows each
    one's value; the round report every change to it with its cause). A new state field players
    should watch is one more ``Track`` in ``TRACKS`` (and its name in ``TEMPLATES``)."""

    id: str
    per_seat: bool  # one value per seat (funds, support) or one for the table (credibility)
    value: Callable[[State, int], float]  # (state, seat) -> value; the seat is 0 for a table track
    unit: str  # how to show it: "points", "money" ($bn), "rung" (of the escalation ladder)
    better: int  # +1: a rise helps the guarantee (shown green), -1: a rise hurts it
    shown: Callable[[Game], bool] = lambda game: True  # whether the scenario uses it

    def name(self, game: Game, lang: str) -> str:
        if self.id == "alarm":
            return localized(game.scenario.alarm, lang)
        return _t(lang, f"track_{self.id}").format(seat=localized(game.scenario.seats[game.acceptor], lang))


def _uses_alarm(game: Game) -> bool:
    sc = game.scenario
    whens = [c.when for c in sc.events] + [r.when for r in sc.reactions]
    effects = [c.effects for c in sc.events] + [r.effects for r in sc.reactions]
    return (
        any(game.alarm)
        or sc.alarm.start != 0
        or any(w.alarm_at_least is not None or w.alarm_below is not None for w in whens)
        or any(e.alarm for e in effects)
    )


#: The tracks, table first: what the round report follows and the table shows.
TRACKS: tuple[Track, ...] = (
    Track("credibility", False, lambda s, i: s.credibility, "points", 1),
    Track("threshold", False, lambda s, i: s.threshold, "points", -1),
    Track("escalation", False, lambda s, i: s.escalation, "rung", -1),
    Track("alarm", False, lambda s, i: s.alarm, "points", -1, _uses_alarm),
    Track("funds", True, lambda s, i: s.seats[i].funds, "money", 1),
    Track("budget", True, lambda s, i: s.seats[i].budget, "money", 1),
    Track("support", True, lambda s, i: s.seats[i].support, "points", 1),
)


def track_values(state: State, tracks: tuple[Track, ...] = TRACKS) -> dict[tuple[str, int | None], float]:
    """Every track's value now: ``(track id, seat or None) -> value``."""
    out: dict[tuple[str, int | None], float] = {}
    for t in tracks:
        if t.per_seat:
            for i in range(len(state.seats)):
                out[t.id, i] = t.value(state, i)
        else:
            out[t.id, None] = t.value(state, 0)
    return out


def log_lines(game: Game, news_cell, seat: int | None = None, lang: str = "en") -> list[tuple[int, str]]:
    """(round, text) for every news item ``seat`` may see (``None``: all), oldest first."""
    return [(n.round, describe(game, n, lang)) for n in cons_list(news_cell) if n.visible(seat)]
