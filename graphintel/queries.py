"""The officer query library: named, read-only Cypher queries (the full-text search is
:mod:`graphintel.search`, re-exported here; evidence paths are
:mod:`graphintel.evidence_paths`).

Queries are ``.cypher`` files (header format in ``cypher/queries/README.md``): the ones
shipped in ``cypher/queries`` and any an officer keeps in ``GRAPHINTEL_QUERY_DIR``.
:func:`run_query` takes parameters as typed on the command line and

1. checks them against the header (unknown, missing, mistyped: :class:`CypherFileError`
   naming the parameter and the type, before anything runs);
2. normalises them by name: ``phone``/``*_phone`` to E.164, ``vrm``/``*_vrm`` to a VRM,
   ``postcode``/``*_postcode`` to canonical form, and resolves person parameters
   (``person``, ``child``, ``suspect``, ``victim``, ``person_*``, ``*_person``) from a
   name, nominal reference or uid to one uid (:func:`graphintel.subjects.resolve_person`);
3. refuses, with :class:`ReadOnlyViolation` and the graph untouched, anything that is not
   a plain read: a ``mode`` other than read, ``LOAD CSV`` anywhere in the text, an EXPLAIN
   query type other than ``r``, or a plan with a write, schema, LOAD CSV, FOREACH or
   ``CALL { } IN TRANSACTIONS`` operator;
4. runs it in a READ transaction, where the server refuses any write that got this far.

Values only ever reach Cypher as ``$parameters``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import neo4j
from neo4j.exceptions import Neo4jError

from graphintel.clean import clean_phone, clean_postcode, clean_vrm
from graphintel.clean.result import Cleaned
from graphintel.config import Settings
from graphintel.cypher_files import BATCH_ROWS, CypherFile, coerce, load_folder
from graphintel.errors import ConfigError, CypherFileError, NotFound, ReadOnlyViolation
from graphintel.resources import cypher_dir
from graphintel.search import SEARCH_MAX_CHARS, SEARCH_MAX_TERMS, check_search_text, search
from graphintel.served import PROCEDURES, served
from graphintel.store import Reader, Store
from graphintel.subjects import resolve_person

_PERSON_PARAM = re.compile(r"^(?:person|child|suspect|victim)(?:_\w+)?$|^\w+_person$")
_NORMALISERS: dict[str, Any] = {"phone": clean_phone, "vrm": clean_vrm, "postcode": clean_postcode}
_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.IGNORECASE)
_WRITE_OPERATOR = re.compile(
    r"^(?:Create|Merge|LockingMerge|Set|Remove|Delete|DetachDelete|LoadCSV|Foreach|"
    r"TransactionForeach|TransactionApply|Drop|DoNothingIfExists|AdministrationCommand|"
    r"SystemProcedureCall|Terminate)",
    re.IGNORECASE,
)
#: The procedures a query may call: full-text lookups and the schema's names, which read
#: the graph and nothing else. Any other procedure is refused, though Neo4j types many as
#: reads: db.stats.* and db.prepareForReplanning change the server's state, and the admin
#: procedures show settings and other users' transactions.
READ_PROCEDURES = frozenset({"db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships",
                             "db.labels", "db.relationshipTypes", "db.propertyKeys",
                             *PROCEDURES})
#: Operators of SHOW commands (settings, transactions, users, procedures...): server
#: administration, not intelligence; refused whatever Neo4j types them as.
_SHOW_OPERATOR = re.compile(r"^Show", re.IGNORECASE)
_EXAMPLES = {"str": "text", "int": "3", "float": "2.5", "bool": "true", "date": "2025-03-01",
             "list": "a,b,c", "map": "(not settable from the command line)"}


@dataclass(frozen=True)
class QueryResult:
    """Rows of one query run: ``columns`` in RETURN order, the query, the bound parameters."""

    columns: list[str]
    rows: list[dict[str, Any]]
    query: CypherFile
    params: dict[str, Any] = field(default_factory=dict)
    truncated: bool = False


def shipped_query_dir() -> Path:
    """The folder of the named queries that ship with graphintel."""
    return cypher_dir() / "queries"


_folders: dict[Path, tuple[tuple[tuple[str, int, int], ...], dict[str, CypherFile]]] = {}
_checked: set[tuple[str, str, tuple[tuple[str, str], ...]]] = set()
_CHECKED_MAX = 4096
#: Files that passed :func:`check_text` (a file is immutable: an edit is a new one).
_texts_ok: set[CypherFile] = set()


def _load_folder(folder: Path) -> dict[str, CypherFile]:
    """``load_folder``, parsed again only when a file was added, removed or changed.

    The shipped folder is read once per process: its files are part of the installed
    package and do not change under a running process, and looking at every file's
    stamp on each request was a tenth of the client's time for a small query. An
    officer's folder is looked at on every request, so an edit there counts at once."""
    cached = _folders.get(folder)
    if cached is not None and folder == shipped_query_dir():
        return cached[1]
    stamp = tuple((str(f), s.st_mtime_ns, s.st_size) for f in sorted(folder.rglob("*.cypher"))
                  for s in [f.stat()])
    if cached is None or cached[0] != stamp:
        cached = (stamp, load_folder(folder))
        _folders[folder] = cached
    return cached[1]


def list_queries(settings: Settings) -> list[CypherFile]:
    """Every named query: shipped ones plus the officer's (``GRAPHINTEL_QUERY_DIR``), by name.

    An officer file with the same name as a shipped query is an error naming both files.
    """
    found = dict(_load_folder(shipped_query_dir()))
    if settings.query_dir is not None:
        if not settings.query_dir.is_dir():
            raise ConfigError(f"the query folder {settings.query_dir} does not exist",
                              "GRAPHINTEL_QUERY_DIR", "create it or fix the setting")
        for name, cf in _load_folder(settings.query_dir).items():
            if name in found:
                raise CypherFileError(
                    f"query {name!r} is defined twice: {found[name].path} and {cf.path}",
                    str(cf.path), "rename the query in your own file")
            found[name] = cf
    return [found[n] for n in sorted(found)]


def show_query(settings: Settings, name: str) -> CypherFile:
    """One named query (shipped or the officer's)."""
    for cf in list_queries(settings):
        if cf.name == name:
            return cf
    raise NotFound(f"no query named {name!r}", fix="see 'graphintel query list'")


def param_kind(name: str) -> str | None:
    """How a parameter is normalised, decided by its name: person, phone, vrm, postcode."""
    if _PERSON_PARAM.match(name):
        return "person"
    for kind in _NORMALISERS:
        if name == kind or name.endswith("_" + kind):
            return kind
    return None


def _bad(cf: CypherFile, what: str, fix: str) -> CypherFileError:
    return CypherFileError(f"{what} (query {cf.name})", str(cf.path), fix)


def prepare_params(store: Store | Reader, cf: CypherFile,
                   raw: Mapping[str, Any]) -> dict[str, Any]:
    """Typed, normalised and resolved parameters for ``cf``; defaults filled in."""
    declared = {p.name: p for p in cf.params}
    values: dict[str, Any] = {}
    for name, given in raw.items():
        p = declared.get(name)
        if p is None:
            raise _bad(cf, f"unknown parameter {name!r}",
                       f"it takes: {', '.join(declared) or 'no parameters'}")
        value = given
        if isinstance(given, str):
            if not given.strip():
                raise _bad(cf, f"parameter {name!r} is empty", "give a value or leave it out")
            try:
                value = coerce(given.strip(), p.type)
                if p.type == "date":
                    _strict_date(value)
            except ValueError as exc:
                raise _bad(cf, f"parameter {name!r} must be {p.type}, got {given!r} ({exc})",
                           f"give a {p.type} value, e.g. {name}={_EXAMPLES[p.type]}") from None
        values[name] = _normalise(store, cf, name, value)
    return cf.bind(values)


def _strict_date(value: str) -> None:
    """A date parameter is a whole ISO date or date-time, nothing after it."""
    try:
        date.fromisoformat(value)
    except ValueError:
        datetime.fromisoformat(value)


def _normalise(store: Store | Reader, cf: CypherFile, name: str, value: Any) -> Any:
    kind = param_kind(name)
    if value is None or kind is None or not isinstance(value, str):
        return value
    if kind == "person":
        return resolve_person(store, value)
    cleaned: Cleaned = _NORMALISERS[kind](value)
    if cleaned.value is None:
        raise _bad(cf, f"parameter {name!r}: {value!r} is not a usable {kind} "
                   f"({cleaned.error})", f"give a {kind}")
    return cleaned.value


def check_text(cf: CypherFile) -> None:
    """Refuse, before anything runs, a file that is not one read statement without LOAD CSV."""
    if cf in _texts_ok:
        return
    if cf.mode != "read":
        raise ReadOnlyViolation(f"query {cf.name} declares mode {cf.mode!r}", str(cf.path),
                                "the query commands only run read queries")
    if len(cf.statements) != 1:
        raise _bad(cf, f"the file holds {len(cf.statements)} statements",
                   "a named query is one read statement")
    if _LOAD_CSV.search(cf.text):
        raise ReadOnlyViolation(f"query {cf.name} uses LOAD CSV", str(cf.path),
                                "the query commands do not read files; use 'graphintel ingest'")
    if len(_texts_ok) >= _CHECKED_MAX:
        _texts_ok.clear()
    _texts_ok.add(cf)


def check_plan(store: Store, cf: CypherFile, params: dict[str, Any],
               text: str | None = None) -> None:
    """Refuse a query whose EXPLAIN type is not 'r' or whose plan has a writing operator;
    ``text`` is what will run when it is not the file's text (see :func:`collected`)."""
    try:
        kind, operators = store.query_type(text or cf.text, params)
    except ReadOnlyViolation as exc:
        raise ReadOnlyViolation(f"query {cf.name}: {exc.what}", str(cf.path), exc.fix) from None
    except Neo4jError as exc:
        raise _bad(cf, f"Neo4j cannot plan the query: {exc.message or exc.code}",
                   "fix the Cypher in the file") from None
    writes = sorted(op for op in operators if _WRITE_OPERATOR.match(op)
                    or _SHOW_OPERATOR.match(op)
                    or (op.startswith("ProcedureCall:")
                        and op.split(":", 1)[1] not in READ_PROCEDURES))
    if kind != "r" or writes:
        detail = f"query type {kind!r}" + (f", operators {', '.join(writes)}" if writes else "")
        raise ReadOnlyViolation(f"query {cf.name} is not read-only ({detail})", str(cf.path),
                                "the query commands only run queries that read")


@dataclass(frozen=True)
class PlanStep:
    """One operator of a query plan, depth-first from the root: ``rows`` and ``db_hits``
    are what it did (PROFILE) or None (EXPLAIN)."""

    operator: str
    details: str
    depth: int
    rows: int | None = None
    db_hits: int | None = None


def query_plan(store: Store, text: str, params: dict[str, Any], *,
               profile: bool = False) -> list[PlanStep]:
    """The plan of a read query, root first; with ``profile`` it is run (read-only) and
    each operator carries its rows and db hits."""
    def work(tx: Any) -> Any:
        result = tx.run(("PROFILE " if profile else "EXPLAIN ") + text, params)
        if profile:
            for _ in result:
                pass
        summary = result.consume()
        return summary.profile if profile else summary.plan

    with store._session(neo4j.READ_ACCESS) as session:
        root = session.execute_read(store._read_unit(work))
    steps: list[PlanStep] = []
    stack: list[tuple[dict[str, Any], int]] = [(root, 0)] if root else []
    while stack:
        node, depth = stack.pop()
        args = node.get("args", {})
        steps.append(PlanStep(str(node.get("operatorType", "")).split("@")[0],
                              str(args.get("Details", "")), depth,
                              node.get("rows") if profile else None,
                              node.get("dbHits") if profile else None))
        stack.extend((child, depth + 1) for child in reversed(node.get("children", [])))
    return steps


def collected(cf: CypherFile) -> str | None:
    """A shipped query's text with its rows collected into records of up to
    :data:`BATCH_ROWS` rows each, in their order (a ``batched`` text), or None for a query
    that is batched already or is an officer's own (whose ``returns`` header is not
    checked against what it returns).

    Each record costs the driver a message and Python objects of its own: one record of
    100 rows takes the client about 40% of the CPU time of 100 records (the workspace
    serves its analysts from one process, so that time is shared).

    >>> from graphintel.cypher_files import CypherFile
    >>> print(collected(CypherFile("q", "", shipped_query_dir() / "q.cypher",
    ...                            ("MATCH (n) RETURN n.a AS a",), returns=("a",))))
    CALL () {
    MATCH (n) RETURN n.a AS a
    }
    WITH collect({`a`: `a`}) AS rows
    UNWIND range(0, size(rows) - 1, 5000) AS i
    RETURN rows[i..i + 5000] AS rows
    """
    return _collected(cf, BATCH_ROWS)


@lru_cache(maxsize=256)
def _collected(cf: CypherFile, batch_rows: int) -> str | None:
    if cf.batched or not cf.returns or len(cf.statements) != 1 \
            or not cf.path.is_relative_to(cypher_dir()):
        return None
    columns = ", ".join(f"`{c}`: `{c}`" for c in cf.returns)
    return (f"CALL () {{\n{cf.statements[0]}\n}}\nWITH collect({{{columns}}}) AS rows\n"
            f"UNWIND range(0, size(rows) - 1, {batch_rows}) AS i\n"
            f"RETURN rows[i..i + {batch_rows}] AS rows")


def run_query(store: Store, settings: Settings, name: str, raw_params: Mapping[str, Any],
              *, limit: int | None = None, in_server: bool = True) -> QueryResult:
    """Run a named query read-only with parameters as typed; at most ``limit`` rows.

    A query a graphintel procedure answers runs as that procedure when the server has it
    (graphintel/served.py); ``in_server=False`` runs the file's Cypher, the reference."""
    cf = show_query(settings, name)
    check_text(cf)
    if limit is not None and limit < 1:
        raise _bad(cf, f"limit must be at least 1, got {limit}", "give --limit 1 or more")
    raw = dict(raw_params)
    if limit is not None and "limit" in {p.name for p in cf.params} and "limit" not in raw:
        raw["limit"] = limit + 1  # the server stops one row past the limit: cut is known
    # the plan check depends on the text and the parameter types, not the values: a text
    # that passed on this database once is not EXPLAINed again (the read transaction
    # stays the last line of defence)
    def checked(params: dict[str, Any]) -> tuple[Any, ...]:
        return (f"{store.uri}/{store.database}", text,
                tuple(sorted((k, type(v).__name__) for k, v in params.items())))

    runs = served(store, cf) if in_server else cf
    one_record = collected(runs)
    text, batched = (one_record, True) if one_record else (runs.text, runs.batched)

    def resolve_and_run(reader: Reader) -> tuple[dict[str, Any], list[dict[str, Any]] | None]:
        # the people a query names are resolved in the query's session, each read an
        # auto-commit transaction: one round trip each (Store.read_auto)
        params = prepare_params(reader, cf, raw)
        given = params.get("limit")
        if isinstance(given, int) and not isinstance(given, bool) and given < 1:
            raise _bad(cf, f"parameter 'limit' must be 1 or more, got {given}",
                       "give limit=1 or more, or leave it out for every row")
        if checked(params) not in _checked:
            return params, None  # its plan is checked first, below
        return params, reader.read_text(text, params, batched=batched)

    try:
        params, rows = store.read_auto(resolve_and_run, what=cf.name)
        if rows is None:
            check_plan(store, cf, params, text)
            if len(_checked) >= _CHECKED_MAX:
                _checked.clear()
            _checked.add(checked(params))
            rows = store.read_text(text, params, what=cf.name, batched=batched)
    except Neo4jError as exc:
        raise _bad(cf, f"Neo4j refused the query: {exc.message or exc.code}",
                   "check the parameters and the Cypher in the file") from None
    if one_record:  # a map's keys come back in no set order
        rows = [{c: row[c] for c in cf.returns} for row in rows]
    columns = list(rows[0]) if rows else list(cf.returns)
    truncated = limit is not None and len(rows) > limit
    return QueryResult(columns, rows[:limit] if truncated else rows, cf, params, truncated)


__all__ = ["PlanStep", "QueryResult", "SEARCH_MAX_CHARS", "SEARCH_MAX_TERMS", "check_plan",
           "check_search_text", "check_text", "collected", "list_queries", "param_kind",
           "prepare_params", "query_plan", "run_query", "search", "show_query"]
