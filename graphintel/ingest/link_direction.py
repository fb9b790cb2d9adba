"""Links written the wrong way round, turned to the model's direction with a warning.

A records system or an analyst's spreadsheet may write "14 Beech Road LIVES_AT Ava" or
"07700 900444 USES Ava". The graph reads every directed link one way only
(:data:`graphintel.model.LINK_TARGETS`): such a link, loaded as written, would hide that a
child lives at the home or uses the phone, and the child's home could be proposed for
closure and shown to partners. The link's meaning is not in doubt, so the row is not
quarantined: the link is turned round, and the load says so, naming the row and the link.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from graphintel import model
from graphintel.ingest.records import EntityIn, LinkIn

__all__ = ["orient_links"]


def orient_links(entities: Sequence[EntityIn], links: Sequence[LinkIn],
                 where: Sequence[str] | None = None) -> tuple[list[LinkIn], list[str]]:
    """``links`` with each one written the wrong way round turned, and one line per link
    turned (``where`` names each link's field, e.g. ``links[2]``).

    >>> ents = [EntityIn("h", "Location", "BS8 8AA", {}), EntityIn("a", "Person", "p", {})]
    >>> out, said = orient_links(ents, [LinkIn("h", "a", "LIVES_AT")], ["links[0]"])
    >>> (out[0].from_id, out[0].to_id), said[0]
    (('a', 'h'), "links[0]: LIVES_AT from a Location ('h') to a Person ('a') is the wrong \
way round: loaded as from the Person to the Location")

    An exploitation link from the person the report assesses as the victim to the one it
    assesses as the suspect ("Jade (victim) EXPLOITS Steve (suspect)") is turned too: as
    written it would make the suspect the victim, safeguarded and never a target.

    >>> ents = [EntityIn("j", "Person", "j", {}, roles=["victim"]),
    ...         EntityIn("s", "Person", "s", {}, roles=["suspect"])]
    >>> out, said = orient_links(ents, [LinkIn("j", "s", "EXPLOITS")], ["links[0]"])
    >>> (out[0].from_id, out[0].to_id)
    ('s', 'j')
    """
    label = {e.local_id: e.label for e in entities}
    side = {e.local_id: _side(e) for e in entities}
    out: list[LinkIn] = []
    said: list[str] = []
    for i, link in enumerate(links):
        a, b = label.get(link.from_id, ""), label.get(link.to_id, "")
        name = where[i] if where is not None and i < len(where) else f"link {i + 1}"
        if model.reversed_link(link.type, a, b):
            said.append(f"{name}: {link.type} from {_a(a)} ({link.from_id!r}) to {_a(b)} "
                        f"({link.to_id!r}) is the wrong way round: loaded as from the {b} "
                        f"to the {a}")
            link = replace(link, from_id=link.to_id, to_id=link.from_id)
        elif link.type == "EXPLOITS" and side.get(link.from_id) == "victim" \
                and side.get(link.to_id) == "suspect":
            said.append(f"{name}: EXPLOITS from a victim ({link.from_id!r}) to a suspect "
                        f"({link.to_id!r}) is the wrong way round: loaded as from the "
                        "suspect to the victim")
            link = replace(link, from_id=link.to_id, to_id=link.from_id)
        out.append(link)
    return out, said


def _side(entity: EntityIn) -> str | None:
    """"victim" or "suspect" when the report assesses a person as one and not the other."""
    if entity.label != model.PERSON:
        return None
    roles = set(entity.roles)
    if "victim" in roles and "suspect" not in roles:
        return "victim"
    if "suspect" in roles and "victim" not in roles:
        return "suspect"
    return None


def _a(label: str) -> str:
    """``label`` with its article: "a Person", "an Event"."""
    return f"{'an' if label[:1] in set('AEIOU') else 'a'} {label}"
