"""Cleaners: one small pure function per value type, turning raw input into keys.

Every cleaner takes whatever a source gave (text, a number, a spreadsheet cell) and returns
a :class:`Cleaned` (or, for gradings, a :class:`GradingResult`): the normalised value, the
raw input, data-quality flags and, when the value cannot be trusted, the reason. Cleaners
never raise on bad input and never do I/O, so loaders decide what to load and what to
quarantine, and the same input always gives the same key.

>>> clean_phone("07700 900123").value, clean_vrm("ab12 cde").value
('+447700900123', 'AB12CDE')
>>> clean_postcode("ba11aa").value, name_key("Jordan-Smith")
('BA1 1AA', 'jordan smith')
"""

from graphintel.clean.address import AddressParts, address_key, address_parts
from graphintel.clean.dates import clean_date, date_part
from graphintel.clean.grading import Grading, GradingResult, parse_grading
from graphintel.clean.names import clean_name, name_key, name_rank
from graphintel.clean.nominal import clean_nominal_ref
from graphintel.clean.phone import clean_phone, find_phones
from graphintel.clean.postcode import clean_postcode, find_postcodes
from graphintel.clean.result import Cleaned
from graphintel.clean.text import TEXT_FLAG, clean_text, safe_text, too_long
from graphintel.clean.vrm import clean_vrm, find_vrms

__all__ = [
    "AddressParts",
    "Cleaned",
    "Grading",
    "GradingResult",
    "TEXT_FLAG",
    "address_key",
    "address_parts",
    "clean_date",
    "clean_name",
    "clean_nominal_ref",
    "clean_phone",
    "clean_postcode",
    "clean_text",
    "clean_vrm",
    "date_part",
    "find_phones",
    "find_postcodes",
    "find_vrms",
    "name_key",
    "name_rank",
    "parse_grading",
    "safe_text",
    "too_long",
]
