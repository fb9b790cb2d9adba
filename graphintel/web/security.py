"""Sessions, CSRF tokens and the login rate limit of the workspace.

- Sessions are a cookie signed (itsdangerous, via Starlette's ``SessionMiddleware``) with a
  key kept in ``$GRAPHINTEL_HOME/web/session.key`` (0600, made once), ``HttpOnly`` and
  ``SameSite=Strict``; a session lasts :data:`SESSION_SECONDS`.
- Each login gets a random session id (:func:`new_session_id`), the time it began and the
  account's session stamp, kept in the cookie with the user name and role. A session is
  refused (and the browser sent to the login page) when it is older than
  :data:`SESSION_SECONDS`, when the account's stamp or role is no longer the one it was
  issued with (password changed, account removed or its role changed: every session of
  that user ends), or when its id was logged out (:class:`Revocations`).
- :class:`Revocations`: the ids of sessions logged out before they ran out, in
  ``$GRAPHINTEL_HOME/web/revoked.json`` (0600; hashed ids and when each would have run
  out, dropped once it has), so a cookie saved before "Log out" is no good afterwards,
  also after the server is restarted.
- Every POST must carry the session's CSRF token (form field ``csrf`` or header
  ``X-CSRF-Token``); :func:`csrf_ok` compares in constant time. The login form has one too
  (made when the login page is shown).
- :class:`LoginLimiter`: after :data:`MAX_FAILURES` failed logins for one user name or from
  one address within :data:`WINDOW_SECONDS`, further attempts are refused until the window
  has passed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import time
from collections import defaultdict, deque
from pathlib import Path
from typing import Any

from graphintel.config import Settings
from graphintel.errors import InputError, OutputError
from graphintel.secure_files import private_dir, tighten, write_text

SESSION_SECONDS = 8 * 3600
MAX_FAILURES = 5
WINDOW_SECONDS = 300.0
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"


def session_key(settings: Settings) -> str:
    """The key that signs session cookies, created on first use."""
    path: Path = settings.home / "web" / "session.key"
    try:
        if not path.is_file():
            private_dir(path.parent, tighten=True)
            write_text(path, secrets.token_hex(32), fsync=True)
        tighten(path)
        return path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise OutputError(f"cannot make the workspace session key: {exc.strerror or exc}",
                          str(path), "make GRAPHINTEL_HOME writable") from None


def new_session_id() -> str:
    """A random id for a new login's session."""
    return secrets.token_urlsafe(24)


def revocations_path(settings: Settings) -> Path:
    """``<GRAPHINTEL_HOME>/web/revoked.json``."""
    return settings.home / "web" / "revoked.json"


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


class Revocations:
    """Session ids that were logged out, each until the moment its session would have run
    out anyway (then it is dropped: such a cookie is refused for its age).

    Kept in :func:`revocations_path` (0600), hashed; read again only when the file was
    replaced (one ``stat`` a request), so another server process's logouts count too."""

    def __init__(self, settings: Settings) -> None:
        self.path = revocations_path(settings)
        self._lock = threading.Lock()
        self._key: tuple[int, int, int] | None = None
        self._ids: dict[str, float] = {}

    def _stat(self) -> tuple[int, int, int] | None:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise InputError(f"cannot read the logged-out sessions: {exc.strerror or exc}",
                             str(self.path), "make GRAPHINTEL_HOME readable") from None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def _load(self) -> dict[str, float]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read the logged-out sessions ({exc})", str(self.path),
                             "remove the file and restart the workspace (every session "
                             "then has to log in again)") from None
        ids = data.get("revoked") if isinstance(data, dict) else None
        if not isinstance(ids, dict):
            raise InputError("the logged-out sessions file has no 'revoked' object",
                             str(self.path), "remove the file and restart the workspace")
        tighten(self.path)
        return {str(k): float(v) for k, v in ids.items() if isinstance(v, (int, float))}

    def _current(self) -> dict[str, float]:
        """The ids, read again when the file changed (call with the lock held)."""
        key = self._stat()
        if key is None:
            self._key, self._ids = None, {}
        elif key != self._key:
            self._ids, self._key = self._load(), key
        return self._ids

    def revoked(self, session_id: str) -> bool:
        """True when the session ``session_id`` was logged out."""
        with self._lock:
            until = self._current().get(_digest(session_id))
        return until is not None and until > time.time()

    def revoke(self, session_id: str, until: float) -> None:
        """Refuse ``session_id`` from now until ``until`` (epoch seconds); drops the ids
        whose sessions have run out."""
        now = time.time()
        with self._lock:
            ids = {k: v for k, v in self._load().items() if v > now}
            ids[_digest(session_id)] = max(until, now + 60.0)
            try:
                private_dir(self.path.parent, tighten=True)
                write_text(self.path, json.dumps({"revoked": ids}, indent=0, sort_keys=True),
                           fsync=True)
            except OSError as exc:
                raise OutputError(f"cannot record the logout: {exc.strerror or exc}",
                                  str(self.path), "make GRAPHINTEL_HOME writable") from None
            self._ids, self._key = ids, self._stat()


def csrf_token(session: dict[str, Any]) -> str:
    """The session's CSRF token (made when first asked for)."""
    token = session.get(CSRF_FIELD)
    if not isinstance(token, str) or len(token) < 32:
        token = secrets.token_urlsafe(32)
        session[CSRF_FIELD] = token
    return token


def csrf_ok(session: dict[str, Any], given: str | None) -> bool:
    """True when ``given`` is this session's token."""
    expected = session.get(CSRF_FIELD)
    if not isinstance(expected, str) or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


class LoginLimiter:
    """Counts failed logins per user name and per client address in a sliding window."""

    def __init__(self, max_failures: int = MAX_FAILURES,
                 window_s: float = WINDOW_SECONDS) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self._failures[key]
        while q and now - q[0] > self.window_s:
            q.popleft()
        return q

    def blocked(self, name: str, address: str) -> bool:
        now = time.monotonic()
        with self._lock:
            return any(len(self._recent(k, now)) >= self.max_failures
                       for k in (f"user:{name.lower()}", f"addr:{address}"))

    def failed(self, name: str, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in (f"user:{name.lower()}", f"addr:{address}"):
                self._recent(key, now).append(now)

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(f"user:{name.lower()}", None)


__all__ = ["CSRF_FIELD", "CSRF_HEADER", "SESSION_SECONDS", "LoginLimiter", "Revocations",
           "csrf_ok", "csrf_token", "new_session_id", "revocations_path", "session_key"]
