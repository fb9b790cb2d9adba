"""``graphintel resolve``: likely duplicates for an analyst to merge or reject, and undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from graphintel.cli.common import console, settings
from graphintel.cli.output import FORMAT, OUTPUT, Format, emit
from graphintel.errors import GraphintelError

resolve_app = typer.Typer(
    help="Entity resolution: list likely duplicates, merge or reject them, undo a merge.",
    no_args_is_help=True, rich_markup_mode=None)

CANDIDATE_COLUMNS = ["score", "a", "a_label", "b", "b_label", "evidence"]
DECISION_COLUMNS = ["id", "kind", "a_uid", "a_label", "b_uid", "b_label", "user", "at",
                    "reason", "status", "undone_by", "undone_at", "undoes", "conflicts",
                    "kept_values", "earlier_reasons"]


def _check(value: str, allowed: tuple[str, ...], option: str) -> str:
    if value not in allowed:
        raise GraphintelError(f"{option} must be one of {', '.join(allowed)}, not {value!r}",
                              option)
    return value


@resolve_app.command("candidates")
def candidates_command(
    kind: str = typer.Option("person", "--kind", help="person, phone or location."),
    limit: int = typer.Option(50, "--limit", help="At most this many pairs."),
    min_score: float = typer.Option(0.5, "--min-score", help="Only pairs scoring this or more."),
    targets_first: bool = typer.Option(
        False, "--targets-first",
        help="Pairs with a candidate target or a child or victim at risk of the latest "
             "analysis run first (what the agenda asks to resolve)."),
    fmt: Format | None = FORMAT,
    output: Path | None = OUTPUT,
) -> None:
    """List pairs likely to be the same, best first, with score and evidence."""
    from graphintel.audit import audited
    from graphintel.resolve import find_candidates
    from graphintel.resolve.candidates import KINDS, run_subjects
    from graphintel.store import Store

    _check(kind, KINDS, "--kind")
    s = settings()
    with audited(s, "resolve candidates", params={"kind": kind, "limit": limit,
                                                  "min_score": min_score,
                                                  "targets_first": targets_first}) as rec:
        with Store.open(s) as store:
            first = run_subjects(store) if targets_first else set()
            search = find_candidates(store, kind, min_score=min_score, limit=limit,
                                     first=first)
        rows = [c.as_dict() for c in search.candidates]
        emit(CANDIDATE_COLUMNS, rows, fmt, output, rec,
             data={"stats": search.stats, "candidates": rows},
             show=lambda: _print_candidates(search, kind, min_score))


def _print_candidates(search: Any, kind: str, min_score: float) -> None:
    from rich.table import Table

    if search.candidates:
        table = Table("score", "A", "B", "evidence")
        for c in search.candidates:
            table.add_row(f"{c.score:.3f}", f"{c.a_label}\n{c.a}", f"{c.b_label}\n{c.b}",
                          "; ".join(c.evidence))
        console.print(table)
    st = search.stats
    console.print(f"{st['found']} {kind} pairs at score >= {min_score} (showing "
                  f"{len(search.candidates)}); {st['entities']} entities, "
                  f"{st['pairs_compared']} pairs compared, {st['total_seconds']:.2f}s")


@resolve_app.command("merge")
def merge_command(
    a: str = typer.Argument(..., help="Merged away: uid or nominal reference."),
    b: str = typer.Argument(..., help="Kept: uid or nominal reference."),
    reason: str = typer.Option(..., "--reason", help="Why the analyst believes they are one."),
    despite: list[str] = typer.Option(
        [], "--despite",
        help="Merge despite these conflicts (comma-separated or repeated: dob, child_adult, "
             "gender, nominal_ref, not_candidate, rejected); they are recorded with the "
             "decision. Without it a conflicting pair is refused with the conflicts listed."),
) -> None:
    """Merge A into B, keeping every link, role, alias and report reference.

    Two people that conflict (dates of birth, a child and an adult, genders, nominal
    references, a pair never proposed or rejected) are refused unless --despite names
    every conflict."""
    from graphintel.audit import audited, os_user
    from graphintel.resolve import merge
    from graphintel.store import Store

    user = os_user()
    s = settings()
    with audited(s, "resolve merge", params={"a": a, "b": b, "reason": reason,
                                             "despite": despite}) as rec, \
            Store.open(s) as store:
        done = merge(store, a, b, reason=reason, user=user, despite=despite)
        rec.records = 1
        rec.details.update(decision=done.id, a_uid=done.a_uid, b_uid=done.b_uid,
                           conflicts=list(done.conflicts))
    console.print(f"merged {done.a_uid} into {done.b_uid}: decision {done.id} by {user} "
                  f"({done.moved} links moved, {done.combined} combined with B's, "
                  f"{done.dropped} A-B links dropped, {done.reports} reports repointed, "
                  f"{done.scores} scores of past analysis runs left with A's record)")
    for text in done.conflicts:
        console.print(f"merged despite: {text}")
    for text in done.kept:
        console.print(text)
    console.print(f"undo with: graphintel resolve undo {done.id}")


@resolve_app.command("reject")
def reject_command(
    a: str = typer.Argument(..., help="uid or nominal reference."),
    b: str = typer.Argument(..., help="uid or nominal reference."),
    reason: str | None = typer.Option(None, "--reason", help="Why they are different."),
) -> None:
    """Record that A and B are different, so the pair is not proposed again."""
    from graphintel.audit import audited, os_user
    from graphintel.resolve import reject
    from graphintel.store import Store

    user = os_user()
    s = settings()
    with audited(s, "resolve reject", params={"a": a, "b": b, "reason": reason}) as rec, \
            Store.open(s) as store:
        done = reject(store, a, b, reason=reason, user=user)
        rec.records = 1
        rec.details.update(decision=done.id, a_uid=done.a_uid, b_uid=done.b_uid,
                           already_rejected=bool(done.detail.get("existing")),
                           reason_updated=bool(done.detail.get("reason_updated")))
    verb = "already rejected" if done.detail.get("existing") else "rejected"
    console.print(f"{verb}: {done.a_uid} / {done.b_uid} are different (decision {done.id})")
    if done.detail.get("reason_updated"):
        console.print(f"reason updated to {done.detail['reason']!r} (earlier: "
                      f"{done.detail.get('earlier_reason') or 'none'!r}, kept in the log)")
    elif done.detail.get("existing"):
        console.print(f"reason kept: {done.detail.get('reason') or 'none given'!r}")


@resolve_app.command("dob")
def dob_command(
    person: str = typer.Argument(..., help="uid or nominal reference."),
    date: str = typer.Argument(..., help="The date of birth to keep (YYYY-MM-DD), one of "
                                         "those recorded for the person."),
    reason: str = typer.Option(..., "--reason", help="What was checked (required)."),
) -> None:
    """Keep one of a person's recorded dates of birth: reports that disagree leave them all,
    and the person is a child while any makes them one; the others are set aside."""
    from graphintel.audit import audited, os_user
    from graphintel.resolve import settle_dob
    from graphintel.store import Store

    s = settings()
    with audited(s, "resolve dob", params={"person": person, "date": date,
                                           "reason": reason}) as rec, Store.open(s) as store:
        done = settle_dob(store, person, date, reason=reason, user=os_user())
        rec.records = 1
        rec.details.update(decision=done.id, uid=done.a_uid, aside=done.detail["aside"])
    aside = ", ".join([*done.detail["aside"], *(f"age {a}" for a in done.detail["ages_aside"])]) \
        or "none"
    console.print(f"{done.a_uid}: date of birth {done.detail['dob']} kept; set aside: {aside} "
                  f"(decision {done.id}); run 'graphintel analyse' again")


@resolve_app.command("undo")
def undo_command(
    decision_id: str = typer.Argument(..., help="The merge (or reject) decision id."),
    reason: str | None = typer.Option(None, "--reason", help="Why it is undone."),
    force: bool = typer.Option(False, "--force",
                               help="Undo even if the kept entity changed since the merge."),
) -> None:
    """Undo a merge, restoring both entities exactly as they were (or lift a reject)."""
    from graphintel.audit import audited, os_user
    from graphintel.resolve import undo
    from graphintel.store import Store

    user = os_user()
    s = settings()
    with audited(s, "resolve undo", params={"decision": decision_id, "reason": reason,
                                            "force": force}) as rec, Store.open(s) as store:
        done = undo(store, decision_id, user=user, reason=reason, force=force)
        rec.records = 1
        rec.details.update(decision=done.id, undoes=decision_id, a_uid=done.a_uid,
                           b_uid=done.b_uid)
    what = "merge" if done.detail["undone_kind"] == "merge" else "reject"
    console.print(f"undid {what} {decision_id}: {done.a_uid} and {done.b_uid} are separate "
                  f"again (decision {done.id} by {user})")
    for text in done.detail.get("kept_since") or []:
        console.print(f"kept on {done.b_uid}: {text}")


@resolve_app.command("decisions")
def decisions_command(
    limit: int = typer.Option(100, "--limit", help="At most this many, newest first."),
    fmt: Format | None = FORMAT,
    output: Path | None = OUTPUT,
) -> None:
    """List merge, reject and undo decisions with who, when and why."""
    from graphintel.audit import audited
    from graphintel.resolve import list_decisions
    from graphintel.store import Store

    s = settings()
    with audited(s, "resolve decisions", params={"limit": limit}) as rec:
        with Store.open(s) as store:
            rows = list_decisions(store, limit=limit)
        emit(DECISION_COLUMNS, rows, fmt, output, rec, show=lambda: _print_decisions(rows))


def _print_decisions(rows: list[dict[str, Any]]) -> None:
    from rich.table import Column, Table

    # the id is copied into 'resolve undo': never wrapped or cut, whatever the width
    widest = max((len(str(r["id"])) for r in rows), default=2)
    table = Table(Column("id", no_wrap=True, min_width=widest, overflow="fold"),
                  "kind", "A", "B", "who", "when", "why", "status")
    for r in rows:
        status = r["status"] or ""
        if r["undone_by"]:
            status += f" by {r['undone_by']} {r['undone_at']}"
        if r["undoes"]:
            status += f" (undoes {r['undoes']})"
        why = r["reason"] or ""
        if r.get("conflicts"):
            why += f" (despite {len(r['conflicts'])} conflicts: {'; '.join(r['conflicts'])})"
        table.add_row(r["id"], r["kind"], f"{r['a_label']}\n{r['a_uid']}",
                      f"{r['b_label']}\n{r['b_uid']}", r["user"], r["at"], why, status)
    console.print(table if rows else "no resolution decisions yet")
