"""Checks of a loader mapping's YAML that need no model: its shape, ``file:``, ``dates:``,
``grading_scheme``, ``skip:``, ``detect:``, ``files:`` and the other top-level options.

The YAML is read keeping the line of every key and list item, so each mistake is a
:class:`MappingError` naming the mapping file and the line of the offending entry, with
what to write instead. :mod:`graphintel.ingest.mapping` builds the mapping from what
these checks return and checks entities and links against the model.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from graphintel.clean.grading import S3, S5, parse_grading
from graphintel.errors import MappingError

#: Input formats a mapping's ``file.format`` may name (default: from the file's extension).
FILE_FORMATS = ("csv", "xlsx")
ENCODINGS = {"utf-8", "cp1252"}
#: Grading schemes a mapping's ``grading_scheme`` may name (default 3x5x2).
GRADING_SCHEMES = (S3, S5)
TOP_KEYS = {"name", "description", "detect", "files", "file", "dates", "skip", "report",
            "entities", "links", "grading_scheme", "source", "event_kinds", "phone_region",
            "unread"}
FILE_KEYS = {"format", "delimiter", "encoding", "sheet", "header_row", "multiline"}
DATES_KEYS = {"formats"}
SKIP_KEYS = {"column", "empty", "equals"}
#: A strptime directive (``%d``), once literal ``%%`` are taken out.
_DIRECTIVE = re.compile(r"%[^%]")
#: A moment every directive can write and read back (aware, so %z and %Z give text).
_PROBE = datetime(2001, 2, 3, 4, 5, 6, 7000, tzinfo=UTC)
_PROPERTY_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
#: Properties graphintel itself writes on entities: a mapping's extra property may not
#: take one of these names.
RESERVED_PROPERTIES = frozenset({
    "uid", "key", "keys", "name_key", "name_dob", "age_on", "flags", "variants", "roles",
    "loaded_at", "extracted_only", "merged_uids", "aliases_text", "extra_json", "kinds",
    "other_nominal_refs", "source_ids", "type", "id", "label", "name_rank",
    "victim_in_narratives",
})
#: Column names of the Neo4j bulk-import format (``:ID``, ``id:ID(Person)``,
#: ``:START_ID``, ``:END_ID``): they hold source IDs, never names, numbers or addresses.
_ID_COLUMN = re.compile(r"(^|:)(ID|START_ID|END_ID)(\([^)]*\))?$")


class LineDict(dict[str, Any]):
    """A YAML mapping that knows its line and the line of each key."""

    line: int = 0
    lines: dict[str, int]


class LineList(list[Any]):
    """A YAML list that knows its line and the line of each item."""

    line: int = 0
    lines: list[int]


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        out[str(key)] = loader.construct_object(value_node, deep=True)
        out.lines[str(key)] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.lines = [child.start_mark.line + 1 for child in node.value]
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def fail(path: Path, line: int, what: str, fix: str | None = None) -> MappingError:
    """A mapping error at ``path:line``."""
    return MappingError(what, f"{path}:{line}", fix)


def read_yaml(path: Path) -> LineDict:
    """The top of a mapping file, with lines; a MappingError when unreadable or not keys."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    except OSError as exc:
        raise MappingError(f"cannot read mapping: {exc.strerror}", str(path),
                           "check the path") from None
    except UnicodeDecodeError:
        raise MappingError("the mapping is not UTF-8 text", str(path),
                           "save the mapping as UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", exc)
        raise fail(path, line, f"mapping is not valid YAML: {problem}",
                   "check the indentation and quoting on that line (a value with ': ', '#' "
                   "or a leading '%' needs quotes)") from None
    return check_keys(raw, TOP_KEYS, path, "the mapping", 1)


def check_keys(obj: Any, allowed: set[str], path: Path, what: str, line: int,
               example: str | None = None) -> LineDict:
    """``obj`` as a mapping of keys, each one of ``allowed``; ``line`` is where it is given."""
    if not isinstance(obj, LineDict):
        got = _kind(obj)
        fix = f"write it as KEY: VALUE lines under it, e.g. {example}" if example else \
            f"write it as KEY: VALUE lines under it (keys: {', '.join(sorted(allowed))})"
        raise fail(path, line, f"{what} must be a mapping of keys, not {got}", fix)
    for key in obj:
        if key not in allowed:
            raise fail(path, obj.lines[key], f"unknown key {key!r} in {what}",
                       f"allowed: {', '.join(sorted(allowed))}")
    return obj


def optional_keys(top: LineDict, key: str, allowed: set[str], path: Path, what: str,
                  example: str) -> LineDict:
    """The mapping under ``top[key]``, empty when the key is absent or left empty."""
    if top.get(key) is None:
        out = LineDict()
        out.line = top.lines.get(key, top.line)
        out.lines = {}
        return out
    return check_keys(top[key], allowed, path, what, top.lines[key], example)


def _kind(obj: Any) -> str:
    """What a YAML value is, for a message: "a list", "text 'first'", "nothing"."""
    if obj is None:
        return "nothing"
    if isinstance(obj, list):
        return "a list"
    if isinstance(obj, dict):
        return "a mapping of keys"
    if isinstance(obj, bool):
        return str(obj).lower()
    if isinstance(obj, str):
        return f"text {obj!r}" if obj.strip() else "empty text"
    return f"the number {obj!r}" if isinstance(obj, int | float) else f"{obj!r}"


def _is_text(obj: Any) -> bool:
    """A YAML scalar usable as text (a name or a number, not true/false, a list or keys)."""
    return isinstance(obj, str | int | float) and not isinstance(obj, bool)


def text(top: LineDict, key: str, path: Path, example: str,
         required: bool = False) -> str | None:
    """``top[key]`` as text, None when absent; a list, keys or an empty value is refused."""
    if key not in top:
        if required:
            raise fail(path, 1, f"mapping has no {key!r}", f"add `{key}: {example}`")
        return None
    value = top[key]
    if value is None and not required:
        return None
    if not _is_text(value) or not str(value).strip():
        raise fail(path, top.lines[key], f"{key} must be text, not {_kind(value)}",
                   f"write e.g. `{key}: {example}`")
    return str(value).strip()


def source(top: LineDict, path: Path) -> str | None:
    """The records system source IDs belong to: a short name, or None."""
    name = top.get("source")
    if name is not None and not re.fullmatch(r"[A-Za-z0-9_.-]{1,40}", str(name)):
        raise fail(path, top.lines["source"], f"source {name!r} must be a short name "
                   "(letters, digits, . _ -)", "write e.g. `source: pole`")
    return None if name is None else str(name)


def names(top: LineDict, key: str, path: Path, what: str, example: str) -> tuple[str, ...]:
    """``top[key]`` as a list of names (columns, file patterns, kinds); () when absent.

    A bare text is refused rather than split: ``detect: Ref, Date`` could be one column
    or two, and a wrong guess would only show as a file never recognised.
    """
    raw = top.get(key)
    if raw is None:
        return ()
    line = top.lines[key]
    if not isinstance(raw, LineList):
        raise fail(path, line, f"{key} must be a list of {what}, not {_kind(raw)}",
                   f"write it in brackets, e.g. `{key}: {example}`")
    for item, item_line in zip(raw, raw.lines, strict=True):
        if not _is_text(item) or not str(item).strip():
            raise fail(path, item_line, f"{key} must be a list of {what}; one item is "
                       f"{_kind(item)}", f"write it in brackets, e.g. `{key}: {example}`")
    return tuple(str(item).strip() for item in raw)


@dataclass(frozen=True)
class FileOptions:
    """The checked ``file:`` options of a mapping."""

    format: str | None = None
    delimiter: str | None = None
    encoding: str = "utf-8"
    sheet: str | None = None
    header_row: int = 1
    multiline: bool = False


def file_options(top: LineDict, path: Path) -> FileOptions:
    """The ``file:`` section, each option of its type and among its allowed values."""
    opts = optional_keys(top, "file", FILE_KEYS, path, "file",
                         "file: {format: csv, delimiter: ';', header_row: 1}")
    lines = opts.lines
    fmt = opts.get("format")
    if fmt is not None and str(fmt).lower() not in FILE_FORMATS:
        raise fail(path, lines["format"], f"file.format {fmt!r} is not a format graphintel "
                   "reads", f"use one of {', '.join(FILE_FORMATS)} (a tab-separated file is "
                   "csv with `delimiter: \"\\t\"`), or leave it out to go by the extension")
    delimiter = opts.get("delimiter")
    if delimiter is not None and (not isinstance(delimiter, str) or len(delimiter) != 1
                                  or delimiter in "\"\r\n"):
        raise fail(path, lines["delimiter"], f"file.delimiter {delimiter!r} must be one "
                   "character (not a quote or a line break)",
                   "write it in quotes, e.g. delimiter: \";\" or a tab as delimiter: \"\\t\", "
                   "or leave it out to have it sniffed")
    encoding = _encoding(opts, path)
    sheet = opts.get("sheet")
    if sheet is not None and (not _is_text(sheet) or not str(sheet).strip()):
        raise fail(path, lines["sheet"], f"file.sheet must be a sheet's name, not "
                   f"{_kind(sheet)}", "write e.g. sheet: Sheet1, or leave it out to read "
                   "the first sheet")
    header_row = opts.get("header_row", 1)
    if not isinstance(header_row, int) or isinstance(header_row, bool) or header_row < 1:
        raise fail(path, lines["header_row"], f"file.header_row must be a line number from "
                   f"1, not {_kind(header_row)}", "give the number of the line (CSV) or row "
                   "(XLSX) holding the column names, e.g. header_row: 1")
    multiline = opts.get("multiline", False)
    if not isinstance(multiline, bool):
        raise fail(path, lines["multiline"], "file.multiline must be true or false",
                   "write multiline: true (quoted cells may hold line breaks) or "
                   "multiline: false (the default)")
    return FileOptions(None if fmt is None else str(fmt).lower(), delimiter, encoding,
                       None if sheet is None else str(sheet), header_row, multiline)


def _encoding(opts: LineDict, path: Path) -> str:
    given = opts.get("encoding", "utf-8")
    try:
        encoding = codecs.lookup(str(given)).name  # utf8, UTF-8 -> utf-8; windows-1252 -> cp1252
    except LookupError:
        encoding = str(given).lower()
    if encoding not in ENCODINGS:
        raise fail(path, opts.lines["encoding"], f"encoding {given!r} not supported",
                   f"use one of {', '.join(sorted(ENCODINGS))}")
    return encoding


def date_formats(raw: Any, path: Path, line: int, what: str) -> tuple[str, ...]:
    """strptime formats: a list of them, or one given bare; each must read dates back."""
    if raw is None:
        return ()
    items: Iterable[tuple[Any, int]]
    if isinstance(raw, str):
        items = [(raw, line)]
    elif isinstance(raw, LineList):
        items = zip(raw, raw.lines, strict=True)
    else:
        raise fail(path, line, f"{what} must be a strptime format or a list of them, not "
                   f"{_kind(raw)}", f"write e.g. {_FORMATS_EXAMPLE}")
    out: list[str] = []
    for fmt, fmt_line in items:
        problem = _format_problem(fmt)
        if problem:
            raise fail(path, fmt_line, f"{what}: {fmt!r} {problem}",
                       f"use strptime directives such as %d %m %Y %H %M, e.g. "
                       f"{_FORMATS_EXAMPLE} (ISO 8601 is always read)")
        out.append(fmt)
    return tuple(out)


_FORMATS_EXAMPLE = 'formats: ["%d/%m/%Y %H:%M", "%d/%m/%Y"]'


def _format_problem(fmt: Any) -> str | None:
    """Why ``fmt`` is no usable strptime format, None when it is one."""
    if not isinstance(fmt, str):
        return "is not text"
    if not _DIRECTIVE.search(fmt.replace("%%", "")):
        return "has no strptime directive (such as %d, %m, %Y), so it reads no date"
    try:
        datetime.strptime(_PROBE.strftime(fmt), fmt)
    except ValueError as exc:
        return f"is not a usable strptime format ({exc})"
    return None


def dates(top: LineDict, path: Path) -> tuple[str, ...]:
    """The ``dates:`` section: its formats, checked."""
    section = optional_keys(top, "dates", DATES_KEYS, path, "dates", _FORMATS_EXAMPLE)
    if section.get("formats") is None:
        return ()
    return date_formats(section["formats"], path, section.lines["formats"], "dates.formats")


def grading_scheme(top: LineDict, path: Path) -> str | None:
    """The ``grading_scheme``: one graphintel knows, or None (3x5x2)."""
    if top.get("grading_scheme") is None:
        return None
    scheme = str(top["grading_scheme"]).strip().lower()
    if scheme not in GRADING_SCHEMES:
        raise fail(path, top.lines["grading_scheme"], f"grading_scheme "
                   f"{top['grading_scheme']!r} is not a grading scheme graphintel knows",
                   f"use one of {', '.join(GRADING_SCHEMES)}, or leave it out for {S3}")
    return scheme


def check_report(raw: LineDict, constants: dict[str, Any], scheme: str | None,
                 path: Path) -> None:
    """The ``report:`` keys fit its ``per``; ``constants`` are its values' constants."""
    per = raw.get("per", "row")
    if per not in ("row", "file"):
        raise fail(path, raw.lines["per"], "report.per must be 'row' or 'file'",
                   "row: each row is a report; file: one report for the whole file")
    for key in ("ref", "date"):
        if per == "row" and key not in raw:
            raise fail(path, raw.line, f"report.{key} is required when report.per is 'row'",
                       f"add `{key}: COLUMN`, or set report.per to 'file'")
    if per == "row" and "row_ref" in raw:
        raise fail(path, raw.lines["row_ref"],
                   "report.row_ref is for report.per 'file' (with 'row', report.ref is the "
                   "row's reference)", "remove row_ref, or set report.per to 'file'")
    if per == "file" and "date" in raw and constants["date"] is None:
        raise fail(path, raw.lines["date"], "report.date of a file-wide report must be "
                   "a constant (the date of the extract), not a column",
                   "give {constant: YYYY-MM-DD}, or put a row's date on its links with `at:`")
    if "grading" not in raw:
        raise fail(path, raw.line, "report.grading is required (a column or a constant)",
                   "add `grading: COLUMN` or `grading: {constant: \"2BP\"}`")
    constant = constants["grading"]
    result = parse_grading(constant, scheme) if constant is not None else None
    if result is not None and result.grading is None:  # else every row would be refused
        raise fail(path, raw.lines["grading"], f"report.grading {constant!r} is not a valid "
                   f"grading: {result.error}", f"give a code like \"2BP\" ({S3})"
                   + (f" or \"B24\" ({S5})" if scheme == S5 else ""))


def check_entity_ids(name: str, spec: LineDict, source: str | None, path: Path) -> None:
    """A source ``id``/``ref`` needs the mapping's ``source``; a ``ref`` entity has no
    fields of its own."""
    ids = [k for k in ("id", "ref") if k in spec]
    if ids and not source:
        raise fail(path, spec.lines[ids[0]], f"entity {name!r} has a source {ids[0]} but the "
                   "mapping names no source", "add `source: NAME` (the records system the "
                   "IDs belong to, e.g. `source: pole`) at the top of the mapping")
    if "ref" in spec:
        for key in ("id", "fields", "properties", "optional"):
            if key in spec:
                raise fail(path, spec.lines[key], f"entity {name!r} is found by its source ID "
                           f"(ref), so it cannot also have {key!r}",
                           "its fields come from the file that defines it (with `id:`)")


def entity_fields(name: str, etype: str, spec: LineDict, allowed: set[str],
                  path: Path) -> LineDict:
    """The ``fields:`` of an entity found by its fields: present, and keys of its type."""
    if spec.get("fields") is None:
        raise fail(path, spec.lines.get("fields", spec.line), f"entity {name!r} has no fields",
                   f"add `fields: {{FIELD: COLUMN}}` (fields of {etype}: "
                   f"{', '.join(sorted(allowed))}), or `ref: COLUMN` and `source: NAME` "
                   "to find it by a source ID")
    return check_keys(spec["fields"], allowed, path, f"fields of entity {name!r}",
                      spec.lines["fields"], f"fields: {{{sorted(allowed)[0]}: COLUMN}}")


def check_property_name(key: str, entity: str, path: Path, line: int) -> None:
    """An extra property's name: lower-case, not one graphintel writes or a model field."""
    from graphintel.ingest.normalise import KNOWN_FIELDS

    if not _PROPERTY_NAME.match(key) or key in RESERVED_PROPERTIES \
            or any(key in f for f in KNOWN_FIELDS.values()):
        raise fail(path, line, f"property name {key!r} of entity {entity!r} cannot be "
                   "used", "use lower-case letters, digits and _, not a name "
                   "graphintel writes itself (e.g. uid, key, flags) or another "
                   "entity type's field")


def check_not_id_column(columns: list[str], path: Path, line: int, what: str) -> None:
    """Refuse a bulk-import ID column (``:START_ID``) mapped as a name, number or address."""
    for column in columns:
        if _ID_COLUMN.search(column):
            raise fail(path, line, f"{what} reads {column!r}, a column of source IDs: "
                       "rows would become entities named by an ID (a person called '1073')",
                       "name entities of a link file by ID with `ref: COLUMN` (and the file "
                       "that defines them with `id: COLUMN`), see loaders/README.md")


def check_words(values: list[Any], allowed: tuple[str, ...], path: Path, line: int,
                what: str, fix: str | None = None) -> None:
    """Each value (a constant, a ``map:`` target) must be a word of the model."""
    for value in values:
        if value not in allowed:
            raise fail(path, line, f"{what} {value!r} is not in the model" if fix else
                       f"{what} {value!r} is not a {what}",
                       fix or f"use one of {', '.join(allowed)}")


def skip_rules(top: LineDict, path: Path) -> list[tuple[str, bool, str | None, int]]:
    """The ``skip:`` rules as (column, empty, equals, line)."""
    raw = top.get("skip")
    if raw is None:
        return []
    example = "skip: [{column: Status, equals: DELETED}, {column: Name, empty: true}]"
    if not isinstance(raw, LineList):
        raise fail(path, top.lines["skip"], f"skip must be a list of rules, not {_kind(raw)}",
                   f"write e.g. {example}")
    out: list[tuple[str, bool, str | None, int]] = []
    for item, line in zip(raw, raw.lines, strict=True):
        rule = check_keys(item, SKIP_KEYS, path, "a skip rule", line,
                          "{column: Status, equals: DELETED}")
        column = rule.get("column")
        if not _is_text(column) or not str(column).strip():
            raise fail(path, rule.lines.get("column", rule.line), "a skip rule needs the "
                       "column it looks at", "write e.g. {column: Status, equals: DELETED}")
        empty = rule.get("empty", False)
        if not isinstance(empty, bool):
            raise fail(path, rule.lines["empty"], f"skip rule empty must be true or false, "
                       f"not {_kind(empty)}", "write e.g. {column: Name, empty: true}")
        equals = rule.get("equals")
        if equals is not None and not _is_text(equals):
            raise fail(path, rule.lines["equals"], f"skip rule equals must be one value, not "
                       f"{_kind(equals)}", "write one rule per value, e.g. {column: Status, "
                       "equals: DELETED}")
        if not empty and equals is None:
            raise fail(path, rule.line, "a skip rule needs `empty: true` or `equals: VALUE`; "
                       "this one skips nothing", "write e.g. {column: Status, equals: DELETED}")
        out.append((str(column), empty, None if equals is None else str(equals), rule.line))
    return out


def phone_region(top: LineDict, path: Path) -> str | None:
    """The mapping's ``phone_region``, a region code phonenumbers knows, or None."""
    region = top.get("phone_region")
    if region is None:
        return None
    import phonenumbers

    if str(region).upper() not in phonenumbers.SUPPORTED_REGIONS:
        raise fail(path, top.lines["phone_region"], f"phone_region {region!r} is not a "
                   "region code", "use a two-letter region such as GB, US, IE, FR")
    return str(region).upper()


_NAME_LINE = re.compile(r"""^name:[ \t]*(["']?)([^"'#\r\n]*?)\1[ \t]*(#.*)?$""", re.MULTILINE)


def peek_name(path: Path) -> str | None:
    """The name a mapping file gives on its top-level ``name:`` line, read as text (so
    even from a file that is not valid YAML); None when it has no such line."""
    try:
        found = _NAME_LINE.search(path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None
    return found.group(2).strip() if found else None


def check_unique_names(found: list[tuple[str, Path, int]], folder: str) -> None:
    """Two mappings of one folder with the same name: a MappingError naming both files."""
    seen: dict[str, Path] = {}
    for name, path, line in found:
        if name in seen:
            raise fail(path, line, f"two mappings in {folder} are named {name!r}: "
                       f"{seen[name]} and {path}", "rename one: give it its own `name:` "
                       "(a copy of a shipped mapping needs a new name, e.g. "
                       f"`name: {name}_myforce`)")
        seen[name] = path
