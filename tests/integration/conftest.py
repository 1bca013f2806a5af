"""Integration tests use the Neo4j fixtures of tests/conftest.py."""
