"""Loader mappings: YAML files that say how a tabular layout becomes reports, entities, links.

A mapping is data an analyst edits, not code. It is validated when loaded (unknown keys,
wrong types, unknown entity or link types, links to undeclared entities) and again against
a file's header (every column it names must exist), each error naming the mapping's
file and line, before any row is written. The format is documented in loaders/README.md.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graphintel import model
from graphintel.errors import MappingError
from graphintel.resources import loaders_dir

TOP_KEYS = {"name", "description", "detect", "files", "file", "dates", "skip", "report",
            "entities", "links", "grading_scheme", "source", "event_kinds", "phone_region"}
FILE_KEYS = {"format", "delimiter", "encoding", "sheet", "header_row", "multiline"}
REPORT_KEYS = {"per", "ref", "date", "grading", "author", "source_system", "narrative",
               "row_ref"}
ENTITY_KEYS = {"type", "role", "optional", "fields", "id", "ref", "id_space", "properties"}
LINK_KEYS = {"from", "to", "type", "at", "count", "note", "kind", "role"}
SKIP_KEYS = {"column", "empty", "equals"}
VALUE_KEYS = {"column", "constant", "template", "format", "map"}
PROPERTY_KEYS = VALUE_KEYS | {"type"}
#: The types an extra property may declare (``properties: {age: {column: Age, type: int}}``).
PROPERTY_TYPES = ("text", "int", "float", "bool", "date")
#: The type of a ``ref`` entity that may be of any type (a link file whose rows join
#: vehicles or objects to crimes, say): the type is whatever its source ID names.
ANY_ENTITY = "Entity"
_PROPERTY_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
#: Properties graphintel itself writes on entities: a mapping's extra property may not
#: take one of these names.
RESERVED_PROPERTIES = frozenset({
    "uid", "key", "keys", "name_key", "name_dob", "age_on", "flags", "variants", "roles",
    "loaded_at", "extracted_only", "merged_uids", "aliases_text", "extra_json", "kinds",
    "other_nominal_refs", "source_ids", "type", "id", "label",
})
#: Column names of the Neo4j bulk-import format (``:ID``, ``id:ID(Person)``,
#: ``:START_ID``, ``:END_ID``): they hold source IDs, never names, numbers or addresses.
_ID_COLUMN = re.compile(r"(^|:)(ID|START_ID|END_ID)(\([^)]*\))?$")
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
    """Where one value comes from: a column, a constant, or a template over columns.

    ``map`` turns a source system's words into the model's (``{KNOWS_SN: social_network}``);
    a value not in it passes unchanged (and is then checked like any other).
    """

    column: str | None = None
    constant: Any = None
    template: str | None = None
    formats: tuple[str, ...] = ()
    line: int = 0
    mapping: tuple[tuple[str, Any], ...] = ()
    type: str = "text"

    def columns(self) -> list[str]:
        if self.column:
            return [self.column]
        if self.template:
            return _TEMPLATE_COLUMN.findall(self.template)
        return []

    def get(self, row: dict[str, Any]) -> Any:
        value = self._raw(row)
        if self.mapping and value is not None:
            text = str(value).strip()
            for source, target in self.mapping:
                if text == source:
                    return target
        return value

    def _raw(self, row: dict[str, Any]) -> Any:
        if self.column is not None:
            return row.get(self.column)
        if self.template is not None:
            values = {c: row.get(c) for c in self.columns()}
            if all(v in (None, "") for v in values.values()):
                return None
            return _TEMPLATE_COLUMN.sub(lambda m: str(values[m.group(1)] or ""), self.template)
        return self.constant

    def values(self) -> list[Any]:
        """The values this spec can give without reading a row (a constant, map targets)."""
        out = [target for _, target in self.mapping]
        if self.constant is not None:
            out.append(self.constant)
        return out


@dataclass(frozen=True)
class EntitySpec:
    """One entity a row names: by its fields (natural keys), or by a source ID (``ref``).

    ``id`` is the row's own source ID for the entity (recorded in the index of source IDs);
    ``ref`` names an entity loaded before by its source ID (a link file); ``id_space``
    is the ID space both are read in (default: the entity type).
    """

    name: str
    type: str
    fields: dict[str, ValueSpec]
    role: ValueSpec | None = None
    optional: bool = False
    line: int = 0
    id: ValueSpec | None = None
    ref: ValueSpec | None = None
    id_space: str = ""
    properties: dict[str, ValueSpec] = field(default_factory=dict)


@dataclass(frozen=True)
class LinkSpec:
    from_entity: str
    to_entity: str
    type: ValueSpec
    at: ValueSpec | None = None
    count: ValueSpec | None = None
    note: ValueSpec | None = None
    line: int = 0
    kind: ValueSpec | None = None
    role: ValueSpec | None = None


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
    files: tuple[str, ...] = ()
    source: str | None = None
    event_kinds: tuple[str, ...] = ()
    phone_region: str | None = None

    @property
    def uses_refs(self) -> bool:
        """True when rows name entities by source IDs loaded from other files."""
        return any(e.ref is not None for e in self.entities.values())

    def where(self, line: int) -> str:
        return f"{self.path}:{line}"

    def column_uses(self) -> list[tuple[str, int]]:
        """Every column the mapping reads, with the mapping line that names it."""
        uses: list[tuple[str, int]] = []
        specs: list[ValueSpec] = list(self.report.values())
        for ent in self.entities.values():
            specs.extend(ent.fields.values())
            specs.extend(ent.properties.values())
            specs.extend(s for s in (ent.role, ent.id, ent.ref) if s)
        for lk in self.links:
            specs.extend(s for s in (lk.type, lk.at, lk.count, lk.note, lk.kind, lk.role) if s)
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

    def matches_file(self, path: Path, header: list[str]) -> bool:
        """The file fits: its name matches ``files`` (when given) and its header ``detect``."""
        if self.files and not any(fnmatch.fnmatch(path.name.lower(), g.lower())
                                  for g in self.files):
            return False
        return self.matches_header(header)


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


def _value(raw: Any, path: Path, line: int, what: str,
           allowed: set[str] = VALUE_KEYS) -> ValueSpec:
    if isinstance(raw, str):
        return ValueSpec(column=raw, line=line)
    if isinstance(raw, _LineDict):
        _check_keys(raw, allowed, path, what)
        sources = [k for k in ("column", "constant", "template") if k in raw]
        if len(sources) != 1:
            raise _fail(path, raw.line, f"{what} needs exactly one of column, constant, template")
        fmt = raw.get("format")
        formats = (fmt,) if isinstance(fmt, str) else tuple(fmt or ())
        table = raw.get("map")
        if table is not None and not isinstance(table, dict):
            raise _fail(path, raw.lines["map"], f"{what}: map must be a mapping of source "
                        "values to values, e.g. {KNOWS_SN: social_network}")
        kind = str(raw.get("type", "text"))
        if kind not in PROPERTY_TYPES:
            raise _fail(path, raw.lines["type"], f"{what}: type {kind!r} is not a property type",
                        f"use one of {', '.join(PROPERTY_TYPES)}")
        return ValueSpec(column=raw.get("column"), constant=raw.get("constant"),
                         template=raw.get("template"), formats=formats, line=raw.line,
                         mapping=tuple((str(k), v) for k, v in (table or {}).items()),
                         type=kind)
    if isinstance(raw, int | float | bool):
        return ValueSpec(constant=raw, line=line)
    raise _fail(path, line, f"{what} must be a column name or a {{column|constant|template}} map")


def _check_not_id_column(spec: ValueSpec, path: Path, what: str) -> None:
    """Refuse a bulk-import ID column (``:START_ID``) mapped as a name, number or address."""
    for column in spec.columns():
        if _ID_COLUMN.search(column):
            raise _fail(path, spec.line, f"{what} reads {column!r}, a column of source IDs: "
                        "rows would become entities named by an ID (a person called '1073')",
                        "name entities of a link file by ID with `ref: COLUMN` (and the file "
                        "that defines them with `id: COLUMN`), see loaders/README.md")


def _entity(name: str, spec: _LineDict, path: Path, source: str | None) -> EntitySpec:
    etype = spec.get("type")
    if etype == ANY_ENTITY and "ref" in spec:
        pass  # a link file end that may be any type: whatever its source ID names
    elif etype not in model.ENTITY_LABELS:
        raise _fail(path, spec.lines.get("type", spec.line), f"entity {name!r} has type {etype!r}",
                    f"use one of {', '.join(model.ENTITY_LABELS)}")
    role = spec.get("role")
    role_spec = _value(role, path, spec.lines["role"], f"role of {name}") if role else None
    for value in role_spec.values() if role_spec else []:
        if value not in model.ROLES:
            raise _fail(path, spec.lines["role"], f"role {value!r} is not a role",
                        f"use one of {', '.join(model.ROLES)}")
    ids = {k: _value(spec[k], path, spec.lines[k], f"{k} of entity {name!r}")
           for k in ("id", "ref") if k in spec}
    if ids and not source:
        key = next(iter(ids))
        raise _fail(path, spec.lines[key], f"entity {name!r} has a source {key} but the mapping "
                    "names no source", "add `source: NAME` (the records system the IDs "
                    "belong to, e.g. `source: pole`) at the top of the mapping")
    space = str(spec.get("id_space", etype))
    if "ref" in ids:
        for key in ("id", "fields", "properties", "optional"):
            if key in spec:
                raise _fail(path, spec.lines[key], f"entity {name!r} is found by its source ID "
                            f"(ref), so it cannot also have {key!r}",
                            "its fields come from the file that defines it (with `id:`)")
        return EntitySpec(name, etype, {}, role_spec, False, spec.line, ref=ids["ref"],
                          id_space=space)
    fields_raw = _check_keys(spec.get("fields"), _field_names(etype), path,
                             f"fields of entity {name!r}")
    fields = {k: _value(v, path, fields_raw.lines[k], f"field {name}.{k}")
              for k, v in fields_raw.items()}
    properties: dict[str, ValueSpec] = {}
    props_raw = spec.get("properties")
    if props_raw is not None:
        props_raw = _check_keys(props_raw, _any_key(props_raw), path,
                                f"properties of entity {name!r}")
        for key, raw in props_raw.items():
            line = props_raw.lines[key]
            value = _value(raw, path, line, f"property {name}.{key}", PROPERTY_KEYS)
            if key in _field_names(etype):
                fields[key] = value  # a field of the model given as a property (e.g. age)
            elif not _PROPERTY_NAME.match(key) or key in RESERVED_PROPERTIES \
                    or any(key in f for f in _all_fields()):
                raise _fail(path, line, f"property name {key!r} of entity {name!r} cannot be "
                            "used", "use lower-case letters, digits and _, not a name "
                            "graphintel writes itself (e.g. uid, key, flags) or another "
                            "entity type's field")
            else:
                properties[key] = value
    for key, value in fields.items():
        _check_not_id_column(value, path, f"field {name}.{key}")
    return EntitySpec(name, etype, fields, role_spec, bool(spec.get("optional")), spec.line,
                      id=ids.get("id"), id_space=space, properties=properties)


def _any_key(raw: _LineDict) -> set[str]:
    return {str(k) for k in raw}


def _all_fields() -> list[set[str]]:
    from graphintel.ingest.normalise import KNOWN_FIELDS

    return list(KNOWN_FIELDS.values())


def _entities(raw: Any, path: Path, source: str | None) -> dict[str, EntitySpec]:
    if not isinstance(raw, _LineDict) or not raw:
        raise _fail(path, getattr(raw, "line", 1), "entities must name at least one entity")
    return {name: _entity(name, _check_keys(spec, ENTITY_KEYS, path, f"entity {name!r}"),
                          path, source)
            for name, spec in raw.items()}


def _field_names(etype: str) -> set[str]:
    from graphintel.ingest.normalise import KNOWN_FIELDS

    return KNOWN_FIELDS[etype] - {"role"}


def _link_values(spec: ValueSpec, allowed: tuple[str, ...], path: Path, what: str,
                 fix: str) -> None:
    for value in spec.values():
        if value not in allowed:
            raise _fail(path, spec.line, f"{what} {value!r} is not in the model", fix)


_ALL_KINDS = frozenset(k for kinds in model.LINK_KINDS.values() for k in kinds)


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
            _link_values(type_spec, model.LINK_TYPES, path, "link type",
                         f"use one of {', '.join(model.LINK_TYPES)}")
        extra = {k: _value(item[k], path, item.lines[k], f"link {k}")
                 for k in ("at", "count", "note", "kind", "role") if k in item}
        for key, vocabulary in (("kind", _ALL_KINDS), ("role", model.OCCURRENCE_ROLES)):
            if isinstance(item.get(key), str) and item[key] in vocabulary:
                # like ``type``: a word of the model is that value, anything else a column
                extra[key] = ValueSpec(constant=item[key], line=item.lines[key])
        if "kind" in extra:
            kinds = sorted({k for v in model.LINK_KINDS.values() for k in v})
            types = type_spec.values()
            allowed = tuple(k for t in types for k in model.LINK_KINDS.get(str(t), ())) \
                if types and type_spec.column is None else tuple(kinds)
            _link_values(extra["kind"], allowed, path, "link kind",
                         "use a kind the model lists for the link type (graphintel/model.py "
                         "LINK_KINDS), through `map:` when the source uses other words")
        if "role" in extra:
            _link_values(extra["role"], model.OCCURRENCE_ROLES, path, "link role",
                         f"use one of {', '.join(model.OCCURRENCE_ROLES)}")
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
    if per == "file" and "date" in report and report["date"].constant is None:
        raise _fail(path, report_raw.lines["date"], "report.date of a file-wide report must be "
                    "a constant (the date of the extract), not a column",
                    "give {constant: YYYY-MM-DD}, or put a row's date on its links with `at:`")
    if "grading" not in report:
        raise _fail(path, report_raw.line, "report.grading is required (a column or a constant)")
    source = top.get("source")
    if source is not None and not re.fullmatch(r"[A-Za-z0-9_.-]{1,40}", str(source)):
        raise _fail(path, top.lines["source"], f"source {source!r} must be a short name "
                    "(letters, digits, . _ -)")
    entities = _entities(top["entities"], path, None if source is None else str(source))
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
        files=tuple(str(g) for g in top.get("files") or ()),
        source=None if source is None else str(source),
        event_kinds=tuple(str(k).lower() for k in top.get("event_kinds") or ()),
        phone_region=_region(top, path),
    )


def _region(top: _LineDict, path: Path) -> str | None:
    region = top.get("phone_region")
    if region is None:
        return None
    import phonenumbers

    if str(region).upper() not in phonenumbers.SUPPORTED_REGIONS:
        raise _fail(path, top.lines["phone_region"], f"phone_region {region!r} is not a "
                    "region code", "use a two-letter region such as GB, US, IE, FR")
    return str(region).upper()


def _empty() -> _LineDict:
    out = _LineDict()
    out.lines = {}
    return out


def shipped_mappings() -> dict[str, Mapping]:
    """Every mapping in ``loaders/``, by name."""
    return {m.name: m for m in (load_mapping(p) for p in sorted(loaders_dir().glob("*.yaml")))}


def find_mappings(name_or_path: str) -> list[Mapping]:
    """The mappings ``--mapping`` names: one mapping, or a folder of them (a mapping set).

    A folder is a path, or a folder under ``loaders/`` (``examples/pole``). With a set,
    each file takes the one mapping of the set whose ``files`` patterns and ``detect``
    columns it fits.
    """
    for folder in (Path(name_or_path), loaders_dir() / name_or_path):
        if folder.is_dir():
            found = [load_mapping(p) for p in sorted(folder.glob("*.yaml"))]
            if not found:
                raise MappingError("the folder holds no mapping (*.yaml)", str(folder),
                                   "give a mapping file or a folder of mappings")
            return found
    return [find_mapping(name_or_path)]


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
