"""``graphintel actions list|update|proposals|decide``: the network meeting's actions.

``list`` and ``update`` are audited by :mod:`graphintel.agenda.actions` (``actions list``,
``actions update`` with the values before and after); ``decide`` records the chair's
decision on a proposal of the agenda through :mod:`graphintel.agenda.decisions` (audited
``agenda decide``), as the workspace's meeting view does. Library code is imported inside
the commands, so ``--help`` starts at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from graphintel.cli.common import settings
from graphintel.cli.output import FORMAT, OUTPUT, Format, emit, say

actions_app = typer.Typer(help="List and update the network meeting's actions, and decide on "
                               "the agenda's proposals.",
                          no_args_is_help=True, rich_markup_mode=None)

COLUMNS = ["id", "status", "due", "owner", "agency", "meeting_date", "network", "text",
           "outcome"]


def _line(r: dict[str, Any]) -> str:
    return (f"{r['id']}  {r['status']:<11}  due {r['due'] or '-'}  "
            f"{r['owner'] or 'no owner'} ({r['agency'] or 'no agency'})  "
            f"meeting {r['meeting_date']}, {r['network'] or '-'}: {r['text']}"
            + (f"  outcome: {r['outcome']}" if r["outcome"] else ""))


@actions_app.command("list")
def list_command(
    status: str | None = typer.Option(
        None, "--status", help="open (open and in progress), in_progress, done or dropped."),
    meeting: str | None = typer.Option(None, "--meeting",
                                       help="Only the actions of this meeting (id or date)."),
    fmt: Format | None = FORMAT, output: Path | None = OUTPUT,
    json_out: bool = typer.Option(False, "--json", hidden=True, help="Deprecated: -f json."),
) -> None:
    """List the meeting actions, soonest due first."""
    from graphintel.agenda.actions import list_actions
    from graphintel.store import Store

    config = settings()
    with Store.open(config) as store:
        rows = list_actions(store, config, status=status, meeting=meeting)

    def show() -> None:
        if not rows:
            say("no meeting actions")
        for r in rows:
            say(_line(r))

    emit(COLUMNS, rows, Format.json if json_out else fmt, output, None, show=show)


@actions_app.command("update")
def update_command(
    action: str = typer.Argument(..., help="The action's id, e.g. A-1a2b3c4d."),
    owner: str | None = typer.Option(None, "--owner", help="Who owns it."),
    agency: str | None = typer.Option(None, "--agency", help="The lead agency."),
    due: str | None = typer.Option(None, "--due", help="Due date, YYYY-MM-DD."),
    status: str | None = typer.Option(None, "--status",
                                      help="open, in_progress, done or dropped."),
    outcome: str | None = typer.Option(None, "--outcome", help="What came of it."),
    fmt: Format | None = FORMAT, output: Path | None = OUTPUT,
) -> None:
    """Change an action's owner, agency, due date, status or outcome."""
    from graphintel.agenda.actions import update_action
    from graphintel.store import Store

    config = settings()
    with Store.open(config) as store:
        row = update_action(store, config, action, owner=owner, agency=agency, due=due,
                            status=status, outcome=outcome)

    def show() -> None:
        say(f"{row['id']}: {row['status']}, owner {row['owner'] or '-'}, agency "
            f"{row['agency'] or '-'}, due {row['due'] or '-'}"
            + (f", outcome: {row['outcome']}" if row["outcome"] else ""))

    emit(COLUMNS, [row], fmt, output, None, data=row, show=show)


PROPOSAL_COLUMNS = ["key", "kind", "id", "network", "label", "decision"]


@actions_app.command("proposals")
def proposals_command(
    run: str | None = typer.Option(None, "--run", help="Analysis run (default: the latest)."),
    date: str | None = typer.Option(None, "--date",
                                    help="Meeting date, YYYY-MM-DD (default: today)."),
    fmt: Format | None = FORMAT, output: Path | None = OUTPUT,
) -> None:
    """List what the agenda asks the meeting to decide, with keys and decisions so far."""
    from graphintel.agenda.decisions import proposals
    from graphintel.store import Store

    config = settings()
    with Store.open(config) as store:
        run_id, rows = proposals(store, config, run_id=run, date=date)

    def show() -> None:
        say(f"agenda of analysis run {run_id}:")
        for r in rows:
            say(f"  {r['id'] or r['key']}  [{r['decision'] or 'not decided'}]  "
                f"{r['network']}: {r['label']}")

    emit(PROPOSAL_COLUMNS, rows, fmt, output, None, show=show)


@actions_app.command("decide")
def decide_command(
    item: str = typer.Argument(..., help="An action id (A-1a2b3c4d) or a proposal key "
                               "(target|Person:...), as 'actions proposals' lists them."),
    accept: bool = typer.Option(False, "--accept", help="Agree it."),
    reject: bool = typer.Option(False, "--reject", help="Do not take it forward."),
    note: str = typer.Option("", "--note", help="Why, or what was agreed."),
    text: str = typer.Option("", "--text", help="The action's wording as agreed."),
    run: str | None = typer.Option(None, "--run", help="Analysis run (default: the latest)."),
    date: str | None = typer.Option(None, "--date",
                                    help="Meeting date, YYYY-MM-DD (default: today)."),
    fmt: Format | None = FORMAT, output: Path | None = OUTPUT,
) -> None:
    """Record the chair's decision on a proposal; the next agenda of the run shows it."""
    from graphintel.agenda.decisions import decide
    from graphintel.errors import ConfigError
    from graphintel.store import Store

    if accept == reject:
        raise ConfigError("say --accept or --reject (one of them)", "--accept/--reject",
                          "e.g. graphintel actions decide A-1a2b3c4d --accept")
    config = settings()
    with Store.open(config) as store:
        row = decide(store, config, item, "accepted" if accept else "rejected", note=note,
                     text=text, run_id=run, date=date)

    def show() -> None:
        say(f"{row['id'] or row['key']}: {row['decision']} ({row['label']}) on the agenda of "
            f"run {row['run_id']}")

    emit(PROPOSAL_COLUMNS, [row], fmt, output, None, data=row, show=show)
