"""i2 Analyst's Notebook exchange XML (``.anx``).

One ``ChartItem`` per entity (``End``/``Entity`` with an ``IconStyle`` naming its entity
type, placed at the chart's layout position) and per link (``Link`` between two entity
ids, with a ``LinkStyle`` naming its link type, arrow on the head). Entity types carry
i2 icon file names (victims and suspects have their own types, so their own icons);
link types carry colours. Every node and link attribute of the chart (grading, report
refs, roles, score, ...) is an i2 attribute with a declared ``AttributeClass``; the
chart's title, profile and withheld note are in the ``Summary``. Nothing else (no dates,
no user or machine names), so the same chart gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from graphintel.charts import style
from graphintel.charts.build import LINK_FIELDS, NODE_FIELDS, Chart
from graphintel.secure_files import open_private

# On the chart item already (label) or as the item's type (i2_type / i2_icon, link_type).
NOT_ATTRIBUTES = {"label", "i2_type", "i2_icon"}
ATT_TYPES = {str: "AttText", int: "AttNumber", float: "AttNumber", bool: "AttFlag"}


def _value(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value in ("", None):
        return None
    return str(value)


def _attribute_classes(root: ET.Element) -> None:
    classes = ET.SubElement(root, "AttributeClassCollection")
    seen: dict[str, type] = {}
    for fields in (NODE_FIELDS, LINK_FIELDS):
        for name, kind in fields.items():
            if name in NOT_ATTRIBUTES or name in seen:
                continue
            seen[name] = kind
            show = "true" if name in {"grading", "score"} else "false"
            ET.SubElement(classes, "AttributeClass", Name=name, Type=ATT_TYPES[kind],
                          ShowValue=show, Visible=show)


def _attributes(item: ET.Element, data: dict[str, Any], fields: dict[str, type]) -> None:
    collection = ET.SubElement(item, "AttributeCollection")
    for name in fields:
        if name in NOT_ATTRIBUTES:
            continue
        value = _value(data[name])
        if value is not None:
            ET.SubElement(collection, "Attribute", AttributeClass=name, Value=value)


def anx_tree(chart: Chart) -> ET.ElementTree:
    """The chart as an ANX element tree."""
    g = chart.graph
    root = ET.Element("Chart", IdReferenceLinking="false", Rigorous="true")
    _attribute_classes(root)
    link_types = ET.SubElement(root, "LinkTypeCollection")
    for kind in sorted({d["link_type"] for _, _, d in g.edges(data=True)}):
        ET.SubElement(link_types, "LinkType", Name=kind,
                      Colour=str(style.colorref(style.link_colour(kind))))
    entity_types = ET.SubElement(root, "EntityTypeCollection")
    for name, icon in sorted({(d["i2_type"], d["i2_icon"]) for _, d in g.nodes(data=True)}):
        ET.SubElement(entity_types, "EntityType", Name=name, IconFile=icon)
    items = ET.SubElement(root, "ChartItemCollection")
    pos = chart.positions
    for node, d in g.nodes(data=True):
        x, y = pos[node]
        item = ET.SubElement(items, "ChartItem", Label=d["label"], DateSet="false",
                             XPosition=str(x))
        end = ET.SubElement(item, "End", Y=str(y))
        entity = ET.SubElement(end, "Entity", EntityId=node, Identity=node,
                               LabelIsIdentity="false")
        icon = ET.SubElement(entity, "Icon")
        ET.SubElement(icon, "IconStyle", Type=d["i2_type"],
                      Enlargement="ICEnlargeDouble" if d["candidate_target"]
                      else "ICEnlargeSingle")
        _attributes(item, d, NODE_FIELDS)
    for a, b, key, d in g.edges(keys=True, data=True):
        item = ET.SubElement(items, "ChartItem", Label=d["label"], DateSet="false",
                             Description=key)
        link = ET.SubElement(item, "Link", End1Id=a, End2Id=b)
        ET.SubElement(link, "LinkStyle", Type=d["link_type"], ArrowStyle="ArrowOnHead",
                      LineWidth="2" if d["link_type"] in style.PERSON_LINKS else "1")
        _attributes(item, d, LINK_FIELDS)
    summary = ET.SubElement(root, "Summary")
    fields = ET.SubElement(summary, "Fields")
    meta = chart.meta
    for kind, text in (("SummaryFieldTitle", meta["title"]),
                       ("SummaryFieldSubject", f"{meta['marking']} link chart, "
                                               f"{meta['profile']} profile"),
                       ("SummaryFieldKeywords", f"selection={meta['selection']}; "
                                                f"run={meta['run_id']}; as_of={meta['as_of']}; "
                                                f"filters={meta['filters']}"),
                       ("SummaryFieldComments", meta["withheld"])):
        if text:
            ET.SubElement(fields, "Field", Type=kind, Field=text)
    ET.indent(root, space=" ")
    return ET.ElementTree(root)


def write_anx(chart: Chart, path: Path) -> Path:
    """Write the chart as ANX XML (UTF-8)."""
    with open_private(path, "wb") as handle:
        anx_tree(chart).write(handle, encoding="utf-8", xml_declaration=True)
    return path
