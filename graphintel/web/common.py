"""What every workspace page shares: the signed-in user and role, when their session ends,
role checks, rendering, auditing a request with the user, error messages in the
workspace's words, and running library calls off the event loop."""

from __future__ import annotations

import contextlib
import hmac
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse

from graphintel.audit import AuditRecord, audited
from graphintel.config import Settings, mask_secrets
from graphintel.errors import GraphintelError, Neo4jUnavailable, NotFound, QueryTimeout
from graphintel.store import Store
from graphintel.web.accounts import session_state
from graphintel.web.cache import PageCache
from graphintel.web.expiry import SessionTime
from graphintel.web.security import SESSION_SECONDS, Revocations, csrf_token

#: Where each role lands after logging in: the first page it may open (also where the
#: logo, "Back to the start" and ``/`` take it).
HOME = {"analyst": "/", "chair": "/meeting", "partner": "/partner"}
#: What a login puts in the session besides the CSRF token.
SESSION_KEYS = ("user", "role", "sid", "stamp", "at")
#: What a refused session leaves in the cookie (with the CSRF token) until the next login:
#: whose it was, why it ended and when it would have run out, so the login page and a
#: form sent late can say so.
ENDED = "ended"
_USER = "graphintel.user"  # the request's checked user, kept in the ASGI scope


class LoginRequired(Exception):
    """No signed-in user: the page sends the browser to the login page."""


@dataclass(frozen=True)
class User:
    name: str
    role: str


@dataclass(frozen=True)
class Ended:
    """A session refused earlier in this browser: whose, why (as audited) and when it
    would have run out."""

    user: str
    reason: str
    ends: float


def make_templates() -> Environment:
    env = Environment(loader=PackageLoader("graphintel.web", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["day"] = lambda v: str(v)[:10] if v else ""
    env.filters["join_list"] = lambda v: ", ".join(str(x) for x in (v or []) if x)
    return env


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def cache_of(request: Request) -> PageCache:
    return request.app.state.cache


def store_of(request: Request) -> Store:
    return request.app.state.store


def revocations_of(request: Request) -> Revocations:
    return request.app.state.revocations


def clock_of(request: Request) -> float:
    """Now (epoch seconds) by the workspace's clock (``app.state.clock``), which sessions
    start and end by: tests set it to stand in a session's last minutes, or after its end."""
    return float(request.app.state.clock())


def home_of(user: User | None) -> str:
    """The first page ``user`` may open (the login page when nobody is logged in)."""
    return HOME.get(user.role, "/login") if user else "/login"


def start_session(request: Request, name: str, role: str, stamp: str,
                  session_id: str) -> None:
    """A fresh session (and CSRF token) for a login."""
    request.session.clear()
    request.session.update(user=name, role=role, sid=session_id, stamp=stamp,
                           at=int(clock_of(request)))
    request.scope.pop(_USER, None)


def end_session(request: Request) -> None:
    """Forget who is logged in (the CSRF token stays, so the login form still works)."""
    for key in SESSION_KEYS:
        request.session.pop(key, None)
    request.scope[_USER] = None


def _refusal(request: Request, name: str, role: str, sid: str, stamp: str,
             at: float) -> str | None:
    """Why the session may no longer be used, or None."""
    if clock_of(request) - at > SESSION_SECONDS:
        return "timed out"
    if revocations_of(request).revoked(sid):
        return "logged out"
    state = session_state(settings_of(request), name)
    if state is None:
        return "account removed"
    if state.role != role:
        return "role changed"
    if not hmac.compare_digest(state.stamp.encode(), stamp.encode()):
        return "password changed or account made again"
    return None


def current_user(request: Request) -> User | None:
    """The signed-in user, or None. Checked once a request: the session must be younger
    than :data:`SESSION_SECONDS`, not logged out, and carry the account's current role and
    session stamp (a removed account, a changed role or a changed password ends it). A
    refused session is forgotten (but for :data:`ENDED`: whose it was, why and when it
    ran out), and the refusal audited."""
    if _USER in request.scope:
        return request.scope[_USER]
    session = request.session
    name, role, sid, stamp, at = (session.get(k) for k in SESSION_KEYS)
    if name is None:
        request.scope[_USER] = None
        return None
    if not (isinstance(name, str) and isinstance(role, str) and isinstance(sid, str)
            and isinstance(stamp, str) and isinstance(at, int)):
        end_session(request)  # a session from before ids and stamps: log in again
        return None
    reason = _refusal(request, name, role, sid, stamp, at)
    if reason is not None:
        end_session(request)
        request.session[ENDED] = {"user": name, "reason": reason, "ends": at + SESSION_SECONDS}
        with audited(settings_of(request), "web session refused", query=request.url.path,
                     web_user=name, role=role, reason=reason,
                     client=request.client.host if request.client else None) as rec:
            rec.records = 0
        return None
    user = User(name, role)
    request.scope[_USER] = user
    return user


def session_time(request: Request) -> SessionTime | None:
    """When the signed-in session ends (None when nobody is signed in)."""
    at = request.session.get("at")
    if current_user(request) is None or not isinstance(at, int):
        return None
    return SessionTime(ends=at + SESSION_SECONDS, now=clock_of(request))


def ended_session(request: Request) -> Ended | None:
    """The session this browser had until it was refused, if it has not logged in since."""
    ended = request.session.get(ENDED)
    if not isinstance(ended, dict):
        return None
    user, reason, ends = (ended.get(k) for k in ("user", "reason", "ends"))
    if not (isinstance(user, str) and isinstance(reason, str)
            and isinstance(ends, (int, float))):
        return None
    return Ended(user, reason, float(ends))


def user_or_none(request: Request) -> User | None:
    """:func:`current_user`, or None when it cannot be told (for error pages)."""
    try:
        return current_user(request)
    except GraphintelError:
        return None


def require(request: Request, *roles: str) -> User:
    """The signed-in user if their role is one of ``roles``; else login page or 403."""
    user = current_user(request)
    if user is None:
        raise LoginRequired()
    if user.role not in roles:
        with audited(settings_of(request), "web refused", query=request.url.path,
                     web_user=user.name, role=user.role) as rec:
            rec.records = 0
            rec.details["status"] = 403
        raise HTTPException(403, "Your role may not open this page.")
    return user


def render(request: Request, template: str, user: User | None, status: int = 200,
           **context: Any) -> HTMLResponse:
    env: Environment = request.app.state.templates
    html = env.get_template(template).render(
        user=user, csrf=csrf_token(request.session), path=request.url.path,
        start_url=home_of(user), session=session_time(request) if user else None,
        **context)
    return HTMLResponse(html, status_code=status)


@contextlib.contextmanager
def audit(request: Request, user: User, command: str, *,
          params: dict[str, Any] | None = None) -> Iterator[AuditRecord]:
    """Audit one request: ``web <command>`` with the page, its parameters and the user."""
    with audited(settings_of(request), f"web {command}", query=request.url.path,
                 params=params or {}, web_user=user.name, role=user.role,
                 client=request.client.host if request.client else None) as rec:
        yield rec


async def call[T](fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a blocking library call in the thread pool."""
    return await run_in_threadpool(fn, *args, **kwargs)


def query_params(request: Request) -> dict[str, str]:
    return {k: v.strip() for k, v in request.query_params.items()}


# -- errors in the workspace's words ---------------------------------------------------------
#
# The library's errors speak to someone at the command line ("at --until", "look the person
# up with 'graphintel search TEXT'"). A page says what went wrong in the same words, names
# the field of the page instead of the option, and gives a hint the user can act on in the
# browser instead of a command.

#: An option or placeholder of the command line, as the workspace's pages call it.
FIELDS = {"--since": "the 'from' date", "--until": "the 'to' date", "since": "the 'from' date",
          "until": "the 'to' date", "--from": "the 'from' date", "--to": "the 'to' date",
          "--hops": "the number of links", "hops": "the number of links",
          "--max": "the number of paths", "--types": "the kinds of things shown",
          "--min-grading": "the lowest grading", "--network": "the network",
          "--around": "the person", "TEXT": "the search text", "--reason": "the reason"}
_OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")
_CLI = re.compile(r"graphintel [a-z]|--[a-z]|GRAPHINTEL_[A-Z]|docker ")
_CLI_ASIDE = re.compile(r"\s*\([^()]*(?:graphintel|GRAPHINTEL_|--[a-z])[^()]*\)")
_SEARCH_HINT = {"analyst": "check the spelling, or find the person with Search (the first "
                           "page) and open them from the results",
                "chair": "check the spelling, or go back and choose the person from the "
                         "meeting page",
                "partner": "check the spelling, or go back and choose the person from the "
                           "partner views"}


def _field(token: str) -> str:
    return FIELDS.get(token) or f"'{token.lstrip('-').replace('-', ' ')}'"


def _hint(exc: GraphintelError, fix: str, role: str | None) -> str:
    """A hint for the web in place of a fix that names a command."""
    if isinstance(exc, Neo4jUnavailable) or "neo4j" in fix.lower():
        return ("the database cannot be reached: ask whoever runs the workspace to start "
                "it, then reload the page")
    if isinstance(exc, QueryTimeout):
        return "narrow what you asked for and try again"
    if "graphintel search" in fix:
        return _SEARCH_HINT.get(role or "", "check the spelling and try again")
    if "graphintel analyse" in fix or "graphintel runs" in fix:
        return ("the graph has no usable analysis yet: ask whoever runs the workspace to "
                "run one, then reload the page")
    if "graphintel resolve" in fix and role == "analyst":
        return "see the Duplicates page"
    if isinstance(exc, NotFound):
        return "go back and check what was asked for"
    return "go back, check what you entered and try again"


def web_message(exc: GraphintelError, role: str | None = None) -> str:
    """``exc``'s message for a page: what went wrong (options named as the page's fields),
    the field to check, and a fix without commands or settings of the command line."""
    what = _OPTION.sub(lambda m: _field(m.group(0)), exc.what)
    what = what.replace("'graphintel search'", "Search")
    parts = [what]
    fix = _CLI_ASIDE.sub("", exc.fix or "").strip()
    if fix and _CLI.search(fix):
        fix = _hint(exc, fix, role)
    where = exc.where or ""
    if where in FIELDS or _OPTION.fullmatch(where):
        field = _field(where)
        if field not in what:
            parts.append(f"check {field}")
    if fix:
        parts.append(fix)
    return mask_secrets("; ".join(parts))


def web_candidate(text: str, role: str | None = None) -> str:
    """One of an ambiguous name's candidates (or the line saying there are more) for a
    page."""
    if "'graphintel search'" in text:
        text = text.replace(", or use 'graphintel search'",
                            ", or use Search" if role == "analyst" else "")
    return mask_secrets(text)


__all__ = ["ENDED", "FIELDS", "HOME", "SESSION_KEYS", "Ended", "LoginRequired", "User", "audit",
           "cache_of", "call", "clock_of", "current_user", "end_session", "ended_session",
           "home_of", "make_templates", "query_params", "render", "require",
           "revocations_of", "session_time", "settings_of", "start_session", "store_of",
           "user_or_none", "web_candidate", "web_message"]
