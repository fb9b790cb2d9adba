"""The audit log (two chained lines per command), its verification, and the commands that
write it (through a Typer CliRunner and through ``main``)."""

from __future__ import annotations

import hashlib
import json
import os
import pwd
import re
import socket
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from graphintel import local_neo4j
from graphintel.audit import (
    GENESIS,
    audit_path,
    audited,
    os_user,
    read_audit,
    read_audit_lines,
    verify_audit,
)
from graphintel.cli import audit_cmd, query_cmd
from graphintel.cli.app import main
from graphintel.config import Settings
from graphintel.errors import (
    Ambiguous,
    CypherFileError,
    InputError,
    NotFound,
    OutputError,
    ReadOnlyViolation,
)
from graphintel.store import Store
from tests.graph_helpers import fingerprint
from tests.test_queries import world  # noqa: F401  (module-scoped fixture)


def test_one_line_per_command_ok_or_failed(settings: Settings, tmp_path: Path) -> None:
    mine = replace(settings, home=tmp_path)
    with audited(mine, "query run", query="hotspots", params={"since": "2025-01-01"},
                 limit=5) as rec:
        rec.records = 3
        rec.outputs.append("/tmp/out.csv")
    with pytest.raises(NotFound), audited(mine, "profile", params={"subject": "x"}):
        raise NotFound("no person matches 'x'", fix="search")
    with pytest.raises(ZeroDivisionError), audited(mine, "search"):
        _ = 1 / 0
    lines = [json.loads(line) for line in
             audit_path(mine).read_text(encoding="utf-8").splitlines()]
    assert [(x["seq"], x["event"], x["command"]) for x in lines] == [
        (1, "started", "query run"), (2, "completed", "query run"), (3, "started", "profile"),
        (4, "failed", "profile"), (5, "started", "search"), (6, "failed", "search")]
    assert lines[0]["id"] == lines[1]["id"] != lines[2]["id"]
    assert lines[1]["outputs"] == ["/tmp/out.csv"] and lines[1]["records"] == 3
    ok, failed, bug = read_audit(mine)
    assert {k: ok[k] for k in ("user", "host", "command", "query", "params", "records",
                               "outputs", "status", "error", "details")} == {
        "user": pwd.getpwuid(os.getuid()).pw_name, "host": socket.gethostname(),
        "command": "query run", "query": "hotspots",
        "params": {"since": "2025-01-01"}, "records": 3, "outputs": ["/tmp/out.csv"],
        "status": "ok", "error": None, "details": {"limit": 5}}
    moment = datetime.fromisoformat(ok["time"])
    assert moment.utcoffset() == timedelta(0)
    assert abs(datetime.now(UTC) - moment) < timedelta(minutes=1)
    assert (failed["status"], failed["error"], failed["records"]) == (
        "error", "no person matches 'x'; search", None)
    assert (bug["status"], bug["error"]) == ("error", "ZeroDivisionError: division by zero")


def test_an_unwritable_audit_log_stops_the_command(settings: Settings, tmp_path: Path) -> None:
    (tmp_path / "audit").write_text("a file where the audit folder should be")
    ran = []
    with pytest.raises(OutputError, match="cannot write the audit log"):
        with audited(replace(settings, home=tmp_path), "query list"):
            ran.append(True)
    assert ran == []


def test_read_audit_since(settings: Settings, tmp_path: Path) -> None:
    mine = replace(settings, home=tmp_path)
    assert read_audit(mine) == []
    with audited(mine, "query list"):
        pass
    today = datetime.now(UTC).date()
    assert len(read_audit(mine, (today - timedelta(days=1)).isoformat())) == 1
    assert read_audit(mine, (today + timedelta(days=1)).isoformat()) == []
    assert len(read_audit(mine, f"{today.isoformat()}T00:00:00+00:00")) == 1
    with audit_path(mine).open("a", encoding="utf-8") as fh:
        fh.write('{"time": "torn\n')
    assert read_audit(mine)[-1] == {"status": "unreadable", "line": 3, "raw": '{"time": "torn'}
    with pytest.raises(InputError, match="not an ISO date"):
        read_audit(mine, "last tuesday")


def test_passwords_never_reach_the_audit_log(settings: Settings, tmp_path: Path) -> None:
    password = local_neo4j.read_password(settings) if settings.uses_local_neo4j \
        else str(settings.neo4j_password)
    mine = replace(settings, home=tmp_path, neo4j_uri="bolt://127.0.0.1:1",
                   neo4j_password=password)
    with audited(mine, "query run", params={"note": f"pw={password}", "password": "hunter22"}):
        pass
    with pytest.raises(CypherFileError), audited(mine, "query run"):
        raise CypherFileError(f"bad value {password}")
    text = audit_path(mine).read_text(encoding="utf-8")
    assert password not in text and "hunter22" not in text
    assert text.count("********") == 3


# -- the commands -------------------------------------------------------------------------------

def cli_app() -> typer.Typer:
    """The commands as app.py registers them."""
    app = typer.Typer()
    app.add_typer(query_cmd.query_app, name="query")
    app.command("profile")(query_cmd.profile_command)
    app.command("path")(query_cmd.path_command)
    app.command("search")(query_cmd.search_command)
    app.add_typer(audit_cmd.audit_app, name="audit")
    return app


@pytest.fixture()
def cli(world: Store, settings: Settings, tmp_path: Path,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Commands run against the test Neo4j, auditing into a fresh home."""
    password = local_neo4j.read_password(settings) if settings.uses_local_neo4j \
        else str(settings.neo4j_password)
    (tmp_path / "q").mkdir()
    (tmp_path / "q" / "evil.cypher").write_text(
        "// name: evil\n// description: tries to write\n"
        "MATCH (n:Person) SET n.x = 1 RETURN n.x AS x\n")
    mine = replace(settings, home=tmp_path / "home", neo4j_uri=world.uri, neo4j_password=password,
                   query_dir=tmp_path / "q")
    monkeypatch.setattr(query_cmd, "settings", lambda: mine)
    monkeypatch.setattr(audit_cmd, "settings", lambda: mine)
    return mine


def test_every_command_leaves_its_audit_lines(cli: Settings, world: Store,  # noqa: F811
                                                     tmp_path: Path) -> None:
    runner = CliRunner()
    before = fingerprint(world)
    out_json = tmp_path / "out" / "cars.json"
    calls: list[tuple[list[str], type[BaseException] | None]] = [
        (["query", "list"], None),
        (["query", "show", "hotspots"], None),
        (["query", "run", "suspects_near_child", "-p", "child=Amy Child"], None),
        (["query", "run", "suspects_near_child"], CypherFileError),
        (["query", "run", "people_sharing_phone", "--format", "csv"], None),
        (["query", "run", "people_sharing_vehicle", "-f", "json", "-o", str(out_json)], None),
        (["query", "run", "evil"], ReadOnlyViolation),
        (["query", "run", "nope"], NotFound),
        (["query", "run", "hotspots", "-p", "since"], CypherFileError),
        (["profile", "John Smith"], Ambiguous),
        (["profile", "N100", "--format", "json"], None),
        (["path", "N100", "Mark Jones", "--max-hops", "3"], None),
        (["search", "kebab"], None),
        (["audit"], None),
    ]
    outputs = {}
    for args, error in calls:
        result = runner.invoke(cli_app(), args)
        if error is None:
            assert result.exit_code == 0, (args, result.output, result.exception)
        else:
            assert isinstance(result.exception, error), (args, result.exception)
        outputs[" ".join(args[:3])] = result.output
    entries = read_audit(cli)
    assert [(e["command"], e["status"]) for e in entries] == [
        ("query list", "ok"), ("query show", "ok"), ("query run", "ok"), ("query run", "error"),
        ("query run", "ok"), ("query run", "ok"), ("query run", "error"), ("query run", "error"),
        ("query run", "error"), ("profile", "error"), ("profile", "ok"), ("path", "ok"),
        ("search", "ok"), ("audit", "ok")]
    run = entries[2]
    assert (run["query"], run["params"], run["records"]) == (
        "suspects_near_child", {"child": "Amy Child"}, 2)
    assert run["details"]["resolved"]["child"] == "Person:nd:amy child|2010-05-14"
    assert "missing parameter 'child'" in entries[3]["error"]
    assert entries[5]["outputs"] == [str(out_json.resolve())]
    assert [r["person"] for r in json.loads(out_json.read_text())] == ["Jordan SMITH", "Kyle Brown"]
    assert "not read-only" in entries[6]["error"]
    assert entries[9]["error"].startswith("'John Smith' matches 2 people")
    assert entries[12]["records"] == 2  # the Kebab House place and report IR/1
    assert entries[13]["records"] == 14  # the audit command's own "started" line included
    assert len(read_audit_lines(cli)) == 28 and verify_audit(cli).ok
    # CSV cells a spreadsheet would run as formulas are neutralised
    assert "'+447700900333,2,Person:nd:lee brown|1993-01-20" in outputs[
        "query run people_sharing_phone"]
    assert json.loads(outputs["profile N100 --format"])["nominal_ref"] == "N100"
    assert fingerprint(world) == before
    text = (cli.home / "audit" / "audit.jsonl").read_text(encoding="utf-8")
    assert str(cli.neo4j_password) not in text


@pytest.mark.parametrize(("value", "cell"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+44 7700", "'+44 7700"),
    ("-1+2", "'-1+2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("plain", "plain"),
    (-2.5, "-2.5"), (3, "3"), (None, ""), (["=a", "b"], "'=a; b"),
])
def test_csv_cells_cannot_be_formulas(value: object, cell: str) -> None:
    assert query_cmd.csv_cell(value) == cell


# -- the hash chain ------------------------------------------------------------------------------

def _logged(settings: Settings, tmp_path: Path, commands: int = 3) -> Settings:
    mine = replace(settings, home=tmp_path / "home")
    for i in range(commands):
        with audited(mine, "query list", params={"i": i}):
            pass
    return mine


def _lines(mine: Settings) -> list[str]:
    return audit_path(mine).read_text(encoding="utf-8").splitlines(keepends=True)


def _put(mine: Settings, lines: list[str]) -> None:
    audit_path(mine).write_text("".join(lines), encoding="utf-8")


def _rehash(line: str, **changes: object) -> str:
    """What a careful forger would do: change a line and recompute its own hash, as the
    format is documented (SHA-256 of the line without its hash field)."""
    entry = json.loads(line)
    entry.pop("hash")
    entry.update(changes)
    body = json.dumps(entry, ensure_ascii=False)
    digest = hashlib.sha256(body.encode()).hexdigest()
    return f'{body[:-1]}, "hash": "{digest}"}}\n'


def test_each_line_carries_the_hash_of_the_one_before(settings: Settings,
                                                       tmp_path: Path) -> None:
    mine = _logged(settings, tmp_path)
    lines = [json.loads(x) for x in _lines(mine)]
    assert [x["seq"] for x in lines] == [1, 2, 3, 4, 5, 6]
    assert lines[0]["prev"] == GENESIS
    assert all(b["prev"] == a["hash"] for a, b in zip(lines, lines[1:], strict=False))
    check = verify_audit(mine)
    assert check.ok and check.lines == 6 and check.head == lines[-1]["hash"]
    assert _rehash(_lines(mine)[2]) == _lines(mine)[2]  # the documented format holds


def test_verify_finds_an_edited_line(settings: Settings, tmp_path: Path) -> None:
    mine = _logged(settings, tmp_path)
    lines = _lines(mine)
    _put(mine, [*lines[:2], lines[2].replace('"i": 1', '"i": 7'), *lines[3:]])
    check = verify_audit(mine)
    assert [(p.line, p.what.split(":")[0]) for p in check.problems] == [(3, "edited")]
    _put(mine, [*lines[:2], _rehash(lines[2], user="someone-else"), *lines[3:]])
    check = verify_audit(mine)
    assert check.first_bad_line == 4
    assert "does not follow line 3 (line 3 was changed or replaced)" in check.problems[0].what


def test_verify_finds_removed_and_reordered_lines(settings: Settings, tmp_path: Path) -> None:
    mine = _logged(settings, tmp_path)
    lines = _lines(mine)
    _put(mine, [*lines[:2], *lines[3:]])
    check = verify_audit(mine)
    assert check.first_bad_line == 3 and "1 line(s) removed before it" in check.problems[0].what
    _put(mine, lines[1:])
    check = verify_audit(mine)
    assert check.first_bad_line == 1 and "is not the first line written" in check.problems[0].what
    _put(mine, [lines[0], lines[1], lines[3], lines[2], *lines[4:]])
    check = verify_audit(mine)
    assert check.first_bad_line == 3 and not check.ok


def test_foreign_and_torn_lines_are_named_and_the_chain_goes_on(settings: Settings,
                                                                tmp_path: Path) -> None:
    mine = _logged(settings, tmp_path, commands=1)
    with audit_path(mine).open("a", encoding="utf-8") as fh:
        fh.write('{"note": "added by hand"}\n{"seq": 4, "torn')
    assert [p.line for p in verify_audit(mine).problems] == [3, 4]
    with audited(mine, "query list"):  # appends after the torn line, on a line of its own
        pass
    check = verify_audit(mine)
    assert [(p.line, p.what.split(" ")[0]) for p in check.problems] == [(3, "not"), (4, "not")]
    assert check.lines == 6


def test_user_is_the_os_account_and_host(settings: Settings, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("USER", "mallory")
    monkeypatch.setenv("LOGNAME", "mallory")
    mine = _logged(settings, tmp_path, commands=1)
    account = pwd.getpwuid(os.getuid()).pw_name
    assert os_user() == account
    for line in read_audit_lines(mine):
        assert (line["user"], line["uid"], line["host"]) == (
            account, os.getuid(), socket.gethostname())


def test_the_started_line_is_on_disk_before_the_body_runs(settings: Settings,
                                                          tmp_path: Path) -> None:
    mine = replace(settings, home=tmp_path / "home")
    with audited(mine, "agenda", params={"out": "x"}) as rec:
        on_disk = read_audit_lines(mine)
        assert [(x["event"], x["id"]) for x in on_disk] == [("started", rec.id)]
        assert read_audit(mine)[0]["status"] == "incomplete"
        rec.outputs.append("/x/agenda.md")
    assert read_audit(mine)[0]["outputs"] == ["/x/agenda.md"]


# -- through the command line ---------------------------------------------------------------------

@pytest.fixture()
def env(settings: Settings, session_store: Store, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> Settings:
    """``main`` runs against the test Neo4j, with its own home under tmp_path."""
    password = local_neo4j.read_password(settings) if settings.uses_local_neo4j \
        else str(settings.neo4j_password)
    monkeypatch.setenv("GRAPHINTEL_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("NEO4J_URI", session_store.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", password)
    return replace(settings, home=tmp_path / "home", neo4j_uri=session_store.uri,
                   neo4j_password=password)


def test_no_audit_no_command_and_nothing_written(env: Settings, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    env.home.mkdir()
    (env.home / "audit").write_text("a file where the audit folder should be")
    src = tmp_path / "r.jsonl"
    src.write_text("{not json\n")
    out = tmp_path / "out"
    calls = [["agenda", "--out", str(out / "agenda")],
             ["chart", "--network", "1", "--out", str(out / "chart")],
             ["analyse", "--json", str(out / "a.json")],
             ["ingest", str(src), "--json", str(out / "i.json")],
             ["synth", "--out", str(out / "synth")],
             ["query", "list", "-o", str(out / "q.csv")],
             ["doctor"], ["schema", "apply"], ["runs"], ["audit", "verify"], ["audit"]]
    for args in calls:
        assert main(args) == 1, args
        err = capsys.readouterr().err
        assert "Error: cannot write the audit log" in err, (args, err)
    assert not out.exists() and not (env.home / "quarantine").exists()


def test_every_command_is_audited(env: Settings, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor", "--folder", str(tmp_path)]) == 0
    assert main(["schema", "apply"]) == 0
    assert main(["runs"]) == 0
    assert main(["neo4j", "status"]) == 1  # NEO4J_URI is set: refused, and audited
    assert main(["synth", "--out", str(tmp_path / "s"), "--scale", "0.02", "--no-tables"]) == 0
    assert main(["audit"]) == 0
    assert main(["audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert "audit log intact: 13 lines" in out
    entries = read_audit(env)
    assert [(e["command"], e["status"]) for e in entries] == [
        ("doctor", "ok"), ("schema apply", "ok"), ("runs", "ok"), ("neo4j status", "error"),
        ("synth", "ok"), ("audit", "ok"), ("audit verify", "ok")]
    assert entries[0]["details"]["ok"] is True
    assert str(tmp_path / "s" / "reports.jsonl") in entries[4]["outputs"]
    assert entries[6]["records"] == 13


def test_verify_command_names_the_broken_line(env: Settings,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    for _ in range(2):
        assert main(["runs"]) == 0
    lines = _lines(env)
    _put(env, [lines[0], lines[1].replace('"ok"', '"error"'), *lines[2:]])
    capsys.readouterr()
    assert main(["audit", "verify"]) == 1
    captured = capsys.readouterr()
    assert "line 2: edited" in captured.out
    assert "Error: the audit log is not intact: 1 problem(s), first at line 2" in captured.err


def test_passwords_in_the_uri_are_never_shown(env: Settings, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    port = env.neo4j_uri.rsplit(":", 1)[1] if env.neo4j_uri else "7687"
    secret = "Sup3r-S3cret-pw"
    for uri in (f"bolt://neo4j:{secret}@127.0.0.1:{port}", f"bolt://neo4j:{secret}@127.0.0.1:1"):
        monkeypatch.setenv("NEO4J_URI", uri)
        monkeypatch.setenv("NEO4J_PASSWORD", "Wrong-Pass-123")
        main(["doctor"])
        main(["neo4j", "status"])
        main(["query", "run", "hotspots"])
        captured = capsys.readouterr()
        shown = captured.out + captured.err
        assert secret not in shown and "Wrong-Pass-123" not in shown
        assert "bolt://neo4j:********@127.0.0.1" in shown and "holds a user or password" in shown
        assert "Traceback" not in shown
    monkeypatch.setenv("NEO4J_URI", f"neo4j:{secret}@db.example:7687")
    assert main(["doctor"]) == 1
    err = capsys.readouterr().err
    assert "has no scheme" in err and secret not in err
    assert not audit_path(env).exists() or secret not in audit_path(env).read_text()
    # a password-looking URI given as a parameter is masked in the audit log too
    with audited(env, "query run", params={"note": f"see bolt://neo4j:{secret}@db:7687"}):
        pass
    text = audit_path(env).read_text(encoding="utf-8")
    assert secret not in text and "bolt://neo4j:********@db:7687" in text


@pytest.mark.parametrize("secret", ["p@ss/w0rdSECRET", 'Uri2/Sec"ret', "Uri5/Sec ret",
                                    "a'b@c/d SECRET"])
def test_a_password_holding_slashes_at_signs_quotes_or_spaces_is_never_shown(
        env: Settings, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], secret: str) -> None:
    """The URI's password ends at its last '@', not its first '/' or '@': every shape of
    password is refused and masked whole, in every command's output and the audit log."""
    port = env.neo4j_uri.rsplit(":", 1)[1] if env.neo4j_uri else "7687"
    monkeypatch.setenv("NEO4J_URI", f"bolt://neo4j:{secret}@127.0.0.1:{port}")
    monkeypatch.setenv("NEO4J_PASSWORD", "Other-Pass-123")
    for command in (["doctor"], ["neo4j", "status"], ["query", "run", "hotspots"]):
        assert main(command) == 1
    captured = capsys.readouterr()
    shown = captured.out + captured.err
    pieces = [p for p in re.split(r"[@/ '\"]", secret) if len(p) >= 3]
    assert not [p for p in pieces if p in shown], shown
    assert "bolt://neo4j:********@127.0.0.1" in shown and "Traceback" not in shown
    if audit_path(env).exists():
        text = audit_path(env).read_text(encoding="utf-8")
        assert not [p for p in pieces if p in text]


def test_an_officers_own_query_is_audited_with_its_file_and_the_digest_of_what_ran(
        env: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The file can be edited after the run: the audit keeps which file and which text."""
    folder = tmp_path / "mine"
    folder.mkdir()
    body = "// name: my_counts\n// description: mine\nMATCH (p:Person) RETURN count(p) AS n\n"
    (folder / "my_counts.cypher").write_text(body, encoding="utf-8")
    monkeypatch.setenv("GRAPHINTEL_QUERY_DIR", str(folder))
    assert main(["query", "run", "my_counts", "-f", "json"]) == 0
    capsys.readouterr()
    done = [e for e in read_audit(env) if e.get("query") == "my_counts"
            and e.get("status") == "ok"][-1]
    ran = "MATCH (p:Person) RETURN count(p) AS n"
    assert done["details"]["query_file"] == str(folder / "my_counts.cypher")
    assert done["details"]["query_sha256"] == hashlib.sha256(ran.encode()).hexdigest()


def test_no_output_is_written_inside_graphintel_home(
        env: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An audit export written over the audit log would erase the history it keeps: no
    command writes a file or folder the user names inside GRAPHINTEL_HOME."""
    assert main(["query", "list", "-f", "csv", "-o", str(tmp_path / "fine.csv")]) == 0
    log = audit_path(env)
    before = log.read_text(encoding="utf-8")
    for args in (["audit", "-f", "csv", "-o", str(log)],
                 ["query", "list", "-o", str(env.home / "web" / "accounts.json")],
                 ["agenda", "--out", str(env.home / "agenda")],
                 ["synth", "--out", str(env.home / "synth")]):
        assert main(args) == 1, args
        err = capsys.readouterr().err
        assert "refusing to write" in err and "inside GRAPHINTEL_HOME" in err, err
    assert log.read_text(encoding="utf-8").startswith(before)
    assert not (env.home / "web" / "accounts.json").exists()
    assert not (env.home / "synth").exists() and not (env.home / "agenda").exists()
    assert verify_audit(env).ok


def test_the_audit_shows_who_signed_in_to_the_workspace_and_how_it_ended() -> None:
    """A web event is the person signed in (with role and address), not the account the
    server runs as; a failed login reads as failed, not "ok"; CSV has them as columns."""
    from rich.console import Console

    entries = audit_cmd.with_web_fields([
        {"time": "2025-07-01T10:00:00+00:00", "user": "svc", "command": "web login",
         "status": "ok", "records": 0, "details": {"web_user": "chris", "client": "10.0.0.7",
                                                   "outcome": "failed"}},
        {"time": "2025-07-01T10:01:00+00:00", "user": "svc", "command": "web refused",
         "query": "/api/reports", "status": "ok", "records": 0,
         "details": {"web_user": "pat", "role": "partner", "client": "10.0.0.8"}},
        {"time": "2025-07-01T10:02:00+00:00", "user": "svc", "command": "query run",
         "query": "hotspots", "status": "ok", "records": 3, "details": {}}])
    console = Console(record=True, width=200)
    console.print(audit_cmd.audit_lines(entries))
    shown = console.export_text().splitlines()
    assert "chris (no role, web from 10.0.0.7)  web login: failed" in shown[1]
    assert "pat (partner, web from 10.0.0.8)  web refused /api/reports: ok" in shown[2]
    assert "svc  query run hotspots: ok, 3 records" in shown[3]
    assert {"web_user", "role", "client", "outcome"} <= set(audit_cmd.COLUMNS)
