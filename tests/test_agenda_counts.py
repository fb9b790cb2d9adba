"""One count for each thing everywhere: the command line, the JSON result and the agenda say
the same number of people, suspects and people at risk for the same run, even when the
graph has moved on since the run (the agenda used to recount people at risk from the
graph's current roles, so a person assessed as a victim after the run made it say one more
than the command line)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

from graphintel.agenda import build_agenda, write_agenda
from graphintel.agenda import model as m
from graphintel.cli import analyse_cmd
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl
from tests.test_agenda_data import KYLE, base_reports, fixed_key_settings, person

ZOE = ("Zoe HART", "1990-05-05")
RIA = ("Ria CROSS", "1999-01-01")


def extra_reports() -> list[dict[str, Any]]:
    """An adult victim, and an adult associate who is assessed as a victim only later."""
    return [report("IR/2025/0401", [person("k", *KYLE, "suspect"), person("r", *RIA, "victim"),
                                    person("z", *ZOE, "associate")],
                   [{"from": "k", "to": "r", "type": "EXPLOITS"},
                    {"from": "k", "to": "z", "type": "ASSOCIATE_OF"}],
                   date="2025-03-04T10:00:00", grading="2BP")]


def later_victim() -> list[dict[str, Any]]:
    return [report("IR/2025/0402", [person("k", *KYLE, "suspect"), person("z", *ZOE, "victim")],
                   [{"from": "k", "to": "z", "type": "EXPLOITS"}],
                   date="2025-03-04T12:00:00", grading="2BP")]


def _analyse(out: Path) -> str:
    """``graphintel analyse --as-of 2025-03-05 --json OUT`` on the command line; what it
    printed."""
    app = typer.Typer()
    app.command("analyse")(analyse_cmd.analyse)
    app.command("other")(lambda: None)
    result = CliRunner().invoke(app, ["analyse", "--as-of", "2025-03-05", "--json", str(out)])
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_json_and_agenda_give_the_same_counts(store: Store, settings: Settings,
                                                  tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    src = write_jsonl(tmp_path / "a.jsonl", base_reports() + extra_reports())
    assert ingest([src], settings=settings, store=store).ok
    out = tmp_path / "run.json"
    output = _analyse(out)
    printed = re.search(r"analysis run (\S+): (\d+) people, \d+ links, (\d+) suspects, "
                        r"(\d+) people at risk \((\d+) children? under 18, (\d+) adult victims?\)",
                        output)
    assert printed, output
    run_id = printed.group(1)
    people, suspects, at_risk, children, adults = (int(printed.group(i)) for i in range(2, 7))
    doc = json.loads(out.read_text())["run"]
    assert (doc["persons"], doc["suspects"], doc["at_risk"], doc["children"]) == \
        (people, suspects, at_risk, children)
    assert adults == at_risk - children == 1  # Ria; Zoe is not (yet) a victim

    # new intelligence after the run: Zoe is now assessed as a victim
    src2 = write_jsonl(tmp_path / "b.jsonl", later_victim())
    assert ingest([src2], settings=settings, store=store).ok
    agenda = build_agenda(store, keyed, run_id=run_id, date="2025-04-01")
    s = agenda.summary
    assert (s.people, s.suspects, s.at_risk, s.children, s.adult_victims) == \
        (people, suspects, at_risk, children, adults)
    assert s.targets == len(json.loads(out.read_text())["targets"])
    # the appendix has one row per person at risk in the run, no more
    assert len(agenda.children_rows) == at_risk
    assert "Zoe HART" not in {c.name for c in agenda.children_rows}
    md = write_agenda(store, keyed, run_id=run_id, formats="md", out_dir=tmp_path / "out",
                      date="2025-04-01")[0].read_text(encoding="utf-8")
    page_one = md[md.index(f"## {m.DECISIONS}"):md.index(f"## {m.SAFEGUARDING}")]
    child_word = "child" if children == 1 else "children"
    assert (f"| People at risk | {at_risk} ({children} {child_word} under 18, {adults} adult "
            f"victim{'s' if adults != 1 else ''}) |") in page_one
    assert f"| People in the analysis | {people} |" in page_one
    assert f"| Suspects | {suspects} |" in page_one


def test_a_possible_child_is_not_counted_as_an_adult_victim(store: Store, settings: Settings,
                                                            tmp_path: Path) -> None:
    """"Child A", a victim of no recorded age, is protected as a possible child: the
    command line, the JSON and the agenda count her apart, not as an adult victim, and
    her abuser's reasons call her a child."""
    keyed = fixed_key_settings(settings, tmp_path / "home")
    child_a = {"id": "a", "type": "Person", "name": "Child A", "role": "victim"}
    extra = [report("IR/2025/0403", [person("k", *KYLE, "suspect"), child_a,
                                     person("r", *RIA, "victim")],
                    [{"from": "k", "to": "a", "type": "EXPLOITS"},
                     {"from": "k", "to": "r", "type": "EXPLOITS"}],
                    date="2025-03-04T10:00:00", grading="2BP")]
    src = write_jsonl(tmp_path / "a.jsonl", base_reports() + extra)
    assert ingest([src], settings=settings, store=store).ok
    out = tmp_path / "run.json"
    output = _analyse(out)
    printed = re.search(r"(\d+) people at risk \((\d+) children? under 18, (\d+) adult "
                        r"victims?, 1 possibly a child \(no recorded age says so\)\)",
                        output)
    assert printed, output
    at_risk, children, adults = (int(printed.group(i)) for i in range(1, 4))
    doc = json.loads(out.read_text())
    assert doc["run"]["possible_children"] == 1
    assert at_risk == children + adults + 1 and adults == 1  # Ria only
    kyle = next(t for t in doc["targets"] if t["name"] == KYLE[0])
    linked = next(r for r in kyle["reasons"] if "by direct evidence of contact" in r)
    assert "1 adult victim" in linked and "adult victims" not in linked, linked
    agenda = build_agenda(store, keyed, run_id=doc["run"]["id"], date="2025-04-01")
    s = agenda.summary
    assert (s.at_risk, s.children, s.adult_victims, s.possible_children) == \
        (at_risk, children, adults, 1)
