"""The window's own strings in English and Japanese.

Display names of actors, commitment kinds, events and rungs come from the scenario's ``l10n``
blocks (``game.core.narrate.localized``); log sentences from ``game.core.narrate.TEMPLATES``. Everything
else the window says is here. ``tr(lang, key, **args)`` falls back to English for a missing key.
"""

from __future__ import annotations

from .. import money as money  # the window formats money as the log does

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "app_title": "Coalition",
        "app_subtitle": "A negotiation wargame of security guarantees",
        "setup_scenario": "Scenario",
        "setup_open_file": "Open file…",
        "setup_language": "Language",
        "setup_seed": "Seed",
        "setup_speed": "AI pace",
        "speed_instant": "Instant",
        "speed_fast": "Fast",
        "speed_normal": "Normal",
        "speed_slow": "Slow",
        "setup_seats": "Who plays each seat",
        "seat_human": "Human",
        "seat_ai": "AI: {name}",
        "seat_ai_other": "AI: other…",
        "agent_title": "An AI of your own",
        "agent_prompt": "Its import path, package.module:ClassName (docs/agents.md):",
        "agent_use": "Use it",
        "err_agent": "This AI cannot be used",
        "setup_all_human": "All human",
        "setup_all_ai": "All AI",
        "setup_start": "Start game",
        "setup_resume": "Resume last game",
        "setup_resume_info": "Autosave: {title} · round {round} of {rounds}",
        "setup_resume_turn": "{line} · {turn}",
        "setup_guide_on": "First-game guide: on",
        "setup_guide_off": "First-game guide: off",
        "setup_guide_tip": "Each human seat's first round comes with a short guide to the table (F1 for the rules).",
        "setup_load": "Load saved game…",
        "setup_quit": "Quit",
        "setup_no_humans": "No human seat: you will watch the AIs play, with the umpire view.",
        "setup_humans": "{n} human seats: pass the screen when the game asks.",
        "setup_humans_one": "One human seat: the AIs play the others.",
        "setup_pick_file": "Choose a scenario file",
        "setup_pick_save": "Choose a saved game",
        "setup_keys": "F1: help · Enter: start",
        "err_scenario": "This scenario cannot be loaded",
        "err_load": "This saved game cannot be loaded",
        "err_seed": "The seed must be a whole number.",
        "setup_autosave_broken": "The autosave is damaged and cannot be resumed.",
        "handover_title": "Pass the screen to {seat}",
        "handover_body": "{seat} plays next. Make sure the others cannot see the screen before you go on.",
        "handover_ready": "I am {seat}: show my screen",
        "handover_phase": "Round {round} of {rounds} · {month} · {phase}",
        "handover_hint": "Click the button or press Space when ready.",
        "handover_report_more": "The full round report opens at the table (R).",
        "handover_public": "Credibility {credibility:.0f} · {seat} signs at {threshold:.0f} · escalation: {rung}",
        "round_label": "Round {round}/{rounds}",
        "phase_events": "Events",
        "phase_negotiation": "Negotiation",
        "phase_commitment": "Decision",
        "phase_resolution": "Resolution",
        "phase_over": "Game over",
        "turn_of": "{seat} to play",
        "pass_of": "pass {n} of {m}",
        "thinking": "{seat} is thinking…",
        "chance_rolling": "Events and dice…",
        "your_turn": "Your turn",
        "btn_undo": "Undo",
        "btn_save": "Save",
        "btn_help": "Help",
        "btn_menu": "Setup",
        "btn_end_turn": "End turn",
        "btn_umpire": "Umpire",
        "btn_seat_view": "Seat view",
        "tab_offers": "Offers",
        "tab_offers_n": "Offers ({n})",
        "tab_propose": "Propose",
        "tab_agreements": "Agreements",
        "tab_briefing": "Briefing",
        "panel_actors": "Seats",
        "panel_credibility": "Guarantee credibility",
        "needs": "{seat} signs at {threshold:.0f}",
        "needs_from": "{seat} signs at {threshold:.0f}, from round {round}",
        "panel_escalation": "Escalation with {env}",
        "panel_escalation_plain": "Escalation",
        "panel_log": "Log",
        "budget": "+{budget}/yr",
        "support": "support {value:.0f}",
        "committed_none": "nothing committed",
        "controller_human": "human",
        "controller_ai": "AI",
        "agent_random": "random",
        "agent_negotiator": "negotiator",
        "agent_mcts": "MCTS",
        "viewing_seat": "View: {seat}",
        "viewing_public": "Public view",
        "viewing_umpire": "Umpire view: everything shown",
        "offers_none": "No offers for you right now. Open Propose to make one.",
        "offers_to_you": "Waiting for your answer",
        "offers_yours": "Your open offers",
        "offers_info": "For your information",
        "offer_title": "Offer {id} from {seat}",
        "offer_expires": "open until the end of round {round}",
        "basis_countered": "Counters offer {id}",
        "basis_yours": "Against your offer {id}",
        "diff_added": "added",
        "diff_removed": "removed",
        "diff_changed": "changed",
        "diff_was": "was {old}",
        "sheet_accepted": "Accepted:",
        "sheet_waiting": "Waiting for:",
        "sheet_pays": "pays a share",
        "sheet_invited": "invited",
        "sheet_credibility": "Credibility",
        "sheet_your_bill": "Your bill:",
        "agreement_since": "binding since round {round}",
        "builder_add": "Add a commitment: pick a giver and a commitment, then click a size to add it.",
        "builder_add_change": "In the proposal: click another size to change it, the same size to take it out.",
        "btn_lock": "Lock",
        "btn_locked": "Locked",
        "builder_share_rule": (
            "Moving a share takes the difference from {order}, in that order. Lock a share to keep it."
        ),
        "builder_share_rule_none": "Every other share is locked: unlock one to move shares.",
        "list_then": ", then ",
        "list_sep": ", ",
        "summary_title": "If it binds:",
        "builder_costs_label": "Yearly bills:",
        "btn_report": "Round report",
        "btn_prev_round": "‹ Earlier",
        "btn_next_round": "Later ›",
        "btn_close": "Close",
        "report_title": "Round {round} ({month}): what happened",
        "report_opening": "Before round 1: the opening",
        "report_so_far": "so far",
        "report_events": "Event cards drawn",
        "report_no_events": "No card was drawn.",
        "report_no_card": "No card could be drawn.",
        "report_odds": "{pct} chance",
        "report_dice": "Dice rolled",
        "report_no_dice": "No dice were rolled.",
        "report_roll_incident": "Incident risk: {kind} ({seat})",
        "report_hit": "it happened",
        "report_miss": "not this time",
        "report_changes": "What changed, and why",
        "report_no_change": "Nothing moved.",
        "report_also": "Also",
        "cause_event": "Event: {title}",
        "cause_reaction": "Russia: {title}",
        "cause_incident": "Incident: {kind} ({seat})",
        "cause_bind": "Agreement {id} binds",
        "cause_stale": "Agreement {id} lapses",
        "cause_calm": "a credible guarantee calms tensions",
        "cause_accounts": "the round's accounts",
        "cause_accounts_funds": "the round's budget in, bills out",
        "cause_accounts_support": "the commitments' strain at home, unpaid bills",
        "cause_accounts_budget": "the round's accounts",
        "cause_lapse": "{seat} withdraws",
        "cause_hidden": "a card you were not shown",
        "guide_title": "First-game guide",
        "guide_step": "{n} of {m}",
        "guide_next": "Next",
        "guide_skip": "Skip the guide",
        "guide_welcome": (
            "You are {seat}. The seats at this table negotiate security guarantees for Ukraine: {acceptor} "
            "signs the peace deal when the guarantee's credibility reaches {threshold}, from round {earliest} "
            "({month}) on. This guide walks you through your first round."
        ),
        "guide_briefing": (
            "Open your {tab_briefing}: your objectives (how you score), the least you would settle for, your "
            "red lines. Only you see it."
        ),
        "guide_gauges": (
            "On the left: each seat's money and domestic support; the guarantee's credibility against "
            "{acceptor}'s threshold of {threshold}; and the escalation ladder with Russia, whose top rung ends "
            "the game for everyone."
        ),
        "guide_propose": "Now make an offer: open {tab_propose}.",
        "guide_partner": (
            "Pick the partners you are asking: click a country. Only those who give something (forces or a "
            "cost share) must accept."
        ),
        "guide_add": (
            "Choose who gives what in the two menus, then click a size: that adds the commitment. A greyed-out "
            "size says why."
        ),
        "guide_summary": (
            "The summary stays in view: what the offer does to credibility if it binds, everyone's yearly bill, "
            "and who must accept. Move the cost shares with the sliders ({btn_lock} keeps one)."
        ),
        "guide_send": "When it is ready, press {btn_send}. If it is greyed out, the reason is shown just above it.",
        "guide_offers": (
            "Offers addressed to you wait under {tab_offers}: Accept, Reject, or {btn_counter} to change one and "
            "send it back. Each offer marks what differs from the one it answers."
        ),
        "guide_end": (
            "Then press {btn_end_turn}. Every seat speaks {passes} times a round; {acceptor} decides from round "
            "{earliest} on; then come the bills, the incidents and Russia's reactions."
        ),
        "guide_report": (
            "Between rounds the {btn_report} sums up what happened: the cards drawn, the dice and their odds, "
            "every change and why (R opens it again). F1 has the rules. Good luck."
        ),
        "btn_accept": "Accept",
        "btn_reject": "Reject",
        "btn_counter": "Counter-offer",
        "btn_withdraw": "Withdraw",
        "offer_for_info": "It needs nothing from you.",
        "builder_new": "New proposal",
        "builder_counter": "Counter-offer to offer {id}",
        "builder_partners": "Partners",
        "builder_commitments": "Commitments",
        "builder_empty": "No commitments yet: pick a giver, a commitment and a size.",
        "builder_shares": "Cost shares (always 100% in all)",
        "builder_term": "Term",
        "term_years": "{years} yr",
        "builder_deadline": "Open for",
        "deadline_rounds": "+{n}",
        "builder_needs": "Needs the acceptance of: {seats}",
        "builder_needs_none": "Binds as soon as it is sent (only you give).",
        "btn_send": "Send proposal",
        "btn_clear": "Clear",
        "builder_ready": "Ready to send.",
        "builder_locked": "already invited in the offer you counter",
        "builder_lapsed": "support too low to take on costs",
        "builder_deadline_help": "more rounds it stays open",
        "not_your_turn": "Not your turn: {seat} is to play.",
        "decide_title": "Sign the peace deal, or hold out?",
        "decide_body": "The guarantee's credibility is {credibility:.0f}; you need {threshold:.0f}.",
        "decide_good": (
            "Signing now gives a deal on fair terms, backed by a credible guarantee. The game ends after this round."
        ),
        "decide_bad": "Signing now gives a deal on terms that favour Russia. The game ends after this round.",
        "decide_hold": "Holding out keeps the talks going: {left} more rounds.",
        "decide_hold_one": "Holding out keeps the talks going: one more round.",
        "decide_last": "This is the last round: holding out means no deal.",
        "btn_sign": "Sign the deal",
        "btn_hold": "Hold out",
        "agreements_none": "No binding agreements yet.",
        "agreement_title": "Agreement {id} from {seat}",
        "briefing_title": "Private briefing: {seat}",
        "briefing_objectives": "Your objectives (weights)",
        "briefing_reservation": "You would settle for a final score of at least {value:.0f}.",
        "briefing_mandate": "Your secret mandate ({points:.0f} points if the signed deal meets it)",
        "briefing_score": "Your score if the game ended now: {total:+.1f}",
        "briefing_red_lines": "Red lines",
        "red_hard": "hard",
        "red_soft": "soft",
        "briefing_public_only": "Private briefings are shown only to the seat at the screen.",
        "obj_peace": "Peace",
        "obj_low_cost": "Low cost",
        "obj_credibility": "Credibility",
        "obj_low_escalation": "Low escalation",
        "obj_support": "Domestic support",
        "obj_red_lines": "Red lines kept",
        "obj_leadership": "Leadership",
        "obj_mandate": "Secret mandate",
        "end_title": "The game is over",
        "outcome_signed": "The peace deal was signed with a credible guarantee.",
        "outcome_bad_terms": "The peace deal was signed on terms that favour Russia.",
        "outcome_no_deal": "The clock ran out without a deal.",
        "outcome_collapse": "Escalation reached the top of the ladder.",
        "end_winner": "Winner, furthest above its bottom line: {seats}",
        "end_no_winner": "No winner: nobody wins a war that goes on",
        "end_margin": "{margin:+.1f} over its bottom line of {bottom:.0f}",
        "end_final": "Final credibility {credibility:.0f} (needed {threshold:.0f}) · escalation rung {rung} of {top}",
        "end_scores": "Scores and why",
        "end_replay": "Replay",
        "replay_step": "{i} / {n}",
        "btn_new_game": "New game",
        "btn_quit": "Quit",
        "btn_play": "Play",
        "btn_pause": "Pause",
        "score_total": "{seat}: {total:+.1f}",
        "score_line": "{objective} {points:+.1f} = {weight} × {value:+.2f}: {reason}",
        "help_title": "How to play",
        "help_body": (
            "Build a guarantee for {acceptor}'s security that is credible enough for {acceptor} to sign, "
            "without paying more than your voters will bear and without a direct clash with Russia.\n\n"
            "On your turn: answer the offers addressed to you ({tab_offers}), send one proposal ({tab_propose}: "
            "pick partners, add commitments, set cost shares, term and deadline), then {btn_end_turn}. A proposal "
            "binds once everyone who gives something in it has accepted; binding agreements are under "
            "{tab_agreements}.\n\n"
            "Greyed-out buttons tell you why, underneath or when you point at them. Your private objectives and "
            "what you would settle for are under {tab_briefing}. Between two human seats the game shows a "
            "hand-over screen: pass the computer, then click. Between rounds, the {btn_report} says what happened."
        ),
        "help_keys_title": "Keys",
        "help_keys": (
            "F1  this help (Tab: next page) · Esc  close\n"
            "Ctrl+Z  undo your last move (this turn only)\n"
            "Ctrl+S  save · Ctrl+E  {btn_end_turn}\n"
            "1 / 2 / 3 / 4  {tab_offers} / {tab_propose} / {tab_agreements} / {tab_briefing}\n"
            "R  {btn_report}\n"
            "Space  ready (hand-over) · + / −  AI pace\n"
            "Left / Right arrows  step the replay (end screen)"
        ),
        "help_page_play": "How to play",
        "period_months": "{n} months",
        "period_months_one": "a month",
        "help_page_rules": "Rules",
        "help_page_keys": "Keys",
        "help_close": "F1 / Esc to close · Tab for the next page",
        "rules_round_title": "A round",
        "rules_round": (
            "The game has {rounds} rounds of {period}, from {first} to {last}. Each round: {events} event card is "
            "drawn; every seat speaks {passes} times in turn, answering the offers addressed to it and sending at "
            "most {proposals} proposal a turn; {acceptor} signs or holds out (from round {earliest}); then the round "
            "is resolved: each seat receives its budget and pays its cost shares, commitments strain domestic "
            "support, and the dice roll for incidents and Russia's reactions."
        ),
        "rules_sign_title": "When {acceptor} may sign",
        "rules_sign": (
            "From round {earliest} ({month}) {acceptor} decides each round whether to sign the peace deal; before "
            "that there is no decision. Signing with credibility at {threshold:.0f} or more is a fair peace; below "
            "it, a deal on Russia's terms. If it never signs, the clock runs out without a deal."
        ),
        "rules_aftermath": (
            " After signing, {n} more rounds are played: the guarantee is tested while the bills come in."
        ),
        "rules_window": " An agreement {acceptor} has not signed for within {n} rounds lapses, and its forces go home.",
        "rules_cred_title": "Credibility",
        "rules_cred": (
            "Credibility (0 to 100) is what the commitments in force are worth together: each unit gives its kind's "
            "points, times its term's credit ({terms}), times the synergies that hold ({synergies}); then "
            "100 × (1 − e^(−points ÷ {scale})), plus lasting changes from events, minus unpaid bills. From "
            "{calm:.0f} on, a credible guarantee eases escalation by a rung each round."
        ),
        "rules_esc_title": "Escalation",
        "rules_esc": (
            "The ladder has {n} rungs, from “{bottom}” to “{top}”. Incidents (aircraft clashing, a strike near a "
            "base) and Russia's reactions climb it. Reaching “{top}” ends the game, and everyone loses."
        ),
        "rules_money_title": "Money and support",
        "rules_money": (
            "Each seat receives its yearly budget round by round and pays its cost shares: running costs each "
            "round, up-front costs when an agreement binds. What it cannot pay is arrears, costing domestic support "
            "and credibility. Commitments strain support at home; a government below {lapse:.0f} withdraws its "
            "commitments."
        ),
        "rules_score_title": "Scoring",
        "rules_score": (
            "Each seat weighs its own objectives (peace, low cost, credibility, low escalation, domestic support, "
            "red lines kept, leadership) in private: see {tab_briefing}. Without a signed deal nobody wins; with "
            "one, the winner is the seat that beats its own bottom line by the most. The end screen explains every "
            "point."
        ),
        "rules_synergy": "{kind} ×{x:g} with {other}",
        "rules_term": "{years}: ×{credit:g}",
        "log_undo": "{seat} took back its last move.",
        "log_ai_failed": "{seat}'s AI made an illegal move; it passes instead.",
        "saved_to": "Saved to {path}",
        "msg_illegal": "Not allowed: {reason}",
        "undo_not_turn": "Only the seat to play can undo, before the hand-over.",
        "undo_draft_back": "Your proposal is back in the builder: change it and send it again.",
        "undo_nothing": "Nothing to undo this turn (earlier turns and chance cannot be taken back).",
        "autosave_failed": "Autosave failed: {error}",
        "confirm_leave": "Leave this game? It is saved: you can resume it from the setup screen.",
        "confirm_new_game": (
            "Start a new game? Your unfinished game ({scenario}, {actions} moves) stays in the autosaves: "
            "Resume or Load it from this screen (the last {keep} games are kept)."
        ),
        "confirm_umpire": "The umpire view shows every seat's secrets. Show it?",
        "btn_yes": "Yes",
        "speed_now": "AI pace: {speed}",
        "map_nfz": "No-fly zone",
        "map_ad": "air defence",
        "map_incident": "incident",
        "legend_troops": "troops deployed",
        "legend_ad": "air-defence cover",
        "legend_nfz": "no-fly zone",
        "legend_incident": "incident",
        "legend_event": "event, where it happened",
        "map_event": "Event: {title}",
        "map_last_round": "last round",
        "code_fighters": "fighters",
        "code_air_defence": "air defence",
        "code_intelligence": "intelligence",
        "code_command": "command",
        "code_money": "money",
        "end_best": "best",
        "level_random": "easy",
        "level_negotiator": "normal",
        "level_mcts": "strong",
        "seat_ai_level": "AI: {name} ({level})",
    },
    "ja": {
        "app_title": "コアリション",
        "app_subtitle": "安全保障の保証をめぐる交渉ウォーゲーム",
        "setup_scenario": "シナリオ",
        "setup_open_file": "ファイルを開く…",
        "setup_language": "言語",
        "setup_seed": "シード",
        "setup_speed": "AIの速さ",
        "speed_instant": "即時",
        "speed_fast": "速い",
        "speed_normal": "普通",
        "speed_slow": "ゆっくり",
        "setup_seats": "各席の担当",
        "seat_human": "人間",
        "seat_ai": "AI：{name}",
        "seat_ai_other": "AI：その他…",
        "agent_title": "自作のAI",
        "agent_prompt": "インポートパス（package.module:ClassName、docs/agents.md 参照）：",
        "agent_use": "使う",
        "err_agent": "このAIは使えません",
        "setup_all_human": "全員人間",
        "setup_all_ai": "全員AI",
        "setup_start": "ゲーム開始",
        "setup_resume": "前回のゲームを再開",
        "setup_resume_info": "自動保存：{title}・第{round}ラウンド（全{rounds}）",
        "setup_resume_turn": "{line}・{turn}",
        "setup_guide_on": "はじめてのガイド：オン",
        "setup_guide_off": "はじめてのガイド：オフ",
        "setup_guide_tip": "人間の各席の最初のラウンドで、画面の使い方を短く案内します（ルールはF1）。",
        "setup_load": "保存したゲームを読み込む…",
        "setup_quit": "終了",
        "setup_no_humans": "人間の席がありません。AI同士の対戦を審判ビューで観戦します。",
        "setup_humans": "人間の席：{n}。ゲームの指示で画面を交代してください。",
        "setup_pick_file": "シナリオファイルを選ぶ",
        "setup_pick_save": "保存したゲームを選ぶ",
        "setup_keys": "F1：ヘルプ・Enter：開始",
        "err_scenario": "このシナリオは読み込めません",
        "err_load": "この保存データは読み込めません",
        "err_seed": "シードは整数で入力してください。",
        "setup_autosave_broken": "自動保存データが壊れているため再開できません。",
        "handover_title": "{seat}に画面を渡してください",
        "handover_body": "次は{seat}の番です。他の人に画面が見えないことを確かめてから進んでください。",
        "handover_ready": "{seat}です：自分の画面を表示",
        "handover_phase": "第{round}ラウンド（全{rounds}）・{month}・{phase}",
        "handover_hint": "準備ができたらボタンを押すか、スペースキーを押してください。",
        "handover_report_more": "ラウンド報告の全体は卓の画面で開きます（R）。",
        "handover_public": "信頼性 {credibility:.0f}・{seat}の署名基準 {threshold:.0f}・緊張段階：{rung}",
        "round_label": "第{round}/{rounds}ラウンド",
        "phase_events": "出来事",
        "phase_negotiation": "交渉",
        "phase_commitment": "決断",
        "phase_resolution": "解決",
        "phase_over": "ゲーム終了",
        "turn_of": "{seat}の番",
        "pass_of": "{m}巡中{n}巡目",
        "thinking": "{seat}が考えています…",
        "chance_rolling": "出来事と判定…",
        "your_turn": "あなたの番",
        "btn_undo": "取り消し",
        "btn_save": "保存",
        "btn_help": "ヘルプ",
        "btn_menu": "設定画面",
        "btn_end_turn": "手番を終える",
        "btn_umpire": "審判",
        "btn_seat_view": "席のビュー",
        "tab_offers": "提案",
        "tab_offers_n": "提案（{n}）",
        "tab_propose": "提案を作る",
        "tab_agreements": "合意",
        "tab_briefing": "ブリーフィング",
        "panel_actors": "各席",
        "panel_credibility": "保証の信頼性",
        "needs": "{seat}の署名基準 {threshold:.0f}",
        "needs_from": "{seat}の署名基準 {threshold:.0f}（第{round}ラウンドから）",
        "panel_escalation": "{env}との緊張段階",
        "panel_escalation_plain": "緊張段階",
        "panel_log": "記録",
        "budget": "年+{budget}",
        "support": "支持 {value:.0f}",
        "committed_none": "拠出なし",
        "controller_human": "人間",
        "controller_ai": "AI",
        "agent_random": "ランダム",
        "agent_negotiator": "交渉役",
        "agent_mcts": "モンテカルロ探索",
        "viewing_seat": "{seat}のビュー",
        "viewing_public": "公開ビュー",
        "viewing_umpire": "審判ビュー：すべて表示中",
        "offers_none": "あなた宛ての提案は今ありません。「提案を作る」から提案できます。",
        "offers_to_you": "あなたの回答待ち",
        "offers_yours": "あなたの提案",
        "offers_info": "参考（回答不要）",
        "offer_title": "提案{id}（{seat}から）",
        "offer_expires": "第{round}ラウンド終了まで有効",
        "basis_countered": "提案{id}への対案",
        "basis_yours": "あなたの提案{id}との比較",
        "diff_added": "追加",
        "diff_removed": "削除",
        "diff_changed": "変更",
        "diff_was": "（前は{old}）",
        "sheet_accepted": "受諾済み：",
        "sheet_waiting": "回答待ち：",
        "sheet_pays": "費用を分担",
        "sheet_invited": "招待",
        "sheet_credibility": "信頼性",
        "sheet_your_bill": "あなたの負担：",
        "agreement_since": "第{round}ラウンドに成立",
        "builder_add": "拠出を加える：拠出国と種類を選び、規模のボタンを押すと提案に加わります。",
        "builder_add_change": "提案に入っています：別の規模を押すと変更、同じ規模を押すと取り除きます。",
        "btn_lock": "固定",
        "btn_locked": "固定中",
        "builder_share_rule": "分担を動かすと、差分は{order}の順に調整されます。固定した分担は変わりません。",
        "builder_share_rule_none": "ほかの分担がすべて固定されています。動かすには固定を外してください。",
        "list_then": "→",
        "list_sep": "、",
        "summary_title": "成立すると：",
        "builder_costs_label": "年間負担：",
        "btn_report": "ラウンド報告",
        "btn_prev_round": "‹ 前",
        "btn_next_round": "次 ›",
        "btn_close": "閉じる",
        "report_title": "第{round}ラウンド（{month}）の出来事",
        "report_opening": "第1ラウンドの前：開幕の出来事",
        "report_so_far": "途中経過",
        "report_events": "引かれた出来事カード",
        "report_no_events": "カードは引かれませんでした。",
        "report_no_card": "引けるカードがありませんでした。",
        "report_odds": "確率{pct}",
        "report_dice": "判定",
        "report_no_dice": "判定はありませんでした。",
        "report_roll_incident": "事案の危険：{seat}の{kind}",
        "report_hit": "発生",
        "report_miss": "発生せず",
        "report_changes": "変化とその理由",
        "report_no_change": "変化はありませんでした。",
        "report_also": "そのほか",
        "cause_event": "出来事：{title}",
        "cause_reaction": "ロシア：{title}",
        "cause_incident": "事案：{seat}の{kind}",
        "cause_bind": "合意{id}が成立",
        "cause_stale": "合意{id}が失効",
        "cause_calm": "信頼できる保証が緊張を和らげた",
        "cause_accounts": "ラウンドの収支",
        "cause_accounts_funds": "予算の受け取りと費用の支払い",
        "cause_accounts_support": "拠出による国内の負担、未払い",
        "cause_accounts_budget": "ラウンドの収支",
        "cause_lapse": "{seat}が撤退",
        "cause_hidden": "あなたには伏せられたカード",
        "guide_title": "はじめてのガイド",
        "guide_step": "{n}/{m}",
        "guide_next": "次へ",
        "guide_skip": "ガイドを終える",
        "guide_welcome": (
            "あなたは{seat}です。この卓の各席は、ウクライナの安全保障の保証を交渉します。保証の信頼性が{threshold}に"
            "達すれば、{acceptor}は第{earliest}ラウンド（{month}）以降に和平合意に署名します。このガイドで最初の"
            "ラウンドの進め方を案内します。"
        ),
        "guide_briefing": (
            "まず「{tab_briefing}」を開きましょう。あなたの目標（得点のしかた）、受け入れられる最低限の得点、"
            "レッドラインが書かれています。見られるのはあなただけです。"
        ),
        "guide_gauges": (
            "左側には、各席の資金と国内支持、{acceptor}の署名基準{threshold}に対する保証の信頼性、そしてロシアとの"
            "緊張段階があります。最上段に達すると全員の負けでゲームが終わります。"
        ),
        "guide_propose": "では提案しましょう。「{tab_propose}」を開きます。",
        "guide_partner": (
            "相手国を選びます。国名を押してください。何かを拠出する国（部隊や費用分担）だけが受諾する必要があります。"
        ),
        "guide_add": (
            "2つのメニューで拠出国と種類を選び、規模のボタンを押すと拠出が提案に加わります。押せない規模には"
            "理由が表示されます。"
        ),
        "guide_summary": (
            "下の要約は常に表示されます。成立した場合の信頼性、各国の年間負担、受諾が必要な国です。費用分担は"
            "スライダーで動かせます（「{btn_lock}」で固定）。"
        ),
        "guide_send": "準備ができたら「{btn_send}」を押します。押せないときは、すぐ上に理由が出ます。",
        "guide_offers": (
            "あなた宛ての提案は「{tab_offers}」にあります。受諾、拒否、または「{btn_counter}」で修正して送り返せます。"
            "各提案には、元の提案との違いが色で示されます。"
        ),
        "guide_end": (
            "最後に「{btn_end_turn}」を押します。各席は1ラウンドに{passes}回発言し、{acceptor}は第{earliest}ラウンド"
            "から署名を判断します。その後、費用の支払い、事案、ロシアの反応が続きます。"
        ),
        "guide_report": (
            "ラウンドの間には「{btn_report}」で出来事がまとめて表示されます。引かれたカード、判定とその確率、すべての"
            "変化とその理由です（Rキーでもう一度開けます）。ルールはF1で見られます。幸運を。"
        ),
        "btn_accept": "受諾",
        "btn_reject": "拒否",
        "btn_counter": "対案を作る",
        "btn_withdraw": "撤回",
        "offer_for_info": "あなたの拠出は含まれていません。",
        "builder_new": "新しい提案",
        "builder_counter": "提案{id}への対案",
        "builder_partners": "相手国",
        "builder_commitments": "拠出内容",
        "builder_empty": "拠出はまだありません。拠出国・種類・規模を選んでください。",
        "builder_shares": "費用分担（合計は常に100%）",
        "builder_term": "期間",
        "term_years": "{years}年",
        "builder_deadline": "有効期間",
        "deadline_rounds": "+{n}",
        "builder_needs": "受諾が必要な国：{seats}",
        "builder_needs_none": "送るとすぐ成立します（拠出するのはあなただけ）。",
        "btn_send": "提案を送る",
        "btn_clear": "クリア",
        "builder_ready": "送信できます。",
        "builder_locked": "対案の元の提案で既に招かれています",
        "builder_lapsed": "支持率が低すぎて費用を負担できません",
        "builder_deadline_help": "このラウンドの後も有効なラウンド数",
        "not_your_turn": "あなたの番ではありません：{seat}の番です。",
        "decide_title": "和平合意に署名しますか、それとも見送りますか？",
        "decide_body": "保証の信頼性は{credibility:.0f}、必要な水準は{threshold:.0f}です。",
        "decide_good": (
            "今署名すれば、信頼できる保証に裏打ちされた公正な条件での合意になります。このラウンドでゲームは終わります。"
        ),
        "decide_bad": "今署名すると、ロシア寄りの条件での合意になります。このラウンドでゲームは終わります。",
        "decide_hold": "見送れば交渉は続きます：残り{left}ラウンド。",
        "decide_last": "最後のラウンドです。見送れば合意なしで終わります。",
        "btn_sign": "合意に署名",
        "btn_hold": "見送る",
        "agreements_none": "成立した合意はまだありません。",
        "agreement_title": "合意{id}（{seat}の提案）",
        "briefing_title": "非公開ブリーフィング：{seat}",
        "briefing_objectives": "あなたの目標（重み）",
        "briefing_reservation": "最終得点が{value:.0f}以上なら受け入れられます。",
        "briefing_mandate": "あなたの秘密の任務（署名された合意が満たせば{points:.0f}点）",
        "briefing_score": "今ゲームが終わった場合の得点：{total:+.1f}",
        "briefing_red_lines": "レッドライン",
        "red_hard": "絶対",
        "red_soft": "柔軟",
        "briefing_public_only": "非公開ブリーフィングは画面の前にいる席にだけ表示されます。",
        "obj_peace": "和平",
        "obj_low_cost": "低コスト",
        "obj_credibility": "信頼性",
        "obj_low_escalation": "緊張の抑制",
        "obj_support": "国内支持",
        "obj_red_lines": "レッドライン順守",
        "obj_leadership": "主導権",
        "obj_mandate": "秘密の任務",
        "end_title": "ゲーム終了",
        "outcome_signed": "信頼できる保証のもとで和平合意が署名されました。",
        "outcome_bad_terms": "ロシア寄りの条件で和平合意が署名されました。",
        "outcome_no_deal": "合意のないまま時間切れになりました。",
        "outcome_collapse": "緊張が最上段に達しました。",
        "end_winner": "勝者（最低ラインを最も大きく上回った国）：{seats}",
        "end_no_winner": "勝者なし：戦争が続くなら誰も勝たない",
        "end_margin": "最低ライン{bottom:.0f}に対し{margin:+.1f}",
        "end_final": "最終的な信頼性 {credibility:.0f}（必要 {threshold:.0f}）・緊張段階 {rung}/{top}",
        "end_scores": "得点と理由",
        "end_replay": "リプレイ",
        "replay_step": "{i} / {n}",
        "btn_new_game": "新しいゲーム",
        "btn_quit": "終了",
        "btn_play": "再生",
        "btn_pause": "一時停止",
        "score_total": "{seat}：{total:+.1f}",
        "score_line": "{objective} {points:+.1f} = {weight} × {value:+.2f}：{reason}",
        "help_title": "遊び方",
        "help_body": (
            "{acceptor}が署名できるだけの信頼性を持つ安全保障の保証を築きましょう。ただし自国の有権者が耐えられる"
            "以上の負担は負わず、ロシアとの直接衝突も避けること。\n\n"
            "自分の番では：自分宛ての提案に答え（「{tab_offers}」）、提案を1つ送り（「{tab_propose}」：相手国、"
            "拠出、費用分担、期間、有効期間）、「{btn_end_turn}」を押します。拠出するすべての国が受諾すると提案は"
            "成立し、「{tab_agreements}」に載ります。\n\n"
            "押せないボタンには理由が表示されます。非公開の目標と受け入れられる最低限の得点は「{tab_briefing}」に"
            "あります。人間の席が続くときは画面交代の画面が出ます。ラウンドの間には「{btn_report}」が出来事を"
            "まとめます。"
        ),
        "help_keys_title": "キー操作",
        "help_keys": (
            "F1  ヘルプ（Tab：次のページ）・Esc  閉じる\n"
            "Ctrl+Z  直前の手を取り消す（この手番のみ）\n"
            "Ctrl+S  保存・Ctrl+E  {btn_end_turn}\n"
            "1 / 2 / 3 / 4  {tab_offers} / {tab_propose} / {tab_agreements} / {tab_briefing}\n"
            "R  {btn_report}\n"
            "スペース  準備完了（画面交代）・+ / −  AIの速さ\n"
            "← / →  リプレイを進める・戻す（終了画面）"
        ),
        "help_page_play": "遊び方",
        "period_months": "{n}か月",
        "help_page_rules": "ルール",
        "help_page_keys": "キー操作",
        "help_close": "F1 / Escで閉じる・Tabで次のページ",
        "rules_round_title": "ラウンド",
        "rules_round": (
            "ゲームは{first}から{last}までの全{rounds}ラウンド（1ラウンド＝{period}）です。各ラウンドでは、出来事"
            "カードが{events}枚引かれ、各席が順に{passes}回ずつ発言して自分宛ての提案に答え、1手番に{proposals}件まで"
            "提案を送ります。{acceptor}が署名するか見送り（第{earliest}ラウンドから）、最後に解決です。各席が予算を"
            "受け取って費用分担を支払い、拠出が国内支持に負担をかけ、事案とロシアの反応が判定されます。"
        ),
        "rules_sign_title": "{acceptor}が署名できるとき",
        "rules_sign": (
            "第{earliest}ラウンド（{month}）から、{acceptor}は毎ラウンド和平合意に署名するかを決めます。それまでは"
            "判断はありません。信頼性が{threshold:.0f}以上で署名すれば公正な和平、それ未満ならロシア寄りの条件での"
            "合意です。署名しないまま最終ラウンドが過ぎると、合意なしで終わります。"
        ),
        "rules_aftermath": "署名の後も{n}ラウンド続き、費用を払いながら保証が試されます。",
        "rules_window": "{acceptor}が{n}ラウンド以内に署名しなかった合意は失効し、部隊は帰還します。",
        "rules_cred_title": "信頼性",
        "rules_cred": (
            "信頼性（0〜100）は、実施中の拠出を合わせた価値です。各単位が種類ごとの点数を持ち、期間による係数"
            "（{terms}）と、成り立つ相乗効果（{synergies}）を掛けます。それを100 ×（1 − e^(−点数 ÷ {scale})）にし、"
            "出来事による持続的な増減を加え、未払いの分を引きます。信頼性が{calm:.0f}以上なら、緊張段階が毎ラウンド"
            "1段下がります。"
        ),
        "rules_esc_title": "緊張段階",
        "rules_esc": (
            "段階は「{bottom}」から「{top}」まで{n}段あります。事案（航空機の衝突、基地近くへの攻撃）とロシアの反応で"
            "上がります。「{top}」に達するとゲームは終わり、全員の負けです。"
        ),
        "rules_money_title": "資金と国内支持",
        "rules_money": (
            "各席は年間予算をラウンドごとに受け取り、費用分担を支払います。運用費は毎ラウンド、初期費用は合意の成立時"
            "です。払えない分は未払いとなり、国内支持と信頼性を失います。拠出は国内支持に負担をかけ、支持が"
            "{lapse:.0f}未満になった政府は拠出を引き揚げます。"
        ),
        "rules_score_title": "得点",
        "rules_score": (
            "各席は自分だけの目標（和平、低コスト、信頼性、緊張の抑制、国内支持、レッドライン順守、主導権）に重みを"
            "付けています（「{tab_briefing}」を参照）。和平合意が署名されなければ勝者はいません。署名されれば、自分の"
            "最低限の得点を最も大きく上回った席が勝者です。終了画面ですべての得点の理由が分かります。"
        ),
        "rules_synergy": "{kind}は{other}と×{x:g}",
        "rules_term": "{years}：×{credit:g}",
        "log_undo": "{seat}が直前の手を取り消した。",
        "log_ai_failed": "{seat}のAIが不正な手を選んだため、代わりにパスした。",
        "saved_to": "保存しました：{path}",
        "msg_illegal": "できません：{reason}",
        "undo_not_turn": "取り消せるのは手番の席だけで、画面交代の前に限ります。",
        "undo_draft_back": "取り消した提案を作成画面に戻しました。直して送り直せます。",
        "undo_nothing": "この手番に取り消せる手はありません（前の手番や判定は取り消せません）。",
        "autosave_failed": "自動保存に失敗しました：{error}",
        "confirm_leave": "このゲームを離れますか？保存済みなので、設定画面から再開できます。",
        "confirm_new_game": (
            "新しいゲームを始めますか？途中のゲーム（{scenario}、{actions}手）は自動保存に残り、"
            "この画面から再開または読み込みできます（直近{keep}ゲームを保存）。"
        ),
        "confirm_umpire": "審判ビューはすべての席の秘密を表示します。表示しますか？",
        "btn_yes": "はい",
        "speed_now": "AIの速さ：{speed}",
        "map_nfz": "飛行禁止区域",
        "map_ad": "防空",
        "map_incident": "事案",
        "legend_troops": "展開部隊",
        "legend_ad": "防空の範囲",
        "legend_nfz": "飛行禁止区域",
        "legend_incident": "事案",
        "legend_event": "出来事（起きた場所）",
        "map_event": "出来事：{title}",
        "map_last_round": "前のラウンド",
        "code_fighters": "戦闘機",
        "code_air_defence": "防空",
        "code_intelligence": "情報",
        "code_command": "指揮統制",
        "code_money": "資金",
        "end_best": "最高",
        "level_random": "弱い",
        "level_negotiator": "普通",
        "level_mcts": "強い",
        "seat_ai_level": "AI：{name}（{level}）",
    },
}


LANGS = ("en", "ja")
LANG_NAMES = {"en": "English", "ja": "日本語"}
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def tr_n(lang: str, key: str, n: float, **args) -> str:
    """``tr`` for a sentence about ``n`` of something: ``key_one`` when ``n`` is 1 and the
    language has that form (English), else ``key``."""
    one = f"{key}_one"
    if n == 1 and one in STRINGS.get(lang, {}):
        key = one
    return tr(lang, key, n=n, **args)


def agent_name(lang: str, name: str) -> str:
    """An AI agent's name for players (``negotiator``, ``交渉役``); unknown agents by their id."""
    key = f"agent_{name}"
    return tr(lang, key) if key in STRINGS["en"] else name


def tr(lang: str, key: str, **args) -> str:
    """The string ``key`` in ``lang`` (English if missing), formatted with ``args``."""
    text = STRINGS.get(lang, STRINGS["en"]).get(key) or STRINGS["en"].get(key, key)
    try:
        return text.format(**args) if args else text
    except (KeyError, ValueError, IndexError):
        return text


def month_label(start: str, round_: int, months: int, lang: str) -> str:
    """The calendar label of a round (``2025-12`` + 2 rounds of a month -> ``Feb 2026``)."""
    try:
        year, month = (int(x) for x in start.split("-")[:2])
    except ValueError:
        return ""
    index = year * 12 + (month - 1) + (round_ - 1) * months
    y, m = divmod(index, 12)
    return f"{y}年{m + 1}月" if lang == "ja" else f"{MONTHS_EN[m]} {y}"


def troops(lang: str, n: float) -> str:
    """A troop count for a map label: ``15k``, or ``1.5万人`` in Japanese."""
    if lang == "ja":
        return f"{n / 10000:g}万人" if n >= 10000 else f"{n / 1000:g}千人"
    return f"{n / 1000:g}k"
