"""The table's right-hand panel: offers to answer, the proposal builder, binding agreements, the
private briefing, and Ukraine's decision. Every choice the rules would refuse is shown disabled
with the rules' reason (``why_illegal``), never refused after the fact."""

from __future__ import annotations

import html
import time
from collections.abc import Callable

import pygame
import pygame_gui

from ...core import actions as A
from ...core.narrate import describe_proposal, localized, score_reason
from ...core.rules import CHANCE, why_illegal
from ...core.scoring import seat_score
from ...errors import IllegalActionError
from .. import builder as B
from ..i18n import money, tr
from ..mapview import readable_on_dark, rgb
from ..views import UMPIRE, seat_name, seat_names
from .base import oid

TABS = ("offers", "propose", "agreements", "briefing")


def esc(text: str) -> str:
    return html.escape(text or "", quote=False).replace("\n", "<br>")


def hexc(c) -> str:
    return "#%02x%02x%02x" % tuple(c[:3])


class NegotiationPanel:
    """Builds and runs the right-hand panel inside ``rect``."""

    def __init__(self, screen):
        self.screen = screen
        self.app = screen.app
        self.tab = "offers"
        self.form: B.Form | None = None
        self.form_version = 0
        self.pick: tuple[int | None, int | None] = (None, None)  # (giver, kind) in the add row
        self.rect = pygame.Rect(0, 0, 10, 10)
        self.content = None
        self.actions: dict[object, Callable[[], None]] = {}
        self.sig = None
        self.sliders: dict[int, tuple] = {}
        self._turn_key = None
        self.content_widgets: list = []
        self.scroll_memory: dict[str, float] = {}
        self._built_at = 0.0

    # shortcuts
    @property
    def lang(self) -> str:
        return self.app.lang

    def s(self, v: float) -> int:
        return self.screen.s(v)

    def t(self, key: str, **args) -> str:
        return tr(self.lang, key, **args)

    @property
    def view(self):
        return self.screen.view

    @property
    def me(self) -> int | None:
        v = self.app.viewer
        return v if isinstance(v, int) else None

    def can_act(self) -> bool:
        s = self.app.session
        return self.me is not None and s is not None and not s.over and s.current == self.me

    def not_turn_reason(self) -> str:
        s = self.app.session
        seat = s.current if s else None
        if seat is None or seat == CHANCE:
            return self.t("chance_rolling")
        return self.t("not_your_turn", seat=seat_name(self.view.game, seat, self.lang))

    # --- frame ----------------------------------------------------------------------------------

    def build(self, rect: pygame.Rect) -> None:
        """Static parts: tabs and the bottom bar; then the content."""
        self.rect = rect
        s = self.s
        m = self.app.manager
        tw = rect.width // len(TABS)
        for i, tab in enumerate(TABS):
            b = pygame_gui.elements.UIButton(
                pygame.Rect(rect.left + i * tw, rect.top, tw if i < len(TABS) - 1 else rect.width - i * tw, s(36)),
                self.t(f"tab_{tab}"),
                m,
                object_id=oid(f"tab_{tab}", "tab"),
            )
            self.screen.w[f"tab_{tab}"] = b
            self.actions[b] = lambda tab=tab: self.set_tab(tab)
        bar_top = rect.bottom - s(92)
        self.screen.w["reason"] = pygame_gui.elements.UILabel(
            pygame.Rect(rect.left + s(10), bar_top + s(4), rect.width - s(20), s(30)),
            "",
            m,
            object_id=oid("reason", "reason"),
        )
        send = pygame_gui.elements.UIButton(
            pygame.Rect(rect.left + s(10), bar_top + s(36), rect.width // 2 - s(15), s(46)),
            self.t("btn_send"),
            m,
            object_id=oid("send", "primary"),
        )
        self.screen.w["send"] = send
        self.actions[send] = self.send
        end = pygame_gui.elements.UIButton(
            pygame.Rect(rect.left + rect.width // 2 + s(5), bar_top + s(36), rect.width // 2 - s(15), s(46)),
            self.t("btn_end_turn"),
            m,
            object_id=oid("end_turn", "primary"),
        )
        self.screen.w["end_turn"] = end
        self.actions[end] = self.end_turn
        self.sig = None
        self.refresh()

    def content_rect(self) -> pygame.Rect:
        s = self.s
        return pygame.Rect(self.rect.left, self.rect.top + s(40), self.rect.width, self.rect.height - s(40) - s(96))

    def set_tab(self, tab: str) -> None:
        if tab == "propose" and self.form is None and self.can_act() and self.view.phase == "negotiation":
            self.form = B.new_form(self.view, self.me)
            self.form_version += 1
        self.tab = tab
        self.refresh()

    def _signature(self) -> tuple:
        v = self.view
        me = self.me
        offers = tuple(
            (o.id, o.accepted, o.expires) for o in v.offers if me is None or o.proposer == me or me in o.addressees()
        )
        acting = self.can_act()
        return (
            self.tab,
            me,
            acting,
            self.app.umpire,
            v.phase,
            v.round,
            v.turn if acting else None,
            len(v.agreements),
            offers,
            v.edits if acting else 0,
            v.sent if acting else 0,
            self.form_version,
            self.lang,
            round(v.credibility, 1),
            v.escalation,
            tuple(self.rect),
            self.app.session.current if self.app.session else None,
        )

    def refresh(self, force: bool = False) -> None:
        """Rebuild the content if what it shows changed."""
        s = self.app.session
        key = (s.state.round, s.state.turn, s.state.phase) if s else None
        if key != self._turn_key:
            self._turn_key = key
            if self.form is not None:
                self.form = None
                self.form_version += 1
        decide = self.can_act() and self.view.phase == "commitment"
        if decide and self.tab == "offers":
            self.tab = "decide"
        if not decide and self.tab == "decide":
            self.tab = "offers"
        sig = self._signature()
        if sig == self.sig and not force:
            return
        now = time.monotonic()
        watching = not self.can_act()
        if not force and watching and self.sig is not None and not self.sig[2] and now - self._built_at < 0.5:
            return  # watching AIs play: rebuild at most twice a second, the window stays smooth
        self._built_at = now
        self.sig = sig
        self._rebuild_content()
        self._update_bar()
        self._update_tabs()

    def _update_tabs(self) -> None:
        me = self.me
        n = sum(1 for o in self.view.offers if me is not None and me in o.needs())
        for tab in TABS:
            b = self.screen.w.get(f"tab_{tab}")
            if b is None:
                continue
            text = self.t("tab_offers_n", n=n) if tab == "offers" and n else self.t(f"tab_{tab}")
            if b.text != text:
                b.set_text(text)
            if tab == self.tab or (tab == "offers" and self.tab == "decide"):
                b.select()
            else:
                b.unselect()

    def _update_bar(self) -> None:
        w = self.screen.w
        send, end, reason = w["send"], w["end_turn"], w["reason"]
        acting = self.can_act()
        v = self.view
        text = ""
        if v.phase == "commitment":
            send.hide()
            end.hide()
            if not acting:
                text = self.not_turn_reason()
        else:
            end.show()
            why_end = why_illegal(v, A.EndTurn()) if acting else self.not_turn_reason()
            end.enable() if why_end is None else end.disable()
            if self.tab == "propose":
                send.show()
                why_send = self.send_reason()
                send.enable() if why_send is None else send.disable()
                text = why_send or self.t("builder_ready")
            else:
                send.hide()
                text = why_end or ""
        if reason.text != text:
            reason.set_text(text)

    def send_reason(self) -> str | None:
        if not self.can_act():
            return self.not_turn_reason()
        if self.form is None:
            return self.t("builder_empty")
        return B.check_form(self.view, self.form)

    # --- content --------------------------------------------------------------------------------

    def _rebuild_content(self) -> None:
        if self.content is not None:
            bar = getattr(self.content, "vert_scroll_bar", None)
            if bar is not None:
                self.scroll_memory[self._scroll_key] = bar.start_percentage
            for el in list(self.actions):
                if el in self.content_widgets:
                    del self.actions[el]
            self.content.kill()
        self.content_widgets = []
        self.sliders = {}
        for name in [n for n in self.screen.w if n.startswith("c:")]:
            del self.screen.w[name]
        r = self.content_rect()
        self.content = pygame_gui.elements.UIScrollingContainer(
            r, self.app.manager, allow_scroll_x=False, object_id=oid("content")
        )
        self._scroll_key = (self.tab, self.form_version if self.tab == "propose" else None)
        self.inner_w = r.width - self.s(22)
        y = {
            "offers": self._offers,
            "propose": self._builder,
            "agreements": self._agreements,
            "briefing": self._briefing,
            "decide": self._decide,
        }[self.tab](self.s(6))
        self.content.set_scrollable_area_dimensions((self.inner_w, max(y + self.s(10), r.height - 2)))
        bar = getattr(self.content, "vert_scroll_bar", None)
        if bar is not None and self._scroll_key in self.scroll_memory:
            try:
                bar.set_scroll_from_start_percentage(self.scroll_memory[self._scroll_key])
            except (AttributeError, ValueError):
                pass

    # widget helpers inside the content
    def _add(self, el, name: str | None = None, action: Callable[[], None] | None = None):
        self.content_widgets.append(el)
        if name:
            self.screen.w[f"c:{name}"] = el
        if action is not None:
            self.actions[el] = action
        return el

    def _label(self, x, y, w, h, text, cls=None, name=None):
        return self._add(
            pygame_gui.elements.UILabel(
                pygame.Rect(x, y, w, h), text, self.app.manager, container=self.content, object_id=oid(None, cls)
            ),
            name,
        )

    def _button(self, x, y, w, h, text, name, action, cls=None, reason=None, selected=False):
        b = pygame_gui.elements.UIButton(
            pygame.Rect(x, y, w, h),
            text,
            self.app.manager,
            container=self.content,
            object_id=oid(None, cls),
            tool_tip_text=reason,
        )
        if reason:
            b.disable()
        if selected:
            b.select()
        return self._add(b, name, action)

    def _textbox(self, x, y, w, html_text, name=None, cls=None):
        box = pygame_gui.elements.UITextBox(
            html_text,
            pygame.Rect(x, y, w, -1),
            self.app.manager,
            container=self.content,
            object_id=oid(None, cls),
            allow_split_dashes=False,
        )
        return self._add(box, name)

    # --- offers ---------------------------------------------------------------------------------

    def _offers(self, y: int) -> int:
        v, me, s = self.view, self.me, self.s
        x, w = s(8), self.inner_w - s(8)
        if me is None:
            offers = list(v.offers)
            groups = [("offers_info", offers)]
        else:
            groups = [
                ("offers_to_you", [o for o in v.offers if me in o.needs()]),
                ("offers_yours", [o for o in v.offers if o.proposer == me]),
                (
                    "offers_info",
                    [o for o in v.offers if o.proposer != me and me in o.addressees() and me not in o.needs()],
                ),
            ]
        if not any(offers for _, offers in groups):
            box = self._textbox(x, y, w, f"<font color='#98a1ae'>{esc(self.t('offers_none'))}</font>", cls="plain_box")
            return y + box.rect.height + s(8)
        acting = self.can_act()
        for key, offers in groups:
            if not offers:
                continue
            self._label(x, y, w, s(28), self.t(key), cls="title")
            y += s(30)
            for o in offers:
                y = self._offer_card(o, x, y, w, acting) + s(10)
        return y

    def _offer_card(self, o, x: int, y: int, w: int, acting: bool) -> int:
        v, me, s, lang = self.view, self.me, self.s, self.lang
        g = v.game
        p = o.proposal
        before = v.credibility
        after = B.credibility_if_bound(v, p, o.proposer)
        colour = hexc(readable_on_dark(rgb(g.scenario.seats[o.proposer].colour)))
        lines = [
            f"<b><font color='{colour}'>{esc(self.t('offer_title', id=o.id, seat=seat_name(g, o.proposer, lang)))}</font></b>"
            f" <font color='#98a1ae'>· {esc(self.t('offer_expires', round=o.expires))}</font>",
            esc(describe_proposal(g, p, lang)),
        ]
        effect = self.t("offer_if_bound", before=before, after=after)
        bills = B.yearly_costs(v, p)
        if me is not None and me in bills:
            effect += " · " + self.t("offer_your_cost", cost=money(lang, bills[me]))
        good = after >= v.threshold
        lines.append(f"<font color='{'#68c480' if good else '#e8a050'}'>{esc(effect)}</font>")
        waiting = o.needs()
        if waiting:
            lines.append(
                f"<font color='#98a1ae'>{esc(self.t('offer_waiting', seats=seat_names(g, waiting, lang)))}</font>"
            )
        if o.accepted:
            lines.append(
                f"<font color='#68c480'>{esc(self.t('offer_accepted', seats=seat_names(g, o.accepted, lang)))}</font>"
            )
        box = self._textbox(x, y, w, "<br>".join(lines), name=f"offer_{o.id}", cls="card")
        y += box.rect.height + s(4)
        if me is None:
            return y
        bw = (w - s(16)) // 3
        if me in o.needs():
            reasons = {}
            for verb, act in (("accept", A.Accept(o.id)), ("reject", A.Reject(o.id)), ("counter", A.Counter(o.id))):
                reasons[verb] = why_illegal(v, act) if acting else self.not_turn_reason()
            self._button(
                x,
                y,
                bw,
                s(32),
                self.t("btn_accept"),
                f"accept_{o.id}",
                lambda: self.play([A.Accept(o.id)]),
                cls="good",
                reason=reasons["accept"],
            )
            self._button(
                x + bw + s(8),
                y,
                bw,
                s(32),
                self.t("btn_reject"),
                f"reject_{o.id}",
                lambda: self.play([A.Reject(o.id)]),
                cls="danger",
                reason=reasons["reject"],
            )
            self._button(
                x + 2 * (bw + s(8)),
                y,
                bw,
                s(32),
                self.t("btn_counter"),
                f"counter_{o.id}",
                lambda: self.counter(o.id),
                reason=reasons["counter"],
            )
            y += s(36)
            shown = next((r for r in reasons.values() if r), None) if acting else None
            if shown:
                y = self._reason_box(x, y, w, shown)
        elif o.proposer == me:
            reason = why_illegal(v, A.Withdraw(o.id)) if acting else self.not_turn_reason()
            self._button(
                x,
                y,
                bw,
                s(32),
                self.t("btn_withdraw"),
                f"withdraw_{o.id}",
                lambda: self.play([A.Withdraw(o.id)]),
                cls="danger",
                reason=reason,
            )
            y += s(36)
        else:
            self._label(x, y, w, s(26), self.t("offer_for_info"), cls="muted")
            y += s(28)
        return y

    def _reason_box(self, x: int, y: int, w: int, text: str) -> int:
        box = self._textbox(x, y, w, f"<font color='#e8a050'>{esc(text)}</font>", cls="plain_box")
        return y + box.rect.height + self.s(2)

    # --- builder --------------------------------------------------------------------------------

    def _builder(self, y: int) -> int:
        v, me, s, lang = self.view, self.me, self.s, self.lang
        x, w = s(8), self.inner_w - s(8)
        if not self.can_act() or v.phase != "negotiation":
            text = self.not_turn_reason() if not self.can_act() else self.t("phase_commitment")
            box = self._textbox(x, y, w, f"<font color='#98a1ae'>{esc(text)}</font>", cls="plain_box")
            return y + box.rect.height
        if self.form is None:
            self.form = B.new_form(v, me)
        f = self.form
        g, sc = v.game, v.game.scenario
        step = sc.schedule.share_step
        fixed = self._lapsed()
        title = self.t("builder_counter", id=f.counter_of) if f.counter_of is not None else self.t("builder_new")
        self._label(x, y, w - s(100), s(28), title, cls="title")
        self._button(x + w - s(92), y, s(92), s(28), self.t("btn_clear"), "clear", self.clear_form, cls="chip")
        y += s(34)
        # partners
        self._label(x, y, w, s(26), self.t("builder_partners"), cls="muted")
        y += s(26)
        others = [i for i in range(len(g.seats)) if i != me]
        cols = 3
        cw = (w - (cols - 1) * s(6)) // cols
        for n, seat in enumerate(others):
            bx = x + (n % cols) * (cw + s(6))
            by = y + (n // cols) * s(34)
            on = seat in f.partners
            reason = self.t("builder_locked") if seat in f.locked else None
            self._button(
                bx,
                by,
                cw,
                s(30),
                seat_name(g, seat, lang),
                f"partner_{g.seats[seat]}",
                lambda seat=seat, on=on: self.toggle_partner(seat, not on),
                cls="chip",
                selected=on,
                reason=reason if on else None,
            )
        y += ((len(others) + cols - 1) // cols) * s(34) + s(4)
        # commitments
        self._label(x, y, w, s(26), self.t("builder_commitments"), cls="muted")
        y += s(26)
        if not f.items:
            self._label(x, y, w, s(26), self.t("builder_empty"), cls="muted")
            y += s(26)
        for (giver, kind), units in sorted(f.items.items()):
            k = sc.commitments[kind]
            extra = f" ({g.draw(giver, kind, units, 1):,.0f})" if k.resource == "troops" else ""
            text = f"{g.seats[giver].upper()} · {localized(k, lang)} · {units} × {localized(k, lang, 'unit')}{extra}"
            self._label(x, y, w - s(40), s(26), text, name=f"item_{g.seats[giver]}_{k.id}")
            self._button(
                x + w - s(34),
                y,
                s(32),
                s(26),
                "×",
                f"remove_{g.seats[giver]}_{k.id}",
                lambda key=(giver, kind): self.remove_item(key),
                cls="danger",
            )
            y += s(28)
        # add row: giver, kind, sizes
        parties = f.parties()
        giver, kind = self.pick
        if giver not in parties:
            giver = me
        kinds = [i for i, k in enumerate(sc.commitments) if not k.givers or g.seats[giver] in k.givers]
        if kind not in kinds:
            kind = next((k for k in kinds if k in g.may_give[giver]), kinds[0] if kinds else None)
        self.pick = (giver, kind)
        gw = s(120)
        dd = pygame_gui.elements.UIDropDownMenu(
            [seat_name(g, p, lang) for p in parties],
            seat_name(g, giver, lang),
            pygame.Rect(x, y, gw, s(30)),
            self.app.manager,
            container=self.content,
            object_id=oid("giver"),
            expansion_height_limit=s(220),
        )
        self._add(dd, "giver")
        if kinds:
            kd = pygame_gui.elements.UIDropDownMenu(
                [localized(sc.commitments[k], lang) for k in kinds],
                localized(sc.commitments[kind], lang),
                pygame.Rect(x + gw + s(6), y, w - gw - s(6), s(30)),
                self.app.manager,
                container=self.content,
                object_id=oid("kind"),
                expansion_height_limit=s(260),
            )
            self._add(kd, "kind")
        self._kinds_listed = kinds
        self._parties_listed = parties
        y += s(36)
        if kind is not None:
            k = sc.commitments[kind]
            unit = localized(k, lang, "unit")
            steps = k.steps
            sw = (w - (len(steps) - 1) * s(6)) // max(1, len(steps))
            reasons = []
            for n, units in enumerate(steps):
                reason = B.why_not_item(v, f, giver, kind, units)
                reasons.append(reason)
                label = (
                    f"{units} × {unit}" if self.app.ink.size(f"{units} × {unit}", 14)[0] < sw - s(12) else str(units)
                )
                self._button(
                    x + n * (sw + s(6)),
                    y,
                    sw,
                    s(30),
                    label,
                    f"units_{units}",
                    lambda units=units: self.set_item(giver, kind, units),
                    reason=reason,
                    selected=f.items.get((giver, kind)) == units,
                )
            y += s(34)
            shown = [r for r in reasons if r]
            if shown:
                y = self._reason_box(
                    x,
                    y,
                    w,
                    shown[0]
                    if len(set(shown)) == 1 or len(shown) == len(steps)
                    else f"{steps[reasons.index(shown[0])]} {unit}: {shown[0]}",
                )
        y += s(6)
        # cost shares
        self._label(x, y, w, s(26), self.t("builder_shares"), cls="muted")
        y += s(26)
        for payer in parties:
            pct = f.shares.get(payer, 0)
            self._label(x, y, s(54), s(26), g.seats[payer].upper(), name=f"share_label_{g.seats[payer]}")
            slider = pygame_gui.elements.UIHorizontalSlider(
                pygame.Rect(x + s(56), y, w - s(56) - s(60), s(26)),
                pct,
                (0, 100),
                self.app.manager,
                container=self.content,
                object_id=oid(f"share_{g.seats[payer]}"),
                click_increment=step,
            )
            self._add(slider, f"share_{g.seats[payer]}")
            value = self._label(x + w - s(56), y, s(56), s(26), f"{pct}%", name=f"share_pct_{g.seats[payer]}")
            if payer in fixed or len(parties) == 1:
                slider.disable()
            self.sliders[payer] = (slider, value)
            y += s(30)
        if fixed & set(parties):
            y = self._reason_box(x, y, w, f"{seat_names(g, fixed & set(parties), lang)}: {self.t('builder_lapsed')}")
        y += s(4)
        # term and deadline
        self._label(x, y, s(70), s(30), self.t("builder_term"), cls="muted")
        tx = x + s(70)
        for years in g.terms:
            label = self.t("term_years", years=years)
            bw = s(58)
            self._button(
                tx,
                y,
                bw,
                s(30),
                label,
                f"term_{years}",
                lambda years=years: self.set_term(years),
                cls="chip",
                selected=f.term == years,
            )
            tx += bw + s(4)
        y += s(34)
        self._label(x, y, s(70), s(30), self.t("builder_deadline"), cls="muted")
        tx = x + s(70)
        for d in range(sc.schedule.max_deadline + 1):
            self._button(
                tx,
                y,
                s(46),
                s(30),
                self.t("deadline_rounds", n=d),
                f"deadline_{d}",
                lambda d=d: self.set_deadline(d),
                cls="chip",
                selected=f.deadline == d,
            )
            tx += s(50)
        self._label(tx + s(6), y, x + w - tx - s(6), s(30), self.t("builder_deadline_help"), cls="muted")
        y += s(38)
        # preview
        self.preview = self._textbox(x, y, w, self._preview_html(), name="preview", cls="card")
        y += self.preview.rect.height + s(6)
        return y

    def _preview_html(self) -> str:
        v, f, lang = self.view, self.form, self.lang
        g = v.game
        p = f.proposal()
        after = B.credibility_if_bound(v, p, f.proposer)
        acceptor = seat_name(g, g.acceptor, lang)
        good = after >= v.threshold
        lines = [
            f"<font color='{'#68c480' if good else '#e8a050'}'>"
            f"{esc(self.t('builder_preview', before=v.credibility, after=after, seat=acceptor, threshold=v.threshold))}</font>"
        ]
        bills = B.yearly_costs(v, p)
        if bills and p.items:
            sep = "、" if lang == "ja" else ", "
            text = sep.join(f"{g.seats[s].upper()} {money(lang, c)}" for s, c in sorted(bills.items()))
            lines.append(esc(self.t("builder_costs", bills=text)))
        needs = p.givers() - {f.proposer}
        lines.append(
            f"<font color='#98a1ae'>{esc(self.t('builder_needs', seats=seat_names(g, needs, lang)) if needs else self.t('builder_needs_none'))}</font>"
        )
        return "<br>".join(lines)

    def _lapsed(self) -> frozenset[int]:
        v = self.view
        lapse = v.game.scenario.domestic.lapse_below
        return frozenset(i for i, seat in enumerate(v.seats) if seat.support < lapse)

    def _changed(self) -> None:
        self.form_version += 1
        self.refresh()

    def clear_form(self) -> None:
        if self.view.draft is not None and self.can_act():
            # a draft left in the game (e.g. a game saved mid-draft elsewhere): throw it away
            self.play([A.Discard()])
        self.form = B.new_form(self.view, self.me)
        self.pick = (None, None)
        self._changed()

    def toggle_partner(self, seat: int, on: bool) -> None:
        B.set_partner(self.form, seat, on, self.view.game.scenario.schedule.share_step, self._lapsed())
        if on:
            self.pick = (seat, None)
        self._changed()

    def remove_item(self, key) -> None:
        self.form.items.pop(key, None)
        self._changed()

    def set_item(self, giver: int, kind: int, units: int) -> None:
        if self.form.items.get((giver, kind)) == units:
            self.form.items.pop((giver, kind))
        else:
            self.form.items[(giver, kind)] = units
        self._changed()

    def set_term(self, years: int) -> None:
        self.form.term = years
        self._changed()

    def set_deadline(self, d: int) -> None:
        self.form.deadline = d
        self._changed()

    def on_slider(self, element) -> None:
        payer = next((p for p, (sl, _) in self.sliders.items() if sl is element), None)
        if payer is None or self.form is None:
            return
        step = self.view.game.scenario.schedule.share_step
        value = int(round(element.get_current_value()))
        self.form.shares = B.rebalance(self.form.shares, payer, value, step, self._lapsed())
        for p, (sl, lab) in self.sliders.items():
            pct = self.form.shares.get(p, 0)
            if p != payer and int(round(sl.get_current_value())) != pct:
                sl.set_current_value(pct)
            lab.set_text(f"{pct}%")
        self.preview.set_text(self._preview_html())
        self._update_bar()

    def on_dropdown(self, element, text: str) -> None:
        v = self.view
        g = v.game
        if element is self.screen.w.get("c:giver"):
            for p in self._parties_listed:
                if seat_name(g, p, self.lang) == text:
                    self.pick = (p, None)
        elif element is self.screen.w.get("c:kind"):
            for k in self._kinds_listed:
                if localized(g.scenario.commitments[k], self.lang) == text:
                    self.pick = (self.pick[0], k)
        else:
            return
        self._changed()

    # --- agreements, briefing, decision ---------------------------------------------------------

    def _agreements(self, y: int) -> int:
        v, s, lang = self.view, self.s, self.lang
        g = v.game
        x, w = s(8), self.inner_w - s(8)
        if not v.agreements:
            box = self._textbox(
                x, y, w, f"<font color='#98a1ae'>{esc(self.t('agreements_none'))}</font>", cls="plain_box"
            )
            return y + box.rect.height
        for a in v.agreements:
            colour = hexc(readable_on_dark(rgb(g.scenario.seats[a.proposer].colour)))
            text = (
                f"<b><font color='{colour}'>{esc(self.t('agreement_title', id=a.id, seat=seat_name(g, a.proposer, lang), round=a.round))}</font></b>"
                f"<br>{esc(describe_proposal(g, a.proposal, lang))}"
            )
            box = self._textbox(x, y, w, text, name=f"agreement_{a.id}", cls="card")
            y += box.rect.height + s(8)
        return y

    def _briefing(self, y: int) -> int:
        v, s = self.view, self.s
        x, w = s(8), self.inner_w - s(8)
        seats = (
            [self.me] if self.me is not None else (list(range(len(v.game.seats))) if self.app.viewer == UMPIRE else [])
        )
        if self.app.umpire:
            seats = list(range(len(v.game.seats)))
        if not seats:
            box = self._textbox(
                x, y, w, f"<font color='#98a1ae'>{esc(self.t('briefing_public_only'))}</font>", cls="plain_box"
            )
            return y + box.rect.height
        for seat in seats:
            box = self._textbox(x, y, w, self._briefing_html(seat), name=f"briefing_{v.game.seats[seat]}", cls="card")
            y += box.rect.height + s(8)
        return y

    def _briefing_html(self, seat: int) -> str:
        v, lang = self.view, self.lang
        sc = v.game.scenario
        actor = sc.seats[seat]
        private = actor.private
        out = [f"<b><font color='#ffd98a'>{esc(self.t('briefing_title', seat=localized(actor, lang)))}</font></b>"]
        if private is None:
            return out[0]
        if private.note:
            out.append(esc(private.note))
        out.append(f"<br><b>{esc(self.t('briefing_objectives'))}</b>")
        for name, weight in private.objectives.weights().items():
            if weight:
                bar = "•" * max(1, round(weight / 5))
                out.append(f"<font color='#e0b75a'>{bar}</font> {weight} {esc(self.t('obj_' + name))}")
        out.append(f"<br>{esc(self.t('briefing_reservation', value=private.reservation))}")
        if actor.red_lines:
            out.append(f"<br><b>{esc(self.t('briefing_red_lines'))}</b>")
            for line in actor.red_lines:
                kind = tr(lang, "red_hard") if line.hard else tr(lang, "red_soft")
                out.append(f"· {esc(line.text or line.kind)} <font color='#98a1ae'>({kind})</font>")
        try:
            score = seat_score(v, seat)
        except (AttributeError, TypeError):
            score = None
        if score is not None:
            out.append(f"<br><b>{esc(self.t('briefing_score', total=score.total))}</b>")
            for line in score.lines:
                out.append(
                    f"<font color='#98a1ae'>{esc(self.t('score_line', objective=self.t('obj_' + line.objective), points=line.points, weight=line.weight, value=line.value, reason=score_reason(line, lang)))}</font>"
                )
        return "<br>".join(out)

    def _decide(self, y: int) -> int:
        v, s = self.view, self.s
        sc = v.game.scenario
        x, w = s(8), self.inner_w - s(8)
        good = v.credibility >= v.threshold
        left = sc.schedule.rounds - v.round
        lines = [
            f"<b><font color='#ffd98a'>{esc(self.t('decide_title'))}</font></b>",
            esc(self.t("decide_body", credibility=v.credibility, threshold=v.threshold)),
            f"<font color='{'#68c480' if good else '#e25c50'}'>{esc(self.t('decide_good' if good else 'decide_bad'))}</font>",
            esc(self.t("decide_hold", left=left) if left > 0 else self.t("decide_last")),
        ]
        box = self._textbox(x, y, w, "<br><br>".join(lines), name="decision", cls="card")
        y += box.rect.height + s(10)
        bw = (w - s(10)) // 2
        sign_reason = why_illegal(v, A.Sign()) if A.Sign() in _legal(v) else self.t("decide_title")
        self._button(
            x,
            y,
            bw,
            s(44),
            self.t("btn_sign"),
            "sign",
            lambda: self.play([A.Sign()]),
            cls="good" if good else "danger",
            reason=sign_reason if A.Sign() not in _legal(v) else None,
        )
        self._button(x + bw + s(10), y, bw, s(44), self.t("btn_hold"), "hold", lambda: self.play([A.HoldOut()]))
        return y + s(50)

    # --- moves ----------------------------------------------------------------------------------

    def play(self, actions: list) -> bool:
        """Apply a move for the seat at the screen; a refusal is shown, and nothing changes."""
        try:
            self.app.session.play(self.me, actions)
        except IllegalActionError as e:
            self.app.toast(self.t("msg_illegal", reason=str(e)), "error")
            return False
        self.screen.on_moved()
        return True

    def counter(self, offer_id: int) -> None:
        self.form = B.form_from_offer(self.view, self.me, offer_id)
        self.form_version += 1
        self.tab = "propose"
        self.pick = (None, None)
        self.refresh()

    def send(self) -> None:
        if self.form is None or self.send_reason() is not None:
            return
        steps = B.proposal_steps(self.view, self.form)
        if self.play(steps):
            self.form = None
            self.form_version += 1
            self.tab = "offers"
            self.refresh(force=True)

    def end_turn(self) -> None:
        if self.can_act() and why_illegal(self.view, A.EndTurn()) is None:
            self.play([A.EndTurn()])

    # --- events ---------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            action = self.actions.get(event.ui_element)
            if action is not None:
                action()
        elif event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED:
            self.on_slider(event.ui_element)
        elif event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            self.on_dropdown(event.ui_element, event.text)


def _legal(view):
    from ...core.rules import legal_actions  # noqa: PLC0415

    return legal_actions(view)
