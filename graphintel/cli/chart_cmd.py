"""``graphintel chart``: a link chart and exports of one selection; prints the paths."""

from __future__ import annotations

from pathlib import Path

import typer

from graphintel.audit import audited
from graphintel.charts import FORMATS, Filters, SelectionSpec, write_chart
from graphintel.charts.select import DEFAULT_HOPS
from graphintel.cli.common import console, settings
from graphintel.errors import ConfigError
from graphintel.store import Store


def _selection(network: str | None, around: list[str], hops: int,
               path: tuple[str, str] | None, victim: str | None) -> SelectionSpec:
    given = [name for name, value in (("--network", network), ("--around", around),
                                      ("--path", path), ("--victim", victim))
             if value not in (None, [], ())]
    if len(given) != 1:
        raise ConfigError("give exactly one of --network, --around, --path, --victim"
                          + (f" (got {', '.join(given)})" if given else ""), None,
                          "e.g. graphintel chart --network 1 --out charts/")
    if network is not None:
        return SelectionSpec.network(network)
    if around:
        return SelectionSpec.around(around, hops=hops)
    if path:
        return SelectionSpec.path(path[0], path[1])
    assert victim is not None
    return SelectionSpec.victim(victim)


def chart(
    out: Path = typer.Option(..., "--out", help="Folder to write the files into."),
    network: str | None = typer.Option(None, "--network", help="Chart this network (id from "
                                       "the latest analysis run, or 'top' for the network "
                                       "of the top-ranked target)."),
    around: list[str] = typer.Option([], "--around", help="Chart the people within --hops "
                                     "links of this person (name, nominal ref or uid; "
                                     "repeatable)."),
    hops: int = typer.Option(DEFAULT_HOPS, "--hops", help="Links from the --around "
                             "subjects, counted person to person as the analysis does."),
    path: tuple[str, str] | None = typer.Option(None, "--path", help="Chart the shortest "
                                                "paths between two people: --path A B."),
    victim: str | None = typer.Option(None, "--victim", help="Chart everything linked to "
                                      "this child."),
    fmt: str = typer.Option("html", "--format", help=f"Comma-separated: {','.join(FORMATS)} "
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
    config = settings()
    params = {"network": network, "around": around, "hops": hops, "path": path,
              "victim": victim, "format": fmt, "profile": profile, "since": since,
              "until": until, "min_grading": min_grading, "types": types, "out": str(out)}
    with audited(config, "chart", params=params) as record:
        selection = _selection(network, around, hops, path, victim)
        filters = Filters(since=since, until=until, min_grading=min_grading,
                          types=tuple(t.strip() for t in (types or "").split(",") if t.strip()))
        with Store.open(config) as store:
            paths = write_chart(store, config, selection, formats=fmt, profile=profile,
                                out_dir=out, filters=filters)
        record.outputs.extend(str(p) for p in paths)
        record.records = len(paths)
    for p in paths:
        console.print(str(p))
