"""The session's own pages: what the login page says about a session that ended or is
about to, ``/api/session`` for ``static/session.js``, and the answer to a form sent after
its session ended (:mod:`graphintel.web.expiry` says what each shows and why)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from graphintel.web.common import (
    clock_of,
    current_user,
    ended_session,
    render,
    session_time,
)
from graphintel.web.expiry import KEPT, NOT_DONE, kept, resend, utc_text
from graphintel.web.security import SESSION_SECONDS, csrf_token

_HOURS = SESSION_SECONDS // 3600


def ended_notice(request: Request) -> str | None:
    """What the login page says about the session this browser had, if one was refused."""
    ended = ended_session(request)
    if ended is None:
        return None
    if ended.reason == "timed out":
        when = utc_text(ended.ends, clock_of(request))
        return (f"Your session ended at {when} (a session lasts {_HOURS} hours from signing "
                "in). Sign in again to carry on.")
    return ("Your session was ended (logged out in another window, or your account was "
            "changed). Sign in again to carry on.")


def again_notice(request: Request) -> str | None:
    """What the login page says to someone signing in again before their session ends."""
    user, when = current_user(request), session_time(request)
    if user is None or when is None:
        return None
    return (f"You are signed in as {user.name} until {when.text}. Signing in again starts "
            f"a new session of {_HOURS} hours; pages open in other tabs carry on in it, "
            "with what you typed in them (without JavaScript, send what you typed in them "
            "first: their forms are out of date once you have signed in again).")


async def session_api(request: Request) -> Response:
    """``/api/session``: whether this browser is signed in, as whom, until when, with the
    session's CSRF token (``session.js`` puts it in the page's forms when the user signed
    in again in another tab: the one in the page is then out of date). Same-origin only, as
    every page that carries the token: the cookie is ``SameSite=Strict`` and no other
    origin may read the answer."""
    user, when = current_user(request), session_time(request)
    if user is None or when is None:
        ended = ended_session(request)
        return JSONResponse({"signed_in": False, "now": clock_of(request),
                             "ended": ended.ends if ended else None})
    return JSONResponse({"signed_in": True, "user": user.name, "role": user.role,
                         "ends": when.ends, "now": when.now,
                         "csrf": csrf_token(request.session)})


async def not_saved(request: Request) -> Response:
    """The answer to a form sent when nobody is signed in (its session ended, or was
    ended): nothing was done; it says so, shows back what the form held (for the forms
    of :data:`~graphintel.web.expiry.KEPT`) and offers to sign in again in a new tab, so
    this page and what it shows stay. With JavaScript the form can be sent again from
    here once signed in again (as the same user)."""
    path = request.url.path
    ended = ended_session(request)
    form: dict[str, Any] = {}
    if path in KEPT:
        form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    what = NOT_DONE.get(path, "it was NOT saved")
    if ended is not None and ended.reason == "timed out":
        when = utc_text(ended.ends, clock_of(request))
        message = f"Your session ended at {when}, before this form was sent: {what}."
    else:
        message = f"You were not signed in when this form was sent: {what}."
    shown = kept(path, form)
    return render(request, "login.html", None, status=401, not_saved=message, kept=shown,
                  resend=resend(path, form) if shown else [], resend_to=path,
                  owner=ended.user if ended else "")


__all__ = ["again_notice", "ended_notice", "not_saved", "session_api"]
