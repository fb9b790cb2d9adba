"""Write a validation data set to disk: canonical reports and their ground truth."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def write_dataset(reports: Iterable[dict[str, Any]], truth: dict[str, Any], folder: Path, *,
                  sort_truth: bool = False) -> dict[str, Path]:
    """Write ``reports.jsonl`` (one report a line) and ``truth.json`` into ``folder``.

    ``sort_truth`` writes the truth with sorted keys (byte-identical files for one seed).
    Returns ``{"reports": path, "truth": path}``.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"reports": folder / "reports.jsonl", "truth": folder / "truth.json"}
    with paths["reports"].open("w", encoding="utf-8", newline="\n") as fh:
        for report in reports:
            fh.write(json.dumps(report, ensure_ascii=False) + "\n")
    paths["truth"].write_text(
        json.dumps(truth, indent=2, sort_keys=sort_truth, ensure_ascii=False) + "\n",
        encoding="utf-8", newline="\n")
    return paths
