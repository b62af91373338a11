"""What the engine remembers for speed: one ``Cache`` per game, and three caches on each state.

Every entry is a pure function of its key within one game, so an entry is never stale while its
key is complete; the only invalidation is dropping a whole memo when it grows past its cap (which
keeps memory flat over long batches). A rule that starts to read something a key leaves out would
get stale answers: that is what the oracle catches (``analysis/conformance.oracle_game`` compares
the fast path with the rules' definition at every ply; ``tests/test_oracle.py`` shows a new rule
the fast path does not know failing it).

Per game (``Game.cache``):

============== ====================================== =============================================
memo           key                                    value
============== ====================================== =============================================
givers         (giver, term, its items, its forces)   ``fastpath._Giver``: its open ``add`` actions,
                                                      whether it can field its items, and links to
                                                      the nodes one item more or less / another term
rows           (giver, term)                          per kind it may give: (kind, resource, [(forces
                                                      drawn, Add action) per allowed step])
share_steps    (draft's shares, seats whose support   (the open ``share`` actions, the shares'
               has lapsed)                            total, bit mask of the payers)
tails          (term, parties bit mask, invited,      the ``term``, ``invite`` and ``deadline``
               deadline)                              actions open
share_parts    [payer][its share // step][most it     that payer's ``share`` actions (filled as
               may take // step]                      needed; never dropped: bounded by its size)
feasible       (giver, items, term, giver's forces)   ``negotiation.check_feasible``'s answer
contributions  the agreements' (giver, kind, units,   ``credibility.contributions``' answer
               term) by value
other_terms    term                                   the other ``SetTerm`` actions (made at start)
other_deadlines deadline                              the other ``SetDeadline`` actions (made at start)
============== ====================================== =============================================

Per state (fields of ``State``, left out of equality, never copied to another state except as said):

- ``_legal``: ``legal_actions(state)``, once listed;
- ``_chance``: ``chance_outcomes(state)``, once listed;
- ``_adds``: the draft's items section (``fastpath._Section``: its ``add``/``remove`` actions and
  givers' fielding, from the draft's items and term and the seats). ``state.replace`` carries it to
  the next state unless the seats or the game change; a drafting step carries it or works out the
  next one; ``fastpath.drafting_actions`` checks its items and term before using it.
"""

from __future__ import annotations

from typing import Any

#: Entries in a memo before it is dropped (keeps memory flat).
CAP = 50_000
FEASIBLE_CAP = 30_000
CONTRIBUTIONS_CAP = 5_000


class Cache:
    """The fast path's memos for one game (see the module's table). Not part of the game's value:
    two games of one scenario are equal whatever their caches hold."""

    __slots__ = (
        "givers",
        "rows",
        "share_steps",
        "tails",
        "share_parts",
        "feasible",
        "contributions",
        "other_terms",
        "other_deadlines",
    )

    def __init__(self, terms: dict[int, Any], deadlines: list[Any], seats: int, share_step: int) -> None:
        self.givers: dict = {}
        self.rows: dict = {}
        self.share_steps: dict = {}
        self.tails: dict = {}
        steps = 100 // share_step + 1
        self.share_parts: list = [[[None] * steps for _ in range(steps)] for _ in range(seats)]
        self.feasible: dict = {}
        self.contributions: dict = {}
        self.other_terms = {years: tuple(a for y, a in terms.items() if y != years) for years in terms}
        self.other_deadlines = {d: tuple(a for i, a in enumerate(deadlines) if i != d) for d in range(len(deadlines))}

    def clear(self) -> None:
        """Forget everything remembered while playing (the tables made at the start stay)."""
        for memo in (self.givers, self.rows, self.share_steps, self.tails, self.feasible, self.contributions):
            memo.clear()
        for per_payer in self.share_parts:
            for row in per_payer:
                row[:] = [None] * len(row)
