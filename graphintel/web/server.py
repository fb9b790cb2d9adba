"""Run the workspace with uvicorn, bound to 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from graphintel.config import Settings
from graphintel.errors import ConfigError
from graphintel.web.accounts import list_users

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def is_loopback(host: str) -> bool:
    """True for 127.0.0.1, ::1 and names that resolve only to loopback addresses."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(i[4][0]).is_loopback for i in infos)


def check_serve(settings: Settings, host: str, port: int, *, allow_remote: bool) -> None:
    """Refuse to start without accounts, on a bad port, or off loopback unless allowed."""
    if not list_users(settings):
        raise ConfigError("there are no workspace accounts yet", str(settings.home / "web"),
                          "add one with 'graphintel users add NAME --role analyst'")
    if not 0 < port < 65536:
        raise ConfigError(f"port {port} is out of range", "--port", "give 1 to 65535")
    if not is_loopback(host) and not allow_remote:
        raise ConfigError(f"{host} is not a loopback address: the workspace would be "
                          "reachable from other machines", "--host",
                          "keep 127.0.0.1, or pass --allow-remote behind TLS and a firewall")


def url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def free_port(host: str = DEFAULT_HOST) -> int:
    """A port nothing listens on now."""
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def in_background(app: Any, host: str = DEFAULT_HOST, port: int | None = None,
                  timeout_s: float = 30.0) -> Iterator[str]:
    """Serve ``app`` from a thread of this process while the block runs; yields its URL
    (for benchmarks, tests and scripts that need a running workspace)."""
    import uvicorn

    port = port or free_port(host)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning",
                                           access_log=False))
    thread = threading.Thread(target=server.run, name="graphintel-workspace", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout_s
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            server.should_exit = True
            raise ConfigError(f"the workspace did not start on {host}:{port}", "--port",
                              "choose another port")
        time.sleep(0.05)
    try:
        yield url(host, port).rstrip("/")
    finally:
        server.should_exit = True
        thread.join(timeout=timeout_s)


def serve(settings: Settings, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
          allow_remote: bool = False, on_ready: Callable[[str], None] | None = None) -> None:
    """Serve the workspace until interrupted (Ctrl-C)."""
    import uvicorn

    from graphintel.web.app import create_app

    check_serve(settings, host, port, allow_remote=allow_remote)
    # reached from other machines, through the TLS in front: the cookie only over HTTPS
    app = create_app(settings, secure_cookie=not is_loopback(host))
    if on_ready is not None:
        on_ready(url(host, port))
    # access_log off: request lines hold search text; the audit log records requests
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning",
                server_header=False, proxy_headers=False)


__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "check_serve", "free_port", "in_background",
           "is_loopback", "serve", "url"]
