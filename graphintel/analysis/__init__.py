"""Analysis of the projected person graph: centrality, networks, victim linkage, disruption."""
