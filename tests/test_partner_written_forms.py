"""End to end against Neo4j: a child's identity written another way does not reach a
partner output (charts in every format, the agenda, the workspace's partner API).

The tester's case: a child, Jade Louise SMITH (born 2010-05-03), lives at 5 Elm Road,
BS3 1AA; the suspect exploiting her is recorded as "Jade Louise SMITH's uncle" and lives at
"5 ELM RD", BS31AA (another record of her home); her mother is recorded as "Mother of Jade
Louise SMITH"; the suspect's call data came in files named after the child's number and
name (``07700900111_download.csv``, ``SMITH_Jade_cdr.csv``). The internal versions hold
every one of those values, so the scan is shown to find them.
"""

from __future__ import annotations

import csv
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from graphintel.agenda import write_agenda
from graphintel.charts import SelectionSpec, write_chart
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.redact import born_after
from graphintel.store import Store
from graphintel.web.cache import PageCache
from graphintel.web.netdata import ViewSpec
from graphintel.web.views_network import _view_data
from tests.graph_helpers import analyse, person, report, write_jsonl
from tests.test_agenda_data import fixed_key_settings

#: Every form of the child's identity the outputs printed, lower-cased.
FORBIDDEN = ["jade louise smith", "jade smith", "smith, jade", "smith_jade", "07700900111",
             "7700900111", "5 elm rd", "5 elm road", "2010-05-03", "03/05/2010", "n2000002"]
#: Of those, what the internal versions must show (so the scan is real).
INTERNAL = ["jade louise smith", "07700900111_download.csv", "smith_jade_cdr.csv",
            "5 elm rd"]
CALLS = "Caller,Callee,Start,Duration Seconds\n"


def _place(pid: str, address: str, postcode: str) -> dict[str, str]:
    return {"id": pid, "type": "Location", "address": address, "postcode": postcode,
            "kind": "home_address"}


def _load(store: Store, settings: Settings, folder: Path) -> str:
    jade = person("v", "Jade Louise SMITH", "2010-05-03", "victim", nominal_ref="N2000002")
    uncle = person("s", "Jade Louise SMITH's uncle", "1980-01-01", "suspect",
                   nominal_ref="N1000001")
    mother = person("m", "Mother of Jade Louise SMITH", "1985-02-02", "associate")
    tom = person("t", "Tom BAKER", "1990-03-03", "suspect", nominal_ref="N1000002")
    reports = [
        report("IR/W/1", [jade, uncle, _place("vh", "5 Elm Road", "BS3 1AA"),
                          {"id": "vp", "type": "Phone", "number": "07700 900111"}],
               [{"from": "s", "to": "v", "type": "EXPLOITS"},
                {"from": "v", "to": "vh", "type": "LIVES_AT"},
                {"from": "v", "to": "vp", "type": "USES"}], date="2025-05-01"),
        report("IR/W/2", [uncle, mother, tom, _place("sh", "5 ELM RD", "BS31AA"),
                          {"id": "sp", "type": "Phone", "number": "07700 900999"},
                          {"id": "tp", "type": "Phone", "number": "07700 900888"}],
               [{"from": "s", "to": "sh", "type": "LIVES_AT"},
                {"from": "s", "to": "sp", "type": "USES"},
                {"from": "t", "to": "tp", "type": "USES"},
                {"from": "m", "to": "s", "type": "ASSOCIATE_OF"},
                {"from": "t", "to": "s", "type": "ASSOCIATE_OF"}], date="2025-05-10"),
        report("IR/W/3", [uncle, jade, tom],
               [{"from": "s", "to": "v", "type": "EXPLOITS"},
                {"from": "t", "to": "v", "type": "EXPLOITS"}], date="2025-06-01"),
    ]
    folder.mkdir(parents=True, exist_ok=True)
    src = write_jsonl(folder / "reports.jsonl", reports)
    by_number = folder / "07700900111_download.csv"
    by_number.write_text(CALLS + "07700900999,07700900111,2025-05-02T20:00:00,60\n"
                         "07700900111,07700900999,2025-05-03T21:00:00,30\n")
    by_name = folder / "SMITH_Jade_cdr.csv"
    by_name.write_text(CALLS + "07700900999,07700900888,2025-05-04T20:00:00,45\n")
    summary = ingest([src, by_number, by_name], settings=settings, store=store)
    assert summary.ok, json.dumps(summary.as_dict(), default=str)
    return str(analyse(store).id)


@dataclass
class Written:
    settings: Settings
    partner: list[Path]
    internal: list[Path]


@pytest.fixture(scope="module")
def written(session_store: Store, settings: Settings,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[Written]:
    session_store.wipe()
    folder = tmp_path_factory.mktemp("written-forms")
    keyed = fixed_key_settings(settings, folder / "home")
    run_id = _load(session_store, keyed, folder / "data")
    out = Written(keyed, [], [])
    for profile, paths in (("partner", out.partner), ("internal", out.internal)):
        paths += write_agenda(session_store, keyed, run_id=run_id, profile=profile,
                              out_dir=folder / profile / "agenda")
        for i, spec in enumerate((SelectionSpec.network("top"),
                                  SelectionSpec.around(["N1000002"], hops=2))):
            paths += write_chart(session_store, keyed, spec, formats="all", profile=profile,
                                 out_dir=folder / profile / f"chart-{i}")
    yield out


def _text(paths: list[Path]) -> str:
    parts = []
    for p in paths:
        parts.append(p.name)
        if p.suffix == ".docx":
            with zipfile.ZipFile(p) as z:
                parts += [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
        elif p.suffix != ".png":
            parts.append(p.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts).lower().replace("&#x27;", "'").replace("&#39;", "'")


def test_partner_outputs_hold_no_form_of_the_childs_identity(written: Written) -> None:
    assert {p.suffix for p in written.partner} >= {".md", ".html", ".docx", ".csv", ".anx",
                                                  ".graphml", ".gexf", ".cyjs"}
    partner = _text(written.partner)
    assert [w for w in FORBIDDEN if w in partner] == []
    internal = _text(written.internal)
    assert [w for w in INTERNAL if w not in internal] == []


def test_adults_whose_names_hold_the_childs_are_scrubbed_not_dropped(written: Written) -> None:
    """Fix 1: the suspect and the mother are on the charts, their own labels scrubbed of
    the child's name (not kept as an adult's label); internally their names are as
    recorded."""
    labels = {row["label"] for p in written.partner if p.name.endswith("-nodes.csv")
              for row in csv.DictReader(p.open(encoding="utf-8-sig"))}
    child = next(label for label in labels if re.fullmatch(r"Child-[0-9A-F]{4,}", label))
    assert {f"{child}'s uncle", f"Mother of {child}", "Tom BAKER"} <= labels
    assert not [label for label in labels if "jade" in label.lower()]
    internal = _text(written.internal)
    assert "jade louise smith's uncle" in internal and "mother of jade louise smith" in internal


def test_another_record_of_the_childs_home_is_withheld(written: Written) -> None:
    """Fix 4: "5 ELM RD", BS31AA is the child's home (5 Elm Road, BS3 1AA) recorded again:
    withheld in every partner output as her home is, named internally."""
    partner = _text(written.partner)
    assert "elm r" not in partner and "bs3 1aa" not in partner and "bs31aa" not in partner
    assert "child's home address (withheld)" in partner
    assert "5 elm rd" in _text(written.internal)
    # and no agenda, internal or partner, proposes enforcement against the child's home
    for paths in (written.internal, written.partner):
        md = next(p for p in paths if p.suffix == ".md").read_text(encoding="utf-8")
        rows = [line for line in md.splitlines() if "5 ELM RD" in line
                or "home address (withheld)" in line]
        assert rows and not [r for r in rows if "Closure" in r or "Tenancy" in r], rows


def test_partner_api_json_holds_no_child_in_any_key(written: Written,
                                                    session_store: Store) -> None:
    """Fix 3: the partner network API's JSON, report keys included, is scrubbed."""
    cache = PageCache()
    data = _view_data(cache, session_store, written.settings, ViewSpec.parse({}), "partner")
    text = json.dumps(data).lower()
    assert [w for w in FORBIDDEN if w in text] == []
    assert data["nodes"] and data["reports"]
    internal = _view_data(cache, session_store, written.settings, ViewSpec.parse({}),
                          "analyst")
    assert "call_data:07700900111_download.csv" in internal["reports"]
    assert any("smith_jade_cdr.csv" in r.lower() for r in internal["reports"])


def test_protected_entities_finds_a_childs_home_recorded_again(store: Store,
                                                               settings: Settings,
                                                               tmp_path: Path) -> None:
    """Fix 4 in the query: the same postcode and the same address once case, punctuation
    and street types are put aside; not the same street number elsewhere, nor a
    neighbour."""
    homes = {"vh": ("5 Elm Road", "BS3 1AA"), "sh": ("5 ELM RD.", "BS31AA"),
             "ah": ("5 Elm Road", "BS9 9ZZ"), "bh": ("7 Elm Road", "BS3 1AA"),
             "fh": ("5 Elm Rd, Flat 1", "BS3 1AA"), "gh": ("Flat 2, 5 Elm Road", "BS3 1AA"),
             "nh": ("15 Elm Road", "BS3 1AA")}
    people = [person("v", "Amy CHILD", "2012-01-01", "victim"),
              person("s", "Sam ADULT", "1980-01-01", "suspect"),
              person("a", "Ann ADULT", "1981-01-01", "associate"),
              person("b", "Bob ADULT", "1982-01-01", "associate"),
              person("f", "Fay ADULT", "1983-01-01", "associate"),
              person("g", "Gus ADULT", "1984-01-01", "associate"),
              person("n", "Ned ADULT", "1985-01-01", "associate")]
    write_jsonl(tmp_path / "r.jsonl", [report(
        "IR/H/1", [*people, *(_place(k, *v) for k, v in homes.items())],
        [{"from": k[0], "to": k, "type": "LIVES_AT"} for k in homes])])
    assert ingest([tmp_path / "r.jsonl"], settings=settings, store=store).ok
    uids = {r["address"] + "|" + r["postcode"]: r["uid"] for r in store.read_text(
        "MATCH (l:Location) RETURN l.uid AS uid, l.address AS address, l.postcode AS postcode",
        {})}
    rows = {r["uid"]: r["reasons"] for r in store.read(
        "protected_entities", uids=sorted(uids.values()), born_after=born_after("2025-06-30"))}
    assert rows == {uids["5 Elm Road|BS3 1AA"]: ["LIVES_AT", "ONLY_AT_RISK"],
                    uids["5 ELM RD.|BS3 1AA"]: ["SAME_ADDRESS"],
                    uids["5 Elm Rd, Flat 1|BS3 1AA"]: ["SAME_ADDRESS"],
                    uids["Flat 2, 5 Elm Road|BS3 1AA"]: ["SAME_ADDRESS"]}


def test_a_scrubbed_ref_keeps_its_report_date_and_grading(written: Written) -> None:
    """A call-data file named after the child's number is cited by its scrubbed name, and
    the partner chart's report cards still give that report's date and grading."""
    anx = next(p for p in written.partner if p.suffix == ".anx" and "chart-0" in str(p))
    text = anx.read_text(encoding="utf-8")
    assert "07700900111" not in text
    cards = re.findall(r'<Card [^>]*Summary="([^"]*_download\.csv)"[^>]*>', text)
    assert cards, "the scrubbed call-data ref has no report card"
