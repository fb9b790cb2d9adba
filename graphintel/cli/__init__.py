"""The ``graphintel`` command: thin Typer commands over the library."""
