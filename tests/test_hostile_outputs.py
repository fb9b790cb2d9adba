"""Names with terminal escapes, bidi overrides and comment breakers, through the Word agenda
and the XML chart exports (GEXF, ANX, GraphML, yEd GraphML), against the real Neo4j: after
ingest (which cleans them) and, as defence in depth, from a graph that still holds them (as
one loaded before ingest cleaned them would)."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import docx
import networkx as nx
import pytest

from graphintel.agenda import write_agenda
from graphintel.charts import Chart, SelectionSpec, make_chart, write_files
from graphintel.charts.graphml import _comment
from graphintel.config import Settings
from graphintel.store import Store
from tests.graph_helpers import analyse, report
from tests.test_agenda_data import JORDAN, NASTY, base_reports, fixed_key_settings, load

ESCY = "Escy\x1b[2J\x1b]0;PWN\x07 Name"
BIDI = "Jo\u202eeman\u202c null"
MAL = "Mal ---><!DOCTYPE x [<!ENTITY e 'pwn'>]><!-- x ----->-"
XML_FORMATS = ["gexf", "anx", "graphml", "graphml-yed"]
#: What XML 1.0 cannot hold, and the characters that reorder or hide text.
BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e\u2066-\u2069\u200b-\u200f]")


def hostile_reports() -> list[dict[str, Any]]:
    """The agenda fixture with its suspect named with terminal escapes, and two more
    suspects (a bidi override, a comment breaker) linked to Jordan."""
    reports = base_reports()
    for r in reports:
        for e in r["entities"]:
            if e.get("name") == NASTY:
                e["name"], e["nominal_ref"] = ESCY, "N666"
    jordan = {"id": "j", "type": "Person", "name": JORDAN[0], "dob": JORDAN[1],
              "role": "suspect", "nominal_ref": "N1001"}
    reports.append(report("IR/2025/0666", [
        jordan,
        {"id": "b", "type": "Person", "name": BIDI, "dob": "1988-08-08", "role": "suspect",
         "nominal_ref": "N667"},
        {"id": "m", "type": "Person", "name": MAL, "dob": "1987-07-07", "role": "suspect",
         "nominal_ref": "N668"}],
        [{"from": "b", "to": "j", "type": "ASSOCIATE_OF"},
         {"from": "m", "to": "j", "type": "ASSOCIATE_OF"}],
        date="2025-03-03T10:00:00", grading="2BP"))
    return reports


def check_outputs(store: Store, settings: Settings, out: Path) -> str:
    """Write the Word agenda and every XML chart around each hostile suspect; check each
    reads back; the agenda's text."""
    paths = write_agenda(store, settings, out_dir=out / "agenda", date="2025-04-01",
                         formats=["docx"])
    document = docx.Document(str(paths[0]))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for row in t.rows for c in row.cells)
    assert not BAD_CHARS.search(text)
    for nominal in ("N666", "N667", "N668"):
        chart = make_chart(store, settings, SelectionSpec.around([nominal], hops=1))
        assert not BAD_CHARS.search(chart.meta["title"])
        for path in write_files(chart, XML_FORMATS, out / nominal):
            ET.parse(path)  # well-formed, or this raises
            body = path.read_text(encoding="utf-8")
            for comment in re.findall(r"<!--(.*?)-->", body, re.S):
                assert "--" not in comment and not comment.endswith("-"), path.name
            # the name is text: never a declaration of the file's own
            assert "<!DOCTYPE" not in re.sub(r"<!--.*?-->", "", body, flags=re.S)
    return text


@pytest.fixture()
def keyed(settings: Settings, tmp_path: Path) -> Settings:
    return fixed_key_settings(settings, tmp_path / "home")


def test_ingested_hostile_names_give_a_word_agenda_and_xml_charts(
        store: Store, keyed: Settings, tmp_path: Path) -> None:
    load(store, keyed, tmp_path / "data", hostile_reports())
    names = {r["n"] for r in store.read_text(
        "MATCH (p:Person) WHERE p.nominal_ref IN ['N666', 'N667', 'N668'] "
        "RETURN p.name AS n", {})}
    assert names == {"Escy[2J]0;PWN Name", "Joeman null", MAL}
    text = check_outputs(store, keyed, tmp_path / "out")
    assert "Escy[2J]0;PWN Name" in text


def test_a_graph_still_holding_hostile_names_gives_readable_outputs(
        store: Store, keyed: Settings, tmp_path: Path) -> None:
    load(store, keyed, tmp_path / "data", hostile_reports())
    with store._driver.session(database=store.database) as session:
        for nominal, raw in (("N666", ESCY + "\x00\ufffe"), ("N667", BIDI)):
            session.run("MATCH (p:Person {nominal_ref: $n}) SET p.name = $raw",
                        n=nominal, raw=raw).consume()
    analyse(store)  # the run stores the names as the graph has them
    text = check_outputs(store, keyed, tmp_path / "out")
    assert "Escy[2J]0;PWN Name" in text
    with zipfile.ZipFile(next((tmp_path / "out" / "agenda").glob("*.docx"))) as z:
        assert b"\x1b" not in z.read("word/document.xml")


def chart_titled(title: str) -> Chart:
    return Chart(nx.MultiDiGraph(), "x", "internal",
                 {"marking": "OFFICIAL-SENSITIVE", "title": title, "profile": "internal"})


@pytest.mark.parametrize("title", [
    "Mal --->", "a ----->", "-->", "ends with -", "---", "- - -", "--", "-",
    MAL, "x\x00y\x1bz", "plain title",
])
def test_the_graphml_comment_cannot_be_broken_out_of(title: str) -> None:
    comment = _comment(chart_titled(title))
    assert comment.startswith("<!--") and comment.endswith("-->\n")
    inner = comment[4:-4]
    assert "--" not in inner and not inner.endswith("-")
    root = ET.fromstring(comment + "<graphml/>")  # one comment, then the element
    assert root.tag == "graphml"
    assert inner.replace("- ", "-").count("-") >= title.count("-")  # no hyphen dropped


def test_the_graphml_comment_keeps_an_ordinary_title() -> None:
    assert _comment(chart_titled("People within 1 link of Jordan SMITH")) == \
        "<!-- OFFICIAL-SENSITIVE - People within 1 link of Jordan SMITH (internal profile) -->\n"
    assert replace(chart_titled("t"), profile="partner").profile == "partner"
