"""Changes since the previous run and intelligence gaps."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graphintel.agenda.model import (
    Changes,
    EpisodeChange,
    Gap,
    Limits,
    LinkChange,
    Network,
    RankChange,
)
from graphintel.agenda.scope import Scope, episode, shown_episodes
from graphintel.agenda.view import View
from graphintel.agenda.words import VERBS, when


def _members(doc: dict[str, Any]) -> set[str]:
    return {m["uid"] for c in doc.get("communities", []) for m in c["members"]}


def _far_end(view: View, row: dict[str, Any]) -> str:
    """The far end of a link from person ``row['a']``, as the profile may show it."""
    label, kind = row["label"], row["type"]
    if label == "Person":
        return view.name(row["b"])
    return view.private(kind, row["a"], view.thing(row["b"], label, row))


def _window(run: dict[str, Any]) -> tuple[str, str]:
    w = run.get("window") or {}
    return (str(w.get("from") or run.get("window_from") or "")[:10],
            str(w.get("to") or run.get("window_to") or "")[:10])


def comparison_note(run: dict[str, Any], prev: dict[str, Any] | None) -> str:
    """What a reader must know about the run compared with (``prev``, a run's ``run`` part)
    before reading the changes: its analysis date when it is another day (later than this
    run's: the changes read backwards), or another evidence window: then the changes come
    from the dates, not from new intelligence. "" when both read the same days.

    >>> comparison_note({"as_of": "2024-02-15"}, {"as_of": "2024-12-31"})
    "as of 2024-12-31, later than this run's 2024-02-15: the changes read backwards in time"
    >>> comparison_note({"as_of": "2025-06-30"}, {"as_of": "2025-06-30",
    ...                  "window": {"from": None, "to": "2025-03-31"}})
    "over the evidence window …..2025-03-31 (this run's: …..…): changes may come from the \
windows, not from new intelligence"
    >>> comparison_note({"as_of": "2025-06-30"}, {"as_of": "2025-06-30"})
    ''
    """
    if prev is None:
        return ""
    mine, theirs = str(run.get("as_of") or "")[:10], str(prev.get("as_of") or "")[:10]
    parts = [f"as of {theirs}"] if theirs and theirs != mine else []
    if theirs and mine and theirs > mine:
        parts.append(f"later than this run's {mine}: the changes read backwards in time")
    if _window(run) != _window(prev):
        def show(w: tuple[str, str]) -> str:
            return f"{w[0] or '…'}..{w[1] or '…'}"
        parts.append(f"over the evidence window {show(_window(prev))} (this run's: "
                     f"{show(_window(run))}): changes may come from the windows, not from new "
                     "intelligence")
    return ", ".join(parts)


def changes(view: View, run: dict[str, Any], prev: dict[str, Any] | None,
            limits: Limits, named: set[str] | None = None) -> Changes:
    """New people, new links, new missing episodes and targets that moved since ``prev``;
    ``named`` gets the uids of the people named."""
    named = set() if named is None else named
    if prev is None:
        return Changes(None, None)
    since, until = prev["run"]["created_at"], run["run"]["created_at"]
    out = Changes(since_run=str(prev["run"]["id"]), since_created=str(since),
                  note=comparison_note(run["run"], prev["run"]))
    for d in view.facts.merges:
        a, b = str(d["a_uid"]), str(d["b_uid"])
        named.update((a, b))
        why = f": {d['reason']}" if d.get("reason") else ""
        out.merges.append(f"{view.name(a)} merged into {view.name(b)} by {d.get('user') or '?'} "
                          f"on {str(d.get('at') or '')[:10]}{why}")
    fresh = sorted(u for u in _members(run) - _members(prev) if view.visible(u))
    out.new_people = sorted(f"{view.name(u)} ({_roles_shown(view, u)})" for u in fresh)
    named.update(fresh)
    for row in view.facts.new_links:
        ends = [row["a"]] + ([row["b"]] if row["label"] == "Person" else [])
        if not all(view.visible(u) for u in ends):
            continue
        if not view.shown(row["refs"], "new links", f"{row['a']}|{row['type']}|{row['b']}"):
            continue
        named.update(ends)
        out.new_links.append(LinkChange(
            link=f"{view.name(row['a'])} — {VERBS.get(row['type'], row['type'])} — "
                 f"{_far_end(view, row)}",
            first_seen=when(row["first_seen"]),
            refs=view.cited(row["refs"], rows=row.get("rows"))))
    for child in sorted(view.facts.episodes):
        if not view.visible(child):
            continue
        for e in shown_episodes(view, child):
            if e["loaded_at"] and since < str(e["loaded_at"]) <= until:
                out.new_episodes.append(EpisodeChange(view.name(child), episode(view, child, e)))
    out.new_episodes.sort(key=lambda c: (c.episode.start, c.child))
    moves = _moves(view, run, prev)
    out.moves = [m for _, m in moves[: limits.moves]]
    out.more_moves = max(0, len(moves) - limits.moves)
    named.update(uid for uid, _ in moves[: limits.moves])
    return out


def _moves(view: View, run: dict[str, Any],
           prev: dict[str, Any]) -> list[tuple[str, RankChange]]:
    now = {t["uid"]: t for t in run["targets"]}
    before = {t["uid"]: t for t in prev["targets"]}
    rows = []
    for uid in sorted(set(now) | set(before)):
        a, b = before.get(uid), now.get(uid)
        if (a and b and a["rank"] == b["rank"]) or not view.visible(uid):
            continue
        if a and b:
            change = "rose" if b["rank"] < a["rank"] else "fell"
        else:
            change = "new target" if b else "no longer a target"
        rows.append((min(int(x["rank"]) for x in (a, b) if x), uid, RankChange(
            name=view.name(uid), change=change,
            before=f"rank {a['rank']} (score {float(a['score']):.1f})" if a else "—",
            after=f"rank {b['rank']} (score {float(b['score']):.1f})" if b else "—")))
    return [(r[1], r[2]) for r in sorted(rows, key=lambda r: (r[0], r[1]))]


def _concerns(refs: Sequence[str], reports: dict[str, dict[str, Any]]) -> list[str]:
    """Why a link needs corroboration: one report, a not-reliable source, intelligence
    graded D or E (3x5x2; 5x5x5 source D, intelligence 4 or 5)."""
    if not refs:
        return ["no supporting report recorded"]
    out = []
    if len(refs) == 1:
        out.append("rests on one report")
    known = [reports[r] for r in refs if r in reports and reports[r].get("grading")]
    if not known:
        return out

    def five(r: dict[str, Any]) -> bool:
        return str(r.get("scheme") or "") == "5x5x5"

    if all(str(r.get("source")) == ("D" if five(r) else "3") for r in known):
        out.append("source not reliable")
    weak = [str(r.get("intel")) for r in known
            if str(r.get("intel")) in ({"4", "5"} if five(r) else {"D", "E"})]
    if len(weak) == len(known):
        out.append(f"intelligence graded {' and '.join(sorted(set(weak)))}")
    return out


def gaps(view: View, sections: Sequence[tuple[Network, Scope]],
         limits: Limits, named: set[str] | None = None) -> tuple[list[Gap], int]:
    """Links shown on the agenda that need corroboration, the weakest first; ``named``
    gets the uids of the people the listed ones name."""
    reports = view.facts.reports
    seen: set[str] = set()
    found: list[tuple[Any, ...]] = []
    for order, (net, scope) in enumerate(sections):
        members = set(scope.members)
        targets = set(scope.targets)
        candidates: list[tuple[str, str, str, list[str], str, list[str]]] = []
        for link in view.facts.links_touching(members):
            if link["a"] in members or link["b"] in members:
                candidates.append((link["a"], link["type"], link["b"], link["refs"],
                                   view.name(link["b"]), link.get("rows") or []))
        shown = dict.fromkeys(scope.places + scope.assets)
        for uid in scope.members:
            for tie in view.facts.ties.get(uid, []):
                if tie["entity"] in shown and not (tie["type"] == "LIVES_AT"
                                                   and view.is_child(uid)):
                    far = view.thing(tie["entity"], tie["label"], tie)
                    candidates.append((uid, tie["type"], tie["entity"], tie["refs"], far,
                                       tie.get("rows") or []))
        for a, kind, b, refs, far, rows in candidates:
            key = f"{a}|{kind}|{b}"
            concerns = _concerns(sorted(set(refs or [])), reports)
            if key in seen or not concerns or not view.shown(refs, "links", key):
                continue
            seen.add(key)
            text = f"{view.name(a)} — {VERBS.get(kind, kind)} — {far}"
            found.append((-len(concerns), 0 if {a, b} & targets else 1, order, text, key,
                          (a, b), Gap(link=text, network=f"Network {net.id}",
                              reports=view.cited(refs, rows=rows) or "—",
                              concerns="; ".join(concerns))))
    found.sort(key=lambda g: g[:5])
    if named is not None:
        named.update(u for g in found[: limits.gaps] for u in g[5])
    return [g[6] for g in found[: limits.gaps]], max(0, len(found) - limits.gaps)


def _roles_shown(view: View, uid: str) -> str:
    """A new person's roles; a child or victim also assessed as a suspect is named as one
    who may be exploited into offending, never as a suspect alone."""
    roles = view.roles(uid) or "no role"
    if view.protected(uid) and "suspect" in roles.split(", "):
        return f"{roles}: a child or victim who may be exploited into offending, safeguarded"
    return roles
