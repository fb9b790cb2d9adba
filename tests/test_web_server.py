"""The workspace over HTTP, against the real server and the real Neo4j with the bundled
sample: accounts, login, roles, CSRF, the partner allow-list, search and the audit log."""

from __future__ import annotations

import html
import json
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import httpx
import pytest
from typer.testing import CliRunner

from graphintel.agenda.decisions import decisions_for
from graphintel.audit import read_audit
from graphintel.charts import FORMATS
from graphintel.config import Settings
from graphintel.errors import ConfigError
from graphintel.redact import age_on
from graphintel.resolve.candidates import run_subjects
from graphintel.store import Store
from graphintel.web.accounts import accounts_path, authenticate, list_users
from graphintel.web.security import LoginLimiter
from graphintel.web.server import check_serve
from tests.test_web_helpers import PASSWORDS, sample_served

INTERNAL = ["/", "/search?q=kebab", "/paths", "/network", "/api/network", "/resolve",
            "/api/reports?refs=IR/2023/000115", "/api/node?node=Person:ref:N0926774",
            "/report/IR/2023/000115", "/person/Person:ref:N0926774"]


@pytest.fixture(scope="module")
def world(session_store: Store, settings: Settings,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    with sample_served(session_store, settings, tmp_path_factory.mktemp("webhome")) as world:
        yield world


def children(result: dict[str, Any]) -> list[dict[str, Any]]:
    as_of = result["run"]["as_of"]
    people = {m["uid"]: m for c in result["communities"] for m in c["members"]}
    return [p for p in people.values() if "victim" in (p.get("roles") or [])
            or ((age := age_on(p.get("dob"), as_of)) is not None and age < 18)]


def client(world: dict[str, Any], user: str | None = None) -> httpx.Client:
    c = httpx.Client(base_url=world["base"], follow_redirects=False, timeout=120)
    if user is not None:
        r = login(c, user, PASSWORDS[user])
        assert r.status_code == 303, r.text
    return c


def token(c: httpx.Client, page: str = "/login") -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', c.get(page).text)
    assert found, f"no CSRF token on {page}"
    return found.group(1)


def login(c: httpx.Client, user: str, password: str) -> httpx.Response:
    return c.post("/login", data={"username": user, "password": password, "csrf": token(c)})


def test_accounts_are_hashed_in_a_private_file(world: dict[str, Any]) -> None:
    web = world["settings"]
    path = accounts_path(web)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    text = path.read_text()
    for password in PASSWORDS.values():
        assert password not in text
    assert text.count("$argon2id$") == 3
    assert [(u.name, u.role) for u in list_users(web)] == [
        ("ana", "analyst"), ("chris", "chair"), ("pat", "partner")]
    assert authenticate(web, "ana", PASSWORDS["ana"]) is not None
    assert authenticate(web, "ana", PASSWORDS["chris"]) is None
    assert authenticate(web, "nobody", PASSWORDS["ana"]) is None


def test_users_command_never_prints_the_password(world: dict[str, Any], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from graphintel.cli.users_cmd import users_app

    monkeypatch.setenv("GRAPHINTEL_HOME", str(tmp_path))
    monkeypatch.setenv("GRAPHINTEL_WEB_PASSWORD", "a-long-secret-9")
    out = CliRunner().invoke(users_app, ["add", "dana", "--role", "chair"])
    assert out.exit_code == 0, out.output
    assert "added dana (chair)" in out.output and "a-long-secret-9" not in out.output
    listed = CliRunner().invoke(users_app, ["list"])
    assert re.search(r"dana\s+chair", listed.output)
    bad = CliRunner().invoke(users_app, ["add", "eve", "--role", "boss"])
    assert bad.exit_code != 0
    audit_text = (tmp_path / "audit" / "audit.jsonl").read_text()
    assert "users add" in audit_text and "a-long-secret-9" not in audit_text


def test_serve_refuses_without_accounts_and_off_loopback(world: dict[str, Any],
                                                         tmp_path: Path) -> None:
    from dataclasses import replace

    with pytest.raises(ConfigError, match="no workspace accounts"):
        check_serve(replace(world["settings"], home=tmp_path), "127.0.0.1", 8765,
                    allow_remote=False)
    with pytest.raises(ConfigError, match="not a loopback address"):
        check_serve(world["settings"], "0.0.0.0", 8765, allow_remote=False)
    check_serve(world["settings"], "127.0.0.1", 8765, allow_remote=False)


def test_serve_command_prints_its_url_and_serves(world: dict[str, Any], settings: Settings,
                                                 tmp_path: Path) -> None:
    """The real command in its own process: users add, serve, log in, Ctrl-C."""
    import os
    import signal
    import subprocess
    import sys

    from graphintel import local_neo4j
    from graphintel.web.server import free_port

    if settings.uses_local_neo4j:
        uri, secret = local_neo4j.status(settings).uri, local_neo4j.read_password(settings)
    else:
        uri, secret = settings.neo4j_uri, settings.neo4j_password or ""
    env = {**os.environ, "GRAPHINTEL_HOME": str(tmp_path), "NEO4J_URI": str(uri),
           "NEO4J_PASSWORD": secret, "GRAPHINTEL_WEB_PASSWORD": "zoe-password-42"}
    script = ("import typer\n"
              "from graphintel.cli.serve_cmd import serve\n"
              "from graphintel.cli.users_cmd import users_app\n"
              "app = typer.Typer()\napp.command('serve')(serve)\n"
              "app.add_typer(users_app, name='users')\napp()\n")
    added = subprocess.run([sys.executable, "-c", script, "users", "add", "zoe", "--role",
                            "analyst"], env=env, capture_output=True, text=True, timeout=120)
    assert added.returncode == 0, added.stderr
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", script, "serve", "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert url == f"http://127.0.0.1:{port}/"
        c = httpx.Client(base_url=url, timeout=60)
        for _ in range(100):  # the URL is printed just before the server listens
            try:
                tok = token(c)
                break
            except httpx.ConnectError:
                import time
                time.sleep(0.1)
        r = c.post("/login", data={"username": "zoe", "password": "zoe-password-42",
                                   "csrf": tok})
        assert r.status_code == 303 and r.headers["location"] == "/"
        assert c.get("/search", params={"q": "kebab"}).status_code == 200
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    text = added.stdout + added.stderr + out + err
    assert "zoe-password-42" not in text and secret not in text
    logs = "".join(p.read_text() for p in tmp_path.rglob("*.jsonl"))
    assert '"command": "serve"' in logs and '"command": "web search"' in logs
    assert '"command": "web warm-up"' in logs
    assert "zoe-password-42" not in logs and secret not in logs


def test_wrong_password_is_refused_and_audited_without_it(world: dict[str, Any]) -> None:
    c = client(world)
    r = login(c, "ana", "not-the-password-77")
    assert r.status_code == 401 and "Wrong user name or password" in r.text
    assert c.get("/", follow_redirects=False).status_code == 303  # still logged out
    entries = [e for e in read_audit(world["settings"]) if e["command"] == "web login"]
    assert entries[-1]["details"]["outcome"] == "failed"
    logs = "".join(p.read_text(errors="replace") for p in world["settings"].home.rglob("*")
                   if p.is_file())
    assert "not-the-password-77" not in logs
    for password in PASSWORDS.values():
        assert password not in logs


def test_a_password_typed_as_the_user_name_is_never_in_the_audit(
        world: dict[str, Any]) -> None:
    """People type their password into the user name box: a name that is no account is
    kept as a keyed digest, the same for the same text; a real account's name as typed."""
    c = client(world)
    for _ in range(2):
        assert login(c, "Tr0ub4dor-Case8", "whatever-1").status_code == 401
    assert login(c, "ana", "not-the-password-78").status_code == 401
    entries = [e for e in read_audit(world["settings"]) if e["command"] == "web login"][-3:]
    typed = [e["details"]["web_user"] for e in entries]
    assert typed[0] == typed[1] and typed[0].startswith("(no such user; typed text ")
    assert typed[2] == "ana"
    logs = "".join(p.read_text(errors="replace") for p in world["settings"].home.rglob("*")
                   if p.is_file())
    assert "Tr0ub4dor" not in logs
    world["app"].state.limiter = LoginLimiter()


def test_login_is_rate_limited(world: dict[str, Any]) -> None:
    world["app"].state.limiter = LoginLimiter()
    c = client(world)
    for _ in range(5):
        assert login(c, "chris", "wrong-password-00").status_code == 401
    r = login(c, "chris", PASSWORDS["chris"])
    assert r.status_code == 429 and "Too many failed logins" in r.text
    assert [e for e in read_audit(world["settings"]) if e["command"] == "web login"
            ][-1]["details"]["outcome"] == "blocked"
    world["app"].state.limiter = LoginLimiter()  # the other tests log in from here too
    assert login(c, "chris", PASSWORDS["chris"]).status_code == 303
    # failures count per user name and per address
    limiter = LoginLimiter(max_failures=2)
    limiter.failed("a", "1.1.1.1")
    limiter.failed("a", "2.2.2.2")
    assert limiter.blocked("a", "3.3.3.3") and not limiter.blocked("b", "3.3.3.3")


def _audit_since(world: dict[str, Any], seen: int) -> list[dict[str, Any]]:
    return read_audit(world["settings"])[seen:]


def test_post_without_csrf_token_is_refused(world: dict[str, Any]) -> None:
    c = client(world, "ana")
    run_id = world["result"]["run"]["id"]
    key = f"target|{world['result']['targets'][0]['uid']}"
    data = {"run_id": run_id, "key": key, "label": "X", "decision": "accepted"}
    seen = len(read_audit(world["settings"]))
    assert c.post("/meeting/decide", data=data).status_code == 403
    assert c.post("/meeting/decide", data={**data, "csrf": "forged"}).status_code == 403
    # each refusal leaves a trace: the page, the session's user, and why
    refusals = [e for e in _audit_since(world, seen) if e["command"] == "web refused"]
    assert [(e["details"]["web_user"], e["details"]["reason"]) for e in refusals] == [
        ("ana", "security token missing"), ("ana", "security token out of date or wrong")]
    assert all(e["details"]["status"] == 403 and e["query"] == "/meeting/decide"
               for e in refusals)
    other = client(world, "chris")  # a token from another session is no good either
    assert c.post("/meeting/decide", data={**data, "csrf": token(other, "/meeting")}
                  ).status_code == 403
    assert c.post("/logout").status_code == 403
    assert key not in decisions_for(world["settings"], run_id)
    # a key or a run the agenda does not hold is refused, nothing recorded
    for bad in ({"key": "target|Person:nd:made up|2000-01-01"}, {"run_id": "run-bogus"}):
        seen = len(read_audit(world["settings"]))
        refused = c.post("/meeting/decide", data={**data, **bad, "csrf": token(c, "/paths")})
        assert refused.status_code == 404 and "has no proposal" in refused.text
        ended = [e for e in _audit_since(world, seen) if e["command"] == "web decide"]
        assert len(ended) == 1 and ended[0]["status"] == "error", ended
        assert "has no proposal" in ended[0]["error"]
        assert ended[0]["params"]["key"] == data.get("key") if "key" not in bad \
            else ended[0]["params"]["key"] == bad["key"]
    assert decisions_for(world["settings"], "run-bogus") == {}
    assert "target|Person:nd:made up|2000-01-01" not in decisions_for(world["settings"], run_id)
    good = c.post("/meeting/decide", data={**data, "csrf": token(c, "/paths")})
    assert good.status_code == 303
    entry = decisions_for(world["settings"], run_id)[key]
    assert (entry["by"], entry["role"]) == ("ana", "analyst")
    fresh = httpx.Client(base_url=world["base"])
    assert fresh.post("/login", data={"username": "ana", "password": PASSWORDS["ana"]}
                      ).status_code == 403


def test_meeting_view_says_which_targets_may_be_one_person(world: dict[str, Any]) -> None:
    """The sample records Jordan QUINN twice (a misspelt name, the same date of birth,
    phone and home): both are candidate targets, and the chair is told so beside them."""
    page = client(world, "chris").get("/meeting").text
    ranks = {t["name"]: t["rank"] for t in world["result"]["targets"]}
    network = next(s for s in page.split('<section class="network"')[1:] if "Jordan QUNIN" in s)
    assert ('<p class="flag possibly-same">Possibly one person recorded twice: '
            f"Jordan QUINN (rank {ranks['Jordan QUINN']}) and Jordan QUNIN "
            f"(rank {ranks['Jordan QUNIN']}).") in network
    assert page.count("possibly-same") == 1


def test_roles_reach_only_their_pages(world: dict[str, Any]) -> None:
    anonymous = client(world)
    assert anonymous.get("/").headers["location"] == "/login"
    assert anonymous.get("/api/network").status_code == 401
    partner, chair, analyst = client(world, "pat"), client(world, "chris"), client(world, "ana")
    for url in [*INTERNAL[1:], "/meeting", "/meeting/agenda"]:
        assert partner.get(url).status_code == 403, url
    for url in INTERNAL[1:]:
        assert chair.get(url).status_code == 403, url
    # "/" takes a partner or chair to the first page their role may open
    assert partner.get("/").headers["location"] == "/partner"
    assert chair.get("/").headers["location"] == "/meeting"
    assert chair.get("/partner").status_code == 403
    assert analyst.get("/partner").status_code == 403
    assert chair.get("/meeting").status_code == 200
    assert partner.get("/partner").status_code == 200
    refused = [e for e in read_audit(world["settings"]) if e["command"] == "web refused"]
    assert {e["details"]["web_user"] for e in refused} >= {"pat", "chris"}
    r = analyst.get("/search?q=kebab")
    assert r.status_code == 200
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"


def test_partner_never_sees_a_childs_name_or_date_of_birth(world: dict[str, Any]) -> None:
    kids = children(world["result"])
    assert len(kids) >= 5
    partner = client(world, "pat")
    networks = [int(c["id"]) for c in world["result"]["communities"]]
    pages = [partner.get("/partner").text, partner.get("/partner/agenda").text]
    for n in networks[:6]:
        r = partner.get(f"/partner/api/network?network={n}")
        if r.status_code == 200:
            pages.append(r.text)
            data = r.json()
            assert data["meta"]["profile"] == "partner"
            assert all(not node["gi"]["dob"] for node in data["nodes"])
    # an internal view through the partner URL is still the partner profile
    pages.append(partner.get("/partner/api/network?around=Person:ref:N0926774&hops=3").text)
    tok = token(partner, "/partner")
    first = partner.get(f"/partner/api/network?network={networks[0]}").json()
    for fmt in FORMATS:
        r = partner.post("/partner/network/export", data={
            "csrf": tok, "format": fmt, "network": str(networks[0]),
            "visible": json.dumps([n["id"] for n in first["nodes"]])})
        assert r.status_code == 200, (fmt, r.text[:300])
        pages.append(r.content.decode("utf-8", "replace") if fmt != "csv" else
                     _unzip(r.content))
    r = partner.post("/partner/network/export", data={"csrf": tok, "format": "exe",
                                                      "network": str(networks[0])})
    assert r.status_code == 400 and "unknown chart format" in r.text
    entry = [e for e in read_audit(world["settings"]) if e["command"] == "web export"][-1]
    assert (entry["status"], entry["params"]["format"], entry["details"]["web_user"]) == \
        ("error", "exe", "pat")
    text = "\n".join(pages).lower()
    assert "child-" in text or "victim-" in text  # pseudonyms are there instead
    for kid in kids:
        assert kid["name"].lower() not in text, kid["name"]
        if kid.get("dob"):
            assert kid["dob"] not in text, kid["dob"]


def _unzip(data: bytes) -> str:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return "\n".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist())


def test_search_finds_people_phones_vehicles_places_and_reports(world: dict[str, Any]) -> None:
    c = client(world, "ana")
    r = c.get("/search", params={"q": "07700 900120"})  # national format, normalised
    assert "+447700900120" in r.text and "Tracey CAMPBELL" in r.text
    r = c.get("/search", params={"q": "cu51 boe"})
    assert "CU51BOE" in r.text
    r = c.get("/search", params={"q": "bs4 7by"})
    assert "Best Kebab &amp; Pizza" in r.text
    r = c.get("/search", params={"q": "Tracey Campbell"})
    assert 'href="/person/Person%3And%3Atracey%20campbell%7C2004-08-17"' in r.text
    r = c.get("/search", params={"q": "cannabis"})
    assert "IR/2023/000115" in r.text
    entry = [e for e in read_audit(world["settings"]) if e["command"] == "web search"][-1]
    assert entry["details"]["web_user"] == "ana" and entry["params"]["text"] == "cannabis"
    assert entry["status"] == "ok" and entry["records"] >= 1


def test_profile_paths_and_errors(world: dict[str, Any]) -> None:
    c = client(world, "ana")
    r = c.get("/person/Person:nd:tracey campbell|2004-08-17")
    assert r.status_code == 200
    for section in ("identity", "roles", "children", "missing", "links", "phones",
                    "safeguarding", "timeline"):
        assert f'id="{section}"' in r.text
    assert "2004-08-17" in r.text and "Leah EVANS" in r.text
    leah = c.get("/person/Person:nd:leah evans|2010-10-21").text
    timeline = leah.split('id="timeline"')[1].split("</section>")[0]
    assert "missing episode" in timeline and "assessed as victim" in timeline
    assert "safeguarded" in leah  # a child: never a disruption target
    # one girl recorded twice (a misspelt name): each record points to the other
    twice = c.get("/person/Person:nd:tracey tukcer|2010-11-10").text
    assert 'class="flag possibly-same">Possibly the same person as <a href="/person/' \
           'Person%3And%3Atracey%20tucker%7C2010-11-10">Tracey TUCKER</a>' in twice
    assert "possibly-same" not in leah
    r = c.get("/paths", params={"a": "Tracey Campbell", "b": "Leah Evans"})
    assert r.status_code == 200 and "Path 1" in r.text and 'class="ref"' in r.text
    assert 'id="path-counts"' in r.text and 'id="more-paths"' not in r.text
    # the counts of graphintel path: 6 one-link routes, 1 shown, a link to see them all
    r = c.get("/paths", params={"a": "Scott DOYLE", "b": "Leah EVANS", "max": "1"})
    assert "6 shortest paths (1 link each); showing 1, 5 not shown." in r.text
    assert r.text.count('<section class="path">') == 1
    more = re.search(r'id="more-paths" href="([^"]+)">Show all 6</a>', r.text)
    assert more, r.text
    r = c.get(html.unescape(more.group(1)))
    assert "6 shortest paths (1 link each); showing all 6." in r.text
    assert r.text.count('<section class="path">') == 6
    entry = [e for e in read_audit(world["settings"]) if e["command"] == "web paths"][-1]
    assert entry["params"]["max"] == 6 and entry["details"]["routes"] == 6
    r = c.get("/person/Person:ref:NOPE")
    assert r.status_code == 404 and "no person with uid" in r.text
    r = c.get("/paths", params={"a": "Tracey Campbell", "b": "zzzz qqqq"})
    assert r.status_code == 404 and "no person matches" in r.text
    assert c.get("/api/network?since=2025-13-01").json()["error"].startswith("'2025-13-01'")


def test_workspace_charts_equal_the_chart_commands(world: dict[str, Any],
                                                   session_store: Store) -> None:
    """The network view's charts (projection kept between requests) are make_chart's."""
    from graphintel.charts import Filters, SelectionSpec, make_chart
    from graphintel.web.cache import PageCache
    from graphintel.web.selection import chart

    cache = PageCache()
    web = world["settings"]
    cases = [(SelectionSpec.network("top"), Filters()),
             (SelectionSpec.network(2), Filters(until="2024-12-31")),
             (SelectionSpec.around(["Person:ref:N0926774"], hops=2), Filters()),
             (SelectionSpec.around(["Tracey Campbell", "Person:ref:N0926774"], hops=1),
              Filters(since="2024-01-01", types=("Phone",))),
             (SelectionSpec.path("Tracey Campbell", "Person:ref:N0926774"), Filters())]
    for spec, filters in cases:
        for profile in ("internal", "partner"):
            ours = chart(cache, session_store, web, spec, profile=profile, filters=filters)
            theirs = make_chart(session_store, web, spec, profile=profile, filters=filters)
            assert ours.meta == theirs.meta and ours.slug == theirs.slug
            assert dict(ours.graph.nodes(data=True)) == dict(theirs.graph.nodes(data=True))
            assert sorted(ours.graph.edges(keys=True, data=True), key=str) == \
                sorted(theirs.graph.edges(keys=True, data=True), key=str)
    assert cache.hits >= 4  # one projection served every chart after the first


def resolve_rows(page: str) -> list[tuple[str, str, bool]]:
    """(a, b, marked on the agenda) of each candidate row of the resolve page, in order."""
    return [(html.unescape(a), html.unescape(b), "on-agenda" in cls) for cls, a, b in re.findall(
        r'class="candidate([^"]*)" data-a="([^"]+)" data-b="([^"]+)"', page)]


def test_resolve_page_puts_the_agendas_pairs_first(world: dict[str, Any],
                                                    session_store: Store) -> None:
    rows = resolve_rows(client(world, "ana").get("/resolve").text)
    subjects = run_subjects(session_store)
    marked = [(a, b) for a, b, on in rows if on]
    # the sample's Jordan QUINN / QUNIN, both candidate targets, and the girl recorded twice
    assert len(marked) >= 2
    assert marked == [(a, b) for a, b, _ in rows if {a, b} & subjects]
    assert [on for *_, on in rows] == sorted((on for *_, on in rows), reverse=True)
    assert len(rows) > len(marked), "pairs of people not before the meeting follow"


def test_analyst_rejects_a_likely_duplicate(world: dict[str, Any]) -> None:
    c = client(world, "ana")
    pairs = [(a, b) for a, b, on in resolve_rows(c.get("/resolve").text) if not on]
    assert pairs, "the sample has likely duplicates"
    a, b = pairs[0]
    tok = token(c, "/resolve")
    refused = c.post("/resolve/decide", data={"csrf": tok, "a": a, "b": b, "action": "merge"})
    assert refused.status_code == 400 and "a merge needs a reason" in refused.text
    unknown = c.post("/resolve/decide", data={"csrf": tok, "a": a, "b": b, "action": "smash"})
    assert unknown.status_code == 400 and "unknown decision" in unknown.text
    entry = [e for e in read_audit(world["settings"]) if e["command"] == "web resolve"][-1]
    assert entry["status"] == "error" and entry["params"] == {"action": "smash", "a": a, "b": b}
    r = c.post("/resolve/decide", data={"csrf": tok, "a": a, "b": b, "action": "reject",
                                        "reason": "different dates of birth"})
    assert r.status_code == 303
    after = [(x, y) for x, y, _ in resolve_rows(c.get("/resolve").text)]
    assert (a, b) not in after
    entry = [e for e in read_audit(world["settings"]) if e["command"] == "web resolve reject"]
    assert entry[-1]["details"]["web_user"] == "ana" and entry[-1]["status"] == "ok"


def test_analyst_merges_keeping_the_record_of_their_choice(world: dict[str, Any],
                                                             session_store: Store) -> None:
    """'Merge, keep A' keeps A's record and name; a link to B, merged away, leads to A with
    a note. The merge is undone at the end (the other tests use the sample as loaded)."""
    from graphintel.resolve.decisions import undo

    c = client(world, "ana")
    a, b = [(x, y) for x, y, on in resolve_rows(c.get("/resolve").text) if not on][0]
    name = session_store.read_text("MATCH (p:Entity {uid: $u}) RETURN p.name AS n",
                                   {"u": a})[0]["n"]
    r = c.post("/resolve/decide", data={"csrf": token(c, "/resolve"), "a": a, "b": b,
                                        "action": "merge-keep-a", "reason": "one person"})
    assert r.status_code == 303
    decision = re.search(r"done=([^&]+)", r.headers["location"])
    assert decision
    try:
        kept = session_store.read_text("MATCH (p:Entity) WHERE p.uid IN [$a, $b] "
                                       "RETURN p.uid AS uid, p.name AS name", {"a": a, "b": b})
        assert kept == [{"uid": a, "name": name}]
        moved = c.get(f"/person/{b}")
        assert moved.status_code == 303
        assert moved.headers["location"].startswith(f"/person/{quote(a, safe='')}?merged=")
        page = c.get(moved.headers["location"]).text
        assert 'id="merged-note"' in page and html.escape(b) in page
        assert c.get("/person/Person:nd:nobody|1900-01-01").status_code == 404
    finally:
        undo(session_store, unquote(decision.group(1)), user="test")


def test_charts_are_cached_until_the_graph_changes(world: dict[str, Any],
                                                   session_store: Store,
                                                   tmp_path: Path) -> None:
    """Runs last: it adds a report to the sample."""
    from graphintel.ingest import ingest
    from tests.graph_helpers import report, write_jsonl

    cache = world["app"].state.cache
    c = client(world, "ana")
    url = "/api/network?around=Person:ref:N0926774&hops=1"
    before = c.get(url).json()
    misses, hits = cache.misses, cache.hits
    assert c.get(url).json() == before
    assert (cache.misses, cache.hits) == (misses, hits + 1)
    # expanding a node makes only the new neighbourhood and the merged view: the chart
    # already on screen is reused
    other = next(n["id"] for n in before["nodes"]
                 if n["id"].startswith("Person:") and n["id"] != "Person:ref:N0926774")
    expanded = c.get(url + "&expanded=" + other).json()
    assert {n["id"] for n in before["nodes"]} <= {n["id"] for n in expanded["nodes"]}
    assert cache.misses == misses + 2
    misses = cache.misses
    new = report("IR/2025/WEB001", [
        {"id": "a", "type": "Person", "name": "Ruby Brennan", "nominal_ref": "N0926774",
         "role": "suspect"},
        {"id": "b", "type": "Person", "name": "Webtest NEWPERSON", "dob": "1990-01-01",
         "role": "associate"}], [{"from": "a", "to": "b", "type": "ASSOCIATE_OF"}],
        date="2025-06-01", narrative="Ruby Brennan met Webtest NEWPERSON.")
    ingest([write_jsonl(tmp_path / "new.jsonl", [new])], settings=world["settings"],
           store=session_store)
    after = c.get(url).json()
    # the run, the people graph, the view and its one part made again
    assert cache.misses == misses + 4
    assert "Webtest NEWPERSON" in {n["gi"]["name"] for n in after["nodes"]}
    assert "Webtest NEWPERSON" not in {n["gi"]["name"] for n in before["nodes"]}


def test_a_new_version_of_a_report_shows_its_earlier_one_and_renews_cached_pages(
        world: dict[str, Any], session_store: Store, tmp_path: Path) -> None:
    """Runs after the sample is changed above: a report loaded again with other content."""
    from graphintel.ingest import ingest
    from tests.graph_helpers import report, write_jsonl

    people = [{"id": "a", "type": "Person", "name": "Ruby Brennan", "nominal_ref": "N0926774",
               "role": "suspect"}]
    first = report("IR/2025/WEB002", people, date="2025-06-02", narrative="First account.")
    second = report("IR/2025/WEB002", people, date="2025-06-02", grading="3EP",
                    narrative="Re-graded: the source is believed malicious.")
    ingest([write_jsonl(tmp_path / "v1.jsonl", [first])], settings=world["settings"],
           store=session_store)
    cache = world["app"].state.cache
    c = client(world, "ana")
    url = "/api/network?around=Person:ref:N0926774&hops=1"
    c.get(url)
    misses = cache.misses
    c.get(url)
    assert cache.misses == misses  # nothing changed: served from the cache
    ingest([write_jsonl(tmp_path / "v2.jsonl", [second])], settings=world["settings"],
           store=session_store)
    c.get(url)
    assert cache.misses > misses  # no node or link more, but a new version: made again
    page = c.get("/report/IR/2025/WEB002")
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "Re-graded: the source is believed malicious." in text
    earlier = re.search(r'<ol id="earlier-versions">(.*?)</ol>', text, flags=re.S)
    assert earlier is not None
    assert re.findall(r"<li>(.*?)</li>", earlier.group(1)) == [
        f"from {tmp_path / 'v1.jsonl'}:1, dated 2025-06-02, graded 2BP: First account."]


def test_a_conflicting_merge_asks_the_analyst_to_confirm(world: dict[str, Any],
                                                         session_store: Store) -> None:
    """A child victim and an adult suspect: the merge is not done; the page lists the
    differences and merges only with the box ticked (undone at the end)."""
    from graphintel.resolve.decisions import undo

    child = session_store.read_text(
        "MATCH (p:Person) WHERE 'victim' IN p.roles AND p.dob > '2009-01-01' "
        "RETURN p.uid AS uid ORDER BY uid LIMIT 1", {})[0]["uid"]
    adult = session_store.read_text(
        "MATCH (p:Person) WHERE 'suspect' IN p.roles AND p.dob < '1990-01-01' "
        "AND NOT 'victim' IN p.roles RETURN p.uid AS uid ORDER BY uid LIMIT 1", {})[0]["uid"]
    c = client(world, "ana")
    data = {"csrf": token(c, "/resolve"), "a": child, "b": adult, "action": "merge",
            "reason": "same surname"}
    page = c.post("/resolve/decide", data=data)
    assert page.status_code == 409 and "Check before merging" in page.text
    assert "child" in page.text and 'name="despite"' in page.text
    assert session_store.read_text("MATCH (p:Person {uid: $u}) RETURN p.uid AS uid",
                                   {"u": child})  # nothing merged
    codes = re.search(r'name="despite" value="([^"]+)"', page.text)
    assert codes
    r = c.post("/resolve/decide", data={**data, "despite": html.unescape(codes.group(1))})
    assert r.status_code == 303
    decision = re.search(r"done=([^&]+)", r.headers["location"])
    assert decision
    undo(session_store, unquote(decision.group(1)), user="test")


def test_a_targets_plan_is_decided_once_on_the_targets_row(world: dict[str, Any]) -> None:
    """"Agree a disruption plan for X" is the same decision as target X: the page offers it
    once, on the target's row (with the wording field), and the plan row says so."""
    page = client(world, "chris").get("/meeting").text
    forms = re.findall(r'<input type="hidden" name="key" value="([^"]*)">', page)
    assert forms and len(forms) == len(set(forms))
    plans = re.findall(r'<a href="#target-(\d+)" class="plan-target">([^<]*) \(rank \d+\)</a>',
                       page)
    assert plans  # the sample proposes plans for its top targets
    for rank, name in plans:
        row = page.split(f'<tr class="target" id="target-{rank}">', 1)[1].split("</tr>", 1)[0]
        assert name.replace("'", "&#39;") in row and 'name="text"' in row
        assert "Also decides the disruption plan proposed below." in row
