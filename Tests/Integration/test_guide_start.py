"""The reminder's Start button, in the throwaway desktop: it opens `tiptoe guide` for the reminder's
exercises in the user's terminal, here a stand-in named by $TERMINAL that writes down its arguments.
"""
import os
import shutil
import time
from pathlib import Path

import pytest

from desktop import agents, ahead, desktop, history, needs_desktop, write_routine  # noqa: F401  (fixtures)

pytestmark = [
    needs_desktop,
    pytest.mark.skipif(shutil.which("xdg-terminal-exec") is not None,
                       reason="xdg-terminal-exec is installed and would be chosen before $TERMINAL"),
]


def stand_in(home: Path) -> tuple[Path, Path]:
    """A terminal that writes its arguments, one a line, to a file; returns (program, file)."""
    record = home / "terminal-args"
    program = home / "bin" / "stand-in-terminal"
    program.parent.mkdir(parents=True, exist_ok=True)
    program.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{record}.part" && mv "{record}.part" "{record}"\n')
    program.chmod(0o755)
    return program, record


def await_file(path: Path, timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            pytest.fail(f"{path} did not appear within {timeout} s")
        time.sleep(0.05)
    return path.read_text()


def test_start_opens_the_guide_for_the_reminders_exercises(tiptoe, desktop, agents):
    program, record = stand_in(tiptoe.home)
    _, clock = ahead(3)
    write_routine(tiptoe, [("toe-presses", "Toe presses", [clock]), ("heel-raises", "Heel raises", [clock])])
    agent = agents(env={"TERMINAL": str(program)})
    note = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
    assert list(note.actions.values()) == ["Start", "Done", "Snooze 10 min", "Skip"]
    assert note.actions["start"] == "Start"
    agent.await_line(r"shown \(due\)")

    desktop.press("Start")
    arguments = await_file(record).splitlines()
    agent_binary = arguments[1]
    assert arguments[:3] == ["-e", agent_binary, "guide"]
    assert sorted(arguments[3:]) == ["heel-raises", "toe-presses"], "the reminder's exercises, each once"
    assert Path(agent_binary).name == "tiptoe-agent" and os.access(agent_binary, os.X_OK)
    agent.await_line(r"start: .*stand-in-terminal -e .*tiptoe-agent guide (toe-presses|heel-raises) ")
    # Start records nothing by itself: the guide does, as each exercise ends.
    assert [e["kind"] for e in history(tiptoe)] == ["fired", "fired"]


def test_without_a_terminal_there_is_no_start_button(tiptoe, desktop, agents):
    empty = tiptoe.home / "empty-path"
    empty.mkdir()
    _, clock = ahead(3)
    write_routine(tiptoe, [("toe-presses", "Toe presses", [clock])])
    agents(env={"PATH": str(empty)})
    note = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
    assert list(note.actions.values()) == ["Done", "Snooze 10 min", "Skip"]
