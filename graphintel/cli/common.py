"""What every command shares: settings, the store, output helpers."""

from __future__ import annotations

from rich.console import Console

from graphintel.config import Settings, load_settings

console = Console(highlight=False, soft_wrap=True, markup=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)


def settings() -> Settings:
    """Settings for this command (read once per call, never at import)."""
    return load_settings()
