"""``make validate``: graphintel's analysis on data it did not write, figures to VALIDATION.md.

Each data set is converted to graphintel's canonical JSON Lines (``validation/published*.py``,
``validation/scenarios``), loaded through the normal ingest into an emptied Neo4j of the
validation's own (``GRAPHINTEL_HOME``, default ``.graphintel-validate``), analysed with the
default parameters, and scored against its ground truth beside a naive script
(:mod:`validation.score`). Nothing is tuned per data set: every figure, including those that
fall short of the goals, is written to VALIDATION.md and ``out/validation/figures.json``.
On the generator, Kosmas and the whole CAVIAR network the analysis runs again with each part
of the disruption score weighted 0 in turn (leave one out), to show what each contributes.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graphintel import local_neo4j
from graphintel.analysis.projection import ProjectionParams
from graphintel.analysis.run import AnalysisParams, run_analysis
from graphintel.analysis.score_weights import DEFAULT_WEIGHTS
from graphintel.config import load_settings
from graphintel.ingest import ingest
from graphintel.schema import apply_schema
from graphintel.store import Store
from validation import published, score
from validation.report import render
from validation.scenarios.build import generate as generate_scenario

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "validation" / "data"
SCENARIO_SEEDS = (101, 202, 303)
#: Seeds of the same generator that nobody looked at while the ranking was designed (the
#: misses studied were those of SCENARIO_SEEDS): a check that a change generalises.
HELD_OUT_SEEDS = (404, 505, 606, 707, 808)
#: The matrices carry no dates; the converter dates every report on this day.
MATRIX_DATE = "2020-01-01"
#: The count curve of the CAVIAR sensitivity run (graphintel's default for reported counts).
SENSITIVITY_CURVE = "saturating:10"
#: The figures kept for each leave-one-out run (:func:`_leave_one_out`).
ABLATION_FIGURES = ("precision_at_k", "organiser_first", "protected_as_targets", "n1_first")


def _params(as_of: str | None, curves: dict[str, str] | None = None,
            weights: dict[str, float] | None = None) -> AnalysisParams:
    return AnalysisParams(projection=ProjectionParams(as_of=as_of, count_curves=curves or {}),
                          score_weights=weights or {})


def _load_and_analyse(store: Store, folder: Path, reports: list[dict[str, Any]] | list[Path],
                      as_of: str | None, curves: dict[str, str] | None = None
                      ) -> dict[str, Any]:
    """Load ``reports`` (canonical reports, or files for the ingest) into an emptied graph."""
    folder.mkdir(parents=True, exist_ok=True)
    if reports and isinstance(reports[0], Path):
        paths = [p for p in reports if isinstance(p, Path)]
    else:
        path = folder / "reports.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in reports))
        paths = [path]
    store.wipe()
    summary = ingest(paths, settings=load_settings(), store=store)
    result = run_analysis(store, _params(as_of, curves), write=False).result
    result["ingest"] = {"rows": summary.total("read"), "loaded": summary.total("loaded"),
                        "quarantined": summary.total("quarantined")}
    return result


def _leave_one_out(store: Store, truth: score.Truth, as_of: str | None,
                   extra: Callable[[dict[str, Any]], dict[str, Any]] | None
                   ) -> dict[str, dict[str, Any]]:
    """The figures again with each part of the score weighted 0 in turn (the graph as loaded):
    what each part contributes, on every data set alike. Not a search for better weights."""
    out = {}
    for part in DEFAULT_WEIGHTS:
        result = run_analysis(store, _params(as_of, weights={part: 0.0}), write=False).result
        f = score.evaluate(result, truth)
        if extra:
            f.update(extra(result))
        out[part] = {key: f.get(key) for key in ABLATION_FIGURES if key in f}
    return out


def _dataset(store: Store, out: Path, name: str, reports: list[dict[str, Any]] | list[Path],
             truth: score.Truth, as_of: str | None,
             extra: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
             curves: dict[str, str] | None = None, ablate: bool = False) -> dict[str, Any]:
    started = time.monotonic()
    result = _load_and_analyse(store, out / name, reports, as_of, curves)
    (out / name / "result.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
    figures = score.evaluate(result, truth)
    figures["ingest"] = result["ingest"]
    if extra:
        figures.update(extra(result))
    if ablate:
        figures["leave_one_out"] = _leave_one_out(store, truth, as_of, extra)
    figures["seconds"] = round(time.monotonic() - started, 1)
    (out / name / "figures.json").write_text(json.dumps(figures, indent=2))
    print(f"{name}: {json.dumps(figures)}", flush=True)
    return figures


def _caviar_whole(truth: dict[str, Any]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def extra(result: dict[str, Any]) -> dict[str, Any]:
        by_ref = {p["uid"]: p for p in result["people"]}
        node_of = {}
        for c in result["communities"]:
            for m in c["members"]:
                node_of[m["uid"]] = str(m.get("nominal_ref", "")).removeprefix("CAVIAR-")
        mine = {node_of[u]: p["measures"]["betweenness"] for u, p in by_ref.items()}
        published_bc = truth["published"]["betweenness_undirected_1_over_calls"]
        diffs = {n: round(abs(mine.get(n, 0.0) - float(v)), 6) for n, v in published_bc.items()}
        top = [node_of[t["uid"]] for t in result["targets"][:5]]
        return {"top5_targets": top,
                "betweenness": {n: round(mine.get(n, 0.0), 3)
                                for n in ("N1", "N3", "N12", "N87", "N37")},
                "betweenness_max_abs_diff": max(diffs.values()),
                "n1_first": bool(top and top[0] == "N1")}
    return extra


def _caviar_phase(leader: str | None) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def extra(result: dict[str, Any]) -> dict[str, Any]:
        node = {m["uid"]: str(m.get("nominal_ref", "")).removeprefix("CAVIAR-")
                for c in result["communities"] for m in c["members"]}
        top = node[result["targets"][0]["uid"]] if result["targets"] else None
        by_bc = max(result["people"], key=lambda p: (p["measures"]["betweenness"], p["uid"]))
        return {"published_leader": leader, "top_target": top,
                "top_betweenness": node[by_bc["uid"]], "leader_first": top == leader}
    return extra


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=REPO / "out" / "validation")
    ap.add_argument("--report", type=Path, default=REPO / "VALIDATION.md")
    ap.add_argument("--quick", action="store_true", help="one scenario seed, no phases")
    args = ap.parse_args(argv)
    out: Path = args.out
    figures: dict[str, Any] = {}
    settings = load_settings()
    started = settings.uses_local_neo4j and not local_neo4j.status(settings).running
    try:
        _all(settings, out, figures, quick=args.quick)
    finally:
        if started:
            local_neo4j.stop(settings)
    (out / "figures.json").write_text(json.dumps(figures, indent=2))
    args.report.write_text(render(figures))
    print(f"figures: {out / 'figures.json'}\nreport:  {args.report}")
    return 0


def _all(settings: Any, out: Path, figures: dict[str, Any], *, quick: bool) -> None:
    with Store.open(settings) as store:
        apply_schema(store)
        for seed in SCENARIO_SEEDS[:1] if quick else SCENARIO_SEEDS + HELD_OUT_SEEDS:
            sc = generate_scenario(seed)
            figures[f"scenarios-seed{seed}"] = _dataset(
                store, out, f"scenarios-seed{seed}", sc.reports, score.from_scenarios(sc.truth),
                sc.truth.get("as_of"), ablate=True)
        sample = REPO / "sample"
        figures["sample (graphintel synth)"] = _dataset(
            store, out, "sample-synth", sorted(p for p in sample.iterdir()
                                               if p.suffix in (".jsonl", ".csv")),
            score.from_synth(truth := json.loads((sample / "ground_truth.json").read_text())),
            truth["as_of"])
        for g in sorted((DATA / "kosmas_sex_trafficking").glob("HT5_*_40.graphml")):
            conv = published.kosmas(g)
            figures[f"kosmas-{g.stem}"] = _dataset(store, out, f"kosmas-{g.stem}", conv.reports,
                                                   score.from_kosmas(conv.truth), "2026-01-01",
                                                   ablate=True)
        cav = DATA / "caviar"
        conv = published.caviar(cav / "caviar_full_edges_directed.csv",
                                key_players_csv=cav / "key_players.csv")
        figures["caviar"] = _dataset(store, out, "caviar", conv.reports,
                                     score.from_caviar(conv.truth), conv.truth["date"],
                                     _caviar_whole(conv.truth), ablate=True)
        # Sensitivity, not a goal: the same calls on the saturating curve graphintel uses
        # for counts written into reports (the published measures are defined on 1 / calls).
        figures["caviar-saturating"] = _dataset(
            store, out, "caviar-saturating", conv.reports, score.from_caviar(conv.truth),
            conv.truth["date"], _caviar_whole(conv.truth),
            curves={"phone_contact": SENSITIVITY_CURVE})
        leaders = {int(k): v for k, v in conv.truth["phase_leaders"].items()}
        for phase in ([] if quick else range(1, 12)):
            pc = published.caviar(cav / "phases" / f"phase{phase}_edges_directed.csv",
                                  phase=phase, key_players_csv=cav / "key_players.csv")
            figures[f"caviar-phase{phase}"] = _dataset(
                store, out, f"caviar-phase{phase}", pc.reports, score.from_caviar(pc.truth),
                pc.truth["date"], _caviar_phase(leaders.get(phase)))
        for m in sorted((DATA / "criminal_matrices").glob("*.csv")):
            conv = published.matrix(m, m.stem, date=MATRIX_DATE)
            figures[f"matrix-{m.stem}"] = _dataset(
                store, out, f"matrix-{m.stem}", conv.reports,
                score.Truth({}, set(), [], set(), set()), MATRIX_DATE)


if __name__ == "__main__":
    sys.exit(main())
