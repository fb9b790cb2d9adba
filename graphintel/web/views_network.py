"""The network view: the interactive chart of a network, of the people around someone or
of the paths between two people; its data, node expansion and exports.

Analysts get the internal profile; partners the partner profile (no expansion, no
profiles, no narratives). The page itself holds no data: ``/api/network`` returns it for
the current selection, filters and expanded people.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from graphintel.charts import FORMATS, Chart
from graphintel.charts.select import ENTITY_TYPES
from graphintel.config import Settings
from graphintel.errors import ConfigError, GraphintelError
from graphintel.redact import graph_redactor
from graphintel.store import Store
from graphintel.web.cache import PageCache
from graphintel.web.common import (
    User,
    audit,
    cache_of,
    call,
    query_params,
    render,
    require,
    settings_of,
    store_of,
)
from graphintel.web.netdata import (
    ViewSpec,
    build_view,
    export_bytes,
    person_uid,
    restrict,
    vis_data,
)
from graphintel.web.selection import latest_run

PROFILE_OF = {"analyst": "internal", "partner": "partner"}


def chart_for(cache: PageCache, store: Store, settings: Settings, spec: ViewSpec,
              profile: str) -> Chart:
    """The chart of ``spec`` in ``profile``, from the cache while the graph is unchanged."""
    return cache.get(store, ("chart", spec, profile),
                     lambda: build_view(cache, store, settings, spec, profile))


def _view_data(cache: PageCache, store: Store, settings: Settings, spec: ViewSpec,
               role: str) -> dict[str, Any]:
    chart = chart_for(cache, store, settings, spec, PROFILE_OF[role])
    data = vis_data(chart, internal=role == "analyst")
    if PROFILE_OF[role] != "partner":
        return data
    return _partner_scrub(cache, store, settings, chart.meta.get("as_of") or None, data)


def _partner_scrub(cache: PageCache, store: Store, settings: Settings, as_of: str | None,
                   data: dict[str, Any]) -> dict[str, Any]:
    """The partner API's JSON with every string, dict keys included, through a partner
    scrub (:func:`~graphintel.redact.graph_redactor`: every child in the graph).

    The chart's report facts are keyed by the refs as the chart's own scrub rewrote them
    (a call-data file may be named after a child's number or name:
    ``07700900111_download.csv``): only the facts of refs the chart's nodes and links
    cite are sent, so no key holds what the chart withheld."""
    shown = {r for item in [*data["nodes"], *data["edges"]] for r in item["gi"]["refs"]}
    data = {**data, "reports": {r: v for r, v in data["reports"].items() if r in shown}}
    run = latest_run(cache, store)
    safeguarded = tuple(sorted(run["run"].get("safeguarded_inferred") or [])) if run else ()
    redactor = cache.get(store, ("partner-scrub", as_of, safeguarded),
                         lambda: graph_redactor(store, settings.home, as_of, safeguarded))
    scrubbed: dict[str, Any] = redactor.scrub_all(data)
    return scrubbed


def _expanded(q: dict[str, str], role: str) -> list[str]:
    if role != "analyst":
        return []
    return [e for e in q.get("expanded", "").split(",") if e]


def _describe(spec: ViewSpec) -> dict[str, Any]:
    return {"kind": spec.kind, "network": spec.network, "subjects": list(spec.subjects),
            "hops": spec.hops, "expanded": list(spec.expanded),
            "filters": spec.filters.describe()}


def _user(request: Request) -> User:
    """Analysts on the internal URLs, partners on the /partner ones; no one on both."""
    partner_url = request.url.path.startswith("/partner/")
    return require(request, "partner" if partner_url else "analyst")


async def network_page(request: Request) -> Response:
    user = _user(request)
    q = query_params(request)
    if user.role != "analyst":
        q = {k: v for k, v in q.items() if k in ("network", "since", "until", "types")}
    spec = ViewSpec.parse(q)
    with audit(request, user, "network view", params=_describe(spec)) as rec:
        rec.records = 0
    return render(request, "network.html", user, q=q, types=ENTITY_TYPES, formats=FORMATS,
                  api="/api/network" if user.role == "analyst" else "/partner/api/network",
                  export="/network/export" if user.role == "analyst"
                  else "/partner/network/export")


async def network_api(request: Request) -> Response:
    return await _network_json(request, _user(request))


async def _network_json(request: Request, user: User) -> Response:
    q = query_params(request)
    if user.role != "analyst":
        q = {k: v for k, v in q.items() if k in ("network", "since", "until", "types")}
    spec = ViewSpec.parse(q, _expanded(q, user.role))
    with audit(request, user, "network data", params=_describe(spec)) as rec:
        data = await call(_view_data, cache_of(request), store_of(request),
                          settings_of(request), spec, user.role)
        rec.records = len(data["nodes"])
    return JSONResponse(data)


async def node_uid_api(request: Request) -> Response:
    """The person uid behind an internal chart node (to expand it or open the profile)."""
    user = require(request, "analyst")
    q = query_params(request)
    with audit(request, user, "node", params={"node": q.get("node", "")}) as rec:
        uid = await call(person_uid, store_of(request), q.get("node", ""), q.get("label", ""))
        rec.records = int(uid is not None)
    return JSONResponse({"uid": uid})


def _export(cache: PageCache, store: Store, settings: Settings, spec: ViewSpec, role: str,
            visible: list[str], fmt: str) -> tuple[str, bytes, list[str]]:
    chart = restrict(chart_for(cache, store, settings, spec, PROFILE_OF[role]), visible)
    return export_bytes(chart, fmt)


async def network_export(request: Request) -> Response:
    """What is on screen (the visible node ids, sent by the page) in one chart format."""
    user = _user(request)
    form = await request.form()
    q = {k: str(v).strip() for k, v in form.items() if isinstance(v, str)}
    fmt = q.get("format", "")
    if user.role != "analyst":
        q = {k: v for k, v in q.items() if k in ("network", "since", "until", "types",
                                                 "visible")}
    try:
        if fmt not in FORMATS:
            raise ConfigError(f"unknown chart format {fmt!r}", "format",
                              f"use one of {', '.join(FORMATS)}")
        try:
            visible = [str(v) for v in json.loads(q.get("visible") or "[]")]
        except ValueError:
            raise ConfigError("the list of entities on screen is not readable", "visible",
                              "reload the page and try again") from None
        spec = ViewSpec.parse(q, _expanded(q, user.role))
    except GraphintelError:  # refused before anything is read: audited all the same
        with audit(request, user, "export", params={"format": fmt,
                                                    "network": q.get("network", "")}):
            raise
    params = {**_describe(spec), "format": fmt, "visible": len(visible)}
    with audit(request, user, "export", params=params) as rec:
        name, data, names = await call(_export, cache_of(request), store_of(request),
                                       settings_of(request), spec, user.role, visible, fmt)
        rec.records = len(names)
        rec.outputs.extend(f"download:{n}" for n in names)
    kind = "application/zip" if name.endswith(".zip") else "application/octet-stream"
    if name.endswith(".html"):
        kind = "text/html; charset=utf-8"
    return Response(data, media_type=kind,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


__all__ = ["chart_for", "network_api", "network_export", "network_page", "node_uid_api"]
