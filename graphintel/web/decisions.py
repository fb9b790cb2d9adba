"""The chair's decisions on an agenda's proposals, recorded from the workspace.

The agenda library has no place yet for a decision on a candidate target or a proposed
action, so the workspace keeps them in ``$GRAPHINTEL_HOME/web/decisions.json`` (0600):
per analysis run, per item (``target|<rank>|<name>`` or ``action|<action id>``), the
latest decision (``accepted`` / ``rejected``), an optional note, who decided and when,
plus the full history of changes. Every decision is audited (``web meeting decision``).
"""

from __future__ import annotations

import fcntl
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graphintel.audit import audited
from graphintel.config import Settings
from graphintel.errors import ConfigError, InputError, OutputError
from graphintel.secure_files import open_private, private_dir, write_text

DECISIONS = ("accepted", "rejected")
MAX_NOTE = 1000
MAX_KEY = 300


def decisions_path(settings: Settings) -> Path:
    """``<GRAPHINTEL_HOME>/web/decisions.json``."""
    return settings.home / "web" / "decisions.json"


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


def record_decision(settings: Settings, *, run_id: str, key: str, label: str,
                    decision: str, note: str, user: str, role: str) -> dict[str, Any]:
    """Record ``decision`` on the item ``key`` of the agenda of ``run_id``; returns it."""
    decision = decision.strip().lower()
    if decision not in DECISIONS:
        raise ConfigError(f"unknown decision {decision!r}", "decision",
                          f"use one of {', '.join(DECISIONS)}")
    key = key.strip()
    if not key or len(key) > MAX_KEY:
        raise ConfigError("no agenda item given", "key", "decide on an item of the agenda")
    note = " ".join(note.split())[:MAX_NOTE]
    path = decisions_path(settings)
    params = {"run_id": run_id, "key": key, "decision": decision, "note": note}
    with audited(settings, "web meeting decision", params=params, web_user=user,
                 role=role) as rec:
        try:
            private_dir(path.parent, tighten=True)
            with open_private(path.with_suffix(".lock"), "a") as lock:
                fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
                data = _load(path)
                items = data["runs"].setdefault(run_id, {})
                at = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
                before = items.get(key)
                entry = {"decision": decision, "note": note, "label": label, "by": user,
                         "at": at,
                         "history": [*(before or {}).get("history", []),
                                     {"decision": decision, "note": note, "by": user,
                                      "at": at}]}
                items[key] = entry
                write_text(path, json.dumps(data, indent=1, sort_keys=True,
                                            ensure_ascii=False), fsync=True)
        except OSError as exc:
            raise OutputError(f"cannot record the decision: {exc.strerror or exc}", str(path),
                              "make GRAPHINTEL_HOME writable") from None
        rec.records = 1
        rec.details["before"] = (before or {}).get("decision")
    return entry


__all__ = ["DECISIONS", "decisions_for", "decisions_path", "record_decision"]
