"""``graphintel doctor``: is everything in place to work, and if not, what to do."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphintel import local_neo4j
from graphintel.config import Settings
from graphintel.errors import GraphintelError
from graphintel.schema import schema_state
from graphintel.store import Store


@dataclass
class Check:
    """One line of the doctor's report."""

    name: str
    ok: bool
    detail: str
    fix: str = ""


@dataclass
class DoctorReport:
    """The settings in use (password masked) and the result of each check."""

    settings: dict[str, str]
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)


def run_doctor(settings: Settings, *, start_local: bool = True) -> DoctorReport:
    """Check configuration, connectivity, server version and edition, and the schema."""
    report = DoctorReport(settings=settings.describe())
    if settings.uses_local_neo4j:
        st = local_neo4j.status(settings)
        report.settings["local Neo4j password file"] = str(st.password_file)
    try:
        store = Store.open(settings, start_local=start_local)
    except GraphintelError as exc:
        report.checks.append(Check("connectivity", False, exc.what, exc.fix or ""))
        return report
    with store:
        report.checks.append(Check("connectivity", True, f"connected to {store.uri}"))
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
    return report
