"""Names of people already in the graph that a narrative contains: suggested, never linked."""

from __future__ import annotations

from graphintel.clean import name_key
from graphintel.ingest.narrative_names import without_middle, written_as

MAX_NAME_TOKENS = 4


class NameIndex:
    """Name keys (two words or more, to avoid common words) to person uids.

    A narrative may write a name surname first ("NARROW, Liam (15)"), as the readers of a
    report's own people allow (:func:`graphintel.ingest.narrative_names.written_forms`):
    so each key is found turned too ("narrow liam" names "liam narrow"; "o neill kyle"
    names "kyle o neill"), and the known person is found by the key they are recorded by.
    A key of three words or more is found without its middle words too ("kyle narrow"
    names "kyle john narrow").
    """

    def __init__(self) -> None:
        self._uids: dict[str, set[str]] = {}
        self._turned: dict[str, set[str]] = {}  # a key surname first -> the keys it is
        self._firsts: set[str] = set()  # the first word of every key, turned or not

    def add(self, key: str | None, uid: str) -> None:
        if key and " " in key:
            # a record with middle names is written in narratives without them too
            # ("Kyle NARROW" for "kyle john narrow"), as a report's own people are read
            short = without_middle(key)
            for known in [key, *([short] if short else [])]:
                self._uids.setdefault(known, set()).add(uid)
                parts = known.split(" ")
                self._firsts.add(parts[0])
                for turn in range(1, len(parts)):
                    self._turned.setdefault(" ".join(parts[turn:] + parts[:turn]),
                                            set()).add(known)
                    self._firsts.add(parts[turn])

    def __len__(self) -> int:
        return len(self._uids)

    def uids(self) -> set[str]:
        """Every person the index names."""
        return {uid for uids in self._uids.values() for uid in uids}

    def copy(self) -> NameIndex:
        """An independent copy (a write transaction works on one, in case it is retried)."""
        out = NameIndex()
        out._uids = {k: set(v) for k, v in self._uids.items()}
        out._turned = {k: set(v) for k, v in self._turned.items()}
        out._firsts = set(self._firsts)
        return out

    def adopt(self, other: NameIndex) -> None:
        """Take ``other``'s contents (the copy a committed transaction worked on)."""
        self._uids, self._turned, self._firsts = other._uids, other._turned, other._firsts

    def replace(self, old: str, new: str) -> None:
        """Name ``new`` wherever ``old`` was named (a person merged into another)."""
        for uids in self._uids.values():
            if old in uids:
                uids.discard(old)
                uids.add(new)

    def find(self, narrative: str | None, exclude: set[str]) -> list[str]:
        """Uids of known people named in ``narrative``, minus ``exclude``, sorted."""
        return sorted(self.named(narrative, exclude))

    def named(self, narrative: str | None, exclude: set[str]) -> dict[str, str]:
        """Known people named in ``narrative``, minus ``exclude``: uid -> the name key the
        narrative gives them by (the first found; their own key when it writes it surname
        first; a two-word key also when written with a middle name the record leaves out,
        "Chloe Anne PRICE": :func:`~graphintel.ingest.narrative_names.written_as`)."""
        if not narrative or not self._uids:
            return {}
        tokens = name_key(narrative).split()
        found: dict[str, str] = {}
        for i, token in enumerate(tokens):
            if token not in self._firsts:  # most words start no known name
                continue
            if i + 2 < len(tokens):  # "Chloe Anne PRICE" for "chloe price", as written
                key = f"{token} {tokens[i + 2]}"
                uids = [uid for uid in sorted(self._uids.get(key) or ())
                        if uid not in exclude and uid not in found]
                if uids and written_as(narrative, key):
                    for uid in uids:
                        found[uid] = key
            for size in range(2, min(MAX_NAME_TOKENS, len(tokens) - i) + 1):
                key = " ".join(tokens[i:i + size])
                for uid in self._uids.get(key) or ():
                    if uid not in exclude:
                        found.setdefault(uid, key)
                for own in sorted(self._turned.get(key) or ()):
                    for uid in self._uids[own]:
                        if uid not in exclude:
                            found.setdefault(uid, own)
        return found
