"""No partner output identifies a child or victim: an end-to-end scan on synthetic data.

``graphintel synth`` writes a fictional world whose ground truth knows every child's names
(and misspellings), date of birth, nominal reference, phones, home address (a family home
or a children's home), postcode and online handles. The world is ingested into the test
Neo4j and analysed; then every partner output is written in every format (the agenda as
Markdown, HTML, Word and PNG pictures; link charts of the top network, around a child, of
the child as a victim and of the paths from the top target to the child, each as HTML,
GraphML, GEXF, Cytoscape JSON, i2 CSV and ANX) and every file is scanned (its name, its
text, every XML part of the Word package, every text chunk of a PNG) for every
identifying value of every child and victim. The internal versions must contain those
values, so the scan is shown to find them.
"""

from __future__ import annotations

import html
import json
import os
import re
import struct
import subprocess
import sys
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graphintel.agenda import write_agenda
from graphintel.charts import FORMATS as CHART_FORMATS
from graphintel.charts import SelectionSpec, write_chart
from graphintel.clean.names import name_key
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.redact import age_on
from graphintel.store import Store
from graphintel.synth.world import build_world
from tests.graph_helpers import analyse
from tests.test_agenda_data import fixed_key_settings

REPO = Path(__file__).resolve().parent.parent
#: ``GRAPHINTEL_LEAK_SEED`` scans another synthetic world, ``GRAPHINTEL_LEAK_SCALE`` a larger
#: one (scale 10 is about 10,000 reports; minutes, so not the default).
SEED = int(os.environ.get("GRAPHINTEL_LEAK_SEED", "11"))
SCALE = float(os.environ.get("GRAPHINTEL_LEAK_SCALE", "0.25"))
AS_OF = "2025-06-30"
SYNTH_FILES = ("reports.jsonl", "intel_log.csv", "missing_episodes.csv", "call_data.csv",
               "anpr.csv", "associations.csv")
_COMPACT = re.compile(r"[\s\-().,/'’]+")
_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


@dataclass
class Secret:
    """One identifying value of a child: what it is, whose it is, how to find it."""

    kind: str          # name, dob, nominal_ref, phone, home_address, postcode, handle
    value: str
    owner: str         # ground-truth person id
    compact: bool = False  # look for it with spaces and punctuation removed


@dataclass
class World:
    run_id: str
    as_of: str
    secrets: list[Secret]
    partner: list[Path] = field(default_factory=list)
    internal: list[Path] = field(default_factory=list)


def _compact(text: str) -> str:
    return _COMPACT.sub("", text.lower())


def _synth(folder: Path) -> dict[str, Any]:
    subprocess.run([sys.executable, str(REPO / "cli.py"), "synth", "--out", str(folder),
                    "--seed", str(SEED), "--scale", str(SCALE), "--as-of", AS_OF],
                   check=True, capture_output=True, text=True, cwd=REPO, timeout=300)
    truth: dict[str, Any] = json.loads((folder / "ground_truth.json").read_text())
    return truth


def _secrets(truth: dict[str, Any], as_of: str) -> list[Secret]:
    """Every identifying value of every child and victim, minus values some adult (or a
    place that is nobody's home) shares, which identify nobody by themselves."""
    world = build_world(SEED, SCALE, date.fromisoformat(AS_OF))
    people = truth["people"]

    def is_child(pid: str) -> bool:
        p = people[pid]
        age = age_on(p["dob"], as_of)
        return "victim" in (p["roles"] or []) or (age is not None and age < 18)

    children = sorted(pid for pid in people if is_child(pid))
    assert children, "the synthetic world has no children"
    homes = {world.people[c].home for c in children if world.people[c].home is not None}
    care = {i for i, loc in enumerate(world.locations) if "children's home" in loc.label}
    protected_places = homes | care
    adult_names = {name_key(n) for pid, p in people.items() if pid not in children
                   for n in p["name_variants"]}
    open_places = [loc for i, loc in enumerate(world.locations) if i not in protected_places]
    open_addresses = {loc.address.lower() for loc in open_places}
    open_texts = " | ".join(sorted(open_addresses | {loc.label.lower() for loc in open_places}))

    def shared_by_open_place(address: str) -> bool:
        """The same words as part of a place that is nobody's home ("Metro Lodge hotel,
        126 Grove Avenue" beside a child's "126 Grove Avenue" in another postcode)."""
        return re.search(rf"(?<![a-z0-9]){re.escape(address)}(?![a-z0-9])",
                         open_texts) is not None
    open_postcodes = {_compact(loc.postcode) for loc in open_places}

    out: list[Secret] = []
    for pid in children:
        p, wp = people[pid], world.people[pid]
        for name in p["name_variants"]:
            if name_key(name) not in adult_names:
                out.append(Secret("name", " ".join(name.lower().split()), pid))
        y, m, d = p["dob"].split("-")
        out += [Secret("dob", p["dob"], pid), Secret("dob", f"{d}/{m}/{y}", pid)]
        if p["nominal_ref"]:
            out.append(Secret("nominal_ref", p["nominal_ref"].lower(), pid))
        for i in wp.phones:
            out.append(Secret("phone", world.phones[i].number.area
                              + world.phones[i].number.local, pid, compact=True))
        for i in wp.accounts:
            out.append(Secret("handle", world.accounts[i].handle.lower(), pid))
        if wp.home is not None:
            loc = world.locations[wp.home]
            kind = "childrens_home" if wp.home in care else "home_address"
            if not shared_by_open_place(loc.address.lower()):
                out.append(Secret(kind, loc.address.lower(), pid))
            if kind == "childrens_home":
                out.append(Secret(kind, loc.label.lower(), pid))
            if _compact(loc.postcode) not in open_postcodes:
                out.append(Secret("postcode", _compact(loc.postcode), pid, compact=True))
    return out


def _png_text(data: bytes) -> Iterator[str]:
    pos = 8
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        if kind in {b"tEXt", b"iTXt", b"zTXt", b"eXIf"}:
            yield data[pos + 8:pos + 8 + length].decode("latin-1")
        pos += 12 + length


def layers(path: Path) -> Iterator[tuple[str, str]]:
    """(where, text) for the file name and every readable layer of the file."""
    yield f"{path.name} (file name)", path.name
    data = path.read_bytes()
    if path.suffix == ".png":
        yield from ((f"{path.name} (text chunk)", t) for t in _png_text(data))
        return
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            for part in z.namelist():
                yield f"{path.name}:{part}", z.read(part).decode("utf-8", "replace")
        return
    yield path.name, data.decode("utf-8-sig", "replace")


def _normalised(text: str) -> str:
    text = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    text = html.unescape(html.unescape(text)).replace("\\", "")
    return " ".join(text.lower().split())


def scan(paths: list[Path], secrets: list[Secret]) -> list[tuple[str, str, str]]:
    """(where, kind, value) for every secret found in every layer of every file."""
    found = []
    for path in paths:
        for where, raw in layers(path):
            text = _normalised(raw)
            compact = _compact(text)
            for s in secrets:
                if s.compact:
                    hit = s.value in compact
                else:  # whole words: "wayne burton" is not in "dwayne burton"
                    hit = s.value in text and re.search(
                        rf"(?<![a-z0-9]){re.escape(s.value)}(?![a-z0-9])", text) is not None
                if hit:
                    found.append((where, s.kind, s.value))
    return sorted(set(found))


def _pick_child(run: dict[str, Any], top: int) -> str:
    """A victim linked to the top network's best target (the chart 'around a child')."""
    ranked = sorted(run["targets"], key=lambda t: t["rank"])
    target = next(t for t in ranked if int(t["community"]) == top)
    linked = [lv["uid"] for lv in target["linked_victims"]]
    assert linked, "the top target has no linked child"
    return str(linked[0])


@pytest.fixture(scope="module")
def world(session_store: Store, settings: Settings,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("partner-leaks")
    truth = _synth(folder / "synth")
    session_store.wipe()
    summary = ingest([folder / "synth" / f for f in SYNTH_FILES], settings=settings,
                     store=session_store)
    assert summary.ok, summary.as_dict()
    result = analyse(session_store)
    run = result.result
    as_of = str(run["run"]["as_of"])
    keyed = fixed_key_settings(settings, folder / "home")
    top = int(sorted(run["targets"], key=lambda t: t["rank"])[0]["community"])
    target = str(sorted(run["targets"], key=lambda t: t["rank"])[0]["uid"])
    child = _pick_child(run, top)
    selections = [SelectionSpec.network("top"), SelectionSpec.around([child], hops=2),
                  SelectionSpec.victim(child), SelectionSpec.path(target, child)]
    out = World(result.id, as_of, _secrets(truth, as_of))
    for profile in ("partner", "internal"):
        written = out.partner if profile == "partner" else out.internal
        base = folder / profile
        written += write_agenda(session_store, keyed, run_id=result.id, profile=profile,
                                out_dir=base / "agenda", generated_at="2025-07-01T00:00:00Z")
        for i, spec in enumerate(selections):
            written += write_chart(session_store, keyed, spec, formats="all",
                                   profile=profile, out_dir=base / f"chart-{i}")
    yield out


def test_every_partner_format_is_scanned(world: World) -> None:
    suffixes = {p.suffix for p in world.partner}
    assert {".md", ".html", ".docx", ".png", ".graphml", ".gexf", ".cyjs", ".csv", ".anx",
            ".txt"} <= suffixes
    charts = [p for p in world.partner if p.name.startswith("chart-")]
    assert len({p.parent for p in charts}) == 4
    assert len(CHART_FORMATS) == 7


def test_partner_outputs_identify_no_child(world: World) -> None:
    hits = scan(world.partner, world.secrets)
    by_file: dict[str, int] = defaultdict(int)
    for where, _, _ in hits:
        by_file[where.split(":")[0].split(" (")[0]] += 1
    kinds: dict[str, int] = defaultdict(int)
    for _, kind, _ in hits:
        kinds[kind] += 1
    report = "\n".join(f"{where}: {kind} {value!r}" for where, kind, value in hits[:80])
    assert not hits, (f"{len(hits)} hit(s) in {len(by_file)} partner file(s) "
                      f"({dict(sorted(kinds.items()))}):\n{report}")


def test_internal_outputs_do_identify_children(world: World) -> None:
    """The scan is real: the internal versions hold every kind of identifying value."""
    kinds = {kind for _, kind, _ in scan(world.internal, world.secrets)}
    wanted = {"name", "dob", "phone", "home_address", "postcode"}
    if "GRAPHINTEL_LEAK_SEED" not in os.environ and SCALE == 0.25:  # has every kind
        wanted |= {"nominal_ref", "handle", "childrens_home"}
    assert wanted <= kinds, kinds


def test_targets_with_many_children_count_the_rest_in_words(world: World) -> None:
    """A target with more children than Appendix A cites in full says how many more."""
    text = next(p for p in world.internal if p.suffix == ".md").read_text(encoding="utf-8")
    assert re.search(r"and \d+ more by direct evidence \(Appendix B\)", text)
    assert " mores " not in text


def test_partner_safeguarding_list_gives_age_bands_not_ages(world: World) -> None:
    """A child's age is in its own column, the exact age internally and the band for
    partners; the reasons do not repeat it."""
    def section(path: Path) -> str:
        text = path.read_text(encoding="utf-8")
        start = text.index("## Safeguarding first")
        return text[start:text.index("\n## ", start + 1)]

    internal = section(next(p for p in world.internal if p.suffix == ".md"))
    partner = section(next(p for p in world.partner if p.suffix == ".md"))
    assert re.search(r"\| \d+ \| a child\b", internal)
    assert re.search(r"\| \d+-\d+ \| a child\b", partner)
    assert "(age" not in internal and "(age" not in partner
