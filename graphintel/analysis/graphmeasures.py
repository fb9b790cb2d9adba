"""Graph-level measures of a run: density and Freeman centralisation.

- ``density``: links present / links possible, ``2m / (n (n - 1))`` (0 for fewer than 2
  people): how much of the possible contact the evidence shows;
- ``degree_centralisation``: Freeman (1979), ``sum(max_deg - deg_i) / ((n - 1)(n - 2))``
  on the number of links of each person (1 for a star, 0 when everyone has the same degree):
  how far contact is concentrated on one person;
- ``betweenness_centralisation``: Freeman, ``sum(max_b - b_i) / (n - 1)`` on normalised
  betweenness (1 for a star): how far the routes between others depend on one broker. The
  run uses its weighted betweenness (distance 1 / weight, :mod:`.measures`); given none,
  unweighted ``nx.betweenness_centrality`` is used.

Both centralisations are 0 for fewer than 3 people. Graph in, numbers out.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

__all__ = ["graph_measures"]


def graph_measures(G: nx.Graph,
                   betweenness: Mapping[str, float] | None = None) -> dict[str, float]:
    """Density, degree and betweenness centralisation of ``G`` (see the module docstring).

    >>> m = graph_measures(nx.star_graph(4))
    >>> m["density"], m["degree_centralisation"], m["betweenness_centralisation"]
    (0.4, 1.0, 1.0)
    """
    n = G.number_of_nodes()
    out = {"density": round(nx.density(G), 6) if n > 1 else 0.0,
           "degree_centralisation": 0.0, "betweenness_centralisation": 0.0}
    if n < 3:
        return out
    deg = [d for _, d in G.degree()]
    top = max(deg)
    out["degree_centralisation"] = round(sum(top - d for d in deg) / ((n - 1) * (n - 2)), 6)
    bc = dict(betweenness) if betweenness is not None else nx.betweenness_centrality(G)
    values = [float(bc.get(v, 0.0)) for v in G]
    top_b = max(values)
    out["betweenness_centralisation"] = round(sum(top_b - b for b in values) / (n - 1), 6)
    return out
