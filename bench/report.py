"""BENCHMARKS.md from the benchmark results, and the sections that need the other tools."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from graphintel.config import Settings
from graphintel.store import Store

NOTES = {
    "ingest": "Median of the runs of `graphintel ingest reports.jsonl` in a child process "
              "(its modules byte-compiled first, as installing the wheel does; parse, "
              "normalise, quarantine check, identity resolution, batched MERGE, the "
              "listing markers settled at the end), peak RSS of that process, after three "
              "untimed runs of each side on the smallest set to warm the server. The "
              "yardstick is Neo4j's own `LOAD CSV` writing the same "
              "normalised reports, entities, mentions and links (MERGE, 1,000 rows per "
              "transaction) from CSV files in the import folder; it does no parsing, "
              "validation or identity resolution. ratio = ingest / LOAD CSV. "
              "`neo4j-admin database import` (from Maven Central, offline, into a new store; "
              "nodes and links de-duplicated first, since it cannot merge) is the physical "
              "limit for bulk loading; its time includes the JVM start.",
    "pipeline": "The whole analysis (projection from Neo4j, measures, networks, victim "
                "linkage, scores, write-back) on each ingested synthetic set, scored as "
                "`make validate` scores graphintel's generator (`bench/quality.py`): key_people "
                "are the organisers, recruiters and brokers who are neither victims nor "
                "children on the analysis date; precision@n is their share of the top n "
                "targets (k = key_people); organiser_first the share of networks whose "
                "organiser is the first of its people among the targets; linked precision and "
                "recall score the targets' linked children against the true offender-child "
                "links of the offenders who are targets.",
    "outputs": "What a chair waits for before the meeting, on the largest synthetic set after "
               "its analysis. In the library (one process, warm): `write_agenda` as a draft "
               "(build from Neo4j, pictures, documents) for each format alone and for all "
               "three (agenda_s), median of the runs; the top network's chart selected and "
               "built, written as HTML, and written in every export format. "
               "agenda_and_chart_s = agenda_s + the chart's build and HTML. As the commands "
               "(each a child process: start-up, imports, connection, reads, files): "
               "`graphintel agenda --draft` and `graphintel chart --network top`, median of "
               "five runs. Goal: agenda + chart under 10 s at 100k reports.",
    "resolve": "Person candidates against the synthetic ground truth (true duplicates the "
               "exact keys cannot merge), then 10,000 and 100,000 people with 5% planted "
               "duplicates (misspelt name, day/month-swapped date of birth, alias, initial + "
               "shared home and phone) at min score 0.5: pairs compared out of all pairs.",
    "startup": "Wall time from starting the installed command to its exit (child process, "
               "modules byte-compiled as installing the wheel does; median and slowest of the "
               "runs; CPU is the child's user + system time, which "
               "other work on the machine does not inflate), and the heavy modules its help "
               "loaded: commands import the driver and the analysis stack only when they run, "
               "so help and completion answer at once. Target: under 0.5 s.",
    "web": "The workspace (`graphintel serve`) on the 10k-report set after its analysis, "
           "served in the benchmark's process with the real Neo4j: each page as a logged-in "
           "analyst, chair or partner opens it. first_s is the first request of the page "
           "once the start-up warm-up has finished; warm_s the median of the next requests; "
           "the last two rows are the meeting view and the written agenda just after the "
           "chair records a decision. Goal: every page under 1 s. `bench/web.py`.",
    "million": "The whole main job on one synthetic set of a million reports "
               "(`bench/million.py`): each step is the installed command in a child process "
               "(ingest; analyse; agenda in Markdown, HTML and Word as a draft; the top "
               "network's chart), with its wall time and peak memory; neo4j_peak_mb is the "
               "local Neo4j's peak resident memory, disk_mb its store files and transaction "
               "logs; lookups_max_p95_ms is the slowest p95 of the named lookups at 1 and 16 "
               "clients. A step past the memory cap (16 GB) is stopped and says so.",
    "analysis": "Each measure alone on a clustered synthetic person graph (groups of ~40, 5% "
                "suspects, 5% victims, ~3 links per person), through graphintel's functions "
                "that take the networkx graph. Betweenness is exact up to 5,000 people and "
                "sampled (seeded) above; igraph's and NetworKit's betweenness are exact, so "
                "they are only timed up to 10,000. igraph_convert_s and networkit_convert_s "
                "build their graphs from the networkx one (what a caller holding a networkx "
                "graph pays once); their other times are the measure alone. *_q is the "
                "modularity of each method's communities on the same weights (graphintel: "
                "networkx's Louvain below 2,000 people, the reference; igraph's Leiden from "
                "there). *_vs_fastest_from_nx is graphintel's time over the fastest peer's "
                "conversion plus measure.",
}


def extra_sections(store: Store, settings: Settings, sizes: list[int],
                   skip: set[str], loaded: int | None = None) -> dict[str, Any]:
    """Benchmarks of the agenda, charts, queries and entity resolution (when present)."""
    out: dict[str, Any] = {}
    try:
        from bench import outputs_bench
    except ImportError:
        return out
    out.update(outputs_bench.run(store, settings, sizes, skip, loaded))
    return out


RELIABILITY = [
    {"case": "malformed, truncated, garbage and empty JSON Lines; a 1 MB field; 100,000-deep "
             "nesting; a non-UTF-8 line", "outcome": "bad rows quarantined with line and reason, "
             "good rows loaded, counts add up", "records lost": 0,
     "reproduce": "pytest tests/test_ingest_jsonl.py::test_bad_input_is_quarantined_and_"
                  "counts_add_up tests/test_hostile_input.py"},
    {"case": "Cypher-injection text in every field, control characters, =HYPERLINK formula "
             "cells", "outcome": "stored verbatim and inert; no query text built from input",
     "records lost": 0, "reproduce": "pytest tests/test_hostile_input.py"},
    {"case": "wrong encoding (cp1252 without declaring it), BOM, other delimiters",
     "outcome": "rows quarantined as bad encoding; loads once the mapping declares cp1252",
     "records lost": 0,
     "reproduce": "pytest tests/test_ingest_tabular.py::test_encodings_bom_and_delimiters"},
    {"case": "Neo4j killed (SIGKILL) in the middle of an ingest, then the same ingest re-run",
     "outcome": "clear 'lost the connection' error, exit 1; the re-run ends in exactly the "
                "graph of one clean run", "records lost": 0,
     "reproduce": "pytest tests/test_faults.py::test_killed_mid_ingest_then_rerun_equals_one_"
                  "clean_run"},
    {"case": "Neo4j unreachable at start", "outcome": "'Error: cannot reach Neo4j at ...' and "
             "exit 1, no traceback", "records lost": 0,
     "reproduce": "pytest tests/test_faults.py::test_unreachable_neo4j_is_a_clear_error"},
    {"case": "Neo4j restarted between two commands", "outcome": "the next command works",
     "records lost": 0,
     "reproduce": "pytest tests/test_faults.py::test_neo4j_restarted_between_commands"},
    {"case": "quarantine folder unwritable, disk full (/dev/full)", "outcome": "clear error "
             "naming the file; a re-run after the fix duplicates nothing", "records lost": 0,
     "reproduce": "pytest tests/test_faults.py -k quarantine"},
    {"case": "two overlapping ingests at once; an ingest beside two analyses",
     "outcome": "no duplicate entity, no lost report, both analysis runs stored",
     "records lost": 0,
     "reproduce": "pytest tests/test_faults.py -k 'concurrent or at_once'"},
    {"case": "re-running the same file", "outcome": "every row a duplicate; no node, "
             "relationship or property count changes", "records lost": 0,
     "reproduce": "pytest tests/test_ingest_jsonl.py::test_rerun_changes_nothing"},
    {"case": "write attempts through the query commands (CREATE, MERGE, SET, DELETE, REMOVE, "
             "CALL subqueries, IN TRANSACTIONS, LOAD CSV, schema commands, write procedures)",
     "outcome": "refused, graph unchanged", "records lost": 0,
     "reproduce": "pytest tests/test_queries.py -k write"},
]


def note(key: str, rows: list[dict[str, Any]]) -> str:
    """The text above a section's table: the query and GDS sections' from their own
    scripts (the query note names the size the rows were measured at), the others' from
    :data:`NOTES`. Works from the saved results alone, so a copy can be rendered again."""
    if key == "queries":
        from bench.queries import NOTE as QUERIES

        sizes = [r["reports"] for r in rows if isinstance(r.get("reports"), int)]
        return QUERIES.format(size=max(sizes)) if sizes else QUERIES.format(size=0)
    if key == "gds":
        from bench.gds_bench import NOTE as GDS

        return GDS
    return NOTES.get(key, "")


def _table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "(none)\n"
    cols = list(dict.fromkeys(k for r in rows for k in r))
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in rows:
        lines.append("| " + " | ".join(str(r.get(c, "")) for c in cols) + " |")
    return "\n".join(lines) + "\n"


#: The scale goals at 100,000 reports (issue 18) and the million-report memory budget.
QUERY_P95_GOAL_MS = 100
AGENDA_CHART_GOAL_S = 10.0
INGEST_RATIO_GOAL = 1.5
PEER_RATIO_GOAL = 2.0
MEMORY_BUDGET_MB = 24 * 1024
GOAL_SIZE = 100_000


_MEASURE = {"louvain": "communities", "pagerank": "PageRank"}


def _at(rows: list[dict[str, Any]], key: str, size: int) -> list[dict[str, Any]]:
    return [r for r in rows if r.get(key) == size]


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
        else None


#: How each goal's line begins when its section was measured (to find it in the copy before).
GOAL_LINES = {"ingest": "ingest against LOAD CSV: ", "analysis": "analysis measures at ",
              "outputs": "agenda (three formats) ", "queries": "query p95 at 16 concurrent",
              "million": "a million reports: largest step"}
_KEPT_GOAL = " (the figures of the copy before, whose section below is kept)"


def goals(results: dict[str, Any], kept: Collection[str] = (),
          before: Collection[str] = ()) -> list[str]:
    """One line per scale goal, from this run's results: the figure, the goal and met or
    not; a goal whose section this run did not measure says so, and whether its section is
    ``kept`` (results keys) from the copy before. For a kept section, the goal's line of the
    copy before (``before``: its goal lines) is repeated and says so, when it had one.

    >>> line = goals({"ingest": [{"reports": 1000, "ratio": 1.05},
    ...                          {"reports": 100000, "ratio": 0.71}]})[0]
    >>> line.split(": ")[1]
    '1.05x at 1,000, 0.71x at 100,000 reports (goal at most 1.5x at every size)'
    >>> line.endswith(": met")
    True
    """
    out: list[str] = []

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    def missing(key: str, what: str) -> str:
        if key in kept:
            for line in before:
                line = line.removesuffix(_KEPT_GOAL)
                if line.startswith(GOAL_LINES[key]):
                    return line + _KEPT_GOAL
        return (f"{what}: not measured by this run"
                + ("; its section below is kept from the copy before" if key in kept else ""))

    ingest: list[tuple[int, float]] = []
    for r in results.get("ingest", []):
        ratio = _num(r.get("ratio"))
        if isinstance(r.get("reports"), int) and ratio is not None:
            ingest.append((r["reports"], ratio))
    if ingest:
        out.append("ingest against LOAD CSV: " + ", ".join(f"{x:g}x at {n:,}" for n, x in ingest)
                   + f" reports (goal at most {INGEST_RATIO_GOAL:g}x at every size): "
                   + verdict(all(x <= INGEST_RATIO_GOAL for _, x in ingest)))
    else:
        out.append(missing("ingest", "ingest against LOAD CSV"))
    rows = _at(results.get("analysis", []), "people", GOAL_SIZE)
    ratios: dict[str, float] = {}
    for r in rows:
        for k, v in r.items():
            if k.endswith("_vs_fastest_from_nx") and (x := _num(v)) is not None:
                ratios[k.removesuffix("_vs_fastest_from_nx")] = x
    if ratios:
        out.append(f"analysis measures at {GOAL_SIZE:,} people against the fastest of igraph "
                   "and NetworKit from the same networkx graph: "
                      + ", ".join(f"{_MEASURE.get(k, k)} {v:g}x" for k, v in sorted(ratios.items()))
                   + f" (goal at most {PEER_RATIO_GOAL:g}x): "
                   + verdict(all(v <= PEER_RATIO_GOAL for v in ratios.values())))
    else:
        out.append(missing("analysis", "analysis measures against igraph and NetworKit at "
                           f"{GOAL_SIZE:,} people"))
    rows = _at(results.get("outputs", []), "reports", GOAL_SIZE)
    if rows:
        lib = _num(rows[-1].get("agenda_and_chart_s"))
        cmd = _num(rows[-1].get("agenda_and_chart_cmd_s"))
        shown = [f"{lib:g} s in the library" if lib is not None else None,
                 f"{cmd:g} s as the two commands" if cmd is not None else None]
        out.append(f"agenda (three formats) + the top network's chart at {GOAL_SIZE:,} "
                   "reports: " + ", ".join(x for x in shown if x)
                   + f" (goal under {AGENDA_CHART_GOAL_S:g} s): "
                   + verdict(all(x < AGENDA_CHART_GOAL_S for x in (lib, cmd) if x is not None)))
    else:
        out.append(missing("outputs", f"agenda + chart at {GOAL_SIZE:,} reports"))
    rows = _at(results.get("queries", []), "reports", GOAL_SIZE)
    if rows:
        parts = []
        for col, what in (("p95_ms@16", "16 threads"), ("p95_ms@16p", "16 processes")):
            timed = [_num(r.get(col)) for r in rows]
            if any(t is not None for t in timed):
                under = sum(1 for t in timed if t is not None and t < QUERY_P95_GOAL_MS)
                parts.append(f"{under} of {len(rows)} query shapes under {QUERY_P95_GOAL_MS} ms "
                             f"as {what}")
        # a shape is over when either way of serving 16 clients is
        slow = [f"{r.get('query')} ({r.get('given')})" for r in rows
                if max(_num(r.get(col)) or 0 for col in ("p95_ms@16", "p95_ms@16p"))
                >= QUERY_P95_GOAL_MS]
        # the first use of each query on the server, before the JVM has compiled its hot
        # code, is reported beside the goal, which is judged on a server in use
        cold = [_num(r.get("p95_ms@16 cold")) for r in rows]
        cold_slow = [f"{r.get('query')} ({r.get('given')})" for r, t in zip(rows, cold, strict=True)
                     if t is not None and t >= QUERY_P95_GOAL_MS]
        cold_part = (f"; at a query's first use (the cold columns) {len(rows) - len(cold_slow)}"
                     f" of {len(rows)} under {QUERY_P95_GOAL_MS} ms as 16 threads"
                     + (f" (over: {', '.join(cold_slow)})" if cold_slow else "")
                     if any(t is not None for t in cold) else "")
        out.append("query p95 at 16 concurrent clients on a server in use: " + "; ".join(parts)
                   + (f" (over: {', '.join(slow)})" if slow else "") + cold_part + ": "
                   + verdict(not slow and bool(parts)))
    else:
        out.append(missing("queries", f"query latency at {GOAL_SIZE:,} reports"))
    rows = results.get("million", [])
    if rows:
        row = rows[-1]
        steps = [_num(v) for k, v in row.items() if k.endswith("_peak_mb") and k != "neo4j_peak_mb"]
        step = max((x for x in steps if x is not None), default=None)
        neo = _num(row.get("neo4j_peak_mb"))
        if step is not None and neo is not None:
            total = step + neo
            out.append(f"a million reports: largest step {step:,.0f} MB + Neo4j {neo:,.0f} MB = "
                       f"{total / 1024:.1f} GB (budget {MEMORY_BUDGET_MB // 1024} GB): "
                       + verdict(total <= MEMORY_BUDGET_MB and not any(
                           k.endswith("_stopped") for k in row)))
        else:
            out.append("a million reports: the run did not record its peaks")
    else:
        out.append(missing("million", "a million reports"))
    return out


#: (results key, section title) in the order BENCHMARKS.md shows them.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("startup", "Command start-up"),
    ("ingest", "Ingest throughput"),
    ("pipeline", "Whole analysis and its quality on the synthetic ground truth"),
    ("analysis", "Analysis measures at 1k, 10k and 100k people"),
    ("gds", "Neo4j Graph Data Science"),
    ("million", "A million reports"),
    ("outputs", "Agenda and chart"),
    ("web", "Workspace pages"),
    ("queries", "Query latency"),
    ("resolve", "Entity resolution"),
)
_GENERATED = ("Against the goals", "Machine and versions",
              "Reliability: inputs tried, faults survived, records lost")


def sections(text: str) -> dict[str, str]:
    r"""``## `` title -> the section's text after its title line (to the next ``## ``).

    >>> sections("# B\n\n## One\n\nx\n\n## Two\ny\n")
    {'One': '\nx\n\n', 'Two': 'y\n'}
    """
    out: dict[str, str] = {}
    title = None
    for line in text.splitlines(keepends=True):
        if line.startswith("## "):
            title = line[3:].strip()
            out[title] = ""
        elif title is not None:
            out[title] += line
    return out


def render(results: dict[str, Any], previous: str = "") -> str:
    """The BENCHMARKS.md text: the sections ``results`` has, generated; every other
    section of ``previous`` (the file as it was: a run with ``--skip`` leaves out what it
    did not measure, and a section measured by hand with the scripts it names stays as it
    was written) kept word for word after them, and listed at the top as kept."""
    old = sections(previous)
    measured = [title for key, title in SECTIONS if key in results]
    kept = [title for key, title in SECTIONS if key not in results and title in old]
    kept += [t for t in old if t not in kept and t not in measured and t not in _GENERATED]
    head = ("Produced by `make bench` (`bench/run.py`), which regenerates this file. "
            f"Run started {results.get('started')}; it measured: "
            + (", ".join(measured) or "nothing") + ".")
    again = [f"{title} ({results['remeasured'][key]})" for key, title in SECTIONS
             if key in results.get("remeasured", {})]
    if again:
        head += (" Measured again after it by the same script with `--skip`, the figures "
                 "merged into this copy: " + "; ".join(again) + ".")
    if kept:
        head += (" Kept word for word from the previous copy (not measured by this run; "
                 "each says when and how it was measured): " + ", ".join(kept) + ".")
    parts = ["# Benchmarks\n", head + "\n", "## Against the goals\n",
             "Worked out from this run's figures by `bench/report.py`; a goal whose section "
             "this run did not measure says so, and repeats the line of the copy before "
             "when its section is kept from it.\n",
             "\n".join(f"- {line}" for line in goals(
                 results, {key for key, title in SECTIONS if title in kept},
                 [line[2:] for line in old.get("Against the goals", "").splitlines()
                  if line.startswith("- ")])) + "\n",
             "## Machine and versions\n",
             _table([results["machine"]])]
    parts += ["## Reliability: inputs tried, faults survived, records lost\n",
              "Each row is a test in `make test` against the real Neo4j; the command runs it "
              "alone.\n", _table(RELIABILITY)]
    for key, title in SECTIONS:
        if key in results:
            parts += [f"## {title}\n", note(key, results[key]) + "\n", _table(results[key])]
        elif title in old:
            parts += [f"## {title}\n" + old[title].rstrip("\n") + "\n"]
    for title in kept:
        if title not in dict((t, k) for k, t in SECTIONS):
            parts += [f"## {title}\n" + old[title].rstrip("\n") + "\n"]
    return "\n".join(parts)
