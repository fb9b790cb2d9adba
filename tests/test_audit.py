"""The audit log, and the query commands that write it (through a Typer CliRunner)."""

from __future__ import annotations

import getpass
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from graphintel import local_neo4j
from graphintel.audit import audit_path, audited, read_audit
from graphintel.cli import query_cmd
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
    lines = audit_path(mine).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    ok, failed, bug = (json.loads(line) for line in lines)
    assert {k: ok[k] for k in ("user", "command", "query", "params", "records", "outputs",
                               "status", "error", "details")} == {
        "user": getpass.getuser(), "command": "query run", "query": "hotspots",
        "params": {"since": "2025-01-01"}, "records": 3, "outputs": ["/tmp/out.csv"],
        "status": "ok", "error": None, "details": {"limit": 5}}
    moment = datetime.fromisoformat(ok["time"])
    assert moment.utcoffset() == timedelta(0)
    assert abs(datetime.now(UTC) - moment) < timedelta(minutes=1)
    assert (failed["status"], failed["error"], failed["records"]) == (
        "error", "no person matches 'x'; search", None)
    assert (bug["status"], bug["error"]) == ("error", "ZeroDivisionError: division by zero")
    assert read_audit(mine) == [ok, failed, bug]


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
    assert read_audit(mine)[-1] == {"status": "unreadable", "line": 2, "raw": '{"time": "torn'}
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
    app.command("audit")(query_cmd.audit_command)
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
    return mine


def test_every_command_leaves_exactly_one_audit_line(cli: Settings, world: Store,  # noqa: F811
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
    assert entries[12]["records"] == 1 and entries[13]["records"] == 13
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
