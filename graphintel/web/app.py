"""The workspace application: routes, login, CSRF, security headers, errors.

:func:`create_app` builds the Starlette application for one installation (its settings);
it opens the Neo4j store when it starts serving and closes it when it stops.
:func:`graphintel.web.server.serve` runs it with uvicorn. Everything the browser loads
comes from this package (templates, ``static/``) and from vis-network as bundled in pyvis;
the Content-Security-Policy allows nothing else.

Pages by role (anything else is 403, and the refusal is audited):

=========================  =========  =====  =======
page                       analyst    chair  partner
=========================  =========  =====  =======
/ search, /person, /report yes       (/ takes a chair or partner to their first page)
/network (internal)        yes
/paths, /resolve           yes
/meeting, decisions        yes        yes
/partner, partner chart    (chart)           yes
/partner/agenda            yes        yes    yes
=========================  =========  =====  =======

Every signed-in page says when its session ends, and warns in its last minutes; a form
sent after the end is answered by a page that says it was not saved
(:mod:`graphintel.web.expiry`, :mod:`graphintel.web.views_session`, ``/api/session``).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import threading
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graphintel.config import Settings
from graphintel.errors import Ambiguous, GraphintelError, NotFound
from graphintel.store import Store
from graphintel.web import (
    views_intel,
    views_meeting,
    views_network,
    views_resolve,
    views_session,
)
from graphintel.web.accounts import authenticate, session_state
from graphintel.web.cache import PageCache
from graphintel.web.common import (
    HOME,
    LoginRequired,
    audit,
    call,
    current_user,
    end_session,
    home_of,
    make_templates,
    render,
    revocations_of,
    settings_of,
    start_session,
    user_or_none,
    web_candidate,
    web_message,
)
from graphintel.web.security import (
    COOKIE_SECONDS,
    CSRF_FIELD,
    CSRF_HEADER,
    SESSION_SECONDS,
    LoginLimiter,
    Revocations,
    csrf_ok,
    new_session_id,
    session_key,
)

STATIC = Path(__file__).parent / "static"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
log = logging.getLogger(__name__)
#: The refusal of a POST without the session's token: a forgery, or a page older than the
#: session cookie (or than a login since) whose sender is told that nothing was saved.
FORGED = ("Refused: the form's security token is missing or out of date (the page was "
          "opened before you last signed in, or your session ended long ago), so it was NOT "
          "saved. Reload the page, sign in again if asked, and enter it again.")
VIS_FILES = {"vis-network.min.js": "text/javascript", "vis-network.css": "text/css"}


class Guard:
    """Security headers on every response; a POST without the session's CSRF token is
    refused (403) before any page sees it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            request = Request(scope, receive)
            body = await request.body()
            token = request.headers.get(CSRF_HEADER)
            if token is None and request.headers.get("content-type", "").startswith(
                    ("application/x-www-form-urlencoded", "multipart/form-data")):
                form = await request.form()
                value = form.get(CSRF_FIELD)
                token = value if isinstance(value, str) else None
            if not csrf_ok(request.session, token):
                await call(_forgery_audit, request, token is None)
                response = _refusal(request, 403, FORGED)
                await response(scope, receive, send)
                return
            receive = _replay(body, receive)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                present = {k.lower() for k, _ in headers}
                for name, value in (
                        (b"content-security-policy", CSP.encode()),
                        (b"x-frame-options", b"DENY"),
                        (b"x-content-type-options", b"nosniff"),
                        (b"referrer-policy", b"no-referrer"),
                        (b"cache-control", b"no-store")):
                    if name not in present:
                        headers.append((name, value))
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _forgery_audit(request: Request, missing: bool) -> None:
    """Audit a POST refused for its security token: which page, whose session it came
    with (as the cookie says; it is not trusted), from where and why, so a forgery attempt
    leaves a trace and a user told that nothing was saved can be shown the refusal."""
    from graphintel.audit import audited

    name = request.session.get("user")
    with audited(settings_of(request), "web refused", query=request.url.path,
                 web_user=name if isinstance(name, str) else None,
                 client=request.client.host if request.client else None,
                 reason="security token missing" if missing
                 else "security token out of date or wrong") as rec:
        rec.records = 0
        rec.details["status"] = 403


def _replay(body: bytes, original: Receive) -> Receive:
    """A ``receive`` that gives the page the body the guard already read."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await original()
    return receive


async def login_page(request: Request) -> Response:
    """The login form; someone signed in is taken to their first page, unless they asked
    to sign in again (``?again=1``, from the banner of a session about to end)."""
    user = current_user(request)
    if user is not None and not request.query_params.get("again"):
        return RedirectResponse(HOME[user.role], status_code=303)
    return render(request, "login.html", user, again=views_session.again_notice(request),
                  notice=None if user else views_session.ended_notice(request))


async def login(request: Request) -> Response:
    form = await request.form()
    name = str(form.get("username") or "").strip()
    password = str(form.get("password") or "")
    limiter: LoginLimiter = request.app.state.limiter
    address = request.client.host if request.client else "unknown"
    settings = settings_of(request)
    if limiter.blocked(name, address):
        _login_audit(settings, await call(_audited_name, settings, name), address, "blocked")
        return render(request, "login.html", None, status=429,
                      error="Too many failed logins: wait a few minutes and try again.")
    account = await call(authenticate, settings, name, password)
    if account is None:
        limiter.failed(name, address)
        _login_audit(settings, await call(_audited_name, settings, name), address, "failed")
        return render(request, "login.html", None, status=401,
                      error="Wrong user name or password.")
    state = await call(session_state, settings, account.name)
    if state is None or state.role != account.role:  # changed while we checked
        _login_audit(settings, name, address, "failed")
        return render(request, "login.html", None, status=401,
                      error="Wrong user name or password.")
    limiter.succeeded(name)
    await call(_forget_earlier, request)
    start_session(request, account.name, account.role, state.stamp, new_session_id())
    _login_audit(settings, name, address, "ok")
    return RedirectResponse(HOME[account.role], status_code=303)


def _forget_earlier(request: Request) -> None:
    """A login over a session still logged in ends that session for good (a copy of its
    cookie is no good afterwards)."""
    sid, at = request.session.get("sid"), request.session.get("at")
    if isinstance(sid, str) and isinstance(at, int):
        revocations_of(request).revoke(sid, at + SESSION_SECONDS)


def _audited_name(settings: Settings, name: str) -> str:
    """The user name as the audit log keeps it for a login that did not succeed: as typed
    when it is an account's, else a keyed digest (people type their password into the
    user name box; the log must never hold one), the same for the same text so that
    repeated guesses can still be told apart."""
    if session_state(settings, name) is not None:
        return name
    digest = hmac.new(session_key(settings).encode(), name.encode(), hashlib.sha256)
    return f"(no such user; typed text {digest.hexdigest()[:12]})"


def _login_audit(settings: Settings, name: str, address: str, outcome: str) -> None:
    from graphintel.audit import audited

    with audited(settings, "web login", params={"username": name}, web_user=name,
                 client=address, outcome=outcome) as rec:
        rec.records = int(outcome == "ok")


async def logout(request: Request) -> Response:
    """End this session for good: its id is recorded as logged out (kept across restarts
    until the session would have run out), so a saved copy of the cookie is refused."""
    user = current_user(request)
    if user is not None:
        with audit(request, user, "logout") as rec:
            await call(_forget_earlier, request)
            rec.records = 0
    end_session(request)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


async def start(request: Request) -> Response:
    """``/``: the analyst's search page; a chair or partner is taken to their first page
    (rather than refused), someone not logged in to the login page."""
    user = current_user(request)
    if user is None:
        raise LoginRequired()
    if user.role != "analyst":
        return RedirectResponse(home_of(user), status_code=303)
    return await views_intel.home(request)


async def vis_asset(request: Request) -> Response:
    from graphintel.charts.html_chart import VIS_DIR

    name = request.path_params["name"]
    if name not in VIS_FILES:
        raise HTTPException(404)
    return FileResponse(VIS_DIR / name, media_type=VIS_FILES[name],
                        headers={"Cache-Control": "private, max-age=3600"})


async def _graphintel_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, GraphintelError)
    status = 404 if isinstance(exc, NotFound) else 400
    user = user_or_none(request)
    role = user.role if user else None
    # the page's words: no command, option or setting of the command line
    message = web_message(exc, role)
    candidates = [web_candidate(c, role) for c in
                  (exc.candidates if isinstance(exc, Ambiguous) else [])]
    if request.url.path.startswith(("/api/", "/partner/api/")):
        return JSONResponse({"error": message, "candidates": candidates}, status_code=status)
    return render(request, "error.html", user, status=status, status_code=status,
                  message=message, candidates=candidates)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return render(request, "error.html", user_or_none(request), status=exc.status_code,
                  status_code=exc.status_code, message=exc.detail, candidates=[])


def _refusal(request: Request, status: int, message: str) -> Response:
    """A refusal as its asker reads it: JSON (``error``) for the pages' data requests, else
    a small page of its own (language, title, a link back) rather than bare text, which a
    browser shows without either. The page is the error page with nobody signed in: the
    session behind a refused request is not to be trusted."""
    if request.url.path.startswith(("/api/", "/partner/api/")):
        return JSONResponse({"error": message, "candidates": []}, status_code=status)
    return render(request, "error.html", None, status=status, status_code=status,
                  message=message, candidates=[])


async def _login_required(request: Request, exc: Exception) -> Response:
    """Nobody signed in: a page goes to the login page; a form is answered with a page that
    says it was not saved (and shows what it held), never silently dropped."""
    if request.url.path.startswith(("/api/", "/partner/api/")):
        return _refusal(request, 401, "Log in first.")
    if request.method not in ("GET", "HEAD"):
        return await views_session.not_saved(request)
    return RedirectResponse("/login", status_code=303)


def routes() -> list[Route | Mount]:
    v, n, m = views_intel, views_network, views_meeting
    return [
        Route("/login", login_page, methods=["GET"]),
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/api/session", views_session.session_api),
        Route("/", start),
        Route("/search", v.search_page),
        Route("/person/{uid:path}", v.profile_page),
        Route("/report/{ref:path}", v.report_page),
        Route("/paths", v.paths_page),
        Route("/api/reports", v.reports_api),
        Route("/network", n.network_page),
        Route("/api/network", n.network_api),
        Route("/api/node", n.node_uid_api),
        Route("/network/export", n.network_export, methods=["POST"]),
        Route("/resolve", views_resolve.resolve_page),
        Route("/resolve/decide", views_resolve.resolve_decide, methods=["POST"]),
        Route("/meeting", m.meeting_page),
        Route("/meeting/decide", m.meeting_decide, methods=["POST"]),
        Route("/meeting/action", m.action_update, methods=["POST"]),
        Route("/meeting/agenda", m.agenda_internal),
        Route("/partner", m.partner_home),
        Route("/partner/agenda", m.agenda_partner),
        Route("/partner/network", n.network_page),
        Route("/partner/api/network", n.network_api),
        Route("/partner/network/export", n.network_export, methods=["POST"]),
        Route("/vis/{name}", vis_asset),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]


def warm_up(app: Starlette) -> None:
    """Make what the first pages need (the top network's chart, the people graph that
    charts around someone start from, today's agenda and both written agendas, Neo4j's
    plans of the search, profile and path queries) in the background, so the first
    visitors do not wait for them."""
    from graphintel.audit import audited

    state = app.state
    try:
        with audited(state.settings, "web warm-up", query="top network, agenda, first "
                     "queries") as rec:
            _warm(state)
            rec.records = 0
    except Exception:  # never stop the server for this; the pages will say what is wrong
        log.exception("warming the workspace's pages failed")
    finally:
        state.warmed.set()


#: Seconds between two looks at the data version by the workspace's warm-keeper.
WATCH_S = 10.0


def keep_warm(app: Starlette, stop: threading.Event, every_s: float = WATCH_S) -> None:
    """Warm the first pages up, then watch the data version (a load, an analysis, an
    action update move it on) and warm them up again whenever it moves, until ``stop``:
    the first officer after a change does not wait for the agenda to be made."""
    from graphintel.web.cache import data_version

    def version() -> tuple[Any, ...] | None:
        try:
            return data_version(app.state.store)
        except GraphintelError:  # Neo4j away for now: look again later
            return None

    seen = version()
    warm_up(app)
    while not stop.wait(every_s):
        now = version()
        if now is not None and now != seen:
            warm_up(app)
            seen = now


def _warm(state: Any) -> None:
    from graphintel.web.netdata import ViewSpec
    from graphintel.web.selection import latest_run, projected
    from graphintel.web.views_meeting import agenda_for, agenda_html_for
    from graphintel.web.views_network import chart_for

    for make in (lambda: chart_for(state.cache, state.store, state.settings,
                                   ViewSpec.parse({}), "internal"),
                 lambda: projected(state.cache, state.store,
                                   latest_run(state.cache, state.store)),
                 lambda: _partner_top_chart(state),
                 lambda: agenda_for(state.cache, state.store, state.settings),
                 lambda: agenda_html_for(state.cache, state.store, state.settings, "internal"),
                 lambda: agenda_html_for(state.cache, state.store, state.settings, "partner"),
                 lambda: _first_queries(state.store, state.settings,
                                        latest_run(state.cache, state.store))):
        try:
            make()
        except GraphintelError:  # e.g. no analysis run yet: the page will say so
            continue


def _partner_top_chart(state: Any) -> None:
    """The partner chart of the network of the top target (the first one partners open)."""
    from graphintel.web.netdata import ViewSpec
    from graphintel.web.selection import latest_run
    from graphintel.web.views_network import chart_for

    ranked = sorted((latest_run(state.cache, state.store) or {}).get("targets", []),
                    key=lambda t: t["rank"])
    if ranked:
        chart_for(state.cache, state.store, state.settings,
                  ViewSpec.parse({"network": str(ranked[0]["community"])}), "partner")


def _first_queries(store: Store, settings: Settings, run: dict[str, Any] | None) -> None:
    """Run a search, a profile and a path once, so that Neo4j has planned their queries
    before the first officer asks (the first run of a query is the slow one)."""
    from graphintel.evidence_paths import path
    from graphintel.profile import profile
    from graphintel.search import search

    ranked = sorted((run or {}).get("targets", []), key=lambda t: t["rank"])
    if len(ranked) < 2:
        return
    search(store, str(ranked[0]["name"]), max_terms=settings.search_max_terms,
           max_chars=settings.search_max_chars)
    profile(store, ranked[0]["uid"])
    path(store, ranked[0]["uid"], ranked[1]["uid"])
    store.read("lookup_entity_search", address="warm", handle="warm", limit=1)


def create_app(settings: Settings, *, store: Store | None = None,
               warm: bool = True, secure_cookie: bool = False) -> Starlette:
    """The workspace for ``settings``; ``store`` an open store to use (else one is opened
    at start-up and closed at shut-down); ``warm`` makes the top network's chart and the
    agenda in the background at start-up; ``secure_cookie`` marks the session cookie
    Secure (served to other machines, behind TLS: the browser then never sends it over
    plain HTTP)."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        own = None
        if store is None:
            own = await call(Store.open, settings)
        app.state.store = store or own
        stop = threading.Event()
        if warm:
            threading.Thread(target=keep_warm, args=(app, stop), name="graphintel-warm-up",
                             daemon=True).start()
        try:
            yield
        finally:
            stop.set()
            if own is not None:
                own.close()

    app = Starlette(
        routes=routes(),
        middleware=[
            Middleware(SessionMiddleware, secret_key=session_key(settings),
                       session_cookie="graphintel_session", max_age=COOKIE_SECONDS,
                       same_site="strict", https_only=secure_cookie),
            Middleware(Guard),
        ],
        exception_handlers={GraphintelError: _graphintel_error, HTTPException: _http_error,
                            LoginRequired: _login_required},
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.templates = make_templates()
    app.state.limiter = LoginLimiter()
    app.state.clock = time.time
    app.state.revocations = Revocations(settings)
    app.state.cache = PageCache()
    app.state.warmed = threading.Event()
    if store is not None:
        app.state.store = store
    return app


__all__ = ["WATCH_S", "create_app", "keep_warm", "warm_up"]
