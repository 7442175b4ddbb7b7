"""The notification server fails under the agent: it is restarted, it never answers `Notify`, or the
agent is killed while its reminders are on screen or before the server's answer came back.

The restart runs in a desktop of its own (a nested `with-desktop` with no server), where the test
starts dunst itself and kills it with SIGKILL, as a crash would. Every wait is for an awaited event
(a D-Bus message seen by dbus-monitor, a line of the agent's log) with a deadline.
"""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from desktop import (  # noqa: F401  (fixtures)
    agents, ahead, desktop, kinds, needs_desktop, notification_id, run_in_own_desktop, write_routine,
)

pytestmark = needs_desktop


def slot_id(exercise: str, ordinal: int = 1) -> str:
    return f"{exercise}/{time.strftime('%Y-%m-%d', time.gmtime())}/{ordinal}"


def test_a_restarted_server_shows_the_waiting_reminder_again_at_once(tiptoe):
    run_in_own_desktop(tiptoe, __file__)


def test_an_agent_restarted_while_the_server_is_down_shows_the_waiting_reminder_when_one_is_back(tiptoe):
    run_in_own_desktop(tiptoe, __file__, "killed_with_the_server")


def test_a_restart_closes_what_an_earlier_run_left_for_a_slot_settled_since(tiptoe, desktop, agents):
    _, clock = ahead(3)
    write_routine(tiptoe, [("toe-presses", "Toe presses", [clock])])
    agent = agents()
    desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
    number = notification_id(agent.await_line(r"shown \(due\)"))
    agent.stop(9)  # killed: its reminder stays on screen
    tiptoe.run("done", "toe-presses")
    assert desktop.displayed() == 1

    again = agents()
    desktop.await_message("CloseNotification", lambda m: m.args == [number], timeout=5)
    again.await_line(rf"closed notification {number}, left by an earlier run")
    assert desktop.displayed() == 0, "no reminder of a settled slot stays behind"
    assert kinds(tiptoe, slot_id("toe-presses")) == ["fired", "done"]


def test_a_server_that_never_answers_notify_holds_up_nothing(tiptoe):
    run_in_own_desktop(tiptoe, __file__, "never_answered")


def test_agents_killed_before_the_id_comes_back_leave_one_popup_and_no_orphan(tiptoe):
    run_in_own_desktop(tiptoe, __file__, "killed_before_the_id")


def slot_kinds(env: dict, slot: str) -> list[str]:
    from conftest import BIN

    out = subprocess.run([str(BIN), "log", "--since", "2000-01-01", "--json"], env=env, capture_output=True,
                         text=True, check=True)
    return [event["kind"] for event in json.loads(out.stdout)["events"] if event["slot"] == slot]


def never_answered(home: Path) -> None:
    """The server shows the reminder but keeps the answer to `Notify` (D-Bus gives up after 25 s):
    a `done` from the command line takes effect at once, the loop answers, and the answer that comes
    late closes the popup of the slot settled meanwhile."""
    from conftest import BIN
    from desktop import scenario_agent, scenario_env, write_routine_in
    from fault_server import slow_dunst

    env = scenario_env(home)
    _, clock = ahead(3)
    write_routine_in(home, [("toe-presses", "Toe presses", [clock])])
    with slow_dunst(Path(os.environ["TIPTOE_DESKTOP_DIR"])) as server:
        server.hold()
        with scenario_agent(env) as (desk, agent):
            desk.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
            number = server.await_held()
            assert server.displayed() == 1
            subprocess.run([str(BIN), "done", "toe-presses"], env=env, check=True, capture_output=True)
            assert slot_kinds(env, slot_id("toe-presses")) == ["fired", "done"]
            agent.await_line(r"answered elsewhere: toe-presses/", timeout=5)
            os.kill(agent.proc.pid, signal.SIGHUP)
            agent.await_line(r"SIGHUP: reloading the routine", timeout=5)

            server.release()  # the answer comes late: the popup of the settled slot is closed
            desk.await_message("CloseNotification", lambda m: m.args == [number], timeout=5)
            assert server.displayed() == 0
            assert agent.alive()
    print("scenario passed")


def killed_before_the_id(home: Path) -> None:
    """Agents killed with `kill -9` after the server showed the reminder and before its id came back:
    each next run replaces that popup through its stack tag (dunst's `x-dunst-stack-tag`), so one
    stays on screen; once the slot is settled, the next run closes it."""
    from conftest import BIN
    from desktop import AgentProcess, Desktop, scenario_env, write_routine_in
    from fault_server import slow_dunst

    env = scenario_env(home)
    _, clock = ahead(3)
    write_routine_in(home, [("toe-presses", "Toe presses", [clock])])
    desk = Desktop()
    with slow_dunst(Path(os.environ["TIPTOE_DESKTOP_DIR"])) as server:
        server.hold()
        tags = set()
        for attempt in range(10):
            agent = AgentProcess(env)
            note = desk.await_notify(lambda m: m.args[0] == "tiptoe" and "Toe presses" in m.summary, timeout=10)
            tags.add(note.hints.get("x-dunst-stack-tag"))
            server.await_held()
            agent.stop(9)
            assert server.displayed() == 1, f"after kill {attempt + 1}: {server.displayed()} popups"
        assert len(tags) == 1 and None not in tags, tags

        subprocess.run([str(BIN), "done", "toe-presses"], env=env, check=True, capture_output=True)
        server.release()
        agent = AgentProcess(env)
        agent.await_line(r"closed notification \d+, sent by an earlier run killed before its id came back", timeout=10)
        assert server.displayed() == 0, "no popup of a settled slot stays behind"
        assert slot_kinds(env, slot_id("toe-presses")) == ["fired", "done"]
        agent.stop()
    desk.close()
    print("scenario passed")


def scenario(home: Path) -> None:
    """Runs inside the nested desktop; raises on the first thing that is not as it should be."""
    from conftest import BIN
    from desktop import notification_server, scenario_agent, scenario_env, write_routine_in

    env = scenario_env(home)
    _, clock = ahead(4)
    write_routine_in(home, [("toe-presses", "Toe presses", [clock])])
    config = Path(os.environ["TIPTOE_DESKTOP_DIR"]) / "dunstrc"
    config.write_text("[global]\n    font = DejaVu Sans 10\n")

    def displayed() -> int:
        return int(subprocess.run(["dunstctl", "count", "displayed"], capture_output=True, text=True,
                                  check=True).stdout)

    with notification_server("dunst", "-config", str(config)) as first:
        with scenario_agent(env) as (desk, agent):
            note = desk.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
            assert note.summary.endswith("Toe presses"), note
            agent.await_line(r"shown \(due\)")

            first.kill()  # the server crashes: the reminder goes with it
            first.wait()

            # The default nudge is 15 minutes away: only the bus name can bring the reminder back now.
            with notification_server("dunst", "-config", str(config)):
                again = desk.await_notify(lambda m: m.args[0] == "tiptoe", timeout=5)
                assert again.summary == note.summary and again.replaces_id == 0, again
                assert displayed() == 1
                agent.await_line(r"the notification server went away")
                agent.await_line(r"shown \(due\)")
                assert agent.alive()
    print("scenario passed")


def killed_with_the_server(home: Path) -> None:
    """The agent is killed, the server crashes, the agent starts again with no server, a server
    starts: the reminder still waiting comes back at once, not at the nudge 15 minutes later."""
    from desktop import notification_server, scenario_agent, scenario_env, write_routine_in

    env = scenario_env(home)
    _, clock = ahead(4)
    write_routine_in(home, [("toe-presses", "Toe presses", [clock])])
    config = Path(os.environ["TIPTOE_DESKTOP_DIR"]) / "dunstrc"
    config.write_text("[global]\n    font = DejaVu Sans 10\n")
    with notification_server("dunst", "-config", str(config)) as first:
        with scenario_agent(env) as (desk, agent):
            note = desk.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
            agent.await_line(r"shown \(due\)")
            agent.stop(9)
            first.kill()
            first.wait()
    with scenario_agent(env) as (desk, agent):
        agent.await_line(r"reminder \(due\) at .*Toe presses", timeout=10)
        with notification_server("dunst", "-config", str(config)):
            again = desk.await_notify(lambda m: m.args[0] == "tiptoe", timeout=5)
            assert again.summary == note.summary, again
            agent.await_line(r"shown \(due\)")
            assert agent.alive()
    print("scenario passed")


if __name__ == "__main__":
    chosen = sys.argv[2] if len(sys.argv) > 2 else "scenario"
    scenarios = {"scenario": scenario, "killed_with_the_server": killed_with_the_server,
                 "never_answered": never_answered, "killed_before_the_id": killed_before_the_id}
    scenarios[chosen](Path(sys.argv[1]))
