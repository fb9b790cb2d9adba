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


CALLS = ("Caller,Callee,Start,Duration Seconds\r\n"
         "07700 900111,07700 900222,2025-03-01T10:00:00,60\r\n")


@pytest.mark.parametrize(("data", "columns", "fix"), [
    (CALLS.replace("Callee", "Callée").encode("cp1252"), "Call\\xe9e",
     "the header is not valid utf-8 (\\xe9): declare the file's encoding in the mapping "
     "(file: {encoding: cp1252} for a Windows export), or save the file as UTF-8"),
    (CALLS.replace("Callee", "Callée").encode("utf-16-le"), "C\\0a\\0l\\0l\\0e\\0r\\0",
     "the header holds NUL bytes (\\0): the file looks like UTF-16 without a byte-order "
     "mark, which is not read: save it as UTF-8 (or as UTF-16 with a byte-order mark)"),
])
def test_a_header_in_another_encoding_says_which(
        settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        data: bytes, columns: str, fix: str) -> None:
    from graphintel.cli.app import main

    src = tmp_path / "calls.csv"
    src.write_bytes(data)
    for dry in (["--dry-run"], []):
        assert main(["ingest", *dry, "--mapping", "call_data", str(src)]) == 1
        err = capsys.readouterr().err
        assert err.startswith("Error: mapping call_data reads column") and columns in err
        assert err.rstrip().endswith(fix) and "Traceback" not in err
    assert main(["ingest", "--dry-run", str(src)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: no shipped mapping fits") and err.rstrip().endswith(fix)
    assert verify_audit(settings).ok


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_a_table_with_a_utf16_byte_order_mark_is_read_as_utf16(
        settings: Settings, tmp_path: Path, codec: str) -> None:
    src = tmp_path / "calls.csv"
    bom = b"" if codec == "utf-16" else b"\xfe\xff"
    src.write_bytes(bom + CALLS.replace("Seconds", "Seconds,Note é").replace("60", "60,x")
                    .encode(codec))
    summary = ingest([src], settings=settings, dry_run=True)
    assert summary.files[0].format == "mapping:call_data"  # detected from its header
    assert (summary.files[0].loaded, summary.files[0].quarantined) == (1, 0)
    # the é is read as é, not as a bad byte
    assert summary.files[0].warnings[0].startswith(f"{src}: column 'Note é' not read")
