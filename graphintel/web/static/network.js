// The network view: loads the chart data, draws it with vis-network, and handles find,
// type/role toggles, the date range, expanding a person, link details and export, and
// writes what the chart shows as tables (the chart's text alternative, for keyboards and
// screen readers).
// All text goes into the page with textContent, never as HTML.
(function () {
  "use strict";
  var cfg = document.getElementById("net-config");
  var role = cfg.dataset.role;
  var query = JSON.parse(cfg.dataset.query || "{}");
  var expanded = (query.expanded || "").split(",").filter(Boolean);
  var chartEl = document.getElementById("chart");
  var panel = document.getElementById("panel");
  var nodes = new vis.DataSet([]);
  var edges = new vis.DataSet([]);
  var reports = {};
  var bounds = null;  // first and last report date of the unfiltered chart
  var network = new vis.Network(chartEl, {nodes: nodes, edges: edges}, {
    autoResize: true,
    layout: {randomSeed: 7, improvedLayout: false},
    physics: {enabled: true, solver: "barnesHut",
              barnesHut: {gravitationalConstant: -3000, springLength: 120, avoidOverlap: 0.2},
              stabilization: {enabled: true, iterations: 150, fit: true}},
    interaction: {hover: true, tooltipDelay: 120},
    edges: {smooth: {enabled: true, type: "continuous"}, font: {size: 9}},
    nodes: {font: {size: 13, strokeWidth: 3, strokeColor: "#ffffff"}}
  });
  // The drawing takes no keys, so it is no tab stop (vis-network makes its frame one):
  // #chart is one labelled image, and the table under it is the keyboard's way in.
  var frame = chartEl.querySelector(".vis-network");
  if (frame) { frame.tabIndex = -1; }
  network.on("stabilizationIterationsDone", function () {
    network.setOptions({physics: false});
    network.fit();
    chartEl.dataset.stable = "true";
  });
  // for scripted checks of the page (positions of entities on the canvas)
  window.graphintelView = {network: network, nodes: nodes, edges: edges};

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function params(extra) {
    var p = new URLSearchParams();
    ["network", "around", "hops", "a", "b"].forEach(function (k) { if (query[k]) { p.set(k, query[k]); } });
    var since = document.getElementById("since").value;
    var until = document.getElementById("until").value;
    if (since) { p.set("since", since); }
    if (until) { p.set("until", until); }
    if (expanded.length) { p.set("expanded", expanded.join(",")); }
    Object.keys(extra || {}).forEach(function (k) { p.set(k, extra[k]); });
    return p;
  }

  function setState(state, message) {
    chartEl.dataset.state = state;
    if (message) {
      document.getElementById("chart-about").textContent = message;
    }
  }

  function visibleIds() {
    return nodes.get({filter: function (n) { return !n.hidden; }}).map(function (n) { return n.id; });
  }

  function counts() {
    var shown = visibleIds();
    var set = {};
    shown.forEach(function (id) { set[id] = true; });
    var links = edges.get().filter(function (e) { return set[e.from] && set[e.to]; });
    chartEl.dataset.nodes = String(shown.length);
    chartEl.dataset.edges = String(links.length);
    chartEl.dataset.total = String(nodes.length);
    tableStale = true;
    if (asTable.open) { fillTable(); }
  }

  // The chart as text (the "Entities and links as a table" details below it): what the
  // chart shows, each entity and link with a button that shows its details in the panel.
  // Filled only while open, since a chart may hold thousands of entities.
  var asTable = document.getElementById("as-table");
  var tableStale = true;

  function refsCell(refs) {
    var td = el("td");
    refs.forEach(function (ref, i) {
      if (i) { td.appendChild(document.createTextNode(", ")); }
      if (role === "analyst") {
        var a = el("a", ref, "ref"); a.href = "/report/" + encodeURIComponent(ref); td.appendChild(a);
      } else { td.appendChild(document.createTextNode(ref)); }
    });
    return td;
  }

  function detailsButton(text, label, show) {
    var b = el("button", text, "show-details");
    b.type = "button";
    b.setAttribute("aria-label", label);
    b.addEventListener("click", function () { show(); panel.focus(); });
    return b;
  }

  function fillTable() {
    tableStale = false;
    var shown = {};
    var entities = document.querySelector("#entities-table tbody");
    var links = document.querySelector("#links-table tbody");
    entities.textContent = "";
    links.textContent = "";
    nodes.get({filter: function (n) { return !n.hidden; }}).forEach(function (n) {
      var g = n.gi;
      shown[n.id] = true;
      var tr = el("tr");
      var name = el("th");
      name.scope = "row";
      name.appendChild(detailsButton(g.name, g.name + ": show details", function () {
        network.selectNodes([n.id]); showNode(n.id);
      }));
      tr.appendChild(name);
      tr.appendChild(el("td", g.type));
      tr.appendChild(el("td", g.roles.join(", ") + (g.rank ? (g.roles.length ? "; " : "") +
                                                    "candidate target, rank " + g.rank : "")));
      tr.appendChild(el("td", g.network ? String(g.network) : ""));
      tr.appendChild(refsCell(g.refs));
      entities.appendChild(tr);
    });
    edges.get().forEach(function (e) {
      if (!shown[e.from] || !shown[e.to]) { return; }
      var g = e.gi, a = nodes.get(e.from), b = nodes.get(e.to);
      var from = a ? a.gi.name : e.from, to = b ? b.gi.name : e.to;
      var tr = el("tr");
      tr.appendChild(el("td", from));
      var kind = el("td");
      kind.appendChild(detailsButton(g.type, g.type + " from " + from + " to " + to +
                                     ": show details", function () {
        network.selectEdges([e.id]); showEdge(e.id);
      }));
      tr.appendChild(kind);
      tr.appendChild(el("td", to));
      tr.appendChild(el("td", g.first));
      tr.appendChild(el("td", g.last));
      tr.appendChild(refsCell(g.refs));
      links.appendChild(tr);
    });
    asTable.dataset.entities = String(entities.rows.length);
    asTable.dataset.links = String(links.rows.length);
  }
  asTable.addEventListener("toggle", function () {
    if (asTable.open && tableStale) { fillTable(); }
  });

  // A person's role as the server drew it ("protected": a child or victim, even one also
  // recorded as a suspect; "suspect"; "person"), null for anything else.
  function roleOf(n) {
    return n.gi.type === "Person" ? n.gi.role : null;
  }

  // The key, from the chart's data: each role's drawing (its circle and mark) and words,
  // the target and subject rings, the entity types and the links by width and line.
  function swatch(child) {
    var sw = el("span", null, "sw");
    sw.setAttribute("aria-hidden", "true");
    sw.appendChild(child);
    return sw;
  }
  function keyItem(list, cls, sw, text) {
    var li = el("li", null, cls);
    li.appendChild(sw);
    li.appendChild(text);
    list.appendChild(li);
    return li;
  }
  function ring(item, dashed) {
    var r = el("span", null, dashed ? "ring dashed" : "ring");
    r.style.borderColor = item.colour;
    return swatch(r);
  }
  function showLegend(legend) {
    var people = document.getElementById("legend-people");
    var rest = document.getElementById("legend-rest");
    people.textContent = "";
    rest.textContent = "";
    legend.people.forEach(function (r) {
      var img = el("img", null, "mark");
      img.src = r.icon;
      img.alt = "";
      var text = el("span", r.label + " (" + r.count + "): ");
      if (r.word) {
        text.appendChild(document.createTextNode(r.mark + " in the circle; "));
        text.appendChild(el("b", "(" + r.word + ")"));
        text.appendChild(document.createTextNode(" under the name"));
      } else {
        text.appendChild(document.createTextNode("a plain circle; no word under the name"));
      }
      keyItem(people, "role", swatch(img), text).dataset.role = r.key;
    });
    keyItem(people, "target", ring(legend.target, false),
            el("span", legend.target.label + " (" + legend.target.count + ")"));
    if (legend.subject.count) {
      keyItem(people, "subject", ring(legend.subject, true), el("span", legend.subject.label));
    }
    legend.types.forEach(function (t) {
      var glyph = el("span", t.symbol);
      glyph.style.color = t.colour;
      keyItem(rest, "type", swatch(glyph), el("span", t.label + " (" + t.count + ")"));
    });
    legend.links.forEach(function (x) {
      var bar = el("span", null, "bar");
      bar.style.borderTop = x.width + "px " + x.line + " " + x.colour;
      keyItem(rest, "link", swatch(bar), el("span", x.label)).dataset.width = String(x.width);
    });
    document.getElementById("legend").hidden = false;
  }

  function applyToggles() {
    var types = {}, roles = {};
    document.querySelectorAll(".type-toggle").forEach(function (c) { types[c.value] = c.checked; });
    document.querySelectorAll(".role-toggle").forEach(function (c) { roles[c.value] = c.checked; });
    nodes.update(nodes.get().map(function (n) {
      var r = roleOf(n);
      var show = types[n.gi.type] !== false && (r === null || roles[r] !== false);
      return {id: n.id, hidden: !show};
    }));
    counts();
  }

  function load() {
    setState("loading");
    fetch(cfg.dataset.api + "?" + params().toString(), {credentials: "same-origin"})
      .then(function (r) { return r.json().then(function (d) { return {ok: r.ok, data: d}; }); })
      .then(function (res) {
        if (!res.ok) {
          document.getElementById("chart-title").textContent = "Nothing to show";
          setState("error", res.data.error || "the chart could not be made");
          document.getElementById("legend").hidden = true;
          nodes.clear(); edges.clear(); counts();
          return;
        }
        var d = res.data;
        reports = d.reports;
        nodes.clear(); edges.clear();
        // each marked role's circle and mark (set before the nodes that use them)
        network.setOptions({groups: d.groups});
        nodes.add(d.nodes); edges.add(d.edges);
        showLegend(d.legend);
        document.getElementById("chart-title").textContent = d.meta.title;
        document.title = d.meta.title + " · Network view · graphintel (OFFICIAL-SENSITIVE)";
        chartEl.setAttribute("aria-label", "Link chart: " + d.meta.title + ", " + d.meta.nodes +
          " entities and " + d.meta.links + " links. The same entities and links are listed " +
          "in the table 'Entities and links as a table' below the chart, each with a button " +
          "that shows its details beside the chart.");
        var w = document.getElementById("chart-withheld");
        if (d.meta.withheld) { w.textContent = d.meta.withheld; w.hidden = false; }
        if (!bounds && d.first_date) { bounds = [d.first_date, d.last_date]; }
        setState("ready", "Profile: " + d.meta.profile + " · filters: " + d.meta.filters + " · " +
                 d.meta.nodes + " entities, " + d.meta.links + " links" +
                 (expanded.length ? " · expanded: " + expanded.length : ""));
        applyToggles();
        chartEl.dataset.stable = "false";
        network.setOptions({physics: {enabled: true}});
        network.stabilize(150);
      })
      .catch(function () { setState("error", "the chart data could not be loaded"); });
  }

  function showReports(refs, withNarrative) {
    var list = el("ul", null, "panel-reports");
    refs.forEach(function (ref) {
      var r = reports[ref] || {};
      var li = el("li");
      li.dataset.ref = ref;
      if (role === "analyst") {
        var a = el("a", ref); a.href = "/report/" + encodeURIComponent(ref); li.appendChild(a);
      } else { li.appendChild(el("span", ref)); }
      li.appendChild(el("span", " (" + [r.date, r.grading].filter(Boolean).join(", ") + ")", "muted"));
      list.appendChild(li);
    });
    panel.appendChild(list);
    if (withNarrative && role === "analyst" && refs.length) {
      fetch("/api/reports?refs=" + encodeURIComponent(refs.slice(0, 50).join(",")), {credentials: "same-origin"})
        .then(function (r) { return r.json(); })
        .then(function (d) {
          d.reports.forEach(function (r) {
            var li = list.querySelector('li[data-ref="' + CSS.escape(r.ref) + '"]');
            if (!li) { return; }
            li.appendChild(el("p", r.narrative || "", "narrative"));
            var earlier = (r.earlier_versions || []).length;
            if (earlier) {
              li.appendChild(el("p", "Revised: " + earlier + " earlier version" +
                (earlier === 1 ? "" : "s") + " (on the report's page); a link here may rest " +
                "on what only an earlier version said.", "muted revised"));
            }
          });
          panel.dataset.narratives = String(d.reports.length);
        });
    }
  }

  function showNode(id) {
    var n = nodes.get(id);
    if (!n) { return; }
    var g = n.gi;
    panel.textContent = "";
    panel.dataset.kind = "node";
    panel.appendChild(el("h2", g.name));
    panel.appendChild(el("p", g.type + (g.roles.length ? " · " + g.roles.join(", ") : "")));
    if (g.age) { panel.appendChild(el("p", "Age " + g.age)); }
    if (g.dob) { panel.appendChild(el("p", "Date of birth " + g.dob)); }
    if (g.rank) { panel.appendChild(el("p", "Rank " + g.rank + ", disruption score " + g.score)); }
    if (g.reasons) { panel.appendChild(el("p", "Reasons: " + g.reasons)); }
    if (role === "analyst" && g.type === "Person") {
      var expand = el("button", "Expand (people within 1 link)");
      expand.id = "expand-node";
      expand.type = "button";
      expand.addEventListener("click", function () { expandNode(id); });
      panel.appendChild(expand);
      var open = el("button", "Open profile");
      open.id = "open-profile";
      open.type = "button";
      open.addEventListener("click", function () {
        nodeUid(id).then(function (uid) { if (uid) { window.location = "/person/" + encodeURIComponent(uid); } });
      });
      panel.appendChild(open);
    }
    panel.appendChild(el("h3", "Reports (" + g.refs.length + ")"));
    showReports(g.refs, false);
  }

  function showEdge(id) {
    var e = edges.get(id);
    if (!e) { return; }
    var g = e.gi;
    panel.textContent = "";
    panel.dataset.kind = "edge";
    var a = nodes.get(e.from), b = nodes.get(e.to);
    panel.appendChild(el("h2", g.type));
    panel.appendChild(el("p", (a ? a.gi.name : e.from) + " → " + (b ? b.gi.name : e.to)));
    panel.appendChild(el("p", "Seen " + (g.first === g.last ? g.first : g.first + " – " + g.last) +
                             " · count " + g.count + (g.grading ? " · best grading " + g.grading : "")));
    panel.appendChild(el("h3", "Reports (" + g.refs.length + ")"));
    showReports(g.refs, true);
  }

  function nodeUid(id) {
    var n = nodes.get(id);
    var p = new URLSearchParams({node: id, label: n ? n.gi.name : ""});
    return fetch("/api/node?" + p.toString(), {credentials: "same-origin"})
      .then(function (r) { return r.json(); }).then(function (d) { return d.uid; });
  }

  function expandNode(id) {
    nodeUid(id).then(function (uid) {
      if (!uid) { return; }
      if (expanded.indexOf(uid) < 0) { expanded.push(uid); }
      load();
    });
  }

  network.on("click", function (ev) {
    if (ev.nodes.length) { showNode(ev.nodes[0]); } else if (ev.edges.length) { showEdge(ev.edges[0]); }
  });
  network.on("doubleClick", function (ev) {
    if (ev.nodes.length && role === "analyst") { expandNode(ev.nodes[0]); }
  });

  // What is typed is matched as written, then without spaces, dashes, dots or brackets
  // ("CU51 BOE", "bs4 7by"), and a number by its digits in national form ("07700 900499"
  // finds +447700900499).
  function compact(s) { return s.toLowerCase().replace(/[\s\-().]/g, ""); }
  function nationalDigits(s) {
    var d = s.replace(/\D/g, "");
    if (d.indexOf("44") === 0) { d = d.slice(2); }
    return d.replace(/^0+/, "");
  }
  function findMatch(label, text) {
    var l = label.toLowerCase();
    if (l.indexOf(text) >= 0) { return true; }
    var c = compact(text);
    if (c && compact(l).indexOf(c) >= 0) { return true; }
    if (/^[+\d\s\-().]+$/.test(text) && text.replace(/\D/g, "").length >= 6) {
      var want = nationalDigits(text), have = nationalDigits(l);
      return want.length > 0 && have.indexOf(want) >= 0;
    }
    return false;
  }
  window.graphintelFindMatch = findMatch;
  // Find says what it found in a live region (nothing found included); Enter in the
  // field finds too.
  function find() {
    var typed = document.getElementById("find").value.trim();
    var text = typed.toLowerCase();
    var status = document.getElementById("find-status");
    if (!text) { status.textContent = "Type a name, number or VRM to find."; return; }
    var hit = nodes.get({filter: function (n) { return !n.hidden && findMatch(n.gi.name, text); }});
    chartEl.dataset.found = String(hit.length);
    if (hit.length) {
      network.selectNodes(hit.map(function (n) { return n.id; }));
      network.focus(hit[0].id, {scale: 1.2});
      showNode(hit[0].id);
      status.textContent = "Found " + hit.length + (hit.length === 1 ? " entity" : " entities") +
        " matching \u201c" + typed + "\u201d; the details of " + hit[0].gi.name + " are shown.";
    } else {
      network.unselectAll();
      status.textContent = "Nothing on the chart matches \u201c" + typed + "\u201d.";
    }
  }
  document.getElementById("find-button").addEventListener("click", find);
  document.getElementById("find").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { ev.preventDefault(); find(); }
  });
  document.querySelectorAll(".type-toggle, .role-toggle").forEach(function (c) {
    c.addEventListener("change", applyToggles);
  });

  function dayOf(fraction) {
    var a = new Date(bounds[0] + "T00:00:00Z").getTime(), b = new Date(bounds[1] + "T00:00:00Z").getTime();
    return new Date(a + (b - a) * fraction / 100).toISOString().slice(0, 10);
  }
  // each slider sets its date field and says that date (not a percentage) to screen readers
  document.getElementById("since-slider").addEventListener("input", function (ev) {
    if (bounds) {
      var day = dayOf(Number(ev.target.value));
      document.getElementById("since").value = day;
      ev.target.setAttribute("aria-valuetext", "from " + day);
    }
  });
  document.getElementById("until-slider").addEventListener("input", function (ev) {
    if (bounds) {
      var day = dayOf(Number(ev.target.value));
      document.getElementById("until").value = day;
      ev.target.setAttribute("aria-valuetext", "up to " + day);
    }
  });
  ["since-slider", "until-slider"].forEach(function (s) {
    document.getElementById(s).addEventListener("change", load);
  });
  document.getElementById("apply-dates").addEventListener("click", load);
  document.getElementById("clear-dates").addEventListener("click", function () {
    document.getElementById("since").value = "";
    document.getElementById("until").value = "";
    document.getElementById("since-slider").value = 0;
    document.getElementById("until-slider").value = 100;
    document.getElementById("since-slider").setAttribute("aria-valuetext", "from the first report");
    document.getElementById("until-slider").setAttribute("aria-valuetext", "up to the last report");
    load();
  });

  document.getElementById("export-form").addEventListener("submit", function () {
    var p = params();
    document.querySelectorAll(".export-param").forEach(function (input) {
      input.value = p.get(input.dataset.key) || "";
    });
    document.getElementById("export-visible").value = JSON.stringify(visibleIds());
  });

  load();
})();
