"""Thin entry point onto the graphintel Typer app (the installed command is ``graphintel``)."""

from graphintel.cli.app import run

if __name__ == "__main__":
    run()
