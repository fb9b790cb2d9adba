"""The meeting view (chairs and analysts) and the partner pages.

The meeting view shows the current agenda's proposals (built by
:func:`graphintel.agenda.build_agenda` from the latest analysis run): the networks with
their candidate targets and reasons, the children linked, the proposed and carried-over
actions and the safeguarding list. The chair accepts or rejects each target and proposed
action (kept by :mod:`graphintel.agenda.decisions`, which the written agenda applies) and
updates carried-over actions through
:func:`graphintel.agenda.actions.update_action`, as ``graphintel actions update`` does.

Partners see only partner-profile outputs: the partner agenda and partner network charts.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from graphintel.agenda import Agenda, AgendaSource, build_agenda, read_source, write_built
from graphintel.agenda.actions import update_action
from graphintel.agenda.decisions import decisions_path, meeting_decisions, record_decision
from graphintel.agenda.wording_check import check_wording
from graphintel.config import Settings
from graphintel.errors import NotFound
from graphintel.store import Store
from graphintel.web.cache import PageCache
from graphintel.web.common import audit, cache_of, call, render, require, settings_of, store_of
from graphintel.web.selection import latest_run

AGENDA_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; " \
             "frame-ancestors 'none'"


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


def _decided_version(settings: Settings) -> int:
    """Changes whenever a decision is recorded (the agenda applies them)."""
    try:
        return decisions_path(settings).stat().st_mtime_ns
    except OSError:
        return 0


def source_for(cache: PageCache, store: Store) -> AgendaSource:
    """What today's agendas of the latest run read from the graph, read once per graph
    state: a decision recorded or the other profile asked for composes from it again
    without reading (:mod:`graphintel.agenda.source`)."""
    today = _today()
    return cache.get(store, ("agenda-source", today),
                     lambda: read_source(store, date=today))


def agenda_for(cache: PageCache, store: Store, settings: Settings) -> Agenda:
    """Today's internal agenda of the latest run, from the cache while nothing changed."""
    return cache.get(store, ("agenda", "internal", _today(), _decided_version(settings)),
                     lambda: build_agenda(store, settings, profile="internal",
                                          source=source_for(cache, store)))


def _meeting(cache: PageCache, store: Store, settings: Settings) -> dict[str, Any]:
    agenda = agenda_for(cache, store, settings)
    decided = meeting_decisions(store, settings, agenda.header.run_id, agenda.header.date)
    return {"agenda": agenda, "decided": decided}


async def meeting_page(request: Request) -> Response:
    user = require(request, "chair", "analyst")
    with audit(request, user, "meeting") as rec:
        data = await call(_meeting, cache_of(request), store_of(request),
                          settings_of(request))
        rec.records = sum(len(n.targets) for n in data["agenda"].networks)
        rec.details["run_id"] = data["agenda"].header.run_id
    agenda = data["agenda"]
    return render(request, "meeting.html", user, a=agenda, decided=data["decided"],
                  saved=request.query_params.get("saved"), plan_of=_plans(agenda))


def _plans(agenda: Agenda) -> dict[str, Any]:
    """Target key -> the target, for the targets whose disruption plan is a proposed
    action: the two are one decision, taken once, on the target's row."""
    actions = {x.key for x in [*agenda.actions, *agenda.declined] if x.key}
    return {t.key: t for n in agenda.networks for t in n.targets if t.key in actions}


def _proposal_keys(agenda: Agenda) -> set[str]:
    """The keys of what the agenda asks the meeting to decide: its targets and actions."""
    keys = {t.key for n in agenda.networks for t in n.targets if t.key}
    return keys | {x.key for x in [*agenda.actions, *agenda.declined] if x.key}


def _check_proposal(cache: PageCache, store: Store, settings: Settings, run_id: str,
                    key: str) -> None:
    """Refuse a decision on anything but a proposal of today's agenda of the latest run."""
    agenda = agenda_for(cache, store, settings)
    if run_id != agenda.header.run_id or key not in _proposal_keys(agenda):
        raise NotFound(f"today's agenda (analysis run {agenda.header.run_id}) has no "
                       f"proposal {key!r} of run {run_id!r}", "the meeting page",
                       "open the meeting page again and decide there")


async def meeting_decide(request: Request) -> Response:
    user = require(request, "chair", "analyst")
    form = await request.form()
    f = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    # audited here as well as by record_decision: a decision refused (not on today's
    # agenda, an unknown decision) leaves a line too
    params = {"run_id": f.get("run_id", ""), "key": f.get("key", ""),
              "decision": f.get("decision", "")}
    with audit(request, user, "decide", params=params) as rec:
        await call(_check_proposal, cache_of(request), store_of(request),
                   settings_of(request), f.get("run_id", ""), f.get("key", "").strip())
        if f.get("text", "").strip():
            await call(check_wording, store_of(request), settings_of(request),
                       f.get("run_id", ""), f.get("key", "").strip(), f.get("text", ""),
                       where="the agreed wording")
        await call(record_decision, settings_of(request), run_id=f.get("run_id", ""),
                   key=f.get("key", ""), label=f.get("label", ""),
                   decision=f.get("decision", ""), note=f.get("note", ""),
                   text=f.get("text", ""), user=user.name, role=user.role)
        rec.records = 1
    # to the "Decision recorded" status, which says what was recorded (focus goes there)
    saved = quote(f.get("key", ""), safe="")
    return RedirectResponse(f"/meeting?saved={saved}#saved", status_code=303)


async def action_update(request: Request) -> Response:
    user = require(request, "chair", "analyst")
    form = await request.form()
    f = {k: str(v).strip() for k, v in form.items() if isinstance(v, str)}
    with audit(request, user, "action update", params={"id": f.get("id", "")}) as rec:
        await call(update_action, store_of(request), settings_of(request), f.get("id", ""),
                   owner=f.get("owner") or None, agency=f.get("agency") or None,
                   due=f.get("due") or None, status=f.get("status") or None,
                   outcome=f.get("outcome") or None)
        rec.records = 1
    return RedirectResponse("/meeting#carried", status_code=303)


def agenda_html_for(cache: PageCache, store: Store, settings: Settings, profile: str
                 ) -> tuple[str, list[str]]:
    return cache.get(store, ("agenda-html", profile, _today(), _decided_version(settings)),
                     lambda: _write_agenda_html(cache, store, settings, profile))


def _write_agenda_html(cache: PageCache, store: Store, settings: Settings, profile: str
                       ) -> tuple[str, list[str]]:
    """The written agenda as a draft: viewing it records no meeting in the graph (the
    agenda written for the meeting with ``graphintel agenda`` does). The internal one is
    the meeting view's agenda, written; the partner one is composed from the same facts."""
    source = source_for(cache, store)
    if profile == "internal":
        agenda = agenda_for(cache, store, settings)
    else:
        agenda = build_agenda(store, settings, profile=profile, source=source)
    with tempfile.TemporaryDirectory(prefix="graphintel-agenda-") as tmp:
        paths = write_built(agenda, formats=["html"], out_dir=Path(tmp),
                            drawn=source.pictures)
        page = next(p for p in paths if p.suffix == ".html")
        return page.read_text(encoding="utf-8"), [p.name for p in paths]


async def _agenda_response(request: Request, profile: str, roles: tuple[str, ...]) -> Response:
    user = require(request, *roles)
    with audit(request, user, "agenda", params={"profile": profile}) as rec:
        html, names = await call(agenda_html_for, cache_of(request), store_of(request),
                                 settings_of(request), profile)
        rec.records = len(names)
        rec.outputs.extend(f"download:{n}" for n in names)
    return HTMLResponse(html, headers={"Content-Security-Policy": AGENDA_CSP})


async def agenda_internal(request: Request) -> Response:
    return await _agenda_response(request, "internal", ("chair", "analyst"))


async def agenda_partner(request: Request) -> Response:
    return await _agenda_response(request, "partner", ("partner", "chair", "analyst"))


def _networks(cache: PageCache, store: Store) -> list[dict[str, Any]]:
    run = latest_run(cache, store)
    if run is None:
        raise NotFound("no analysis run in the graph yet, so no networks",
                       fix="ask the analysts to run 'graphintel analyse'")
    return [{"id": int(c["id"]), "size": len(c["members"])}
            for c in sorted(run.get("communities", []), key=lambda c: int(c["id"]))]


async def partner_home(request: Request) -> Response:
    user = require(request, "partner")
    with audit(request, user, "view") as rec:
        networks = await call(_networks, cache_of(request), store_of(request))
        rec.records = len(networks)
    return render(request, "partner.html", user, networks=networks)


__all__ = ["action_update", "agenda_for", "agenda_html_for", "agenda_internal",
           "agenda_partner", "meeting_decide", "meeting_page", "partner_home", "source_for"]
