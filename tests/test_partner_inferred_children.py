"""Partner outputs withhold what identifies a child known only by inference or by signs.

A child with no recorded date of birth, stated age or victim role is still protected when
a report calls her "a juvenile" or names her "Child A", when she is recorded as exploited,
or when a report loaded after the analysis calls her a child. Her name is pseudonymised;
her home, its postcode and the phone she uses must be withheld too, in the partner agenda
and in every format of a partner chart, whatever the analysis run's date. The internal
versions show them, so the scan is shown to find them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphintel.agenda import write_agenda
from graphintel.charts import SelectionSpec, write_chart
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import analyse, report, write_jsonl
from tests.test_agenda_data import fixed_key_settings, wait_next_second

DEAN = {"id": "d", "type": "Person", "name": "Dean FOX", "dob": "1985-01-01",
        "role": "suspect"}


def _home(address: str, postcode: str) -> dict[str, str]:
    return {"id": "h", "type": "Location", "address": address, "postcode": postcode,
            "kind": "home_address"}


def _ln(a: str, b: str, kind: str) -> dict[str, str]:
    return {"from": a, "to": b, "type": kind}


def _kid(name: str, **more: str) -> dict[str, str]:
    return {"id": "k", "type": "Person", "name": name, "role": "associate", **more}


CODE_IN_ADDRESS = re.compile(r"12 (?:child|victim)-[0-9a-f]{4}")


BEFORE = [
    report("INF/1", [DEAN, _kid("Mia HART"), _home("22 Oak Road", "BS2 2BB"),
                     {"id": "p", "type": "Phone", "number": "07700 900222"}],
           [_ln("d", "h", "LIVES_AT"), _ln("k", "h", "LIVES_AT"), _ln("k", "p", "USES"),
            _ln("d", "p", "USES"), _ln("d", "k", "ASSOCIATE_OF")],
           date="2025-05-01", narrative="Dean FOX lives at 22 Oak Road with Mia HART, a juvenile."),
    report("INF/2", [DEAN, _kid("Sara BELL", dob="1999-02-02"), _home("44 Birch Road", "BS4 4DD")],
           [_ln("k", "h", "LIVES_AT"), _ln("d", "k", "EXPLOITS")],
           date="2025-05-02", narrative="Dean FOX is exploiting Sara BELL at her flat."),
    report("INF/3", [DEAN, _kid("Child A"), _home("66 Cedar Road", "BS6 6GG")],
           [_ln("k", "h", "LIVES_AT"), _ln("d", "k", "ASSOCIATE_OF")],
           date="2025-05-03", narrative="Dean FOX visits 66 Cedar Road, where Child A lives."),
    report("INF/4", [DEAN, _kid("Jack STONE"), _home("5 Willow Way", "BS5 5EE")],
           [_ln("k", "h", "LIVES_AT"), _ln("d", "k", "ASSOCIATE_OF")],
           date="2025-05-04", narrative="Dean FOX seen with Jack STONE."),
    # a street named as a child is: the pseudonym must not stand in the address
    report("INF/6", [DEAN, _kid("Rose HILL", dob="2011-01-01"), _home("12 Rose Hill", "BS7 7HH")],
           [_ln("d", "h", "LIVES_AT"), _ln("d", "k", "ASSOCIATE_OF")],
           date="2025-05-06", narrative="Rose HILL seen at Dean FOX's home."),
]
#: loaded after the analysis: it calls Jack a child
AFTER = [report("INF/5", [_kid("Jack STONE")], date="2025-05-20",
                narrative="Jack STONE, a juvenile, reported missing by his mother.")]

SECRETS = ["mia hart", "22 oak road", "bs2 2bb", "900222", "44 birch road", "bs4 4dd",
           "66 cedar road", "bs6 6gg", "jack stone", "5 willow way", "bs5 5ee"]


def _text(paths: list[Path]) -> str:
    out = []
    for path in paths:
        if path.suffix == ".docx":
            import zipfile
            with zipfile.ZipFile(path) as z:
                out += [z.read(n).decode("utf-8", "replace") for n in z.namelist()
                        if n.endswith(".xml")]
        elif path.suffix != ".png":
            out.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(out).lower()


@pytest.fixture(scope="module")
def written(session_store: Store, settings: Settings,
            tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    session_store.wipe()
    folder = tmp_path_factory.mktemp("partner-inferred")
    keyed = fixed_key_settings(settings, folder / "home")
    assert ingest([write_jsonl(folder / "before.jsonl", BEFORE)], settings=settings,
                  store=session_store).ok
    run_id = analyse(session_store).id
    wait_next_second()
    assert ingest([write_jsonl(folder / "after.jsonl", AFTER)], settings=settings,
                  store=session_store).ok
    out: dict[str, str] = {}
    for profile in ("partner", "internal"):
        paths = write_agenda(session_store, keyed, run_id=run_id, profile=profile,
                             out_dir=folder / f"agenda-{profile}", record=False)
        paths += write_chart(session_store, keyed, SelectionSpec.around(["Dean FOX"], hops=1),
                             profile=profile, out_dir=folder / f"chart-{profile}")
        out[profile] = _text(paths)
    return out


@pytest.mark.parametrize("secret", SECRETS)
def test_the_partner_outputs_withhold_it(written: dict[str, str], secret: str) -> None:
    assert secret not in written["partner"]


@pytest.mark.parametrize("secret", SECRETS)
def test_the_internal_outputs_show_it(written: dict[str, str], secret: str) -> None:
    assert secret in written["internal"]


def test_a_childs_name_in_an_address_is_withheld_not_pseudonymised(
        written: dict[str, str]) -> None:
    """"12 Rose Hill, BS7 7HH" as "12 Child-37D5" would tie the pseudonym to the name."""
    assert not CODE_IN_ADDRESS.search(written["partner"])
    assert "12 (name withheld)" in written["partner"]
    assert "12 rose hill" in written["internal"]
