"""A Neo4j server lost during a write (schema statements at open, progress rows) is a clear
Neo4jUnavailableError, never an unexpected driver error: tests/reliability's server-crash test
met one (IncompleteCommit while the store wrote its schema) about once in four runs."""

from __future__ import annotations

import pytest
from neo4j.exceptions import IncompleteCommit, ServiceUnavailable
from policygraph.loader.errors import Neo4jUnavailableError
from policygraph.loader.stores.neo4j import Neo4jStore


class _LostDriver:
    def __init__(self, error: Exception) -> None:
        self.error = error

    def execute_query(self, *args: object, **kwargs: object) -> None:
        raise self.error


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (IncompleteCommit("Failed to read from defunct connection"), "may or may not be stored"),
        (ServiceUnavailable("Connection refused"), "nothing was written"),
    ],
)
def test_a_server_lost_during_a_write_is_a_clear_error_saying_what_was_stored(error, said):
    store = Neo4jStore.__new__(Neo4jStore)  # no server: only the write path is exercised
    store.uri, store.database, store._driver = "bolt://127.0.0.1:1", None, _LostDriver(error)
    with pytest.raises(Neo4jUnavailableError, match=said) as caught:
        store._write("CREATE CONSTRAINT x IF NOT EXISTS FOR (n:Plan) REQUIRE n.id IS UNIQUE")
    assert caught.value.__cause__ is error
    assert "lost the Neo4j server at bolt://127.0.0.1:1 while writing" in str(caught.value)
