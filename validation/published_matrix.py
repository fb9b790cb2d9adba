"""Criminal-network adjacency matrices (mcmacdonald/criminal-networks) into canonical reports.

Every file is a square matrix whose first row and column hold the node labels. The matrix
is read as an undirected graph (a pair is linked when either cell is non-zero, as in the
folder's VERIFICATION.txt); each undirected edge becomes one report with two suspects and
an ASSOCIATE_OF link. In a valued matrix (some cell > 1) the link's ``count`` is the value:
the cell when the pair is symmetric, the sum of both directions when it is not (as for
CAVIAR's calls). A node with no edge at all gets a report of its own so no one is lost.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from validation.published_common import Converted, checked, grading, person, read_rows

SOURCE_SYSTEM = "criminal-matrices"
GRADING = grading("2", "B", "P")
# One date for every report of a matrix: the matrices carry no dates, and a single date keeps
# recency weighting uniform.
MATRIX_DATE = "2020-01-01"
_CODE = re.compile(r"^N?\d+$")


def _number(text: str, where: str) -> int:
    value = float(text.strip() or "0")
    if value < 0 or not value.is_integer():
        raise ValueError(f"{where}: cell {text!r} is not a whole number >= 0")
    return int(value)


def read_matrix(csv_path: Path) -> tuple[list[str], list[list[int]]]:
    """Labels and cells of a labelled square adjacency matrix."""
    rows = read_rows(Path(csv_path))
    header = [c.strip() for c in rows[0][1:]]
    labels = [r[0].strip() for r in rows[1:]]
    if header != labels:
        raise ValueError(f"{csv_path}: row labels differ from column labels")
    if len(set(labels)) != len(labels) or not all(labels):
        raise ValueError(f"{csv_path}: labels are empty or repeat")
    cells: list[list[int]] = []
    for i, row in enumerate(rows[1:], start=2):
        if len(row) - 1 != len(labels):
            raise ValueError(f"{csv_path}:{i}: {len(row) - 1} cells for {len(labels)} labels")
        cells.append([_number(c, f"{csv_path}:{i}") for c in row[1:]])
    return labels, cells


def display_name(label: str) -> str:
    """The label as a name when it is one, else ``Participant <label>``."""
    if _CODE.match(label) or not any(ch.isalpha() for ch in label):
        return f"Participant {label}"
    return label


def matrix(csv: Path, name: str, *, date: str = MATRIX_DATE) -> Converted:
    """Convert one adjacency-matrix CSV; ``name`` prefixes the nominal refs (``name-label``)."""
    csv = Path(csv)
    labels, cells = read_matrix(csv)
    n = len(labels)
    valued = any(v > 1 for row in cells for v in row)
    self_loops = [labels[i] for i in range(n) if cells[i][i]]
    asymmetric = sum(1 for i in range(n) for j in range(i + 1, n) if cells[i][j] != cells[j][i])

    def ent(eid: str, i: int) -> dict[str, Any]:
        return person(eid, display_name(labels[i]), f"{name}-{labels[i]}", "suspect")

    reports: list[dict[str, Any]] = []

    def report(narrative: str, entities: list[dict[str, Any]],
               links: list[dict[str, Any]]) -> None:
        reports.append({"ref": f"{name}/{len(reports) + 1:04d}", "date": date,
                        "grading": dict(GRADING), "author": f"{csv.name} (published matrix)",
                        "source_system": SOURCE_SYSTEM, "narrative": narrative,
                        "entities": entities, "links": links})

    linked: set[int] = set()
    for i in range(n):
        for j in range(i + 1, n):
            forward, back = cells[i][j], cells[j][i]
            if not forward and not back:
                continue
            linked.update((i, j))
            link: dict[str, Any] = {"from": "e1", "to": "e2", "type": "ASSOCIATE_OF"}
            if valued:
                link["count"] = forward if forward == back else forward + back
                if forward != back:
                    link["note"] = f"matrix cells {forward} and {back}"
            # Names end in punctuation: a code like "N1" followed by a short word would be
            # mined from the narrative as a vehicle registration ("N1 AND").
            report(f"Link recorded in the {name} network between {display_name(labels[i])} "
                   f"(first) and {display_name(labels[j])} (second).",
                   [ent("e1", i), ent("e2", j)], [link])
    edges = len(reports)
    isolates = [labels[i] for i in range(n) if i not in linked]
    for i in range(n):
        if i not in linked:
            report(f"Member of the {name} network with no links recorded: "
                   f"{display_name(labels[i])}.", [ent("e1", i)], [])
    truth: dict[str, Any] = {
        "dataset": "matrix",
        "name": name,
        "file": csv.name,
        "nodes": n,
        "edges": edges,
        "valued": valued,
        "asymmetric_pairs": asymmetric,
        "self_loops": self_loops,
        "isolates": isolates,
        "date": date,
        "nominal_refs": {label: f"{name}-{label}" for label in labels},
    }
    return Converted(checked(reports), truth)
