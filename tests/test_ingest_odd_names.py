"""Input that is not UTF-8 where graphintel expected it: a file name in Latin-1, a table
header in cp1252 or UTF-16. One clear line each, no traceback, and the audit log keeps
its chain."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from graphintel.audit import audit_path, audited, verify_audit
from graphintel.config import Settings


def test_the_audit_log_takes_any_text(settings: Settings, tmp_path: Path) -> None:
    mine = replace(settings, home=tmp_path / "home")
    with pytest.raises(ValueError), audited(mine, "ingest", params={"paths": ["r\udce9.csv"]}):
        raise ValueError("column 'Call\udce9e' and a lone \ud800")
    lines = [json.loads(x) for x in audit_path(mine).read_text("utf-8").splitlines()]
    assert lines[0]["params"] == {"paths": ["r\\xe9.csv"]}
    assert lines[1]["error"] == "ValueError: column 'Call\\xe9e' and a lone \\ud800"
    assert verify_audit(mine).ok
