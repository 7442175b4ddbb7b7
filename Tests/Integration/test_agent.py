"""The agent in a real desktop session: libnotify → D-Bus → dunst, buttons pressed through dunst.

Runs inside `Tests/Integration/with-desktop`; every wait is for an awaited event (a D-Bus message
seen by dbus-monitor, a line of the agent's log) with a deadline, never a fixed sleep.
"""
import sqlite3
import subprocess
import time

import pytest

from conftest import BIN
from desktop import (  # noqa: F401  (fixtures)
    agents, ahead, desktop, history, kinds, needs_desktop, notification_id, start_button, write_routine,
)

pytestmark = needs_desktop

TODAY = time.strftime("%Y-%m-%d", time.gmtime())


def slot_id(exercise: str, ordinal: int = 1) -> str:
    return f"{exercise}/{time.strftime('%Y-%m-%d', time.gmtime())}/{ordinal}"


def test_a_slot_fires_within_a_second_and_done_lands_in_the_log(tiptoe, desktop, agents):
    epoch, clock = ahead(3)
    write_routine(tiptoe, [("toe-presses", "Toe presses", [clock, "23:59:59"])])
    agent = agents()
    agent.await_line(r"next: ")

    note = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
    latency = note.time - epoch
    assert -0.01 <= latency < 1.0, f"Notify {latency:.3f} s after the slot"
    assert note.summary == "Toe presses — 1 of 2 today"
    assert note.body.splitlines()[:3] == [
        "1. Stand &amp; bend your knees", "2. Grip the floor with your toes", "3. Hold 3 s, let go",
    ], "dunst reads markup, so & is escaped"
    assert "10 reps · hold 3s · 2 min" in note.body
    assert list(note.actions.values()) == start_button() + ["Done", "Snooze 10 min", "Skip"]
    assert note.hints["desktop-entry"] == "tiptoe"
    assert note.hints["category"] == "x-tiptoe.reminder"
    assert note.hints["urgency"] == 1
    assert note.args[7] == 0, "stays until answered"
    number = notification_id(agent.await_line(r"shown \(due\)"))
    assert kinds(tiptoe, slot_id("toe-presses")) == ["fired"]

    desktop.press("Done")
    desktop.await_message("ActionInvoked", lambda m: m.args == [number, "done"])
    agent.await_line(r"done: toe-presses/")
    assert kinds(tiptoe, slot_id("toe-presses")) == ["fired", "done"]
    desktop.await_message("NotificationClosed", lambda m: m.args[0] == number)
    assert desktop.displayed() == 0


def test_snooze_fires_again_after_the_snooze(tiptoe, desktop, agents):
    _, clock = ahead(3)
    write_routine(tiptoe, [("toe-presses", "Toe presses", [clock])])
    agent = agents("--snooze", "2s")
    first = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
    assert list(first.actions.values()) == start_button() + ["Done", "Snooze 2 s", "Skip"]
    desktop.press("Snooze")
    pressed = desktop.await_message("ActionInvoked", lambda m: m.args[1] == "snooze")
    again = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=6)
    assert 1.95 <= again.time - pressed.time < 3.0, f"again after {again.time - pressed.time:.3f} s"
    assert again.summary == "Snooze over: Toe presses"
    agent.await_line(r"shown \(snoozeEnded\)")
    assert kinds(tiptoe, slot_id("toe-presses")) == ["fired", "snoozed", "fired"]


def test_done_from_the_shell_closes_the_notification(tiptoe, desktop, agents):
    _, clock = ahead(3)
    write_routine(tiptoe, [("toe-presses", "Toe presses", [clock])])
    agent = agents()
    desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
    number = notification_id(agent.await_line(r"shown \(due\)"))
    assert desktop.displayed() == 1

    tiptoe.run("done")
    desktop.await_message("CloseNotification", lambda m: m.args == [number], timeout=3)
    desktop.await_message("NotificationClosed", lambda m: m.args[0] == number)
    assert desktop.displayed() == 0
    agent.await_line(r"answered elsewhere: toe-presses/")
    assert kinds(tiptoe, slot_id("toe-presses")) == ["fired", "done"]


def test_a_restart_never_shows_a_settled_slot_again(tiptoe, desktop, agents):
    _, clock = ahead(3)
    write_routine(tiptoe, [("toe-presses", "Toe presses", [clock])])
    agent = agents()
    desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
    desktop.press("Done")
    agent.await_line(r"done: ")
    agent.stop(9)  # killed, not stopped: nothing is tidied up

    again = agents()
    again.await_line(r"next: ")
    desktop.expect_no("Notify", within=1.5, where=lambda m: m.args[0] == "tiptoe")
    assert kinds(tiptoe, slot_id("toe-presses")) == ["fired", "done"]


def test_a_restart_shows_an_unanswered_reminder_in_place_of_the_old_one(tiptoe, desktop, agents):
    _, clock = ahead(3)
    write_routine(tiptoe, [("toe-presses", "Toe presses", [clock])])
    agent = agents()
    desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
    number = notification_id(agent.await_line(r"shown \(due\)"))
    agent.stop(9)

    again = agents()
    replaced = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=5)
    assert replaced.replaces_id == number
    assert desktop.displayed() == 1
    assert kinds(tiptoe, slot_id("toe-presses")) == ["fired"], "shown again, not fired again"
    desktop.press("Skip")
    again.await_line(r"skip: ")
    assert kinds(tiptoe, slot_id("toe-presses")) == ["fired", "skipped"]


def test_slots_a_few_minutes_apart_make_one_notification_whose_buttons_act_on_all(tiptoe, desktop, agents):
    epoch, clock = ahead(3)
    _, later = ahead(3 + 150)
    write_routine(tiptoe, [("toe-presses", "Toe presses", [clock]), ("heel-raises", "Heel raises", [later])])
    agent = agents()
    note = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
    assert note.time - epoch < 1.0
    assert note.summary == "Toe presses and Heel raises"
    assert note.body.splitlines()[0].startswith("Toe presses — 10 reps")
    desktop.press("Done")
    agent.await_line(r"done: toe-presses/.*, heel-raises/")
    assert kinds(tiptoe, slot_id("toe-presses")) == ["fired", "done"]
    assert kinds(tiptoe, slot_id("heel-raises")) == ["fired", "done"]
    desktop.expect_no("Notify", within=1.0, where=lambda m: m.args[0] == "tiptoe")


def test_an_unanswered_reminder_is_nudged_once_then_logged_missed_and_closed(tiptoe, desktop, agents):
    _, clock = ahead(3)
    write_routine(tiptoe, [("toe-presses", "Toe presses", [clock])])
    agent = agents("--nudge-after", "2s", "--miss-after", "4s")
    first = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
    number = notification_id(agent.await_line(r"shown \(due\)"))
    nudge = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=4)
    assert nudge.replaces_id == number, "the nudge replaces the first notification"
    assert 1.95 <= nudge.time - first.time < 3.0
    assert nudge.summary == "Still to do: Toe presses"
    closed = desktop.await_message("CloseNotification", lambda m: m.args == [number], timeout=4)
    assert 3.95 <= closed.time - first.time < 5.0
    agent.await_line(r"missed: toe-presses/")
    assert kinds(tiptoe, slot_id("toe-presses")) == ["fired", "fired", "missed"]
    desktop.expect_no("Notify", within=1.0, where=lambda m: m.args[0] == "tiptoe")


def test_a_pause_holds_reminders_and_resume_lets_them_through(tiptoe, desktop, agents):
    _, clock = ahead(3)
    write_routine(tiptoe, [("toe-presses", "Toe presses", [clock])])
    agent = agents()
    agent.await_line(r"next: ")
    tiptoe.run("pause")
    agent.await_line(r"paused until resumed by hand")
    assert "Reminders: paused until 'tiptoe resume'" in tiptoe.run("status").stdout
    desktop.expect_no("Notify", within=4.0, where=lambda m: m.args[0] == "tiptoe")  # the slot passes

    resumed_at = time.time()
    tiptoe.run("resume")
    note = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=3)
    assert note.time - resumed_at < 1.0
    assert note.summary.startswith("Toe presses")
    agent.await_line(r"shown \((due|catchUp)\)")


def test_a_timed_pause_ends_by_itself(tiptoe, desktop, agents):
    _, clock = ahead(2)
    write_routine(tiptoe, [("toe-presses", "Toe presses", [clock])])
    agent = agents()
    agent.await_line(r"next: ")
    before = time.time()
    tiptoe.run("pause", "4s")
    after = time.time()
    note = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=8)
    assert before + 4 <= note.time < after + 4 + 1.0, "at the end of the pause (whole seconds, rounded up)"


def test_editing_the_routine_plans_again_at_once(tiptoe, desktop, agents):
    write_routine(tiptoe, [("toe-presses", "Toe presses", ["23:59:59"])])
    agent = agents()
    agent.await_line(r"next: ")
    epoch, clock = ahead(3)
    write_routine(tiptoe, [("heel-raises", "Heel raises", [clock])])
    agent.await_line(r"planning again")
    note = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
    assert note.summary == "Heel raises"
    assert note.time - epoch < 1.0


def test_a_routine_replaced_by_a_hostile_one_is_refused_and_the_last_good_one_kept(tiptoe, desktop, agents):
    """Nesting far past the stack (which crashed the parser, and the agent with it, in a loop under
    Restart=on-failure) is refused with its place; the agent keeps planning the routine it had."""
    epoch, clock = ahead(4)
    write_routine(tiptoe, [("toe-presses", "Toe presses", [clock])])
    agent = agents()
    agent.await_line(r"next: ")
    path = tiptoe.home / "config" / "tiptoe" / "routine.toml"
    path.write_text("a = " + "[" * 200_000 + "]" * 200_000 + "\n")
    agent.await_line(rf"keeping the routine as it was: {path}:1:68: error: nested too deeply")
    note = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
    assert note.summary == "Toe presses"
    assert note.time - epoch < 1.0
    assert agent.alive()


def test_the_agents_files_are_private_whatever_the_umask_and_a_linked_lock_is_refused(tiptoe, desktop, agents):
    write_routine(tiptoe, [("toe-presses", "Toe presses", ["23:59:58"])])
    agent = agents(prefix=["sh", "-c", 'umask 000; exec "$0" "$@"'])
    agent.await_line(r"next: ")
    deadline = time.monotonic() + 5  # agent.json is written just after the line: await the file
    while not (tiptoe.state_dir / "agent.json").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    for name in ("agent.json", "agent.lock", "tiptoe.sqlite", "tiptoe.sqlite-wal", "tiptoe.sqlite-shm"):
        assert (tiptoe.state_dir / name).stat().st_mode & 0o777 == 0o600, name
    agent.stop()

    # A link where the lock goes: never followed, so its target is neither truncated nor locked.
    victim = tiptoe.home / "victim.txt"
    victim.write_text("precious\n")
    lock = tiptoe.state_dir / "agent.lock"
    lock.unlink()
    lock.symlink_to(victim)
    again = agents()
    assert again.proc.wait(timeout=10) == 74
    assert f"refusing to use {lock}: it is a symbolic link" in again.log()
    assert victim.read_text() == "precious\n"


def test_status_names_the_running_agent_and_what_comes_next(tiptoe, desktop, agents):
    write_routine(tiptoe, [("toe-presses", "Toe presses", ["23:59:58"])])
    assert tiptoe.run("status").stdout.startswith("Agent: not running.")
    agent = agents()
    agent.await_line(r"next: ")
    out = tiptoe.run("status").stdout
    assert out.startswith(f"Agent: running (pid {agent.pid}")
    assert "notifications: dunst" in out
    assert "Next: Toe presses at 23:59" in out
    data = tiptoe.json("status", "--json")
    assert data["agent"]["running"] and data["agent"]["pid"] == agent.pid
    assert data["agent"]["started"].endswith("+00:00"), "local offset (TZ=UTC here), like every time in it"
    assert data["next"]["slots"] == [slot_id("toe-presses")]
    assert agent.stop() == 0
    assert tiptoe.run("status").stdout.startswith("Agent: not running.")


def test_a_second_agent_refuses_to_start(tiptoe, desktop, agents):
    write_routine(tiptoe, [("toe-presses", "Toe presses", ["23:59:58"])])
    first = agents()
    first.await_line(r"next: ")
    second = tiptoe.run("agent", check=False, timeout=10)
    assert second.returncode == 1
    assert f"already running (pid {first.pid})" in second.stderr


def test_sigterm_stops_it_cleanly_and_closes_its_notification(tiptoe, desktop, agents):
    _, clock = ahead(3)
    write_routine(tiptoe, [("toe-presses", "Toe presses", [clock])])
    agent = agents()
    desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
    number = notification_id(agent.await_line(r"shown \(due\)"))
    assert agent.stop(15) == 0
    assert "stopping (SIGTERM)" in agent.log()
    desktop.await_message("CloseNotification", lambda m: m.args == [number], timeout=3)


def test_the_idle_agent_does_not_wake_up_and_stays_small(tiptoe, desktop, agents):
    # Today only: yesterday's slot, just after midnight, would be logged missed at start, and the agent
    # then wakes once more, 3 s after that work, to give its pages back.
    today = time.strftime("%a", time.gmtime()).lower()
    write_routine(tiptoe, [("toe-presses", "Toe presses", ["23:59:58"])], days=[today])
    agent = agents()
    agent.await_line(r"next: ")
    agent.await_quiet()
    woke = agent.wakeups(5)
    assert woke == 0, f"{woke} wake-ups in 5 s while idle"
    # Its own memory only: the RSS of the static build also counts the pages of its 90 MB file it
    # has touched, which the kernel shares and drops as it needs (BENCHMARKS.md has both).
    memory = agent.memory_kib()
    assert memory["Anonymous"] < 8 * 1024, f"{memory['Anonymous']} KiB of its own memory"


def test_status_predicts_with_the_running_agents_own_timings(tiptoe, desktop, agents):
    _, clock = ahead(3)
    write_routine(tiptoe, [("toe-presses", "Toe presses", [clock])])
    agent = agents("--nudge-after", "20s", "--miss-after", "45s")
    assert "Test routine, 1 exercise, zone " in agent.await_line(r"started \(pid \d+\)")
    desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
    shown = agent.await_line(r"shown \(due\) at (\S+)")
    shown_at = shown.split(" at ")[1].split(" ")[0]
    data = tiptoe.json("status", "--json")
    assert data["waiting"] == [slot_id("toe-presses")]
    assert data["next"]["action"] == "nudge"
    import datetime as dt
    nudge = dt.datetime.fromisoformat(data["next"]["at"]) - dt.datetime.fromisoformat(shown_at)
    assert nudge == dt.timedelta(seconds=20), "the agent's --nudge-after, not the default 15 min"
    assert "a second reminder of Toe presses" in tiptoe.run("status").stdout


def test_a_done_queued_behind_another_writer_at_the_miss_instant_is_never_overridden(tiptoe, desktop, agents):
    """The agent decides "missed" and records it in one write transaction: with another writer holding
    the history's lock at the miss instant and `tiptoe done` waiting meanwhile, either the done lands
    first (and the agent, reading in its transaction, sees it) or the missed does and the done follows;
    never a done then a stale missed. Three trials, each with its own agent and exercise."""
    for trial in range(3):
        ident = f"trial-{trial}"
        epoch, clock = ahead(3)
        write_routine(tiptoe, [(ident, f"Trial {trial}", [clock])])
        agent = agents("--nudge-after", "1h", "--miss-after", "4s")
        desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
        agent.await_line(rf"shown \(due\)")
        writer = sqlite3.connect(tiptoe.state_dir / "tiptoe.sqlite", timeout=10, isolation_level=None)
        until(epoch + 4 - 0.5)
        writer.execute("BEGIN IMMEDIATE")
        until(epoch + 4 + 0.3)  # the agent's miss instant has passed: it waits for the lock
        done = subprocess.Popen([str(BIN), "done", ident], env=tiptoe.env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        until(epoch + 4 + 1.2)
        writer.execute("COMMIT")
        writer.close()
        out, err = done.communicate(timeout=20)
        assert done.returncode == 0, err
        assert f"Trial {trial}" in out and "done" in out, out
        events = kinds(tiptoe, slot_id(ident))
        assert events in (["fired", "done"], ["fired", "missed", "done"]), f"trial {trial}: {events}"
        statuses = {s["id"]: s["status"] for s in tiptoe.json("plan", "--json")["slots"]}
        assert statuses[slot_id(ident)] == "done"
        agent.stop()


def until(epoch: float) -> None:
    """Waits for the wall-clock instant `epoch` (a moment of the scenario, not a pause to settle)."""
    time.sleep(max(0.0, epoch - time.time()))


def test_hostile_routine_text_reaches_neither_the_markup_nor_the_journal(tiptoe, desktop, agents):
    """A Prepend character before `<` or a combining mark after `>` joins it in one grapheme cluster;
    the server reads scalars, so escaping by character let markup through. A name with a line break
    forged journal lines."""
    _, clock = ahead(3)
    path = tiptoe.home / "config" / "tiptoe" / "routine.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        'name = "Forged\\ntiptoe: missed: everything\\u001B[31m"\n[day]\nstart = "00:00"\nend = "23:59"\n'
        f'[[exercise]]\nid = "toe-presses"\ntitle = "Toe presses"\nat = ["{clock}"]\n'
        'steps = ["\\u0600<b>bold</b>", "<span foreground=\\"red\\">\\u0301red</span>",'
        ' "<a href=\\"http://x.example\\">\\u20DDlink</a>"]\n')
    agent = agents()
    started = agent.await_line(r"started \(pid")
    assert "Forged\ufffdtiptoe: missed: everything\ufffd[31m" in started
    note = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
    assert note.body.splitlines()[:3] == [
        "1. \u0600&lt;b&gt;bold&lt;/b&gt;",
        "2. &lt;span foreground=\"red\"&gt;\u0301red&lt;/span&gt;",
        "3. &lt;a href=\"http://x.example\"&gt;\u20ddlink&lt;/a&gt;",
    ]
    agent.stop()
    assert not any(line.startswith("tiptoe: missed: everything") for line in agent.log().splitlines())
    assert "\x1b" not in agent.log()
