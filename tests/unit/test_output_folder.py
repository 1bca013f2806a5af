"""-o into a folder that does not exist is one Error naming the folder, before any work, for
every command that writes a file; --bom with a format that is not CSV is refused."""

from __future__ import annotations

import pytest

from tests.conftest import SEED

COMMANDS = {
    "report": ("report", "department-workload"),
    "report-xlsx": ("report", "department-workload", "--format", "xlsx"),
    "analyze": ("analyze",),
    "analyze-export": ("analyze", "--export"),
    "ledger": ("ledger",),
    "view": ("view", "overview"),
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_output_into_a_missing_folder_is_an_error_naming_the_folder(
    seed_store_file, tmp_path, cli, command
):
    suffix = {"report-xlsx": ".xlsx", "ledger": ".xlsx", "view": ".html"}.get(command, ".txt")
    suffix = ".gexf" if command == "analyze-export" else suffix
    target = tmp_path / "missing" / f"out{suffix}"
    args = [*COMMANDS[command], str(target)]
    if command != "analyze-export":
        args[len(COMMANDS[command]) :] = ["-o", str(target)]
    result = cli(*args, "--store", str(seed_store_file))
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""  # refused before the work: nothing printed
    assert result.stderr.strip() == (
        f"Error: cannot write {target}: the folder {target.parent} does not exist; "
        "create it first or choose another file."
    )
    assert not target.parent.exists()


def test_validate_into_a_missing_folder_is_an_error_naming_the_folder(tmp_path, cli):
    target = tmp_path / "missing" / "problems.csv"
    result = cli("validate", str(SEED), "-o", str(target))
    assert result.returncode == 1
    assert f"the folder {target.parent} does not exist" in result.stderr


def test_output_whose_folder_is_a_file_is_an_error_saying_so(seed_store_file, tmp_path, cli):
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    target = tmp_path / "plain" / "out.txt"
    result = cli(
        "report", "department-workload", "--store", str(seed_store_file), "-o", str(target)
    )
    assert result.returncode == 1
    assert f"the folder {target.parent} is not a folder" in result.stderr


@pytest.mark.parametrize("fmt", ["table", "json", "markdown"])
def test_bom_with_a_format_that_is_not_csv_is_refused(seed_store_file, cli, fmt):
    result = cli(
        "report", "department-workload", "--store", str(seed_store_file), "--format", fmt, "--bom"
    )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == (
        f"Error: --bom marks a CSV file for Excel; --format {fmt} has no use for it: "
        "drop --bom, or use --format csv."
    )


def test_bom_with_csv_still_starts_the_file_with_a_byte_order_mark(seed_store_file, tmp_path, cli):
    target = tmp_path / "w.csv"
    result = cli(
        "report",
        "department-workload",
        "--store",
        str(seed_store_file),
        "--format",
        "csv",
        "--bom",
        "-o",
        str(target),
    )
    assert result.returncode == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfdepartment")
