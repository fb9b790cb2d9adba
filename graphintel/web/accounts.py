"""Workspace accounts: who may log in to ``graphintel serve``, and with which role.

Accounts live in ``$GRAPHINTEL_HOME/web/accounts.json`` (mode 0600, folder 0700), one entry
per user name with the role and an Argon2id hash of the password; the password itself is
never stored, printed or logged. Each entry also holds a random *session stamp*: a login's
session carries the stamp it was issued with, and a session whose stamp is no longer the
account's is ended (see :func:`session_state`). Changing the password gives the account a
new stamp, so it ends every session of that user; removing the account (or removing and
adding it again with another role) ends them too. Roles:

- ``analyst``: everything (search, profiles, network view, paths, the meeting);
- ``chair``: the meeting view (proposals, decisions, the written agenda);
- ``partner``: only the partner-redacted views (network chart and agenda).

:func:`add_user`, :func:`remove_user`, :func:`set_password` and :func:`list_users` are what
``graphintel users`` calls; :func:`authenticate` is what the login page calls. Each change
is audited (the user name and role, never the password).
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from graphintel.audit import audited
from graphintel.config import Settings
from graphintel.errors import ConfigError, InputError, NotFound, OutputError
from graphintel.secure_files import private_dir, tighten, write_text

#: Where the account's session stamp is kept in its entry of the accounts file.
STAMP = "session_stamp"

ROLES = ("analyst", "chair", "partner")
MIN_PASSWORD = 10
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
_HASHER = PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Verified against when the user does not exist, so a wrong name takes as long as a
    wrong password."""
    return _HASHER.hash("graphintel-no-such-user")


def _new_stamp() -> str:
    return secrets.token_urlsafe(16)


def _stamp_of(entry: dict[str, Any]) -> str:
    """The entry's session stamp; an entry written before stamps existed has one derived
    from its password hash (so a password change still ends its sessions)."""
    stamp = entry.get(STAMP)
    if isinstance(stamp, str) and stamp:
        return stamp
    return hashlib.sha256(str(entry.get("hash") or "").encode()).hexdigest()[:22]


@dataclass(frozen=True)
class Account:
    """A workspace account as shown to people (no hash)."""

    name: str
    role: str
    created_at: str


@dataclass(frozen=True)
class SessionState:
    """What a session is checked against on every request: the account's role and stamp."""

    role: str
    stamp: str


def accounts_path(settings: Settings) -> Path:
    """``<GRAPHINTEL_HOME>/web/accounts.json``."""
    return settings.home / "web" / "accounts.json"


def _read(settings: Settings) -> dict[str, dict[str, Any]]:
    path = accounts_path(settings)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the workspace accounts ({exc})", str(path),
                         "restore the file from a backup or remove it and add the users "
                         "again") from None
    users = data.get("users") if isinstance(data, dict) else None
    if not isinstance(users, dict):
        raise InputError("the workspace accounts file has no 'users' object", str(path),
                         "restore the file from a backup")
    tighten(path)
    return users


def _write(settings: Settings, users: dict[str, dict[str, Any]]) -> None:
    path = accounts_path(settings)
    try:
        private_dir(path.parent, tighten=True)
        write_text(path, json.dumps({"users": users}, indent=2, sort_keys=True), fsync=True)
    except OSError as exc:
        raise OutputError(f"cannot write the workspace accounts: {exc.strerror or exc}",
                          str(path), "make GRAPHINTEL_HOME writable") from None


def check_name(name: str) -> str:
    """A user name: letters, digits, dot, dash, underscore or @, at most 64 characters."""
    if not _NAME.match(name or ""):
        raise ConfigError(f"{name!r} is not a usable user name", "NAME",
                          "use letters, digits, '.', '-', '_' or '@' (up to 64)")
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise ConfigError(f"unknown role {role!r}", "--role", f"use one of {', '.join(ROLES)}")
    return role


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ConfigError(f"the password is shorter than {MIN_PASSWORD} characters",
                          "password", f"choose one of {MIN_PASSWORD} characters or more")
    return password


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def add_user(settings: Settings, name: str, role: str, password: str) -> Account:
    """Create an account; refuses an existing name, a bad role or a short password."""
    check_name(name)
    check_role(role)
    check_password(password)
    with audited(settings, "users add", params={"name": name, "role": role}) as rec:
        users = _read(settings)
        if name in users:
            raise ConfigError(f"there is already a user {name!r}", "NAME",
                              "choose another name, or 'graphintel users passwd' to change "
                              "the password")
        users[name] = {"role": role, "hash": _HASHER.hash(password), "created_at": _now(),
                       STAMP: _new_stamp()}
        _write(settings, users)
        rec.records = 1
    return Account(name, role, users[name]["created_at"])


def set_password(settings: Settings, name: str, password: str) -> None:
    """Replace a user's password; every session of that user ends (a new session stamp)."""
    check_password(password)
    with audited(settings, "users passwd", params={"name": name}) as rec:
        users = _read(settings)
        if name not in users:
            raise NotFound(f"no user {name!r}", fix="see 'graphintel users list'")
        users[name]["hash"] = _HASHER.hash(password)
        users[name][STAMP] = _new_stamp()
        _write(settings, users)
        rec.records = 1
        rec.details["web_sessions"] = "ended"


def remove_user(settings: Settings, name: str) -> None:
    """Delete an account; its sessions are refused from their next request on."""
    with audited(settings, "users remove", params={"name": name}) as rec:
        users = _read(settings)
        if users.pop(name, None) is None:
            raise NotFound(f"no user {name!r}", fix="see 'graphintel users list'")
        _write(settings, users)
        rec.records = 1
        rec.details["web_sessions"] = "ended"


def list_users(settings: Settings) -> list[Account]:
    """Every account, by name."""
    return [Account(n, str(u.get("role")), str(u.get("created_at") or ""))
            for n, u in sorted(_read(settings).items())]


class _Cached:
    """The accounts file as last read, with the stat it was read at: a request costs one
    ``stat`` and reads the file again only when it was replaced."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seen: dict[Path, tuple[tuple[int, int, int], dict[str, dict[str, Any]]]] = {}

    def users(self, settings: Settings) -> dict[str, dict[str, Any]]:
        path = accounts_path(settings)
        try:
            st = path.stat()
        except FileNotFoundError:
            return {}
        except OSError:
            return _read(settings)  # says what is wrong with the file
        key = (st.st_mtime_ns, st.st_size, st.st_ino)
        with self.lock:
            hit = self.seen.get(path)
            if hit is not None and hit[0] == key:
                return hit[1]
        users = _read(settings)
        with self.lock:
            self.seen[path] = (key, users)
        return users


_CACHE = _Cached()


def session_state(settings: Settings, name: str) -> SessionState | None:
    """The role and session stamp of an existing account, or None (no such account, or
    one without a known role). Read from a copy of the accounts file kept while the file
    is unchanged."""
    entry = _CACHE.users(settings).get(name)
    if not entry or entry.get("role") not in ROLES:
        return None
    return SessionState(str(entry["role"]), _stamp_of(entry))


def role_of(settings: Settings, name: str) -> str | None:
    """The role of an existing account, or None (removed since the session began)."""
    state = session_state(settings, name)
    return state.role if state else None


def authenticate(settings: Settings, name: str, password: str) -> Account | None:
    """The account when ``password`` is right for ``name``, else None (same cost either way).

    A hash made with older Argon2 parameters is upgraded on the next good login.
    """
    users = _read(settings)
    entry = users.get(name)
    stored = str(entry.get("hash")) if entry else _dummy_hash()
    try:
        _HASHER.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if entry is None or entry.get("role") not in ROLES:
        return None
    if _HASHER.check_needs_rehash(stored):
        entry[STAMP] = _stamp_of(entry)  # a new hash of the same password ends no session
        entry["hash"] = _HASHER.hash(password)
        _write(settings, users)
    return Account(name, str(entry["role"]), str(entry.get("created_at") or ""))


__all__ = ["ROLES", "STAMP", "Account", "SessionState", "accounts_path", "add_user",
           "authenticate", "check_name", "check_password", "check_role", "list_users",
           "remove_user", "role_of", "session_state", "set_password"]
