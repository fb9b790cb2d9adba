"""More of the ways officers write a young person's age in a narrative, read at load as the
age the report states (or, with no number, as a sign of a child): each case is a report
about a suspect of no recorded age whom the narrative shows to be a child."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graphintel.ingest.jsonl import read_jsonl
from graphintel.ingest.records import Unit
from tests.graph_helpers import report

DEAN = {"id": "d", "type": "Person", "name": "Dean FOX", "dob": "1985-01-01", "role": "suspect"}
SIGN = "called_a_child"
#: The sign of a looked-after child: in care, missing from a placement.
LAC = "looked_after_child"

#: (narrative, the suspect's recorded name, the age read (on 2025-05-01), SIGN or LAC)
CASES: list[tuple[str, str, int | str | None]] = [
    # an age with a qualifier
    ("Ella RUSH (IC1 female, 15) seen passing numbers to older males.", "Ella RUSH", 15),
    ("Lola BELL (aged 15 at time of offence) took her to the flat.", "Lola BELL", 15),
    ("Holly WARD (15 at the time) was present.", "Holly WARD", 15),
    ("Amber LANE, who is only 14, was seen.", "Amber LANE", 14),
    ("Ivy COOK (who is 15) was seen.", "Ivy COOK", 15),
    ("Grace HUNT (now 16) was seen.", "Grace HUNT", 16),
    ("Nina COLE (15 yrs 4 mths) was seen.", "Nina COLE", 15),
    ("Isla GREY (15F) was seen.", "Isla GREY", 15),
    ("Jodie SIMS (15 in March) was seen.", "Jodie SIMS", 14),
    # the surname alone, in capitals, as officers refer back
    ("Intelligence suggests Nell PARK is introducing girls. PARK is 15 years old.",
     "Nell PARK", 15),
    ("Kwame MALIK (12) reported missing. Reported by parent bilal malik.", "bilal malik",
     None),
    # a date of birth given in part: the youngest age it gives
    ("Zoe BIRD (born 2010) messaging girls for Dean FOX.", "Zoe BIRD", 14),
    ("Leah ROSS (DOB 03/2011) seen at the flat.", "Leah ROSS", 14),
    ("Rhys DEAN (DOB: 2011) seen at the flat.", "Rhys DEAN", 13),
    ("Kira FORD, whose date of birth is 03/03/2011, was seen.", "Kira FORD", 14),
    # the name written another way than recorded
    ("Chloe PRICE (15) seen with older males.", "Miss Chloe PRICE", 15),
    ("Erin O\u2019BRIEN (15) seen with older males.", "Erin O'BRIEN", 15),
    ("Chloe Anne PRICE (15) seen with older males.", "Chloe PRICE", 15),
    ("Maya DEE aka 'Maz' (15) seen with older males.", "Maya DEE", 15),
    ("Kian MOORE (15ys) was seen.", "Kian MOORE", 15),
    ("Tara GILL (14 y) was seen.", "Tara GILL", 14),
    # a sentence of its own, by a pronoun: the person first named in the sentence before
    ("Rosa VALE was seen with Dean FOX. She is 14.", "Rosa VALE", 14),
    ("Rosa VALE was seen with Dean FOX. He is only 15 years old.", "Rosa VALE", 15),
    ("Dean FOX was seen with Rosa VALE at the park. She is 14.", "Rosa VALE", 14),
    ("Rosa VALE was seen. Later Dean FOX arrived. She is 14.", "Rosa VALE", None),
    ("Rosa VALE was seen with Dean FOX. She's 14.", "Rosa VALE", 14),
    ("Rosa VALE was seen with Dean FOX. She\u2019s only 14.", "Rosa VALE", 14),
    ("Rosa VALE was seen with Dean FOX. She is believed to be 15.", "Rosa VALE", 15),
    ("Rosa VALE was seen with Dean FOX. She is approximately 14 years old.", "Rosa VALE", 14),
    ("Rosa VALE was seen with Dean FOX. She is 14, and attends Hill School.", "Rosa VALE", 14),
    ("Rosa VALE was seen with Dean FOX. She is 14 and in care.", "Rosa VALE", 14),
    ("Rosa VALE was seen with Dean FOX. Her age is 15.", "Rosa VALE", 15),
    ("Kyle NARROW was seen with Dean FOX. He was 15 when Dean first used him.", "Kyle NARROW",
     None),
    ("Kyle NARROW was seen with Dean FOX. He was 15, and in care, when Dean first used him.",
     "Kyle NARROW", None),
    ("Rosa VALE was seen with Dean FOX. She is 14 weeks pregnant.", "Rosa VALE", None),
    ("Rosa VALE was seen with Dean FOX. She is 15 minutes from home.", "Rosa VALE", None),
    # no number: a word that calls them a child
    ("Ruby NASH, a juvenile, was seen with Dean FOX recruiting girls.", "Ruby NASH", SIGN),
    ("Sophie DALE (a minor) was seen.", "Sophie DALE", SIGN),
    ("Tyler WEBB (under 16) was seen.", "Tyler WEBB", SIGN),
    ("Katie MOSS (U16) was seen.", "Katie MOSS", SIGN),
    ("Leon PIKE (juv) was seen.", "Leon PIKE", SIGN),
    ("Schoolgirl Ellie MARSH was seen.", "Ellie MARSH", SIGN),
    ("YP Mia HART was seen.", "Mia HART", SIGN),
    ("Ava ROSE (school age) was seen.", "Ava ROSE", SIGN),
    # not an age, not a child
    ("Dean FOX, a child sex offender, and Ian BOND were seen.", "Ian BOND", None),
    ("Ian BOND, a youth worker, was seen.", "Ian BOND", None),
    ("Ian BOND is a minor dealer.", "Ian BOND", None),
    ("Ian BOND (DOB 1990) was seen.", "Ian BOND", 34),
    ("Ian BOND was seen in the park. Park is 15 minutes away.", "Ian BOND", None),
    ("Ian and Bond (15) were seen.", "Ian BOND", None),
    ("Ian BOND (15 months ago) was seen.", "Ian BOND", None),
    ("Ian BOND (born 9999) was seen.", "Ian BOND", None),  # no year of anyone's birth
    ("Ian BOND, who is 15 years older than her, was seen.", "Ian BOND", None),
    ("Ian BOND, aged 15 when first arrested, was seen.", "Ian BOND", None),
    ("Ian BOND, a teenager at the time, met her.", "Ian BOND", None),
    ("Ian BOND (DOB 12/9999) was seen.", "Ian BOND", None),
    # a word or two more around the age
    ("Jodie JARDINE, a vulnerable 15 year old, was seen with Dean FOX at the park.",
     "Jodie JARDINE", 15),
    ("Maya MERRIWEATHER (a 15 year old girl) was seen.", "Maya MERRIWEATHER", 15),
    ("Kara KILBRIDE (a Year 10 pupil) was seen.", "Kara KILBRIDE", 14),
    ("Ella ROSS, a girl aged 15, was seen.", "Ella ROSS", 15),
    ("Amy HILL, still only 15, was seen.", "Amy HILL", 15),
    ("Amy HILL, just 15, was seen.", "Amy HILL", 15),
    ("Amy HILL is still only 15.", "Amy HILL", 15),
    ("Kira FORD, whose age is 15, was seen.", "Kira FORD", 15),
    ("Dean FOX was seen with Xena YARDLEY. She is a vulnerable 14 year old girl.",
     "Xena YARDLEY", 14),
    ("Dean FOX was seen with Xena YARDLEY. She is 14 years of age (DOB unknown).",
     "Xena YARDLEY", 14),
    ("Fiona FAIRBANK's (15) phone was seized.", "Fiona FAIRBANK", 15),
    # a missing person, a description, an estimate in brackets
    ("Gemma GLADSTONE (MFH, 15) was found at the flat.", "Gemma GLADSTONE", 15),
    ("Gemma GLADSTONE (MISPER, 15) was found at the flat.", "Gemma GLADSTONE", 15),
    ("Fiona FAIRBANK (F15) was seen.", "Fiona FAIRBANK", 15),
    ("Fiona FAIRBANK (W/F 15) was seen.", "Fiona FAIRBANK", 15),
    ("Fiona FAIRBANK (IC1F 15) was seen.", "Fiona FAIRBANK", 15),
    ("Fiona FAIRBANK, F, 15, was seen.", "Fiona FAIRBANK", 15),
    ("Fiona FAIRBANK (15?) was seen.", "Fiona FAIRBANK", 15),
    ("Fiona FAIRBANK (poss 15) was seen.", "Fiona FAIRBANK", 15),
    ("Fiona FAIRBANK (possibly 15) was seen.", "Fiona FAIRBANK", 15),
    # a year or a short date of birth
    ("Fiona FAIRBANK (YOB 2010) was seen.", "Fiona FAIRBANK", 14),
    ("Fiona FAIRBANK (12/03/10) was seen.", "Fiona FAIRBANK", 15),
    # a number word after a pronoun; the first name alone when no one else has it
    ("Dean FOX was seen with Xena YARDLEY. She is fifteen.", "Xena YARDLEY", 15),
    ("Willa FENN was seen with Dean FOX. Willa is 15.", "Willa FENN", 15),
    # no number: a word that calls them a child, or says they are in care
    ("Cara BLYTH (CYP) was seen.", "Cara BLYTH", SIGN),
    ("Tom REED, a teenager, was seen with Dean FOX.", "Tom REED", SIGN),
    ("Tom REED (CP plan) was seen.", "Tom REED", SIGN),
    ("Tom REED, subject to a child protection plan, was seen.", "Tom REED", SIGN),
    ("Tom REED, MFH from Oak House, was seen.", "Tom REED", LAC),
    ("Tom REED, missing from care, was seen.", "Tom REED", LAC),
    ("Tom REED missing from Beechcroft House at 18:20.", "Tom REED", LAC),
    ("Ian BOND, MFH from Leeds, was seen.", "Ian BOND", None),
    ("Tom REED, who lives in a children's home, was seen.", "Tom REED", LAC),
    ("Tom REED, a child looked after, was seen.", "Tom REED", LAC),
    ("Tom REED, subject to an interim care order, was seen.", "Tom REED", LAC),
    ("Tom REED (care order) was seen.", "Tom REED", LAC),
    ("Fiona FAIRBANK (14 YOA) was seen.", "Fiona FAIRBANK", 14),
    ("Fiona FAIRBANK (14 years and 3 months) was seen.", "Fiona FAIRBANK", 14),
    # not an age, not a child
    ("Ian BOND (45) was seen.", "Ian BOND", 45),
    ("Ian BOND bought a 15 year old car.", "Ian BOND", None),
    ("Ian BOND, a vulnerable 15 year old's uncle, was seen.", "Ian BOND", None),
    ("Ian BOND, a man 15 years older than Amy, was seen.", "Ian BOND", None),
    ("Ian BOND (aged 15 minutes) was seen.", "Ian BOND", None),
    ("Ian BOND was seen 15 years ago.", "Ian BOND", None),
    ("Ian BOND, 15 years ago, was seen.", "Ian BOND", None),
    ("Ian BOND, 15 years a dealer, was seen.", "Ian BOND", None),
    ("Ian BOND, just 15 minutes later, was seen.", "Ian BOND", None),
    ("Ian BOND's 15 year old daughter was seen.", "Ian BOND", None),
    ("Ian BOND (12/03/24) was seen.", "Ian BOND", None),
    ("Ian BOND (31/02/10) was seen.", "Ian BOND", None),
    ("Ian BOND, M, 15 Elm Road, was seen.", "Ian BOND", None),
    ("Ian BOND was seen. He is fifteen minutes away.", "Ian BOND", None),
    ("Ian BOND was seen. He is a 15 year veteran.", "Ian BOND", None),
    ("Ian BOND was seen. He is 15 years older than her.", "Ian BOND", None),
    ("Ian BOND, a former looked after child, was seen.", "Ian BOND", None),
    ("Ian BOND, who works in a children's home, was seen.", "Ian BOND", None),
    ("Ian BOND, whose daughter is subject to a child protection plan, was seen.", "Ian BOND",
     None),
    ("Ian BOND, who was a teenager when he met Dean FOX, was seen.", "Ian BOND", None),
    ("Ian BOND, a youth worker from Oak House, was seen.", "Ian BOND", None),
    ("Ian BOND was on a care order as a child.", "Ian BOND", None),
    ("Ian BOND breached a care order.", "Ian BOND", None),
    ("Ian BOND was seen with Ian COLE. Ian is 15.", "Ian BOND", None),
]


def _read(tmp_path: Path, narrative: str, name: str) -> dict[str, Any]:
    kid = {"id": "k", "type": "Person", "name": name, "role": "suspect"}
    src = tmp_path / "r.jsonl"
    src.write_text(json.dumps(report("IR/N/1", [DEAN, kid],
                                     [{"from": "k", "to": "d", "type": "ASSOCIATE_OF"}],
                                     narrative=narrative, date="2025-05-01")) + "\n",
                   encoding="utf-8")
    units = [u for u in read_jsonl(src) if isinstance(u, Unit)]
    assert len(units) == 1
    ent = next(e for e in units[0].entities if e.local_id == "k")
    return {"age": ent.props.get("age"), "flags": ent.flags}


@pytest.mark.parametrize(("narrative", "name", "expected"), CASES)
def test_the_narrative_shows_a_child(tmp_path: Path, narrative: str, name: str,
                                     expected: int | str | None) -> None:
    got = _read(tmp_path, narrative, name)
    if expected in (SIGN, LAC):
        assert got["age"] is None and expected in got["flags"], got
    else:
        assert got["age"] == expected and not {SIGN, LAC} & set(got["flags"]), got


def test_the_surname_alone_is_read_only_when_no_one_else_in_the_report_has_it(
        tmp_path: Path) -> None:
    """"FOX is 15" in a report naming Dean FOX and Kai FOX says nothing of which FOX."""
    kid = {"id": "k", "type": "Person", "name": "Kai FOX", "role": "suspect"}
    src = tmp_path / "r.jsonl"
    src.write_text(json.dumps(report("IR/N/2", [DEAN, kid], narrative="FOX is 15 years old.",
                                     date="2025-05-01")) + "\n", encoding="utf-8")
    unit = next(u for u in read_jsonl(src) if isinstance(u, Unit))
    assert [e.props.get("age") for e in unit.entities if e.label == "Person"] == [None, None]


def test_the_first_name_alone_is_read_only_when_no_one_else_in_the_report_has_it(
        tmp_path: Path) -> None:
    """"Willa is 15" in a report naming Willa FENN and Willa COLE says nothing of which."""
    people = [DEAN, {"id": "k", "type": "Person", "name": "Willa FENN", "role": "suspect"},
              {"id": "w", "type": "Person", "name": "Willa COLE", "role": "suspect"}]
    src = tmp_path / "r.jsonl"
    src.write_text(json.dumps(report("IR/N/5", people, narrative="Willa FENN and Willa COLE "
                                     "were seen with Dean FOX. Willa is 15.",
                                     date="2025-05-01")) + "\n", encoding="utf-8")
    unit = next(u for u in read_jsonl(src) if isinstance(u, Unit))
    assert [e.props.get("age") for e in unit.entities if e.label == "Person"] == [
        None, None, None]


def test_a_gender_field_that_says_juvenile_is_a_sign_of_a_child(tmp_path: Path) -> None:
    src = tmp_path / "r.jsonl"
    people = [DEAN, {"id": "k", "type": "Person", "name": "Finn GRAY", "role": "suspect",
                     "gender": "juvenile male"},
              {"id": "m", "type": "Person", "name": "Ian BOND", "role": "suspect",
               "gender": "male"}]
    src.write_text(json.dumps(report("IR/N/3", people, date="2025-05-01")) + "\n",
                   encoding="utf-8")
    unit = next(u for u in read_jsonl(src) if isinstance(u, Unit))
    assert [SIGN in e.flags for e in unit.entities if e.label == "Person"] == [False, True, False]


def test_an_age_beside_a_name_two_people_share_is_the_one_whose_dob_gives_it(
        tmp_path: Path) -> None:
    """A girl and her mother of one name in a missing report: "Sophie BARKER (13)" is the
    girl's age (her record says 14: the younger counts), not the mother's (born 1970), who
    stays an adult."""
    girl = {"id": "g", "type": "Person", "name": "Sophie BARKER", "dob": "2010-06-01",
            "role": "victim"}
    mother = {"id": "m", "type": "Person", "name": "Sophie Barker", "dob": "1970-11-12",
              "role": "suspect"}
    src = tmp_path / "r.jsonl"
    src.write_text(json.dumps(report(
        "IR/N/4", [girl, mother], narrative="Sophie BARKER (13) reported missing. Reported "
        "by parent Sophie Barker.", date="2025-05-01")) + "\n", encoding="utf-8")
    unit = next(u for u in read_jsonl(src) if isinstance(u, Unit))
    ages = {e.local_id: (e.props.get("age"), e.flags) for e in unit.entities}
    assert ages["m"] == (None, [])
    assert ages["g"][0] == 13


@pytest.mark.parametrize(("narrative", "victim"), [
    ("Kira BELL (CSE victim) was seen recruiting girls for Dean FOX.", True),
    ("Kira BELL, herself a victim of CSE, brings girls to Dean FOX.", True),
    ("Kira BELL, a victim of exploitation, was seen.", True),
    ("Kira BELL (CSE victim's sister) was seen.", False),
    ("Kira BELL, a victim support worker, was seen.", False),
    ("Suspect: Kira BELL, Victim: Amy HILL.", False),
    ("Kira BELL (victim) was seen.", False),
    ("Kira BELL, a victim of assault, was seen.", False),
    # criminal exploitation, trafficking, modern slavery, a referral to the NRM
    ("Kira BELL is a victim of CCE and is made to run drugs.", True),
    ("Kira BELL (victim of county lines exploitation) seen handing packages.", True),
    ("Kira BELL, a victim of criminal exploitation, was seen.", True),
    ("Kira BELL is a CCE victim.", True),
    ("Kira BELL (CSE/CCE victim) was seen.", True),
    ("Kira BELL, a victim of modern slavery, was seen.", True),
    ("Kira BELL was a victim of human trafficking.", True),
    ("Kira BELL is believed to be a victim of trafficking by Dean FOX.", True),
    ("Kira BELL (NRM referral made) was seen.", True),
    ("Kira BELL (NRM referred) was seen.", True),
    ("Kira BELL, who has been referred to the NRM, was seen.", True),
    ("Kira BELL (positive reasonable grounds decision) was seen.", True),
    ("Kira BELL, subject of an NRM referral, was seen.", True),
    ("Kira BELL (NRM referral declined) was seen.", False),
    ("Kira BELL (NRM referral not made) was seen.", False),
    ("Kira BELL (negative reasonable grounds) was seen.", False),
    ("Kira BELL made an NRM referral for Amy HILL.", False),
    ("Kira BELL is not a victim of CCE.", False),
    ("Kira BELL was grooming victim at the park.", False),
    ("Kira BELL is trafficking victims.", False),
    ("Kira BELL is the CCE victim's brother.", False),
    ("Kira BELL is a victim of assault and CSE.", False),
])
def test_the_narrative_calling_someone_a_victim_makes_them_one_in_the_report(
        tmp_path: Path, narrative: str, victim: bool) -> None:
    kid = {"id": "k", "type": "Person", "name": "Kira BELL", "role": "suspect"}
    src = tmp_path / "r.jsonl"
    src.write_text(json.dumps(report("IR/N/9", [DEAN, kid],
                                     [{"from": "k", "to": "d", "type": "ASSOCIATE_OF"}],
                                     narrative=narrative, date="2025-05-01")) + "\n",
                   encoding="utf-8")
    unit = next(u for u in read_jsonl(src) if isinstance(u, Unit))
    ent = next(e for e in unit.entities if e.local_id == "k")
    assert ("victim" in ent.roles) is victim and "suspect" in ent.roles
    assert ("victim_from_narrative" in ent.flags) is victim
    dean = next(e for e in unit.entities if e.local_id == "d")
    assert "victim" not in dean.roles


def test_a_list_number_beside_an_adults_name_is_no_age(tmp_path: Path) -> None:
    """"Lee DUNN (1) and Mark TOLL (2)": Lee's date of birth makes him 35; a number under 10
    beside his name is a list's, not a slipped year of birth."""
    lee = {"id": "k", "type": "Person", "name": "Lee DUNN", "dob": "1990-01-01",
           "role": "suspect"}
    src = tmp_path / "r.jsonl"
    src.write_text(json.dumps(report("IR/N/10", [DEAN, lee], narrative=(
        "Lee DUNN (1) and Dean FOX (2) were seen."), date="2025-05-01")) + "\n",
        encoding="utf-8")
    unit = next(u for u in read_jsonl(src) if isinstance(u, Unit))
    assert [e.props.get("age") for e in unit.entities if e.label == "Person"] == [None, None]
