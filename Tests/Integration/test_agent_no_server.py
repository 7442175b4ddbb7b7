"""No notification server on the bus: the agent says so once, prints reminders to stderr, keeps
running, and uses the server as soon as one appears.

The test runs its scenario in a desktop of its own (a nested `with-desktop` with
TIPTOE_DESKTOP_NO_SERVER=1: a private bus on which nothing is started on demand), by running this
file as a script there.
"""
import os
import subprocess
import sys
from pathlib import Path

from desktop import needs_desktop, run_in_own_desktop


@needs_desktop
def test_without_a_server_the_agent_says_so_once_keeps_running_and_retries(tiptoe):
    run_in_own_desktop(tiptoe, __file__)


def scenario(home: Path) -> None:
    """Runs inside the nested desktop; raises on the first thing that is not as it should be."""
    from conftest import BIN
    from desktop import ahead, notification_server, scenario_agent, scenario_env, write_routine_in

    env = scenario_env(home)
    assert subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.Notifications",
                           "--object-path", "/org/freedesktop/Notifications",
                           "--method", "org.freedesktop.Notifications.GetServerInformation"],
                          capture_output=True).returncode != 0, "a notification server answers"
    _, clock = ahead(3)
    write_routine_in(home, [("toe-presses", "Toe presses", [clock])])

    def tiptoe(*args):
        return subprocess.run([str(BIN), *args], env=env, capture_output=True, text=True, check=True)

    with scenario_agent(env) as (desk, agent):
        agent.await_line(r"no notification server on the session bus .*reminders go to stderr", timeout=10)
        line = agent.await_line(r"reminder \(due\) at .*Toe presses: 1\. Stand & bend your knees", timeout=10)
        assert "tiptoe done" in line, "with no buttons, the reminder says how to answer from the shell"

        tiptoe("snooze", "2s")
        agent.await_line(r"reminder \(snoozeEnded\) at ", timeout=6)
        assert agent.alive(), "the agent keeps running"
        assert agent.count(r"no notification server") == 1, "it says so once:\n" + agent.log()

        # A server appears: the next reminder goes to it.
        config = Path(os.environ["TIPTOE_DESKTOP_DIR"]) / "late-dunstrc"
        config.write_text("[global]\n    font = DejaVu Sans 10\n")
        with notification_server("dunst", "-config", str(config)):
            tiptoe("snooze", "2s")
            note = desk.await_notify(lambda m: m.args[0] == "tiptoe", timeout=6)
            assert note.summary == "Snooze over: Toe presses", note
            agent.await_line(r"the notification server is back")
            assert agent.count(r"no notification server") == 1
            assert agent.alive()
    print("scenario passed")


if __name__ == "__main__":
    scenario(Path(sys.argv[1]))
