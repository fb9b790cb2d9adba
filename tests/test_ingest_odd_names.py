"""Input that is not UTF-8 where graphintel expected it: a file name in Latin-1, a table
header in cp1252 or UTF-16. One clear line each, no traceback, and the audit log keeps
its chain."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from graphintel.audit import audit_path, audited, verify_audit
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl

PERSON = {"id": "a", "type": "Person", "name": "Jordan SMITH", "dob": "1990-01-01"}


def _latin1_name(folder: Path, name: bytes) -> Path:
    """A file in ``folder`` whose name holds bytes that are not UTF-8 (as Python sees it)."""
    return Path(os.fsdecode(os.fsencode(folder) + b"/" + name))


def test_a_file_name_not_utf8_is_not_read_and_the_others_are(
        store: Store, settings: Settings, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from graphintel.cli.app import main

    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(_latin1_name(folder, b"b\xe9.jsonl"), [report("IR/B/1", [PERSON])])
    write_jsonl(folder / "c.jsonl", [report("IR/C/1", [PERSON])])
    assert main(["ingest", str(folder)]) == 3
    out, err = capsys.readouterr()
    assert f"{folder}/c.jsonl [canonical-jsonl]: read 1, loaded 1" in out
    assert f"{folder}/b\\xe9.jsonl [not read]: read 0" in out
    assert "quarantined 0, files not read 1; nodes created" in out
    assert (f"  {folder}/b\\xe9.jsonl: file name is not valid UTF-8 (byte \\xe9); the file is "
            "not read: rename it to a UTF-8 name") in err
    assert "Traceback" not in err
    refs = store.read_text("MATCH (r:Report) RETURN r.ref AS ref", {})
    assert refs == [{"ref": "IR/C/1"}]
    # the audit log names the folder given; a file given alone is named escaped
    single = _latin1_name(tmp_path, b"r\xe9ports.jsonl")
    write_jsonl(single, [report("IR/R/1", [PERSON])])
    assert main(["ingest", str(single)]) == 3
    out, err = capsys.readouterr()
    assert "total: read 0, loaded 0, duplicates 0, skipped 0, quarantined 0, files not read 1" \
        in out and "Traceback" not in err
    assert verify_audit(settings).ok
    last = [json.loads(x) for x in audit_path(settings).read_text("utf-8").splitlines()[-2:]]
    assert last[0]["params"]["paths"] == [f"{tmp_path}/r\\xe9ports.jsonl"]
    assert last[1]["status"] == "ok"


def test_a_dry_run_counts_the_file_not_read(settings: Settings, tmp_path: Path) -> None:
    bad = write_jsonl(_latin1_name(tmp_path, b"r\xe9ports.jsonl"), [report("IR/R/1", [PERSON])])
    good = write_jsonl(tmp_path / "ok.jsonl", [report("IR/O/1", [PERSON])])
    summary = ingest([bad, good], settings=settings, dry_run=True)
    totals = summary.as_dict()
    assert (totals["loaded"], totals["files_not_read"], summary.ok) == (1, 1, False)
    assert summary.balanced
    assert [f.path for f in summary.files if f.refused] == [f"{tmp_path}/r\\xe9ports.jsonl"]


def test_the_audit_log_takes_any_text(settings: Settings, tmp_path: Path) -> None:
    mine = replace(settings, home=tmp_path / "home")
    with pytest.raises(ValueError), audited(mine, "ingest", params={"paths": ["r\udce9.csv"]}):
        raise ValueError("column 'Call\udce9e' and a lone \ud800")
    lines = [json.loads(x) for x in audit_path(mine).read_text("utf-8").splitlines()]
    assert lines[0]["params"] == {"paths": ["r\\xe9.csv"]}
    assert lines[1]["error"] == "ValueError: column 'Call\\xe9e' and a lone \\ud800"
    assert verify_audit(mine).ok
