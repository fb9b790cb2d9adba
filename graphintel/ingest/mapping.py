"""Loader mappings: YAML files that say how a tabular layout becomes reports, entities, links.

A mapping is data an analyst edits, not code. It is validated when loaded (unknown keys,
wrong types, unknown entity or link types, links to undeclared entities) and again against
a file's header (every column it names must exist), each error naming the mapping's
file and line, before any row is written. The format is documented in loaders/README.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graphintel import model
from graphintel.errors import MappingError
from graphintel.resources import loaders_dir

TOP_KEYS = {"name", "description", "detect", "file", "dates", "skip", "report", "entities",
            "links", "grading_scheme"}
FILE_KEYS = {"format", "delimiter", "encoding", "sheet", "header_row", "multiline"}
REPORT_KEYS = {"per", "ref", "date", "grading", "author", "source_system", "narrative",
               "row_ref"}
ENTITY_KEYS = {"type", "role", "optional", "fields"}
LINK_KEYS = {"from", "to", "type", "at", "count", "note"}
SKIP_KEYS = {"column", "empty", "equals"}
VALUE_KEYS = {"column", "constant", "template", "format"}
ENCODINGS = {"utf-8", "cp1252"}
_TEMPLATE_COLUMN = re.compile(r"\{([^{}]+)\}")


class _LineDict(dict[str, Any]):
    line: int = 0
    lines: dict[str, int]


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> _LineDict:
    out = _LineDict()
    out.line = node.start_mark.line + 1
    out.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        out[str(key)] = loader.construct_object(value_node, deep=True)
        out.lines[str(key)] = key_node.start_mark.line + 1
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass(frozen=True)
class ValueSpec:
    """Where one value comes from: a column, a constant, or a template over columns."""

    column: str | None = None
    constant: Any = None
    template: str | None = None
    formats: tuple[str, ...] = ()
    line: int = 0

    def columns(self) -> list[str]:
        if self.column:
            return [self.column]
        if self.template:
            return _TEMPLATE_COLUMN.findall(self.template)
        return []

    def get(self, row: dict[str, Any]) -> Any:
        if self.column is not None:
            return row.get(self.column)
        if self.template is not None:
            values = {c: row.get(c) for c in self.columns()}
            if all(v in (None, "") for v in values.values()):
                return None
            return _TEMPLATE_COLUMN.sub(lambda m: str(values[m.group(1)] or ""), self.template)
        return self.constant


@dataclass(frozen=True)
class EntitySpec:
    name: str
    type: str
    fields: dict[str, ValueSpec]
    role: ValueSpec | None = None
    optional: bool = False
    line: int = 0


@dataclass(frozen=True)
class LinkSpec:
    from_entity: str
    to_entity: str
    type: ValueSpec
    at: ValueSpec | None = None
    count: ValueSpec | None = None
    note: ValueSpec | None = None
    line: int = 0


@dataclass(frozen=True)
class SkipRule:
    column: str
    empty: bool = False
    equals: str | None = None
    line: int = 0

    def matches(self, row: dict[str, Any]) -> bool:
        value = row.get(self.column)
        text = "" if value is None else str(value).strip()
        if self.empty and text == "":
            return True
        return self.equals is not None and text == self.equals


@dataclass(frozen=True)
class Mapping:
    """A validated loader mapping."""

    name: str
    description: str
    path: Path
    report: dict[str, ValueSpec]
    entities: dict[str, EntitySpec]
    links: list[LinkSpec]
    per_row_report: bool = True
    detect: tuple[str, ...] = ()
    file_format: str | None = None
    delimiter: str | None = None
    encoding: str = "utf-8"
    sheet: str | None = None
    header_row: int = 1
    multiline: bool = False
    date_formats: tuple[str, ...] = ()
    grading_scheme: str | None = None
    skip: list[SkipRule] = field(default_factory=list)

    def where(self, line: int) -> str:
        return f"{self.path}:{line}"

    def column_uses(self) -> list[tuple[str, int]]:
        """Every column the mapping reads, with the mapping line that names it."""
        uses: list[tuple[str, int]] = []
        specs: list[ValueSpec] = list(self.report.values())
        for ent in self.entities.values():
            specs.extend(ent.fields.values())
            if ent.role:
                specs.append(ent.role)
        for lk in self.links:
            specs.extend(s for s in (lk.type, lk.at, lk.count, lk.note) if s)
        for spec in specs:
            uses.extend((c, spec.line) for c in spec.columns())
        uses.extend((rule.column, rule.line) for rule in self.skip)
        return uses

    def check_header(self, header: list[str], source: str) -> None:
        """Every column the mapping names must be in the file: else a MappingError."""
        have = set(header)
        for column, line in self.column_uses():
            if column not in have:
                raise MappingError(
                    f"mapping {self.name} reads column {column!r} which {source} does not "
                    f"have (its columns: {', '.join(header)})",
                    self.where(line), "fix the column name in the mapping or pick another mapping",
                )

    def matches_header(self, header: list[str]) -> bool:
        wanted = set(self.detect) if self.detect else {c for c, _ in self.column_uses()}
        return bool(wanted) and wanted <= set(header)


def _fail(path: Path, line: int, what: str, fix: str | None = None) -> MappingError:
    return MappingError(what, f"{path}:{line}", fix)


def _check_keys(obj: Any, allowed: set[str], path: Path, what: str) -> _LineDict:
    if not isinstance(obj, _LineDict):
        raise _fail(path, getattr(obj, "line", 1), f"{what} must be a mapping of keys")
    for key in obj:
        if key not in allowed:
            raise _fail(path, obj.lines[key], f"unknown key {key!r} in {what}",
                        f"allowed: {', '.join(sorted(allowed))}")
    return obj


def _value(raw: Any, path: Path, line: int, what: str) -> ValueSpec:
    if isinstance(raw, str):
        return ValueSpec(column=raw, line=line)
    if isinstance(raw, _LineDict):
        _check_keys(raw, VALUE_KEYS, path, what)
        sources = [k for k in ("column", "constant", "template") if k in raw]
        if len(sources) != 1:
            raise _fail(path, raw.line, f"{what} needs exactly one of column, constant, template")
        fmt = raw.get("format")
        formats = (fmt,) if isinstance(fmt, str) else tuple(fmt or ())
        return ValueSpec(column=raw.get("column"), constant=raw.get("constant"),
                         template=raw.get("template"), formats=formats, line=raw.line)
    if isinstance(raw, int | float | bool):
        return ValueSpec(constant=raw, line=line)
    raise _fail(path, line, f"{what} must be a column name or a {{column|constant|template}} map")


def _entities(raw: Any, path: Path) -> dict[str, EntitySpec]:
    if not isinstance(raw, _LineDict) or not raw:
        raise _fail(path, getattr(raw, "line", 1), "entities must name at least one entity")
    out: dict[str, EntitySpec] = {}
    for name, spec in raw.items():
        spec = _check_keys(spec, ENTITY_KEYS, path, f"entity {name!r}")
        etype = spec.get("type")
        if etype not in model.ENTITY_LABELS:
            raise _fail(path, spec.lines.get("type", spec.line),
                        f"entity {name!r} has type {etype!r}",
                        f"use one of {', '.join(model.ENTITY_LABELS)}")
        fields_raw = _check_keys(spec.get("fields"), _field_names(etype), path,
                                 f"fields of entity {name!r}")
        fields = {k: _value(v, path, fields_raw.lines[k], f"field {name}.{k}")
                  for k, v in fields_raw.items()}
        role = spec.get("role")
        role_spec = _value(role, path, spec.lines["role"], f"role of {name}") if role else None
        if role_spec and role_spec.constant is not None and role_spec.constant not in model.ROLES:
            raise _fail(path, spec.lines["role"], f"role {role_spec.constant!r} is not a role",
                        f"use one of {', '.join(model.ROLES)}")
        out[name] = EntitySpec(name, etype, fields, role_spec, bool(spec.get("optional")),
                               spec.line)
    return out


def _field_names(etype: str) -> set[str]:
    from graphintel.ingest.normalise import KNOWN_FIELDS

    return KNOWN_FIELDS[etype] - {"role"}


def _links(raw: Any, entities: dict[str, EntitySpec], path: Path) -> list[LinkSpec]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise _fail(path, 1, "links must be a list")
    out: list[LinkSpec] = []
    for item in raw:
        item = _check_keys(item, LINK_KEYS, path, "a link")
        for end in ("from", "to"):
            if item.get(end) not in entities:
                raise _fail(path, item.lines.get(end, item.line),
                            f"link {end} {item.get(end)!r} is not an entity of this mapping",
                            f"declared entities: {', '.join(entities)}")
        raw_type = item.get("type")
        type_line = item.lines.get("type", item.line)
        if isinstance(raw_type, str):
            if not model.is_link_type(raw_type):
                raise _fail(path, type_line, f"link type {raw_type!r} is not in the model",
                            f"use one of {', '.join(model.LINK_TYPES)}, or {{column: NAME}}")
            type_spec = ValueSpec(constant=raw_type, line=type_line)
        else:
            type_spec = _value(raw_type, path, type_line, "link type")
        extra = {k: _value(item[k], path, item.lines[k], f"link {k}")
                 for k in ("at", "count", "note") if k in item}
        out.append(LinkSpec(item["from"], item["to"], type_spec, line=item.line, **extra))
    return out


def load_mapping(path: Path) -> Mapping:
    """Parse and validate one mapping file."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    except OSError as exc:
        raise MappingError(f"cannot read mapping: {exc.strerror}", str(path)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", exc)
        raise _fail(path, line, f"mapping is not valid YAML: {problem}") from None
    top = _check_keys(raw, TOP_KEYS, path, "the mapping")
    for required in ("name", "report", "entities"):
        if required not in top:
            raise _fail(path, 1, f"mapping has no {required!r}")
    file_opts = _check_keys(top.get("file") or _empty(), FILE_KEYS, path, "file")
    encoding = str(file_opts.get("encoding", "utf-8")).lower()
    if encoding not in ENCODINGS:
        raise _fail(path, file_opts.lines["encoding"], f"encoding {encoding!r} not supported",
                    f"use one of {', '.join(sorted(ENCODINGS))}")
    multiline = file_opts.get("multiline", False)
    if not isinstance(multiline, bool):
        raise _fail(path, file_opts.lines["multiline"], "file.multiline must be true or false")
    report_raw = _check_keys(top["report"], REPORT_KEYS, path, "report")
    per = report_raw.get("per", "row")
    if per not in ("row", "file"):
        raise _fail(path, report_raw.lines["per"], "report.per must be 'row' or 'file'")
    report = {k: _value(v, path, report_raw.lines[k], f"report.{k}")
              for k, v in report_raw.items() if k != "per"}
    if per == "row" and "ref" not in report:
        raise _fail(path, report_raw.line, "report.ref is required when report.per is 'row'")
    if per == "row" and "date" not in report:
        raise _fail(path, report_raw.line, "report.date is required when report.per is 'row'")
    if per == "row" and "row_ref" in report:
        raise _fail(path, report_raw.lines["row_ref"],
                    "report.row_ref is for report.per 'file' (with 'row', report.ref is the "
                    "row's reference)", "remove row_ref, or set report.per to 'file'")
    if "grading" not in report:
        raise _fail(path, report_raw.line, "report.grading is required (a column or a constant)")
    entities = _entities(top["entities"], path)
    skip = []
    for rule in top.get("skip") or []:
        rule = _check_keys(rule, SKIP_KEYS, path, "a skip rule")
        skip.append(SkipRule(str(rule["column"]), bool(rule.get("empty")),
                             None if rule.get("equals") is None else str(rule["equals"]),
                             rule.line))
    dates = top.get("dates") or {}
    formats = dates.get("formats", []) if isinstance(dates, dict) else []
    return Mapping(
        name=str(top["name"]), description=str(top.get("description", "")), path=path,
        report=report, entities=entities, links=_links(top.get("links"), entities, path),
        per_row_report=per == "row", detect=tuple(top.get("detect") or ()),
        file_format=file_opts.get("format"), delimiter=file_opts.get("delimiter"),
        encoding=encoding, sheet=file_opts.get("sheet"),
        header_row=int(file_opts.get("header_row", 1)), multiline=multiline,
        date_formats=tuple(formats),
        grading_scheme=top.get("grading_scheme"), skip=skip,
    )


def _empty() -> _LineDict:
    out = _LineDict()
    out.lines = {}
    return out


def shipped_mappings() -> dict[str, Mapping]:
    """Every mapping in ``loaders/``, by name."""
    return {m.name: m for m in (load_mapping(p) for p in sorted(loaders_dir().glob("*.yaml")))}


def find_mapping(name_or_path: str) -> Mapping:
    """A shipped mapping by name, or a mapping file by path."""
    path = Path(name_or_path)
    if path.suffix in {".yaml", ".yml"} and path.is_file():
        return load_mapping(path)
    shipped = shipped_mappings()
    if name_or_path in shipped:
        return shipped[name_or_path]
    raise MappingError(f"no mapping named {name_or_path!r}", "--mapping",
                       f"use a file path or one of: {', '.join(sorted(shipped))}")
