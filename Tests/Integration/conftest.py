"""Shared fixtures for the integration tests: run the real `tiptoe` binary.

Every test gets its own XDG config and state directories in a temporary
folder, so the history is a fresh SQLite file per test.
"""
import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("TIPTOE_BIN", ROOT / ".build" / "debug" / "tiptoe"))


# The throwaway desktop of `with-desktop` (one dunst, one dbus-monitor log, one pressed-button file)
# is shared: the tests that use it run one after another in one pytest-xdist worker, while the
# others spread over the remaining workers (`make test` runs `-n 2 --dist loadgroup`).
DESKTOP_TESTS = {"test_guide_start.py", "test_init.py", "test_install.py", "test_package.py"}


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.name.startswith("test_agent") or item.path.name in DESKTOP_TESTS:
            item.add_marker(pytest.mark.xdist_group("desktop"))


class Tiptoe:
    """Runs `tiptoe` with an isolated environment; `env` may be extended per test."""

    def __init__(self, home: Path):
        self.home = home
        self.env = {
            k: v for k, v in os.environ.items()
            if not k.startswith("TIPTOE_")
            and k not in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "NO_COLOR", "TERMINAL")
        }
        self.env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_STATE_HOME=str(home / "state"),
            TZ="UTC",
        )

    def run(self, *args, check=True, env=None, input=None, timeout=60):
        """Runs tiptoe; returns the CompletedProcess (text mode)."""
        merged = dict(self.env, **(env or {}))
        result = subprocess.run(
            [str(BIN), *map(str, args)], capture_output=True, text=True, env=merged,
            input=input, timeout=timeout,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"tiptoe {' '.join(map(str, args))} exited {result.returncode}\n"
                f"stdout: {result.stdout}\nstderr: {result.stderr}"
            )
        return result

    def json(self, *args, **kwargs):
        return json.loads(self.run(*args, **kwargs).stdout)

    @property
    def state_dir(self) -> Path:
        return self.home / "state" / "tiptoe"


@pytest.fixture
def tiptoe(tmp_path) -> Tiptoe:
    assert BIN.exists(), f"build tiptoe first (looked for {BIN}); set TIPTOE_BIN to override"
    return Tiptoe(tmp_path)
