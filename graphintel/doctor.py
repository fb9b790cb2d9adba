"""``graphintel doctor``: is everything in place to work, and if not, what to do.

Besides configuration, connectivity, server version, schema and graphintel's server
procedures (a warning when missing: the queries they answer then run as Cypher), the
doctor looks for sensitive files that others can read: under ``GRAPHINTEL_HOME`` (the
audit log, quarantine files, the local Neo4j's password, data folder and log, the
pseudonym key) and in any output folder named (agendas, charts, analysis JSON...). Those
are warnings: the checks still pass, but each names the file and the ``chmod`` that fixes
it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graphintel import local_neo4j
from graphintel.config import Settings, mask_secrets, mask_uri
from graphintel.errors import GraphintelError
from graphintel.schema import schema_state
from graphintel.secure_files import loose_mode
from graphintel.store import Store

# Files graphintel writes that can hold personal data or secrets.
SENSITIVE_SUFFIXES = (".md", ".html", ".docx", ".png", ".graphml", ".gexf", ".cyjs", ".csv",
                      ".anx", ".json", ".jsonl", ".txt", ".key", ".log")
SENSITIVE_NAMES = ("password", "pseudonym.key", "audit.jsonl")
MAX_FILES = 20000  # stop walking a huge folder; enough to make the point


@dataclass
class Check:
    """One line of the doctor's report; a warning does not make the doctor fail."""

    name: str
    ok: bool
    detail: str
    fix: str = ""
    warning: bool = False


@dataclass
class DoctorReport:
    """The settings in use (password masked) and the result of each check."""

    settings: dict[str, str]
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def warnings(self) -> list[Check]:
        return [c for c in self.checks if c.warning]


def _walk(folder: Path, skip: set[Path]) -> Iterator[Path]:
    """Folders and sensitive files under ``folder`` (not following links, not into skip)."""
    seen = 0
    for root, dirs, files in os.walk(folder, followlinks=False):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if here / d not in skip)
        yield here
        for name in sorted(files):
            if name in SENSITIVE_NAMES or name.endswith(SENSITIVE_SUFFIXES) \
                    or ".quarantine." in name:
                seen += 1
                if seen > MAX_FILES:
                    return
                yield here / name


def exposed_files(settings: Settings, folders: Iterable[Path] = ()) -> list[tuple[Path, str]]:
    """Sensitive files and folders under ``GRAPHINTEL_HOME`` and ``folders`` that the group
    or others can read or write: ``(path, "world-readable (0644)")`` pairs."""
    lp = local_neo4j.paths_for(settings)
    skip = {lp.runtime, lp.dbms}  # the jars are public; the database is checked as a whole
    found: list[tuple[Path, str]] = []
    roots = [settings.home, *folders]
    for root in roots:
        if not root.exists():
            continue
        items = _walk(root, skip) if root.is_dir() else iter([root])
        for item in items:
            loose = loose_mode(item)
            if loose:
                found.append((item, loose))
    if lp.dbms.is_dir():
        loose = loose_mode(lp.dbms)
        if loose:
            found.append((lp.dbms, loose))
    return found


def _permissions(settings: Settings, folders: Iterable[Path]) -> Check:
    exposed = exposed_files(settings, folders)
    if not exposed:
        return Check("file permissions", True, "sensitive files and folders are owner-only")
    shown = "; ".join(f"{p} is {why}" for p, why in exposed[:10])
    more = f" (and {len(exposed) - 10} more)" if len(exposed) > 10 else ""
    return Check("file permissions", True, f"{len(exposed)} sensitive files or folders are "
                 f"readable by others: {shown}{more}",
                 "chmod 600 those files and chmod 700 those folders (graphintel creates them "
                 "owner-only; these were made by hand, copied, or by an older version)",
                 warning=True)


def run_doctor(settings: Settings, *, start_local: bool = True,
               folders: Iterable[Path] = ()) -> DoctorReport:
    """Check configuration, connectivity, server version and edition, the schema, and the
    permissions of sensitive files under ``GRAPHINTEL_HOME`` and ``folders``."""
    report = DoctorReport(settings=settings.describe())
    if settings.uses_local_neo4j:
        st = local_neo4j.status(settings)
        report.settings["local Neo4j password file"] = str(st.password_file)
    report.checks.append(_permissions(settings, [Path(f) for f in folders]))
    try:
        store = Store.open(settings, start_local=start_local)
    except GraphintelError as exc:
        report.checks.append(Check("connectivity", False, mask_secrets(exc.what),
                                   mask_secrets(exc.fix or "")))
        return report
    with store:
        report.checks.append(Check("connectivity", True, f"connected to {mask_uri(store.uri)}"))
        info = store.server_info()
        good_version = info.version.startswith("5.26")
        report.checks.append(Check(
            "server", good_version, f"Neo4j {info.version} {info.edition}",
            "" if good_version else "graphintel is tested with Neo4j 5.26 LTS",
        ))
        state = schema_state(store)
        if state.applied:
            report.checks.append(Check("schema", True, f"applied ({len(state.present)} items)"))
        else:
            missing = ", ".join(state.missing[:5] + state.not_online[:5])
            report.checks.append(Check(
                "schema", False, f"not applied: missing or not online: {missing}",
                "run 'graphintel schema apply'",
            ))
        pending = len(store.read("derived_pending_ids"))
        if pending:
            report.checks.append(Check(
                "listing markers", True,
                f"{pending} ingest batches of a load that stopped part way are not settled: "
                "the whole-graph listings may miss what they wrote",
                "run 'graphintel schema apply' (or any load)", warning=True,
            ))
        else:
            report.checks.append(Check("listing markers", True, "settled"))
        report.checks.append(procedures_check(store))
    return report


def procedures_check(store: Store) -> Check:
    """graphintel's server procedures (graphintel/served.py): a server without them
    answers the same queries in Cypher, slower on a large graph, so their absence is a
    warning."""
    from graphintel.served import PROCEDURES

    wanted = sorted(PROCEDURES)
    missing = [p for p in wanted if p not in store.procedures()]
    if not missing:
        return Check("server procedures", True, ", ".join(wanted))
    return Check("server procedures", True,
                 f"{', '.join(missing)} not on this server: the queries they answer run as "
                 "Cypher, with the same rows, slower on a large graph",
                 "run 'graphintel neo4j plugin' and put the jar in the server's plugins "
                 "folder (docker-compose.yml mounts ./plugins), then restart it",
                 warning=True)
