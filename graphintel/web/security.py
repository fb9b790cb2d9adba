"""Sessions, CSRF tokens and the login rate limit of the workspace.

- Sessions are a cookie signed (itsdangerous, via Starlette's ``SessionMiddleware``) with a
  key kept in ``$GRAPHINTEL_HOME/web/session.key`` (0600, made once), ``HttpOnly`` and
  ``SameSite=Strict``; a session lasts :data:`SESSION_SECONDS` from its login. The cookie
  itself is kept longer (:data:`COOKIE_SECONDS`) so that a form sent after the session
  ended still carries its CSRF token: it is then refused as from a session that has
  ended, and the answer can say that it was not saved and show what was entered
  (:mod:`graphintel.web.expiry`), where it would otherwise be refused as a forgery. Only
  that: the age that counts is the login time signed into the cookie, checked on every
  request.
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
- :class:`LoginLimiter`: after :data:`MAX_FAILURES` failed logins for one user name, or
  :data:`ADDRESS_MAX_FAILURES` from one address (analysts may share one), within
  :data:`WINDOW_SECONDS`, further attempts are refused until the window has passed.
  Attempts still being checked count too (each is reserved before its password check), so
  guesses sent in parallel get no more checks than guesses sent one by one.
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
#: How long the browser keeps the session cookie: through the rest of the working day
#: and the night after the session ends (see the module's docstring).
COOKIE_SECONDS = SESSION_SECONDS + 16 * 3600
MAX_FAILURES = 5
#: Failed logins from one address before it is refused: more than for one user name, since
#: a police station's analysts may all reach the workspace from one address, and one
#: person's typos must not lock the others out.
ADDRESS_MAX_FAILURES = 4 * MAX_FAILURES
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
    """Counts failed logins per user name and per client address in a sliding window, and
    the attempts still being checked.

    :meth:`blocked` is also the reservation: when it returns False it has counted the
    attempt against the limit, under the lock, before the (slow) password check starts;
    the login then calls :meth:`failed` (the reservation becomes a failure) or
    :meth:`succeeded` (it is released). So attempts sent in parallel cannot all be checked
    before any failure is recorded: at most ``max_failures`` password checks run for one
    user name or one address per window. A reservation neither settles (the check raised)
    counts as a failure until the window has passed.
    """

    def __init__(self, max_failures: int = MAX_FAILURES,
                 window_s: float = WINDOW_SECONDS,
                 address_max_failures: int | None = None) -> None:
        self.max_failures = max_failures
        self.address_max_failures = (address_max_failures if address_max_failures is not None
                                     else 4 * max_failures)
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        #: Attempts reserved and not yet settled, by key (times they were reserved).
        self._pending: dict[str, deque[float]] = defaultdict(deque)
        #: The reservations of each user name: (address key, time), oldest first.
        self._by_user: dict[str, deque[tuple[str, float]]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self._failures[key]
        while q and now - q[0] > self.window_s:
            q.popleft()
        return q

    def _in_flight(self, key: str, now: float) -> int:
        """Reservations of ``key`` not settled, those older than the window dropped."""
        q = self._pending.get(key)
        if q is None:
            return 0
        while q and now - q[0] > self.window_s:
            q.popleft()
        if not q:
            del self._pending[key]
        return len(q)

    @staticmethod
    def _keys(name: str, address: str) -> tuple[str, str]:
        return f"user:{name.lower()}", f"addr:{address}"

    def blocked(self, name: str, address: str) -> bool:
        """True when the failures and attempts in progress for ``name`` or from
        ``address`` reach the limit; else False, with this attempt reserved (settle it
        with :meth:`failed` or :meth:`succeeded`)."""
        now = time.monotonic()
        user, addr = self._keys(name, address)
        with self._lock:
            if any(len(self._recent(k, now)) + self._in_flight(k, now) >= limit
                   for k, limit in ((user, self.max_failures),
                                    (addr, self.address_max_failures))):
                return True
            self._pending[user].append(now)
            self._pending[addr].append(now)
            mine = self._by_user[user]
            while mine and now - mine[0][1] > self.window_s:  # never settled: expired
                mine.popleft()
            mine.append((addr, now))
            return False

    def _release(self, user: str, addr: str | None) -> None:
        """Drop one reservation of ``user`` (from ``addr`` when it has one; call with the
        lock held)."""
        mine = self._by_user.get(user)
        if not mine:
            return
        chosen = next((r for r in mine if r[0] == addr), mine[0])
        mine.remove(chosen)
        if not mine:
            del self._by_user[user]
        for key in (user, chosen[0]):
            q = self._pending.get(key)
            if q is not None and chosen[1] in q:
                q.remove(chosen[1])
            if not q:
                self._pending.pop(key, None)

    def failed(self, name: str, address: str) -> None:
        """Record a failed login (settling its reservation, if :meth:`blocked` made one)."""
        now = time.monotonic()
        user, addr = self._keys(name, address)
        with self._lock:
            self._release(user, addr)
            for key in (user, addr):
                self._recent(key, now).append(now)

    def succeeded(self, name: str) -> None:
        """A good login: its reservation released and the user name's failures forgotten
        (the address's stay)."""
        user = self._keys(name, "")[0]
        with self._lock:
            self._release(user, None)
            self._failures.pop(user, None)


__all__ = ["COOKIE_SECONDS", "CSRF_FIELD", "CSRF_HEADER", "SESSION_SECONDS", "LoginLimiter",
           "Revocations", "csrf_ok", "csrf_token", "new_session_id", "revocations_path",
           "session_key"]
