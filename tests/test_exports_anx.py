"""The ANX export checked against the element structure documented in docs/i2-import.md:
every element and attribute documented, nothing else; dates, grading and references on
every link; identities safe; types, strengths, classes and ends all declared."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from graphintel.charts import Chart, i2, make_chart, write_files
from graphintel.charts.build import SEP
from graphintel.config import Settings
from graphintel.store import Store
from tests.test_exports_world import AROUND_MARCUS, PARALLEL_REF, load_export_world

DOC = Path(__file__).resolve().parent.parent / "docs" / "i2-import.md"
SAFE = re.compile(r"[A-Za-z0-9._:~\-]+")
STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")


def documented_structure() -> dict[str, tuple[set[str], set[str]]]:
    """path -> (required attributes, optional attributes), in the documented order."""
    text = DOC.read_text(encoding="utf-8")
    block = text.split("<!-- anx-structure", 1)[1].split("```text", 1)[1].split("```", 1)[0]
    out: dict[str, tuple[set[str], set[str]]] = {}
    for line in block.strip().splitlines():
        path, _, attrs = line.partition("=")
        required, _, optional = attrs.partition("|")
        out[path.strip()] = (set(required.split()), set(optional.split()))
    return out


def documented_types() -> list[list[str]]:
    text = DOC.read_text(encoding="utf-8")
    table = text.split("<!-- i2-entity-types", 1)[1].split("\n\n", 1)[0]
    rows = [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in table.splitlines()[1:] if line.startswith("|")]
    return rows[2:]  # past the header and the rule


@pytest.fixture(scope="module")
def anx(session_store: Store, settings: Settings, tmp_path_factory: pytest.TempPathFactory
        ) -> Iterator[dict[str, tuple[Chart, ET.Element]]]:
    folder = tmp_path_factory.mktemp("anx")
    load_export_world(session_store, settings, folder)
    out = {}
    for profile in ("internal", "partner"):
        chart = make_chart(session_store, settings, AROUND_MARCUS, profile=profile)
        path = write_files(chart, ["anx"], folder / profile)[0]
        out[profile] = (chart, ET.parse(path).getroot())
    yield out


def _walk(element: ET.Element, path: str) -> Iterator[tuple[str, ET.Element]]:
    yield path, element
    for child in element:
        yield from _walk(child, f"{path}/{child.tag}")


@pytest.mark.parametrize("profile", ["internal", "partner"])
def test_anx_has_exactly_the_documented_elements_and_attributes(
        anx: dict[str, tuple[Chart, ET.Element]], profile: str) -> None:
    structure = documented_structure()
    assert len(structure) > 30
    _, root = anx[profile]
    seen: set[str] = set()
    for path, element in _walk(root, root.tag):
        assert path in structure, f"undocumented element {path}"
        required, optional = structure[path]
        present = set(element.attrib)
        assert required <= present, (path, required - present)
        assert present <= required | optional, (path, present - required - optional)
        seen.add(path)
    # every documented element occurs (the chart has events, cards, shading, ...)
    assert seen == set(structure), set(structure) - seen
    order = [p.split("/")[1] for p in structure if p.count("/") == 1]
    assert [child.tag for child in root] == order


@pytest.mark.parametrize("profile", ["internal", "partner"])
def test_every_link_has_dates_grading_and_references(
        anx: dict[str, tuple[Chart, ET.Element]], profile: str) -> None:
    chart, root = anx[profile]
    g = chart.graph
    strengths = {s.get("Name") for s in root.iter("Strength")}
    link_types = {t.get("Name") for t in root.iter("LinkType")}
    classes = {c.get("Name") for c in root.iter("AttributeClass")}
    grade_sizes = [len(root.findall(f"{tag}/StringCollection/String"))
                   for tag in ("GradeOne", "GradeTwo", "GradeThree")]
    assert grade_sizes == [len(i2.GRADE_ONE), len(i2.GRADE_TWO), len(i2.GRADE_THREE)]
    entity_ids = {e.get("EntityId") for e in root.iter("Entity")}
    links = [item for item in root.iter("ChartItem") if item.find("Link") is not None]
    assert len(links) == g.number_of_edges() > 0
    by_id = {k: (a, b, d) for a, b, k, d in g.edges(keys=True, data=True)}
    for item in links:
        attrs = {a.get("AttributeClass"): a.get("Value") for a in item.iter("Attribute")}
        assert set(attrs) <= classes
        a, b, d = by_id[str(attrs["link_id"])]
        link = item.find("Link")
        assert link is not None and (link.get("End1Id"), link.get("End2Id")) == (a, b)
        assert {a, b} <= entity_ids
        # dates: the timeline's date and time, the first seen day of the link
        assert item.get("DateSet") == "true" and STAMP.fullmatch(str(item.get("DateTime")))
        assert str(item.get("DateTime"))[:10] == d["first_seen"]
        if item.get("TimeSet") == "false":
            assert str(item.get("DateTime")).endswith("T00:00:00")
        # grading: the best report's, in the three fields, and the strength from it
        grades = [int(str(item.get(f"Grade{n}Index"))) for n in ("One", "Two", "Three")]
        assert all(0 < x < size for x, size in zip(grades, grade_sizes, strict=True))
        assert (i2.SOURCE_CODES[grades[0]] + i2.INTEL_CODES[grades[1]]
                + i2.HANDLING_CODES[grades[2]]) == d["grading"]
        style = link.find("LinkStyle")
        assert style is not None and style.get("Strength") in strengths
        assert style.get("Strength") == i2.strength(d["grading"])
        assert style.get("Type") == d["link_type"] and d["link_type"] in link_types
        # references: every report (for a file-wide one, its rows), as the source
        # reference and one card each
        refs = d["refs"].split(SEP)
        rows = [r for r in d["rows"].split(SEP) if r]
        cited = [r for ref in refs
                 for r in ([x for x in rows if x.startswith(ref.split(":", 1)[-1] + "#L")]
                           or [ref])]
        assert item.get("SourceReference") == SEP.join(cited) and refs != [""]
        assert item.get("SourceType") == d["source_types"] != ""
        cards = link.findall("CardCollection/Card")
        assert [c.get("Summary") for c in cards] == refs
        assert SEP.join(str(c.get("SourceReference")) for c in cards) == SEP.join(cited)
        assert all(c.get("DateSet") == "true" and c.get("SourceType") for c in cards)
        assert item.get("Description") and attrs["link_id"] not in str(item.get("Description"))
        assert g.nodes[a]["label"] in str(item.get("Description"))


@pytest.mark.parametrize("profile", ["internal", "partner"])
def test_entities_have_safe_identities_declared_types_and_standard_icons(
        anx: dict[str, tuple[Chart, ET.Element]], profile: str) -> None:
    chart, root = anx[profile]
    g = chart.graph
    documented = {(row[1], row[2]) for row in documented_types()}
    declared = {t.get("Name"): t.get("IconFile") for t in root.iter("EntityType")}
    assert set(declared.items()) <= documented
    identities = [str(e.get("Identity")) for e in root.iter("Entity")]
    assert len(identities) == len(set(identities)) == g.number_of_nodes()
    assert all(SAFE.fullmatch(i) for i in identities), identities
    assert set(identities) == set(g.nodes)
    shading = {t.name: t.shading for t in (i2.VICTIM_TYPE, i2.SUSPECT_TYPE)}
    for item in root.iter("ChartItem"):
        entity = item.find("End/Entity")
        if entity is None:
            continue
        icon = item.find("End/Entity/Icon/IconStyle")
        assert icon is not None and icon.get("Type") in declared
        d = g.nodes[str(entity.get("Identity"))]
        assert icon.get("Type") == d["i2_type"]
        if d["i2_type"] in shading:
            assert icon.get("IconShadingColour") is not None
        if d["type"] == "Event":
            assert item.get("DateSet") == "true" and item.get("TimeSet") == "true"
            assert item.get("DateTime") == d["event_start"][:19]
    # a victim and a suspect are both in this chart, told apart by their icons (not only
    # by shading: a chart printed in greyscale must never show a child like a suspect)
    assert {"Victim", "Suspect"} <= set(declared) and declared["Victim"] == "Person"
    assert declared["Suspect"] == "Prisoff" != declared["Victim"]


def test_the_documented_icon_table_is_the_one_the_exports_use() -> None:
    rows = documented_types()
    table = {(r[1], r[2], r[3]) for r in rows}
    used = {(t.name, t.icon, t.shading) for t in (*i2.ENTITY_TYPES.values(), i2.UNKNOWN_TYPE,
                                                 i2.VICTIM_TYPE, i2.SUSPECT_TYPE)}
    assert table == used
    assert "Victim" not in i2.STANDARD_ICONS and "Suspect" not in i2.STANDARD_ICONS


def test_rows_of_mapped_files_are_the_anx_source_references(
        anx: dict[str, tuple[Chart, ET.Element]]) -> None:
    _, root = anx["internal"]
    called = [item for item in root.iter("ChartItem")
              if item.find("Link/LinkStyle[@Type='CALLED']") is not None]
    assert [c.get("SourceReference") for c in called] == [
        "call_data.csv#L2; call_data.csv#L3"]
    card = called[0].find("Link/CardCollection/Card")
    assert card is not None and card.get("Summary") == "call_data:call_data.csv"
    assert card.get("DateTime") == "2025-02-21T20:00:00"  # the first call


def test_parallel_links_are_separate_anx_links(anx: dict[str, tuple[Chart, ET.Element]]
                                               ) -> None:
    chart, root = anx["internal"]
    pairs: dict[tuple[Any, Any], list[str]] = {}
    for link in root.iter("Link"):
        style = link.find("LinkStyle")
        assert style is not None
        pairs.setdefault((link.get("End1Id"), link.get("End2Id")), []).append(
            str(style.get("Type")))
    assert sorted(max(pairs.values(), key=len)) in (["ASSOCIATE_OF", "EXPLOITS"],
                                                   ["ASSOCIATE_OF", "FAMILY_OF"])
    cards = [c.get("SourceReference") for c in root.iter("Card")]
    assert PARALLEL_REF in cards
