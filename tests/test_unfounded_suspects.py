"""A person named as a suspect only in intelligence graded as suspected false (E in 3x5x2) is
not treated as a suspect: never a candidate target, not part of the offender network, and
listed apart so an analyst can corroborate. One report not graded E makes them a suspect."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from graphintel.analysis.projection import ProjectionParams, project
from graphintel.cli.app import app
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import analyse, report, write_jsonl

AS_OF = "2025-06-01"


def _p(i: str, name: str, ref: str, role: str, dob: str = "1980-01-01") -> dict[str, Any]:
    return {"id": i, "type": "Person", "name": name, "nominal_ref": ref, "role": role,
            "dob": dob}


def _reports(corroborated: bool) -> list[dict[str, Any]]:
    boss = _p("s", "Adam SMITH", "N101", "suspect")
    kid = _p("k", "Kim CHILD", "N201", "victim", dob="2011-01-01")
    tyler = _p("t", "Tyler GREEN", "N301", "suspect")
    out = [
        report("R1", [boss, kid], [{"from": "s", "to": "k", "type": "EXPLOITS"}],
               date="2025-05-01"),
        report("R2", [tyler, kid], [{"from": "t", "to": "k", "type": "ASSOCIATE_OF"}],
               date="2025-05-02", grading="3EP",
               narrative="Anonymous call from an ex-partner; nothing to corroborate."),
        report("R3", [tyler | {"role": "witness"}, boss],
               [{"from": "t", "to": "s", "type": "ASSOCIATE_OF"}], date=AS_OF),
    ]
    if corroborated:
        out.append(report("R4", [tyler, kid], [{"from": "t", "to": "k", "type": "EXPLOITS"}],
                          date=AS_OF, grading="2BP"))
    return out


@pytest.mark.parametrize("corroborated", [False, True])
def test_only_e_graded_intelligence_does_not_make_a_suspect(
        store: Store, settings: Settings, tmp_path: Path, corroborated: bool) -> None:
    path = write_jsonl(tmp_path / "r.jsonl", _reports(corroborated))
    assert ingest([path], settings=settings, store=store).ok
    uid = {r["ref"]: r["uid"] for r in store.read_text(
        "MATCH (p:Person) RETURN p.nominal_ref AS ref, p.uid AS uid", {})}
    result = analyse(store).result
    targets = {t["uid"] for t in result["targets"]}
    unfounded = {u["uid"]: u for u in result["unfounded_suspects"]}
    people = {p["uid"]: p for p in result["people"]}
    G = project(store, ProjectionParams(as_of=AS_OF)).graph
    if corroborated:
        assert uid["N301"] in targets and not unfounded
        assert "suspect" in G.nodes[uid["N301"]]["roles"]
        assert "unfounded_roles" not in people[uid["N301"]]
    else:
        assert targets == {uid["N101"]}
        assert unfounded[uid["N301"]]["reports"] == [{"ref": "R2", "grading": "3EP"}]
        assert G.nodes[uid["N301"]]["roles"] == ["witness"]
        assert people[uid["N301"]]["unfounded_roles"] == ["suspect"]
        # the graph itself still holds what the intelligence said
        roles = store.read_text("MATCH (p:Person {uid: $u}) RETURN p.roles AS r",
                                {"u": uid["N301"]})[0]["r"]
        assert "suspect" in roles
        out = CliRunner().invoke(app, ["analyse", "--as-of", AS_OF])
        assert out.exit_code == 0, out.output
        assert ("not treated as a suspect: Tyler GREEN - named as one only in intelligence "
                "graded as suspected false (R2 3EP); corroborate first") in out.output
