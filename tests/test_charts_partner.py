"""Partner charts: no child's name or date of birth in any file or file name; children by
stable pseudonyms, ages not dates of birth; intelligence not cleared for sharing left out,
with a line saying so."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import networkx as nx
import pytest

from graphintel.charts import SelectionSpec, make_chart, write_chart
from graphintel.config import Settings
from graphintel.redact import load_key, pseudonym
from graphintel.store import Store
from tests.test_charts_world import CHILDREN, LILY, WITHHELD_REF, load_world, network_of

LILY_UID = "Person:nd:lily hart|2010-06-15"
CHLOE_UID = "Person:nd:chloe marsh|2011-02-03"
SAM_UID = "Person:nd:sam young|2012-08-08"


def _name_patterns() -> list[re.Pattern[str]]:
    words = set()
    for name in [*CHILDREN, *LILY["aliases"]]:
        words.add(name)
        words.update(name.split())
        words.add(name.replace(" ", ""))
    return [re.compile(rf"(?<![a-z0-9]){re.escape(w.lower())}(?![a-z0-9])") for w in words]


def _dob_forms(dob: str) -> list[str]:
    y, m, d = dob.split("-")
    return [dob, f"{d}/{m}/{y}", f"{y}/{m}/{d}", f"{y}{m}{d}", f"{d}.{m}.{y}", f"{m}/{d}/{y}",
            f"{d}-{m}-{y}"]


NAMES = _name_patterns()
DOBS = [form for dob in CHILDREN.values() for form in _dob_forms(dob)]


def leaks(text: str) -> list[str]:
    """Every child's name (any case, whole words), alias or date of birth in ``text``."""
    low = text.lower()
    found = [p.pattern for p in NAMES if p.search(low)]
    return found + [d for d in DOBS if d in text]


SELECTIONS = {
    "network-tariq": lambda w: SelectionSpec.network(network_of(w, "Tariq Noon")),
    "network-marcus": lambda w: SelectionSpec.network(network_of(w, "Marcus Vane")),
    "network-gary": lambda w: SelectionSpec.network(network_of(w, "Gary Platt")),
    "around-child": lambda w: SelectionSpec.around(["Lily Hart"], hops=2),
    "around-gary": lambda w: SelectionSpec.around(["N300"], hops=2),
    "path-to-child": lambda w: SelectionSpec.path("Gary Platt", "Sam Young"),
    "victim": lambda w: SelectionSpec.victim("Lily Hart"),
}


@pytest.fixture(scope="module")
def outputs(session_store: Store, settings: Settings,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[Any, Any]]:
    """Every selection written in every format, partner and internal profile."""
    world = load_world(session_store, settings, tmp_path_factory.mktemp("world"))
    out: dict[Any, Any] = {"world": world}
    for profile in ("partner", "internal"):
        for name, spec in SELECTIONS.items():
            folder = tmp_path_factory.mktemp(f"{profile}-{name}")
            out[(profile, name)] = write_chart(session_store, settings, spec(world),
                                               formats="all", profile=profile,
                                               out_dir=folder)
    yield out


@pytest.mark.parametrize("name", list(SELECTIONS))
def test_partner_files_hold_no_child_name_or_date_of_birth(outputs: dict[Any, Any],
                                                           name: str) -> None:
    paths: list[Path] = outputs[("partner", name)]
    assert {p.suffix for p in paths} == {".html", ".graphml", ".gexf", ".cyjs", ".csv",
                                         ".txt", ".anx"}
    for path in paths:
        assert leaks(path.name) == [], path.name
        assert leaks(path.read_text(encoding="utf-8-sig")) == [], path.name
        assert WITHHELD_REF not in path.read_text(encoding="utf-8-sig"), path.name


@pytest.mark.parametrize("name", list(SELECTIONS))
def test_the_leak_search_finds_names_in_internal_files(outputs: dict[Any, Any],
                                                       name: str) -> None:
    text = "\n".join(p.read_text(encoding="utf-8-sig") for p in outputs[("internal", name)])
    assert leaks(text), "the internal files should name the children (search works)"


def test_children_are_shown_by_stable_pseudonyms_and_ages(
        outputs: dict[Any, Any], session_store: Store, settings: Settings) -> None:
    key = load_key(settings.home)
    lily, sam = pseudonym(LILY_UID, key), pseudonym(SAM_UID, key)
    victim = outputs[("partner", "victim")]
    assert victim[0].name == f"chart-victim-{lily.lower()}-partner.html"
    around = outputs[("partner", "around-child")]
    assert around[0].name == f"chart-around-{lily.lower()}-partner.html"
    g = nx.read_graphml(victim[1])
    assert g.nodes[lily]["label"] == lily and g.nodes[lily]["age"] == "13-15"
    assert g.nodes[lily]["dob"] == "" and g.nodes[lily]["nominal_ref"] == ""
    assert g.nodes[lily]["aliases"] == "" and g.nodes[lily]["gender"] == ""
    # a child by age (not by role) is pseudonymised too
    gary = nx.read_graphml(outputs[("partner", "network-gary")][1])
    assert g.nodes[lily]["child"] and gary.nodes[sam]["child"]
    assert gary.nodes[sam]["label"] == sam and gary.nodes[sam]["age"] == "10-12"
    # the same child has the same code in a later chart
    again = make_chart(session_store, settings, SelectionSpec.victim("Lily Hart"),
                       profile="partner")
    assert lily in again.graph and again.slug == f"victim-{lily.lower()}"
    # adults keep their names but not their dates of birth or raw uids
    marcus = [d for _, d in g.nodes(data=True) if d["label"] == "Marcus Vane"]
    assert marcus and marcus[0]["dob"] == "" and marcus[0]["age"] == "36"
    assert not any(n.startswith("Person:") for n in g)


def test_intelligence_not_cleared_for_sharing_is_left_out_and_said_so(
        outputs: dict[Any, Any], settings: Settings) -> None:
    chloe = pseudonym(CHLOE_UID, load_key(settings.home))
    paths = {p.suffix: p for p in outputs[("partner", "network-tariq")]}
    note = "Withheld from this partner version: 1 intelligence report(s)"
    html = paths[".html"].read_text(encoding="utf-8")
    assert note in html
    assert chloe not in html  # she rests only on the withheld report
    g = nx.read_graphml(paths[".graphml"])
    assert note in g.graph["withheld"]
    assert "EXPLOITS" not in {d["link_type"] for *_, d in g.edges(data=True)}
    assert note in json.loads(paths[".cyjs"].read_text())["data"]["withheld"]
    assert note in paths[".gexf"].read_text(encoding="utf-8")
    comments = [str(f.get("Field")) for f in ET.parse(paths[".anx"]).getroot().iter("Field")
                if f.get("Type") == "SummaryFieldComments"]
    assert comments and note in comments[0]
    about = [p for p in outputs[("partner", "network-tariq")] if p.name.endswith("about.txt")]
    assert note in about[0].read_text(encoding="utf-8")
    # the internal chart has her and the link
    internal = nx.read_graphml(next(p for p in outputs[("internal", "network-tariq")]
                                    if p.suffix == ".graphml"))
    assert "Chloe Marsh" in {d["label"] for _, d in internal.nodes(data=True)}
    assert internal.graph["withheld"] == ""
