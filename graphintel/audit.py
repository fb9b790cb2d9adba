"""The audit log: one JSON line per command, appended, never rewritten.

Every query, profile, path, search, export and agenda command runs inside
:func:`audited`, which appends one line to ``<GRAPHINTEL_HOME>/audit/audit.jsonl`` when the
command ends, whether it succeeded or failed::

    with audited(settings, "query run", query="hotspots", params={"since": "2025-01-01"}) as rec:
        result = run_query(...)
        rec.records = len(result.rows)
        rec.outputs.append(str(out_path))

A line holds: ``time`` (UTC, ISO 8601), ``user`` (the OS account), ``command``, ``query``,
``params``, ``records``, ``outputs``, ``status`` ("ok" or "error"), ``error`` (the error
text, or null) and ``details`` (any other keyword given to :func:`audited` or set on
``rec.details``). If the line cannot be written the command fails with
:class:`~graphintel.errors.OutputError`: an unaudited command is never silently allowed.
The audit file is checked to be writable before the command body runs.

Passwords never reach the log: parameter names that look like secrets are masked, and
the Neo4j password in use (configured or the local server's) is scrubbed from the line.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from graphintel import local_neo4j
from graphintel.config import Settings
from graphintel.errors import GraphintelError, InputError, LocalNeo4jError, OutputError

MASK = "********"
_SECRET_WORDS = ("password", "secret", "token", "credential")


@dataclass
class AuditRecord:
    """What one audit line will say; the command fills ``records`` and ``outputs``."""

    command: str
    query: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    records: int | None = None
    outputs: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    status: str = "ok"
    error: str | None = None


def audit_path(settings: Settings) -> Path:
    """Where the audit log lives: ``<GRAPHINTEL_HOME>/audit/audit.jsonl``."""
    return settings.home / "audit" / "audit.jsonl"


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (e.g. a container without a passwd entry)
        return f"uid:{os.getuid()}" if hasattr(os, "getuid") else "unknown"


def _secrets(settings: Settings) -> list[str]:
    found = [settings.neo4j_password] if settings.neo4j_password else []
    if settings.uses_local_neo4j:
        with contextlib.suppress(LocalNeo4jError):
            found.append(local_neo4j.read_password(settings))
    return [s for s in found if s and len(s) >= 4]


def _mask_params(params: dict[str, Any]) -> dict[str, Any]:
    return {k: MASK if any(w in k.lower() for w in _SECRET_WORDS) else v
            for k, v in params.items()}


def _line(settings: Settings, rec: AuditRecord) -> str:
    entry = {
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "user": _user(),
        "command": rec.command,
        "query": rec.query,
        "params": _mask_params(rec.params),
        "records": rec.records,
        "outputs": [str(o) for o in rec.outputs],
        "status": rec.status,
        "error": rec.error,
        "details": rec.details,
    }
    text = json.dumps(entry, ensure_ascii=False, default=str, sort_keys=False)
    for secret in _secrets(settings):
        text = text.replace(json.dumps(secret)[1:-1], MASK)
    return text + "\n"


def _open_for_append(path: Path) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    except OSError as exc:
        raise OutputError(f"cannot write the audit log: {exc.strerror or exc}", str(path),
                          "make GRAPHINTEL_HOME writable; commands do not run unaudited") from None


def _append(path: Path, line: str) -> None:
    fd = _open_for_append(path)
    try:
        data = line.encode("utf-8")
        written = os.write(fd, data)  # one write: O_APPEND keeps concurrent lines whole
        if written != len(data):
            raise OSError(f"short write ({written} of {len(data)} bytes)")
        os.fsync(fd)
    except OSError as exc:
        raise OutputError(f"cannot write the audit log: {getattr(exc, 'strerror', None) or exc}",
                          str(path), "check the disk and GRAPHINTEL_HOME") from None
    finally:
        os.close(fd)


def _clean_exit(exc: BaseException) -> bool:
    """True for an exit with code 0 (``typer.Exit()``, ``sys.exit(0)``): not a failure."""
    if isinstance(exc, SystemExit):
        return exc.code in (0, None)
    return type(exc).__name__ == "Exit" and getattr(exc, "exit_code", 1) in (0, None)


@contextlib.contextmanager
def audited(settings: Settings, command: str, *, query: str | None = None,
            params: dict[str, Any] | None = None, **details: Any) -> Iterator[AuditRecord]:
    """Run a command body and append its audit line when it ends, ok or not.

    ``command`` names the command as typed (e.g. ``"query run"``, ``"export"``);
    ``query`` is the query or profile name when there is one; ``params`` the parameters
    as the user gave them. Any other keyword lands in the line's ``details``. Set
    ``.records`` (how many records the command returned or wrote) and append to
    ``.outputs`` (files written) on the yielded :class:`AuditRecord`.

    An exception from the body is recorded (status "error", its text) and re-raised.
    Raises :class:`OutputError` when the audit file cannot be written.
    """
    path = audit_path(settings)
    os.close(_open_for_append(path))  # fail before the command runs, not after
    rec = AuditRecord(command=command, query=query, params=dict(params or {}),
                      details=dict(details))
    try:
        yield rec
    except BaseException as exc:
        if _clean_exit(exc):
            _append(path, _line(settings, rec))
            raise
        rec.status = "error"
        if isinstance(exc, GraphintelError):
            rec.error = exc.message()
        else:
            rec.error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        try:
            _append(path, _line(settings, rec))
        except OutputError as audit_exc:
            raise OutputError(f"{audit_exc.what} (the command had failed: {rec.error})",
                              audit_exc.where, audit_exc.fix) from exc
        raise
    _append(path, _line(settings, rec))


def _since_moment(since: str) -> datetime:
    try:
        moment = datetime.fromisoformat(since) if "T" in since or " " in since \
            else datetime.combine(date.fromisoformat(since), datetime.min.time())
    except ValueError:
        raise InputError(f"--since {since!r} is not an ISO date or date-time", "--since",
                         "give a date such as 2025-03-01") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def read_audit(settings: Settings, since: str | None = None) -> list[dict[str, Any]]:
    """The audit lines, oldest first, those at or after ``since`` (ISO date/time, UTC) only.

    A line that cannot be parsed (a torn write) is returned as
    ``{"status": "unreadable", "line": n, "raw": ...}`` rather than hidden.
    """
    cutoff = _since_moment(since) if since else None
    path = audit_path(settings)
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise InputError(f"cannot read the audit log: {exc.strerror or exc}", str(path)) from None
    out: list[dict[str, Any]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            moment = datetime.fromisoformat(str(entry["time"]))
        except (ValueError, KeyError, TypeError):
            out.append({"status": "unreadable", "line": number, "raw": line[:200]})
            continue
        if cutoff is None or moment >= cutoff:
            out.append(entry)
    return out


__all__ = ["AuditRecord", "audit_path", "audited", "read_audit"]
