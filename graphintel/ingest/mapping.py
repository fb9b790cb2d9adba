"""Loader mappings: YAML files that say how a tabular layout becomes reports, entities, links.

A mapping is data an analyst edits, not code. It is validated when loaded (unknown keys,
wrong types, unknown entity or link types, links to undeclared entities; the options
checked in :mod:`graphintel.ingest.mapping_checks`) and again against a file's header
(every column it names must exist), each error naming the mapping's file and line, before
any row is written. The format is documented in loaders/README.md.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphintel import model
from graphintel.errors import MappingError
from graphintel.ingest import mapping_checks as checks
from graphintel.ingest.header_text import encoding_fix, shown_columns
from graphintel.ingest.mapping_checks import LineDict, check_keys, fail
from graphintel.resources import loaders_dir

REPORT_KEYS = {"per", "ref", "date", "grading", "author", "source_system", "narrative",
               "row_ref"}
ENTITY_KEYS = {"type", "role", "optional", "fields", "id", "ref", "id_space", "properties"}
LINK_KEYS = {"from", "to", "type", "at", "count", "note", "kind", "role"}
VALUE_KEYS = {"column", "constant", "template", "format", "map"}
PROPERTY_KEYS = VALUE_KEYS | {"type"}
#: The types an extra property may declare (``properties: {age: {column: Age, type: int}}``).
PROPERTY_TYPES = ("text", "int", "float", "bool", "date")
#: The type of a ``ref`` entity that may be of any type (a link file whose rows join
#: vehicles or objects to crimes, say): the type is whatever its source ID names.
ANY_ENTITY = "Entity"
_TEMPLATE_COLUMN = re.compile(r"\{([^{}]+)\}")


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
        """The value for ``row``; through ``map:`` when it has one. A map key matches the
        cell exactly, else ignoring case and surrounding spaces when every key so equal
        gives one value (``susp`` for ``SUSP``).

        >>> spec = ValueSpec(column="Inv", mapping=(("SUSP", "suspect"), ("VICT", "victim")))
        >>> spec.get({"Inv": " susp "}), spec.get({"Inv": "WIT"})
        ('suspect', 'WIT')
        """
        value = self._raw(row)
        if self.mapping and value is not None:
            text = str(value).strip()
            for source, target in self.mapping:
                if text == source:
                    return target
            folded = {repr(target): target for source, target in self.mapping
                      if str(source).strip().casefold() == text.casefold()}
            if len(folded) == 1:
                return next(iter(folded.values()))
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
    #: Columns the mapping knowingly leaves out: a load says nothing of them (it warns of
    #: any other column it does not read).
    unread: tuple[str, ...] = ()
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
    name_line: int = 1

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
        """Every column the mapping names must be in the file: else one MappingError naming
        every column that is not, in the order of the mapping's lines (at: each one's)."""
        missing: dict[str, int] = {}
        for column, line in sorted(self.column_uses(), key=lambda use: use[1]):
            if column not in set(header):
                missing.setdefault(column, line)
        if missing:
            first, *more = missing.values()
            where = ", ".join([self.where(first), *map(str, more)])
            raise MappingError(
                f"mapping {self.name} reads column{'s' if more else ''} "
                f"{', '.join(repr(c) for c in missing)} which {source} does not have (its "
                f"columns: {shown_columns(header)})", where,
                encoding_fix(header, self.encoding)
                or "fix the column name in the mapping or pick another mapping")

    def matches_header(self, header: list[str]) -> bool:
        wanted = set(self.detect) if self.detect else {c for c, _ in self.column_uses()}
        return bool(wanted) and wanted <= set(header)

    def matches_file(self, path: Path, header: list[str]) -> bool:
        """The file fits: its name matches ``files`` (when given) and its header ``detect``."""
        if self.files and not any(fnmatch.fnmatch(path.name.lower(), g.lower())
                                  for g in self.files):
            return False
        return self.matches_header(header)


def _value(raw: Any, path: Path, line: int, what: str,
           allowed: set[str] = VALUE_KEYS) -> ValueSpec:
    if isinstance(raw, str):
        return ValueSpec(column=raw, line=line)
    if isinstance(raw, LineDict):
        check_keys(raw, allowed, path, what, line)
        sources = [k for k in ("column", "constant", "template") if k in raw]
        if len(sources) != 1:
            raise fail(path, raw.line, f"{what} needs exactly one of column, constant, template",
                       "write e.g. {column: NAME}, {constant: VALUE} or "
                       "{template: \"text {Column}\"}")
        formats = checks.date_formats(raw.get("format"), path, raw.lines.get("format", line),
                                      f"{what}: format")
        table = raw.get("map")
        if table is not None and not isinstance(table, dict):
            raise fail(path, raw.lines["map"], f"{what}: map must be a mapping of source "
                       "values to values, e.g. {KNOWS_SN: social_network}")
        kind = str(raw.get("type", "text"))
        if kind not in PROPERTY_TYPES:
            raise fail(path, raw.lines["type"], f"{what}: type {kind!r} is not a property type",
                       f"use one of {', '.join(PROPERTY_TYPES)}")
        return ValueSpec(column=raw.get("column"), constant=raw.get("constant"),
                         template=raw.get("template"), formats=formats, line=raw.line,
                         mapping=tuple((str(k), v) for k, v in (table or {}).items()),
                         type=kind)
    if isinstance(raw, int | float | bool):
        return ValueSpec(constant=raw, line=line)
    raise fail(path, line, f"{what} must be a column name or a {{column|constant|template}} map",
               "write e.g. `Column Name` or {constant: VALUE}")


def _entity(name: str, spec: LineDict, path: Path, source: str | None) -> EntitySpec:
    etype = spec.get("type")
    if etype == ANY_ENTITY and "ref" in spec:
        pass  # a link file end that may be any type: whatever its source ID names
    elif etype not in model.ENTITY_LABELS:
        raise fail(path, spec.lines.get("type", spec.line), f"entity {name!r} has type {etype!r}",
                   f"use one of {', '.join(model.ENTITY_LABELS)}")
    role = spec.get("role")
    role_spec = _value(role, path, spec.lines["role"], f"role of {name}") if role else None
    if role_spec:
        checks.check_words(role_spec.values(), model.ROLES, path, spec.lines["role"], "role")
    checks.check_entity_ids(name, spec, source, path)
    ids = {k: _value(spec[k], path, spec.lines[k], f"{k} of entity {name!r}")
           for k in ("id", "ref") if k in spec}
    space = str(spec.get("id_space", etype))
    if "ref" in ids:
        return EntitySpec(name, etype, {}, role_spec, False, spec.line, ref=ids["ref"],
                          id_space=space)
    fields_raw = checks.entity_fields(name, etype, spec, _field_names(etype), path)
    fields = {k: _value(v, path, fields_raw.lines[k], f"field {name}.{k}")
              for k, v in fields_raw.items()}
    properties: dict[str, ValueSpec] = {}
    props_raw = spec.get("properties")
    if props_raw is not None:
        props_raw = check_keys(props_raw, _any_key(props_raw), path,
                               f"properties of entity {name!r}", spec.lines["properties"],
                               "properties: {year: {column: Year, type: int}}")
        for key, raw in props_raw.items():
            line = props_raw.lines[key]
            value = _value(raw, path, line, f"property {name}.{key}", PROPERTY_KEYS)
            if key in _field_names(etype):
                fields[key] = value  # a field of the model given as a property (e.g. age)
            else:
                checks.check_property_name(key, name, path, line)
                properties[key] = value
    for key, value in fields.items():
        checks.check_not_id_column(value.columns(), path, value.line, f"field {name}.{key}")
    return EntitySpec(name, etype, fields, role_spec, bool(spec.get("optional")), spec.line,
                      id=ids.get("id"), id_space=space, properties=properties)


def _any_key(raw: Any) -> set[str]:
    return {str(k) for k in raw} if isinstance(raw, dict) else set()


def _entities(top: LineDict, path: Path, source: str | None) -> dict[str, EntitySpec]:
    raw = top["entities"]
    if not isinstance(raw, LineDict) or not raw:
        raise fail(path, top.lines["entities"], "entities must name at least one entity",
                   "write e.g. `entities: {car: {type: Vehicle, fields: {vrm: VRM}}}`")
    return {name: _entity(name, check_keys(spec, ENTITY_KEYS, path, f"entity {name!r}",
                                           raw.lines[name], "{type: Vehicle, fields: "
                                           "{vrm: VRM}}"), path, source)
            for name, spec in raw.items()}


def _field_names(etype: str) -> set[str]:
    from graphintel.ingest.normalise import KNOWN_FIELDS

    return KNOWN_FIELDS[etype] - {"role"}


def _link_values(spec: ValueSpec, allowed: tuple[str, ...], path: Path, what: str,
                 fix: str) -> None:
    checks.check_words(spec.values(), allowed, path, spec.line, what, fix)


_ALL_KINDS = frozenset(k for kinds in model.LINK_KINDS.values() for k in kinds)


def _links(top: LineDict, entities: dict[str, EntitySpec], path: Path) -> list[LinkSpec]:
    raw = top.get("links")
    if raw is None:
        return []
    example = "{from: car, to: place, type: SEEN_AT}"
    if not isinstance(raw, checks.LineList):
        raise fail(path, top.lines["links"], "links must be a list",
                   f"write one `- {example}` line per link")
    out: list[LinkSpec] = []
    for item, line in zip(raw, raw.lines, strict=True):
        item = check_keys(item, LINK_KEYS, path, "a link", line, example)
        for end in ("from", "to"):
            if item.get(end) not in entities:
                raise fail(path, item.lines.get(end, item.line),
                           f"link {end} {item.get(end)!r} is not an entity of this mapping",
                           f"declared entities: {', '.join(entities)}")
        raw_type = item.get("type")
        type_line = item.lines.get("type", item.line)
        if isinstance(raw_type, str):
            if not model.is_link_type(raw_type):
                raise fail(path, type_line, f"link type {raw_type!r} is not in the model",
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
    """Parse and validate one mapping file: a MappingError naming its file and line."""
    top = checks.read_yaml(path)
    name = checks.text(top, "name", path, "my_layout", required=True)
    for required in ("report", "entities"):
        if required not in top:
            raise fail(path, 1, f"mapping has no {required!r}",
                       f"add `{required}:`, see loaders/README.md")
    opts = checks.file_options(top, path)
    scheme = checks.grading_scheme(top, path)
    report_raw = check_keys(top["report"], REPORT_KEYS, path, "report", top.lines["report"],
                            "report: {per: row, ref: Ref, date: Date, grading: Grading}")
    per = report_raw.get("per", "row")
    report = {k: _value(v, path, report_raw.lines[k], f"report.{k}")
              for k, v in report_raw.items() if k != "per"}
    checks.check_report(report_raw, {k: v.constant for k, v in report.items()}, scheme, path)
    source = checks.source(top, path)
    entities = _entities(top, path, source)
    return Mapping(
        name=str(name), description=checks.text(top, "description", path, "One line.") or "",
        path=path, report=report, entities=entities, links=_links(top, entities, path),
        per_row_report=per == "row",
        detect=checks.names(top, "detect", path, "column names", "[Ref, Date]"),
        unread=checks.names(top, "unread", path, "column names", "[Duration Seconds]"),
        file_format=opts.format, delimiter=opts.delimiter, encoding=opts.encoding,
        sheet=opts.sheet, header_row=opts.header_row, multiline=opts.multiline,
        date_formats=checks.dates(top, path), grading_scheme=scheme,
        skip=[SkipRule(*rule) for rule in checks.skip_rules(top, path)],
        files=checks.names(top, "files", path, "file-name patterns", '["persons*.csv"]'),
        source=source,
        event_kinds=tuple(k.lower() for k in checks.names(top, "event_kinds", path,
                                                          "event kinds", "[arrest]")),
        phone_region=checks.phone_region(top, path), name_line=top.lines["name"],
    )


def _load_folder(folder: Path) -> list[tuple[Path, Mapping | MappingError]]:
    """Every mapping of a folder (``*.yaml``, sorted), or the error that stops it loading."""
    out: list[tuple[Path, Mapping | MappingError]] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            out.append((path, load_mapping(path)))
        except MappingError as exc:
            out.append((path, exc))
    return out


def _unique(found: list[Mapping], folder: str) -> list[Mapping]:
    checks.check_unique_names([(m.name, m.path, m.name_line) for m in found], folder)
    return found


def _broken(path: Path, exc: MappingError, why: str, move: bool = True) -> MappingError:
    """The error of a broken mapping in ``loaders/``, saying where it is and why it matters."""
    fix = "; ".join(f for f in (exc.fix, f"or move {path.name} out of the loaders folder"
                                if move else None) if f)
    return MappingError(f"{exc.what} (in {path.name} in the loaders folder {path.parent}, "
                        f"which is read {why})", exc.where or str(path), fix or None)


def shipped_mappings() -> dict[str, Mapping]:
    """Every mapping in ``loaders/``, by name: all must load and their names differ."""
    good: list[Mapping] = []
    for path, got in _load_folder(loaders_dir()):
        if isinstance(got, MappingError):
            raise _broken(path, got, "to find the mapping a file fits")
        good.append(got)
    return {m.name: m for m in _unique(good, "the loaders folder")}


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
            return _unique(found, str(folder))
    return [find_mapping(name_or_path)]


def find_mapping(name_or_path: str) -> Mapping:
    """A mapping file by path, or a mapping in ``loaders/`` by name.

    By name, only the problems that concern that name stop it: another mapping of the same
    name, or a broken file whose ``name:`` line gives that name. Other broken files in
    ``loaders/`` do not (auto-detection, which reads every mapping there, refuses them).
    """
    path = Path(name_or_path)
    if "/" in name_or_path or "\\" in name_or_path or path.suffix.lower() in {".yaml", ".yml"}:
        for candidate in (path, loaders_dir() / path):
            if candidate.is_file():
                return load_mapping(candidate)
        if path.is_dir():
            raise MappingError("this is a folder, not a mapping file", name_or_path,
                               "give a mapping file (.yaml), or the folder to --mapping")
        raise MappingError("no such mapping file", name_or_path,
                           "check the path, or name a mapping of the loaders folder "
                           f"({', '.join(sorted(_names()))})")
    loaded = _load_folder(loaders_dir())
    named = [m for _, m in loaded if isinstance(m, Mapping) and m.name == name_or_path]
    for file, got in loaded:
        if isinstance(got, MappingError) and checks.peek_name(file) == name_or_path:
            raise _broken(file, got, f"to find the mapping named {name_or_path!r}", move=False)
    if named:
        return _unique(named, "the loaders folder")[0]
    broken = [file.name for file, got in loaded if isinstance(got, MappingError)]
    also = f"; these files in the loaders folder do not load: {', '.join(broken)} (give one's " \
        "path to --mapping to see why)" if broken else ""
    raise MappingError(f"no mapping named {name_or_path!r}", "--mapping",
                       f"use a file path or one of: {', '.join(sorted(_names(loaded)))}{also}")


def _names(loaded: list[tuple[Path, Mapping | MappingError]] | None = None) -> list[str]:
    """The names of the mappings in ``loaders/`` that load."""
    return [m.name for _, m in loaded or _load_folder(loaders_dir()) if isinstance(m, Mapping)]
