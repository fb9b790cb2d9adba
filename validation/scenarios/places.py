"""Fictional towns and addresses.

Postcodes use areas beginning with ``Z`` and a second letter other than ``E`` (ZE is
Shetland), so they have the shape of a UK postcode but no real area. No coordinates are
written: any lat/lon would land on a real place.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

# name, postcode area, landline stem (Ofcom drama ranges: 0xxx 496 0000-0999 etc.)
TOWNS = (
    ("Dunmarsh", "ZD", "0113 496 0"),
    ("Kestonbridge", "ZK", "0117 496 0"),
    ("Alderwick", "ZA", "0118 496 0"),
    ("Hollinsby", "ZH", "0114 496 0"),
    ("Thrapley", "ZT", "0115 496 0"),
    ("Saltmoor", "ZS", "0116 496 0"),
)
CITY = ("Castlebury", "ZC", "020 7946 0")  # county-lines origin city

STREETS = (
    "Larkspur Road", "Quarry Lane", "Mill Street", "Canal Street", "Orchard Way",
    "Tanner's Row", "Ropewalk", "Station Road", "Beacon Avenue", "Foundry Close",
    "Weavers Court", "Chapel Fold", "Heather Bank", "Kiln Lane", "Bridge End",
    "Sawmill Terrace", "Hawthorn Drive", "Marsh Lane", "Gasworks Road", "Pinfold Street",
)
VENUES = (
    "Golden Grill", "Pizza Palace", "Chicken Shack", "Best Kebab", "Night Bites",
    "Spice Corner", "Late Plates", "Star Fried Chicken",
)
HOTSPOTS = (
    "bus station", "retail park car park", "Memorial Park", "skate park", "railway station",
    "shopping centre", "leisure centre car park", "canal towpath",
)
HOMES = ("Beechcroft House", "Ashlea Lodge", "Rowan View", "The Willows", "Elm Court")
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass(frozen=True)
class Location:
    address: str
    postcode: str
    kind: str
    description: str | None = None
    landline: str | None = None

    @property
    def key(self) -> str:
        return f"{self.postcode}|{self.address}"

    @property
    def label(self) -> str:
        """How a narrative names the place (no postcode: that would be mined as text)."""
        return self.address


class Town:
    """A fictional town; every address and postcode it hands out is unique."""

    def __init__(self, rng: random.Random, name: str, area: str, landline: str,
                 used_postcodes: set[str]) -> None:
        self.rng, self.name, self.area, self._landline = rng, name, area, landline
        self._used = used_postcodes
        self._addresses: set[str] = set()
        self._lines: list[int] = list(range(1000))
        rng.shuffle(self._lines)
        self.childrens_home: Location | None = None
        self.spots: list[Location] = []

    def postcode(self) -> str:
        rng = self.rng
        while True:
            pc = (f"{self.area}{rng.randrange(1, 20)} {rng.randrange(1, 10)}"
                  f"{rng.choice(_INWARD_LETTERS)}{rng.choice(_INWARD_LETTERS)}")
            if pc not in self._used:
                self._used.add(pc)
                return pc

    def landline(self) -> str:
        return f"{self._landline}{self._lines.pop():03d}"

    def _street(self) -> str:
        return f"{self.rng.randrange(1, 180)} {self.rng.choice(STREETS)}"

    def _unique(self, make: Callable[[], str]) -> str:
        address = make()
        while address in self._addresses:
            address = make()
        self._addresses.add(address)
        return address

    def home(self) -> Location:
        return Location(self._unique(lambda: f"{self._street()}, {self.name}"),
                        self.postcode(), "home_address")

    def flat(self, description: str | None = None) -> Location:
        rng = self.rng
        address = self._unique(
            lambda: f"Flat {rng.randrange(1, 24)}, {self._street()}, {self.name}")
        return Location(address, self.postcode(), "address", description)

    def venue(self) -> Location:
        name = self.rng.choice(VENUES)
        return Location(self._unique(lambda: f"{name}, {self._street()}, {self.name}"),
                        self.postcode(), "venue", "takeaway", self.landline())

    def hotspot(self) -> Location:
        """A public place; towns reuse a few, so networks and noise share them."""
        if len(self.spots) >= 3 and self.rng.random() < 0.7:
            return self.rng.choice(self.spots)
        spot = self.rng.choice(HOTSPOTS)
        place = spot[0].upper() + spot[1:]
        loc = Location(
            self._unique(lambda: f"{place}, {self.rng.choice(STREETS)}, {self.name}"),
            self.postcode(), "hotspot")
        self.spots.append(loc)
        return loc

    def trap_house(self) -> Location:
        return Location(self._unique(lambda: f"{self._street()}, {self.name}"),
                        self.postcode(), "address", "trap house")

    def home_for_children(self) -> Location:
        if self.childrens_home is None:
            name = self.rng.choice(HOMES)
            self.childrens_home = Location(
                self._unique(lambda: f"{name}, {self._street()}, {self.name}"), self.postcode(),
                "home_address", "children's home", self.landline())
        return self.childrens_home


def make_towns(rng: random.Random) -> tuple[list[Town], Town]:
    used: set[str] = set()
    towns = [Town(rng, name, area, line, used) for name, area, line in TOWNS]
    return towns, Town(rng, *CITY, used)
