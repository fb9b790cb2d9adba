"""The chair's decisions on an agenda's proposals, carried into the written agenda.

Before or at the meeting the chair accepts or rejects each candidate target and each
proposed action (in the workspace's meeting view, or ``graphintel agenda decide``), with an
optional note and, for an action, agreed wording. They are kept in
``$GRAPHINTEL_HOME/meeting/decisions.json`` (0600): per analysis run, per proposal key (the
agenda's own: ``target|<person uid>`` for a target and the plan proposed for them,
``place|<uid>``, ``asset|<uid>``, ``children``, ``other-networks``, ``gaps``), the latest
decision, the note, the wording, who decided and when, and the full history of changes.
Every decision is audited (``agenda decide``).

The next agenda of that run applies them (:func:`graphintel.agenda.build.build_agenda`): an
accepted target or action is marked agreed (with the wording agreed), a rejected one is
listed as not taken forward and raises no action. An agenda written again for the same
meeting from a newer run (new intelligence before the meeting) keeps the decisions taken
on the one it replaces (:func:`meeting_decisions`): the latest decision on each proposal
the new agenda still makes stands, whichever run's agenda it was taken on.
"""

from __future__ import annotations

import fcntl
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graphintel.audit import audited, os_user
from graphintel.config import Settings
from graphintel.errors import ConfigError, InputError, NotFound, OutputError
from graphintel.secure_files import open_private, private_dir, write_text
from graphintel.store import Store

DECISIONS = ("accepted", "rejected")
MAX_NOTE = 1000
MAX_TEXT = 300
MAX_KEY = 300


def decisions_path(settings: Settings) -> Path:
    """``<GRAPHINTEL_HOME>/meeting/decisions.json``."""
    return settings.home / "meeting" / "decisions.json"


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"runs": {}}
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the meeting decisions ({exc})", str(path),
                         "restore the file from a backup") from None
    if not isinstance(data, dict) or not isinstance(data.get("runs"), dict):
        raise InputError("the meeting decisions file has no 'runs' object", str(path),
                         "restore the file from a backup")
    return data


def decisions_for(settings: Settings, run_id: str) -> dict[str, dict[str, Any]]:
    """The latest decision on each item of the run's agenda, by item key."""
    return dict(_load(decisions_path(settings))["runs"].get(run_id, {}))


def meeting_decisions(store: Store, settings: Settings, run_id: str,
                      meeting_date: str) -> dict[str, dict[str, Any]]:
    """The latest decision on each item of the agenda of ``run_id`` for the meeting of
    ``meeting_date``, taking in those made on agendas written for the same meeting from
    other runs (recorded meetings of that date): the chair decided for the meeting, not
    for one run of the analysis. Of two decisions on one item the later one counts."""
    runs = sorted({str(m["run_id"]) for m in store.read("meetings_list")
                   if str(m["date"]) == meeting_date and str(m["run_id"]) != run_id})
    every = _load(decisions_path(settings))["runs"]
    out: dict[str, dict[str, Any]] = {}
    for rid in [*runs, run_id]:
        for key, entry in (every.get(rid) or {}).items():
            if key not in out or str(entry.get("at") or "") >= str(out[key].get("at") or ""):
                out[key] = entry
    return out


def record_decision(settings: Settings, *, run_id: str, key: str, label: str,
                    decision: str, note: str = "", text: str = "", user: str | None = None,
                    role: str | None = None) -> dict[str, Any]:
    """Record ``decision`` (accepted or rejected) on the proposal ``key`` of the agenda of
    ``run_id``, with a ``note`` and, for an action, the agreed wording ``text``; returns the
    entry. ``user`` and ``role`` name a workspace user (the audit line names them)."""
    decision = decision.strip().lower()
    if decision not in DECISIONS:
        raise ConfigError(f"unknown decision {decision!r}", "decision",
                          f"use one of {', '.join(DECISIONS)}")
    key = key.strip()
    if not key or len(key) > MAX_KEY:
        raise ConfigError("no agenda item given", "key", "decide on an item of the agenda")
    if not run_id.strip():
        raise ConfigError("no analysis run given", "run", "decide on the agenda of a run")
    note = " ".join(note.split())[:MAX_NOTE]
    text = " ".join(text.split())[:MAX_TEXT]
    path = decisions_path(settings)
    params = {"run_id": run_id, "key": key, "decision": decision, "note": note, "text": text}
    who = {"web_user": user, "role": role} if user else {}
    with audited(settings, "agenda decide", params=params, **who) as rec:
        try:
            private_dir(path.parent, tighten=True)
            with open_private(path.with_suffix(".lock"), "a") as lock:
                fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
                data = _load(path)
                items = data["runs"].setdefault(run_id, {})
                at = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
                before = items.get(key)
                by = user or os_user()
                entry = {"decision": decision, "note": note, "text": text, "label": label,
                         "by": by, "at": at, **({"role": role} if role else {}),
                         "history": [*(before or {}).get("history", []),
                                     {"decision": decision, "note": note, "text": text,
                                      "by": by, "at": at, **({"role": role} if role else {})}]}
                items[key] = entry
                write_text(path, json.dumps(data, indent=1, sort_keys=True,
                                            ensure_ascii=False), fsync=True)
        except OSError as exc:
            raise OutputError(f"cannot record the decision: {exc.strerror or exc}", str(path),
                              "make GRAPHINTEL_HOME writable") from None
        rec.records = 1
        rec.details["before"] = (before or {}).get("decision")
    return entry


def decision_text(entry: dict[str, Any] | None) -> str:
    """How the written agenda shows a decision, "" for none. A decision recorded in the
    workspace by someone who is not the chair says who recorded it, and that the chair did
    not (``graphintel agenda decide`` records the chair's decision, with no role).

    >>> decision_text({"decision": "rejected", "note": "already charged",
    ...                "at": "2026-12-01T09:00:00Z"})
    'Not taken forward by the chair (2026-12-01): already charged.'
    >>> decision_text({"decision": "accepted", "at": "2026-12-01T09:00:00Z", "by": "chris",
    ...                "role": "chair"})
    'Agreed by the chair (chris, 2026-12-01).'
    >>> decision_text({"decision": "rejected", "at": "2026-12-01T09:00:00Z", "by": "demo",
    ...                "role": "analyst", "note": "no"})
    'Not taken forward, recorded by demo (analyst), not by the chair (2026-12-01): no.'
    """
    if not entry:
        return ""
    day = str(entry.get("at") or "")[:10]
    role, by = entry.get("role"), entry.get("by")
    what = "Agreed" if entry.get("decision") == "accepted" else "Not taken forward"
    note = str(entry.get("note") or "").rstrip(".")
    if role and role != "chair":
        head = f"{what}, recorded by {by} ({role}), not by the chair ({day})"
    else:
        head = f"{what} by the chair ({by}, {day})" if role else f"{what} by the chair ({day})"
    return head + (f": {note}." if note else ".")


def proposals(store: Store, settings: Settings, *, run_id: str | None = None,
              date: str | None = None) -> tuple[str, list[dict[str, Any]]]:
    """The run id and what its agenda asks the meeting to decide: each candidate target on a
    network page and each proposed action, with its key, action id and current decision.

    The agenda is built as a draft (nothing recorded), internal profile.
    """
    from graphintel.agenda.build import build_agenda

    agenda = build_agenda(store, settings, run_id=run_id, profile="internal", date=date)
    run = agenda.header.run_id
    decided = meeting_decisions(store, settings, run, agenda.header.date)
    rows: list[dict[str, Any]] = []
    for net in agenda.networks:
        for t in net.targets:
            if t.key:
                rows.append({"key": t.key, "kind": "target", "id": "",
                             "label": f"{t.name} (rank {t.rank})", "network": f"Network {net.id}",
                             "decision": (decided.get(t.key) or {}).get("decision", "")})
    for x in [*agenda.actions, *agenda.declined]:
        if x.key:
            rows.append({"key": x.key, "kind": "action", "id": x.id, "label": x.action,
                         "network": x.network,
                         "decision": (decided.get(x.key) or {}).get("decision", "")})
    return run, rows


def decide(store: Store, settings: Settings, item: str, decision: str, *, note: str = "",
           text: str = "", run_id: str | None = None, date: str | None = None
           ) -> dict[str, Any]:
    """Record the chair's ``decision`` on one item of a run's agenda (the latest run by
    default): ``item`` is a proposal key (``target|Person:...``) or an action id
    (``A-1a2b3c4d``) as :func:`proposals` lists them. Raises
    :class:`~graphintel.errors.NotFound` when the agenda has no such item, and
    :class:`~graphintel.errors.InputError` for wording that puts an enforcement step against
    a child or victim (:func:`~graphintel.agenda.wording_check.check_wording`)."""
    run, rows = proposals(store, settings, run_id=run_id, date=date)
    wanted = item.strip()
    found = next((r for r in rows if wanted in (r["key"], r["id"])), None)
    if found is None:
        raise NotFound(f"the agenda of run {run} has no proposal {wanted!r}", "ITEM",
                       "list them with 'graphintel actions proposals'")
    if text.strip():
        from graphintel.agenda.wording_check import check_wording
        check_wording(store, settings, run, found["key"], text)
    entry = record_decision(settings, run_id=run, key=found["key"], label=found["label"],
                            decision=decision, note=note, text=text)
    return {**found, **entry, "run_id": run}


__all__ = ["DECISIONS", "decide", "decision_text", "decisions_for", "decisions_path",
           "meeting_decisions", "proposals", "record_decision"]
