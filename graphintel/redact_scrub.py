"""The last line of the partner allow-list: a scrub of every string an output will hold.

:class:`~graphintel.redact.Redactor` registers here every identifying value of every child
or victim it meets (names and aliases, dates of birth, stated ages, nominal references, phone
numbers, home addresses and postcodes, online handles), each with what replaces it (the child's
pseudonym, or a "withheld" phrase). :meth:`Scrubber.scrub` then finds those values in any
text, in any of the forms :mod:`graphintel.redact_forms` describes (case, accents,
apostrophes, hyphens, spacing, street abbreviations; a name without its middle names,
surname first, with initials or joined up; any common phone, postcode or date format), and
replaces them, so a title, caption, tooltip, file name, attribute or metadata field built
from something that escaped the structured rules still names no child.

Matching is by candidates, not one huge pattern and never a loop over every registered
value: dates, phone numbers and postcodes are found by shape and looked up normalised; the
text is cut into words (:func:`~graphintel.redact_forms.tokens`) and at each word only the
values starting with that word and the next (an index), that word alone, or that word as a
joined value or the start of a reference are tried. Results are memoised until a new value
is registered (an output repeats many strings: places, reasons, counts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphintel.redact_forms import (
    DATE,
    GAP,
    MONTH,
    NAME,
    NAME_WITHHELD,
    PHONE,
    POSSESSIVE,
    POSTCODE,
    WEAK,
    WORD_DATE,
    Token,
    dates_of,
    joined,
    keys,
    may_hold,
    name_forms,
    phone_key,
    postcode_key,
    tokens,
)

#: ``age 12``, ``aged 12`` (not an age band such as ``age 10-12``), ``12 years old``,
#: ``12-year-old``, ``12 yrs old``.
_AGE = re.compile(r"(?<![a-z0-9])(?:aged?:?\s*(\d{1,3})(?!\d|\s*[-\u2013]\s*\d)"
                  r"|(\d{1,3})[\s-]*(?:(?:years?|yrs?)[\s-]*old|yo|y/o))(?![a-z0-9])", re.I)
MIN_WORDS_LENGTH = 3
_DIGIT = re.compile(r"\d")
#: How sure a registered form is: a stronger one replaces a weaker one of the same words
#: (a child recorded as ``J SMITH`` is named by pseudonym, not "name withheld").
_RANK = {WEAK: 0, NAME: 1, POSSESSIVE: 1}

#: A found value: (end of its last word in the text, index of its last word, replacement,
#: rank); the longest found at a word wins.
_Found = tuple[int, int, str, int]


@dataclass
class Scrubber:
    """Values to replace (registered) and adults' own names (kept as their labels)."""

    #: word keys -> (replacement, rank)
    _values: dict[tuple[str, ...], tuple[str, int]] = field(default_factory=dict)
    #: a value's words written together (``jadesmith``) -> (replacement, rank)
    _joined: dict[str, tuple[str, int]] = field(default_factory=dict)
    #: a reference without punctuation (``n2000002``) -> replacement, and its prefixes
    _refs: dict[str, str] = field(default_factory=dict)
    _ref_prefixes: set[str] = field(default_factory=set)
    _keep: set[tuple[str, ...]] = field(default_factory=set)
    #: every form of an adult's name: a child's name written so is withheld as
    #: :data:`NAME_WITHHELD`, not her pseudonym (a father and son of one name: a text
    #: naming them may be about the father, and must not pin the child's pseudonym on him)
    _shared: set[tuple[str, ...]] = field(default_factory=set)
    _phones: dict[str, str] = field(default_factory=dict)
    _postcodes: dict[str, str] = field(default_factory=dict)
    _dates: dict[str, str] = field(default_factory=dict)      # ISO date -> replacement
    _ages: dict[int, str] = field(default_factory=dict)       # years -> replacement
    #: first two word keys -> how many words the values starting so have, most first
    _index: dict[tuple[str, str], tuple[int, ...]] | None = None
    #: every word a registered value may start with (a word not in it starts none)
    _starts: set[str] = field(default_factory=set)
    #: text -> scrubbed text, since the last value was registered
    _memo: dict[str, str] = field(default_factory=dict)

    def _changed(self) -> None:
        self._index = None
        self._memo.clear()

    def add_words(self, value: str | None, replacement: str, kind: str = NAME) -> None:
        """A name, alias, address or handle, matched as whole words (:func:`keys`), and
        written together when long enough (``jadesmith``, ``5elmroad``)."""
        parts = keys(value)
        if len("".join(parts)) < MIN_WORDS_LENGTH:
            return
        if parts in self._shared and kind == NAME:
            replacement = NAME_WITHHELD  # an adult's name too: never the child's pseudonym
        rank = _RANK[kind]
        if self._values.get(parts, ("", -1))[1] < rank:
            self._values[parts] = (replacement, rank)
            self._changed()
        together = joined(parts) if kind != WEAK else None
        if together and self._joined.get(together, ("", -1))[1] < rank:
            self._joined[together] = (replacement, rank)
            self._changed()

    def add_name(self, name: str | None, code: str) -> None:
        """A child's name or alias in every form of :func:`~graphintel.redact_forms.
        name_forms`: replaced by ``code`` (``code's`` for the possessive), a weak form by
        :data:`~graphintel.redact_forms.NAME_WITHHELD`."""
        for form, kind in name_forms(name):
            # a first name alone in the possessive fits every adult of that first name:
            # withheld, never given the child's pseudonym ("Kyle's Barbers" is no child's)
            shown = {NAME: code, POSSESSIVE: NAME_WITHHELD + "'s", WEAK: NAME_WITHHELD}[kind]
            self.add_words(form, shown, kind)

    def add_reference(self, value: str | None, replacement: str) -> None:
        """A reference (a nominal reference): found whatever punctuation or spacing is
        put in it (``N/2000002``, ``n 2000 002``)."""
        compact = "".join(keys(value))
        if len(compact) >= MIN_WORDS_LENGTH and compact not in self._refs:
            self._refs[compact] = replacement
            self._ref_prefixes.update(compact[:i] for i in range(1, len(compact) + 1))
            self._changed()

    def keep(self, value: str | None) -> None:
        """An adult's own name. When it is exactly a registered form of a child's name (the
        adult is the child's namesake), that name is withheld wherever it is written, the
        adult's own label too ("(name withheld)"), never replaced by the child's pseudonym
        (which would show the child as the adult: a target, a suspect); a partner output
        never holds a child's name, whoever else has it."""
        parts = keys(value)
        if parts and parts not in self._keep:
            self._keep.add(parts)
            for form, kind in name_forms(value):
                shared = keys(form)
                if kind == NAME and shared and shared not in self._shared:
                    self._shared.add(shared)
                    found = self._values.get(shared)
                    if found is not None and found[1] == _RANK[NAME]:
                        self._values[shared] = (NAME_WITHHELD, found[1])
                    together = joined(shared)
                    if together and together in self._joined \
                            and self._joined[together][1] == _RANK[NAME]:
                        self._joined[together] = (NAME_WITHHELD, self._joined[together][1])
            self._changed()

    def add_phone(self, value: str | None, replacement: str) -> None:
        key = phone_key(str(value or ""))
        if key and self._phones.get(key) != replacement:
            self._phones[key] = replacement
            self._memo.clear()

    def add_postcode(self, value: str | None, replacement: str) -> None:
        if value and POSTCODE.fullmatch(str(value).strip()):
            key = postcode_key(str(value))
            if self._postcodes.get(key) != replacement:
                self._postcodes[key] = replacement
                self._memo.clear()

    def add_date(self, value: str | None, replacement: str) -> None:
        if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)[:10]) \
                and self._dates.get(str(value)[:10]) != replacement:
            self._dates[str(value)[:10]] = replacement
            self._memo.clear()

    def add_age(self, years: int, replacement: str) -> None:
        """An age in words (a child's stated age): ``age 12``, ``aged 12``, ``12 years old``.

        >>> sc = Scrubber()
        >>> sc.add_age(12, "age withheld")
        >>> sc.scrub("a child (age 12); aged 12; a 12-year-old; age 10-12; age 13; 12 people")
        'a child (age withheld); age withheld; a age withheld; age 10-12; age 13; 12 people'
        """
        if self._ages.get(int(years)) != replacement:
            self._ages[int(years)] = replacement
            self._memo.clear()

    def __bool__(self) -> bool:
        return bool(self._values or self._refs or self._phones or self._postcodes
                    or self._dates or self._ages)

    # -- finding ------------------------------------------------------------------------

    def _age(self, m: re.Match[str]) -> str:
        return self._ages.get(int(m.group(1) or m.group(2)), m.group(0))

    def _date(self, m: re.Match[str]) -> str:
        found = next((self._dates[d] for d in dates_of(m) if d in self._dates), None)
        return m.group(0) if found is None else found

    def _phone(self, m: re.Match[str]) -> str:
        """The longest run of space-separated parts of the match that is a known number
        (a number may run into other digits: ``+447700900123 2025``)."""
        parts = re.split(r"(\s+)", m.group(0))
        words = list(range(0, len(parts), 2))
        for size in range(len(words), 0, -1):
            for first in range(len(words) - size + 1):
                a, b = words[first], words[first + size - 1]
                found = self._phones.get(phone_key("".join(parts[a:b + 1])) or "")
                if found:
                    return "".join(parts[:a]) + found + "".join(parts[b + 1:])
        return m.group(0)

    def _candidates(self) -> dict[tuple[str, str], tuple[int, ...]]:
        """The index (built again after a value is registered), and :attr:`_starts`."""
        if self._index is None:
            lengths: dict[tuple[str, str], set[int]] = {}
            for parts in self._values:
                if len(parts) > 1:
                    lengths.setdefault((parts[0], parts[1]), set()).add(len(parts))
            self._index = {pair: tuple(sorted(n, reverse=True)) for pair, n in lengths.items()}
            self._starts = {parts[0] for parts in self._values} | set(self._joined) \
                | self._ref_prefixes
        return self._index

    def _sequence(self, toks: list[Token], joins: list[bool], i: int,
                  size: int) -> _Found | None:
        """The registered value of ``size`` words from ``toks[i]`` on, if any: a dict
        lookup of their keys. The last word may be followed by ``'s`` (``SMITH's``), which
        is left in the text."""
        last = i + size - 1
        if last >= len(toks) or not all(joins[i:last]):
            return None
        head = tuple(t.key for t in toks[i:last])
        end = toks[last]
        value = self._values.get((*head, end.key))
        if value:
            return end.end, last, *value
        value = self._values.get((*head, end.base)) if end.base else None
        return (end.base_end, last, *value) if value else None

    def _found_at(self, toks: list[Token], joins: list[bool], i: int) -> _Found | None:
        """The longest registered value starting at word ``i`` (the stronger on a tie):
        values of several words through the index of their first two, one word or a
        joined value by a lookup, references by their prefixes."""
        tok, found = toks[i], []
        if i + 1 < len(toks) and joins[i]:
            index, nxt = self._candidates(), toks[i + 1]
            sizes = set(index.get((tok.key, nxt.key), ()))
            if nxt.base:
                sizes.update(index.get((tok.key, nxt.base), ()))
            for size in sorted(sizes, reverse=True):
                if hit := self._sequence(toks, joins, i, size):
                    found.append(hit)
                    break  # the longest
        for key, end in ((tok.key, tok.end), (tok.base, tok.base_end)):
            value = (self._values.get((key,)) or self._joined.get(key)) if key else None
            if value:
                found.append((end, i, *value))
        if tok.key in self._ref_prefixes:
            found += self._reference(toks, joins, i)
        return max(found, key=lambda f: (f[0], f[3])) if found else None

    def _reference(self, toks: list[Token], joins: list[bool], i: int) -> list[_Found]:
        """References starting at word ``i``, whatever separates their parts."""
        found: list[_Found] = []
        compact, j = toks[i].key, i
        while compact in self._ref_prefixes:
            if compact in self._refs:
                found.append((toks[j].end, j, self._refs[compact], _RANK[NAME]))
            if j + 1 >= len(toks) or not joins[j]:
                break
            j += 1
            compact += toks[j].key
        return found

    def _words(self, text: str) -> str:
        self._candidates()
        starts = self._starts
        if not may_hold(text, starts):
            return text
        toks = tokens(text)
        # may word k and word k + 1 be words of one value (only separators between)?
        joins = [GAP.fullmatch(text, a.end, b.start) is not None
                 for a, b in zip(toks, toks[1:], strict=False)]
        out: list[str] = []
        pos, i = 0, 0
        while i < len(toks):
            tok = toks[i]
            found = self._found_at(toks, joins, i) \
                if tok.key in starts or tok.base in starts else None
            if found is None:
                i += 1
                continue
            end, last, replacement, _ = found
            out += [text[pos:toks[i].start], replacement]
            pos, i = end, last + 1
        return "".join(out) + text[pos:] if out else text

    def scrub(self, text: str) -> str:
        """``text`` with every registered value replaced."""
        if not text or not self:
            return text
        done = self._memo.get(text)
        if done is None:
            done = self._memo[text] = self._scrub(text)
        return done

    def _scrub(self, text: str) -> str:
        if not _DIGIT.search(text):
            return self._words(text)  # no date, phone, postcode or age to find
        if self._dates:
            text = DATE.sub(self._date, text)
            if MONTH.search(text):
                text = WORD_DATE.sub(self._date, text)
        if self._phones:
            text = PHONE.sub(self._phone, text)
        if self._postcodes:
            text = POSTCODE.sub(lambda m: self._postcodes.get(postcode_key(m.group(0)),
                                                              m.group(0)), text)
        if self._ages:
            text = _AGE.sub(self._age, text)
        return self._words(text)

