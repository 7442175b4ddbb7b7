"""`tiptoe guide` on the real binary in a real terminal: tmux runs it in a pane of its own server,
`send-keys` types and `capture-pane` reads the screen, awaited with a deadline, never a fixed sleep.

The routine is short (3 reps, hold 2 s, rest 2 s, 2 sets, a 1 s count-in: 23 s); the clock of the
history is TIPTOE_NOW, 12:05 on a Monday, when the 12:00 slot is due.
"""
import os
import re
import shlex
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import BIN

DAY = "2026-11-23"
NOW = f"{DAY}T12:05:00Z"
ROUTINE = """name = "Short routine"
[day]
start = "00:00"
end = "23:59"

[[exercise]]
id = "toe-presses"
title = "Toe presses"
at = ["09:00", "12:00", "18:00"]
steps = ["Stand and bend your knees", "Grip the floor: hold for 2 seconds", "Rest for 2 seconds"]
reps = 3
hold = "2s"
rest = "2s"
sets = 2
"""

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is missing (apt-get install tmux)")


class Pane:
    """A tmux server of the test's own, with one 80×24 pane running one command."""

    def __init__(self, home: Path, env: dict, command: list[str]):
        self.socket = home / "tmux.sock"
        config = home / "tmux.conf"
        config.write_text("set -g status off\n")
        self.env = env
        # A shell runs the command, says how it ended, then sleeps: the pane, with the modes the command
        # left the terminal in, stays for the test to read. (tmux's remain-on-exit would not do: its
        # "Pane is dead" line scrolls the screen and hides the cursor.)
        script = " ".join(map(shlex.quote, command)) + '; echo "[exit $?]"; exec sleep 3600'
        self.tmux("-f", str(config), "new-session", "-d", "-x", "80", "-y", "24", script)

    def tmux(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-S", str(self.socket), *args], env=self.env, capture_output=True,
                                text=True, timeout=10)
        assert result.returncode == 0, f"tmux {args}: {result.stderr}"
        return result.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p")

    def show(self, field: str) -> str:
        return self.tmux("display-message", "-p", "#{" + field + "}").strip()

    def send(self, *keys: str) -> None:
        self.tmux("send-keys", *keys)

    def await_screen(self, pattern: str, timeout: float = 10.0) -> re.Match:
        """The first match of `pattern` on the screen, polled until `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.screen()
            found = re.search(pattern, text, re.MULTILINE)
            if found:
                return found
            if time.monotonic() > deadline:
                pytest.fail(f"no {pattern!r} on the screen within {timeout} s:\n{text}")
            time.sleep(0.05)

    def await_exit(self, timeout: float = 40.0) -> int:
        """The command's exit status, once the shell has said it."""
        return int(self.await_screen(r"^\[exit (\d+)\]", timeout).group(1))

    def command_pid(self) -> int:
        """The command's pid: the child of the pane's shell."""
        shell = self.show("pane_pid")
        children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
        assert len(children) == 1, children
        return int(children[0])

    def close(self) -> None:
        subprocess.run(["tmux", "-S", str(self.socket), "kill-server"], capture_output=True, timeout=10)


@pytest.fixture
def guide(tiptoe):
    """Starts `tiptoe guide ARGS` in a tmux pane with the short routine; kills the server afterwards."""
    panes = []
    path = tiptoe.home / "config" / "tiptoe" / "routine.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ROUTINE)

    def start(*args: str) -> Pane:
        env = dict(tiptoe.env, TIPTOE_NOW=NOW, TERM="xterm-256color")
        pane = Pane(tiptoe.home, env, [str(BIN), "guide", *args])
        panes.append(pane)
        return pane

    yield start
    for pane in panes:
        pane.close()


def events(tiptoe):
    return tiptoe.json("log", "--since", "2000-01-01", "--json", env={"TIPTOE_NOW": NOW})["events"]


def assert_terminal_restored(pane: Pane) -> None:
    assert pane.show("alternate_on") == "0", "the alternate screen is still on"
    assert pane.show("cursor_flag") == "1", "the cursor is still hidden"


def test_a_session_runs_to_the_end_and_records_done(tiptoe, guide):
    pane = guide("--count-in", "1")
    first = pane.await_screen(r"set 1 of 2 · rep 1 of 3")
    assert pane.show("alternate_on") == "1" and pane.show("cursor_flag") == "0"
    screen = pane.screen()
    assert "Toe presses" in screen and "space pause/resume · n next · b back · q quit" in screen.splitlines()[-1]
    # The second hold: its countdown starts at 2 s and shows 1 s a second later.
    pane.await_screen(r"Go\s+set 1 of 2 · rep 2 of 3\n.*Grip the floor: hold for 2 seconds\n\n\s+2 s ", timeout=10)
    pane.await_screen(r"Go\s+set 1 of 2 · rep 2 of 3\n.*\n\n\s+1 s ", timeout=3)
    pane.await_screen(r"Rest\s+set 1 of 2 · rep 2 of 3\n.*Rest for 2 seconds", timeout=4)
    pane.await_screen(r"set 2 of 2 · rep 3 of 3", timeout=20)
    assert pane.await_exit() == 0
    screen = pane.screen()
    assert "Finished the exercise (0:23)." in screen
    assert "Recorded: Toe presses done (1 of 3 today)" in screen
    assert_terminal_restored(pane)
    recorded = events(tiptoe)
    assert [(e["kind"], e["slot"]) for e in recorded] == [("done", f"toe-presses/{DAY}/2")]
    assert first  # the first rep was on screen before the end


def test_quitting_halfway_records_nothing(tiptoe, guide):
    pane = guide("--count-in", "1")
    pane.await_screen(r"Go\s+set 1 of 2 · rep 2 of 3")
    pane.send("Space")
    paused = pane.await_screen(r"Paused\s+set 1 of 2 · rep 2 of 3\n.*\n\n\s+(\d) s ", timeout=3)
    assert "Paused: space resumes" in pane.screen()
    pane.send("n")  # skips to the rest after the second hold, still paused
    pane.await_screen(r"Paused\s+set 1 of 2 · rep 2 of 3\n.*Rest for 2 seconds\n\n\s+2 s ", timeout=3)
    pane.send("b")
    pane.await_screen(r"Paused\s+set 1 of 2 · rep 2 of 3\n.*Grip the floor.*\n\n\s+2 s ", timeout=3)
    pane.send("q")
    assert pane.await_exit() == 0
    screen = pane.screen()
    assert "Quit during Toe presses: it is not recorded." in screen
    assert "Nothing recorded." in screen
    assert_terminal_restored(pane)
    assert events(tiptoe) == []
    assert paused.group(1) in "12"


def test_sigterm_and_ctrl_c_restore_the_terminal(tiptoe, guide):
    pane = guide("--count-in", "1")
    pane.await_screen(r"rep 1 of 3")
    os.kill(pane.command_pid(), signal.SIGTERM)
    assert pane.await_exit() == 128 + signal.SIGTERM
    assert "Stopped during Toe presses: it is not recorded." in pane.screen()
    assert_terminal_restored(pane)

    pane = guide("--count-in", "1")
    pane.await_screen(r"rep 1 of 3")
    pane.send("C-c")
    assert pane.await_exit() == 0
    assert "Quit during Toe presses" in pane.screen()
    assert_terminal_restored(pane)
    assert events(tiptoe) == []


def test_a_resize_redraws_the_screen(guide):
    pane = guide("--count-in", "5")
    pane.await_screen(r"Get ready")
    pane.tmux("resize-window", "-x", "50", "-y", "14")
    pane.await_screen(r"\A(?:.*\n){13}space pause/resume · n next · b back · q q", timeout=5)
    pane.send("q")
    pane.await_exit()


def test_on_a_pipe_it_prints_one_plain_line_per_phase(tiptoe):
    path = tiptoe.home / "config" / "tiptoe" / "routine.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ROUTINE.replace("reps = 3", "reps = 1").replace("sets = 2", "sets = 1"))
    started = time.monotonic()
    result = tiptoe.run("guide", "--count-in", "1", "--no-record", env={"TIPTOE_NOW": NOW})
    took = time.monotonic() - started
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert result.stdout.splitlines() == [
        "0:00  Toe presses · Get ready 1 s: Stand and bend your knees",
        "0:01  Toe presses · Go 2 s: Grip the floor: hold for 2 seconds",
        "Finished the exercise (0:03).",
        "Practised Toe presses; not recorded (--no-record).",
    ]
    assert 3 <= took < 10
    assert not (tiptoe.state_dir / "tiptoe.sqlite").exists()


def test_with_nothing_named_it_guides_what_is_due_else_the_next_slot(tiptoe):
    path = tiptoe.home / "config" / "tiptoe" / "routine.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ROUTINE.replace("reps = 3", "reps = 1").replace("sets = 2", "sets = 1")
                    + ROUTINE.split("\n\n", 1)[1].replace("toe-presses", "heel-raises").replace("Toe presses", "Heel raises")
                    .replace('["09:00", "12:00", "18:00"]', '["15:00"]').replace("reps = 3", "reps = 1").replace("sets = 2", "sets = 1"))
    due = tiptoe.run("guide", "--count-in", "0", "--quiet", env={"TIPTOE_NOW": NOW})
    assert due.stdout.splitlines()[0].startswith("0:00  Toe presses · Go 2 s")
    assert "Recorded: Toe presses done (1 of 3 today)" in due.stdout
    # 12:05 again: the 12:00 toe presses are done, so the next reminder's exercise is guided.
    following = tiptoe.run("guide", "--count-in", "0", "--no-record", env={"TIPTOE_NOW": NOW})
    assert following.stdout.splitlines()[0].startswith("0:00  Heel raises · Go 2 s")
    assert "nothing is due now; guiding the next reminder's exercises" in following.stderr
    bad = tiptoe.run("guide", "nonsense", check=False)
    assert bad.returncode == 64 and "no exercise 'nonsense'" in bad.stderr
    both = tiptoe.run("guide", "--all", "toe", check=False)
    assert both.returncode == 64 and "give exercises or --all, not both" in both.stderr
