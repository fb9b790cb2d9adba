"""The partner agenda: no child's name, date of birth or nominal ref anywhere (text, HTML,
every part of the Word package, the pictures' metadata and labels); restricted
intelligence left out with a line saying so; pseudonyms stable across meetings."""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from graphintel.agenda import build_agenda, write_agenda
from graphintel.config import Settings
from graphintel.store import Store
from tests.graph_helpers import analyse
from tests.test_agenda_data import (
    CHILDREN,
    RESTRICTED_ABOUT_TARGET,
    WITHHELD_REF,
    WITHHELD_SUSPECT,
    base_reports,
    fixed_key_settings,
    load,
    wait_next_second,
)

PSEUDONYM = re.compile(r"Child-[0-9A-F]{4,}")


@dataclass
class Outputs:
    store: Store
    settings: Settings
    run_id: str
    partner: list[Path]
    internal: list[Path]


@pytest.fixture(scope="module")
def outputs(session_store: Store, settings: Settings,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[Outputs]:
    session_store.wipe()
    folder = tmp_path_factory.mktemp("agenda-redaction")
    keyed = fixed_key_settings(settings, folder / "home")
    run_id = load(session_store, settings, folder / "data", base_reports())
    partner = write_agenda(session_store, keyed, run_id=run_id, profile="partner",
                           out_dir=folder / "partner")
    internal = write_agenda(session_store, keyed, run_id=run_id, profile="internal",
                            out_dir=folder / "internal")
    yield Outputs(session_store, keyed, run_id, partner, internal)


def forbidden() -> list[str]:
    """Every way a child's identity could be written, lower-cased."""
    out = []
    for child in CHILDREN:
        first, last = child.name.split()
        out += [child.name, f"{last}, {first}", f"{last} {first}", last, f"{first} {last}"]
        y, mo, d = child.dob.split("-")
        out += [child.dob, f"{d}/{mo}/{y}", f"{y}{mo}{d}", f"{d}.{mo}.{y}"]
        if child.nominal_ref:
            out.append(child.nominal_ref)
    return sorted({s.lower() for s in out})


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        chunks.append((kind, data[pos + 8:pos + 8 + length]))
        pos += 12 + length
    return chunks


def searchable(path: Path) -> Iterator[tuple[str, str]]:
    """(where, text) for every readable layer of an output file."""
    data = path.read_bytes()
    yield path.name, data.decode("latin-1")
    if path.suffix in {".md", ".html"}:
        yield f"{path.name} (utf-8)", data.decode("utf-8")
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                yield f"{path.name}:{name}", z.read(name).decode("utf-8", "replace")
    if path.suffix == ".png":
        for kind, body in png_chunks(data):
            if kind in {b"tEXt", b"iTXt", b"zTXt"}:
                yield f"{path.name}:{kind.decode()}", body.decode("latin-1")
            if kind == b"IDAT":
                continue
            yield f"{path.name}:{kind.decode()}", body.decode("latin-1")


def hits(paths: list[Path], words: list[str]) -> list[tuple[str, str]]:
    found = []
    for path in paths:
        for where, text in searchable(path):
            low = text.lower()
            found += [(where, w) for w in words if w in low]
    return found


def test_partner_outputs_hold_no_child_identity(outputs: Outputs) -> None:
    kinds = sorted({p.suffix for p in outputs.partner})
    assert kinds == [".docx", ".html", ".md", ".png"]
    assert hits(outputs.partner, forbidden()) == []
    # the search itself works: the internal version names the children
    found = {w for _, w in hits(outputs.internal, forbidden())}
    assert {c.name.lower() for c in CHILDREN} <= found
    assert {c.dob for c in CHILDREN} <= found


def test_pictures_carry_no_text_metadata_and_redacted_labels(outputs: Outputs) -> None:
    pngs = [p for p in outputs.partner if p.suffix == ".png"]
    assert pngs
    for png in pngs:
        kinds = {kind for kind, _ in png_chunks(png.read_bytes())}
        assert not kinds & {b"tEXt", b"iTXt", b"zTXt", b"eXIf"}, (png.name, kinds)
        decompressed = zlib.decompress(b"".join(b for k, b in png_chunks(png.read_bytes())
                                                if k == b"IDAT"))
        assert decompressed  # real image data
    agenda = build_agenda(outputs.store, outputs.settings, run_id=outputs.run_id,
                          profile="partner")
    labels = [n for p in agenda.pictures() for n in p.nodes]
    children = [n.label for n in labels if n.kind == "child"]
    assert children and all(PSEUDONYM.fullmatch(label) for label in children)
    words = forbidden()
    assert not [n.label for n in labels if any(w in n.label.lower() for w in words)]
    assert not [p.alt for p in agenda.pictures() if any(w in p.alt.lower() for w in words)]


def test_restricted_intelligence_is_withheld_and_said_so(outputs: Outputs) -> None:
    md = next(p for p in outputs.partner if p.suffix == ".md").read_text(encoding="utf-8")
    restricted = [WITHHELD_SUSPECT, WITHHELD_REF, RESTRICTED_ABOUT_TARGET]
    assert hits(outputs.partner, [w.lower() for w in restricted]) == []
    assert ("Withheld from this partner version: 2 intelligence report(s) whose handling "
            "code does not permit sharing") in md
    assert "Also withheld: 1 person(s) known only from such reports" in md
    internal = next(p for p in outputs.internal if p.suffix == ".md").read_text()
    assert all(w in internal for w in restricted)
    # a reason resting on restricted reports is recounted from what partners may see
    assert "5 reports graded 2B or better in the last 90 days" in internal
    assert "5 reports graded 2B" not in md
    assert "4 reports graded 2B or better in the last 90 days" in md
    assert "Jordan SMITH (frequents)" in internal and "Jordan SMITH (frequents)" not in md
    assert "Withheld from this partner version" not in internal
    # adults keep their names; everyone's date of birth becomes an age
    assert "Jordan SMITH<br>age 35<br>N1001" in md
    assert "1990-02-11" not in md and "1990-02-11 (age 35)" in internal
    # a child's home address is never shown to partners (the pack does not list where a
    # child went missing from, in either version)
    assert "12 Elm Road" not in md


def test_pseudonyms_stay_the_same_across_meetings(outputs: Outputs, tmp_path: Path) -> None:
    md = next(p for p in outputs.partner if p.suffix == ".md").read_text(encoding="utf-8")
    before = set(PSEUDONYM.findall(md))
    assert len(before) == len(CHILDREN)
    wait_next_second()
    later = analyse(outputs.store).id
    assert later != outputs.run_id
    again = write_agenda(outputs.store, outputs.settings, run_id=later, profile="partner",
                         formats="md", out_dir=tmp_path)[0].read_text(encoding="utf-8")
    assert set(PSEUDONYM.findall(again)) == before
    other_key = fixed_key_settings(outputs.settings, tmp_path / "other-home")
    (other_key.home / "pseudonym.key").write_text("11" * 32)
    elsewhere = write_agenda(outputs.store, other_key, run_id=later, profile="partner",
                             formats="md", out_dir=tmp_path / "o")[0].read_text()
    assert set(PSEUDONYM.findall(elsewhere)).isdisjoint(before)
