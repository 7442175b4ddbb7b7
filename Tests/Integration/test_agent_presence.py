"""Reminders wait while nobody is there: the agent's presence monitor against real D-Bus services.

Runs inside `Tests/Integration/with-desktop` (dunst on a private session bus). python-dbusmock's
`logind` template runs on a private system bus of the test's own (DBUS_SYSTEM_BUS_ADDRESS), its
`gnome_screensaver` template and a bare mock of Mutter's idle monitor on the session bus; the test
switches them with `gdbus call`, as a desktop would. Every wait is for an awaited event (a Notify
seen by dbus-monitor, a line of the agent's log) with a deadline.
"""
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop import (  # noqa: F401  (fixtures)
    agents, ahead, desktop, kinds, needs_desktop, run_in_own_desktop, write_routine,
)

pytestmark = needs_desktop

SESSION = "c1"


def slot_id(exercise: str, ordinal: int = 1) -> str:
    return f"{exercise}/{time.strftime('%Y-%m-%d', time.gmtime())}/{ordinal}"


def dbusmock_python() -> str:
    """A Python that has python-dbusmock (the Debian package installs it for the system's python3)."""
    for python in (sys.executable, "/usr/bin/python3"):
        if Path(python).exists() and subprocess.run([python, "-c", "import dbusmock"], stderr=subprocess.DEVNULL).returncode == 0:
            return python
    pytest.fail("python-dbusmock is missing (make test-deps installs python3-dbusmock)")


def gdbus(bus: str, env: dict, dest: str, path: str, method: str, *args: str) -> str:
    done = subprocess.run(
        ["gdbus", "call", f"--{bus}", "--dest", dest, "--object-path", path, "--method", method, *args],
        env=env, capture_output=True, text=True, timeout=10)
    assert done.returncode == 0, done.stderr
    return done.stdout


class Mocks:
    """The mock desktop services of one test, and the buses they are on."""

    def __init__(self, tmp: Path):
        self.python = dbusmock_python()
        self.processes: list[subprocess.Popen] = []
        self.env = dict(os.environ)
        self.tmp = tmp

    def system_bus(self) -> None:
        """A private bus standing in for the system bus (the desktop's bus configuration, no services)."""
        config = Path(os.environ["TIPTOE_DESKTOP_DIR"]) / "bus.conf"
        bus = subprocess.Popen(["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
                               stdout=subprocess.PIPE, text=True)
        self.processes.append(bus)
        self.env["DBUS_SYSTEM_BUS_ADDRESS"] = bus.stdout.readline().strip()

    def start(self, bus: str, name: str, *args: str) -> None:
        """python-dbusmock (`args`: a template, or name, path and interface) on `bus`; awaits its name."""
        log = open(self.tmp / f"{name}.log", "w")
        self.processes.append(subprocess.Popen(
            [self.python, "-m", "dbusmock", *(["--system"] if bus == "system" else []), *args],
            env=self.env, stdout=log, stderr=subprocess.STDOUT))
        subprocess.run(["gdbus", "wait", f"--{bus}", "--timeout", "10", name], env=self.env, check=True)

    def logind(self, session_id: bool = True) -> None:
        """logind with a session `c1` of this user; `session_id`: the agent gets $XDG_SESSION_ID, else
        (as a systemd user service) it has none and the session is the user's `Display`."""
        self.system_bus()
        login1 = "org.freedesktop.login1"
        self.start("system", login1, "--template", "logind")
        session = gdbus("system", self.env, login1, "/org/freedesktop/login1", "org.freedesktop.DBus.Mock.AddSession",
                        SESSION, "seat0", str(os.getuid()), "tester", "true").strip()[1:-2]
        if session_id:
            self.env["XDG_SESSION_ID"] = SESSION
        else:
            self.env.pop("XDG_SESSION_ID", None)
            # The template's GetUser adds a str to a UInt32 and fails (python-dbusmock 0.28.7): replaced.
            gdbus("system", self.env, login1, "/org/freedesktop/login1", "org.freedesktop.DBus.Mock.AddMethod",
                  f"{login1}.Manager", "GetUser", "u", "o", 'ret = "/org/freedesktop/login1/user/%i" % args[0]')
            gdbus("system", self.env, login1, f"/org/freedesktop/login1/user/{os.getuid()}",
                  "org.freedesktop.DBus.Properties.Set", f"{login1}.User", "Display",
                  f"<('{SESSION}', objectpath {session})>")

    def lock(self, locked: bool) -> None:
        gdbus("system", self.env, "org.freedesktop.login1", f"/org/freedesktop/login1/session/{SESSION}",
              "org.freedesktop.login1.Session.SetLockedHint", "true" if locked else "false")

    def screensaver(self) -> None:
        self.start("session", "org.gnome.ScreenSaver", "--template", "gnome_screensaver")

    def screensaver_active(self, active: bool) -> None:
        gdbus("session", self.env, "org.gnome.ScreenSaver", "/org/gnome/ScreenSaver",
              "org.gnome.ScreenSaver.SetActive", "true" if active else "false")

    IDLE = ("org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core")

    def idle_monitor(self) -> None:
        """Mutter's idle monitor: the idle watch is number 1, the user-active watch number 2."""
        name, path = self.IDLE
        self.start("session", name, name, path, name)
        for method, in_sig, out_sig, code in [("GetIdletime", "", "t", "ret = 0"), ("AddIdleWatch", "t", "u", "ret = 1"),
                                              ("AddUserActiveWatch", "", "u", "ret = 2"),
                                              ("RemoveWatch", "u", "", "")]:
            gdbus("session", self.env, name, path, "org.freedesktop.DBus.Mock.AddMethod", name, method, in_sig,
                  out_sig, code)

    def watch_fired(self, watch: int) -> None:
        name, path = self.IDLE
        gdbus("session", self.env, name, path, "org.freedesktop.DBus.Mock.EmitSignal", name, "WatchFired", "u",
              f"[<uint32 {watch}>]")

    def gnome_settings(self) -> None:
        """GSettings in a keyfile ($XDG_CONFIG_HOME/glib-2.0/settings/keyfile, the same config directory as
        the tiptoe fixture's), which GLib's keyfile backend watches; the schema is gsettings-desktop-schemas'."""
        self.env.update(GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=str(self.tmp / "config"))

    def show_banners(self, show: bool) -> None:
        """GNOME's do-not-disturb switch, flipped as GNOME Settings would, with `gsettings`."""
        subprocess.run(["gsettings", "set", "org.gnome.desktop.notifications", "show-banners",
                        "true" if show else "false"], env=self.env, check=True, timeout=10)

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
            process.wait(10)


def slot_ahead(tiptoe, agents, *args: str, seconds: int = 3, env: dict | None = None):
    """An agent (options `args`) whose routine has one Toe presses slot `seconds` ahead; returns the
    agent and the slot's HH:MM:SS."""
    _, clock = ahead(seconds)
    write_routine(tiptoe, [("toe-presses", "Toe presses", [clock])])
    return agents(*args, env=env), clock


def held_then_shown(desk, release, meanwhile=lambda: None):
    """Nothing is shown while held (the slot passes; then `meanwhile()` runs); once `release()` has
    run, one Notify within 1 s."""
    desk.expect_no("Notify", within=5.0, where=lambda m: m.args[0] == "tiptoe")
    meanwhile()
    back = time.time()
    release()
    note = desk.await_notify(lambda m: m.args[0] == "tiptoe", timeout=3)
    assert note.time - back < 1.0, note
    return note


@pytest.fixture
def mocks(tmp_path):
    started = Mocks(tmp_path)
    yield started
    started.stop()


def test_locked_before_the_slot_nothing_shows_until_unlocked_and_nothing_is_missed(tiptoe, desktop, agents, mocks):
    mocks.logind()
    agent, _ = slot_ahead(tiptoe, agents, env=mocks.env)
    agent.await_line(r"presence: locked no, away no, do-not-disturb no")
    mocks.lock(True)
    agent.await_line(r"presence: logind LockedHint yes → locked yes.*; reminders wait")
    out = tiptoe.run("status").stdout
    assert "Presence: locked since " in out and "reminders wait until you are back" in out

    def held():
        out = tiptoe.run("status").stdout
        assert "Held until you are back: Toe presses" in out
        assert out.rstrip().endswith("Next: when you are back")
        data = tiptoe.json("status", "--json")
        assert data["presence"]["locked"] is True and data["presence"]["holding"] == ["locked"]
        assert data["held"] == [slot_id("toe-presses")] and data["next"] is None

    note = held_then_shown(desktop, lambda: mocks.lock(False), meanwhile=held)
    assert note.summary.startswith("Toe presses")
    assert "while you were away" in note.body
    agent.await_line(r"shown \(catchUp\)")
    assert kinds(tiptoe, slot_id("toe-presses")) == ["fired"]
    assert agent.count(r"syncing") == 0, "without sync.toml, unlocking starts no round"


def test_locked_past_the_catch_up_window_it_is_logged_missed_and_one_summary_says_so(
        tiptoe, desktop, agents, mocks):
    mocks.logind()
    agent, clock = slot_ahead(tiptoe, agents, "--catch-up", "2s", env=mocks.env, seconds=2)
    agent.await_line(r"presence: locked no")
    mocks.lock(True)
    agent.await_line(r"reminders wait")
    desktop.expect_no("Notify", within=6.0, where=lambda m: m.args[0] == "tiptoe")  # past slot + 2 s
    assert kinds(tiptoe, slot_id("toe-presses")) == [], "nothing is missed while nobody is there"
    mocks.lock(False)
    agent.await_line(r"missed: toe-presses/")
    note = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=3)
    assert note.summary == "While you were away"
    assert note.body == f"Logged missed while you were away: Toe presses {clock[:5]}."
    assert kinds(tiptoe, slot_id("toe-presses")) == ["missed"]
    desktop.expect_no("Notify", within=1.0, where=lambda m: m.args[0] == "tiptoe")


# Each source on its own: how to start it, the agent's options, its state before, how to hold, the
# agent's line then, and how to release.
SOURCES = {
    "logind without $XDG_SESSION_ID (a systemd user service): the user's Display session": (
        lambda m: m.logind(session_id=False), (), "locked no, away no", lambda m: m.lock(True),
        r"logind LockedHint yes → locked yes", lambda m: m.lock(False)),
    "the GNOME screen saver": (
        Mocks.screensaver, (), "locked no", lambda m: m.screensaver_active(True),
        r"org.gnome.ScreenSaver at /org/gnome/ScreenSaver yes → locked yes", lambda m: m.screensaver_active(False)),
    "Mutter's idle watch, then its user-active watch": (
        Mocks.idle_monitor, ("--away-after", "2m"), "locked unknown, away no", lambda m: m.watch_fired(1),
        r"org.gnome.Mutter.IdleMonitor yes → .*away yes", lambda m: m.watch_fired(2)),
    "GNOME's show-banners setting (GSettings, keyfile backend)": (
        Mocks.gnome_settings, (), "locked unknown, away unknown, do-not-disturb no", lambda m: m.show_banners(False),
        r"GNOME show-banners off yes → .*do-not-disturb yes", lambda m: m.show_banners(True)),
}


@pytest.mark.parametrize("source", SOURCES.keys())
def test_each_source_holds_reminders_until_released(tiptoe, desktop, agents, mocks, source):
    start, options, before, hold, held, release = SOURCES[source]
    start(mocks)
    agent, _ = slot_ahead(tiptoe, agents, *options, env=mocks.env)
    agent.await_line(f"presence: {before}")
    hold(mocks)
    agent.await_line(held + r".*; reminders wait")
    held_then_shown(desktop, lambda: release(mocks))
    assert kinds(tiptoe, slot_id("toe-presses")) == ["fired"]


def test_dunst_paused_is_do_not_disturb(tiptoe, desktop, agents):
    agent, _ = slot_ahead(tiptoe, agents)
    agent.await_line(r"presence: .*do-not-disturb no")
    subprocess.run(["dunstctl", "set-paused", "true"], check=True)
    try:
        agent.await_line(r"dunst paused yes → .*do-not-disturb yes; reminders wait")
        held_then_shown(desktop, lambda: subprocess.run(["dunstctl", "set-paused", "false"], check=True))
    finally:
        subprocess.run(["dunstctl", "set-paused", "false"], check=True)


def test_the_notification_servers_inhibited_property_is_do_not_disturb(tiptoe):
    """A server with `Inhibited` (KDE's), here python-dbusmock's notification daemon with the
    property added: run in a desktop of its own, without dunst."""
    run_in_own_desktop(tiptoe, __file__)


def scenario(home: Path) -> None:
    """Runs inside the nested desktop; raises on the first thing that is not as it should be."""
    from desktop import scenario_agent, scenario_env, write_routine_in

    env = scenario_env(home)
    server = subprocess.Popen([dbusmock_python(), "-m", "dbusmock", "--template", "notification_daemon"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    name, path = "org.freedesktop.Notifications", "/org/freedesktop/Notifications"
    try:
        subprocess.run(["gdbus", "wait", "--session", "--timeout", "10", name], check=True)
        gdbus("session", env, name, path, "org.freedesktop.DBus.Mock.AddProperty", name, "Inhibited", "<false>")
        _, clock = ahead(3)
        write_routine_in(home, [("toe-presses", "Toe presses", [clock])])
        with scenario_agent(env) as (desk, agent):
            agent.await_line(r"presence: .*do-not-disturb no")
            gdbus("session", env, name, path, "org.freedesktop.DBus.Mock.UpdateProperties", name,
                  "{'Inhibited': <true>}")
            agent.await_line(r"notifications Inhibited yes → .*do-not-disturb yes; reminders wait")
            held_then_shown(desk, lambda: gdbus("session", env, name, path,
                                                "org.freedesktop.DBus.Mock.UpdateProperties", name,
                                                "{'Inhibited': <false>}"))
    finally:
        server.terminate()
        server.wait(10)
    print("scenario passed")


def test_no_presence_shows_reminders_into_a_locked_screen(tiptoe, desktop, agents, mocks):
    mocks.logind()
    mocks.lock(True)
    epoch, clock = ahead(3)
    write_routine(tiptoe, [("toe-presses", "Toe presses", [clock])])
    agent = agents("--no-presence", env=mocks.env)
    agent.await_line(r"next: ")
    note = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
    assert note.time - epoch < 1.0
    assert agent.count(r"presence:") == 0
    assert "Presence" not in tiptoe.run("status").stdout


def test_with_every_mock_running_the_idle_agent_does_not_wake_up(tiptoe, desktop, agents, mocks):
    mocks.logind()
    mocks.screensaver()
    mocks.idle_monitor()
    mocks.gnome_settings()
    today = time.strftime("%a", time.gmtime()).lower()
    write_routine(tiptoe, [("toe-presses", "Toe presses", ["23:59:58"])], days=[today])
    agent = agents(env=mocks.env)
    agent.await_line(r"presence: locked no, away no, do-not-disturb no")
    agent.await_line(r"next: ")
    agent.await_quiet()
    woke = agent.wakeups(60)
    assert woke == 0, f"{woke} wake-ups in 60 s while idle"


if __name__ == "__main__":
    scenario(Path(sys.argv[1]))
