"""The shipped tactics file matched to targets by the roles the analysis gives them, and the
file's checks on ``needs_any``."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphintel.agenda.tactics import TARGET_FACTS, load_tactics
from graphintel.errors import ConfigError

SHIPPED = load_tactics()


@pytest.mark.parametrize(("roles", "adult", "facts", "first", "held", "not_held"), [
    # an organiser with no child of their own: the case is built on control and money
    (["suspect"], True, {"organises"}, "investigate_organising",
     {"financial_investigation"}, {"cawn", "sro", "investigate_offences"}),
    # a supplier of premises or vehicles: the same two
    (["suspect"], True, {"supplies"}, "investigate_organising",
     {"financial_investigation"}, {"cawn"}),
    # an organiser with a child linked keeps the protective tactics after the first
    (["suspect"], True, {"organises", "linked_child", "linked_child_under_18",
                         "linked_child_under_18_not_family"},
     "investigate_organising", {"cawn", "sro", "financial_investigation"}, set()),
    # a groomer in direct contact: protective tactics first, no organising case
    (["suspect"], True, {"recruits", "linked_child", "linked_child_under_18",
                         "linked_child_under_18_not_family"}, "cawn",
     {"sro"}, {"investigate_organising", "financial_investigation", "family_strategy"}),
    # the child is their family: child protection first, no abduction warning notice
    (["suspect"], True, {"recruits", "linked_child", "linked_child_under_18",
                         "linked_child_family"}, "family_strategy", {"sro"}, {"cawn"}),
    # a broker or driver alone is not an organiser
    (["suspect"], True, {"brokers", "drives"}, None, set(),
     {"investigate_organising", "financial_investigation"}),
    # under 18: none of the adult-only tactics, whatever the roles
    (["suspect"], False, {"organises", "supplies", "linked_child"}, None, set(),
     {"investigate_organising", "financial_investigation", "cawn", "sro"}),
    # an associate is not a suspect: nothing for an organising role alone
    (["associate"], True, {"organises"}, None, set(), {"investigate_organising"}),
])
def test_shipped_tactics_follow_the_roles(roles: list[str], adult: bool, facts: set[str],
                                           first: str | None, held: set[str],
                                           not_held: set[str]) -> None:
    chosen = [t.id for t in SHIPPED.for_target(roles, adult, facts)]
    assert (chosen[0] if chosen else None) == first
    assert held <= set(chosen)
    assert not not_held & set(chosen)


def test_every_role_the_analysis_names_is_a_fact() -> None:
    from graphintel.agenda.network import ROLE_FACTS
    from graphintel.analysis.reasons import functional_roles, roles_text

    named = functional_roles(roles_text(
        controls=2, supplies=[{"type": "premises"}], contacts=1, drives=1, hosts=1,
        offenders_split=1), supplies=True)
    assert set(named) == set(ROLE_FACTS)
    assert set(ROLE_FACTS.values()) <= TARGET_FACTS


def test_the_risk_order_needs_no_conviction() -> None:
    stro = next(t for t in SHIPPED.items if t.id == "str_prevention")
    assert "risk order" in stro.name and "s.23" in stro.basis


def _one_tactic(folder: Path, targets: str) -> Path:
    """A tactics file of one tactic for targets meeting ``targets`` (YAML flow mapping)."""
    own = folder / "tactics.yaml"
    own.write_text("tactics:\n  - id: watch\n    name: Watch\n    basis: none\n"
                   "    agency: Police\n    description: Watch them.\n"
                   f"    applies_to: {{targets: {targets}}}\n", encoding="utf-8")
    return own


@pytest.mark.parametrize(("targets", "message"), [
    ("{roles: [suspect], needs_any: [owns_a_dog]}", "unknown fact 'owns_a_dog'"),
    ("{roles: [suspect], needs_any: organises}", "expected a list of words"),
    ("{roles: [suspect], need: [organises]}", "unknown applies_to.targets key 'need'"),
])
def test_bad_target_conditions_are_refused(tmp_path: Path, targets: str,
                                           message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_tactics(_one_tactic(tmp_path, targets))


def test_needs_any_matches_on_one_fact(tmp_path: Path) -> None:
    tactics = load_tactics(_one_tactic(tmp_path,
                                       "{needs: [has_phone], needs_any: [drives, hosts]}"))
    assert [t.id for t in tactics.for_target(["suspect"], True, {"has_phone", "hosts"})] \
        == ["watch"]
    assert tactics.for_target(["suspect"], True, {"has_phone"}) == []
    assert tactics.for_target(["suspect"], True, {"drives"}) == []
