"""A notification server that answers `Notify` late or never: real dunst behind a relay.

dunst runs on a D-Bus bus of its own; this relay owns org.freedesktop.Notifications on the test's
session bus and passes every call to dunst and every signal back. Told to hold (`Hold(true)` on its
org.tiptoe.Fault interface), it still passes each Notify on, so dunst shows the popup, but keeps the
answer with the id: the caller waits as on a server that never answers, or is killed before the id
comes back. `Hold(false)` sends the held answers, late. dunst itself cannot be made to do this (a
stopped dunst answers nothing, not even GetServerInformation), hence the relay; the popups on screen
are still counted by dunst.

Run as a script it is the relay (`fault_server.py UPSTREAM-ADDRESS`, with Python's GObject
bindings); imported, `slow_dunst()` starts dunst, its bus and the relay for a scenario.
"""
from __future__ import annotations

import contextlib
import os
import selectors
import subprocess
import sys
import time
from pathlib import Path

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = NAME
FAULT = "org.tiptoe.Fault"

XML = f"""<node>
<interface name="{INTERFACE}">
  <method name="GetCapabilities"><arg type="as" direction="out"/></method>
  <method name="Notify">
    <arg type="s" direction="in"/><arg type="u" direction="in"/><arg type="s" direction="in"/>
    <arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="as" direction="in"/>
    <arg type="a{{sv}}" direction="in"/><arg type="i" direction="in"/><arg type="u" direction="out"/>
  </method>
  <method name="CloseNotification"><arg type="u" direction="in"/></method>
  <method name="GetServerInformation">
    <arg type="s" direction="out"/><arg type="s" direction="out"/><arg type="s" direction="out"/>
    <arg type="s" direction="out"/>
  </method>
  <signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
  <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
</interface>
<interface name="{FAULT}">
  <method name="Hold"><arg type="b" direction="in"/></method>
</interface>
</node>"""

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def relay(upstream_address: str) -> None:
    """The relay's main loop; prints `held ID` for each answer it keeps."""
    from gi.repository import Gio, GLib

    session = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    upstream = Gio.DBusConnection.new_for_address_sync(
        upstream_address,
        Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
    holding = False
    held: list = []

    def answer(invocation, method):
        def done(connection, result):
            try:
                reply = connection.call_finish(result)
            except GLib.Error as error:
                invocation.return_gerror(error)
                return
            if method == "Notify" and holding:
                held.append((invocation, reply))
                print(f"held {reply.unpack()[0]}", flush=True)
                return
            invocation.return_value(reply)
        return done

    def called(connection, sender, path, interface, method, parameters, invocation):
        nonlocal holding
        if interface == FAULT:
            holding = parameters.unpack()[0]
            while not holding and held:
                late, reply = held.pop(0)
                late.return_value(reply)
            invocation.return_value(None)
            return
        upstream.call(NAME, PATH, INTERFACE, method, parameters, None, Gio.DBusCallFlags.NONE, -1, None,
                      answer(invocation, method))

    def signalled(connection, sender, path, interface, signal, parameters):
        session.emit_signal(None, PATH, INTERFACE, signal, parameters)

    upstream.signal_subscribe(None, INTERFACE, None, PATH, None, Gio.DBusSignalFlags.NONE, signalled)
    node = Gio.DBusNodeInfo.new_for_xml(XML)
    for interface in node.interfaces:
        session.register_object(PATH, interface, called, None, None)
    Gio.bus_own_name_on_connection(session, NAME, Gio.BusNameOwnerFlags.NONE, None, None)
    GLib.MainLoop().run()


def gi_python() -> str:
    """A Python with the GObject bindings (Debian's python3-gi is for the system's python3)."""
    for python in (sys.executable, "/usr/bin/python3"):
        if Path(python).exists() and subprocess.run(
                [python, "-c", "from gi.repository import Gio"], stderr=subprocess.DEVNULL).returncode == 0:
            return python
    raise AssertionError("Python's GObject bindings are missing (make test-deps installs python3-gi)")


class SlowDunst:
    """dunst behind the relay: `hold()` and `release()` its answers, count what it shows."""

    def __init__(self, relay_process: subprocess.Popen, upstream_env: dict):
        self.relay = relay_process
        self.upstream_env = upstream_env
        os.set_blocking(relay_process.stdout.fileno(), False)
        self._selector = selectors.DefaultSelector()
        self._selector.register(relay_process.stdout, selectors.EVENT_READ)
        self._pending = b""
        self.held: list[int] = []
        self._cursor = 0

    def hold(self, on: bool = True) -> None:
        subprocess.run(["gdbus", "call", "--session", "--dest", NAME, "--object-path", PATH, "--method",
                        f"{FAULT}.Hold", "true" if on else "false"], check=True, capture_output=True, timeout=10)

    def release(self) -> None:
        self.hold(False)

    def await_held(self, timeout: float = 10.0) -> int:
        """The id of the next answer the relay keeps back (dunst has shown that popup by then)."""
        deadline = time.monotonic() + timeout
        while self._cursor >= len(self.held):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._selector.select(remaining):
                raise AssertionError(f"no Notify answer held within {timeout} s")
            chunk = self.relay.stdout.read() or b""
            *lines, self._pending = (self._pending + chunk).split(b"\n")
            self.held += [int(line.split()[1]) for line in lines if line.startswith(b"held ")]
        self._cursor += 1
        return self.held[self._cursor - 1]

    def displayed(self) -> int:
        """How many popups dunst shows now."""
        out = subprocess.run(["dunstctl", "count", "displayed"], env=self.upstream_env, capture_output=True,
                             text=True, check=True, timeout=10)
        return int(out.stdout)


@contextlib.contextmanager
def slow_dunst(directory: Path):
    """dunst on a bus of its own in `directory`, behind the relay on the session bus, for the block."""
    config = directory / "upstream-bus.conf"
    config.write_text(BUS_CONFIG)
    bus = subprocess.Popen(["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
                           stdout=subprocess.PIPE, text=True)
    processes = [bus]
    try:
        address = bus.stdout.readline().strip()
        upstream_env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=address)
        dunstrc = directory / "slow-dunstrc"
        dunstrc.write_text("[global]\n    font = DejaVu Sans 10\n")
        processes.append(subprocess.Popen(["dunst", "-config", str(dunstrc)], env=upstream_env,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        subprocess.run(["gdbus", "wait", "--session", "--timeout", "20", NAME], env=upstream_env, check=True)
        relay_process = subprocess.Popen([gi_python(), __file__, address], stdout=subprocess.PIPE)
        processes.append(relay_process)
        subprocess.run(["gdbus", "wait", "--session", "--timeout", "20", NAME], check=True)
        yield SlowDunst(relay_process, upstream_env)
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait()


if __name__ == "__main__":
    relay(sys.argv[1])
