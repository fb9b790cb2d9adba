// Loads Cytoscape JSON files with cytoscape.js (headless, styles on), as a web page using
// cytoscape.js would, and prints what it ends up with as one JSON object per file: counts,
// every element's id and ends, computed styles, positions, the layout and any warning
// cytoscape.js gave (an unknown style property or a bad selector is a warning).
// Run: node check.js FILE...
"use strict";
const fs = require("fs");
const cytoscape = require("cytoscape");

for (const file of process.argv.slice(2)) {
  const warnings = [];
  const warn = console.warn;
  console.warn = (...args) => warnings.push(args.join(" "));
  const data = JSON.parse(fs.readFileSync(file, "utf8"));
  const cy = cytoscape({ headless: true, styleEnabled: true, elements: data.elements,
                         style: data.style, layout: data.layout, data: data.data });
  console.warn = warn;
  const nodes = cy.nodes().map((n) => ({
    id: n.id(), position: n.position(), label: n.style("label"),
    background: n.style("background-color"), border: n.style("border-color"),
    image: n.style("background-image"),
    shape: n.style("shape"), width: n.numericStyle("width"),
    data: n.data(),
  }));
  const edges = cy.edges().map((e) => ({
    id: e.id(), source: e.source().id(), target: e.target().id(),
    line: e.style("line-style"), curve: e.style("curve-style"),
    colour: e.style("line-color"), arrow: e.style("target-arrow-shape"),
    data: e.data(),
  }));
  fs.writeSync(1, JSON.stringify({
    file, node_count: cy.nodes().length, edge_count: cy.edges().length,
    graph: cy.data(), warnings, nodes, edges,
  }) + "\n");
  cy.destroy();
}
process.exit(0);  // cytoscape.js keeps a render timer even when headless
