"""Join the records a clashing nominal reference kept apart once they no longer clash.

A mention whose nominal reference belongs to someone with no date of birth within two
years of its own, or no name in common, is loaded as a person of its own, the nominal kept
as a flagged conflict (``cypher/ingest/resolve_persons.cypher``): a child named with an
adult suspect's nominal is not merged into him. Whether a mention clashes depends on what
the nominal's person holds when it is loaded, so a chain of dates of birth (2009, 2008,
2007 under one nominal) made one person in one order of the reports and two in another.
After every load the pairs that no longer clash are joined, as one load in the joining
order would have joined them, so the same reports give the same people whatever order
they arrive in. A pair an analyst recorded as different is never joined.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphintel import derived

if TYPE_CHECKING:
    from graphintel.store import Store, Tx

__all__ = ["join", "join_nominal_clashes"]

#: Rounds of joining: each round's joins can bridge others (a chain), so the search is run
#: again until a round finds nothing; a chain longer than this is left to the next load.
MAX_ROUNDS = 20


def join(tx: Tx, a_uid: str, b_uid: str) -> None:
    """Merge the record ``a_uid`` into the person ``b_uid`` as a load that found them one
    person would have made them (``cypher/ingest/settle_joined_person.cypher``): A's keys
    are B's, the youngest date of birth is B's dob, B's own nominal is no conflict, and
    the better-written name of the two is shown."""
    from graphintel.resolve.merge import apply_merge  # rare: not loaded up front

    joined = apply_merge(tx, a_uid, b_uid)[0]["props"]
    linked = tx.run("settle_joined_person", uid=b_uid,
                    keys=list(joined.get("keys") or []),
                    joined={k: joined.get(k) for k in ("name", "name_key", "name_rank")}
                    )[0]["linked"]
    derived.refresh(tx, derived.Touched.everything([b_uid, *linked]))


def _join_round(tx: Tx) -> list[str]:
    done: list[str] = []
    gone: set[str] = set()
    for row in tx.run("nominal_clash_joins"):
        a, b, nominal = row["from_uid"], row["into_uid"], row["nominal_ref"]
        if a in gone or b in gone:
            continue  # one of them was joined this round: the next round looks again
        join(tx, a, b)
        gone.add(a)
        done.append(f"{a} joined {b}: nominal reference {nominal}, kept apart when it was "
                    "loaded, no longer clashes (a date of birth within two years of one of "
                    "its person's and a name in common); every date of birth kept, the "
                    "youngest as dob; if they are two people, record it with 'graphintel "
                    "resolve reject' and correct the reference in the source")
    return done


def join_nominal_clashes(store: Store) -> list[str]:
    """Join every record loaded apart under a nominal reference that no longer clashes
    with its person; one line per join (which record, into which, why and what to do).

    Each round is one transaction; rounds repeat until one joins nobody (at most
    :data:`MAX_ROUNDS`).
    """
    lines: list[str] = []
    for _ in range(MAX_ROUNDS):
        done, _counts = store.write_tx(_join_round)
        if not done:
            break
        lines.extend(done)
    return lines
