"""Every shipped .cypher and loader mapping parses; parameters are declared, used and supplied."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphintel.cypher_files import BATCH_ROWS, parse_cypher_file
from graphintel.errors import CypherFileError
from graphintel.ingest.mapping import load_mapping
from graphintel.resources import cypher_dir, loaders_dir
from graphintel.store import library

PACKAGE = Path(__file__).resolve().parent.parent / "graphintel"
CYPHER_FILES = sorted(cypher_dir().rglob("*.cypher"))
MAPPINGS = sorted(loaders_dir().glob("*.yaml"))
EXAMPLE_MAPPINGS = sorted(loaders_dir().glob("examples/*/*.yaml"))


@pytest.mark.parametrize("path", CYPHER_FILES, ids=lambda p: p.name)
def test_cypher_file_parses_with_matching_params(path: Path) -> None:
    cf = parse_cypher_file(path)  # raises on undeclared or unused parameters
    assert cf.name and cf.description and cf.statements
    assert {p.name for p in cf.params} == set(cf.used_params)


def top_level(text: str) -> list[str]:
    """``text`` split at the commas outside brackets: a map literal's entries."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    return [*parts, text[start:]]


BATCHED = [p for p in CYPHER_FILES if parse_cypher_file(p).batched]


@pytest.mark.parametrize("path", BATCHED, ids=lambda p: p.name)
def test_a_batched_query_returns_rows_of_its_declared_columns(path: Path) -> None:
    # the rows are maps made in one collect, of every row (the rows idiom) or of the rows of
    # one slice of the collected nodes or relationships (the streamed idiom, whose server
    # memory is the references, not the rows); the store flattens the batches, so the maps'
    # keys are the columns the header promises, in its order
    cf = parse_cypher_file(path)
    rows = re.search(r"WITH collect\(\{(.*?)\}\) AS batch\s+UNWIND range\(0, size\(batch\) - 1, "
                     r"(\d+)\) AS i\s+RETURN batch\[i\.\.i \+ (\d+)\] AS rows\s*$",
                     cf.text, re.S)
    streamed = re.search(r"WITH collect\(\w+\) AS items\s+UNWIND range\(0, size\(items\) - 1, "
                         r"(\d+)\) AS i\s+CALL \(items, i\) \{\s+UNWIND items\[i\.\.i \+ (\d+)\] "
                         r"AS \w+\s.*?RETURN collect\(\{(.*)\}\) AS rows\s*\}\s*RETURN rows\s*$",
                         cf.text, re.S)
    assert rows or streamed, f"{cf.name}: not a batch idiom at its end"
    if rows:
        keys, sizes = rows.group(1), (rows.group(2), rows.group(3))
    else:
        assert streamed is not None
        keys, sizes = streamed.group(3), (streamed.group(1), streamed.group(2))
    assert [k.split(":")[0].strip() for k in top_level(keys)] == list(cf.returns)
    assert int(sizes[0]) == int(sizes[1]) == BATCH_ROWS


def test_batched_must_say_yes_or_no(tmp_path: Path) -> None:
    bad = tmp_path / "c.cypher"
    bad.write_text("// name: c\n// description: d\n// batched: maybe\nRETURN 1 AS rows\n")
    with pytest.raises(CypherFileError, match="batched must be yes or no"):
        parse_cypher_file(bad)


def test_internal_queries_are_all_called_from_code() -> None:
    source = "\n".join(p.read_text() for folder in (PACKAGE, PACKAGE.parent / "bench")
                       for p in folder.rglob("*.py"))
    called = set(re.findall(r"""["']([a-z_]+)["']""", source))
    internal = [cf for cf in library().values() if "queries" not in cf.path.parts
                and "lookups" not in cf.path.parts]
    orphans = sorted(cf.name for cf in internal if cf.name not in called)
    assert orphans == []


def test_binding_refuses_missing_unknown_and_mistyped() -> None:
    cf = library()["existing_report_hashes"]
    with pytest.raises(CypherFileError, match="missing parameter 'refs'"):
        cf.bind({})
    with pytest.raises(CypherFileError, match="unknown parameter 'nope'"):
        cf.bind({"refs": [], "nope": 1})
    with pytest.raises(CypherFileError, match="must be list"):
        cf.bind({"refs": "IR/1"})


def test_header_problems_are_reported_with_the_file(tmp_path: Path) -> None:
    undeclared = tmp_path / "a.cypher"
    undeclared.write_text("// name: a\n// description: d\nMATCH (n) WHERE n.x = $x RETURN n\n")
    with pytest.raises(CypherFileError, match=r"uses \$x but does not declare it"):
        parse_cypher_file(undeclared)
    orphan = tmp_path / "b.cypher"
    orphan.write_text("// name: b\n// description: d\n// param: y: int — never used\n"
                      "MATCH (n) RETURN n\n")
    with pytest.raises(CypherFileError, match="declares parameter 'y' that it never uses"):
        parse_cypher_file(orphan)


@pytest.mark.parametrize("path", MAPPINGS, ids=lambda p: p.name)
def test_mapping_parses_and_has_a_sample(path: Path) -> None:
    mapping = load_mapping(path)
    sample = loaders_dir() / "samples" / f"{mapping.name}.csv"
    assert sample.is_file()
    header = sample.read_text(encoding="utf-8").splitlines()[0].split(",")
    mapping.check_header(header, str(sample))


@pytest.mark.parametrize("path", EXAMPLE_MAPPINGS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_example_mapping_parses_and_fits_exactly_one_sample_file(path: Path) -> None:
    from graphintel.ingest.tabular import read_header

    mapping = load_mapping(path)
    samples = sorted((path.parent / "sample").glob("*.csv"))
    fits = [p for p in samples if mapping.matches_file(p, read_header(p, mapping))]
    assert len(fits) == 1, (mapping.name, fits)
    mapping.check_header(read_header(fits[0], mapping), str(fits[0]))


def test_merge_links_has_one_branch_per_model_link_type() -> None:
    from graphintel.model import LINK_TYPES

    text = library()["merge_links"].text
    branches = re.findall(r"WHERE row\.type = '([A-Z_]+)'\s+MERGE \(a\)-\[r:([A-Z_]+)\]->\(b\)",
                          text)
    assert [a for a, _ in branches] == [b for _, b in branches]
    assert sorted(a for a, _ in branches) == sorted(LINK_TYPES)
