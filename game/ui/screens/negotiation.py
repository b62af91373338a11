"""The table's right-hand panel: offers to answer, the proposal builder, binding agreements, the
private briefing, and Ukraine's decision. Every choice the rules would refuse is shown disabled
with the rules' reason (``why_illegal``, in the player's language), never refused after the fact.

Offers and agreements are term sheets (``termsheet``): a row per party, differences from the offer
they counter marked. The builder keeps its scroll position between clicks and its effect summary
pinned below it, where it stays in view.
"""

from __future__ import annotations

import contextlib
import html
import time
from collections.abc import Callable

import pygame
import pygame_gui

from ... import (
    CHANCE,
    amount,
    cons_list,
    dealt_mandate,
    legal_actions,
    localized,
    money,
    score_reason,
    seat_score,
    why_illegal,
)
from ... import actions as A
from ...errors import IllegalActionError
from .. import builder as B
from .. import theme as T
from ..cards import Card
from ..i18n import tr, tr_n
from ..mapview import readable_on_dark, rgb
from ..reasons import say
from ..termsheet import ADDED, CHANGED, REMOVED, term_sheet
from ..views import UMPIRE, compare_basis, proposal_diff, seat_name, seat_names
from .base import oid

TABS = ("offers", "propose", "agreements", "briefing")


def esc(text: str) -> str:
    return html.escape(text or "", quote=False).replace("\n", "<br>")


def hexc(c) -> str:
    r, g, b = c[:3]
    return f"#{r:02x}{g:02x}{b:02x}"


class NegotiationPanel:
    """Builds and runs the right-hand panel inside ``rect``."""

    def __init__(self, screen):
        self.screen = screen
        self.app = screen.app
        self.tab = "offers"
        self.form: B.Form | None = None
        self.form_version = 0
        self.pick: tuple[int | None, int | None] = (None, None)  # (giver, kind) in the add row
        self.locks: set[int] = set()  # payers whose share the player locked
        self.just_added: tuple[int, int] | None = None  # the (giver, kind) the last size click added
        self.rect = pygame.Rect(0, 0, 10, 10)
        self.content = None
        self.summary = None  # the builder's pinned summary (an image outside the scrolling area)
        self.actions: dict[object, Callable[[], None]] = {}
        self.sig = None
        self.sliders: dict[int, tuple] = {}
        self._turn_key = None
        self.content_widgets: list = []
        self.card_texts: list[str] = []
        self.summary_texts: list[str] = []
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

    def why(self, reason: str | None) -> str | None:
        """A rules' reason in the player's language."""
        return say(self.view.game, reason, self.lang)

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

    def building(self) -> bool:
        """Whether the builder's form is on show (and its summary pinned)."""
        return self.tab == "propose" and self.can_act() and self.view.phase == "negotiation"

    # --- frame ----------------------------------------------------------------------------------

    def build(self, rect: pygame.Rect) -> None:
        """Static parts: tabs and the bottom bar; then the content."""
        self.rect = rect
        s = self.s
        m = self.app.manager
        self.summary = None
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
        half = rect.width // 2 - s(15)
        for name, key, x, action in (
            ("send", "btn_send", rect.left + s(10), self.send),
            ("end_turn", "btn_end_turn", rect.left + rect.width // 2 + s(5), self.end_turn),
        ):
            b = pygame_gui.elements.UIButton(
                pygame.Rect(x, bar_top + s(36), half, s(46)), self.t(key), m, object_id=oid(name, "primary")
            )
            self.screen.w[name] = b
            self.actions[b] = action
        self.sig = None
        self.refresh()

    def content_rect(self, summary_h: int = 0) -> pygame.Rect:
        s = self.s
        top = self.rect.top + s(40)
        return pygame.Rect(self.rect.left, top, self.rect.width, self.rect.bottom - s(96) - summary_h - top)

    def set_tab(self, tab: str) -> None:
        if tab == "propose" and self.form is None and self.can_act() and self.view.phase == "negotiation":
            self.new_form(B.new_form(self.view, self.me))
        self.tab = tab
        self.refresh()

    def new_form(self, form: B.Form | None) -> None:
        """Start the builder on ``form`` (from the top, no locks)."""
        self.form = form
        self.form_version += 1
        self.pick = (None, None)
        self.locks = set()
        self.just_added = None
        self.scroll_memory.pop("propose", None)

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
                self.new_form(None)
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
            why_end = self.why(why_illegal(v, A.EndTurn())) if acting else self.not_turn_reason()
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
        return self.why(B.check_form(self.view, self.form))

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
        if self.summary is not None:
            self.summary.kill()
            self.summary = None
        self.content_widgets = []
        self.card_texts = []
        self.summary_texts = []
        self.sliders = {}
        for name in [n for n in self.screen.w if n.startswith("c:")]:
            del self.screen.w[name]
        summary = self._summary_card() if self.building() else None
        r = self.content_rect(summary.height + summary.pad + self.s(8) if summary else 0)
        if summary is not None:
            self._show_summary(summary, pygame.Rect(r.left + self.s(8), r.bottom + self.s(4), 0, 0))
        self.content = pygame_gui.elements.UIScrollingContainer(
            r, self.app.manager, allow_scroll_x=False, object_id=oid("content")
        )
        self._scroll_key = self.tab
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
            with contextlib.suppress(AttributeError, ValueError):
                bar.set_scroll_from_start_percentage(self.scroll_memory[self._scroll_key])

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

    def _card(self, card: Card, x: int, y: int, name: str | None = None) -> int:
        """Show a hand-drawn card in the content at (x, y); returns the y below it."""
        surf = card.render()
        img = pygame_gui.elements.UIImage(
            pygame.Rect((x, y), surf.get_size()), surf, self.app.manager, container=self.content
        )
        self._add(img, name)
        self.card_texts += card.texts
        return y + surf.get_height()

    def _note(self, x: int, y: int, w: int, text: str, colour=T.MUTED, size: float = 13) -> int:
        """A plain wrapped line of text (no frame)."""
        card = Card(self.app.ink, w, bg=None, border=None, pad=self.s(2))
        card.text(text, colour, size)
        return self._card(card, x, y)

    def _reason_box(self, x: int, y: int, w: int, text: str) -> int:
        return self._note(x, y, w, text, T.WARN, 12) + self.s(2)

    # --- offers ---------------------------------------------------------------------------------

    def _offers(self, y: int) -> int:
        v, me, s = self.view, self.me, self.s
        x, w = s(8), self.inner_w - s(8)
        if me is None:
            groups = [("offers_info", list(v.offers))]
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
            return self._note(x, y, w, self.t("offers_none")) + s(8)
        acting = self.can_act()
        for key, offers in groups:
            if not offers:
                continue
            self._label(x, y, w, s(30), self.t(key), cls="title")
            y += s(28)
            for o in offers:
                y = self._offer_card(o, x, y, w, acting) + s(6)
        return y

    def _offer_card(self, o, x: int, y: int, w: int, acting: bool) -> int:
        v, me, s, lang = self.view, self.me, self.s, self.lang
        g = v.game
        colour = readable_on_dark(rgb(g.scenario.seats[o.proposer].colour))
        head = [
            (self.t("offer_title", id=o.id, seat=seat_name(g, o.proposer, lang)), colour, True),
            ("  " + self.t("offer_expires", round=o.expires), T.DIM, False),
        ]
        found = compare_basis(v, o.id, o.proposer, me)
        basis = None
        if found is not None:
            how, old, proposal = found
            label = self.t("basis_countered", id=old) if how == "countered" else self.t("basis_yours", id=old)
            basis = (label, proposal)
        card = term_sheet(
            self.app.ink,
            w,
            v,
            o.proposal,
            lang,
            head=head,
            proposer=o.proposer,
            me=me,
            basis=basis,
            accepted=o.accepted,
            waiting=o.needs(),
            accent=colour,
        )
        y = self._card(card, x, y, name=f"offer_{o.id}") + s(3)
        if me is None:
            return y
        return self._offer_buttons(o, x, y, w, acting)

    def _offer_buttons(self, o, x: int, y: int, w: int, acting: bool) -> int:
        v, me, s = self.view, self.me, self.s
        bw = (w - s(16)) // 3
        if me in o.needs():
            verbs = (
                ("accept", A.Accept(o.id), lambda: self.play([A.Accept(o.id)]), "good"),
                ("reject", A.Reject(o.id), lambda: self.play([A.Reject(o.id)]), "danger"),
                ("counter", A.Counter(o.id), lambda: self.counter(o.id), None),
            )
            reasons = {}
            for i, (verb, act, action, cls) in enumerate(verbs):
                reasons[verb] = self.why(why_illegal(v, act)) if acting else self.not_turn_reason()
                self._button(
                    x + i * (bw + s(8)),
                    y,
                    bw,
                    s(30),
                    self.t(f"btn_{verb}"),
                    f"{verb}_{o.id}",
                    action,
                    cls=cls,
                    reason=reasons[verb],
                )
            y += s(33)
            shown = next((r for r in reasons.values() if r), None) if acting else None
            if shown:
                y = self._reason_box(x, y, w, shown)
        elif o.proposer == me:
            reason = self.why(why_illegal(v, A.Withdraw(o.id))) if acting else self.not_turn_reason()
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
            y = self._note(x, y, w, self.t("offer_for_info"), size=12)
        return y

    # --- builder --------------------------------------------------------------------------------

    def _builder(self, y: int) -> int:
        v, s = self.view, self.s
        x, w = s(8), self.inner_w - s(8)
        if not self.building():
            text = self.not_turn_reason() if not self.can_act() else self.t("phase_commitment")
            return self._note(x, y, w, text)
        if self.form is None:
            self.new_form(B.new_form(v, self.me))
        f = self.form
        title = self.t("builder_counter", id=f.counter_of) if f.counter_of is not None else self.t("builder_new")
        self._label(x, y, w - s(100), s(30), title, cls="title")
        self._button(x + w - s(92), y, s(92), s(28), self.t("btn_clear"), "clear", self.clear_form, cls="chip")
        y += s(34)
        for part in (self._builder_partners, self._builder_items, self._builder_add, self._builder_shares):
            y = part(x, y, w) + s(6)
        return self._builder_terms(x, y, w)

    def _builder_partners(self, x: int, y: int, w: int) -> int:
        s, f, g = self.s, self.form, self.view.game
        self._label(x, y, w, s(24), self.t("builder_partners"), cls="muted")
        y += s(24)
        others = [i for i in range(len(g.seats)) if i != self.me]
        cols = 3
        cw = (w - (cols - 1) * s(6)) // cols
        for n, seat in enumerate(others):
            on = seat in f.partners
            self._button(
                x + (n % cols) * (cw + s(6)),
                y + (n // cols) * s(34),
                cw,
                s(30),
                seat_name(g, seat, self.lang),
                f"partner_{g.seats[seat]}",
                lambda seat=seat, on=on: self.toggle_partner(seat, not on),
                cls="chip",
                selected=on,
                reason=self.t("builder_locked") if on and seat in f.locked else None,
            )
        return y + ((len(others) + cols - 1) // cols) * s(34)

    def _base(self):
        """What the form is read against: the offer it counters (or ``None`` for a new proposal)."""
        return B.base_draft(self.view, self.form) if self.form.counter_of is not None else None

    def _builder_items(self, x: int, y: int, w: int) -> int:
        """The commitments in the form, each with its remove button; against a countered offer,
        what is new, changed or taken out is marked."""
        s, f, v, lang = self.s, self.form, self.view, self.lang
        g, sc = v.game, v.game.scenario
        self._label(x, y, w, s(24), self.t("builder_commitments"), cls="muted")
        y += s(24)
        diff = proposal_diff(f.proposal(), self._base())
        if not diff["items"]:
            return self._note(x, y, w, self.t("builder_empty"), size=12)
        for (giver, kind), (status, old, new) in diff["items"].items():
            if self._base() is None:
                status = "added" if (giver, kind) == self.just_added else "same"
            k = sc.commitments[kind]
            units = new if new is not None else old
            tint = {"added": ADDED, "removed": REMOVED, "changed": CHANGED}.get(status)
            runs = [
                (seat_name(g, giver, lang) + ": ", readable_on_dark(rgb(sc.seats[giver].colour)), True),
                (localized(k, lang) + " ", T.MUTED, False),
                (amount(g, giver, kind, units, lang), tint or T.TEXT, True),
            ]
            if status in ("added", "changed", "removed"):
                tag = (
                    self.t(f"diff_{status}")
                    if status != "changed"
                    else self.t("diff_was", old=amount(g, giver, kind, old, lang))
                )
                runs.append(("  " + tag, tint, False))
            card = Card(self.app.ink, w - s(40), bg=None, border=None, pad=s(2))
            card.runs(runs, 12)
            top = y
            y = self._card(card, x, y, name=f"item_{g.seats[giver]}_{k.id}")
            if status != "removed":
                self._button(
                    x + w - s(34),
                    top,
                    s(32),
                    s(24),
                    "×",
                    f"remove_{g.seats[giver]}_{k.id}",
                    lambda key=(giver, kind): self.remove_item(key),
                    cls="danger",
                )
            y = max(y, top + s(26)) + s(2)
        return y

    def _builder_add(self, x: int, y: int, w: int) -> int:
        """Giver and kind drop-downs, then the sizes: clicking one adds the commitment."""
        s, f, v, lang, me = self.s, self.form, self.view, self.lang, self.me
        g, sc = v.game, v.game.scenario
        parties = f.parties()
        giver, kind = self.pick
        if giver not in parties:
            giver = me
        kinds = [i for i, k in enumerate(sc.commitments) if not k.givers or g.seats[giver] in k.givers]
        if kind not in kinds:
            kind = next((k for k in kinds if k in g.may_give[giver]), kinds[0] if kinds else None)
        self.pick = (giver, kind)
        have = f.items.get((giver, kind)) if kind is not None else None
        y = self._note(x, y, w, self.t("builder_add_change" if have else "builder_add"), T.ACCENT, 12) + s(2)
        gw = s(130)
        self._add(
            self._dropdown([seat_name(g, p, lang) for p in parties], seat_name(g, giver, lang), x, y, gw, "giver")
        )
        if kinds:
            names = [localized(sc.commitments[k], lang) for k in kinds]
            self._add(
                self._dropdown(names, localized(sc.commitments[kind], lang), x + gw + s(6), y, w - gw - s(6), "kind")
            )
        self._kinds_listed, self._parties_listed = kinds, parties
        y += s(36)
        if kind is None:
            return y
        steps = sc.commitments[kind].steps
        sw = (w - (len(steps) - 1) * s(6)) // max(1, len(steps))
        reasons = []
        for n, units in enumerate(steps):
            reason = self.why(B.why_not_item(v, f, giver, kind, units))
            reasons.append(reason)
            label = amount(g, giver, kind, units, lang).split(" (")[0].split("（")[0]
            label = label if have is not None else f"+ {label}"
            if self.app.ink.measure(label, 13) > sw - s(10):
                label = str(units) if have is not None else f"+{units}"
            self._button(
                x + n * (sw + s(6)),
                y,
                sw,
                s(30),
                label,
                f"units_{units}",
                lambda units=units: self.set_item(giver, kind, units),
                reason=reason,
                selected=have == units,
            )
        y += s(34)
        shown = [r for r in reasons if r]
        if shown:
            first = reasons.index(shown[0])
            text = shown[0]
            if len(set(shown)) > 1 and len(shown) < len(steps):
                text = f"{amount(g, giver, kind, steps[first], lang)}: {shown[0]}"
            y = self._reason_box(x, y, w, text)
        return y

    def _dropdown(self, options: list[str], current: str, x: int, y: int, w: int, name: str):
        dd = pygame_gui.elements.UIDropDownMenu(
            options,
            current,
            pygame.Rect(x, y, w, self.s(30)),
            self.app.manager,
            container=self.content,
            object_id=oid(name),
            expansion_height_limit=self.s(240),
        )
        self.screen.w[f"c:{name}"] = dd
        return dd

    def _builder_shares(self, x: int, y: int, w: int) -> int:
        """A slider per payer, with a lock; the rule for who takes up a change, in words."""
        s, f, v, lang = self.s, self.form, self.view, self.lang
        g = v.game
        fixed = self._lapsed()
        parties = f.parties()
        self._label(x, y, w, s(24), self.t("builder_shares"), cls="muted")
        y += s(26)
        lock_w = s(64)
        for payer in parties:
            pct = f.shares.get(payer, 0)
            code = g.seats[payer]
            self._label(x, y, s(54), s(26), code.upper(), name=f"share_label_{code}")
            slider = pygame_gui.elements.UIHorizontalSlider(
                pygame.Rect(x + s(50), y, w - s(50) - s(48) - lock_w, s(26)),
                pct,
                (0, 100),
                self.app.manager,
                container=self.content,
                object_id=oid(f"share_{code}"),
                click_increment=g.scenario.schedule.share_step,
            )
            self._add(slider, f"share_{code}")
            value = self._label(x + w - lock_w - s(46), y, s(44), s(26), f"{pct}%", name=f"share_pct_{code}")
            locked = payer in self.locks
            if payer in fixed or len(parties) == 1 or locked:
                slider.disable()
            if payer not in fixed and len(parties) > 1:
                self._button(
                    x + w - lock_w,
                    y,
                    lock_w,
                    s(26),
                    self.t("btn_locked" if locked else "btn_lock"),
                    f"lock_{code}",
                    lambda payer=payer: self.toggle_lock(payer),
                    cls="chip",
                    selected=locked,
                )
            self.sliders[payer] = (slider, value)
            y += s(30)
        if len(parties) > 1:
            order = B.share_order(f, -1, self.locks, fixed)
            text = (
                self.t("builder_share_rule", order=self.t("list_then").join(seat_name(g, p, lang) for p in order))
                if order
                else self.t("builder_share_rule_none")
            )
            y = self._note(x, y, w, text, T.DIM, 11)
        if fixed & set(parties):
            y = self._reason_box(x, y, w, f"{seat_names(g, fixed & set(parties), lang)}: {self.t('builder_lapsed')}")
        return y

    def _builder_terms(self, x: int, y: int, w: int) -> int:
        s, f, v = self.s, self.form, self.view
        g, sc = v.game, v.game.scenario
        lw = s(76)
        self._label(x, y, lw, s(30), self.t("builder_term"), cls="muted")
        tx = x + lw
        for years_ in g.terms:
            label = self.t("term_years", years=years_)
            bw = max(s(58), self.app.ink.measure(label, 13) + s(16))
            self._button(
                tx,
                y,
                bw,
                s(30),
                label,
                f"term_{years_}",
                lambda years_=years_: self.set_term(years_),
                cls="chip",
                selected=f.term == years_,
            )
            tx += bw + s(4)
        y += s(34)
        self._label(x, y, lw, s(30), self.t("builder_deadline"), cls="muted")
        tx = x + lw
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
        y += s(34)
        return self._note(x, y, w, self.t("builder_deadline_help"), T.DIM, 11)

    # the pinned summary

    def _summary_card(self) -> Card:
        """What the form would do if it bound: credibility, the yearly bills, who must accept."""
        v, f, lang = self.view, self.form or B.new_form(self.view, self.me), self.lang
        g = v.game
        p = f.proposal()
        card = Card(self.app.ink, self.rect.width - self.s(16), accent=T.ACCENT)
        after = B.credibility_if_bound(v, p, f.proposer)
        good = after >= v.threshold
        card.runs(
            [
                (self.t("summary_title") + "  ", T.ACCENT, True),
                (self.t("sheet_credibility") + " ", T.MUTED, False),
                (f"{v.credibility:.0f} → ", T.TEXT, True),
                (f"{after:.0f}", T.GOOD if good else T.WARN, True),
                ("  " + self.t("needs", seat=seat_name(g, g.acceptor, lang), threshold=v.threshold), T.DIM, False),
            ],
            12,
        )
        bills = {s: c for s, c in B.yearly_costs(v, p).items() if c > 0}
        if bills and p.items:
            runs = [(self.t("builder_costs_label") + " ", T.MUTED, False)]
            for i, (seat, cost) in enumerate(sorted(bills.items())):
                sep = self.t("list_sep") if i else ""
                runs += [(sep + g.seats[seat].upper() + " ", T.MUTED, False), (money(lang, cost), T.TEXT, True)]
            card.runs(runs, 12)
        needs = p.givers() - {f.proposer}
        text = self.t("builder_needs", seats=seat_names(g, needs, lang)) if needs else self.t("builder_needs_none")
        card.text(text, T.MUTED, 12)
        return card

    def _show_summary(self, card: Card, at: pygame.Rect) -> None:
        surf = card.render()
        self.summary = pygame_gui.elements.UIImage(pygame.Rect(at.topleft, surf.get_size()), surf, self.app.manager)
        self.screen.w["summary"] = self.summary
        self.summary_texts = card.texts

    def _update_summary(self) -> None:
        """Redraw the pinned summary after a slider move (a rebuild if its height changed)."""
        if self.summary is None:
            return
        card = self._summary_card()
        surf = card.render()
        if surf.get_size() != self.summary.rect.size:
            self.refresh(force=True)
            return
        self.summary.set_image(surf)
        self.summary_texts = card.texts

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
        self.new_form(B.new_form(self.view, self.me))
        self.refresh()

    def toggle_partner(self, seat: int, on: bool) -> None:
        B.set_partner(self.form, seat, on, self.view.game.scenario.schedule.share_step, self._lapsed())
        if on:
            self.pick = (seat, None)
        else:
            self.locks.discard(seat)
        self._changed()

    def toggle_lock(self, payer: int) -> None:
        self.locks ^= {payer}
        self._changed()

    def remove_item(self, key) -> None:
        self.form.items.pop(key, None)
        self.just_added = None
        self._changed()

    def set_item(self, giver: int, kind: int, units: int) -> None:
        if self.form.items.get((giver, kind)) == units:
            self.form.items.pop((giver, kind))
            self.just_added = None
        else:
            self.form.items[(giver, kind)] = units
            self.just_added = (giver, kind)
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
        order = B.share_order(self.form, payer, self.locks, self._lapsed())
        self.form.shares = B.set_share(self.form.shares, payer, value, step, order)
        for p, (sl, lab) in self.sliders.items():
            pct = self.form.shares.get(p, 0)
            if int(round(sl.get_current_value())) != pct:
                sl.set_current_value(pct)
            lab.set_text(f"{pct}%")
        self._update_summary()
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
            return self._note(x, y, w, self.t("agreements_none"))
        for a in v.agreements:
            colour = readable_on_dark(rgb(g.scenario.seats[a.proposer].colour))
            head = [
                (self.t("agreement_title", id=a.id, seat=seat_name(g, a.proposer, lang)), colour, True),
                ("  " + self.t("agreement_since", round=a.round), T.DIM, False),
            ]
            card = term_sheet(
                self.app.ink,
                w,
                v,
                a.proposal,
                lang,
                head=head,
                proposer=a.proposer,
                me=self.me,
                effect=False,
                accent=colour,
            )
            y = self._card(card, x, y, name=f"agreement_{a.id}") + s(8)
        return y

    def _briefing(self, y: int) -> int:
        v, s = self.view, self.s
        x, w = s(8), self.inner_w - s(8)
        seats = [self.me] if self.me is not None else []
        if self.app.umpire or (self.me is None and self.app.viewer == UMPIRE):
            seats = list(range(len(v.game.seats)))
        if not seats:
            return self._note(x, y, w, self.t("briefing_public_only"))
        for seat in seats:
            y = self._card(self._briefing_card(seat, w), x, y, name=f"briefing_{v.game.seats[seat]}") + s(8)
        return y

    def _briefing_card(self, seat: int, w: int) -> Card:
        v, lang = self.view, self.lang
        actor = v.game.scenario.seats[seat]
        private = actor.private
        card = Card(self.app.ink, w)
        card.text(self.t("briefing_title", seat=localized(actor, lang)), (255, 217, 138), 14, bold=True)
        if private is None:
            return card
        if private.note:
            card.text(private.note, T.TEXT, 12, gap=card.s(6))
        card.text(self.t("briefing_objectives"), T.TEXT, 13, bold=True)
        for name, weight in private.objectives.weights().items():
            if weight:
                card.runs(
                    [
                        ("•" * max(1, round(weight / 5)) + " ", T.ACCENT, False),
                        (f"{weight} {self.t('obj_' + name)}", None, False),
                    ],
                    12,
                )
        card.space(card.s(4))
        card.text(self.t("briefing_reservation", value=private.reservation), T.TEXT, 12, gap=card.s(6))
        mandate = dealt_mandate(v, seat)
        if mandate is not None:  # dealt in secret: the view holds this seat's alone
            text = (mandate.l10n.get(lang).text if lang in mandate.l10n else None) or mandate.text
            points = private.objectives.mandate * mandate.value
            card.text(self.t("briefing_mandate", points=points), T.TEXT, 13, bold=True)
            card.text(text, T.TEXT, 12, gap=card.s(6))
        if actor.red_lines:
            card.text(self.t("briefing_red_lines"), T.TEXT, 13, bold=True)
            for line in actor.red_lines:
                kind = tr(lang, "red_hard") if line.hard else tr(lang, "red_soft")
                card.runs([("· " + (line.text or line.kind), None, False), (f" ({kind})", T.MUTED, False)], 12)
            card.space(card.s(4))
        try:
            score = seat_score(v, seat)
        except (AttributeError, TypeError):
            score = None
        if score is not None:
            card.text(self.t("briefing_score", total=score.total), T.TEXT, 13, bold=True)
            for line in score.lines:
                card.text(
                    self.t(
                        "score_line",
                        objective=self.t("obj_" + line.objective),
                        points=line.points,
                        weight=line.weight,
                        value=line.value,
                        reason=score_reason(line, lang),
                    ),
                    T.MUTED,
                    11,
                )
        return card

    def _decide(self, y: int) -> int:
        v, s = self.view, self.s
        sc = v.game.scenario
        x, w = s(8), self.inner_w - s(8)
        good = v.credibility >= v.threshold
        left = sc.schedule.rounds - v.round
        card = Card(self.app.ink, w, accent=T.ACCENT)
        card.text(self.t("decide_title"), (255, 217, 138), 15, bold=True, gap=card.s(6))
        card.text(self.t("decide_body", credibility=v.credibility, threshold=v.threshold), None, 13, gap=card.s(6))
        card.text(self.t("decide_good" if good else "decide_bad"), T.GOOD if good else T.BAD, 13, gap=card.s(6))
        card.text(tr_n(self.lang, "decide_hold", left, left=left) if left > 0 else self.t("decide_last"), None, 13)
        y = self._card(card, x, y, name="decision") + s(10)
        bw = (w - s(10)) // 2
        legal = legal_actions(v)
        self._button(
            x,
            y,
            bw,
            s(44),
            self.t("btn_sign"),
            "sign",
            lambda: self.play([A.Sign()]),
            cls="good" if good else "danger",
            reason=None if A.Sign() in legal else self.t("decide_title"),
        )
        self._button(x + bw + s(10), y, bw, s(44), self.t("btn_hold"), "hold", lambda: self.play([A.HoldOut()]))
        return y + s(50)

    # --- moves ----------------------------------------------------------------------------------

    def play(self, actions: list) -> bool:
        """Apply a move for the seat at the screen; a refusal is shown, and nothing changes."""
        try:
            self.app.session.play(self.me, actions)
        except IllegalActionError as e:
            self.app.toast(self.t("msg_illegal", reason=self.why(str(e))), "error")
            return False
        self.screen.on_moved()
        return True

    def counter(self, offer_id: int) -> None:
        self.new_form(B.form_from_offer(self.view, self.me, offer_id))
        self.tab = "propose"
        self.refresh()

    def restore(self, before, undone: list) -> bool:
        """After an undo of a move that sent a proposal: put that proposal back in the builder
        (as the counter-offer it was, if it was one). Returns whether it did."""
        if not any(isinstance(a, A.Send) for a in undone):
            return False
        me, v = self.me, self.view
        sent = [n.data for n in cons_list(before.news) if n.kind == "offer" and n.data[1] == me]
        sent = [d for d in sent if d[0] >= v.next_id]
        if not sent:
            return False
        proposal = sent[-1][2]
        counter_of = undone[0].offer if isinstance(undone[0], A.Counter) else None
        also = ()
        if counter_of is not None:
            offer = next((o for o in v.offers if o.id == counter_of), None)
            also = (offer.proposer,) if offer is not None else ()
        form = B.form_from_proposal(v, me, proposal, counter_of=counter_of, also=also)
        form.locked = frozenset()
        self.new_form(form)
        self.tab = "propose"
        return True

    def send(self) -> None:
        if self.form is None or self.send_reason() is not None:
            return
        steps = B.proposal_steps(self.view, self.form)
        if self.play(steps):
            self.new_form(None)
            self.tab = "offers"
            self.refresh(force=True)

    def end_turn(self) -> None:
        if self.can_act() and why_illegal(self.view, A.EndTurn()) is None:
            self.play([A.EndTurn()])

    def texts(self) -> list[str]:
        """The hand-drawn text the panel shows (its widgets' text is the manager's)."""
        return self.card_texts + self.summary_texts

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
