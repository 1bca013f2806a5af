"""The supervision loop on Neo4j: a ledger written from the server, filled, imported back."""

from datetime import date

import pytest
from policygraph.loader.parse import parse_file
from policygraph.queries import run_report

from policygraph.ledger import build_ledger, write_xlsx
from policygraph.tracking import import_ledger
from tests.unit.test_tracking import REAL, fill

pytestmark = pytest.mark.neo4j


def test_a_ledger_from_neo4j_comes_back_as_progress_and_is_judged(neo4j_store, tmp_path):
    neo4j_store.load(parse_file(REAL))
    blank = tmp_path / "ledger.xlsx"
    write_xlsx(build_ledger(neo4j_store), blank)
    filled = fill(blank, tmp_path / "filled.xlsx")
    result = import_ledger(neo4j_store, filled, as_of=date(2016, 10, 15))
    assert len(result.records) == 6 and neo4j_store.counts()["Progress"] == 6
    overdue = run_report(neo4j_store, "overdue-measures", {"as_of": "2017-01-05"}).records()
    assert [r["number"] for r in overdue] == [1, 3, 5, 6, 7, 8, 10]
    again = import_ledger(neo4j_store, filled, as_of=date(2016, 12, 1))
    assert {r.n for r in again.records} == {2}  # a second report adds, never overwrites
    assert neo4j_store.counts()["Progress"] == 12
