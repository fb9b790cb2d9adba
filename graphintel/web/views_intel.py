"""Analyst pages: search, a person's profile, a report, the paths between two people."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from graphintel.config import Settings
from graphintel.errors import NotFound
from graphintel.evidence_paths import (
    DEFAULT_HUB_PEOPLE,
    DEFAULT_MAX_PATHS,
    DEFAULT_PATH_LINKS,
    MAX_PATH_LINKS,
    MAX_PATHS_SHOWN,
    EvidencePaths,
    path,
)
from graphintel.profile import profile as person_profile
from graphintel.profile import trend_text
from graphintel.queries import search
from graphintel.resolve.records import merged_into
from graphintel.search import entity_search
from graphintel.store import Store
from graphintel.subjects import resolve_person
from graphintel.web.common import audit, call, query_params, render, require, settings_of, store_of

ENTITY_LIMIT = 20
SEARCH_LIMIT = 20


def _search(store: Store, settings: Settings, text: str) -> dict[str, Any]:
    hits = search(store, text, SEARCH_LIMIT, max_terms=settings.search_max_terms,
                  max_chars=settings.search_max_chars)
    return {"people": [h for h in hits if h["kind"] == "person"],
            "reports": [h for h in hits if h["kind"] == "report"],
            "entities": entity_search(store, text, ENTITY_LIMIT)}


async def home(request: Request) -> Response:
    user = require(request, "analyst")
    with audit(request, user, "view") as rec:
        rec.records = 0
    return render(request, "home.html", user)


async def search_page(request: Request) -> Response:
    user = require(request, "analyst")
    text = query_params(request).get("q", "")
    if not text:
        return render(request, "home.html", user)
    settings = settings_of(request)
    shown = text[:settings.search_max_chars]
    with audit(request, user, "search", params={"text": shown}) as rec:
        found = await call(_search, store_of(request), settings, text)
        rec.records = sum(len(v) for v in found.values())
    return render(request, "search.html", user, q=text, **found)


_SECTIONS = ("phones", "vehicles", "addresses", "places_seen", "accounts")


def timeline(p: dict[str, Any]) -> list[dict[str, Any]]:
    """The dated facts of a profile, newest first: role assessments with their report,
    missing episodes, and when each phone, vehicle, place or account link was first seen."""
    out: list[dict[str, Any]] = []
    for role in p.get("roles", []):
        for r in role["reports"]:
            out.append({"date": str(r["date"] or "")[:10], "what": f"assessed as {role['role']}",
                        "refs": [r["ref"]]})
    for e in p.get("missing_episodes", []):
        out.append({"date": str(e["start"] or "")[:10], "what": "missing episode",
                    "refs": list(e.get("refs") or [])})
    for section in _SECTIONS:
        for e in p.get(section, []):
            if e.get("first_seen"):
                out.append({"date": str(e["first_seen"])[:10],
                            "what": f"{str(e['link']).lower().replace('_', ' ')} {e['name']}",
                            "refs": list(e.get("refs") or [])[:5]})
    return sorted((t for t in out if t["date"]), key=lambda t: (t["date"], t["what"]),
                  reverse=True)


async def profile_page(request: Request) -> Response:
    user = require(request, "analyst")
    uid = request.path_params["uid"]
    with audit(request, user, "profile", params={"uid": uid}) as rec:
        try:
            p = await call(person_profile, store_of(request), uid)
        except NotFound:
            # a record merged away: its links and reports are on the record it joined
            kept = await call(merged_into, store_of(request), uid)
            if kept is None:
                raise
            rec.details["merged_into"] = kept
            return RedirectResponse(f"/person/{quote(kept, safe='')}?merged={quote(uid)}",
                                    status_code=303)
        rec.records = 1
    return render(request, "profile.html", user, p=p, trend=trend_text(p["rank_trend"]),
                  timeline=timeline(p), merged=request.query_params.get("merged"))


def _reports(store: Store, refs: list[str]) -> list[dict[str, Any]]:
    return store.read("web_report_details", refs=refs)


async def report_page(request: Request) -> Response:
    user = require(request, "analyst")
    ref = request.path_params["ref"]
    with audit(request, user, "report", params={"ref": ref}) as rec:
        rows = await call(_reports, store_of(request), [ref])
        if not rows:
            raise NotFound(f"no report {ref!r}", fix="search for it by its words")
        rec.records = 1
    return render(request, "report.html", user, r=rows[0])


def _paths(store: Store, a: str, b: str, hops: int, max_paths: int = DEFAULT_MAX_PATHS,
           hub_people: int = DEFAULT_HUB_PEOPLE) -> dict[str, Any]:
    a_uid, b_uid = resolve_person(store, a), resolve_person(store, b)
    found = path(store, a_uid, b_uid, hops, max_paths=max_paths, hub_people=hub_people)
    refs = sorted({r for ep in found.paths for rel in ep.rels for r in (rel.get("refs") or [])})
    reports = {r["ref"]: r for r in _reports(store, refs)} if refs else {}
    return {"a_uid": a_uid, "b_uid": b_uid, "paths": found.paths, "found": found,
            "counts": _counts(found), "more": min(found.routes, MAX_PATHS_SHOWN),
            "reports": reports}


def _counts(found: EvidencePaths) -> str:
    """``12 shortest paths (3 links each); showing 10, 2 not shown.``"""
    each = "" if found.routes == 1 else " each"
    links = f"{found.links} link" + ("" if found.links == 1 else "s")
    if found.routes_capped:
        text = (f"At least {found.routes:,} shortest paths ({links} each; counting stops at "
                f"{found.count_cap:,})")
    else:
        text = f"{found.routes:,} shortest path{'' if found.routes == 1 else 's'} ({links}{each})"
    if found.cut_by_max_paths:
        floor = "at least " if found.routes_capped else ""
        return f"{text}; showing {found.shown:,}, {floor}{found.cut_by_max_paths:,} not shown."
    return f"{text}; showing {'all ' if found.routes > 1 else ''}{found.shown:,}."


def _bounded(text: str | None, default: int, top: int) -> int:
    try:
        return min(top, max(1, int(text or default)))
    except ValueError:
        return default


async def paths_page(request: Request) -> Response:
    user = require(request, "analyst")
    q = query_params(request)
    a, b = q.get("a", ""), q.get("b", "")
    hops = _bounded(q.get("hops"), DEFAULT_PATH_LINKS, MAX_PATH_LINKS)
    shown = _bounded(q.get("max"), DEFAULT_MAX_PATHS, MAX_PATHS_SHOWN)
    if not a or not b:
        with audit(request, user, "view") as rec:
            rec.records = 0
        return render(request, "paths.html", user, a=a, b=b, hops=hops, result=None)
    with audit(request, user, "paths",
               params={"a": a, "b": b, "hops": hops, "max": shown}) as rec:
        result = await call(_paths, store_of(request), a, b, hops, shown,
                            settings_of(request).hub_people)
        rec.records = len(result["paths"])
        rec.details["resolved"] = {"a": result["a_uid"], "b": result["b_uid"]}
        rec.details["routes"] = result["found"].routes
    return render(request, "paths.html", user, a=a, b=b, hops=hops, result=result)


async def reports_api(request: Request) -> Response:
    """Report details (with narratives) for the network view's link panel; analysts only."""
    from starlette.responses import JSONResponse

    user = require(request, "analyst")
    refs = [r for r in query_params(request).get("refs", "").split(",") if r][:50]
    with audit(request, user, "reports", params={"refs": refs}) as rec:
        rows = await call(_reports, store_of(request), refs) if refs else []
        rec.records = len(rows)
    return JSONResponse({"reports": [{**r, "date": str(r["date"] or "")} for r in rows]})


__all__ = ["home", "timeline", "paths_page", "profile_page", "report_page",
           "reports_api", "search_page"]
