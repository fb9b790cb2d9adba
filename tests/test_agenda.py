"""The network-meeting agenda: Markdown snapshots, determinism, the Word document read
back, escaping, the tactics data file, the CLI and its errors."""

from __future__ import annotations

import os
import re
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import docx
import pytest
import typer
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from typer.testing import CliRunner

from graphintel.agenda import Limits, build_agenda, write_agenda
from graphintel.agenda import model as m
from graphintel.analysis.stored import load_run
from graphintel.cli import agenda_cmd
from graphintel.config import Settings
from graphintel.errors import ConfigError, NotFound, OutputError
from graphintel.store import Store
from tests.test_agenda_data import NASTY, base_reports, fixed_key_settings, load

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("GRAPHINTEL_UPDATE_SNAPSHOTS") == "1"
RUN_ID = re.compile(r"run-\d{8}T\d{6}-[0-9a-f]{8}-[0-9a-f]{4}")
STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
#: Action ids hash the meeting, whose id holds the run id.
ACTION_ID = re.compile(r"\bA-[0-9a-f]{8}\b")


@dataclass
class Fixture:
    store: Store
    settings: Settings
    run_id: str
    folder: Path


@pytest.fixture(scope="module")
def fx(session_store: Store, settings: Settings,
       tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fixture]:
    """The fixture data loaded and analysed once for this module."""
    session_store.wipe()
    folder = tmp_path_factory.mktemp("agenda")
    keyed = fixed_key_settings(settings, folder / "home")
    run_id = load(session_store, settings, folder / "data", base_reports())
    yield Fixture(session_store, keyed, run_id, folder)


def masked(text: str) -> str:
    """The document with its run ids, action ids and timestamps (run time, generation time)
    masked."""
    return ACTION_ID.sub("A-<ID>", STAMP.sub("<TIME>", RUN_ID.sub("run-<ID>", text)))


def write(fx: Fixture, out: Path, **kw: object) -> list[Path]:
    options: dict[str, object] = {"date": "2025-04-01", **kw}
    return write_agenda(fx.store, fx.settings, out_dir=out, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("profile", ["internal", "partner"])
def test_markdown_snapshot(fx: Fixture, profile: str, tmp_path: Path) -> None:
    paths = write(fx, tmp_path, profile=profile, formats="md")
    assert [p.name for p in paths][0] == f"agenda-{fx.run_id}-{profile}.md"
    text = masked(paths[0].read_text(encoding="utf-8"))
    assert re.search(r"^Generated: <TIME> by graphintel$", text, re.M)
    snap = SNAPSHOTS / f"agenda-{profile}.md"
    if UPDATE or not snap.exists():
        snap.parent.mkdir(parents=True, exist_ok=True)
        snap.write_text(text, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"snapshot {snap.name} was missing and has been written; re-run")
    assert text == snap.read_text(encoding="utf-8")


def test_sections_in_the_issue_order(fx: Fixture, tmp_path: Path) -> None:
    text = write(fx, tmp_path, formats="md")[0].read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == lines[-1] == "**OFFICIAL-SENSITIVE**"
    h2 = [line[3:] for line in lines if line.startswith("## ")]
    # the core: decisions first, safeguarding first-class, a block per network, actions;
    # then the numbered appendices the core cites
    assert h2[:2] == [m.DECISIONS, m.SAFEGUARDING]
    assert [n.split(" — ")[0] for n in h2[2:5]] == ["Network 2", "Network 1", "Network 3"]
    assert h2[5:] == [m.ACTIONS, m.APPENDIX_EVIDENCE, m.APPENDIX_CHILDREN, m.APPENDIX_PLACES,
                      m.APPENDIX_CHANGES, m.APPENDIX_GAPS, m.APPENDIX_PICTURES]
    contents = text[text.index("**Contents**"):text.index(f"## {m.DECISIONS}")]
    assert [re.sub(r"\\(.)", r"\1", t) for t in re.findall(r"^- \[(.*)\]\(#", contents, re.M)] \
        == [re.sub(r"\\(.)", r"\1", h) for h in h2]
    for title in ("Appendix A", "Appendix B", "Appendix C", "Appendix E", "Appendix F"):
        core = text[:text.index(f"## {m.APPENDIX_EVIDENCE}")]
        assert title in core  # every appendix is cited from the core pages
    assert "- **Protective marking:** OFFICIAL-SENSITIVE" in lines
    assert f"- **Analysis run:** {fx.run_id} " in text


def test_content_follows_the_analysis(fx: Fixture) -> None:
    agenda = build_agenda(fx.store, fx.settings, run_id=fx.run_id, date="2025-04-01")
    doc = load_run(fx.store, fx.run_id)
    first = agenda.networks[0]
    ranks = [t.rank for n in agenda.networks for t in n.targets]
    assert sorted(ranks) == sorted(int(t["rank"]) for t in doc["targets"])
    assert [t.rank for t in first.targets] == sorted(t.rank for t in first.targets)
    jordan = first.targets[0]
    assert jordan.name == "Jordan SMITH" and jordan.dob == "1990-02-11 (age 35)"
    assert jordan.reasons == next(t["reasons"] for t in doc["targets"] if t["rank"] == 1)
    assert "Child abduction warning notice (CAWN)" in jordan.tactics
    amy = next(c for c in first.children if c.name == "Amy Caldwell")
    assert [e.start for e in amy.episodes] == ["2025-02-14 19:00", "2025-01-05 18:00"]
    assert amy.episodes[1].found_at == "Kebab House, BA1 1AA"
    assert amy.episodes[1].found_with == "Jordan SMITH"
    kebab = next(p for p in first.places if p.address.startswith("Kebab House"))
    assert "Licensing visit and premises licence review" in kebab.options
    assert [a.key for a in first.assets] == ["AB12CDE", "+447700900123"]
    weak = agenda.gaps[0]
    assert weak.link.startswith("Kyle Brown — associate of — Dean")
    assert weak.concerns == "rests on one report; source not reliable; intelligence graded D"
    assert all(a.action == "" for a in agenda.actions[-3:])


def test_limits_cut_and_count(fx: Fixture) -> None:
    agenda = build_agenda(fx.store, fx.settings, run_id=fx.run_id,
                          limits=Limits(targets=1, children=1))
    first = agenda.networks[0]
    assert len(first.targets) == 1 and first.more_targets == 1
    # two children have direct evidence of contact with the network's targets
    assert len(first.children) == 1 and first.more_children == 1


def test_same_run_same_documents_apart_from_the_timestamp(fx: Fixture, tmp_path: Path) -> None:
    one = write(fx, tmp_path / "a", generated_at="2026-01-01T10:00:00Z")
    time.sleep(1.1)
    two = write(fx, tmp_path / "b")
    for a, b in zip(one, two, strict=True):
        assert a.name == b.name
        if a.suffix in {".md", ".html"}:
            drop = re.compile(r"^(?:<p class=\"generated\">)?Generated: .*$", re.M)
            first, second = a.read_text(), b.read_text()
            assert first != second
            assert drop.sub("", first) == drop.sub("", second)
        elif a.suffix == ".png":
            assert a.read_bytes() == b.read_bytes()
    three = write(fx, tmp_path / "c", generated_at="2026-01-01T10:00:00Z")
    assert [p.read_bytes() for p in one] == [p.read_bytes() for p in three]


def test_docx_has_real_headings_tables_and_clean_properties(fx: Fixture,
                                                           tmp_path: Path) -> None:
    path = write(fx, tmp_path, formats=["docx"])[0]
    agenda = build_agenda(fx.store, fx.settings, run_id=fx.run_id, date="2025-04-01")
    d = docx.Document(str(path))
    headings = [(p.style.name, p.text) for p in d.paragraphs
                if p.style is not None and p.style.name.startswith("Heading")]
    assert headings[0] == ("Heading 1", m.TITLE)
    h2 = [t for s, t in headings if s == "Heading 2"]
    assert h2 == [m.DECISIONS, m.SAFEGUARDING, *(n.label for n in agenda.networks), m.ACTIONS,
                  m.APPENDIX_EVIDENCE, m.APPENDIX_CHILDREN, m.APPENDIX_PLACES,
                  m.APPENDIX_CHANGES, m.APPENDIX_GAPS, m.APPENDIX_PICTURES]
    tables = [(tuple(c.text for c in t.rows[0].cells), t) for t in d.tables]
    targets = [t for head, t in tables if head[:3] == ("Rank", "Who", "Score")]
    assert [len(t.rows) - 1 for t in targets] == [len(n.targets) for n in agenda.networks]
    assert targets[0].rows[1].cells[1].text.split("\n")[0] == "Jordan SMITH"
    actions = dict(tables)[("Action id", "Action", "Network", "Owner", "Agency", "Due",
                            "Status")]
    assert len(actions.rows) == len(agenda.actions) + 1
    proposed = [row for row in actions.rows[1:] if row.cells[1].text]
    assert proposed and all(row.cells[0].text.startswith("A-") and row.cells[3].text
                            and row.cells[4].text and row.cells[5].text == "2025-04-29"
                            for row in proposed)
    # every table repeats its header row on each page and has widths set from its content
    for _, t in tables:
        assert t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        widths = [int(c.get(qn("w:w"))) for c in t._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert len(set(widths)) > 1 or len(widths) == 1
    rank = targets[0].columns[0].width or 0
    reasons = targets[0].columns[3].width or 0
    assert reasons > 4 * rank  # the narrow column is narrow, the text column wide
    assert len(d.inline_shapes) == len(agenda.pictures()) + len(agenda.timelines())
    # each drawing has an id of its own (Word reports a document with two alike as damaged)
    ids = [int(x) for x in d.element.body.xpath("//wp:docPr/@id")]
    assert len(ids) == len(set(ids)) == len(d.inline_shapes) and min(ids) > 0
    first, wide = d.sections[0], d.sections[1]
    assert first.header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert first.footer.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    footer = first.footer.paragraphs[1]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert first.page_width is not None and first.page_height is not None
    assert round(first.page_width.mm) == 210 and round(first.page_height.mm) == 297
    assert wide.orientation == WD_ORIENT.LANDSCAPE and wide.page_width is not None
    assert round(wide.page_width.mm) == 297
    body = d.element.body.xml
    assert 'TOC \\o "2-2"' in body
    props = d.core_properties
    run_created = datetime.fromisoformat(
        load_run(fx.store, fx.run_id)["run"]["created_at"].replace("Z", "+00:00"))
    assert props.author == props.last_modified_by == "graphintel"
    assert props.created == props.modified == run_created
    assert fx.run_id in props.title and "Jordan" not in props.title
    with zipfile.ZipFile(path) as z:
        assert b"python-docx" not in z.read("docProps/core.xml")


def test_names_with_markup_are_escaped(fx: Fixture, tmp_path: Path) -> None:
    md, html = write(fx, tmp_path, formats="md,html")[:2]
    text = md.read_text(encoding="utf-8")
    assert r"Dean \<script\>alert(1)\</script\> \*Star\* \| O'Hara" in text
    for table in re.findall(r"(?:^\|.*\|$\n?)+", text, re.M):
        widths = {len(re.split(r"(?<!\\)\|", row)) for row in table.strip().splitlines()}
        assert len(widths) == 1, table
    page = html.read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "Dean &lt;script&gt;alert(1)&lt;/script&gt; *Star* | O&#x27;Hara" in page
    assert NASTY in build_agenda(fx.store, fx.settings, run_id=fx.run_id).networks[0] \
        .targets[1].name


def test_tactics_are_data(fx: Fixture, tmp_path: Path) -> None:
    own = tmp_path / "tactics.yaml"
    own.write_text(
        "tactics:\n"
        "  - id: bail_conditions\n"
        "    name: Bail conditions barring contact\n"
        "    basis: Bail Act 1976\n"
        "    agency: Police\n"
        "    description: Keep the target away from the children linked.\n"
        "    applies_to: {targets: {roles: [suspect], needs: [direct_link_to_child]}}\n",
        encoding="utf-8")
    text = write(fx, tmp_path / "out", formats="md", tactics_file=own)[0].read_text()
    assert "Bail conditions barring contact" in text
    assert "Child abduction warning notice" not in text and "ANPR" not in text
    own.write_text(own.read_text().replace("direct_link_to_child", "owns_a_dog"))
    with pytest.raises(ConfigError, match="unknown fact 'owns_a_dog'"):
        write(fx, tmp_path / "bad", formats="md", tactics_file=own)


def test_bad_input_is_refused(fx: Fixture, tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="no analysis run 'run-nope'"):
        write(fx, tmp_path, run_id="run-nope")
    with pytest.raises(NotFound):
        write(fx, tmp_path, since="run-nope")
    with pytest.raises(ConfigError, match="unknown agenda format 'pdf'"):
        write(fx, tmp_path, formats="md,pdf")
    with pytest.raises(ConfigError, match="unknown profile"):
        write(fx, tmp_path, profile="public")
    with pytest.raises(ConfigError, match="not a date"):
        write(fx, tmp_path, date="next Tuesday")
    with pytest.raises(ConfigError, match="not earlier"):
        write(fx, tmp_path, since=fx.run_id)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError):
        write(fx, blocker)
    with pytest.raises(OutputError):
        write(fx, blocker / "below")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_cli_prints_the_paths_it_wrote(fx: Fixture, tmp_path: Path) -> None:
    app = typer.Typer()
    app.command("agenda")(agenda_cmd.agenda)
    app.command("other")(lambda: None)
    result = CliRunner().invoke(app, ["agenda", "--run", fx.run_id, "--profile", "partner",
                                      "--format", "md,html", "--out", str(tmp_path),
                                      "--date", "2025-04-01", "--max-targets", "1"])
    assert result.exit_code == 0, result.output
    printed = [Path(line) for line in result.output.splitlines() if line.strip()]
    assert [p.name for p in printed[:2]] == [f"agenda-{fx.run_id}-partner.md",
                                             f"agenda-{fx.run_id}-partner.html"]
    assert all(p.is_file() and p.parent == tmp_path.resolve() for p in printed)
    assert sorted(printed) == sorted(tmp_path.resolve().iterdir())
    bad = CliRunner().invoke(app, ["agenda", "--format", "odt", "--out", str(tmp_path)])
    assert isinstance(bad.exception, ConfigError)


def test_files_are_only_written_inside_the_output_folder(tmp_path: Path) -> None:
    from graphintel.agenda import _write
    from graphintel.agenda.build import file_stem

    folder = tmp_path.resolve()
    assert file_stem("run-1/../../etc", "partner") == "agenda-run-1_etc-partner"
    for name in ("../escape.md", "sub/x.md", "/tmp/abs.md"):
        with pytest.raises(OutputError, match="outside the output folder"):
            _write(folder, name, b"x")
    assert _write(folder, "ok.md", b"x") == folder / "ok.md"
    assert sorted(p.name for p in folder.iterdir()) == ["ok.md"]
