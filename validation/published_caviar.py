"""Project CAVIAR (Morselli 2009) wiretap arcs into canonical reports.

Each participant ``Nx`` is a Person (``nominal_ref`` ``CAVIAR-Nx``) who USES one fictional
phone in the Ofcom drama range (participant ``n`` -> ``07700 900000 + n``); each directed arc
``(source, target, calls)`` becomes one lawful-intercept report whose Phone CALLED Phone link
carries ``count`` = calls. Nothing else is added, so the call graph read back from the
reports is exactly the published one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from validation.published_common import Converted, checked, grading, person, read_dicts

SOURCE_SYSTEM = "caviar-wiretap"
GRADING = grading("1", "A", "P")  # lawful intercept: reliable source, known directly
# Every report of the whole-network file carries this one date, so recency weighting is
# uniform and the analysis sees the calls alone (the published betweenness uses calls only).
WHOLE_NETWORK_DATE = "1996-06-30"
# Assumption (not stated in the data): the 11 phases are consecutive two-month wiretap
# periods starting in March 1994 (phase 1 = 1994-03..04, phase 11 = 1995-11..12); a phase
# file's reports are all dated on the last day of that phase.
FIRST_PHASE_YEAR, FIRST_PHASE_MONTH = 1994, 3
PHASES = range(1, 12)
CITATION = [
    "Morselli, C. (2009). Inside Criminal Networks. Springer (data appendix pp. 173-186).",
    "Morselli, C. & Petit, K. (2007). Law-enforcement disruption of a drug importation "
    "network. Global Crime 8(2):109-130.",
    "Anastasiadis, E.K. & Antoniou, I. (2024). Directed Criminal Networks: Temporal Analysis "
    "and Disruption. Information 15(2):84. https://doi.org/10.3390/info15020084",
]


def phase_end(phase: int) -> str:
    """The last day of a two-month phase (see the assumption above).

    >>> phase_end(1), phase_end(11)
    ('1994-04-30', '1995-12-31')
    """
    if phase not in PHASES:
        raise ValueError(f"CAVIAR has phases 1-11, not {phase}")
    month0 = FIRST_PHASE_YEAR * 12 + FIRST_PHASE_MONTH - 1 + 2 * phase  # month after the end
    first_after = dt.date(month0 // 12, month0 % 12 + 1, 1)
    return (first_after - dt.timedelta(days=1)).isoformat()


def participant_number(node: str) -> int:
    """``"N12"`` -> 12 (plain ``"12"`` is accepted too)."""
    digits = node[1:] if node[:1].upper() == "N" else node
    if not digits.isdigit():
        raise ValueError(f"{node!r} is not a CAVIAR participant label")
    return int(digits)


def node_label(raw: str) -> str:
    """The ``Nx`` label of a participant written as ``x`` or ``Nx``."""
    return f"N{participant_number(raw.strip())}"


def phone_number(node: str) -> str:
    """The fictional phone of a participant: Ofcom drama range 07700 900000-900999.

    >>> phone_number("N1"), phone_number("N110")
    ('07700 900001', '07700 900110')
    """
    n = participant_number(node)
    if not 0 <= n <= 999:
        raise ValueError(f"participant {node} does not fit the 07700 900xxx drama range")
    return f"07700 9{n:05d}"


def nominal_ref(node: str) -> str:
    return f"CAVIAR-{node}"


def read_key_players(path: Path) -> dict[str, dict[str, str]]:
    return {node_label(r["node"]): {"name": r["name"].strip(), "role": r["role"].strip()}
            for r in read_dicts(path)}


def _column(path: Path, column: str) -> dict[str, float]:
    """One column of a published centrality table, keyed by ``Nx``."""
    return {node_label(r["Nodes"]): float(r[column]) for r in read_dicts(path)}


def published_whole(folder: Path) -> dict[str, dict[str, float]]:
    """The whole-network figures of Anastasiadis & Antoniou (2024)."""
    und = folder / "Centralities_undirected_full.csv"
    return {
        "degree": _column(und, "Degree"),
        "betweenness_undirected_1_over_calls": _column(und, "Betweenness"),
        "betweenness_directed": _column(folder / "Centralities_directed_full.csv",
                                        "Betweenness"),
    }


def published_phase(folder: Path, phase: int) -> dict[str, float]:
    """Published directed betweenness (distance 1/calls) of one phase."""
    return _column(folder / "per_phase" / f"Phase-{phase}.csv", "Betweenness")


def phase_leaders(folder: Path) -> dict[int, str]:
    """Top directed betweenness of every phase with a published table."""
    leaders: dict[int, str] = {}
    for phase in PHASES:
        path = folder / "per_phase" / f"Phase-{phase}.csv"
        if path.exists():
            values = published_phase(folder, phase)
            leaders[phase] = min(values, key=lambda n: (-values[n], participant_number(n)))
    return leaders


def read_arcs(edges_csv: Path, phase: int | None) -> list[tuple[str, str, int]]:
    """``(source, target, calls)`` of an edge list; its ``phase`` column must match."""
    arcs: list[tuple[str, str, int]] = []
    for i, row in enumerate(read_dicts(edges_csv), start=2):
        written = (row.get("phase") or "").strip()
        if written and (phase is None or int(written) != phase):
            raise ValueError(f"{edges_csv}:{i}: row of phase {written}, converting as "
                             f"{'the whole network' if phase is None else f'phase {phase}'}")
        calls = int(row["calls"])
        if calls <= 0:
            raise ValueError(f"{edges_csv}:{i}: calls must be positive, not {calls}")
        source, target = node_label(row["source"]), node_label(row["target"])
        if source == target:
            raise ValueError(f"{edges_csv}:{i}: {source} calls itself")
        arcs.append((source, target, calls))
    return arcs


def caviar(edges_csv: Path, *, phase: int | None = None, key_players_csv: Path) -> Converted:
    """Convert a CAVIAR directed edge list (whole network or one phase)."""
    edges_csv, key_players_csv = Path(edges_csv), Path(key_players_csv)
    when = WHOLE_NETWORK_DATE if phase is None else phase_end(phase)
    key_players = read_key_players(key_players_csv)
    arcs = read_arcs(edges_csv, phase)
    period = "the whole investigation" if phase is None else f"phase {phase}"

    def name(node: str) -> str:
        return key_players[node]["name"] if node in key_players else f"Participant {node}"

    reports: list[dict[str, Any]] = []
    for i, (source, target, calls) in enumerate(arcs, start=1):
        reports.append({
            "ref": f"CAVIAR/P{phase or 0}/{i:04d}",
            "date": when,
            "grading": dict(GRADING),
            "author": "Project CAVIAR wiretap (Morselli 2009)",
            "source_system": SOURCE_SYSTEM,
            # Names end in punctuation: a code like "N1" followed by a short word would be
            # mined from the narrative as a vehicle registration.
            "narrative": (f"Lawful intercept summary, {period}: {calls} "
                          f"call{'s' if calls != 1 else ''} from the telephone used by "
                          f"{name(source)} (caller) to the telephone used by {name(target)} "
                          "(receiver)."),
            "entities": [
                person("e1", name(source), nominal_ref(source), "suspect"),
                person("e2", name(target), nominal_ref(target), "suspect"),
                {"id": "e3", "type": "Phone", "number": phone_number(source)},
                {"id": "e4", "type": "Phone", "number": phone_number(target)},
            ],
            "links": [
                {"from": "e1", "to": "e3", "type": "USES"},
                {"from": "e2", "to": "e4", "type": "USES"},
                {"from": "e3", "to": "e4", "type": "CALLED", "count": calls},
            ],
        })
    nodes = sorted({n for a in arcs for n in a[:2]}, key=participant_number)
    published = key_players_csv.parent / "published_results"
    truth: dict[str, Any] = {
        "dataset": "caviar",
        "file": edges_csv.name,
        "phase": phase,
        "date": when,
        "nodes": len(nodes),
        "arcs": len(arcs),
        "undirected_edges": len({frozenset(a[:2]) for a in arcs}),
        "total_calls": sum(a[2] for a in arcs),
        "key_players": key_players,
        "nominal_refs": {n: nominal_ref(n) for n in nodes},
        "published": published_whole(published),
        "phase_leaders": phase_leaders(published),
        "citation": CITATION,
    }
    if phase is not None:
        truth["published_phase"] = {"betweenness_directed": published_phase(published, phase)}
    return Converted(checked(reports), truth)
