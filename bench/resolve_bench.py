"""Entity-resolution benchmark: candidate precision/recall and search time at scale.

1. Precision and recall of the person candidate list against the synthetic generator's
   ground truth (``duplicates``: true people written under a misspelt name that exact keys
   cannot merge), after a real ingest of its reports.
2. The candidate search timed on 10k and 100k generated people (with phones, home
   addresses, households and 5% planted duplicates of four kinds), created in bulk.

It WIPES the graph of the Neo4j it talks to: run it with a throwaway local Neo4j::

    GRAPHINTEL_HOME=/tmp/gi-resolve-bench GRAPHINTEL_NEO4J_HEAP=4g \\
        .venv/bin/python bench/resolve_bench.py --scale 3 --sizes 10000,100000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from graphintel.clean import name_key
from graphintel.config import load_settings
from graphintel.ingest import ingest
from graphintel.resolve import find_candidates
from graphintel.resolve.bulk import load_people
from graphintel.schema import apply_schema
from graphintel.store import Store
from graphintel.synth import generate
from graphintel.synth import people as P

THRESHOLDS = (0.5, 0.7, 0.9)
# Street names: 30 x 30 forms. Surnames: a quarter from the generator's 80 common ones,
# the rest from 30 x 30 made-up ones, so exact name collisions are frequent but not
# absurd (with 80 surnames alone, 100k people have ~12 namesakes each).
NICK_HEAD = ("Big", "Lil", "Tiny", "Red", "Mad", "Young", "Kay", "Jay", "Dee", "Moz", "Bex",
             "Smudge", "Ghost", "Shorty", "Chunky", "Skinny", "Fast", "Slim", "Boss", "Kid",
             "Ice", "Blade", "Snow", "Ace", "Dino", "Taz", "Mister", "Baby", "Rico", "Zed")
NICK_TAIL = ("", "z", "y", "o", "man", "boy", "dog", "G", "T", "K", "J", "D", "P", "B", "M",
             "one", "star", "king", "ster", "ie", "ski", "o2", "X", "C", "R", "S", "L", "N",
             "V", "W")
SUR_HEAD = ("Ash", "Brad", "Car", "Dun", "El", "Fair", "Gold", "Hart", "Kings", "Lang", "Mar",
            "Nor", "Oak", "Pem", "Rad", "Sher", "Thorn", "Wal", "Whit", "Wood", "Bell", "Cole",
            "Fen", "Glen", "Holt", "Lind", "Moss", "Pen", "Rook", "Stan")
SUR_TAIL = ("ley", "ton", "field", "by", "well", "more", "wood", "ford", "worth", "ham",
            "ridge", "stone", "cliffe", "hurst", "wick", "combe", "land", "brook", "shaw",
            "bury", "dale", "croft", "ington", "away", "house", "man", "son", "er", "ing", "low")


def _surname(rng: random.Random) -> str:
    if rng.random() < 0.25:
        return rng.choice(P.SURNAMES)
    return rng.choice(SUR_HEAD) + rng.choice(SUR_TAIL)


def _pr(found: set[frozenset[str]], truth: set[frozenset[str]]) -> dict[str, Any]:
    hits = len(found & truth)
    return {"candidates": len(found), "true_pairs": len(truth), "found": hits,
            "precision": round(hits / len(found), 3) if found else None,
            "recall": round(hits / len(truth), 3) if truth else None}


def synthetic_precision_recall(store: Store, scale: float, seed: int) -> dict[str, Any]:
    """Ingest the generator's reports and score the candidate list against its truth."""
    settings = load_settings()
    with tempfile.TemporaryDirectory() as tmp:
        made = generate(Path(tmp), seed=seed, scale=scale, tabular=False)
        truth = json.loads((Path(tmp) / "ground_truth.json").read_text(encoding="utf-8"))
        started = time.perf_counter()
        summary = ingest([made.files["reports.jsonl"]], settings=settings, store=store)
        ingest_s = time.perf_counter() - started
    pid_of: dict[tuple[str, str], str] = {}
    for pid, p in truth["people"].items():
        for variant in p["name_variants"]:
            pid_of[(name_key(variant), p["dob"])] = pid
    nodes = store.read_text("MATCH (p:Person) RETURN p.uid AS uid, p.name_key AS k, "
                            "p.dob AS dob", {})
    node_pid = {n["uid"]: pid_of.get((n["k"], n["dob"])) for n in nodes}
    by_pid: dict[str, list[str]] = defaultdict(list)
    for uid, pid in node_pid.items():
        if pid:
            by_pid[pid].append(uid)
    true_pairs = {frozenset((a, b)) for uids in by_pid.values() for i, a in enumerate(uids)
                  for b in uids[i + 1:]}
    listed = {d[0]["person_id"] for d in truth["duplicates"]}
    search = find_candidates(store, "person", min_score=0.0)
    out: dict[str, Any] = {
        "scale": scale, "seed": seed, "reports": made.reports,
        "ingest_seconds": round(ingest_s, 1), "loaded": summary.as_dict()["loaded"],
        "people_nodes": len(nodes), "unmapped_nodes": sum(1 for p in node_pid.values() if not p),
        "ground_truth_duplicates": len(truth["duplicates"]),
        "true_pairs_in_graph": len(true_pairs),
        "true_pairs_from_duplicates_list": sum(
            1 for pair in true_pairs if node_pid[next(iter(pair))] in listed),
        "search": search.stats, "by_threshold": {}}
    for t in THRESHOLDS:
        found = {frozenset((c.a, c.b)) for c in search.candidates if c.score >= t}
        out["by_threshold"][str(t)] = _pr(found, true_pairs)
    missed = true_pairs - {frozenset((c.a, c.b)) for c in search.candidates
                           if c.score >= THRESHOLDS[0]}
    out["missed_examples"] = [sorted(p) for p in list(missed)[:5]]
    wrong = [c for c in search.candidates if c.score >= THRESHOLDS[0]
             and frozenset((c.a, c.b)) not in true_pairs]
    out["false_positive_examples"] = [
        {"a": c.a_label, "b": c.b_label, "score": c.score, "evidence": list(c.evidence)}
        for c in wrong[:5]]
    return out


def _dob(rng: random.Random) -> date:
    return date(2025, 6, 30) - timedelta(days=rng.randrange(365 * 10, 365 * 70))


def _props(uid: str, name: str, dob: date | None, aliases: list[str]) -> dict[str, Any]:
    key = name_key(name)
    props: dict[str, Any] = {
        "uid": f"Person:{uid}", "key": uid, "name": name, "name_key": key,
        "roles": ["associate"], "aliases": aliases,
        "aliases_text": "".join(f"{a} ; " for a in aliases), "flags": [],
        "loaded_at": "2025-06-30T00:00:00"}
    if dob:
        props.update(dob=dob.isoformat(), name_dob=f"{key}|{dob.isoformat()}")
    else:
        props["flags"] = ["no_dob_or_nominal_ref"]
    return props


def people_rows(n: int, seed: int) -> tuple[list[dict[str, Any]], set[frozenset[str]]]:
    """``n`` people: 95% distinct, 5% planted duplicates of them (the truth pairs).

    Duplicates, a quarter of each kind: a misspelt name with the same date of birth; the
    same name with day and month swapped (or a day later); a street name, recorded as an
    alias of the original, with no date of birth; an initial and surname with no date of
    birth at the original's home, using its phone. A third of households share a phone.
    """
    rng = random.Random(seed)
    base_n = int(n * 0.95)
    households = [{"uid": f"Location:BENCH {h}|{h} test street", "key": f"BENCH {h}",
                   "address": f"{h} Test Street", "postcode": f"BENCH {h}",
                   "phone": f"+44116496{h:06d}"} for h in range(base_n // 3)]
    rows, seen = [], set()
    base: list[tuple[dict[str, Any], str, str, date]] = []
    for i in range(base_n):
        while True:
            male = rng.random() < 0.5
            first = rng.choice(P.MALE_FIRST if male else P.FEMALE_FIRST)
            last = _surname(rng)
            dob = _dob(rng)
            if (name_key(f"{first} {last}"), dob) not in seen:
                break
        seen.add((name_key(f"{first} {last}"), dob))
        row: dict[str, Any] = {"props": _props(f"b:{i}", P.display_name(first, last), dob, []),
                               "phone": None, "home": None}
        if rng.random() < 0.8:
            home = rng.choice(households)
            row["home"] = {k: home[k] for k in ("uid", "key", "address", "postcode")}
            if rng.random() < 0.5:
                row["phone"] = {"uid": f"Phone:{home['phone']}", "key": home["phone"]}
        if row["phone"] is None and rng.random() < 0.7:
            number = f"+447{i + 100000000:09d}"
            row["phone"] = {"uid": f"Phone:{number}", "key": number}
        rows.append(row)
        base.append((row, first, last, dob))
    truth: set[frozenset[str]] = set()
    kinds = ("misspelt", "swapped", "alias", "household")
    for j, (row, first, last, dob) in enumerate(rng.sample(base, n - base_n)):
        kind = kinds[j % len(kinds)]
        uid = f"d:{j}"
        dup: dict[str, Any] = {"phone": None, "home": None}
        if kind == "misspelt":
            dup["props"] = _props(uid, P.misspell(rng, first, last), dob, [])
        elif kind == "swapped":
            moved = (dob.replace(month=dob.day, day=dob.month)
                     if dob.day <= 12 and dob.day != dob.month else dob + timedelta(days=1))
            dup["props"] = _props(uid, f"{first} {last}".upper(), moved, [])
        elif kind == "alias":
            nick = f"{rng.choice(NICK_HEAD)}{rng.choice(NICK_TAIL)} {last}"
            row["props"]["aliases"] = [nick]
            row["props"]["aliases_text"] = f"{nick} ; "
            dup["props"] = _props(uid, nick, None, [])
        else:
            home = rng.choice(households)
            row["home"] = row["home"] or {k: home[k] for k in ("uid", "key", "address",
                                                                "postcode")}
            row["phone"] = row["phone"] or {"uid": f"Phone:{home['phone']}",
                                            "key": home["phone"]}
            dup.update(home=row["home"], phone=row["phone"])
            dup["props"] = _props(uid, f"{first[0]} {last.upper()}", None, [])
        rows.append(dup)
        truth.add(frozenset((row["props"]["uid"], dup["props"]["uid"])))
    return rows, truth


def timing(store: Store, n: int, seed: int) -> dict[str, Any]:
    """Create ``n`` people in bulk and time the candidate searches on them."""
    rows, truth = people_rows(n, seed)
    store.wipe()
    started = time.perf_counter()
    load_people(store, rows)
    load_s = time.perf_counter() - started
    out: dict[str, Any] = {"people": len(rows), "load_seconds": round(load_s, 1)}
    search = find_candidates(store, "person", min_score=0.0)
    out["person_search"] = search.stats
    for t in THRESHOLDS:
        found = {frozenset((c.a, c.b)) for c in search.candidates if c.score >= t}
        out[f"planted_pr_at_{t}"] = _pr(found, truth)
    by_rule: dict[str, int] = defaultdict(int)
    for c in search.candidates:
        if c.score >= THRESHOLDS[0] and frozenset((c.a, c.b)) not in truth:
            by_rule["+".join(c.rules)] += 1
    out["false_positives_by_rule_at_0.5"] = dict(by_rule)
    for kind in ("phone", "location"):
        out[f"{kind}_search"] = find_candidates(store, kind).stats
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=3.0, help="synthetic data scale")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sizes", default="10000,100000", help="people counts to time")
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--keep", action="store_true", help="leave the last data set loaded")
    args = parser.parse_args(argv)
    if os.environ.get("NEO4J_URI"):
        print("refusing: NEO4J_URI is set and this benchmark wipes the graph; use a "
              "throwaway local Neo4j (GRAPHINTEL_HOME=/tmp/...)", file=sys.stderr)
        return 2
    settings = load_settings()
    print(f"# entity-resolution benchmark (Neo4j home {settings.home}; graph is wiped)")
    with Store.open(settings) as store:
        apply_schema(store)
        if not args.skip_synthetic:
            store.wipe()
            pr = synthetic_precision_recall(store, args.scale, args.seed)
            print(json.dumps({"synthetic_precision_recall": pr}, indent=2))
        for n in (int(x) for x in args.sizes.split(",") if x.strip()):
            print(json.dumps({f"timing_{n}": timing(store, n, args.seed)}, indent=2),
                  flush=True)
        if not args.keep:
            store.wipe()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
