"""Workspace accounts: who may log in to ``graphintel serve``, and with which role.

Accounts live in ``$GRAPHINTEL_HOME/web/accounts.json`` (mode 0600, folder 0700), one entry
per user name with the role and an Argon2id hash of the password; the password itself is
never stored, printed or logged. Roles:

- ``analyst``: everything (search, profiles, network view, paths, the meeting);
- ``chair``: the meeting view (proposals, decisions, the written agenda);
- ``partner``: only the partner-redacted views (network chart and agenda).

:func:`add_user`, :func:`remove_user`, :func:`set_password` and :func:`list_users` are what
``graphintel users`` calls; :func:`authenticate` is what the login page calls. Each change
is audited (the user name and role, never the password).
"""

from __future__ import annotations

import json
import re
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

ROLES = ("analyst", "chair", "partner")
MIN_PASSWORD = 10
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
_HASHER = PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Verified against when the user does not exist, so a wrong name takes as long as a
    wrong password."""
    return _HASHER.hash("graphintel-no-such-user")


@dataclass(frozen=True)
class Account:
    """A workspace account as shown to people (no hash)."""

    name: str
    role: str
    created_at: str


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
        users[name] = {"role": role, "hash": _HASHER.hash(password), "created_at": _now()}
        _write(settings, users)
        rec.records = 1
    return Account(name, role, users[name]["created_at"])


def set_password(settings: Settings, name: str, password: str) -> None:
    """Replace a user's password."""
    check_password(password)
    with audited(settings, "users passwd", params={"name": name}) as rec:
        users = _read(settings)
        if name not in users:
            raise NotFound(f"no user {name!r}", fix="see 'graphintel users list'")
        users[name]["hash"] = _HASHER.hash(password)
        _write(settings, users)
        rec.records = 1


def remove_user(settings: Settings, name: str) -> None:
    """Delete an account (its sessions end at their next request)."""
    with audited(settings, "users remove", params={"name": name}) as rec:
        users = _read(settings)
        if users.pop(name, None) is None:
            raise NotFound(f"no user {name!r}", fix="see 'graphintel users list'")
        _write(settings, users)
        rec.records = 1


def list_users(settings: Settings) -> list[Account]:
    """Every account, by name."""
    return [Account(n, str(u.get("role")), str(u.get("created_at") or ""))
            for n, u in sorted(_read(settings).items())]


def role_of(settings: Settings, name: str) -> str | None:
    """The role of an existing account, or None (removed since the session began)."""
    entry = _read(settings).get(name)
    return str(entry["role"]) if entry and entry.get("role") in ROLES else None


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
        entry["hash"] = _HASHER.hash(password)
        _write(settings, users)
    return Account(name, str(entry["role"]), str(entry.get("created_at") or ""))


__all__ = ["ROLES", "Account", "accounts_path", "add_user", "authenticate", "check_name",
           "check_password", "check_role", "list_users", "remove_user", "role_of",
           "set_password"]
