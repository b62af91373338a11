"""Results as tables: the result lines of a run written as a Parquet table with a fixed flat schema
(``--format parquet``, the optional ``pyarrow``; JSON lines are written by the commands), and read
back, one game at a time, from either (``summarise`` merges shards this way in constant memory).

The Parquet schema has one row per game and, for a scenario's seats S and commitment kinds K:

- ``seed``, ``error`` (null unless the game failed), ``outcome``, ``winners`` (list), ``rounds``,
  ``length``, ``credibility``, ``threshold``, ``escalation``, ``agreements`` (in force at the end),
  ``terms`` (their terms in years, list), ``events`` and ``reactions`` (ids, in order, lists);
- per seat s: ``agent_s``, ``score_s``, ``win_s`` (its share of the win, ties split), ``bill_s``
  (yearly bill, $bn), ``bill_share_s`` (of all seats' bills; 0 when nobody pays), ``support_s``;
- per kind k: ``units_k`` (units in force at the end), ``bound_k`` (bound at some point),
  ``incidents_k``;
- per seat and kind: ``gives_s_k``, the units seat s gives of kind k at the end (the deal's terms).

The file's metadata (key ``coalition``) names the seats and kinds, so a reader needs no scenario.
A score's breakdown by objective is in the JSON lines only.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from pathlib import Path

from .. import CoalitionError

SCHEMA_VERSION = 1
BATCH = 2048  # rows written to Parquet at a time
FORMATS = ("jsonl", "parquet")


def import_pyarrow():
    """pyarrow and pyarrow.parquet, or a plain error saying how to install them."""
    try:
        import pyarrow  # noqa: PLC0415 - optional dependency
        import pyarrow.parquet as parquet  # noqa: PLC0415
    except ImportError:
        raise CoalitionError(
            "Parquet needs pyarrow, which is not installed: pip install 'coalition-wargame[parquet]'"
        ) from None
    return pyarrow, parquet


def format_of(path: str | None, fmt: str | None) -> str:
    """The output format asked for, else the one the file's suffix says (``.parquet``), else JSON lines."""
    if fmt:
        return fmt
    return "parquet" if path and str(path).endswith(".parquet") else "jsonl"


# --- the flat schema ------------------------------------------------------------------------------


def columns(seats: Sequence[str], kinds: Sequence[str]) -> list[tuple[str, str]]:
    """The table's (column, type) pairs for these seats and kinds; types are pyarrow factory names."""
    cols = [
        ("seed", "int64"),
        ("error", "string"),
        ("outcome", "string"),
        ("winners", "list<string>"),
        ("rounds", "int32"),
        ("length", "int32"),
        ("credibility", "float64"),
        ("threshold", "float64"),
        ("escalation", "int32"),
        ("agreements", "int32"),
        ("terms", "list<int32>"),
        ("events", "list<string>"),
        ("reactions", "list<string>"),
    ]
    for s in seats:
        cols += [
            (f"agent_{s}", "string"),
            (f"score_{s}", "float64"),
            (f"margin_{s}", "float64"),
            (f"win_{s}", "float64"),
            (f"bill_{s}", "float64"),
            (f"bill_share_{s}", "float64"),
            (f"support_{s}", "float64"),
        ]
    for k in kinds:
        cols += [(f"units_{k}", "int32"), (f"bound_{k}", "bool"), (f"incidents_{k}", "int32")]
    cols += [(f"gives_{s}_{k}", "int32") for s in seats for k in kinds]
    names = [c for c, _ in cols]
    if len(set(names)) != len(names):
        twice = sorted({c for c in names if names.count(c) > 1})
        raise CoalitionError(f"the table's column names collide ({', '.join(twice)}): rename a seat or a kind")
    return cols


def row(line: dict, seats: Sequence[str], kinds: Sequence[str]) -> dict:
    """One game's row of the flat table (``columns``) from its result line."""
    out: dict = {c: None for c, _ in columns(seats, kinds)}
    out["seed"] = line["seed"]
    agents = line.get("agents", {})
    for s in seats:
        out[f"agent_{s}"] = agents.get(s)
    if "error" in line:
        out["error"] = line["error"]
        return out
    for key in ("outcome", "winners", "rounds", "length", "credibility", "threshold", "escalation"):
        out[key] = line[key]
    out["events"] = list(line.get("events", ()))
    out["reactions"] = list(line.get("reactions", ()))
    deal = line.get("deal", [])
    out["agreements"] = len(deal)
    out["terms"] = [a["term"] for a in deal]
    bills = line["bills"]
    total = sum(bills.values())
    winners = line["winners"]
    for s in seats:
        out[f"score_{s}"] = line["scores"][s]["total"]
        out[f"margin_{s}"] = line["scores"][s].get("margin", line["scores"][s]["total"])
        out[f"win_{s}"] = 1 / len(winners) if s in winners else 0.0
        out[f"bill_{s}"] = bills[s]
        out[f"bill_share_{s}"] = bills[s] / total if total else 0.0
        out[f"support_{s}"] = line["support"][s]
    bound = set(line.get("bound", ()))
    incidents = [i[2] for i in line.get("incidents", ())]
    for k in kinds:
        out[f"units_{k}"] = 0
        out[f"bound_{k}"] = k in bound
        out[f"incidents_{k}"] = incidents.count(k)
        for s in seats:
            out[f"gives_{s}_{k}"] = 0
    for a in deal:
        for item in a["items"]:
            out[f"units_{item['kind']}"] += item["units"]
            out[f"gives_{item['giver']}_{item['kind']}"] += item["units"]
    return out


def line_of(r: dict, seats: Sequence[str], kinds: Sequence[str]) -> dict:
    """A result line back from a table row: every part the summary and the health figures read."""
    agents = {s: r[f"agent_{s}"] for s in seats}
    if r.get("error") is not None:
        return {"seed": r["seed"], "agents": agents, "error": r["error"]}
    items = [{"giver": s, "kind": k, "units": r[f"gives_{s}_{k}"]} for s in seats for k in kinds if r[f"gives_{s}_{k}"]]
    return {
        "seed": r["seed"],
        "agents": agents,
        **{k: r[k] for k in ("outcome", "winners", "rounds", "length", "credibility", "threshold", "escalation")},
        "scores": {s: {"total": r[f"score_{s}"], "margin": r[f"margin_{s}"]} for s in seats},
        "bills": {s: r[f"bill_{s}"] for s in seats},
        "support": {s: r[f"support_{s}"] for s in seats},
        "deal": [{"items": items}] if items else [],
        "bound": [k for k in kinds if r[f"bound_{k}"]],
        "events": r["events"],
        "reactions": r["reactions"],
        "incidents": [[None, None, k] for k in kinds for _ in range(r[f"incidents_{k}"])],
    }


def _schema(seats: Sequence[str], kinds: Sequence[str]):
    pa, _ = import_pyarrow()
    types = {
        "int64": pa.int64(),
        "int32": pa.int32(),
        "float64": pa.float64(),
        "string": pa.string(),
        "bool": pa.bool_(),
        "list<string>": pa.list_(pa.string()),
        "list<int32>": pa.list_(pa.int32()),
    }
    meta = {"schema": SCHEMA_VERSION, "seats": list(seats), "kinds": list(kinds)}
    return pa.schema(
        [pa.field(c, types[t]) for c, t in columns(seats, kinds)], metadata={"coalition": json.dumps(meta)}
    )


# --- writing ----------------------------------------------------------------------------------------


class ParquetTable:
    """Result lines as rows of the flat table, written in batches; ``close`` writes the rest and
    the footer (a run stopped by Ctrl-C still leaves a readable file of its finished games)."""

    def __init__(self, path: str, seats: Sequence[str], kinds: Sequence[str]):
        pa, pq = import_pyarrow()
        self.pa = pa
        self.seats, self.kinds = tuple(seats), tuple(kinds)
        self.schema = _schema(seats, kinds)
        self.writer = pq.ParquetWriter(path, self.schema, compression="zstd")
        self.rows: list[dict] = []

    def write(self, line: dict) -> None:
        self.rows.append(row(line, self.seats, self.kinds))
        if len(self.rows) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        if self.rows:
            self.writer.write_batch(self.pa.RecordBatch.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        try:
            self._flush()
        finally:
            self.writer.close()


# --- reading ----------------------------------------------------------------------------------------


def read_results(path: str | Path) -> Iterator[dict]:
    """The result lines of a JSON lines file or a Parquet table, one at a time."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            parquet = f.read(4) == b"PAR1"
    except OSError as e:
        raise CoalitionError(f"cannot read {path}: {e.strerror or e}") from None
    if parquet:
        yield from _read_parquet(path)
        return
    with path.open(encoding="utf-8") as f:
        for number, text in enumerate(f, 1):
            if not text.strip():
                continue
            try:
                line = json.loads(text)
            except json.JSONDecodeError as e:
                raise CoalitionError(f"{path}:{number}: not a result line (JSON): {e.msg}") from None
            if not isinstance(line, dict) or "seed" not in line or "agents" not in line:
                raise CoalitionError(f"{path}:{number}: not a result line (no seed or agents)")
            yield line


def _read_parquet(path: Path) -> Iterator[dict]:
    _, pq = import_pyarrow()
    try:
        table = pq.ParquetFile(path)
        meta = json.loads((table.schema_arrow.metadata or {}).get(b"coalition", b"null"))
    except Exception as e:
        raise CoalitionError(f"{path}: not a readable Parquet table: {e}") from None
    if not isinstance(meta, dict) or meta.get("schema") != SCHEMA_VERSION:
        raise CoalitionError(f"{path}: not a Coalition results table (schema {SCHEMA_VERSION})")
    seats, kinds = meta["seats"], meta["kinds"]
    for batch in table.iter_batches(batch_size=1024):
        for r in batch.to_pylist():
            yield line_of(r, seats, kinds)


class SeenGames:
    """Which (agents, seed) games were seen, kept as runs of consecutive seeds per assignment of
    agents, so shards of seed ranges take a few numbers each however many games they hold."""

    def __init__(self) -> None:
        self.runs: dict[tuple, list[list[int]]] = {}  # agents -> sorted, disjoint [first, last] runs

    def add(self, line: dict) -> bool:
        """Record the game; ``False`` if it was seen already."""
        runs = self.runs.setdefault(tuple(sorted(line["agents"].items())), [])
        seed = line["seed"]
        i = bisect_right(runs, [seed, float("inf")]) - 1
        if i >= 0 and runs[i][0] <= seed <= runs[i][1]:
            return False
        if i >= 0 and runs[i][1] == seed - 1:
            runs[i][1] = seed
        else:
            i += 1
            runs.insert(i, [seed, seed])
        if i + 1 < len(runs) and runs[i + 1][0] == runs[i][1] + 1:
            runs[i][1] = runs.pop(i + 1)[1]
        return True
