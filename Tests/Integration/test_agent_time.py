"""The agent on a fake clock (libfaketime, Debian's `faketime`): suspends, days off, DST, quiet spans.

libfaketime fakes the agent's clock_gettime and its timerfd: an absolute CLOCK_REALTIME timer armed
for a fake instant fires when the fake clock gets there (also when the fake clock runs faster).

What it cannot fake is the kernel telling a timerfd that the clock was set (ECANCELED with
TFD_TIMER_CANCEL_ON_SET, which `date -s` or an NTP step delivers): moving the fake clock changes
nothing in the kernel. So a suspend is played as what the agent sees of one: the timer armed before
the suspend fires, and the clock then reads three hours later. A clock set is played with a real
one: the test sets the machine's clock to the time it already reads, which the kernel reports to
every such timer while the time stays as it was.
"""
import re
import time
from pathlib import Path

import pytest

from desktop import (  # noqa: F401  (fixtures)
    agents, ahead, desktop, faketime, history, kinds, needs_desktop,
)

pytestmark = needs_desktop


def routine(tiptoe, exercises: list[tuple[str, str, str]], day: str = "") -> None:
    """One `at` time per exercise (id, title, HH:MM[:SS]); the routine's zone in `day` if given."""
    text = 'name = "Test routine"\n[day]\nstart = "00:00"\nend = "23:59"\n' + day + "\n"
    for ident, title, at in exercises:
        text += f'[[exercise]]\nid = "{ident}"\ntitle = "{title}"\nat = ["{at}"]\nsteps = ["Grip the floor"]\n\n'
    path = tiptoe.home / "config" / "tiptoe" / "routine.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


DAY = "2026-11-23"
SLEEPERS = [
    ("toe-presses", "Toe presses", "09:00:00"),  # 3 h before the wake-up: older than the catch-up window
    ("toe-walking", "Toe walking", "09:40:00"),
    ("heel-raises", "Heel raises", "10:30:00"),
    ("calf-stretch", "Calf stretch", "11:30:00"),
]


def sleepers_on_a_movable_clock(tiptoe, agents, tmp_path, start: str):
    """The agent with SLEEPERS, on a fake clock that starts at `start` on DAY; the test moves it by
    writing the file returned with the agent."""
    routine(tiptoe, SLEEPERS)
    clock = tmp_path / "clock"
    clock.write_text(f"@{DAY} {start}\n")
    return agents(prefix=faketime(file=clock)), clock


def test_a_three_hour_suspend_gives_one_merged_catch_up_notification(tiptoe, desktop, agents, tmp_path):
    agent, clock = sleepers_on_a_movable_clock(tiptoe, agents, tmp_path, "08:59:57")
    # The fake clock starts when the process does: a slow start leaves less than the 3 s.
    agent.await_line(r"next: 09:00:00 \(in [1-3] s\)")
    # "Suspend": the clock jumps three hours while the agent sleeps; its timer armed for 09:00:00
    # fires when that instant is due in real time, like a real timer after resume. (libfaketime starts
    # the new time at the first clock read after the change, i.e. when the agent wakes.)
    clock.write_text(f"@{DAY} 12:00:05\n")
    armed = time.time()

    note = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=6)
    assert note.summary == "While you were away: Toe walking, Heel raises and Calf stretch"
    assert note.body.splitlines()[0].startswith("09:40  Toe walking")
    assert note.time - armed < 4.0
    agent.await_line(r"missed: toe-presses/2026-11-23/1")
    agent.await_line(r"shown \(catchUp\) at 2026-11-23T12:00:0\d\+00:00")
    desktop.expect_no("Notify", within=1.5, where=lambda m: m.args[0] == "tiptoe")  # not a burst
    assert kinds(tiptoe, f"toe-presses/{DAY}/1") == ["missed"]
    for ident in ("toe-walking", "heel-raises", "calf-stretch"):
        assert kinds(tiptoe, f"{ident}/{DAY}/1") == ["fired"]


def set_the_clock_to_what_it_reads() -> float:
    """Sets CLOCK_REALTIME to the time it reads (it moves back by the microsecond in between): for
    the kernel that is a clock set, like `date -s`, so every TFD_TIMER_CANCEL_ON_SET timer is told.
    Returns the time of the set."""
    try:
        time.clock_settime_ns(time.CLOCK_REALTIME, time.clock_gettime_ns(time.CLOCK_REALTIME))
    except PermissionError:
        pytest.skip("setting the clock (even to its own time) needs CAP_SYS_TIME")
    return time.time()


def test_a_clock_set_forward_shows_what_it_passed_over_at_once(tiptoe, desktop, agents, tmp_path):
    """The clock set three hours ahead while the agent sleeps until 09:00 (by hand, or on arriving
    three zones east): the kernel wakes it, and it shows what the clock passed over then, not when
    its old timer comes due ten minutes later."""
    agent, clock = sleepers_on_a_movable_clock(tiptoe, agents, tmp_path, "08:50:00")
    agent.await_line(r"next: 09:00:00 ")
    clock.write_text(f"@{DAY} 12:00:05\n")
    set_at = set_the_clock_to_what_it_reads()

    agent.await_line(r"the clock was set; planning again", timeout=3)
    note = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=3)
    assert note.summary == "While you were away: Toe walking, Heel raises and Calf stretch"
    assert note.time - set_at < 1.0
    agent.await_line(r"missed: toe-presses/2026-11-23/1")
    assert [kinds(tiptoe, f"{ident}/{DAY}/1") for ident, _, _ in SLEEPERS] == [["missed"]] + [["fired"]] * 3


def test_after_a_clock_set_the_next_reminder_still_fires_on_time(tiptoe, desktop, agents):
    """No fake clock: the real timer, told the clock was set, is armed again for the same slot."""
    epoch, clock = ahead(4)
    routine(tiptoe, [("toe-presses", "Toe presses", clock)])
    agent = agents()
    agent.await_line(r"next: " + clock)
    set_the_clock_to_what_it_reads()
    agent.await_line(r"the clock was set; planning again")
    note = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=8)
    assert note.summary == "Toe presses"
    assert -0.01 <= note.time - epoch < 1.0, f"Notify {note.time - epoch:.3f} s after the slot"


def test_slots_missed_while_the_machine_was_off_show_once_at_start(tiptoe, desktop, agents):
    routine(tiptoe, SLEEPERS)
    agent = agents(prefix=faketime(f"@{DAY} 12:00:01"))
    note = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
    assert note.summary == "While you were away: Toe walking, Heel raises and Calf stretch"
    agent.await_line(r"missed: toe-presses/")
    desktop.expect_no("Notify", within=1.0, where=lambda m: m.args[0] == "tiptoe")
    desktop.press("Done")
    agent.await_line(r"done: toe-walking/.*heel-raises/.*calf-stretch/")
    agent.stop(9)
    # Started again: everything is recorded and answered, nothing shows again.
    again = agents(prefix=faketime(f"@{DAY} 12:00:30"))
    again.await_line(r"next: ")
    desktop.expect_no("Notify", within=1.5, where=lambda m: m.args[0] == "tiptoe")
    assert sorted(e["kind"] for e in history(tiptoe) if e["kind"] == "fired") == ["fired"] * 3


def shown(agent, count: int, timeout: float) -> list[str]:
    """The `at` stamps of the next `count` reminders the agent shows."""
    return [agent.await_line(r"shown \(due\) at ", timeout=timeout).split(" at ")[1].split(" ")[0]
            for _ in range(count)]


def test_fall_back_fires_a_twice_occurring_time_once_at_its_first_occurrence(tiptoe, desktop, agents):
    # Berlin, 25 Oct 2026: 03:00 CEST becomes 02:00 CET, so 02:30 happens at 00:30Z and again at 01:30Z.
    routine(tiptoe, [("toe-presses", "Toe presses", "02:30"), ("heel-raises", "Heel raises", "03:10")],
            day='timezone = "Europe/Berlin"')
    # From 00:22Z, 200 fake seconds a real second: 02:30 (first) after 2.4 s, 02:30 (again) after
    # 20 s, 03:10 CET after 32 s. (A fake minute is 0.3 s here: the times are checked to the minute.)
    agent = agents("--nudge-after", "6h", "--miss-after", "6h", prefix=faketime("@2026-10-25 00:22:00 x200"))
    stamps = shown(agent, 2, timeout=60)
    assert [s[:16] + s[19:] for s in stamps] == ["2026-10-25T02:30+02:00", "2026-10-25T03:10+01:00"], stamps
    notes = [m for m in desktop.notifies() if m.args[0] == "tiptoe"]
    assert [m.summary for m in notes] == ["Toe presses", "Heel raises"]
    assert kinds(tiptoe, "toe-presses/2026-10-25/1") == ["fired"]


def test_spring_forward_fires_each_slot_once_at_its_wall_clock_time(tiptoe, desktop, agents):
    # Berlin, 29 Mar 2026: 02:00 CET becomes 03:00 CEST. 02:30 does not exist and moves forward by
    # the gap to 03:30 CEST (RFC 5545, like every calendar); 03:15 CEST comes before it.
    routine(tiptoe, [("ankle-circles", "Ankle circles", "01:50"), ("toe-presses", "Toe presses", "02:30"),
                     ("heel-raises", "Heel raises", "03:15")], day='timezone = "Europe/Berlin"')
    agent = agents("--nudge-after", "6h", "--miss-after", "6h", prefix=faketime("@2026-03-29 00:42:00 x200"))
    stamps = shown(agent, 3, timeout=30)
    assert [s[11:16] + s[19:] for s in stamps] == ["01:50+01:00", "03:15+02:00", "03:30+02:00"], stamps
    assert [m.summary for m in desktop.notifies() if m.args[0] == "tiptoe"] == [
        "Ankle circles", "Heel raises", "Toe presses",
    ]


def test_a_quiet_span_holds_a_reminder_until_it_ends(tiptoe, desktop, agents):
    routine(tiptoe, [("toe-presses", "Toe presses", "12:35")], day='quiet = ["12:30-12:40"]')
    start = time.time()
    agent = agents(prefix=faketime(f"@{DAY} 12:39:57"))
    agent.await_line(r"next: 12:40:00")
    note = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=8)
    assert note.summary == "Toe presses", "held, not missed: shown as due when the span ends"
    assert 2.5 <= note.time - start < 5.0
    agent.await_line(r"shown \(due\) at 2026-11-23T12:40:00")


def test_the_fake_clock_reaches_the_agent(tiptoe, agents):
    """The premise of this file: under faketime the agent sees the fake time, arguments intact."""
    routine(tiptoe, [("toe-presses", "Toe presses", "23:00")])
    agent = agents("--snooze", "5m", prefix=faketime(f"@{DAY} 22:00:00"))
    agent.await_line(r"next: 23:00:00 \(in (1 h|59 min \d+ s)\)")  # 59 min and some seconds after a slow start
    assert Path(f"/proc/{agent.pid}/cmdline").read_bytes().split(b"\0")[1:4] == [b"agent", b"--snooze", b"5m"]


def test_a_new_system_time_zone_plans_again_at_once(tiptoe, desktop, agents, tmp_path):
    """The system zone (/etc/localtime, as `timedatectl set-timezone` replaces it) changes while the
    agent runs. The agent runs in a mount namespace of its own whose /etc is a copy, so the test can
    change that copy's zone without touching the machine's."""
    import datetime as dt
    import shutil
    import subprocess


    if subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode != 0:
        pytest.skip("needs `unshare -m` (root or CAP_SYS_ADMIN) to give the agent an /etc of its own")
    # The slot is 5 s ahead in zone `after`; read in zone `before` it is 12 h away, later the same day.
    before, after = ("Etc/UTC", "Etc/GMT-12") if time.gmtime().tm_hour < 12 else ("Etc/GMT+12", "Etc/UTC")
    epoch = int(time.time()) + 5
    offset = {"Etc/UTC": 0, "Etc/GMT-12": 12, "Etc/GMT+12": -12}[after]
    wall = dt.datetime.fromtimestamp(epoch, dt.timezone(dt.timedelta(hours=offset)))
    if wall.strftime("%H:%M") in ("23:59", "00:00", "11:59", "12:00"):
        pytest.skip("too close to a day boundary in one of the zones")
    etc = tmp_path / "etc"
    shutil.copytree("/etc", etc, symlinks=True, ignore_dangling_symlinks=True)
    (etc / "localtime").unlink()
    (etc / "localtime").symlink_to(f"/usr/share/zoneinfo/{before}")
    routine(tiptoe, [("toe-presses", "Toe presses", wall.strftime("%H:%M:%S"))])
    prefix = ["unshare", "-m", "sh", "-c", f'mount --bind "{etc}" /etc && exec "$0" "$@"']
    agent = agents(prefix=prefix, unset=("TZ",))  # the zone comes from /etc/localtime
    agent.await_line("zone " + re.escape(before))
    agent.await_line(r"next: .* \(in 1[12] h")
    # As timedatectl does it: a new symlink renamed over the old one.
    (etc / "localtime.new").symlink_to(f"/usr/share/zoneinfo/{after}")
    (etc / "localtime.new").rename(etc / "localtime")
    agent.await_line(r"system's zone changed; planning again")
    agent.await_line("planning Test routine in " + re.escape(after))
    note = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=8)
    assert note.summary == "Toe presses"
    assert 0 <= note.time - epoch < 1.0
