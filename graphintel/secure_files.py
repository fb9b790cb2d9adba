"""Private files: everything graphintel writes that can hold personal data is mode 0600.

Agendas, charts, analysis results, ingest summaries, quarantine files, the audit log and
the local Neo4j's password hold children's names and dates of birth or secrets. They are
created owner-only whatever the process umask is (0o000 included): files 0600, the folders
graphintel creates 0700. A file is created with the mode already set (``os.open`` with
``O_CREAT`` and mode 0600, then ``fchmod`` to the exact mode before any byte is written),
so there is no moment at which it is readable by others.

* :func:`write_bytes` / :func:`write_text` replace a file atomically (temporary file in the
  same folder, then ``os.replace``): a reader sees the old file or the new one, and an
  existing file with a looser mode is replaced by a 0600 one.
* :func:`open_private` opens a file for streaming (``"w"``, ``"a"``, ``"wb"``, ``"ab"``,
  ``"x"``...); an existing file's mode is tightened to 0600 before writing.
* :func:`private_dir` creates a folder (and any missing parents) as 0700; an existing
  folder is left as it is unless ``tighten=True`` (for folders graphintel owns, such as
  ``$GRAPHINTEL_HOME/audit``), because an ``--out`` folder may be shared on purpose.

These raise :class:`OSError`; callers turn it into an :class:`~graphintel.errors.OutputError`
that names the file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import IO, Any

from graphintel.errors import OutputError

FILE_MODE = 0o600
DIR_MODE = 0o700

_FLAGS = {"w": os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
          "a": os.O_WRONLY | os.O_CREAT | os.O_APPEND,
          "x": os.O_WRONLY | os.O_CREAT | os.O_EXCL}


def private_dir(path: Path | str, *, tighten: bool = False) -> Path:
    """Create ``path`` and missing parents as 0700; ``tighten`` also sets an existing one.

    Returns ``path`` as a :class:`Path`. Raises :class:`OSError` (e.g. ``FileExistsError``
    when a file is in the way).
    """
    folder = Path(path)
    missing: list[Path] = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for item in reversed(missing):
        try:
            os.mkdir(item, DIR_MODE)
        except FileExistsError:  # created meanwhile by another process
            if not item.is_dir():
                raise
            continue
        os.chmod(item, DIR_MODE)  # a umask without owner bits would have removed them
    if not folder.is_dir():
        raise NotADirectoryError(20, "Not a directory", str(folder))
    if tighten and stat.S_IMODE(folder.stat().st_mode) != DIR_MODE:
        os.chmod(folder, DIR_MODE)
    return folder


def _fdopen(fd: int, mode: str, encoding: str | None, newline: str | None) -> IO[Any]:
    if "b" in mode:
        return os.fdopen(fd, mode)
    return os.fdopen(fd, mode, encoding=encoding or "utf-8", newline=newline)


def open_private(path: Path | str, mode: str = "w", *, encoding: str | None = "utf-8",
                 newline: str | None = None) -> IO[Any]:
    """Open ``path`` for writing as a 0600 file; ``mode`` is w, a or x, with b for bytes.

    The parent folder must exist (see :func:`private_dir`). Use as a context manager.
    """
    kind = mode.replace("b", "").replace("t", "")
    if kind not in _FLAGS:
        raise ValueError(f"open_private writes only (w, a, x), not {mode!r}")
    flags = _FLAGS[kind] | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)  # exact mode, also for a file that existed before
        return _fdopen(fd, mode.replace("t", ""), encoding, newline)
    except BaseException:
        os.close(fd)
        raise


def write_bytes(path: Path | str, data: bytes, *, fsync: bool = False) -> Path:
    """Replace ``path`` atomically with ``data`` as a 0600 file; returns the path.

    Creates the parent folder (0700) when missing.
    """
    target = Path(path)
    private_dir(target.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target


def write_text(path: Path | str, text: str, *, encoding: str = "utf-8",
               fsync: bool = False) -> Path:
    """Replace ``path`` atomically with ``text`` as a 0600 file; returns the path."""
    return write_bytes(path, text.encode(encoding), fsync=fsync)


def tighten(path: Path | str) -> None:
    """Set an existing file (graphintel's own, made by an older version) to 0600."""
    with contextlib.suppress(FileNotFoundError):
        if stat.S_IMODE(os.stat(path).st_mode) != FILE_MODE:
            os.chmod(path, FILE_MODE)


def save_output(path: Path | str, data: str | bytes) -> Path:
    """:func:`write_bytes` (text as UTF-8) for an output file the user named; a failure is
    an :class:`~graphintel.errors.OutputError` naming the file."""
    target = Path(path)
    try:
        return write_bytes(target, data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as exc:
        raise OutputError(f"cannot write {target.name}: {exc.strerror or exc}", str(target),
                          "choose a file in a folder you can write to") from None


def loose_mode(path: Path) -> str | None:
    """``"group-readable"`` / ``"world-readable"`` (or -writable) when ``path`` is open to
    others, else None."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None
    if mode & (stat.S_IROTH | stat.S_IWOTH):
        return f"world-{'readable' if mode & stat.S_IROTH else 'writable'} ({mode:04o})"
    if mode & (stat.S_IRGRP | stat.S_IWGRP):
        return f"group-{'readable' if mode & stat.S_IRGRP else 'writable'} ({mode:04o})"
    return None


__all__ = ["DIR_MODE", "FILE_MODE", "loose_mode", "open_private", "private_dir", "save_output",
           "tighten", "write_bytes", "write_text"]
