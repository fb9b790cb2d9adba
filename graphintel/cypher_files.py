"""Read ``.cypher`` files: a header of ``//`` comment lines, then one or more statements.

Header lines::

    // name: people_sharing_phone
    // description: People who use the same phone.
    // param: phone: str — the number, any format
    // param: limit: int = 50 — at most this many rows
    // returns: phone, person, nominal_ref
    // batched: yes

``batched: yes`` says the statement returns its rows in batches: one column ``rows``, each
value a list of row maps with the keys of ``returns`` (:data:`BATCH_ROWS` at most), which
:class:`graphintel.store.Store` flattens back into rows. A read of tens of thousands of
rows then costs the driver a few messages instead of one per row (about 3.5 times faster
for 60,000 report rows). Two idioms end such a query (a test holds every batched file to
one of them): ``collect`` every row map and slice the list, or, for whole-graph reads,
``collect`` the nodes or relationships and make the row maps of one slice at a time in a
``CALL`` subquery, so the server holds references rather than every row at once (the
analysis projection: 100,000 reports read in 0.5 s instead of 3 s).

Values reach the database only through ``$params``; the header is the contract a caller is
checked against, so a missing, unknown or mistyped parameter fails before the query runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from graphintel.errors import CypherFileError

PARAM_TYPES: dict[str, type | tuple[type, ...]] = {
    "str": str,
    "int": int,
    "float": (int, float),
    "bool": bool,
    "date": str,
    "list": list,
    "map": dict,
}
MODES = frozenset({"read", "write", "schema", "autocommit"})
_HEADER = re.compile(r"^//\s*(name|description|param|returns|mode|batched):\s*(.*)$")
#: Rows per batch of a ``batched`` query (its Cypher writes the same number).
BATCH_ROWS = 5000
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(?P<type>[a-z]+)"
    r"(?:\s*=\s*(?P<default>[^—]+?))?\s*(?:—\s*(?P<help>.*))?$"
)
_USED = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRING_OR_COMMENT = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*")


@dataclass(frozen=True)
class Param:
    """One declared query parameter."""

    name: str
    type: str
    default: Any = None
    required: bool = True
    help: str = ""


@dataclass(frozen=True)
class CypherFile:
    """A parsed ``.cypher`` file."""

    name: str
    description: str
    path: Path
    statements: tuple[str, ...]
    params: tuple[Param, ...] = ()
    returns: tuple[str, ...] = ()
    mode: str = "read"
    used_params: frozenset[str] = field(default_factory=frozenset)
    batched: bool = False

    @property
    def text(self) -> str:
        """The whole body, for a single-statement file."""
        return ";\n".join(self.statements)

    def bind(self, supplied: dict[str, Any]) -> dict[str, Any]:
        """Check ``supplied`` against the header and return the full parameter map.

        Unknown names, missing required values and wrong types are errors that name the
        parameter and the file. Defaults fill what was not supplied.
        """
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(supplied) - set(declared))
        if unknown:
            raise CypherFileError(
                f"unknown parameter {unknown[0]!r} for query {self.name}",
                str(self.path),
                f"it takes: {', '.join(declared) or 'no parameters'}",
            )
        bound: dict[str, Any] = {}
        for p in self.params:
            if p.name in supplied and supplied[p.name] is not None:
                value = supplied[p.name]
            elif not p.required:
                value = p.default
            else:
                raise CypherFileError(
                    f"missing parameter {p.name!r} ({p.type}) for query {self.name}",
                    str(self.path),
                    f"supply it, e.g. --param {p.name}=...",
                )
            if value is not None and not _type_ok(value, p.type):
                raise CypherFileError(
                    f"parameter {p.name!r} of query {self.name} must be {p.type}, "
                    f"got {type(value).__name__} {value!r}",
                    str(self.path),
                    f"give a {p.type} value",
                )
            bound[p.name] = value
        return bound


def _type_ok(value: Any, type_name: str) -> bool:
    if type_name == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if type_name == "date":
        if not isinstance(value, str):
            return False
        try:
            date.fromisoformat(value[:10])
        except ValueError:
            return False
        return True
    expected = PARAM_TYPES.get(type_name)
    return expected is not None and isinstance(value, expected)


def coerce(value: str, type_name: str) -> Any:
    """Turn command-line text into a value of the declared type, or raise ``ValueError``."""
    if type_name == "int":
        return int(value)
    if type_name == "float":
        return float(value)
    if type_name == "bool":
        low = value.strip().lower()
        if low in {"true", "yes", "1"}:
            return True
        if low in {"false", "no", "0"}:
            return False
        raise ValueError(f"{value!r} is not true/false")
    if type_name == "list":
        return [v.strip() for v in value.split(",") if v.strip()]
    if type_name == "date":
        date.fromisoformat(value[:10])
        return value
    return value


def _parse_default(raw: str | None, type_name: str) -> tuple[Any, bool]:
    if raw is None:
        return None, True
    raw = raw.strip()
    if raw == "null":
        return None, False
    return coerce(raw.strip("'\""), type_name), False


def _split_statements(body: str) -> list[str]:
    statements: list[str] = []
    current: list[str] = []
    for line in body.splitlines():
        current.append(line)
        if line.rstrip().endswith(";"):
            statements.append("\n".join(current).rstrip().rstrip(";").strip())
            current = []
    tail = "\n".join(current).strip()
    if tail:
        statements.append(tail)
    return [s for s in statements if _STRING_OR_COMMENT.sub("", s).strip()]


def parse_cypher_file(path: Path) -> CypherFile:
    """Parse one ``.cypher`` file, checking that declared and used parameters agree."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CypherFileError(f"cannot read query file: {exc}", str(path)) from None
    meta: dict[str, str] = {}
    params: list[Param] = []
    body_lines: list[str] = []
    in_header = True
    for number, line in enumerate(text.splitlines(), start=1):
        match = _HEADER.match(line.strip()) if in_header else None
        if match:
            key, value = match.group(1), match.group(2).strip()
            if key == "param":
                pm = _PARAM.match(value)
                if not pm or pm.group("type") not in PARAM_TYPES:
                    raise CypherFileError(
                        f"bad parameter declaration {value!r}",
                        f"{path}:{number}",
                        f"write '// param: name: type [= default] — help' with type one of "
                        f"{', '.join(PARAM_TYPES)}",
                    )
                try:
                    default, required = _parse_default(pm.group("default"), pm.group("type"))
                except ValueError as exc:
                    raise CypherFileError(
                        f"bad default for parameter {pm.group('name')}: {exc}", f"{path}:{number}"
                    ) from None
                params.append(
                    Param(pm.group("name"), pm.group("type"), default, required,
                          (pm.group("help") or "").strip())
                )
            else:
                meta[key] = value
            continue
        if line.strip().startswith("//") and in_header:
            continue
        in_header = False
        body_lines.append(line)
    for required_key in ("name", "description"):
        if not meta.get(required_key):
            raise CypherFileError(
                f"query file has no '// {required_key}:' header line",
                str(path),
                "add the header (name, description, params)",
            )
    statements = _split_statements("\n".join(body_lines))
    if not statements:
        raise CypherFileError("query file has no statement", str(path))
    used = frozenset(
        name for s in statements for name in _USED.findall(_STRING_OR_COMMENT.sub("", s))
    )
    declared = {p.name for p in params}
    if used - declared:
        raise CypherFileError(
            f"query {meta['name']} uses ${sorted(used - declared)[0]} but does not declare it",
            str(path),
            "add a '// param:' line for it",
        )
    if declared - used:
        raise CypherFileError(
            f"query {meta['name']} declares parameter {sorted(declared - used)[0]!r} "
            "that it never uses",
            str(path),
            "remove the '// param:' line or use the parameter",
        )
    mode = meta.get("mode", "read")
    if mode not in MODES:
        raise CypherFileError(
            f"mode must be one of {', '.join(sorted(MODES))}, not {mode!r}", str(path)
        )
    returns = tuple(c.strip() for c in meta.get("returns", "").split(",") if c.strip())
    batched = meta.get("batched", "no").lower()
    if batched not in ("yes", "no"):
        raise CypherFileError(f"batched must be yes or no, not {batched!r}", str(path))
    return CypherFile(
        name=meta["name"],
        description=meta["description"],
        path=path,
        statements=tuple(statements),
        params=tuple(params),
        returns=returns,
        mode=mode,
        used_params=used,
        batched=batched == "yes",
    )


def load_folder(folder: Path) -> dict[str, CypherFile]:
    """Parse every ``*.cypher`` file under ``folder``; names must be unique."""
    found: dict[str, CypherFile] = {}
    for path in sorted(folder.rglob("*.cypher")):
        parsed = parse_cypher_file(path)
        if parsed.name in found:
            raise CypherFileError(
                f"two query files are named {parsed.name!r}",
                f"{found[parsed.name].path} and {path}",
                "rename one of them",
            )
        found[parsed.name] = parsed
    return found
