"""The agenda's pictures and reads stay fast without changing what they show: the
stress-majorization layout is as good as Kamada-Kawai's on the energy both minimise, a
picture is the same PNG for the same spec (opaque, no text chunk), only the pictures a
document shows are drawn, once each, and the batched reads (ties with what each thing is,
rank trends for many people) give exactly what the per-person reads gave."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from PIL import Image as PILImage

from graphintel.agenda import picture as pic
from graphintel.agenda.facts import ENTITY_FIELDS, _ties, rank_trends
from graphintel.agenda.layout import Heading, Image, Para
from graphintel.agenda.model import Picture, PictureNode, Timeline
from graphintel.agenda.timeline import draw_timeline
from graphintel.config import Settings
from graphintel.profile import rank_trend
from graphintel.store import Store
from tests.graph_helpers import analyse
from tests.test_agenda_data import base_reports, load
from tests.test_agenda_redaction import png_chunks

#: The agenda's ties read as one query before what each thing is came from a read of its own.
TIES_IN_ONE_READ = """
UNWIND $uids AS uid
MATCH (p:Entity {uid: uid})-[r:USES|OWNS|DRIVES|PASSENGER_IN|LIVES_AT|FREQUENTS|SEEN_AT]->(e:Entity)
WHERE e:Phone OR e:Vehicle OR e:Location
RETURN uid AS person, type(r) AS type, e.uid AS entity,
       [l IN labels(e) WHERE l IN ['Phone', 'Vehicle', 'Location']][0] AS label,
       e.key AS key, e.address AS address, e.postcode AS postcode, e.kind AS kind,
       e.make AS make, e.model AS model, e.colour AS colour, coalesce(r.refs, []) AS refs,
       r.first_seen AS first_seen, r.last_seen AS last_seen,
       coalesce(r.count, size(coalesce(r.refs, []))) AS count
ORDER BY person, entity, type
"""


def _graphs() -> list[nx.Graph]:
    grid = nx.convert_node_labels_to_integers(nx.grid_2d_graph(6, 6))
    sparse = nx.gnp_random_graph(40, 0.08, seed=3)
    sparse = sparse.subgraph(max(nx.connected_components(sparse), key=len)).copy()
    return [nx.karate_club_graph(), grid, sparse, nx.path_graph(12), nx.star_graph(15)]


def _stress_at_best_scale(G: nx.Graph, pos: dict[int, tuple[float, float]]) -> float:
    """Kamada-Kawai's energy (stress weighted by 1/d²) of a layout at its best scale, so
    layouts of different sizes compare."""
    dist = dict(nx.all_pairs_shortest_path_length(G))
    pairs = [(a, b) for a in G for b in G if a < b]
    d = np.array([dist[a][b] for a, b in pairs], dtype=float)
    g = np.array([np.hypot(pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]) for a, b in pairs])
    w = 1 / d ** 2
    scale = float((w * g * d).sum() / (w * g * g).sum())
    return float((w * (scale * g - d) ** 2).sum())


@pytest.mark.parametrize("index", range(5))
def test_stress_layout_is_as_good_as_kamada_kawai(index: int) -> None:
    G = _graphs()[index]
    nodes = sorted(G)
    adj = {n: set(G[n]) for n in nodes}
    ours = dict(zip(nodes, (tuple(p) for p in pic._stress(pic._distances(adj, nodes))),
                    strict=True))
    theirs = {n: tuple(p) for n, p in nx.kamada_kawai_layout(G).items()}
    assert _stress_at_best_scale(G, ours) <= 1.05 * _stress_at_best_scale(G, theirs)
    again = pic._stress(pic._distances(adj, nodes))
    assert np.array_equal(again, pic._stress(pic._distances(adj, nodes)))  # no randomness


def _picture(G: nx.Graph) -> Picture:
    kinds = ["target", "child", "suspect", "person", "place", "vehicle", "phone"]
    nodes = [PictureNode(f"Person {n}", kinds[n % len(kinds)]) for n in sorted(G)]
    return Picture(file_name="p.png", alt="a picture", nodes=nodes,
                   edges=sorted((min(a, b), max(a, b)) for a, b in G.edges))


def test_picture_is_the_same_png_for_the_same_spec_and_fills_its_frame() -> None:
    G = nx.disjoint_union(nx.karate_club_graph(), nx.path_graph(4))
    spec = _picture(G)
    first, second = pic.draw(spec), pic.draw(_picture(G))
    assert first == second
    kinds = {kind for kind, _ in png_chunks(first)}
    assert not kinds & {b"tEXt", b"iTXt", b"zTXt", b"eXIf"}
    img = PILImage.open(io.BytesIO(first))
    assert img.mode == "RGB" and img.size == (880, 616)
    plot = img.convert("L").crop((0, 0, int(img.width * 0.8), img.height))
    box = plot.point(lambda v: 255 if v < 200 else 0).getbbox()
    assert box is not None
    assert (box[2] - box[0]) / plot.width > 0.6 and (box[3] - box[1]) / plot.height > 0.6


def test_only_the_pictures_shown_are_drawn_once_each() -> None:
    shown = _picture(nx.cycle_graph(5))
    hidden = _picture(nx.path_graph(3))
    timeline = Timeline(file_name="t.png", alt="a timeline", reports=["2025-01-01", "2025-03-01"])
    blocks = [Heading(2, "A", "a"), Image(shown), Para("text"), Image(timeline), Image(shown)]
    drawn = pic.draw_shown(blocks)
    assert drawn == [shown, timeline]
    assert shown.png.startswith(b"\x89PNG") and timeline.png.startswith(b"\x89PNG")
    assert hidden.png == b""


@pytest.mark.parametrize("days", [["2025-03-01"] * 2, ["2025-03-01", "2025-03-05"],
                                  ["2023-07-01", "2025-06-30"]])
def test_timelines_of_any_span_draw_without_warnings(days: list[str]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = draw_timeline(Timeline(file_name="t.png", alt="", reports=days,
                                      sightings=days[:1]))
    assert PILImage.open(io.BytesIO(data)).size == (1100, 253)


def test_batched_reads_equal_the_per_person_reads(session_store: Store, settings: Settings,
                                                  tmp_path: Path) -> None:
    session_store.wipe()
    load(session_store, settings, tmp_path / "data", base_reports())
    run = analyse(session_store)
    people = sorted({m["uid"] for c in run.result["communities"] for m in c["members"]})
    before = session_store.read_text(TIES_IN_ONE_READ, {"uids": people})
    after = _ties(session_store, people)
    assert before and after == before
    assert all(list(row) == list(before[0]) for row in after)
    assert set(ENTITY_FIELDS) < set(after[0])
    targets = [t["uid"] for t in run.result["targets"]]
    trends = rank_trends(session_store, [*targets, "Person:nobody"])
    assert trends == {uid: rank_trend(session_store, uid) for uid in [*targets, "Person:nobody"]}
    assert all(len(trends[uid]) == 2 for uid in targets)  # two runs: load's and this one
    assert _ties(session_store, []) == [] and rank_trends(session_store, []) == {}
