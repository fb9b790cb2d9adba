"""Against Neo4j: a place, phone or account that is a child's only by intelligence whose
handling code does not permit sharing is left out of partner outputs with every link to
it (``Redactor.hidden``). Shown "withheld" beside an adult who lives there or uses it, it
would tell partners what that intelligence says (a child lives with him); named, it would
locate the child. A child's home known from a shareable report stays in, withheld by name
(the control), and the internal profile shows everything."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from graphintel.agenda import write_agenda
from graphintel.charts import SelectionSpec, write_chart
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.redact import born_after
from graphintel.store import Store
from tests.graph_helpers import analyse, person, report, write_jsonl
from tests.test_agenda_data import fixed_key_settings

AS_OF = "2025-05-04"


def _place(pid: str, address: str, postcode: str | None = None) -> dict[str, str]:
    out = {"id": pid, "type": "Location", "address": address, "kind": "home_address"}
    if postcode:
        out["postcode"] = postcode
    return out


def _phone(pid: str, number: str) -> dict[str, str]:
    return {"id": pid, "type": "Phone", "number": number}


def _reports() -> list[dict[str, Any]]:
    dean = person("d", "Dean FROST", "1985-06-06", "suspect", nominal_ref="N2222222")
    gary = person("g", "Gary MARSH", "1980-02-02", "suspect", nominal_ref="N1111111")
    amy = person("a", "Amy HILL", "2011-04-04", "victim")
    bella = person("b", "Bella COLE", "2012-05-05", "victim")
    cara = person("c", "Cara LANE", "2010-06-06", "victim")
    return [
        # the exploitation, shareable: Dean, Gary and the three girls are one network
        report("IR/H/1", [dean, gary, amy, bella, cara],
               [{"from": "d", "to": "a", "type": "EXPLOITS"},
                {"from": "g", "to": "b", "type": "EXPLOITS"},
                {"from": "g", "to": "c", "type": "EXPLOITS"},
                {"from": "d", "to": "g", "type": "ASSOCIATE_OF"}], date="2025-05-01"),
        # Amy's home and phone, and Cara's home, only in intelligence graded C
        report("IR/H/2", [amy, _place("ah", "9 Yarrow Close", "BS8 8YY"),
                          _phone("ap", "07700 900777")],
               [{"from": "a", "to": "ah", "type": "LIVES_AT"},
                {"from": "a", "to": "ap", "type": "USES"}], date="2025-05-02", grading="2BC"),
        report("IR/H/3", [cara, _place("ch", "12 Elm Road", "BS9 9EE")],
               [{"from": "c", "to": "ch", "type": "LIVES_AT"}], date="2025-05-02",
               grading="2BC"),
        # Dean's home and phone, Gary's homes: shareable
        report("IR/H/4", [dean, gary, _place("dh", "9 Yarrow Close", "BS8 8YY"),
                          _phone("dp", "07700 900777"), _place("gh", "3 Oak Road", "BS1 1AA"),
                          _place("ge", "12 Elm Rd")],
               [{"from": "d", "to": "dh", "type": "LIVES_AT"},
                {"from": "d", "to": "dp", "type": "USES"},
                {"from": "g", "to": "gh", "type": "LIVES_AT"},
                {"from": "g", "to": "ge", "type": "LIVES_AT"}], date="2025-05-03"),
        # the control: Bella's home is in a shareable report, and Gary lives there too
        report("IR/H/5", [bella, _place("bh", "3 Oak Road", "BS1 1AA")],
               [{"from": "b", "to": "bh", "type": "LIVES_AT"}], date="2025-05-04"),
    ]


@dataclass
class Written:
    run_id: str
    uids: dict[str, str]
    partner: list[Path]
    internal: list[Path]


@pytest.fixture(scope="module")
def written(session_store: Store, settings: Settings,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[Written]:
    session_store.wipe()
    folder = tmp_path_factory.mktemp("hidden-entities")
    keyed = fixed_key_settings(settings, folder / "home")
    src = write_jsonl(folder / "reports.jsonl", _reports())
    summary = ingest([src], settings=keyed, store=session_store)
    assert summary.ok, json.dumps(summary.as_dict(), default=str)
    run_id = str(analyse(session_store).id)
    uids = {str(r["what"]): str(r["uid"]) for r in session_store.read_text(
        "MATCH (e:Entity) WHERE e:Location OR e:Phone "
        "RETURN coalesce(e.address, e.number) AS what, e.uid AS uid", {})}
    out = Written(run_id, uids, [], [])
    for profile, paths in (("partner", out.partner), ("internal", out.internal)):
        paths += write_agenda(session_store, keyed, run_id=run_id, profile=profile,
                              formats=("md",), out_dir=folder / profile / "agenda")
        paths += write_chart(session_store, keyed,
                             SelectionSpec.around(["N2222222"], hops=2),
                             formats="csv", profile=profile, out_dir=folder / profile / "chart")
    yield out


def _lines(paths: list[Path], suffix: str) -> list[str]:
    return [line for p in paths if p.name.endswith(suffix)
            for line in p.read_text(encoding="utf-8").splitlines()]


def test_grounds_are_the_reports_of_the_childs_links(session_store: Store,
                                                     written: Written) -> None:
    """``protected_entities`` gives, for each way an entity is a child's, the refs of the
    links it rests on: her own link, or her link to another record of the address."""
    rows = {r["uid"]: r for r in session_store.read(
        "protected_entities", uids=sorted(written.uids.values()),
        born_after=born_after(AS_OF))}
    u = written.uids
    assert rows[u["9 Yarrow Close"]]["basis"] == [[["IR/H/2"]]]
    assert rows[u["+447700900777"]]["basis"] == [[["IR/H/2"]]]
    assert rows[u["3 Oak Road"]]["basis"] == [[["IR/H/5"]]]
    assert "SAME_ADDRESS" in rows[u["12 Elm Rd"]]["reasons"]
    assert rows[u["12 Elm Rd"]]["basis"] == [[["IR/H/3"]]]


def test_partner_agenda_leaves_out_what_only_withheld_intelligence_makes_a_childs(
        written: Written) -> None:
    lines = _lines(written.partner, "-partner.md")
    text = "\n".join(lines)
    # nothing ties Dean to a child's home or phone, nor Gary to Cara's home, in any form
    assert not [ln for ln in lines if "(withheld)" in ln and "Dean FROST" in ln], text
    assert "Yarrow" not in text and "900777" not in text and "Elm" not in text
    # the control: Bella's home, shareable, is a child's home withheld by name, with Gary;
    # it is the only one (every line that names it internally gives it withheld)
    oak = [ln for ln in lines if "child's home address (withheld)" in ln]
    internal = [ln for ln in _lines(written.internal, ".md") if "3 Oak Road, BS1 1AA" in ln]
    assert len(oak) == len(internal) >= 1, text
    assert [ln for ln in oak if "Gary MARSH (lives at)" in ln], text
    assert "Oak Road" not in text and "BS1 1AA" not in text
    assert "place(s), phone(s) or online account(s) withheld with every link to them" in text


def test_internal_agenda_keeps_them(written: Written) -> None:
    text = "\n".join(_lines(written.internal, ".md"))
    assert "9 Yarrow Close" in text and "Dean FROST (lives at" in text
    assert "12 Elm Rd" in text


def test_partner_chart_leaves_them_out_with_every_link(written: Written) -> None:
    nodes = "\n".join(_lines(written.partner, "-nodes.csv"))
    links = "\n".join(_lines(written.partner, "-links.csv"))
    assert "Dean FROST" in nodes
    assert "Yarrow" not in nodes and "900777" not in nodes and "Elm" not in nodes
    assert nodes.count("child's phone number (withheld)") == 0
    # the control: Bella's home is on the chart, withheld by name, linked to Gary
    assert nodes.count("child's home address (withheld)") == 1, nodes
    assert "Oak Road" not in nodes and "Oak Road" not in links
    internal = "\n".join(_lines(written.internal, "-nodes.csv"))
    assert "9 Yarrow Close" in internal and "+447700900777" in internal
