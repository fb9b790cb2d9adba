"""The audit log: append-only, hash-chained JSON lines; every command is audited.

Every command runs inside :func:`audited`, which appends to
``<GRAPHINTEL_HOME>/audit/audit.jsonl`` (mode 0600, folder 0700)::

    with audited(settings, "query run", query="hotspots", params={"since": "2025-01-01"}) as rec:
        result = run_query(...)
        rec.records = len(result.rows)
        rec.outputs.append(str(out_path))

Two lines per command, sharing an ``id``:

* ``"event": "started"`` — written and fsynced *before* the command body runs, so before any
  output file exists. If it cannot be written the command does not run
  (:class:`~graphintel.errors.OutputError`).
* ``"event": "completed"`` (or ``"failed"``) when the body ends: ``records``, ``outputs``
  (the files written), ``status`` ("ok" or "error"), ``error`` and ``details``.

Both carry ``time`` (UTC), ``user`` (the OS account of the process, from the password
database, not ``$USER``), ``uid``, ``host`` and ``command``; the started line also
``query`` and ``params``.

The chain: each line starts with ``seq`` (1, 2, ...) and ``prev`` (the ``hash`` of the line
before; :data:`GENESIS` for the first line) and ends with ``hash``, the SHA-256 of the line's
text without its ``hash`` field. :func:`verify_audit` finds a line that was edited, removed,
inserted or moved and says which. Lines removed from the *end* of the log leave no trace in
the file itself: keep the head hash that ``graphintel audit verify`` prints somewhere else
to detect that too.

Passwords never reach the log: parameter names that look like secrets are masked, passwords
in URIs are masked, and the Neo4j password in use (configured or the local server's) is
scrubbed from every line.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import pwd
import re
import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from graphintel import local_neo4j
from graphintel.config import MASK, Settings, mask_secrets, uri_userinfo
from graphintel.errors import GraphintelError, InputError, LocalNeo4jError, OutputError
from graphintel.safe_text import escaped
from graphintel.secure_files import open_private, private_dir

GENESIS = "0" * 64
_SECRET_WORDS = ("password", "passwd", "secret", "token", "credential")
_HASH_TAIL = re.compile(r', "hash": "([0-9a-f]{64})"\}$')
_TAIL_CHUNK = 65536
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class AuditRecord:
    """What the audit lines of one command say; the command fills ``records``/``outputs``."""

    command: str
    query: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    records: int | None = None
    outputs: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    status: str = "ok"
    error: str | None = None
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:16])


@dataclass(frozen=True)
class AuditProblem:
    """One break in the chain: the line number (1-based) and what is wrong with it."""

    line: int
    what: str


@dataclass
class AuditCheck:
    """The result of :func:`verify_audit`."""

    path: Path
    lines: int = 0
    head: str = GENESIS
    problems: list[AuditProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_bad_line(self) -> int | None:
        return self.problems[0].line if self.problems else None


def audit_path(settings: Settings) -> Path:
    """Where the audit log lives: ``<GRAPHINTEL_HOME>/audit/audit.jsonl``."""
    return settings.home / "audit" / "audit.jsonl"


def os_user() -> str:
    """The OS account running this process (``pwd``, not ``$USER``, which anyone can set)."""
    uid = os.getuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:  # no passwd entry (e.g. a container run with an arbitrary uid)
        return f"uid:{uid}"


def _host() -> str:
    try:
        return socket.gethostname() or "unknown"
    except OSError:
        return "unknown"


def _secrets(settings: Settings) -> list[str]:
    found = [settings.neo4j_password] if settings.neo4j_password else []
    uri = settings.neo4j_uri or ""
    span = uri_userinfo(uri)
    if span is not None:
        user, colon, password = uri[span[0]:span[1]].partition(":")
        found.append(password if colon else user)
    if settings.uses_local_neo4j:
        with contextlib.suppress(LocalNeo4jError):
            found.append(local_neo4j.read_password(settings))
    return [s for s in found if s and len(s) >= 4]


def _mask_params(params: dict[str, Any]) -> dict[str, Any]:
    return {k: MASK if any(w in k.lower() for w in _SECRET_WORDS) else v
            for k, v in params.items()}


def _sha(text: str) -> str:
    # never raises: the lines hold no lone surrogate (_content), and should one come it
    # is hashed as append_entry writes it
    return hashlib.sha256(text.encode("utf-8", "backslashreplace")).hexdigest()


def _json_escaped(match: re.Match[str]) -> str:
    return escaped(match.group()).replace("\\", "\\\\")


def _content(settings: Settings, entry: dict[str, Any]) -> str:
    """The entry as JSON object *members* (no braces), secrets scrubbed.

    A lone surrogate (a byte of a file name or a header that is not UTF-8) is written as
    the text ``\\xNN``, as graphintel shows it elsewhere (:func:`escaped`): it cannot be
    encoded as UTF-8, and a command whose audit line cannot be written does not run."""
    text = json.dumps(entry, ensure_ascii=False, default=str)
    text = _SURROGATE.sub(_json_escaped, text)
    text = mask_secrets(text)
    for secret in _secrets(settings):
        text = text.replace(json.dumps(secret, ensure_ascii=False)[1:-1], MASK)
    return text[1:-1]


def _chained(seq: int, prev: str, content: str) -> str:
    body = f'{{"seq": {seq}, "prev": "{prev}", {content}}}'
    return f'{body[:-1]}, "hash": "{_sha(body)}"}}'


def _parse_chained(raw: str) -> tuple[int, str, str, bool] | None:
    """(seq, prev, hash, hash matches the text) of a chained line; None if not one."""
    match = _HASH_TAIL.search(raw)
    if not match:
        return None
    try:
        entry = json.loads(raw)
        seq, prev = int(entry["seq"]), str(entry["prev"])
    except (ValueError, KeyError, TypeError):
        return None
    declared = match.group(1)
    return seq, prev, declared, _sha(raw[:match.start()] + "}") == declared


def _last_line(path: Path) -> tuple[str | None, bool]:
    """(the last line, complete or torn; whether the file ends with a newline)."""
    with path.open("rb") as fh:
        size = fh.seek(0, os.SEEK_END)
        if size == 0:
            return None, True
        fh.seek(size - 1)
        ends_clean = fh.read(1) == b"\n"
        pos = size - 1 if ends_clean else size  # the line ends here
        data = b""  # the bytes from pos to the end of the line
        while pos > 0 and b"\n" not in data:
            step = min(_TAIL_CHUNK, pos)
            pos -= step
            fh.seek(pos)
            data = fh.read(step) + data
        return data.rsplit(b"\n", 1)[-1].decode("utf-8", "replace"), ends_clean


def _next_link(path: Path) -> tuple[int, str, bool]:
    """(seq, prev) for the next line, and whether a newline must come first."""
    last, ends_clean = _last_line(path)
    if last is None:
        return 1, GENESIS, False
    parsed = _parse_chained(last)
    if parsed is not None:
        return parsed[0] + 1, parsed[2], not ends_clean
    with path.open("rb") as fh:  # an unchained last line: count lines the slow way
        count = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    return count + (0 if ends_clean else 1) + 1, _sha(last), not ends_clean


def _fail(path: Path, exc: OSError, fix: str) -> OutputError:
    return OutputError(f"cannot write the audit log: {exc.strerror or exc}", str(path), fix)


def append_entry(settings: Settings, entry: dict[str, Any]) -> str:
    """Append one chained line (written in one ``write``, fsynced, under an exclusive lock).

    Returns the line's hash. Raises :class:`OutputError` when it cannot be written.
    """
    path = audit_path(settings)
    try:
        private_dir(path.parent, tighten=True)
        fh = open_private(path, "ab")
    except OSError as exc:
        raise _fail(path, exc, "make GRAPHINTEL_HOME writable; commands do not run "
                               "unaudited") from None
    content = _content(settings, entry)
    try:
        with fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            seq, prev, newline_first = _next_link(path)
            line = _chained(seq, prev, content)
            data = (("\n" if newline_first else "") + line + "\n").encode("utf-8",
                                                                      "backslashreplace")
            written = os.write(fh.fileno(), data)  # one write: lines never interleave
            if written != len(data):
                raise OSError(f"short write ({written} of {len(data)} bytes)")
            os.fsync(fh.fileno())
    except OSError as exc:
        raise _fail(path, exc, "check the disk and GRAPHINTEL_HOME") from None
    parsed = _parse_chained(line)
    assert parsed is not None
    return parsed[2]


def _clean_exit(exc: BaseException) -> bool:
    """True for an exit with code 0 (``typer.Exit()``, ``sys.exit(0)``): not a failure."""
    if isinstance(exc, SystemExit):
        return exc.code in (0, None)
    return type(exc).__name__ == "Exit" and getattr(exc, "exit_code", 1) in (0, None)


def _who() -> dict[str, Any]:
    return {"time": datetime.now(UTC).isoformat(timespec="seconds"), "user": os_user(),
            "uid": os.getuid(), "host": _host(), "pid": os.getpid()}


def _started(rec: AuditRecord) -> dict[str, Any]:
    return {"id": rec.id, "event": "started", **_who(), "command": rec.command,
            "query": rec.query, "params": _mask_params(rec.params), "details": rec.details}


def _ended(rec: AuditRecord) -> dict[str, Any]:
    return {"id": rec.id, "event": "completed" if rec.status == "ok" else "failed", **_who(),
            "command": rec.command, "records": rec.records,
            "outputs": [str(o) for o in rec.outputs], "status": rec.status,
            "error": rec.error, "details": rec.details}


@contextlib.contextmanager
def audited(settings: Settings, command: str, *, query: str | None = None,
            params: dict[str, Any] | None = None, **details: Any) -> Iterator[AuditRecord]:
    """Audit a command body: a "started" line before it runs, a "completed" line after.

    ``command`` names the command as typed (e.g. ``"query run"``); ``query`` the query or
    profile name when there is one; ``params`` the parameters as the user gave them; any
    other keyword lands in ``details``. Set ``.records`` and append the files written to
    ``.outputs`` on the yielded :class:`AuditRecord`.

    The started line is fsynced before the body runs; if it cannot be written the body
    never runs (:class:`OutputError`). An exception from the body is recorded (status
    "error", its text) and re-raised.
    """
    rec = AuditRecord(command=command, query=query, params=dict(params or {}),
                      details=dict(details))
    append_entry(settings, _started(rec))
    try:
        yield rec
    except BaseException as exc:
        if _clean_exit(exc):
            append_entry(settings, _ended(rec))
            raise
        rec.status = "error"
        if isinstance(exc, GraphintelError):
            rec.error = exc.message()
        else:
            rec.error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        try:
            append_entry(settings, _ended(rec))
        except OutputError as audit_exc:
            raise OutputError(f"{audit_exc.what} (the command had failed: {rec.error})",
                              audit_exc.where, audit_exc.fix) from exc
        raise
    append_entry(settings, _ended(rec))


# -- reading and verifying ------------------------------------------------------------------

def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(f"cannot read the audit log: {exc.strerror or exc}", str(path)) from None


def verify_audit(settings: Settings) -> AuditCheck:
    """Check the hash chain of the audit log line by line.

    Finds a line that was edited (its text no longer matches its hash), removed or
    inserted (the next line's ``prev`` or ``seq`` does not follow), moved (``seq`` out of
    order), not written by graphintel (no chain fields) and a torn last line. A missing log
    is an empty, intact one.
    """
    check = AuditCheck(path=audit_path(settings))
    text = _read_text(check.path)
    if not text:
        return check
    lines = text.split("\n")
    torn = lines.pop() != ""  # the text after the last newline: empty unless torn
    expected_prev, expected_seq = GENESIS, 1
    for number, raw in enumerate(lines, start=1):
        parsed = _parse_chained(raw)
        if parsed is None:
            check.problems.append(AuditProblem(number, "not a chained audit line (not JSON, "
                                               "or no seq/prev/hash): written by hand, "
                                               "edited or torn"))
            expected_prev, expected_seq = _sha(raw), expected_seq + 1
            continue
        seq, prev, declared, intact = parsed
        if not intact:
            check.problems.append(AuditProblem(number, "edited: the line's text does not "
                                               "match its hash"))
        if prev != expected_prev:
            where = "is not the first line written" if number == 1 \
                else f"does not follow line {number - 1}"
            if seq > expected_seq:
                why = f"{seq - expected_seq} line(s) removed before it, or lines moved"
            elif seq < expected_seq:
                why = "lines moved or copied (its sequence number comes earlier)"
            else:
                why = f"line {number - 1} was changed or replaced"
            check.problems.append(AuditProblem(number, f"chain broken: it {where} ({why})"))
        elif seq != expected_seq:
            check.problems.append(AuditProblem(number, f"sequence number {seq} where "
                                               f"{expected_seq} was expected"))
        expected_prev, expected_seq = declared, seq + 1
    if torn:
        check.problems.append(AuditProblem(len(lines) + 1, "incomplete last line (torn "
                                           "write or truncated file)"))
    check.lines = len(lines) + (1 if torn else 0)
    check.head = expected_prev
    return check


def read_audit_lines(settings: Settings) -> list[dict[str, Any]]:
    """Every line of the log as written, oldest first (unparsable ones as "unreadable")."""
    out: list[dict[str, Any]] = []
    for number, line in enumerate((_read_text(audit_path(settings)) or "").splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            if not isinstance(entry, dict):
                raise TypeError
            datetime.fromisoformat(str(entry["time"]))
        except (ValueError, KeyError, TypeError):
            entry = {"status": "unreadable", "line": number, "raw": line[:200]}
        out.append(entry)
    return out


def _since_moment(since: str) -> datetime:
    try:
        moment = datetime.fromisoformat(since) if "T" in since or " " in since \
            else datetime.combine(date.fromisoformat(since), datetime.min.time())
    except ValueError:
        raise InputError(f"--since {since!r} is not an ISO date or date-time", "--since",
                         "give a date such as 2025-03-01") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


_END_KEYS = ("records", "outputs", "status", "error", "details")


def read_audit(settings: Settings, since: str | None = None) -> list[dict[str, Any]]:
    """One entry per command, oldest first, started at or after ``since`` (ISO, UTC).

    A command's started and completed lines are merged: ``time`` (start), ``ended``, user,
    host, command, query, params, records, outputs, status ("ok", "error", or "incomplete"
    when no end line was written: still running or killed), error, details, id. A line that
    cannot be parsed is returned as ``{"status": "unreadable", "line": n, "raw": ...}``.
    """
    cutoff = _since_moment(since) if since else None
    commands: dict[str, dict[str, Any]] = {}
    out: list[dict[str, Any]] = []
    for line in read_audit_lines(settings):
        event = line.get("event")
        if event in ("completed", "failed") and line.get("id") in commands:
            entry = commands[line["id"]]
            entry.update({k: line.get(k) for k in _END_KEYS}, ended=line["time"])
            continue
        if event == "started":
            entry = {k: line.get(k) for k in ("time", "user", "host", "command", "query",
                                              "params")}
            entry.update(records=None, outputs=[], status="incomplete", error=None,
                         details=line.get("details") or {}, ended=None, id=line.get("id"))
            commands[str(line.get("id"))] = entry
        else:  # unreadable, or an end line without its start
            entry = {k: v for k, v in line.items() if k not in ("seq", "prev", "hash")}
        if cutoff is not None and "time" in entry and \
                datetime.fromisoformat(str(entry["time"])) < cutoff:
            continue
        out.append(entry)
    return out


__all__ = ["GENESIS", "AuditCheck", "AuditProblem", "AuditRecord", "append_entry",
           "audit_path", "audited", "os_user", "read_audit", "read_audit_lines",
           "verify_audit"]
