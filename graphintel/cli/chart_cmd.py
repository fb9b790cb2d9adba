"""``graphintel chart``: a link chart and exports of one selection; prints the paths.

The chart is files; ``--format`` names the file formats and ``-o/--out`` the folder. People
given to ``--around``, ``--path`` and ``--victim`` are looked up as everywhere else
(:func:`graphintel.subjects.resolve_person`: uid, nominal ref, name, alias; several matches
list the candidates).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from graphintel.charts.formats import FORMATS
from graphintel.cli.common import (
    console,
    lookup_person,
    outside_home,
    settings,
    status,
    warn,
    warn_if_empty,
)
from graphintel.errors import ConfigError

if TYPE_CHECKING:
    from graphintel.charts import SelectionSpec
    from graphintel.config import Settings
    from graphintel.store import Store

DEFAULT_HOPS = 2  # graphintel.charts.select.DEFAULT_HOPS (a test checks they agree)


def _check_one(network: str | None, around: list[str], path: tuple[str, str] | None,
               victim: str | None) -> None:
    given = [name for name, value in (("--network", network), ("--around", around),
                                      ("--path", path), ("--victim", victim))
             if value not in (None, [], ())]
    if len(given) != 1:
        raise ConfigError("give exactly one of --network, --around, --path, --victim"
                          + (f" (got {', '.join(given)})" if given else ""), None,
                          "e.g. graphintel chart --network 1 --out charts/")


def _selection(store: Store, config: Settings, network: str | None, around: list[str],
               hops: int, path: tuple[str, str] | None, victim: str | None) -> SelectionSpec:
    """The selection, with every person given resolved to one uid."""
    from graphintel.charts import SelectionSpec

    def one(text: str) -> str:
        return lookup_person(store, config, text)

    if network is not None:
        return SelectionSpec.network(network)
    if around:
        return SelectionSpec.around([one(a) for a in around], hops=hops)
    if path:
        return SelectionSpec.path(one(path[0]), one(path[1]))
    assert victim is not None
    return SelectionSpec.victim(one(victim))


def chart(
    out: Path = typer.Option(..., "--out", "-o", metavar="FOLDER",
                             help="Folder to write the files into (created 0600)."),
    network: str | None = typer.Option(None, "--network", help="Chart this network (id from "
                                       "the latest analysis run, or 'top' for the network "
                                       "of the top-ranked target)."),
    around: list[str] = typer.Option([], "--around", metavar="PERSON",
                                     help="Chart the people within --hops links of this "
                                     "person (name, nominal ref or uid; repeatable)."),
    hops: int = typer.Option(DEFAULT_HOPS, "--hops", help="Links from the --around "
                             "subjects, counted person to person as the analysis does."),
    path: tuple[str, str] | None = typer.Option(None, "--path", metavar="A B",
                                                help="Chart the shortest paths between two "
                                                "people: --path A B."),
    victim: str | None = typer.Option(None, "--victim", metavar="PERSON",
                                      help="Chart everything linked to this child."),
    fmt: str = typer.Option("html", "--format", "-f", help=f"Comma-separated: {','.join(FORMATS)} "
                            "(or all)."),
    profile: str = typer.Option("internal", "--profile", help="internal (full detail) or "
                                "partner (children pseudonymised, ages not dates of birth, "
                                "intelligence not cleared for sharing left out)."),
    since: str | None = typer.Option(None, "--since", help="Only intelligence reported on "
                                     "or after this date (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Only intelligence reported on "
                                     "or before this date."),
    min_grading: str | None = typer.Option(None, "--min-grading", help="Only intelligence "
                                           "graded at least this well, e.g. 2B."),
    types: str | None = typer.Option(None, "--types", help="Entity types to show besides "
                                     "people, e.g. Phone,Vehicle,Location,OnlineAccount,Event."),
) -> None:
    """Write a link chart (interactive HTML) and exports for Gephi, yEd, Cytoscape and i2."""
    from graphintel.audit import audited
    from graphintel.charts import Filters, write_chart
    from graphintel.store import Store

    config = settings()
    outside_home(config, out)
    params = {"network": network, "around": around, "hops": hops, "path": path,
              "victim": victim, "format": fmt, "profile": profile, "since": since,
              "until": until, "min_grading": min_grading, "types": types, "out": str(out)}
    with audited(config, "chart", params=params) as record:
        _check_one(network, around, path, victim)
        filters = Filters(since=since, until=until, min_grading=min_grading,
                          types=tuple(t.strip() for t in (types or "").split(",") if t.strip()))
        with Store.open(config) as store:
            if network is not None:
                warn_if_empty(store, config)
            selection = _selection(store, config, network, around, hops, path, victim)
            record.details["resolved"] = list(selection.subjects)
            with status("building the chart"):
                paths = write_chart(store, config, selection, formats=fmt, profile=profile,
                                     out_dir=out, filters=filters, warn=warn)
        record.outputs.extend(str(p) for p in paths)
        record.records = len(paths)
    for p in paths:
        console.print(str(p))
