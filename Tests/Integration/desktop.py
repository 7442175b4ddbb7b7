"""The test desktop made by `with-desktop`, seen from a test.

`Desktop` follows the dbus-monitor log as a stream (a `tail -F` child whose
output is awaited with a deadline, never a fixed sleep), parses the calls to
and signals from org.freedesktop.Notifications, presses buttons through
dunst's context menu, counts open notifications and takes screenshots.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import os
import re
import selectors
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

HEADER = re.compile(r"^(method call|signal|method return|error) time=(?P<time>[0-9.]+) .*member=(?P<member>\w+)")
# A line of dbus-monitor's own structure (not the inside of a multi-line string).
STRUCTURE = re.compile(r"^ {3,}(string \"|u?int(16|32|64) |byte |boolean |double |object path |variant |array \[|dict entry\(|\]|\))")
# Top-level arguments of each member we follow: a message is complete once it has them all.
ARITY = {
    "Notify": 8, "CloseNotification": 1, "ActionInvoked": 2, "NotificationClosed": 2,
    "GetCapabilities": 0, "GetServerInformation": 0, "ActivationToken": 2,
    "NameAcquired": 1, "NameLost": 1,
}


@dataclass
class Message:
    """One message seen by dbus-monitor: its kind, member, wall-clock time and arguments."""
    kind: str
    member: str
    time: float
    args: list = field(default_factory=list)

    # Notify(app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout)
    @property
    def summary(self) -> str:
        return self.args[3]

    @property
    def body(self) -> str:
        return self.args[4]

    @property
    def replaces_id(self) -> int:
        return self.args[1]

    @property
    def actions(self) -> dict:
        """Action key → label."""
        flat = self.args[5]
        return dict(zip(flat[0::2], flat[1::2]))

    @property
    def hints(self) -> dict:
        return dict(self.args[6])

    def __repr__(self):
        if self.member == "Notify":
            return f"Notify({self.summary!r}, replaces={self.replaces_id}, actions={list(self.actions.values())})"
        return f"{self.member}{tuple(self.args)}"


class Parser:
    """Turns dbus-monitor's text into messages, line by line (strings may span lines)."""

    def __init__(self):
        self.current: Message | None = None
        self.stack: list[list] = []
        self.open_string: list[str] | None = None
        self.string_may_end = False
        self.done: list[Message] = []

    def feed(self, line: str) -> None:
        if self.open_string is not None:
            self._continue_string(line)
            return
        header = HEADER.match(line)
        if header:
            self._finish()
            self.current = Message(header.group(1), header.group("member"), float(header.group("time")))
            self.stack = [self.current.args]
            self._maybe_complete()
            return
        if self.current is None:
            return
        text = line.strip()
        if not text:
            return
        if text in ("]", ")"):
            if len(self.stack) > 1:
                self.stack.pop()
            self._maybe_complete()
            return
        if text.startswith("array [") or text.startswith("dict entry("):
            container: list = []
            self.stack[-1].append(container)
            self.stack.append(container)
            if text.endswith("]"):  # `array [` `]` on one line: empty
                self.stack.pop()
            self._maybe_complete()
            return
        if text.startswith("variant"):
            text = text[len("variant"):].strip()
        kind, _, value = text.partition(" ")
        if kind == "string":
            body = value[1:] if value.startswith('"') else value
            if body.endswith('"') and len(value) >= 2:
                self.stack[-1].append(body[:-1])
                self._maybe_complete()
            else:
                self.open_string = [body]
                self.string_may_end = False
            return
        if kind in ("uint32", "int32", "int64", "uint64", "byte", "int16", "uint16"):
            self.stack[-1].append(int(value.split()[0]))
        elif kind == "boolean":
            self.stack[-1].append(value == "true")
        elif kind == "double":
            self.stack[-1].append(float(value))
        else:
            self.stack[-1].append(value)
        self._maybe_complete()

    def _continue_string(self, line: str) -> None:
        # A line ending in a quote may end the string or be part of it: the next line decides.
        assert self.open_string is not None
        if self.string_may_end and (HEADER.match(line) or STRUCTURE.match(line)):
            text = "\n".join(self.open_string)
            self.stack[-1].append(text[:-1])
            self.open_string = None
            self.string_may_end = False
            self._maybe_complete()
            self.feed(line)
            return
        self.open_string.append(line)
        self.string_may_end = line.endswith('"')

    def _maybe_complete(self) -> None:
        message = self.current
        if message is None or len(self.stack) != 1:
            return
        if message.member in ARITY and len(message.args) >= ARITY[message.member]:
            self._finish()

    def _finish(self) -> None:
        if self.current is not None:
            self.done.append(self.current)
        self.current = None
        self.stack = []
        self.open_string = None


class Desktop:
    """The running test desktop (only inside `with-desktop`)."""

    def __init__(self):
        self.dir = Path(os.environ["TIPTOE_DESKTOP_DIR"])
        self.monitor = Path(os.environ["TIPTOE_DESKTOP_MONITOR"])
        self.press_file = Path(os.environ["TIPTOE_DESKTOP_PRESS"])
        self.has_server = not os.environ.get("TIPTOE_DESKTOP_NO_SERVER")
        self.messages: list[Message] = []
        self._parser = Parser()
        self._tail = subprocess.Popen(
            ["tail", "-F", "-n", "+1", str(self.monitor)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )
        os.set_blocking(self._tail.stdout.fileno(), False)
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._tail.stdout, selectors.EVENT_READ)
        self._pending = b""
        self._consumed = 0
        self._seen = 0  # messages before it were there before the test
        self._cursor = 0  # messages before it are already consumed by await_* calls

    def close(self) -> None:
        self._selector.close()
        self._tail.kill()
        self._tail.wait()

    # -- the monitor stream -------------------------------------------------------------------

    def _pump(self, deadline: float) -> bool:
        """Reads what the monitor wrote until `deadline`; true when something arrived."""
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not self._selector.select(remaining):
            return False
        chunk = self._tail.stdout.read() or b""
        self._consumed += len(chunk)
        data = self._pending + chunk
        *lines, self._pending = data.split(b"\n")
        for line in lines:
            self._parser.feed(line.decode("utf-8", "replace"))
        self.messages.extend(self._parser.done)
        self._parser.done.clear()
        return True

    def drain(self, quiet: float = 0.0) -> list[Message]:
        """Everything the monitor has written so far (and for `quiet` more seconds)."""
        deadline = time.monotonic() + quiet
        self._pump(time.monotonic() + 0.05)
        while self._pump(deadline):
            pass
        return self.messages

    def await_message(self, member: str, where=lambda m: True, timeout: float = 5.0) -> Message:
        """The next `member` message after those already awaited that satisfies `where`."""
        deadline = time.monotonic() + timeout
        while True:
            for index in range(self._cursor, len(self.messages)):
                message = self.messages[index]
                if message.member == member and message.kind != "method return" and where(message):
                    self._cursor = index + 1
                    return message
            if not self._pump(deadline) and time.monotonic() >= deadline:
                seen = [m for m in self.messages[self._cursor:] if m.member not in ("NameAcquired", "NameLost")]
                pytest.fail(f"no {member} within {timeout} s; seen since: {seen}")

    def await_notify(self, where=lambda m: True, timeout: float = 5.0) -> Message:
        return self.await_message("Notify", where, timeout)

    def expect_no(self, member: str, within: float, where=lambda m: True) -> None:
        """Fails if a `member` message (after the awaited ones) shows up within `within` seconds."""
        deadline = time.monotonic() + within
        while True:
            extra = [m for m in self.messages[self._cursor:] if m.member == member and where(m)]
            if extra:
                pytest.fail(f"unexpected {member}: {extra}")
            if not self._pump(deadline) and time.monotonic() >= deadline:
                return

    def skip_seen(self, timeout: float = 10.0) -> None:
        """Treats everything the monitor recorded so far as already awaited."""
        size = self.monitor.stat().st_size
        deadline = time.monotonic() + timeout
        while self._consumed < size and self._pump(deadline):
            pass
        self._cursor = self._seen = len(self.messages)

    def notifies(self) -> list[Message]:
        """Every Notify call since the test began (awaited or not)."""
        return [m for m in self.drain()[self._seen:] if m.member == "Notify"]

    # -- the notification server --------------------------------------------------------------

    def press(self, label: str, attempts: int = 5) -> Message:
        """Presses the button labelled `label` (a prefix is enough) of the open notification; returns
        the ActionInvoked signal, without counting it as awaited.

        dunst may not have drawn a notification yet when its Notify call is seen; then the context
        menu is empty and nothing is pressed, so the press is tried again once the signal fails to come.
        """
        self.press_file.write_text(label)
        for _ in range(attempts):
            start = len(self.messages)
            subprocess.run(["dunstctl", "context"], check=True, timeout=10)
            deadline = time.monotonic() + 1.0
            while True:
                found = [m for m in self.messages[start:] if m.member == "ActionInvoked"]
                if found:
                    return found[0]
                if not self._pump(deadline) and time.monotonic() >= deadline:
                    break
        pytest.fail(f"pressing {label!r} did not invoke an action ({attempts} tries); menus: "
                    + (self.dir / "menus.log").read_text() if (self.dir / "menus.log").exists() else "none")

    def displayed(self) -> int:
        """How many notifications dunst shows right now."""
        out = subprocess.run(["dunstctl", "count", "displayed"], capture_output=True, text=True, check=True)
        return int(out.stdout.strip())

    def history(self) -> list[dict]:
        """Notifications dunst has closed, newest first: summary, body, id."""
        out = subprocess.run(["dunstctl", "history"], capture_output=True, text=True, check=True)
        entries = json.loads(out.stdout)["data"][0]
        return [{key: entry[key]["data"] for key in ("id", "summary", "body")} for entry in entries]

    def screenshot(self, path: Path, crop: str | None = None) -> Path:
        """What the user sees (`import -window root`); `crop` is ImageMagick geometry, e.g. 460x260+820+0."""
        path.parent.mkdir(parents=True, exist_ok=True)
        command = ["import", "-window", "root"]
        if crop:
            command += ["-crop", crop, "+repage"]
        subprocess.run(command + [str(path)], check=True, timeout=30)
        return path


def in_desktop() -> bool:
    return "TIPTOE_DESKTOP_MONITOR" in os.environ and shutil.which("dunstctl") is not None


# -- the agent ---------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("TIPTOE_BIN", ROOT / ".build" / "debug" / "tiptoe"))


def faketime(spec: str | None = None, file: Path | None = None) -> list[str]:
    """A command prefix that runs a program on a fake clock (Debian's `faketime`).

    `spec` is a fixed FAKETIME setting (`@2026-10-25 00:25:00 x300`); with `file` instead, the clock
    is read from that file on every call, so a test can move it while the program runs.

    The `faketime` wrapper is needed even in file mode: it sets up libfaketime's shared memory and
    names it in FAKETIME_SHARED. Without that, libfaketime calls setenv() while the process starts,
    which moves `environ`, and the Swift runtime, which finds argv next to the original `environ`,
    then sees no arguments at all.
    """
    assert shutil.which("faketime"), "faketime is missing (apt-get install faketime)"
    sweep_faketime_leftovers()
    if file is not None:
        return ["faketime", "-f", "+0", "env", "-u", "FAKETIME", f"FAKETIME_TIMESTAMP_FILE={file}",
                "FAKETIME_NO_CACHE=1", "FAKETIME_DONT_FAKE_MONOTONIC=1", "NO_FAKE_STAT=1"]
    return ["faketime", "-f", spec, "env", "FAKETIME_DONT_FAKE_MONOTONIC=1", "NO_FAKE_STAT=1"]


def sweep_faketime_leftovers() -> None:
    """Removes what killed `faketime` wrappers left in /dev/shm (`sem.faketime_sem_PID`,
    `faketime_shm_PID`), for pids no longer running: a new wrapper that happens to get such a pid
    would refuse to start."""
    for path in Path("/dev/shm").glob("*faketime_*_*"):
        pid = path.name.rsplit("_", 1)[-1]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            try:
                path.unlink(missing_ok=True)
            except PermissionError:  # another user's: not ours to tidy
                pass


class AgentProcess:
    """`tiptoe agent` running in the background; its stderr is a stream awaited with deadlines."""

    def __init__(self, env: dict, *args: str, prefix: list[str] | None = None, binary: Path = BIN):
        # A session of its own, so that a wrapper (faketime) and the agent can be killed together
        # should the agent not stop when asked.
        self.proc = subprocess.Popen(
            [*(prefix or []), str(binary), "agent", *args], env=env, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        )
        self.wrapped = bool(prefix)
        os.set_blocking(self.proc.stderr.fileno(), False)
        self._selector = selectors.DefaultSelector()
        self._selector.register(self.proc.stderr, selectors.EVENT_READ)
        self._pending = b""
        self._eof = False
        self.lines: list[str] = []
        self._cursor = 0

    @property
    def pid(self) -> int:
        """The agent's pid (behind a wrapper, the one it logs at start)."""
        if not self.wrapped:
            return self.proc.pid
        started = [line for line in self.lines if "started (pid " in line]
        if not started:
            self.await_line(r"started \(pid ")
            started = [line for line in self.lines if "started (pid " in line]
        return int(started[0].split("started (pid ")[1].split(")")[0])

    def _pump(self, deadline: float) -> bool:
        """Reads stderr until `deadline`; false on timeout or at the end of the stream."""
        if self._eof:
            return False
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not self._selector.select(remaining):
            return False
        chunk = self.proc.stderr.read()
        if chunk is None:
            return True
        if chunk == b"":
            self._eof = True
            return False
        *lines, self._pending = (self._pending + chunk).split(b"\n")
        self.lines += [line.decode("utf-8", "replace") for line in lines]
        return True

    def await_line(self, pattern: str, timeout: float = 5.0) -> str:
        """The next stderr line (after those awaited before) matching the regex `pattern`."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            for index in range(self._cursor, len(self.lines)):
                if regex.search(self.lines[index]):
                    self._cursor = index + 1
                    return self.lines[index]
            if not self._pump(deadline):
                if self._eof:
                    pytest.fail(f"the agent ended ({self.proc.wait()}) before /{pattern}/:\n" + self.log())
                if time.monotonic() >= deadline:
                    pytest.fail(f"no /{pattern}/ from the agent within {timeout} s:\n" + self.log())

    def log(self) -> str:
        self.drain()
        return "\n".join(self.lines)

    def drain(self) -> None:
        """Reads what the agent wrote so far."""
        try:
            while self._pump(time.monotonic() + 0.05):
                pass
        except (ValueError, OSError):  # already closed
            pass

    def count(self, pattern: str) -> int:
        self.drain()
        return sum(1 for line in self.lines if re.search(pattern, line))

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, sig: int = 15, timeout: float = 10) -> int:
        """Signals the agent and waits for it (behind a wrapper, for the wrapper's exit status).

        Behind `faketime` only the agent is signalled: the wrapper has no signal handlers, and
        killed itself it would leave its semaphore and shared memory in /dev/shm, named by its pid.
        With pids reused (pid_max is 32768 here) a later wrapper then fails with "sem_open: File
        exists". Waiting for the wrapper lets it remove them.
        """
        if self.proc.poll() is None:
            os.kill(self._wrapped_child() or self.proc.pid, sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, 9)
            raise
        finally:
            self.drain()
            self._selector.close()

    def _wrapped_child(self) -> int | None:
        """The program a forking wrapper runs (the agent), from the kernel's list of its children;
        None for a wrapper that execs the agent (`unshare`) and for no wrapper."""
        if not self.wrapped:
            return None
        try:
            children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
        except OSError:
            return None
        return int(children[0]) if children else None

    def await_quiet(self, window: float = 1.0, timeout: float = 15.0) -> None:
        """Waits until the agent has not woken up for `window` seconds (start-up's last D-Bus replies
        and writes are over; on a loaded machine they take longer), failing after `timeout`."""
        deadline = time.monotonic() + timeout
        last = self.context_switches()
        while time.monotonic() < deadline:
            time.sleep(window)  # measuring quiet: there is no event to await
            now = self.context_switches()
            if now == last:
                return
            last = now
        pytest.fail(f"the agent kept waking up for {timeout} s:\n" + self.log())

    def wakeups(self, seconds: float) -> int:
        """How often the agent woke up in the next `seconds`."""
        before = self.context_switches()
        time.sleep(seconds)  # measuring idleness: there is nothing to await
        return self.context_switches() - before

    def context_switches(self) -> int:
        """Voluntary context switches of all the agent's threads so far: how often it woke up."""
        total = 0
        for status in Path(f"/proc/{self.pid}/task").glob("*/status"):
            for line in status.read_text().splitlines():
                if line.startswith("voluntary_ctxt_switches:"):
                    total += int(line.split()[1])
        return total

    def rss_kib(self) -> int:
        return self.memory_kib()["Rss"]

    def memory_kib(self) -> dict[str, int]:
        """The agent's memory from /proc/PID/smaps_rollup: Rss, Pss, Anonymous, Private_Dirty …, in KiB."""
        memory = {}
        for line in Path(f"/proc/{self.pid}/smaps_rollup").read_text().splitlines()[1:]:
            key, _, value = line.partition(":")
            memory[key] = int(value.split()[0])
        return memory


# -- fixtures and helpers of the agent tests ----------------------------------------------------

needs_desktop = pytest.mark.skipif(
    not in_desktop(), reason="runs inside the test desktop: Tests/Integration/with-desktop python3 -m pytest ..."
)


@pytest.fixture
def desktop():
    """The test desktop, with what earlier tests left behind closed and already seen."""
    subprocess.run(["dunstctl", "close-all"], check=False)
    desk = Desktop()
    desk.skip_seen()
    yield desk
    subprocess.run(["dunstctl", "close-all"], check=False)
    desk.close()


@pytest.fixture
def agents(tiptoe):
    """Starts `tiptoe agent` processes with the test's environment; stops those left at the end."""
    started: list[AgentProcess] = []

    def start(*args: str, env: dict | None = None, prefix: list[str] | None = None, unset=()) -> AgentProcess:
        merged = {k: v for k, v in dict(tiptoe.env, **(env or {})).items() if k not in unset}
        agent = AgentProcess(merged, *args, prefix=prefix)
        started.append(agent)
        return agent

    yield start
    for agent in started:
        if agent.alive():
            agent.stop(9)


def ahead(seconds: float) -> tuple[float, str]:
    """A whole second `seconds` from now: its epoch time and its `HH:MM:SS` in UTC (the tests' TZ)."""
    epoch = math.floor(time.time()) + seconds
    moment = dt.datetime.fromtimestamp(epoch, dt.timezone.utc)
    if moment.date() != dt.datetime.now(dt.timezone.utc).date():
        pytest.skip("too close to midnight UTC for a slot a few seconds ahead")
    return epoch, moment.strftime("%H:%M:%S")


def write_routine(tiptoe, exercises: list[tuple[str, str, list[str]]], day: str = "",
                  days: list[str] | None = None) -> None:
    """Writes `$XDG_CONFIG_HOME/tiptoe/routine.toml` with exercises (id, title, `at` times), on `days`
    (`["mon", …]`) when given."""
    write_routine_in(tiptoe.home, exercises, day, days)


def write_routine_in(home: Path, exercises: list[tuple[str, str, list[str]]], day: str = "",
                     days: list[str] | None = None) -> None:
    """`write_routine` for the home directory `home` (a scenario's, which has no fixture)."""
    text = 'name = "Test routine"\n[day]\nstart = "00:00"\nend = "23:59"\n' + day + "\n"
    for ident, title, times in exercises:
        text += f'[[exercise]]\nid = "{ident}"\ntitle = "{title}"\n'
        text += "at = [" + ", ".join(f'"{t}"' for t in times) + "]\n"
        if days:
            text += "days = [" + ", ".join(f'"{d}"' for d in days) + "]\n"
        text += 'steps = ["Stand & bend your knees", "Grip the floor with your toes", "Hold 3 s, let go"]\n'
        text += 'reps = 10\nhold = "3s"\nminutes = 2\n\n'
    path = home / "config" / "tiptoe" / "routine.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def start_button() -> list[str]:
    """The Start button the agent adds where it finds a terminal to open the guide in (the tests'
    environment has no $TERMINAL, so the machine's xdg-terminal-exec or x-terminal-emulator decides)."""
    return ["Start"] if shutil.which("xdg-terminal-exec") or shutil.which("x-terminal-emulator") else []


def history(tiptoe, **kwargs) -> list[dict]:
    """Every event of the log, oldest first."""
    return tiptoe.json("log", "--since", "2000-01-01", "--json", **kwargs)["events"]


def kinds(tiptoe, slot: str, **kwargs) -> list[str]:
    """The kinds of the events of one slot, in order."""
    return [event["kind"] for event in history(tiptoe, **kwargs) if event["slot"] == slot]


def notification_id(line: str) -> int:
    """The id in the agent's `shown (...) as notification N: ...` line."""
    return int(line.split(" as notification ")[1].split(":")[0])


# -- scenarios in a desktop of their own ---------------------------------------------------------

def run_in_own_desktop(tiptoe, script: str, *args: str) -> None:
    """Runs `script` (a test file whose `__main__` calls its scenario with the home directory, then
    `args`) in a nested `with-desktop` with no notification server, and asserts that it printed
    "scenario passed"."""
    from conftest import BIN

    here = Path(__file__).resolve().parent
    env = dict(tiptoe.env, TIPTOE_DESKTOP_NO_SERVER="1", TIPTOE_BIN=str(BIN), PYTHONPATH=str(here))
    result = subprocess.run(
        [str(here / "with-desktop"), sys.executable, script, str(tiptoe.home), *args],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, f"scenario failed:\n{result.stdout}\n{result.stderr}"
    assert "scenario passed" in result.stdout


def scenario_env(home: Path) -> dict:
    """The environment of an agent or command in a scenario: the nested desktop, `home`'s files, UTC."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIPTOE_") or k.startswith("TIPTOE_DESKTOP")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_STATE_HOME=str(home / "state"), TZ="UTC")
    return env


@contextlib.contextmanager
def scenario_agent(env: dict):
    """A scenario's agent, and a `Desktop` watching the bus from before it starts; both stopped after
    the block."""
    desk = Desktop()
    agent = AgentProcess(env)
    try:
        yield desk, agent
    finally:
        agent.stop()
        desk.close()


@contextlib.contextmanager
def notification_server(*command: str):
    """Runs a notification server (`command`) for the block, which starts once it owns
    org.freedesktop.Notifications on the session bus."""
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        subprocess.run(["gdbus", "wait", "--session", "--timeout", "20", "org.freedesktop.Notifications"], check=True)
        yield server
    finally:
        server.terminate()
        server.wait()
