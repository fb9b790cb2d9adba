"""Likely duplicates (entity resolution) for analysts: the candidates that
:func:`graphintel.resolve.find_candidates` proposes, merged or rejected through
:func:`graphintel.resolve.merge` and :func:`graphintel.resolve.reject` as ``graphintel
resolve merge|reject`` do, with the workspace user recorded as the one who decided."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from graphintel.errors import ConfigError
from graphintel.resolve import find_candidates, merge, reject
from graphintel.resolve.candidates import KINDS, Search, run_subjects
from graphintel.resolve.conflicts import MergeConflicts
from graphintel.store import Store
from graphintel.web.common import audit, call, query_params, render, require, store_of

LIMIT = 50
MIN_SCORE = 0.5


def _candidates(store: Store, kind: str) -> tuple[Search, set[str]]:
    """The pairs of ``kind``, those with a person the latest analysis run puts to the
    meeting (a candidate target, a child or victim at risk) first: the pairs the agenda
    asks to resolve, which by score alone could fall past the page's limit."""
    first = run_subjects(store) if kind == "person" else set()
    return find_candidates(store, kind, min_score=MIN_SCORE, limit=LIMIT, first=first), first


async def resolve_page(request: Request) -> Response:
    user = require(request, "analyst")
    kind = query_params(request).get("kind") or "person"
    if kind not in KINDS:
        raise ConfigError(f"unknown candidate kind {kind!r}", "kind",
                          f"use one of {', '.join(KINDS)}")
    with audit(request, user, "resolve candidates", params={"kind": kind}) as rec:
        found, first = await call(_candidates, store_of(request), kind)
        rec.records = len(found.candidates)
    return render(request, "resolve.html", user, kind=kind, kinds=KINDS,
                  candidates=found.candidates, stats=found.stats,
                  on_agenda={(c.a, c.b) for c in found.candidates if {c.a, c.b} & first},
                  done=request.query_params.get("done"))


async def resolve_decide(request: Request) -> Response:
    user = require(request, "analyst")
    form = await request.form()
    f = {k: str(v).strip() for k, v in form.items() if isinstance(v, str)}
    action, a, b = f.get("action", ""), f.get("a", ""), f.get("b", "")
    if action not in ("merge", "merge-keep-a", "reject"):
        with audit(request, user, "resolve", params={"action": action, "a": a, "b": b}):
            raise ConfigError(f"unknown decision {action!r}", "action", "merge or reject")
    if action == "merge-keep-a":  # the analyst keeps A (its name, its uid): B joins it
        a, b, action = b, a, "merge"
    who = f"web:{user.name}"
    # A merge the library refuses for conflicts shows them on the error page; it goes
    # ahead only when the form carries the analyst's explicit confirmation: a ticked
    # 'despite' box whose value names the conflicts accepted (e.g. "dob,child_adult").
    despite = [x for x in form.getlist("despite") if isinstance(x, str) and x.strip()]
    params = {"a": a, "b": b, "reason": f.get("reason", ""), "despite": despite}
    with audit(request, user, f"resolve {action}", params=params) as rec:
        if action == "merge":
            try:
                merged = await call(merge, store_of(request), a, b,
                                    reason=f.get("reason", ""), user=who,
                                    despite=despite or None)
            except MergeConflicts as refused:
                rec.details.update(refused=[str(c) for c in refused.conflicts])
                return render(request, "resolve_confirm.html", user, a=a, b=b,
                              reason=f.get("reason", ""), kind=f.get("kind") or "person",
                              conflicts=[str(c) for c in refused.conflicts],
                              codes=",".join(dict.fromkeys(c.code for c in refused.conflicts)),
                              status=409)
            decision = merged.id
        else:
            rejected = await call(reject, store_of(request), a, b,
                                  reason=f.get("reason") or None, user=who)
            decision = rejected.id
        rec.records = 1
        rec.details.update(decision=decision)
    kind = quote(f.get("kind") or "person")
    return RedirectResponse(f"/resolve?kind={kind}&done={quote(decision)}", status_code=303)


__all__ = ["resolve_decide", "resolve_page"]
