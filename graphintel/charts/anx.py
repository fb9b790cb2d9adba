"""i2 Analyst's Notebook exchange XML (``.anx``), for ANB 9 and 10.

The element structure is documented in docs/i2-import.md (and checked by a test):

- ``Chart`` holds, in schema order: ``ApplicationVersion``; the three grading scales
  ``GradeOne``/``GradeTwo``/``GradeThree`` (3x5x2 source, intelligence, handling) and
  ``SourceHints`` (the source systems), each a ``StringCollection``; ``StrengthCollection``
  (Confirmed / Unconfirmed / Tentative); ``AttributeClassCollection``;
  ``EntityTypeCollection`` (standard ANB icon files); ``LinkTypeCollection``; ``Summary``
  (title, marking, profile, run, withheld note); ``ChartItemCollection``.
- every entity is a ``ChartItem`` with ``End``/``Entity`` (a safe ``Identity``, an
  ``Icon``/``IconStyle`` of its type, enlarged for candidate targets, shaded by role) at
  the chart's layout position; events carry their start as ``DateTime``;
- every link is a ``ChartItem`` with ``DateSet``/``TimeSet``/``DateTime`` (first seen),
  ``SourceReference`` (its report references; for a file-wide report such as call data,
  the file's rows behind the link, ``call_data.csv#L124``) and ``SourceType`` (their source
  systems),
  the best report's grading as ``GradeOneIndex``/``GradeTwoIndex``/``GradeThreeIndex``, a
  readable ``Description``, and a ``Link`` whose ``CardCollection`` has one ``Card`` per
  supporting report (its own date, grading and reference, so ANB's timeline and
  histogram show each report) and whose ``LinkStyle`` names the link type and the
  strength from the grading;
- every chart attribute of a node or link is an ``Attribute`` of a declared
  ``AttributeClass`` (text, number or flag), plus ``link_id`` tying a link to the CSV.

Nothing else (no dates of writing, no user or machine names): the same chart gives the
same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from graphintel.charts import i2, style
from graphintel.charts.build import LINK_FIELDS, NODE_FIELDS, SEP, Chart
from graphintel.secure_files import open_private

# On the chart item already (label) or as the item's type (i2_type / i2_icon, link_type).
NOT_ATTRIBUTES = {"label", "i2_type", "i2_icon"}
ATT_TYPES = {str: "AttText", int: "AttNumber", float: "AttNumber", bool: "AttFlag"}
#: Attribute classes whose value ANB shows on the chart (the rest are in the properties).
SHOWN = {"grading", "score", "roles", "target_rank"}
EXTRA_CLASSES = {"link_id": str}


def _value(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value in ("", None):
        return None
    return str(value)


def _date_time(stamp: str) -> dict[str, str]:
    """``DateSet``/``TimeSet``/``DateTime`` of an ISO date or date-time ("" = no date)."""
    if not stamp:
        return {"DateSet": "false", "TimeSet": "false"}
    if len(stamp) >= 19 and stamp[10] == "T":
        return {"DateSet": "true", "TimeSet": "true", "DateTime": stamp[:19]}
    return {"DateSet": "true", "TimeSet": "false", "DateTime": f"{stamp[:10]}T00:00:00"}


def _grade_attrs(grading: str) -> dict[str, str]:
    g = i2.grades(grading)
    return {"GradeOneIndex": str(g.source), "GradeTwoIndex": str(g.intel),
            "GradeThreeIndex": str(g.handling)}


def _strings(root: ET.Element, tag: str, texts: tuple[str, ...] | list[str]) -> None:
    collection = ET.SubElement(ET.SubElement(root, tag), "StringCollection")
    for text in texts:
        ET.SubElement(collection, "String", Text=text)


def _attribute_classes(root: ET.Element) -> None:
    classes = ET.SubElement(root, "AttributeClassCollection")
    seen: set[str] = set()
    for fields in (NODE_FIELDS, LINK_FIELDS, EXTRA_CLASSES):
        for name, kind in fields.items():
            if name in NOT_ATTRIBUTES or name in seen:
                continue
            seen.add(name)
            show = "true" if name in SHOWN else "false"
            ET.SubElement(classes, "AttributeClass", Name=name, Type=ATT_TYPES[kind],
                          ShowValue=show, Visible=show, IsUser="true",
                          UserCanAdd="true", UserCanRemove="true")


def _attributes(item: ET.Element, data: dict[str, Any], fields: dict[str, type],
                extra: dict[str, str] | None = None) -> None:
    collection = ET.SubElement(item, "AttributeCollection")
    values = [(name, _value(data[name])) for name in fields if name not in NOT_ATTRIBUTES]
    values += list((extra or {}).items())
    for name, value in values:
        if value is not None:
            ET.SubElement(collection, "Attribute", AttributeClass=name, Value=value)


def _best_grading(refs: list[str], reports: dict[str, dict[str, Any]]) -> str:
    graded = [reports[r] for r in refs if r in reports and reports[r].get("grading")]
    best = max(graded, key=lambda r: (float(r.get("strength") or 0), r["ref"]), default=None)
    return str(best["grading"]) if best else ""


def _rows_of(ref: str, rows: list[str]) -> list[str]:
    """The rows (``file#Lline``) of a file-wide report ``mapping:file`` among ``rows``."""
    start = ref.split(":", 1)[-1] + "#L"
    return [r for r in rows if r.startswith(start)]


def citations(refs: list[str], rows: list[str]) -> list[str]:
    """What a link cites: each report, or for a file-wide report (calls, ANPR reads, an
    edge list) the rows of the file behind the link, ``call_data.csv#L124``."""
    out: list[str] = []
    for ref in refs:
        out += _rows_of(ref, rows) or [ref]
    return out


def _cards(parent: ET.Element, refs: list[str], reports: dict[str, dict[str, Any]],
           rows: list[str] | None = None, undated: str = "") -> None:
    """One ``Card`` per report: its reference (or its rows), date, grading and source; a
    file-wide report has no date of its own and takes ``undated`` (the link's first seen)."""
    known = [r for r in refs if r in reports]
    if not known:
        return
    cards = ET.SubElement(parent, "CardCollection")
    for ref in known:
        info = reports[ref]
        cited = SEP.join(_rows_of(ref, rows or [])) or ref
        attrs = {"Summary": ref, **_date_time(_stamp(info.get("date")) or undated),
                 **_grade_attrs(str(info.get("grading") or "")), "SourceReference": cited}
        if info.get("source_system"):
            attrs["SourceType"] = str(info["source_system"])
        ET.SubElement(cards, "Card", attrs)


def _stamp(value: Any) -> str:
    if not value:
        return ""
    text = str(value)
    return text[:19] if len(text) >= 19 and text[10] == "T" else text[:10]


def _refs(data: dict[str, Any]) -> list[str]:
    return [r for r in str(data["refs"]).split(SEP) if r]


def _describe(a: dict[str, Any], b: dict[str, Any], d: dict[str, Any]) -> str:
    kind = str(d["link_type"]).replace("_", " ").lower()
    when = d["first_seen"] if d["first_seen"] == d["last_seen"] else \
        f"{d['first_seen']} to {d['last_seen']}"
    parts = [f"{a['label']} {kind} {b['label']}"]
    if when:
        parts.append(f"dated {when}")
    parts.append(f"{d['ref_count']} report(s): {d['refs']}" if d["refs"] else "no report")
    if d["grading"]:
        parts.append(f"best grading {d['grading']}")
    return "; ".join(parts)


def anx_tree(chart: Chart) -> ET.ElementTree:
    """The chart as an ANX element tree (structure: the module docstring)."""
    g = chart.graph
    reports = chart.reports
    root = ET.Element("Chart", IdReferenceLinking="false", Rigorous="true")
    ET.SubElement(root, "ApplicationVersion", Major="9", Minor="0", Point="0", Build="0")
    _strings(root, "GradeOne", i2.GRADE_ONE)
    _strings(root, "GradeTwo", i2.GRADE_TWO)
    _strings(root, "GradeThree", i2.GRADE_THREE)
    sources = sorted({s for _, _, d in g.edges(data=True)
                      for s in str(d["source_types"]).split(SEP) if s}
                     | {str(r["source_system"]) for r in reports.values()
                        if r.get("source_system")})
    _strings(root, "SourceHints", sources)
    strengths = ET.SubElement(root, "StrengthCollection")
    for name, dots, _ in i2.STRENGTHS:
        ET.SubElement(strengths, "Strength", Name=name, DotStyle=dots)
    _attribute_classes(root)
    entity_types = ET.SubElement(root, "EntityTypeCollection")
    for name, icon in sorted({(d["i2_type"], d["i2_icon"]) for _, d in g.nodes(data=True)}):
        ET.SubElement(entity_types, "EntityType", Name=name, IconFile=icon,
                      PreferredRepresentation="RepresentAsIcon")
    link_types = ET.SubElement(root, "LinkTypeCollection")
    for kind in sorted({d["link_type"] for _, _, d in g.edges(data=True)}):
        ET.SubElement(link_types, "LinkType", Name=kind,
                      Colour=str(style.colorref(style.link_colour(kind))))
    _summary(root, chart)
    items = ET.SubElement(root, "ChartItemCollection")
    pos = chart.positions
    for node, d in g.nodes(data=True):
        x, y = pos[node]
        refs = _refs(d)
        attrs = {"Label": d["label"],
                 **_date_time(_stamp(d["event_start"]) if d["type"] == "Event" else ""),
                 **_grade_attrs(_best_grading(refs, reports)), "XPosition": str(x)}
        if refs:
            attrs["SourceReference"] = d["refs"]
        kinds = sorted({str(reports[r]["source_system"]) for r in refs
                        if reports.get(r, {}).get("source_system")})
        if kinds:
            attrs["SourceType"] = SEP.join(kinds)
        item = ET.SubElement(items, "ChartItem", attrs)
        end = ET.SubElement(item, "End", X=str(x), Y=str(y))
        entity = ET.SubElement(end, "Entity", EntityId=node, Identity=node,
                               LabelIsIdentity="false")
        icon_style = {"Type": d["i2_type"], "Enlargement": "ICEnlargeDouble"
                      if d["candidate_target"] else "ICEnlargeSingle"}
        shading = i2.entity_type(d["type"], victim=d["victim"], suspect=d["suspect"],
                                 child=d["child"]).shading
        if shading:
            icon_style["IconShadingColour"] = str(style.colorref(shading))
        ET.SubElement(ET.SubElement(entity, "Icon"), "IconStyle", icon_style)
        _cards(entity, refs, reports)
        _attributes(item, d, NODE_FIELDS)
    for a, b, key, d in g.edges(keys=True, data=True):
        refs = _refs(d)
        rows = [r for r in str(d["rows"]).split(SEP) if r]
        attrs = {"Label": d["label"], "Description": _describe(g.nodes[a], g.nodes[b], d),
                 **_date_time(d["first_seen_at"] or d["first_seen"]), **_grade_attrs(d["grading"])}
        if refs:
            attrs["SourceReference"] = SEP.join(citations(refs, rows))
        if d["source_types"]:
            attrs["SourceType"] = d["source_types"]
        item = ET.SubElement(items, "ChartItem", attrs)
        link = ET.SubElement(item, "Link", End1Id=a, End2Id=b)
        _cards(link, refs, reports, rows, d["first_seen_at"] or d["first_seen"])
        ET.SubElement(link, "LinkStyle", Type=d["link_type"], Strength=i2.strength(d["grading"]),
                      ArrowStyle="ArrowNone" if d["link_type"] == style.SAME_AS
                      else "ArrowOnHead",
                      LineWidth=str(style.link_line_width(d["link_type"])),
                      LineColour=str(style.colorref(style.link_colour(d["link_type"]))))
        _attributes(item, d, LINK_FIELDS, {"link_id": key})
    ET.indent(root, space=" ")
    return ET.ElementTree(root)


def _summary(root: ET.Element, chart: Chart) -> None:
    meta = chart.meta
    fields = ET.SubElement(ET.SubElement(root, "Summary"), "FieldCollection")
    for kind, text in (("SummaryFieldTitle", meta["title"]),
                       ("SummaryFieldSubject", f"{meta['marking']} link chart, "
                                               f"{meta['profile']} profile"),
                       ("SummaryFieldCategory", meta["marking"]),
                       ("SummaryFieldKeywords", f"selection={meta['selection']}; "
                                                f"run={meta['run_id']}; as_of={meta['as_of']}; "
                                                f"filters={meta['filters']}"),
                       ("SummaryFieldComments", meta["withheld"])):
        if text:
            ET.SubElement(fields, "Field", Type=kind, Field=text)


def write_anx(chart: Chart, path: Path) -> Path:
    """Write the chart as ANX XML (UTF-8)."""
    with open_private(path, "wb") as handle:
        anx_tree(chart).write(handle, encoding="utf-8", xml_declaration=True)
    return path
