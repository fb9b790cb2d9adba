"""The warning line of an identifier kept as written though it failed its check.

A phone number that cannot be one (``999``, a letter among its digits) or whose country is
unknown (``(711) 302-8090`` read in GB), a VRM or a postcode of no GB format: each is still
loaded, keyed as written with its data-quality flag, since it may be the only handle on
the thing, but it joins only the same text written the same way, so the load says so in a
warning line naming the file, line, field and why, rather than quarantining a row whose
other facts are good.
"""

from __future__ import annotations

from graphintel.clean.result import Cleaned
from graphintel.ingest.records import Fault

#: Why a number kept with this flag joins no other, for its warning line.
_REGION_UNKNOWN = ("no country code, and not written the way numbers of region {region} are "
                   "(write it with its country code, e.g. +1 711 302 8090)")


def doubt(cleaned: Cleaned, field_name: str, region: str = "GB") -> list[Fault]:
    """The warning an identifier kept as written gives (none when it passed its check):
    what was given, what is kept, its flag and why; it joins only the same text.

    >>> from graphintel.clean import clean_phone, clean_vrm
    >>> doubt(clean_vrm("WP-ZZ 123"), "vrm")[0].reason
    "'WP-ZZ 123' kept as 'WPZZ123', flagged unrecognised_vrm: not a recognised GB \
registration format"
    >>> doubt(clean_phone("07700 900123"), "number")
    []
    """
    if cleaned.value is None:
        return []
    if cleaned.error is not None:
        flag, why = (cleaned.flags[0] if cleaned.flags else "invalid"), cleaned.error
    elif "region_unknown" in cleaned.flags:
        flag, why = "region_unknown", _REGION_UNKNOWN.format(region=region)
    else:
        return []
    return [Fault(field_name, f"{cleaned.raw.strip()!r} kept as {cleaned.value!r}, "
                              f"flagged {flag}: {why}")]
