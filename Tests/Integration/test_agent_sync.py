"""The agent and sync together: a reminder settled on another machine is closed and never shown.

Runs inside `Tests/Integration/with-desktop` (dunst on a private session bus) with a real Radicale on
127.0.0.1 (test_sync.py's) and two homes: the test's own is the desktop, whose agent shows reminders
on dunst; a second one is the laptop, used from the command line. The agent's rounds run on their
own schedule, so each test awaits what they cause (a line of the agent's log, a CloseNotification)
with a deadline. The unlock and resume tests drive python-dbusmock's logind on a private system bus,
as test_agent_presence.py does.
"""
import time

import pytest

from conftest import Tiptoe
from desktop import (  # noqa: F401  (fixtures)
    agents, ahead, desktop, history, needs_desktop, notification_id, write_routine_in,
)
from test_agent_presence import Mocks, gdbus, mocks  # noqa: F401  (fixture)
from test_sync import PASSWORD, Radicale

pytestmark = needs_desktop


@pytest.fixture
def radicale(tmp_path):
    (tmp_path / "radicale").mkdir()
    server = Radicale(tmp_path / "radicale")
    server.start()
    yield server
    server.stop()


def configure(home, device: str, radicale: Radicale) -> None:
    config = home / "config" / "tiptoe" / "sync.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        f'[caldav]\nurl = "{radicale.url}"\nusername = "alice"\npassword = "{PASSWORD}"\ndevice = "{device}"\n')
    config.chmod(0o600)


def two_machines(tiptoe, tmp_path, radicale, seconds: int, others=()):
    """The laptop (synced once, so the collections exist) and the desktop (the test's home), with the
    same routine: one Toe presses slot `seconds` ahead (and one of each of `others`, (id, title), at
    the same time). Returns the laptop, the Toe presses slot's id and its epoch."""
    laptop = Tiptoe(tmp_path / "laptop")
    configure(laptop.home, "laptop", radicale)
    configure(tiptoe.home, "desktop", radicale)
    write_routine_in(laptop.home, [("toe-presses", "Toe presses", ["00:00"])])
    laptop.run("sync")
    # The slot's time is chosen after that round, however long it took; its id stays the same.
    epoch, clock = ahead(seconds)
    for home in (laptop.home, tiptoe.home):
        write_routine_in(home, [("toe-presses", "Toe presses", [clock])] + [(i, t, [clock]) for i, t in others])
    return laptop, f"toe-presses/{time.strftime('%Y-%m-%d', time.gmtime(epoch))}/1", epoch


def from_tiptoe(message) -> bool:
    return message.args[0] == "tiptoe"


def events_of(tiptoe, slot: str) -> list:
    return [(e["kind"], e["device"]) for e in history(tiptoe) if e["slot"] == slot]


def test_done_on_the_laptop_closes_the_open_reminder_and_it_never_shows_again(
        tiptoe, tmp_path, radicale, desktop, agents):
    laptop, slot, epoch = two_machines(tiptoe, tmp_path, radicale, 4)
    agent = agents("--sync-every", "2s", "--nudge-after", "8s")
    desktop.await_notify(from_tiptoe, timeout=10)
    shown = notification_id(agent.await_line(r"shown \(due\)"))
    laptop.run("done", "toe-presses")
    laptop.run("sync")
    agent.await_line(rf"answered elsewhere: {slot}", timeout=10)
    desktop.await_message("CloseNotification", lambda m: m.args[0] == shown)
    # Left open, it would come back as a nudge 8 s after it was shown.
    desktop.expect_no("Notify", within=max(0.0, epoch + 10 - time.time()), where=from_tiptoe)
    assert events_of(tiptoe, slot) == [("fired", None), ("done", "laptop")]
    assert desktop.displayed() == 0


def test_a_slot_done_on_the_laptop_before_it_is_due_is_never_shown(tiptoe, tmp_path, radicale, desktop, agents):
    laptop, slot, epoch = two_machines(tiptoe, tmp_path, radicale, 12)
    agent = agents("--sync-every", "2s")
    agent.await_line(r"next: \d\d:\d\d:\d\d \(in ")
    laptop.run("done", "toe-presses")
    laptop.run("sync")
    # The round brings the laptop's done: the agent no longer wakes for the slot (but tomorrow).
    agent.await_line(r"next: \d{4}-\d\d-\d\d ", timeout=10)
    assert time.time() < epoch, "the round came after the slot: too slow a machine for this test"
    desktop.expect_no("Notify", within=epoch + 2 - time.time(), where=from_tiptoe)
    assert events_of(tiptoe, slot) == [("done", "laptop")]


def sleep(mocks: Mocks, asleep: bool) -> None:
    """logind's PrepareForSleep, as logind sends it before a suspend (true) and after the resume (false)."""
    gdbus("system", mocks.env, "org.freedesktop.login1", "/org/freedesktop/login1",
          "org.freedesktop.DBus.Mock.EmitSignal", "org.freedesktop.login1.Manager", "PrepareForSleep", "b",
          f"[<{'true' if asleep else 'false'}>]")


AWAY = {
    "the screen locked, then unlocked": (lambda m: m.lock(True), lambda m: m.lock(False), "screen unlocked"),
    "the machine suspended, then resumed": (lambda m: sleep(m, True), lambda m: sleep(m, False), "resumed"),
}


@pytest.mark.parametrize("away", AWAY.keys())
def test_back_at_the_desktop_the_agent_syncs_and_closes_what_the_laptop_settled(
        tiptoe, tmp_path, radicale, desktop, agents, mocks, away):
    leave, come_back, reason = AWAY[away]
    mocks.logind()
    laptop, slot, _ = two_machines(tiptoe, tmp_path, radicale, 4)
    # Rounds only at start and on coming back: the hour's round cannot be what brings the done.
    agent = agents("--sync-every", "1h", env=mocks.env)
    desktop.await_notify(from_tiptoe, timeout=10)
    shown = notification_id(agent.await_line(r"shown \(due\)"))
    leave(mocks)
    agent.await_line(r"→ locked yes.*; reminders wait")
    laptop.run("done", "toe-presses")
    laptop.run("sync")
    come_back(mocks)
    agent.await_line(rf"syncing \({reason}\)")
    agent.await_line(rf"answered elsewhere: {slot}", timeout=10)
    desktop.await_message("CloseNotification", lambda m: m.args[0] == shown)
    assert events_of(tiptoe, slot) == [("fired", None), ("done", "laptop")]
    # A resume without a lock screen is also the end of "locked": one round for both.
    assert agent.count(r"syncing \(") == 1


def test_on_unlock_what_the_laptop_settled_meanwhile_does_not_flash_up(
        tiptoe, tmp_path, radicale, desktop, agents, mocks):
    """Two slots come due while the screen is locked; one is done on the laptop meanwhile. On unlock
    the agent shows what came due only once its round is back: the other one alone."""
    mocks.logind()
    laptop, slot, epoch = two_machines(tiptoe, tmp_path, radicale, 3, others=[("heel-raises", "Heel raises")])
    agent = agents("--sync-every", "1h", env=mocks.env)
    agent.await_line(r"presence: locked no")
    mocks.lock(True)
    agent.await_line(r"reminders wait")
    desktop.expect_no("Notify", within=max(0.0, epoch + 1 - time.time()), where=from_tiptoe)
    laptop.run("done", "toe-presses")
    laptop.run("sync")
    mocks.lock(False)
    agent.await_line(r"syncing \(screen unlocked\)")
    note = desktop.await_notify(from_tiptoe, timeout=6)
    assert note.summary.startswith("Heel raises") and "Toe presses" not in note.summary + note.body
    desktop.expect_no("Notify", within=1.0, where=from_tiptoe)
    assert events_of(tiptoe, slot) == [("done", "laptop")]
    assert [e["kind"] for e in history(tiptoe) if e["slot"].startswith("heel-raises/")] == ["fired"]


def test_back_from_a_suspend_with_the_server_out_of_reach_it_tries_again(
        tiptoe, tmp_path, radicale, desktop, agents, mocks):
    mocks.logind()
    laptop, slot, epoch = two_machines(tiptoe, tmp_path, radicale, 3600)
    agent = agents("--sync-every", "1h", env=mocks.env)
    agent.await_line(r"presence: locked no")
    laptop.run("done", "toe-presses")
    laptop.run("sync")
    radicale.stop()  # the network is not back yet
    sleep(mocks, True)
    sleep(mocks, False)
    agent.await_line(r"syncing \(resumed\)")
    agent.await_line(r"the server is out of reach; trying again in 10 s", timeout=10)
    radicale.start()
    agent.await_line(r"next: \d{4}-\d\d-\d\d ", timeout=20)
    assert events_of(tiptoe, slot) == [("done", "laptop")]
