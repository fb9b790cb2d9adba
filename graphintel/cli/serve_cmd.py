"""``graphintel serve``: the investigator's workspace in the browser (local web app)."""

from __future__ import annotations

import typer

from graphintel.cli.common import console, note, settings


def serve(
    host: str = typer.Option("127.0.0.1", "--host",
                             help="Address to listen on (default: this machine only)."),
    port: int = typer.Option(8765, "--port", help="Port to listen on."),
    allow_remote: bool = typer.Option(
        False, "--allow-remote",
        help="Allow a --host other machines can reach (put TLS and a firewall in front)."),
) -> None:
    """Serve the workspace (search, profiles, network view, paths, meeting) until Ctrl-C."""
    from graphintel.audit import audited
    from graphintel.web.server import check_serve
    from graphintel.web.server import serve as run_server

    config = settings()
    check_serve(config, host, port, allow_remote=allow_remote)
    with audited(config, "serve", params={"host": host, "port": port,
                                          "allow_remote": allow_remote}) as rec:
        def ready(url: str) -> None:
            console.print(url)
            note("workspace running; press Ctrl-C to stop")

        try:
            run_server(config, host, port, allow_remote=allow_remote, on_ready=ready)
        except KeyboardInterrupt:
            pass
        rec.records = 0
