"""The interactive link chart: one self-contained HTML file that needs no network.

pyvis builds the vis-network nodes, links and options; the page is rendered through
pyvis with graphintel's own template (pyvis 0.3.2's template links Bootstrap from a CDN
even with ``cdn_resources='in_line'``). The vis-network JavaScript and CSS bundled in the
pyvis package are written into the page, and a Content-Security-Policy forbids any
request beyond the file itself. All text is escaped: names and labels reach the page as
JSON escaped for HTML (``tojson``), vis-network shows tooltips as text, never HTML, and
the header, legend and the chart's text alternative (its entities and links as tables,
under the chart) are autoescaped.

Positions come from :mod:`graphintel.charts.layout`, so the same input gives the same
picture. Charts up to :data:`PHYSICS_LIMIT` nodes relax briefly from there and then stop;
larger ones are drawn straight from the positions with physics off.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import pyvis
from pyvis.network import Network

from graphintel.charts import style
from graphintel.charts.build import SEP, Chart
from graphintel.charts.look import node_look
from graphintel.secure_files import write_text

PHYSICS_LIMIT = 300
LABEL_LIMIT = 100
#: Label size of the subject and the leading targets on a chart of more than LABEL_LIMIT.
KEY_LABEL_SIZE = 28
#: Label size of an exploitation link (others: 9).
EXPLOITS_LABEL_SIZE = 12
SMOOTH_LIMIT = 1500
TOOLTIP_REFS = 40
VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
       "img-src data:; font-src data:; connect-src 'none'; form-action 'none'; "
       "base-uri 'none'")

TEMPLATE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ meta.title }} ({{ meta.marking }})</title>
<style>{{ vis_css|safe }}</style>
<style>
body{margin:0;font-family:system-ui,"Segoe UI",Arial,sans-serif;color:#212121;background:#fff}
header{padding:6px 16px;border-bottom:1px solid #ddd}
.marking{font-weight:700;letter-spacing:.06em;color:#b71c1c;font-size:13px}
h1{font-size:19px;margin:2px 0}
.about{font-size:12px;color:#555;margin:2px 0}
.withheld{font-size:12px;background:#fff3cd;border:1px solid #e0c060;padding:3px 8px;margin:4px 0}
#wrap{display:flex;height:calc(100vh - 96px);min-height:420px}
#chart{flex:1;min-width:0;position:relative}
#legend{width:240px;padding:6px 12px;border-left:1px solid #ddd;font-size:12px;overflow:auto}
@media (max-width:700px){
#wrap{flex-direction:column;height:auto;min-height:0}
#chart{flex:none;height:70vh;min-height:300px}
#legend{width:auto;border-left:none;border-top:1px solid #ddd}
}
#as-table{margin:8px 16px 24px;font-size:13px}
#as-table summary{cursor:pointer;font-weight:600;padding:4px 0}
.table-scroll{overflow-x:auto;max-width:100%}
.table-scroll:focus-visible,#as-table summary:focus-visible{outline:3px solid #1565c0}
#as-table table{border-collapse:collapse;margin:4px 0 12px}
#as-table caption{text-align:left;font-weight:600;padding:4px 0}
#as-table th,#as-table td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
#as-table thead th{background:#eceff1}
#legend h2{font-size:13px;margin:8px 0 4px}
#legend div{margin:2px 0}
.sw{display:inline-block;width:1.5em;text-align:center;font-size:15px}
.mark{width:16px;height:16px;vertical-align:-3px}
.ring{display:inline-block;width:10px;height:10px;border-radius:50%;border:3px solid}
.ring.dashed{border-style:dashed}
.bar{display:inline-block;width:22px;height:0;vertical-align:middle}
div.vis-tooltip{white-space:pre-wrap;max-width:440px;font-size:12px}
</style>
<script>{{ vis_js|safe }}</script>
</head>
<body data-node-count="{{ nodes|length }}" data-edge-count="{{ edges|length }}">
<header>
<div class="marking">{{ meta.marking }}</div>
<h1>{{ meta.title }}</h1>
<p class="about">{{ about }}</p>
{% if meta.get("warning") %}
<p class="withheld" id="stale-warning" role="alert">{{ meta.warning }}</p>{% endif %}
{% if meta.withheld %}<p class="withheld" id="withheld">{{ meta.withheld }}</p>{% endif %}
</header>
<main>
<div id="wrap"><div id="chart" role="img" aria-label="{{ chart_label }}"></div>
<aside id="legend">
<h2>Entities</h2>
{% for item in legend.types %}<div><span class="sw" style="color:{{ item.colour }}">
{{- item.symbol }}</span>{{ item.label }} ({{ item.count }})</div>
{% endfor %}
<h2>People</h2>
{% for item in legend.people %}<div class="role" data-role="{{ item.key }}"><span class="sw">
<img class="mark" src="{{ item.icon }}" alt=""></span>{{ item.label }} ({{ item.count }}):
{% if item.word %}{{ item.mark }} in the circle; <b>({{ item.word }})</b> under the name
{%- else %}a plain circle; no word under the name{% endif %}</div>
{% endfor %}
<div><span class="sw"><span class="ring" style="border-color:{{ legend.target_colour }}">
</span></span>{{ legend.target_label }} ({{ legend.targets }})</div>
{% if legend.subjects %}<div><span class="sw"><span class="ring dashed"
 style="border-color:{{ legend.subject_colour }}"></span></span>The chart's subject (blue
 dashed ring): {{ legend.subjects|join(", ") }}</div>{% endif %}
<h2>Links</h2>
{% for item in legend.links %}<div class="link" data-width="{{ item.width }}"><span
 class="sw"><span class="bar" style="border-top:{{ item.width }}px {{ item.line }}
 {{ item.colour }}"></span></span> {{ item.label }}</div>
{% endfor %}
<p>Link labels: type | date range | best grading.
Hover over an entity or a link for its report references, or open "Entities and links as
a table" below the chart.</p>
</aside></div>
<details id="as-table">
<summary>Entities and links as a table</summary>
<div class="table-scroll" role="region" aria-labelledby="entities-caption" tabindex="0">
<table id="entities-table"><caption id="entities-caption">Entities on the chart
({{ table.entities|length }})</caption>
<thead><tr><th scope="col">Entity</th><th scope="col">Type</th>
<th scope="col">Roles, target rank</th><th scope="col">Network</th>
<th scope="col">Reports</th></tr></thead>
<tbody>
{% for e in table.entities %}<tr><th scope="row">{{ e.label }}</th><td>{{ e.type }}</td>
<td>{{ e.roles }}</td><td>{{ e.network }}</td><td>{{ e.refs }}</td></tr>
{% endfor %}</tbody></table></div>
<div class="table-scroll" role="region" aria-labelledby="links-caption" tabindex="0">
<table id="links-table"><caption id="links-caption">Links on the chart
({{ table.links|length }})</caption>
<thead><tr><th scope="col">From</th><th scope="col">Link</th><th scope="col">To</th>
<th scope="col">First seen</th><th scope="col">Last seen</th>
<th scope="col">Reports</th></tr></thead>
<tbody>
{% for x in table.links %}<tr><td>{{ x.source }}</td><td>{{ x.type }}</td>
<td>{{ x.target }}</td><td>{{ x.first }}</td><td>{{ x.last }}</td><td>{{ x.refs }}</td></tr>
{% endfor %}</tbody></table></div>
</details>
</main>
<script>
(function () {
  var nodes = new vis.DataSet({{ nodes|tojson }});
  var edges = new vis.DataSet({{ edges|tojson }});
  var options = {{ options|safe }};
  var network = new vis.Network(document.getElementById("chart"),
                                {nodes: nodes, edges: edges}, options);
  // the drawing takes no keys: no tab stop inside the labelled image (the table is the
  // keyboard's way in)
  var frame = document.querySelector("#chart .vis-network");
  if (frame) { frame.tabIndex = -1; }
  document.body.dataset.renderedNodes = String(nodes.length);
  document.body.dataset.renderedEdges = String(edges.length);
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: false});
    network.fit();
  });
  network.once("afterDrawing", function () { document.body.dataset.drawn = "true"; });
  network.fit();
})();
</script>
</body>
</html>
"""


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    js = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    css = (VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    for text in (js, css):  # what makes inlining safe
        assert "</script" not in text.lower() and "<!--" not in text
    return js, css


def _ref_lines(refs: str, chart: Chart) -> str:
    items = [r for r in refs.split(SEP) if r]
    shown = []
    for ref in items[:TOOLTIP_REFS]:
        info = chart.reports.get(ref, {})
        extra = ", ".join(x for x in (info.get("grading"), str(info.get("date") or "")[:10])
                          if x)
        shown.append(f"  {ref}" + (f" ({extra})" if extra else ""))
    if len(items) > TOOLTIP_REFS:
        shown.append(f"  … and {len(items) - TOOLTIP_REFS} more (in the exports)")
    return f"Reports ({len(items)}):\n" + "\n".join(shown) if items else "Reports: none"


def _node_title(d: dict[str, Any], chart: Chart) -> str:
    lines = [d["label"], f"{style.type_style(d['type']).label}"
             + (f" · {d['roles'].replace(SEP, ', ')}" if d["roles"] else "")]
    if d["score"] or d["target_rank"]:
        lines.append(f"Disruption score {d['score']:.1f} (rank {d['target_rank']})"
                     + (" — leading candidate target" if d["candidate_target"]
                        else " — candidate target"))
    if d["reasons"]:
        lines.append("Reasons: " + d["reasons"])
    if d["network"]:
        lines.append(f"Network {d['network']}")
    facts = [("Date of birth", d["dob"]), ("Age", d["age"]), ("Nominal ref", d["nominal_ref"]),
             ("Aliases", d["aliases"]), ("Kind", d["kind"]), ("Postcode", d["postcode"]),
             ("From", d["event_start"]), ("To", d["event_end"]), ("Note", d["description"]),
             ("Data quality", d["flags"])]
    lines += [f"{k}: {v}" for k, v in facts if v]
    return "\n".join(lines + [_ref_lines(d["refs"], chart)])


def _edge_title(a: str, b: str, d: dict[str, Any], chart: Chart) -> str:
    g = chart.graph
    lines = [d["link_type"], f"{g.nodes[a]['label']} → {g.nodes[b]['label']}"]
    if d["first_seen"]:
        span = d["first_seen"] if d["first_seen"] == d["last_seen"] else \
            f"{d['first_seen']} – {d['last_seen']}"
        lines.append(f"Seen {span} · count {d['count']}")
    if d["grading"]:
        lines.append(f"Best grading {d['grading']}")
    if d["notes"]:
        lines.append(f"Notes: {d['notes']}")
    return "\n".join(lines + [_ref_lines(d["refs"], chart)])


def _network(chart: Chart) -> Network:
    g = chart.graph
    n, m = g.number_of_nodes(), g.number_of_edges()
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line",
                  heading=chart.meta["title"])
    pos = chart.positions
    for node, d in g.nodes(data=True):
        look = node_look(d)
        # a person whose role has a mark: a circle with the mark inside (the child's heart,
        # the suspect's exclamation mark), so the role is not told by colour alone
        marked = look.role if look.role is not None and look.role.mark else None
        border = look.border
        shape: dict[str, Any] = {"shape": style.MARKED_SHAPE if marked else look.shape}
        if d["subject"]:
            border = style.SUBJECT_BORDER
            shape["shapeProperties"] = {"borderDashes": style.SUBJECT_DASHES}
        font = 14 if d["type"] == "Person" else 11
        if n > LABEL_LIMIT and (d["subject"] or d["candidate_target"]):
            # large enough to pass the busy chart's label threshold at the first view:
            # the subject and the leading targets are named before anyone zooms in
            font = KEY_LABEL_SIZE
        net.add_node(node, label=style.caption(d, limit=40), **shape, size=look.size,
                     title=_node_title(d, chart), x=pos[node][0], y=pos[node][1],
                     color={"background": look.fill, "border": border,
                            "highlight": {"background": look.fill, "border": "#ff6f00"}},
                     borderWidth=style.SUBJECT_RING if d["subject"] else style.TARGET_RING
                     if d["candidate_target"] else style.PLAIN_RING,
                     font={"size": font, "strokeWidth": 3, "strokeColor": "#ffffff"})
        if marked is not None:
            # the mark is the image of the role's group (set here, not through add_node,
            # which drops the colours of a node given a group)
            net.nodes[-1]["group"] = marked.key
    for a, b, key, d in g.edges(keys=True, data=True):
        kind = d["link_type"]
        net.add_edge(a, b, id=key, label=d["label"], title=_edge_title(a, b, d, chart),
                     color={"color": style.link_colour(kind), "highlight": "#ff6f00"},
                     width=style.link_line_width(kind),
                     arrows="" if kind == style.SAME_AS else "to", dashes=kind == style.SAME_AS,
                     # an exploitation link's label is larger, so it is drawn first when
                     # zooming in on a busy chart
                     font={"size": EXPLOITS_LABEL_SIZE if kind == "EXPLOITS" else 9,
                           "align": "middle", "color": "#424242"})
    physics = n <= PHYSICS_LIMIT
    net.options = {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "physics": {"enabled": physics, "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -3000, "springLength": 120,
                                  "avoidOverlap": 0.2},
                    "stabilization": {"enabled": physics, "iterations": 150, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                        "hideEdgesOnDrag": m > 1000, "hideEdgesOnZoom": m > 2000},
        # busy charts draw labels only once zoomed in far enough to read them
        "edges": {"smooth": {"enabled": m <= SMOOTH_LIMIT, "type": "continuous"},
                  "scaling": {"label": {"drawThreshold": 11 if n > LABEL_LIMIT else 5}}},
        "nodes": {"scaling": {"label": {"drawThreshold": 9 if n > LABEL_LIMIT else 5}}},
        # a person's role mark, drawn inside their circle
        "groups": {r.key: {"shape": style.MARKED_SHAPE, "image": style.mark_uri(r)}
                   for r in style.ROLES if r.mark},
    }
    return net


def _legend(chart: Chart) -> dict[str, Any]:
    nodes = [d for _, d in chart.graph.nodes(data=True)]
    types = Counter(d["type"] for d in nodes)
    roles = Counter(role.key for d in nodes if (role := style.role_of(d)) is not None)
    order = [t for t in style.TYPES if types[t]] + sorted(t for t in types if t not in
                                                           style.TYPES)
    return {
        "types": [{"symbol": style.type_style(t).symbol, "colour": style.type_style(t).colour,
                   "label": style.type_style(t).label, "count": types[t]} for t in order],
        "people": [{"key": r.key, "icon": style.legend_uri(r), "label": r.label,
                    "word": r.word, "mark": r.mark_name, "count": roles[r.key]}
                   for r in style.ROLES],
        "target_colour": style.TARGET_BORDER, "target_label": style.TARGET_LABEL,
        "targets": sum(1 for d in nodes if d["candidate_target"]),
        "subject_colour": style.SUBJECT_BORDER,
        "subjects": [d["label"] for d in nodes if d["subject"]],
        "links": [{"colour": style.EXPLOITS_COLOUR, "width": style.EXPLOITS_WIDTH,
                   "line": "solid", "label": "Exploitation (thickest line; label starts "
                                             "EXPLOITS)"},
                  {"colour": style.PERSON_LINK_COLOUR, "width": style.PERSON_LINK_WIDTH,
                   "line": "solid", "label": "Association / family"},
                  {"colour": style.OTHER_LINK_COLOUR, "width": style.OTHER_LINK_WIDTH,
                   "line": "solid", "label": "Uses, owns, lives at, seen at, called, …"},
                  *([{"colour": style.SAME_AS_COLOUR, "width": 2, "line": "dotted",
                      "label": "Possibly the same person recorded twice (dotted; no report "
                               "states it: resolve the pair)"}]
                    if any(d["link_type"] == style.SAME_AS
                           for _, _, d in chart.graph.edges(data=True)) else [])],
    }


def _table(chart: Chart) -> dict[str, list[dict[str, str]]]:
    """The chart as text, for its "Entities and links as a table" (its text alternative,
    for keyboards and screen readers): every entity and link with what the chart's
    tooltips say of it, from the chart's own attributes only, so exactly as redacted as
    the chart (a partner chart's table names no one its picture does not)."""
    g = chart.graph
    entities = []
    for _, d in g.nodes(data=True):
        roles = d["roles"].replace(SEP, ", ") if d["roles"] else ""
        if d["candidate_target"] or d["target_rank"]:
            roles += ("; " if roles else "") + f"candidate target, rank {d['target_rank']}"
        entities.append({"label": d["label"], "type": style.type_style(d["type"]).label,
                         "roles": roles, "network": str(d["network"] or ""),
                         "refs": ", ".join(r for r in d["refs"].split(SEP) if r)})
    links = [{"source": g.nodes[a]["label"], "target": g.nodes[b]["label"],
              "type": d["link_type"], "first": str(d["first_seen"] or "")[:10],
              "last": str(d["last_seen"] or "")[:10],
              "refs": ", ".join(r for r in d["refs"].split(SEP) if r)}
             for a, b, d in g.edges(data=True)]
    return {"entities": entities, "links": links}


def render_html(chart: Chart) -> str:
    """The chart as one self-contained HTML page."""
    js, css = _assets()
    net = _network(chart)
    meta = chart.meta
    about = " · ".join(x for x in (
        f"Profile: {meta['profile']}",
        f"analysis run {meta['run_id']} (as of {meta['as_of']})" if meta["run_id"] else
        "no analysis run (no scores)",
        f"filters: {meta['filters']}",
        f"{meta['nodes']} entities, {meta['links']} links") if x)
    chart_label = (f"Link chart: {meta['title']}, {meta['nodes']} entities and "
                   f"{meta['links']} links. The same entities and links, with their "
                   "reports, are listed in 'Entities and links as a table' below the chart.")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    net.template = env.from_string(TEMPLATE, globals={
        "vis_js": js, "vis_css": css, "meta": meta, "about": about, "csp": CSP,
        "legend": _legend(chart), "table": _table(chart), "chart_label": chart_label})
    return str(net.generate_html(name="chart.html", notebook=True))


def write_html(chart: Chart, path: Path) -> Path:
    """Write the chart's HTML page to ``path``."""
    write_text(path, render_html(chart))
    return path
