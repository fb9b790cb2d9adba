"""The stored result documents of analysis runs: listing runs, packing a run's result
into the parts its node keeps, and reading them back.

Apart from :mod:`graphintel.analysis.run` (which computes a run), so the agenda, the
charts and the workspace read runs without importing the analysis itself.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Sequence
from typing import Any

import msgspec

from graphintel.errors import NotFound
from graphintel.store import Store

#: zlib level for the stored result parts: the fastest, about an eighth of the JSON's size
#: (a sixth in base64).
RESULT_COMPRESSION = 1


_DECODER = msgspec.json.Decoder()


def decode_json(data: bytes | str) -> Any:
    """``json.loads(data)``, decoded by msgspec (about 1.8 times faster on a run's parts: the
    agenda decodes about 60 MB of them at 100,000 reports). The few texts msgspec refuses
    and ``json`` takes (``NaN``, ``Infinity``, numbers past a double) are decoded by
    ``json``, so the result is always what ``json.loads`` gives.

    >>> decode_json(b'{"a": [1, 2.5, "x"]}'), decode_json('{"b": NaN}')
    ({'a': [1, 2.5, 'x']}, {'b': nan})
    """
    try:
        return _DECODER.decode(data)
    except msgspec.DecodeError:
        return json.loads(data)


def list_runs(store: Store, *, include_incomplete: bool = False) -> list[dict[str, Any]]:
    """Stored complete analysis runs, newest first (with ``include_incomplete``, also runs
    that never completed: their ``status`` is "staged")."""
    return store.read("analysis_runs", all=include_incomplete)


def remove_incomplete_runs(store: Store) -> int:
    """Delete runs that never completed (with their scores and networks); how many."""
    rows, _ = store.write_tx(lambda tx: tx.run("remove_incomplete_runs", keep=[]))
    return int(rows[0]["removed"]) if rows else 0


#: The stored part holding each target's ``network_victims`` (children within k links
#: with no direct evidence, with their paths): most of the targets' bytes, and only the
#: JSON output uses them, so the agenda and the charts leave them unread.
NETWORK_VICTIMS_PART = "targets_network_victims"
#: The stored part holding how each target's linked children are linked (each link's
#: ``path`` and ``evidence``): most of the targets' bytes after the network victims.
#: The comparison with an earlier run reads who is linked to whom, not how
#: (``link_detail=False``).
LINK_DETAIL_PART = "targets_link_detail"
#: What :data:`LINK_DETAIL_PART` holds of each linked child.
LINK_DETAIL = ("path", "evidence")


def pack_result(result: dict[str, Any], packed: dict[str, str] | None = None
                ) -> dict[str, Any]:
    """The run node's properties holding ``result``: each top-level part as compressed
    JSON on its own, and the parts' order, so a reader decodes only what it needs (at
    100,000 reports the whole document is about 185 MB of JSON; the agenda and the charts
    do not need its ``victims`` part, and compressed the parts travel in a tenth of the
    time). The targets' ``network_victims`` and the path and evidence of their linked
    children are parts of their own (:data:`NETWORK_VICTIMS_PART`,
    :data:`LINK_DETAIL_PART`), put back by :func:`load_run`.

    ``packed``: parts already packed by :func:`pack_parts` (the analysis packs all but
    ``run`` for the run's content digest, before the run has its id).

    >>> props = pack_result({"run": {"id": "r1"}, "targets": []})
    >>> sorted(props)  # doctest: +NORMALIZE_WHITESPACE
    ['result_parts', 'result_run', 'result_targets', 'result_targets_link_detail',
     'result_targets_network_victims']
    """
    parts = pack_parts(result, reuse=packed)
    return {"result_parts": list(parts), **{f"result_{part}": v for part, v in parts.items()}}


def pack_parts(result: dict[str, Any], *, leave_out: Sequence[str] = (),
               reuse: dict[str, str] | None = None, digest: Any = None) -> dict[str, str]:
    """Each stored part of ``result`` (see :func:`pack_result`), compressed JSON as base64
    text, by part name in the stored order. The parts in ``leave_out`` are left out, those
    in ``reuse`` (packed by an earlier call) taken from it; ``digest`` (a :mod:`hashlib`
    hash) is fed each part packed here, its name and its JSON, so a content digest costs
    no second serialisation of the document and only one part's JSON is held at a time.

    >>> body = pack_parts({"run": {"id": ""}, "targets": []}, leave_out=["run"])
    >>> list(body)
    ['targets', 'targets_network_victims', 'targets_link_detail']
    >>> list(pack_parts({"run": {"id": "r1"}, "targets": []}, reuse=body))
    ['run', 'targets', 'targets_network_victims', 'targets_link_detail']
    """
    reuse = reuse or {}
    parts = dict(result)
    if "targets" in parts and "targets" in reuse:
        parts[NETWORK_VICTIMS_PART] = parts[LINK_DETAIL_PART] = None  # in reuse too
    elif "targets" in parts:
        # the detail's keys stay in place (None), so a document read back whole has its
        # keys in the order it was written
        parts["targets"] = [
            {k: ([{f: (None if f in LINK_DETAIL else x) for f, x in lv.items()}
                  for lv in v] if k == "linked_victims" and v else v)
             for k, v in t.items() if k != "network_victims"}
            for t in result["targets"]]
        parts[NETWORK_VICTIMS_PART] = [t.get("network_victims") for t in result["targets"]]
        parts[LINK_DETAIL_PART] = [[{f: lv[f] for f in LINK_DETAIL if f in lv}
                                    for lv in t.get("linked_victims") or []]
                                   for t in result["targets"]]
    out: dict[str, str] = {}
    for part, value in parts.items():
        if part in leave_out:
            continue
        if part in reuse:
            out[part] = reuse[part]
            continue
        data = json.dumps(value, ensure_ascii=False).encode()
        if digest is not None:
            digest.update(f"{part}\n".encode())
            digest.update(data)
        # text, not a byte array: the driver's record.data() walks byte arrays byte by
        # byte (27 s for the 12 MB of targets at 100,000 reports, against 0.1 s as text)
        out[part] = base64.b64encode(zlib.compress(data, RESULT_COMPRESSION)).decode("ascii")
    return out


def load_run(store: Store, run_id: str | None = None, *,
             parts: Sequence[str] | None = None,
             network_victims: bool = True, link_detail: bool = True) -> dict[str, Any]:
    """The result document of a stored run (the latest when ``run_id`` is None); with
    ``parts``, only those top-level parts of it (``run`` always), in the stored order.
    ``network_victims=False`` with ``parts`` leaves each target's ``network_victims`` out
    (an empty list): the largest part of a large run, which the agenda and the charts do
    not show. ``link_detail=False`` with ``parts`` leaves the ``path`` and ``evidence`` of
    each linked child out (empty lists): who is linked to whom, without how."""
    if run_id is None:
        runs = list_runs(store)
        if not runs:
            raise NotFound("no analysis run in the graph yet", fix="run 'graphintel analyse'")
        run_id = str(runs[0]["id"])
    wanted = None if parts is None else ["run", *(p for p in parts if p != "run")]
    if wanted is not None and "targets" in wanted:
        wanted += [part for part, want in ((NETWORK_VICTIMS_PART, network_victims),
                                           (LINK_DETAIL_PART, link_detail)) if want]
    rows = store.read("analysis_run_result", run_id=run_id, parts=wanted)
    if not rows:
        raise NotFound(f"no analysis run {run_id!r}", "--run",
                       "list runs with 'graphintel runs'")
    if rows[0]["status"] != "complete":
        raise NotFound(f"analysis run {run_id!r} never completed", "--run",
                       "run 'graphintel analyse' again, or use a complete run")
    if rows[0]["blobs"] is None:
        whole = dict(decode_json(rows[0]["result_json"]))
        return {k: v for k, v in whole.items() if wanted is None or k in wanted}
    doc = {str(part): decode_json(zlib.decompress(base64.b64decode(blob)))
           for part, blob in rows[0]["blobs"]}
    apart = doc.pop(NETWORK_VICTIMS_PART, None)
    detail = doc.pop(LINK_DETAIL_PART, None)
    for i, target in enumerate(doc.get("targets") or []):
        if apart is not None:
            target["network_victims"] = apart[i] or []
        elif not network_victims:
            target["network_victims"] = []
        for j, lv in enumerate(target.get("linked_victims") or []):
            if detail is not None:
                lv.update(detail[i][j])
            elif not link_detail:
                lv.update((f, []) for f in LINK_DETAIL)
    return doc

