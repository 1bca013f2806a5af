"""docker-compose.yml runs what the README promises (checked as data: CI has no Docker engine)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")


def test_compose_runs_neo4j_526_with_auth_from_an_env_file():
    assert re.search(r"^\s+image: neo4j:5\.26-community$", COMPOSE, re.M)
    assert re.search(r"^\s+env_file: \.env\b", COMPOSE, re.M)
    assert "NEO4J_AUTH=" not in COMPOSE  # the secret lives in .env, not in the compose file
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert re.search(r"^NEO4J_AUTH=neo4j/\S{8,}$", example, re.M)
    assert ".env" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()


def test_compose_has_ports_volumes_and_a_healthcheck():
    assert '"127.0.0.1:7474:7474"' in COMPOSE and '"127.0.0.1:7687:7687"' in COMPOSE
    assert "neo4j-data:/data" in COMPOSE and re.search(r"^volumes:\n  neo4j-data:", COMPOSE, re.M)
    assert re.search(r"^\s+healthcheck:\n\s+test: ", COMPOSE, re.M)
