"""The meeting pack at force scale: on 10,000 synthetic reports the Word agenda, converted to
PDF by LibreOffice, still has a core of at most 6 pages before the appendices, with the
marking and page numbers on every page, however many networks the graph holds."""

from __future__ import annotations

import re
from pathlib import Path

from graphintel.agenda import write_agenda
from graphintel.agenda.model import Limits
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from graphintel.synth import generate
from tests.graph_helpers import analyse
from tests.test_agenda_data import fixed_key_settings
from tests.test_agenda_print import first_line, pdf_pages, to_pdf

MAX_CORE_10K = 6


def test_the_core_stays_short_at_10k_reports(session_store: Store, settings: Settings,
                                             tmp_path: Path) -> None:
    session_store.wipe()
    generate(tmp_path / "world", seed=7, scale=10, tabular=False)
    summary = ingest([tmp_path / "world" / "reports.jsonl"], settings=settings,
                     store=session_store)
    assert summary.ok and summary.total("loaded") >= 9000, summary.as_dict()
    run = analyse(session_store)
    assert len(run.result["communities"]) >= 50  # many networks; the core shows a few
    keyed = fixed_key_settings(settings, tmp_path / "home")
    paths = write_agenda(session_store, keyed, run_id=run.id, formats="docx",
                         out_dir=tmp_path / "out", date="2025-07-01", record=False)
    pages = pdf_pages(to_pdf(paths[0], tmp_path / "pdf"))
    starts = [i for i, p in enumerate(pages) if first_line(p).startswith("Appendix A:")]
    assert starts, [first_line(p) for p in pages]
    core = starts[0]
    assert 2 <= core <= MAX_CORE_10K, [first_line(p)[:60] for p in pages[: core + 1]]
    core_text = "".join(pages[:core])
    assert "For decision today" in pages[0] and "Safeguarding first" in core_text
    assert core_text.count("Candidate target") <= Limits().core_networks
    for number, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") >= 2, number
        assert re.search(rf"Page {number} of {len(pages)}\b", page), number
