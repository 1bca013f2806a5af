"""The bundled alias table has one direction: every canonical is the body's full official name,
so a short form never stands for a department and no name needs two steps to resolve."""

import pytest
from policygraph.loader.aliases import DEFAULT_TABLE, load_aliases

PREFIXES = ("", "区", "自贡市", "中共自贡市")


def pairs():
    aliases = load_aliases()
    return [*aliases.suffix, *aliases.exact.items()], aliases


def test_the_table_is_read_from_its_one_file_and_holds_pairs():
    table, _ = pairs()
    assert DEFAULT_TABLE.name == "aliases.csv" and len(table) >= 30


@pytest.mark.parametrize("prefix", PREFIXES)
def test_every_canonical_is_final_so_no_alias_chain_exists(prefix):
    table, aliases = pairs()
    assert [c for _, c in table if aliases.resolve(prefix + c) != prefix + c] == []


def test_no_canonical_is_the_alias_of_another_pair():
    table, _ = pairs()
    short = {a for a, _ in table}
    assert [c for _, c in table if c in short] == []


def test_every_canonical_is_at_least_as_long_as_its_alias():
    table, _ = pairs()
    assert [(a, c) for a, c in table if len(c) < len(a)] == []


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("区发改局", "区发展和改革局"),
        ("市发展改革委", "市发展和改革委员会"),
        ("市卫健委", "市卫生健康委员会"),
        ("区委编办", "区委机构编制委员会办公室"),
        ("区编办", "区委机构编制委员会办公室"),
        ("区人社局", "区人力资源和社会保障局"),
        ("区人力资源社会保障局", "区人力资源和社会保障局"),
        ("中共自贡市委统战部", "中共自贡市委统一战线工作部"),
        ("区工商联", "区工商业联合会"),
        ("区委组织部", "区委组织部"),
    ],
)
def test_short_and_abbreviated_names_resolve_to_the_full_official_name(written, canonical):
    assert load_aliases().resolve(written) == canonical


def test_each_alias_resolves_in_one_step_to_its_canonical_under_any_region():
    table, aliases = pairs()
    suffix = dict(aliases.suffix)
    wrong = [
        (p + a, aliases.resolve(p + a))
        for a, c in table
        for p in (PREFIXES if a in suffix else ("",))
        if aliases.resolve(p + a) != p + c
    ]
    assert wrong == []
