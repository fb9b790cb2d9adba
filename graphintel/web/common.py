"""What every workspace page shares: the signed-in user and role, role checks, rendering,
auditing a request with the user, and running library calls off the event loop."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse

from graphintel.audit import AuditRecord, audited
from graphintel.config import Settings
from graphintel.store import Store
from graphintel.web.accounts import role_of
from graphintel.web.cache import PageCache
from graphintel.web.security import csrf_token

#: Where each role lands after logging in.
HOME = {"analyst": "/", "chair": "/meeting", "partner": "/partner"}


class LoginRequired(Exception):
    """No signed-in user: the page sends the browser to the login page."""


@dataclass(frozen=True)
class User:
    name: str
    role: str


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


def current_user(request: Request) -> User | None:
    """The signed-in user, checked against the accounts file on every request (a removed
    account or a changed role ends the session)."""
    name = request.session.get("user")
    role = request.session.get("role")
    if not isinstance(name, str) or not isinstance(role, str):
        return None
    if role_of(settings_of(request), name) != role:
        request.session.clear()
        return None
    return User(name, role)


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
        user=user, csrf=csrf_token(request.session), path=request.url.path, **context)
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


__all__ = ["HOME", "LoginRequired", "User", "audit", "cache_of", "call", "current_user",
           "make_templates", "query_params", "render", "require", "settings_of", "store_of"]
