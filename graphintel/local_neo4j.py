"""The local Neo4j: a real Neo4j 5.26 community server that graphintel runs itself.

Used when no ``NEO4J_URI`` is configured. The pinned Neo4j jars come from Maven Central
(through the machine's Maven, so its local repository caches them); a small launcher
class, compiled with the machine's javac, starts the DBMS embedded with its Bolt
connector on 127.0.0.1 and auth enabled. Everything lives under
``$GRAPHINTEL_HOME/neo4j``: the jars (``runtime/``), the database (``dbms/``), the
generated password (``password``, mode 0600, never printed), the pid, port and log files.
The folder and the database folder are 0700 and the server runs with umask 077, whatever
the caller's umask, so nobody else can read the graph's files.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graphintel.config import Settings
from graphintel.errors import LocalNeo4jError
from graphintel.resources import package_data
from graphintel.secure_files import open_private, private_dir, tighten, write_text

READY_MARK = "graphintel-local-neo4j ready"
START_TIMEOUT_S = 180.0
#: Ports tried when another server binds the chosen one while Neo4j starts.
PORT_ATTEMPTS = 3
PORT_TAKEN = "the local Neo4j's port was taken while it started"
STOP_TIMEOUT_S = 60.0

_status_hook: Callable[[str], None] | None = None


def on_status(hook: Callable[[str], None] | None) -> None:
    """Send start-up messages (download, start, ready) to ``hook``; None silences them.

    Starting takes seconds to minutes (the first start fetches the jars), so the command
    line shows these on stderr; the library itself prints nothing."""
    global _status_hook
    _status_hook = hook


def _say(text: str) -> None:
    if _status_hook is not None:
        _status_hook(text)


@dataclass(frozen=True)
class LocalPaths:
    """Where the local Neo4j keeps its files under one graphintel home."""

    root: Path

    @property
    def runtime(self) -> Path:
        return self.root / "runtime"

    @property
    def dbms(self) -> Path:
        return self.root / "dbms"

    @property
    def password(self) -> Path:
        return self.root / "password"

    @property
    def pid(self) -> Path:
        return self.root / "neo4j.pid"

    @property
    def port(self) -> Path:
        return self.root / "neo4j.port"

    @property
    def log(self) -> Path:
        return self.root / "neo4j.log"


@dataclass(frozen=True)
class LocalStatus:
    """What ``graphintel neo4j status`` reports."""

    running: bool
    uri: str | None
    user: str
    password_file: Path
    pid: int | None
    data_dir: Path
    log_file: Path
    note: str = ""


def paths_for(settings: Settings) -> LocalPaths:
    """The local Neo4j's folder under ``settings.home``."""
    return LocalPaths(settings.home / "neo4j")


def read_password(settings: Settings) -> str:
    """The local Neo4j's password, from its file (created on first start)."""
    path = paths_for(settings).password
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        raise LocalNeo4jError(
            "the local Neo4j has no password file yet",
            str(path),
            "run 'graphintel neo4j start' first",
        ) from None


#: graphintel's procedures, compiled with the launcher (which registers them) and packed
#: into the plugin jar an outside server loads (``plugin_jar``).
PROCEDURES = ("Hotspots.java",)
PLUGIN_JAR = "graphintel-procedures.jar"


def _launcher_sources() -> tuple[Path, list[Path]]:
    folder = package_data("neo4j_launcher")
    return folder / "pom.xml", [folder / "LocalNeo4j.java", *(folder / p for p in PROCEDURES)]


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise LocalNeo4jError(
            f"'{name}' is not on PATH",
            "PATH",
            "install Java 17 and Maven, or set NEO4J_URI to use another Neo4j",
        )
    return found


def ensure_runtime(settings: Settings) -> Path:
    """Fetch the pinned Neo4j jars and compile the launcher, once per home and version."""
    lp = paths_for(settings)
    pom, java = _launcher_sources()
    stamp = hashlib.sha256(b"".join(p.read_bytes() for p in [pom, *java])).hexdigest()
    stamp_file = lp.runtime / "stamp"
    if stamp_file.is_file() and stamp_file.read_text().strip() == stamp:
        return lp.runtime
    if lp.runtime.exists():
        shutil.rmtree(lp.runtime)
    _say("preparing Neo4j 5.26 (first start downloads ~150 MB from Maven Central, cached in "
         "~/.m2; a few minutes)…")
    private_dir(lp.runtime / "classes")
    shutil.copy(pom, lp.runtime / "pom.xml")
    steps = [
        [_tool("mvn"), "-q", "-B", "-f", str(lp.runtime / "pom.xml"),
         "dependency:copy-dependencies", f"-DoutputDirectory={lp.runtime / 'lib'}"],
        [_tool("javac"), "-d", str(lp.runtime / "classes"), "-cp",
         str(lp.runtime / "lib") + "/*", *map(str, java)],
    ]
    for cmd in steps:
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            tail = (done.stdout + done.stderr).strip().splitlines()[-15:]
            raise LocalNeo4jError(
                f"building the local Neo4j failed ({Path(cmd[0]).name} exit "
                f"{done.returncode}): " + " | ".join(tail),
                str(lp.runtime),
                "check that Maven Central is reachable and Java 17 is installed",
            )
    write_text(stamp_file, stamp)
    return lp.runtime


def plugin_jar(settings: Settings, folder: Path) -> Path:
    """Write graphintel's procedures as a Neo4j plugin jar into ``folder``; its path.

    For a Neo4j that graphintel does not run (docker-compose.yml mounts ./plugins): the
    local Neo4j registers them itself. Built from the same classes, against the pinned
    Neo4j 5.26 jars."""
    classes = ensure_runtime(settings) / "classes" / "graphintel"
    folder.mkdir(parents=True, exist_ok=True)
    jar = folder / PLUGIN_JAR
    names = [Path(p).stem for p in PROCEDURES]
    with zipfile.ZipFile(jar, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
        for cls in sorted(classes.glob("*.class")):
            if cls.stem.split("$")[0] in names:
                out.write(cls, f"graphintel/{cls.name}")
    return jar


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True
    return b"graphintel.LocalNeo4j" in cmdline


def _read_int(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def status(settings: Settings) -> LocalStatus:
    """Whether the local Neo4j of this home runs, and how to connect to it."""
    lp = paths_for(settings)
    pid = _read_int(lp.pid)
    port = _read_int(lp.port)
    running = pid is not None and _pid_alive(pid) and port is not None and _port_open(port)
    note = ""
    if pid is not None and not _pid_alive(pid):
        note = f"stale pid file {lp.pid} (process {pid} is gone)"
    return LocalStatus(
        running=running,
        uri=f"bolt://127.0.0.1:{port}" if running else None,
        user="neo4j",
        password_file=lp.password,
        pid=pid if running else None,
        data_dir=lp.dbms,
        log_file=lp.log,
        note=note,
    )


def start(settings: Settings, *, plugins: Path | None = None) -> LocalStatus:
    """Start the local Neo4j, or reuse the one already running for this home.

    ``plugins``: a folder of Neo4j plugin jars (Graph Data Science, for
    ``bench/gds_bench.py``), put on the classpath and given as the plugin folder, with
    ``gds.*`` procedures unrestricted. A server already running is reused as it is."""
    lp = paths_for(settings)
    private_dir(lp.root, tighten=True)  # also for a folder made by an older version
    if lp.dbms.is_dir():
        private_dir(lp.dbms, tighten=True)
    for own in (lp.password, lp.log):
        tighten(own)
    current = status(settings)
    if current.running:
        return current
    old_pid = _read_int(lp.pid)
    if old_pid is not None:
        if _pid_alive(old_pid):
            raise LocalNeo4jError(
                f"a local Neo4j process ({old_pid}) is running but its Bolt port does not answer",
                str(lp.log),
                "wait for it to finish starting, or run 'graphintel neo4j stop'",
            )
        lp.pid.unlink()
    runtime = ensure_runtime(settings)
    if not lp.password.is_file():
        write_text(lp.password, secrets.token_urlsafe(24))
    lp.password.chmod(0o600)
    # The port used last time first (clients that knew it reconnect), then the configured
    # one, then any free port, so two homes can run side by side.
    previous = _read_int(lp.port)
    # A port that answers is someone else's server (another home's Neo4j left running):
    # never reuse it, even when binding would be allowed.
    port = next((p for p in (previous, settings.local_port)
                 if p and not _port_open(p) and _port_free(p)), None) or _free_port()
    private_dir(lp.dbms, tighten=True)
    for attempt in range(1, PORT_ATTEMPTS + 1):
        try:
            return _launch(settings, lp, runtime, port, plugins)
        except _PortTaken:
            # another server took the port between the check and the bind (two homes
            # starting at once): a port the system hands out now, and again
            _say(f"port {port} was taken while Neo4j started; trying another")
            if attempt == PORT_ATTEMPTS:
                raise LocalNeo4jError(
                    f"the local Neo4j's port was taken while it started, {PORT_ATTEMPTS} "
                    "times", str(lp.log),
                    "set GRAPHINTEL_NEO4J_PORT to a port nothing else uses") from None
            port = _free_port()
    raise AssertionError("unreachable")


class _PortTaken(Exception):
    """The Bolt port was bound by someone else while Neo4j started."""


def _launch(settings: Settings, lp: LocalPaths, runtime: Path, port: int,
            plugins: Path | None) -> LocalStatus:
    """Start the server on ``port`` and wait until it answers."""
    _say(f"starting Neo4j 5.26 on 127.0.0.1:{port} (data in {lp.dbms})…")
    started = time.monotonic()
    classpath = [runtime / "classes", runtime / "lib" / "*"]
    extra = [] if plugins is None else [str(plugins)]
    if plugins is not None:
        classpath.append(plugins / "*")
    cmd = [
        _tool("java"), f"-Xmx{settings.local_heap}", "-XX:+UseG1GC", "-Dfile.encoding=UTF-8",
        "-cp", os.pathsep.join(str(p) for p in classpath),
        "graphintel.LocalNeo4j", str(lp.dbms), str(port), str(lp.password),
        str(settings.local_pagecache_mb), *extra,
    ]
    with_plugins = f" plugins {plugins}" if plugins is not None else ""
    with open_private(lp.log, "ab") as log:
        log.write(f"\n--- start {time.strftime('%Y-%m-%dT%H:%M:%S')} port {port}"
                  f"{with_plugins}\n".encode())
        offset = log.tell()
        proc = subprocess.Popen(
            cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True, cwd=lp.root, umask=0o077,
        )
    write_text(lp.pid, str(proc.pid))
    write_text(lp.port, str(port))
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            lp.pid.unlink(missing_ok=True)
            why = _explain_failure(lp.log, offset)
            if why == PORT_TAKEN:
                raise _PortTaken(why)
            raise LocalNeo4jError(why, str(lp.log), _fix_for(lp))
        if READY_MARK in _log_since(lp.log, offset) and _port_open(port):
            _say(f"Neo4j ready at bolt://127.0.0.1:{port} "
                 f"({time.monotonic() - started:.0f} s)")
            return status(settings)
        time.sleep(0.25)
    stop(settings)
    raise LocalNeo4jError(
        f"the local Neo4j did not start within {START_TIMEOUT_S:.0f} s", str(lp.log),
        "read the log; a slow disk or too little memory are the usual causes",
    )


def _log_since(log: Path, offset: int) -> str:
    with log.open("rb") as fh:
        fh.seek(offset)
        return fh.read().decode("utf-8", "replace")


def _explain_failure(log: Path, offset: int) -> str:
    text = _log_since(log, offset)
    if "lock" in text.lower() and ("store_lock" in text or "Lock file" in text
                                   or "FileLockException" in text):
        return "the local Neo4j's data folder is locked by another process"
    if "Address already in use" in text or "BindException" in text:
        return PORT_TAKEN
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    return "the local Neo4j stopped while starting: " + " | ".join(lines[-3:])


def _fix_for(lp: LocalPaths) -> str:
    return (f"make sure no other Neo4j uses {lp.dbms} (stop it, or remove a stale lock only "
            "when no Neo4j runs), then start again")


def stop(settings: Settings) -> bool:
    """Stop the local Neo4j of this home; returns False when none was running."""
    lp = paths_for(settings)
    pid = _read_int(lp.pid)
    if pid is None or not _pid_alive(pid):
        lp.pid.unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while time.monotonic() < deadline and _pid_alive(pid):
        time.sleep(0.2)
    if _pid_alive(pid):
        os.kill(pid, signal.SIGKILL)
        while _pid_alive(pid):
            time.sleep(0.1)
    lp.pid.unlink(missing_ok=True)
    return True


def kill(settings: Settings) -> bool:
    """Kill the local Neo4j at once (SIGKILL), as a crash would; for fault tests."""
    lp = paths_for(settings)
    pid = _read_int(lp.pid)
    if pid is None or not _pid_alive(pid):
        return False
    os.kill(pid, signal.SIGKILL)
    while _pid_alive(pid):
        time.sleep(0.05)
    return True
