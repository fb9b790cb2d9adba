"""Sessions, CSRF tokens and the login rate limit of the workspace.

- Sessions are a cookie signed (itsdangerous, via Starlette's ``SessionMiddleware``) with a
  key kept in ``$GRAPHINTEL_HOME/web/session.key`` (0600, made once), ``HttpOnly`` and
  ``SameSite=Strict``; a session lasts :data:`SESSION_SECONDS`.
- Every POST must carry the session's CSRF token (form field ``csrf`` or header
  ``X-CSRF-Token``); :func:`csrf_ok` compares in constant time. The login form has one too
  (made when the login page is shown).
- :class:`LoginLimiter`: after :data:`MAX_FAILURES` failed logins for one user name or from
  one address within :data:`WINDOW_SECONDS`, further attempts are refused until the window
  has passed.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from pathlib import Path
from typing import Any

from graphintel.config import Settings
from graphintel.errors import OutputError
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


__all__ = ["CSRF_FIELD", "CSRF_HEADER", "SESSION_SECONDS", "LoginLimiter", "csrf_ok",
           "csrf_token", "session_key"]
