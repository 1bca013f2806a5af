"""`policygraph neo4j start --heap MB --page-cache MB` sizes the local server's memory."""

from __future__ import annotations

from pathlib import Path

from policygraph import neo4j_server


def test_the_server_command_carries_the_heap_and_page_cache_given(tmp_path: Path) -> None:
    command = neo4j_server._server_command(tmp_path, 7687, 7474, False, (4096, 2048))
    assert "-Xmx4096m" in command
    at = command.index("--page-cache-mb")
    assert command[at + 1] == "2048"
    assert not any(part.startswith("-Xmx") and part != "-Xmx4096m" for part in command)


def test_the_defaults_are_a_one_gigabyte_heap_and_a_512_mb_page_cache(tmp_path: Path) -> None:
    memory = (neo4j_server.HEAP_MB, neo4j_server.PAGE_CACHE_MB)
    command = neo4j_server._server_command(tmp_path, 7687, 7474, False, memory)
    assert "-Xmx1024m" in command
    assert command[command.index("--page-cache-mb") + 1] == "512"


def test_start_refuses_a_heap_too_small_to_run_neo4j(cli) -> None:
    result = cli("neo4j", "start", "--heap", "64")
    assert result.returncode == 2
    assert "--heap" in result.stderr and "256" in result.stderr


def test_start_help_says_how_to_size_the_server_for_a_large_corpus(cli) -> None:
    result = cli("neo4j", "start", "--help")
    assert result.returncode == 0
    assert "--heap MB" in result.stdout and "--page-cache MB" in result.stdout
    assert "stop it first" in result.stdout
