"""The Neo4j store: a live server reached through the official Python driver.

A plan is written in one managed transaction (retried on transient errors), in batches of
`UNWIND $rows`, so it appears whole or not at all. Reports run in read transactions with read
routing, so a cluster or Aura works as well as a single server. Opened read-only, the store
sends nothing but read transactions (no constraints, no indexes): a read replica, or a user
allowed only to read, can run every report.
"""

from __future__ import annotations

import logging
import os
import random
import time
from typing import Any, TypeVar

import neo4j
from neo4j import GraphDatabase, RoutingControl
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    ConstraintError,
    DriverError,
    IncompleteCommit,
    Neo4jError,
    ServiceUnavailable,
)

from ..errors import Neo4jUnavailableError, StoreError
from ..model import (
    DEPARTMENT,
    DOCUMENT,
    NODE_BY_LABEL,
    NODES,
    PLAN,
    PLAN_VERSION,
    PROGRESS,
    ParsedPlan,
)
from . import ENGINES, redact_uri
from .base import (
    PER_PLAN_LABELS,
    QueryResult,
    StoreBase,
    batch_rows,
    describe_plans,
)

# The driver logs each retry and lost connection as a warning; with no handler configured,
# Python prints them on stderr before policygraph's own one-line error. A library stays quiet.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

BATCH_SIZE = 5000  # rows per `UNWIND $rows` statement
BATCH_MEASURES = 10_000  # measures per transaction in load_many (its state lives in server heap)
TABLE_CHUNK_ROWS = 1000  # rows a record carries when query_table fetches a report
OVERLAP_ATTEMPTS = 5  # runs of a batch that meets another load writing the same nodes
URI_SCHEMES = ENGINES["neo4j"].schemes  # bolt, neo4j, ... (+s, +ssc)
START_HINT = (
    "start one with `policygraph neo4j start` (or `docker compose up -d`), or set NEO4J_URI"
)


def constraint_statements() -> list[str]:
    """Idempotent uniqueness constraints on every node key, from policygraph.loader.model."""
    return [
        f"CREATE CONSTRAINT {n.label.lower()}_{n.key} IF NOT EXISTS "
        f"FOR (n:{n.label}) REQUIRE n.{n.key} IS UNIQUE"
        for n in NODES
    ]


# Constraints of earlier models, dropped on connecting: before departments had a jurisdiction,
# a name was unique, and that constraint would refuse the 区发改局 of a second district.
RETIRED_CONSTRAINTS = ("department_name",)


def index_statements() -> list[str]:
    """Idempotent indexes on `plan` of every per-plan label: replacing a plan and a report's
    `$plan` filter find its nodes without scanning the label. Departments are also found by
    name (a report's `$department`), across jurisdictions, and progress records by measure."""
    return [
        *(
            f"CREATE INDEX {label.lower()}_plan IF NOT EXISTS FOR (n:{label}) ON (n.plan)"
            for label in PER_PLAN_LABELS
        ),
        f"CREATE INDEX department_name_lookup IF NOT EXISTS FOR (n:{DEPARTMENT}) ON (n.name)",
        # the progress reports look up each measure's records by its id
        f"CREATE INDEX progress_measure IF NOT EXISTS FOR (n:{PROGRESS}) ON (n.measure)",
    ]


Row = TypeVar("Row")


def _batches(rows: list[Row], size: int) -> list[list[Row]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)]


class Neo4jStore(StoreBase):
    """A Neo4j database. The password is passed in, never read from the command line."""

    name = "neo4j"
    dialect = "neo4j"
    batch_measures = BATCH_MEASURES

    @classmethod
    def open(
        cls,
        target: str,
        *,
        read_only: bool = False,
        username: str | None = None,
        password: str | None = None,
        database: str | None = None,
        batch_size: int = BATCH_SIZE,
    ) -> Neo4jStore:
        """The server at the URI `target` (for the registry, `open_store`); settings not given
        come from NEO4J_USERNAME (default neo4j), NEO4J_PASSWORD and NEO4J_DATABASE."""
        return cls(
            target,
            username or os.environ.get("NEO4J_USERNAME") or "neo4j",
            password or os.environ.get("NEO4J_PASSWORD") or None,
            database or os.environ.get("NEO4J_DATABASE") or None,
            batch_size=batch_size,
            read_only=read_only,
        )

    def __init__(
        self,
        uri: str,
        username: str = "neo4j",
        password: str | None = None,
        database: str | None = None,
        *,
        batch_size: int = BATCH_SIZE,
        read_only: bool = False,
    ) -> None:
        """`read_only`: send only read transactions (no schema statements), as a read replica
        or a user without write rights allows."""
        self.uri = shown = redact_uri(uri)  # as messages show it: never with a password
        self.database = database
        self.batch_size = batch_size
        self.read_only = read_only
        self.notices: list[str] = []
        self._columns: dict[str, list[str]] = {}  # query_table: each query's columns
        auth = (username, password) if password else None
        if shown != uri:
            raise Neo4jUnavailableError(
                f"the Neo4j URI {shown} holds credentials; give only the address, and the "
                "user in NEO4J_USERNAME and the password in NEO4J_PASSWORD."
            )
        if uri.split("://", 1)[0] not in URI_SCHEMES:
            raise Neo4jUnavailableError(
                f"cannot use the Neo4j URI {uri!r}: it must start with one of "
                f"{', '.join(s + '://' for s in URI_SCHEMES)}, e.g. bolt://127.0.0.1:7687."
            )
        try:
            self._driver = GraphDatabase.driver(
                uri, auth=auth, connection_timeout=10, notifications_min_severity="OFF"
            )
        except (ConfigurationError, ValueError) as exc:
            # not `from exc`: the driver's error may quote the URI whole, credentials and all
            raise Neo4jUnavailableError(f"cannot use the Neo4j URI {uri!r}: {exc}") from None
        try:
            self._driver.verify_connectivity()
            self._driver.execute_query("RETURN 1", database_=database, routing_=self._routing)
        except AuthError as exc:
            self._driver.close()
            raise Neo4jUnavailableError(
                f"Neo4j at {uri} refused the credentials of user {username!r}; set "
                "NEO4J_USERNAME and NEO4J_PASSWORD (the password is read only from the "
                "environment)."
            ) from exc
        except (ServiceUnavailable, DriverError, OSError) as exc:
            self._driver.close()
            raise Neo4jUnavailableError(
                f"no Neo4j server answered at {uri} ({_first_line(exc)}); {START_HINT}."
            ) from exc
        except ClientError as exc:
            self._driver.close()
            if exc.code and "DatabaseNotFound" in exc.code:
                raise Neo4jUnavailableError(
                    f"Neo4j at {uri} has no database {database!r}; create it, or leave "
                    "NEO4J_DATABASE unset to use the server's default."
                ) from exc
            if exc.code and "CredentialsExpired" in exc.code:
                raise Neo4jUnavailableError(
                    f"the password of user {username!r} on Neo4j at {uri} has expired (a new "
                    "server's initial password must be changed); change it in Neo4j Browser or "
                    "cypher-shell with ALTER CURRENT USER SET PASSWORD FROM 'old' TO 'new', then "
                    "set NEO4J_PASSWORD to the new one."
                ) from exc
            reason = (exc.message or exc.code or "no reason given").strip().splitlines()[0]
            raise StoreError(f"Neo4j at {uri} refused to start a session: {reason}") from exc
        if not read_only:
            retired = [f"DROP CONSTRAINT {name} IF EXISTS" for name in RETIRED_CONSTRAINTS]
            for statement in retired + constraint_statements() + index_statements():
                self._write(statement)
        key = NODE_BY_LABEL[DEPARTMENT].key
        if self.query(f"MATCH (d:{DEPARTMENT}) WHERE d.{key} IS NULL RETURN d LIMIT 1").rows:
            self._driver.close()
            raise StoreError(
                f"the Neo4j database at {uri} was written by another version of policygraph "
                f"(its departments have no {key}: before jurisdictions); load your plans into "
                "an empty database, or delete its nodes first."
            )

    @property
    def _routing(self) -> RoutingControl:
        return RoutingControl.READ if self.read_only else RoutingControl.WRITE

    # -- reading -------------------------------------------------------------------------
    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run `cypher` in a read transaction (READ access mode: the server refuses a write)."""
        try:
            records, _, keys = self._driver.execute_query(
                cypher, params or {}, database_=self.database, routing_=RoutingControl.READ
            )
        except Neo4jError as exc:
            raise StoreError(f"Neo4j rejected the query: {exc.message}") from exc
        except (ServiceUnavailable, DriverError) as exc:
            raise Neo4jUnavailableError(
                f"lost the Neo4j server at {self.uri} ({_first_line(exc)}); {START_HINT}."
            ) from exc
        return QueryResult(list(keys), [list(r.values()) for r in records])

    def query_table(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        """The rows of `query`, fetched in chunks: see `table_query`. A query whose rows the
        server cannot collect (its transaction memory) is run again as it is."""
        try:
            columns = self._columns.get(cypher) or self.query(f"EXPLAIN {cypher}", params).columns
            self._columns[cypher] = columns
            chunks = self.query(table_query(cypher, columns), params).rows
        except StoreError:  # the query's own error, or rows too many to collect: run it plainly
            return self.query(cypher, params)
        return QueryResult(columns, [row for (chunk,) in chunks for row in chunk])

    # -- writing -------------------------------------------------------------------------
    def _write(self, cypher: str, params: dict[str, Any] | None = None) -> None:
        try:
            self._driver.execute_query(cypher, params or {}, database_=self.database)
        except Neo4jError as exc:
            raise StoreError(f"Neo4j refused a write: {exc.message}") from exc
        except (ServiceUnavailable, DriverError) as exc:
            # the schema statements at open and the progress rows: a server lost here is the
            # user's to restart, not a bug of ours; lost mid-commit, the write may have landed
            stored = (
                "the write may or may not be stored"
                if isinstance(exc, IncompleteCommit)
                else "nothing was written"
            )
            raise Neo4jUnavailableError(
                f"lost the Neo4j server at {self.uri} while writing ({_first_line(exc)}); "
                f"{stored}. {START_HINT[0].upper()}{START_HINT[1:]}."
            ) from exc

    def _write_rows(self, cypher: str, rows: list[dict[str, Any]]) -> None:
        self._write(cypher, {"rows": rows})  # one auto-commit transaction: all rows or none

    def _write_batch(
        self, plans: list[ParsedPlan], replaced: list[str], kept: list[dict[str, Any]]
    ) -> None:
        what = describe_plans(plans)
        rows = batch_rows(plans)
        nodes = {label: table.dicts() for label, table in rows.nodes.items()}
        departments, documents = rows.departments.dicts(), rows.documents.dicts()
        # Relationship rows as lists rather than maps: half the bytes to encode, send and decode.
        columns = {key: table.columns for key, table in rows.rels.items()}  # from, to, properties
        rels = {key: table.rows for key, table in rows.rels.items()}

        ids = [p.plan.id for p in plans]

        def write(tx: neo4j.ManagedTransaction) -> None:
            # The driver reruns this function when a connection drops, possibly after the
            # server committed an earlier run: deleting every plan of the batch first (not only
            # the replaced ones) makes a rerun write the same graph instead of failing. The kept
            # versions are merged by key, so a rerun finds them written and adds none.
            if kept:
                tx.run(
                    f"UNWIND $rows AS row MERGE (v:{PLAN_VERSION} {{id: row.id}}) "
                    "ON CREATE SET v += row",
                    rows=kept,
                ).consume()
            for label, key in (*((lbl, "plan") for lbl in PER_PLAN_LABELS), (PLAN, "id")):
                delete = f"MATCH (n:{label}) WHERE n.{key} IN $ids DETACH DELETE n"
                tx.run(delete, ids=ids).consume()
            key = NODE_BY_LABEL[DEPARTMENT].key
            for batch in _batches(departments, self.batch_size):
                tx.run(
                    f"UNWIND $rows AS row MERGE (n:{DEPARTMENT} {{{key}: row.{key}}}) SET n += row",
                    rows=batch,
                ).consume()
            for batch in _batches(documents, self.batch_size):  # the first citation's properties
                tx.run(
                    f"UNWIND $rows AS row MERGE (n:{DOCUMENT} {{id: row.id}}) "
                    "ON CREATE SET n = row",
                    rows=batch,
                ).consume()
            for label in (PLAN, *PER_PLAN_LABELS):
                for batch in _batches(nodes.get(label, []), self.batch_size):
                    tx.run(
                        f"UNWIND $rows AS row CREATE (n:{label}) SET n = row", rows=batch
                    ).consume()
            for (rel_type, src, dst), rel_rows in rels.items():
                src_key, dst_key = NODE_BY_LABEL[src].key, NODE_BY_LABEL[dst].key
                props = ", ".join(
                    f"{name}: row[{i}]"
                    for i, name in enumerate(columns[rel_type, src, dst])
                    if i > 1
                )
                cypher = (
                    f"UNWIND $rows AS row "
                    f"MATCH (a:{src} {{{src_key}: row[0]}}) "
                    f"MATCH (b:{dst} {{{dst_key}: row[1]}}) "
                    f"CREATE (a)-[r:{rel_type} {{{props}}}]->(b)"
                )
                for chunk in _batches(rel_rows, self.batch_size):
                    summary = tx.run(cypher, rows=chunk).consume()
                    if summary.counters.relationships_created != len(chunk):
                        raise StoreError(
                            f"loading {what} failed and nothing was written: "
                            f"{len(chunk) - summary.counters.relationships_created} "
                            f"{rel_type} relationships point at missing nodes."
                        )
            if replaced:  # only a replaced plan can leave a department or document with no edges
                for label in (DEPARTMENT, DOCUMENT):
                    tx.run(f"MATCH (d:{label}) WHERE NOT (d)--() DELETE d").consume()

        try:
            for attempt in range(OVERLAP_ATTEMPTS):
                try:
                    with self._driver.session(database=self.database) as session:
                        session.execute_write(write)
                    break
                except ConstraintError as exc:
                    # Another load wrote the same plan or department between this one's delete
                    # and its create. The batch starts by deleting its plans, so running it
                    # again is safe and writes the same graph.
                    if attempt + 1 == OVERLAP_ATTEMPTS:
                        raise StoreError(
                            f"loading {what} failed and nothing was written: another load "
                            f"was writing the same plans or departments at the same time "
                            f"({exc.message}); run the load again when the other has "
                            "finished, to write what is missing."
                        ) from exc
                    time.sleep(random.uniform(0.1, 0.5) * (attempt + 1))
        except Neo4jError as exc:
            raise StoreError(
                f"loading {what} failed and nothing was written: {exc.message}"
            ) from exc
        except IncompleteCommit as exc:
            raise Neo4jUnavailableError(
                f"lost the Neo4j server at {self.uri} while it committed {what}, so it may or "
                "may not be stored; run the load again when the server is back (it writes what "
                "is missing)."
            ) from exc
        except (ServiceUnavailable, DriverError) as exc:
            these = "these plans" if len(plans) > 1 else "this plan"
            raise Neo4jUnavailableError(
                f"lost the Neo4j server at {self.uri} while loading {what} "
                f"({_first_line(exc)}); nothing of {these} was written. Rerun the load when "
                "the server is back."
            ) from exc

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def table_query(cypher: str, columns: list[str]) -> str:
    """`cypher` (a read returning `columns`) made to return its rows in order, TABLE_CHUNK_ROWS
    rows a record (one column, `chunk`: a list of rows, each a list of the values).

    The Python driver's cost of a result is mostly per record (a Bolt message each, read with
    two socket reads): 100,000 rows of 8 values took 2.5 s of client CPU one record a row, 0.7 s
    as one list (driver 6.4, Neo4j 5.26). The rows are collected after the query's own ORDER
    BY, which collect() keeps, and cut into chunks on the server.
    """
    values = ", ".join("`" + c.replace("`", "``") + "`" for c in columns)
    n = TABLE_CHUNK_ROWS
    return (
        f"CALL () {{\n{cypher}\n}}\nWITH collect([{values}]) AS rows\n"
        f"UNWIND range(0, size(rows) - 1, {n}) AS i\nRETURN rows[i..i + {n}] AS chunk"
    )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
