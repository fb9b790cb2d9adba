"""When a workspace session ends, as the pages say it, and what a form sent after the end
shows back.

A session ends :data:`~graphintel.web.security.SESSION_SECONDS` after its login however
busy the user is (an absolute limit, checked by :func:`graphintel.web.common.current_user`).
So that nobody loses what they typed to it:

- every signed-in page says when the session ends (:class:`SessionTime`: a UTC time the
  server writes, which ``static/session.js`` turns into the reader's local time);
- in its last :data:`WARN_SECONDS` a banner says it ends soon (written by the server, so
  it shows without JavaScript too; the script keeps it up to date, says when the session
  has ended, and checks the session before a form is sent);
- a form that arrives after the end is refused like any other (nothing is written), and
  the answer says it was NOT saved and, for the forms in :data:`KEPT`, shows what was
  entered, from the refused request itself: it is stored nowhere, logged nowhere, and
  never put in a URL. Only a request that carried the session's CSRF token gets this far
  (:class:`graphintel.web.app.Guard`), so what is shown back is what this browser sent.

Pure functions: no request, no clock of their own.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

#: The banner shows from this many seconds before the session ends.
WARN_SECONDS = 15 * 60
#: The banner's steps (minutes left): the message changes, and is announced, only at
#: these, not every minute.
WARN_STEPS = (1, 2, 5, 10, 15)

#: The fields a refused form shows back, by the path it was sent to: (field, what the
#: page calls it). Only these, never the token or anything else the request held.
KEPT: dict[str, tuple[tuple[str, str], ...]] = {
    "/meeting/decide": (("label", "Decision on"), ("decision", "Decision"),
                        ("note", "Note"), ("text", "Agreed wording")),
    "/meeting/action": (("id", "Action"), ("status", "Status"), ("owner", "Owner"),
                        ("due", "Due"), ("outcome", "Outcome")),
    "/resolve/decide": (("a", "Record A"), ("b", "Record B"), ("action", "Decision"),
                        ("reason", "Reason")),
}
#: The forms that may be sent again from the "not saved" page (after signing in again),
#: and their fields. A merge is not among them: it is decided again on its own page.
RESEND: dict[str, tuple[str, ...]] = {
    "/meeting/decide": ("run_id", "key", "label", "decision", "note", "text"),
    "/meeting/action": ("id", "status", "owner", "due", "outcome"),
}
#: What a refused form did not do, when "saved" is not the word for it.
NOT_DONE = {"/network/export": "nothing was exported",
            "/partner/network/export": "nothing was exported"}


def utc_text(ts: float, now: float) -> str:
    """``ts`` as the pages write it without JavaScript: "17:00 UTC", with the day when
    it is not ``now``'s ("04:00 UTC on Tue 2 May")."""
    at = datetime.fromtimestamp(ts, UTC)
    text = at.strftime("%H:%M UTC")
    if at.date() != datetime.fromtimestamp(now, UTC).date():
        text += f" on {at:%a} {at.day} {at:%b}"
    return text


def stage(remaining: float) -> str:
    """Which banner shows with ``remaining`` seconds left: "ok" (none), "warn-N" (N
    minutes or fewer left, N one of :data:`WARN_STEPS`) or "ended". ``session.js`` has
    the same steps."""
    if remaining <= 0:
        return "ended"
    if remaining > WARN_SECONDS:
        return "ok"
    minutes = math.ceil(remaining / 60)
    return f"warn-{next(s for s in WARN_STEPS if s >= minutes)}"


@dataclass(frozen=True)
class SessionTime:
    """A session's end (``ends``) as seen at ``now`` (both epoch seconds)."""

    ends: float
    now: float

    @property
    def remaining(self) -> float:
        return self.ends - self.now

    @property
    def stage(self) -> str:
        return stage(self.remaining)

    @property
    def warn(self) -> bool:
        """True in the last :data:`WARN_SECONDS` (the banner shows)."""
        return self.stage.startswith("warn-")

    @property
    def minutes_left(self) -> int:
        return max(0, math.ceil(self.remaining / 60))

    @property
    def iso(self) -> str:
        """The end for ``<time datetime>``."""
        return datetime.fromtimestamp(self.ends, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def text(self) -> str:
        return utc_text(self.ends, self.now)


def kept(path: str, form: Mapping[str, object]) -> list[tuple[str, str]]:
    """What the form sent to ``path`` held, to show back: (label, value) of the fields of
    :data:`KEPT` that were filled in."""
    out = []
    for field, label in KEPT.get(path, ()):
        value = form.get(field)
        if isinstance(value, str) and value.strip():
            out.append((label, value))
    return out


def resend(path: str, form: Mapping[str, object]) -> list[tuple[str, str]]:
    """The fields to send again to ``path`` (empty when it is not a form of
    :data:`RESEND`)."""
    return [(f, v) for f in RESEND.get(path, ()) if isinstance(v := form.get(f), str)]


__all__ = ["KEPT", "NOT_DONE", "RESEND", "WARN_SECONDS", "WARN_STEPS", "SessionTime", "kept",
           "resend", "stage", "utc_text"]
