"""Settings from environment variables and a ``.env`` file.

Read on demand with :func:`load_settings`, never at import. Environment variables win over
``.env``; ``.env`` is looked for in the current folder (or the file named by
``GRAPHINTEL_ENV_FILE``). The password is kept out of ``repr`` and is never printed:
:meth:`Settings.describe` masks it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import phonenumbers
from dotenv import dotenv_values

from graphintel.errors import ConfigError

DEFAULT_HOME = ".graphintel"
MASK = "********"
# scheme://user:password@  (the password part is anything up to the '@')
_URI_USERINFO = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@'\"]*):[^\s@'\"]*@")
_SECRET_QUERY = re.compile(r"(?i)(?P<head>[?&;](?:password|passwd|pwd|secret|token|credentials?)=)"
                           r"[^&;#\s'\"]*")


def uri_userinfo(uri: str) -> tuple[int, int] | None:
    """Where the user and password of ``uri`` are (start and end offsets), or None.

    They run from the scheme's ``://`` to the *last* ``@``: a host holds no ``@``, while a
    password may hold ``/``, ``@``, quotes or spaces, so the first ``/`` or ``@`` is not
    where it ends.

    >>> uri_userinfo("bolt://neo4j:p@ss/w0rd@db:7687"), uri_userinfo("bolt://db:7687")
    ((7, 22), None)
    """
    scheme = uri.find("://")
    start = scheme + 3 if scheme >= 0 else 0
    at = uri.rfind("@")
    return (start, at) if at >= start else None


def mask_uri(uri: str) -> str:
    """``uri`` with any password replaced by ``********`` (``bolt://u:********@h:7687``).

    >>> mask_uri("bolt://neo4j:secret@db:7687"), mask_uri("neo4j:secret@db")
    ('bolt://neo4j:********@db:7687', 'neo4j:********@db')
    >>> mask_uri("bolt://neo4j:p@ss/w0rd SECRET@db:7687")
    'bolt://neo4j:********@db:7687'
    >>> mask_uri("bolt://s3cret@db")  # a user alone may be a password typed without one
    'bolt://********@db'
    """
    span = uri_userinfo(uri)
    if span is not None:
        user, colon, _ = uri[span[0]:span[1]].partition(":")
        uri = uri[:span[0]] + (f"{user}:{MASK}" if colon else MASK) + uri[span[1]:]
    return mask_secrets(uri)


def mask_secrets(text: str) -> str:
    """``text`` with passwords in any URI it contains masked (userinfo and query)."""
    text = _URI_USERINFO.sub(lambda m: f"{m.group('head')}:{MASK}@", text)
    return _SECRET_QUERY.sub(lambda m: f"{m.group('head')}{MASK}", text)


@dataclass(frozen=True)
class Settings:
    """Everything graphintel needs to know about where it runs."""

    home: Path
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = field(default=None, repr=False)
    neo4j_database: str = "neo4j"
    local_port: int = 7687
    local_heap: str = "2g"
    local_pagecache_mb: int = 1024
    query_dir: Path | None = None
    batch_size: int = 1000
    max_cell_bytes: int = 128 * 1024
    max_line_bytes: int = 4 * 1024 * 1024
    max_xlsx_bytes: int = 200 * 1024 * 1024
    earliest_date: date = date(1900, 1, 1)
    future_days: int = 1
    #: An entity shared by more people than this is a hub, not a link (analysis projection).
    hub_people: int = 50
    query_timeout_s: int = 60
    #: Longest a whole-graph streaming read (the analysis projection, the agenda's report
    #: handling codes, the known names at ingest) may run: batch work, not an officer's query.
    bulk_read_timeout_s: int = 3600
    search_max_terms: int = 200
    search_max_chars: int = 1000
    #: Region a phone number written without a country code is read in (ISO 3166 code).
    phone_region: str = "GB"

    @property
    def uses_local_neo4j(self) -> bool:
        """True when graphintel manages its own Neo4j (no ``NEO4J_URI`` configured)."""
        return not self.neo4j_uri

    def describe(self) -> dict[str, str]:
        """The settings in use, for display; the password is masked."""
        return {
            "GRAPHINTEL_HOME": str(self.home),
            "NEO4J_URI": mask_uri(self.neo4j_uri) if self.neo4j_uri
            else "(unset: local Neo4j under GRAPHINTEL_HOME)",
            "NEO4J_USER": self.neo4j_user,
            "NEO4J_PASSWORD": "********" if self.neo4j_password else "(from local password file)"
            if self.uses_local_neo4j
            else "(unset)",
            "NEO4J_DATABASE": self.neo4j_database,
            "GRAPHINTEL_QUERY_DIR": str(self.query_dir) if self.query_dir else "(unset)",
        }


def _env(env: dict[str, str | None], name: str, default: str | None = None) -> str | None:
    value = env.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip()


def _date(env: dict[str, str | None], name: str, default: date) -> date:
    raw = _env(env, name)
    if raw is None:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a date like 1900-01-01, got {raw!r}", name,
                          "fix it in .env or the environment") from None


def _int(env: dict[str, str | None], name: str, default: int, minimum: int = 1) -> int:
    raw = _env(env, name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(
            f"{name} must be a whole number, got {raw!r}", name, "fix it in .env or the environment"
        ) from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {value}", name,
                          f"use a number >= {minimum}")
    return value


def _region(env: dict[str, str | None], name: str, default: str) -> str:
    raw = _env(env, name)
    if raw is None:
        return default
    code = raw.upper()
    if code in phonenumbers.SUPPORTED_REGIONS:
        return code
    hint = "GB (the United Kingdom is GB, not UK)" if code == "UK" else "GB"
    raise ConfigError(
        f"{name} must be a phone region code, got {raw!r}", name,
        f"use a two-letter ISO 3166 code such as {hint}, IE, US or FR; the codes known are "
        + ", ".join(sorted(phonenumbers.SUPPORTED_REGIONS)),
    )


def load_settings(env_file: Path | None = None) -> Settings:
    """Build :class:`Settings` from ``.env`` and the process environment.

    >>> load_settings().neo4j_database  # doctest: +SKIP
    'neo4j'
    """
    path = env_file or Path(os.environ.get("GRAPHINTEL_ENV_FILE", ".env"))
    merged: dict[str, str | None] = {}
    if path.is_file():
        merged.update(dotenv_values(path))
    merged.update(os.environ)
    home = Path(_env(merged, "GRAPHINTEL_HOME", DEFAULT_HOME) or DEFAULT_HOME).expanduser()
    query_dir = _env(merged, "GRAPHINTEL_QUERY_DIR")
    uri = _env(merged, "NEO4J_URI")
    if uri and "://" not in uri:
        raise ConfigError(
            f"NEO4J_URI {mask_uri(uri)!r} has no scheme", "NEO4J_URI", "write it like bolt://localhost:7687"
        )
    if uri and (uri_userinfo(uri) or mask_uri(uri) != uri):  # the driver would echo them
        raise ConfigError(
            f"NEO4J_URI {mask_uri(uri)!r} holds a user or password", "NEO4J_URI",
            "put the user in NEO4J_USER and the password in NEO4J_PASSWORD, and write the "
            "URI without them, like bolt://localhost:7687",
        )
    return Settings(
        home=home.resolve(),
        neo4j_uri=uri,
        neo4j_user=_env(merged, "NEO4J_USER", "neo4j") or "neo4j",
        neo4j_password=_env(merged, "NEO4J_PASSWORD"),
        neo4j_database=_env(merged, "NEO4J_DATABASE", "neo4j") or "neo4j",
        local_port=_int(merged, "GRAPHINTEL_NEO4J_PORT", 7687),
        local_heap=_env(merged, "GRAPHINTEL_NEO4J_HEAP", "2g") or "2g",
        local_pagecache_mb=_int(merged, "GRAPHINTEL_NEO4J_PAGECACHE_MB", 1024),
        query_dir=Path(query_dir).expanduser().resolve() if query_dir else None,
        batch_size=_int(merged, "GRAPHINTEL_BATCH_SIZE", 1000),
        max_cell_bytes=_int(merged, "GRAPHINTEL_MAX_CELL_BYTES", 128 * 1024),
        max_line_bytes=_int(merged, "GRAPHINTEL_MAX_LINE_BYTES", 4 * 1024 * 1024),
        max_xlsx_bytes=_int(merged, "GRAPHINTEL_MAX_XLSX_BYTES", 200 * 1024 * 1024),
        earliest_date=_date(merged, "GRAPHINTEL_EARLIEST_DATE", date(1900, 1, 1)),
        future_days=_int(merged, "GRAPHINTEL_FUTURE_DAYS", 1, minimum=0),
        hub_people=_int(merged, "GRAPHINTEL_HUB_PEOPLE", 50, minimum=2),
        query_timeout_s=_int(merged, "GRAPHINTEL_QUERY_TIMEOUT", 60),
        bulk_read_timeout_s=_int(merged, "GRAPHINTEL_BULK_READ_TIMEOUT", 3600),
        search_max_terms=_int(merged, "GRAPHINTEL_SEARCH_MAX_TERMS", 200),
        search_max_chars=_int(merged, "GRAPHINTEL_SEARCH_MAX_CHARS", 1000),
        phone_region=_region(merged, "GRAPHINTEL_PHONE_REGION", "GB"),
    )
