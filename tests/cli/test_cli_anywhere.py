"""The CLI run from a directory that is not the installation: one clear line, nothing created."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REGISTRAR = [sys.executable, "-m", "registrar.cli"]


def _clean_env() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if not key.startswith("REGISTRAR_")}


def _run(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*REGISTRAR, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=60)


def test_operator_command_in_a_stranger_directory_says_where_it_looked_and_creates_nothing(tmp_path):
    # given a directory with no installation in it
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    # when the operator reads the audit log there
    result = _run(elsewhere, _clean_env(), "operator", "audit-log")

    # then one line names the data directory and the fix, and no var/ appears
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(elsewhere / "var") in lines[0] and "REGISTRAR_DATA_DIR" in lines[0]
    assert list(elsewhere.iterdir()) == []


def test_operator_command_with_secrets_but_no_database_names_the_database(tmp_path):
    # given secrets in the environment but a database path where nothing is
    env = {
        **_clean_env(),
        "REGISTRAR_SECRET_KEY": "k" * 48,
        "REGISTRAR_ENCRYPTION_KEY": "a" * 43 + "=",
        "REGISTRAR_DATA_DIR": str(tmp_path / "var"),
    }

    # when the operator reads the audit log
    result = _run(tmp_path, env, "operator", "audit-log")

    # then one line names the missing file and how to create it
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1, result.stderr
    assert str(tmp_path / "var" / "registrar.db") in lines[0] and "db upgrade" in lines[0]
    assert not (tmp_path / "var").exists()


def test_operator_command_on_an_unmigrated_database_asks_for_the_upgrade(tmp_path):
    # given an empty SQLite file where the database should be
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "registrar.db").touch()
    env = {
        **_clean_env(),
        "REGISTRAR_SECRET_KEY": "k" * 48,
        "REGISTRAR_ENCRYPTION_KEY": "a" * 43 + "=",
        "REGISTRAR_DATA_DIR": str(tmp_path / "var"),
    }

    result = _run(tmp_path, env, "operator", "audit-log")

    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1, result.stderr
    assert "revision none" in lines[0] and "registrar db upgrade" in lines[0]


def test_demo_token_refuses_the_operator_scope(tmp_path):
    result = _run(tmp_path, _clean_env(), "demo-token", "--scope", "read operator")

    assert result.returncode == 2
    assert "must be space-separated scopes among read, write" in result.stderr
    assert result.stdout == ""
