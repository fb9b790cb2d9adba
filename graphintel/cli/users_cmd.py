"""``graphintel users add|list|passwd|remove``: accounts of the workspace (``serve``).

A password is read from ``GRAPHINTEL_WEB_PASSWORD`` when set (for scripts), else asked for
twice without echo. It is never printed, logged or audited.
"""

from __future__ import annotations

import os

import typer

from graphintel.cli.common import console, settings
from graphintel.errors import ConfigError

PASSWORD_ENV = "GRAPHINTEL_WEB_PASSWORD"

users_app = typer.Typer(help="Accounts of the workspace: analyst, chair or partner.",
                        no_args_is_help=True, rich_markup_mode=None)


def _password() -> str:
    given = os.environ.get(PASSWORD_ENV)
    if given:
        return given
    first = typer.prompt("Password", hide_input=True)
    second = typer.prompt("Repeat the password", hide_input=True)
    if first != second:
        raise ConfigError("the two passwords differ", "password", "type the same one twice")
    return str(first)


@users_app.command("add")
def add_command(
    name: str = typer.Argument(..., help="User name (letters, digits, . - _ @)."),
    role: str = typer.Option(..., "--role", help="analyst, chair or partner."),
) -> None:
    """Create an account (password from GRAPHINTEL_WEB_PASSWORD or asked for)."""
    from graphintel.web.accounts import add_user, check_name, check_role

    config = settings()
    check_name(name)
    check_role(role)
    account = add_user(config, name, role, _password())
    console.print(f"added {account.name} ({account.role})")


@users_app.command("list")
def list_command() -> None:
    """List the accounts and their roles."""
    from graphintel.web.accounts import list_users

    users = list_users(settings())
    if not users:
        console.print("no workspace accounts")
    for u in users:
        console.print(f"{u.name}\t{u.role}\t{u.created_at}")


@users_app.command("passwd")
def passwd_command(name: str = typer.Argument(..., help="User name.")) -> None:
    """Change a user's password (ends every workspace session of that user)."""
    from graphintel.web.accounts import set_password

    set_password(settings(), name, _password())
    console.print(f"password changed for {name}; their workspace sessions have ended")


@users_app.command("remove")
def remove_command(name: str = typer.Argument(..., help="User name.")) -> None:
    """Delete an account (ends every workspace session of that user)."""
    from graphintel.web.accounts import remove_user

    remove_user(settings(), name)
    console.print(f"removed {name}; their workspace sessions have ended")
