"""How well the analysis finds what the synthetic ground truth says is there.

Scored as ``make validate`` scores graphintel's own generator (``validation/score.py``): the
key people are the organisers, recruiters and brokers who are neither victims nor children
on the analysis date (a child recruiting others is safeguarded, never a target, so the truth
cannot expect one among the targets), and a target's linked children are scored against the
true offender-child links of the offenders who are targets.
"""

from __future__ import annotations

from typing import Any

from validation import score


def evaluate(result: dict[str, Any], truth: dict[str, Any]) -> dict[str, Any]:
    """Key people among the top 10, 20 and k targets (k = their number), children or
    victims among the targets (must be 0), the organiser first in his network, and the
    precision and recall of the targets' linked children."""
    t = score.from_synth(truth)
    figures = score.evaluate(result, t)
    uids = score.uids(t, result)
    key = {uids[k] for k in t.key_offenders if k in uids}
    ranked = [x["uid"] for x in result["targets"]]
    out: dict[str, Any] = {"key_people": len(key), "targets": len(ranked),
                           "children_or_victims_as_targets": figures["protected_as_targets"]}
    for n in (10, 20):
        top = ranked[:n]
        out[f"precision@{n}"] = round(sum(1 for u in top if u in key) / max(1, len(top)), 3)
    out["precision@k"] = figures["precision_at_k"]
    out["organiser_first"] = figures.get("organiser_first")
    out["linked_precision"] = figures.get("linked_precision")
    out["linked_recall"] = figures.get("linked_recall")
    return out
