"""A second real notification server, one without buttons: Ubuntu's notify-osd (Debian's `notify-osd`).

notify-osd does not announce the "actions" capability, so the agent must show a plain reminder that
says how to answer from the shell, and still close it when the slot is answered there. The scenario
runs in a desktop of its own (a nested `with-desktop` with TIPTOE_DESKTOP_NO_SERVER=1) in which
notify-osd, not dunst, owns the notification name.
"""
import subprocess
import sys
from pathlib import Path

from desktop import needs_desktop, run_in_own_desktop

NOTIFY_OSD = Path("/usr/lib/x86_64-linux-gnu/notify-osd")


@needs_desktop
def test_a_server_without_buttons_gets_a_reminder_that_says_how_to_answer(tiptoe):
    assert NOTIFY_OSD.exists(), "notify-osd is missing (apt-get install notify-osd)"
    run_in_own_desktop(tiptoe, __file__)


def scenario(home: Path) -> None:
    """Runs inside the nested desktop; raises on the first thing that is not as it should be."""
    from conftest import BIN
    from desktop import ahead, notification_id, notification_server, scenario_agent, scenario_env, write_routine_in

    env = scenario_env(home)
    _, clock = ahead(3)
    write_routine_in(home, [("toe-presses", "Toe presses", [clock])])
    with notification_server(str(NOTIFY_OSD)), scenario_agent(env) as (desk, agent):
        agent.await_line(r"notifications: notify-osd 1\.0 \(.*\bbody-markup\b", timeout=10)
        agent.await_line(r"the server shows no buttons: reminders say how to answer from the shell")

        note = desk.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
        assert note.actions == {}, note.actions
        assert note.summary == "Toe presses", note.summary
        assert note.body.splitlines() == [
            "1. Stand &amp; bend your knees", "2. Grip the floor with your toes", "3. Hold 3 s, let go",
            "10 reps · hold 3s · 2 min",
            "Answer with: tiptoe done | tiptoe snooze | tiptoe skip",
            "Do it guided: tiptoe guide",
        ], note.body
        number = notification_id(agent.await_line(r"shown \(due\)"))

        answer = subprocess.run([str(BIN), "done"], env=env, capture_output=True, text=True, check=True)
        assert answer.stdout == "Toe presses done (1 of 1 today)\n", answer.stdout
        desk.await_message("CloseNotification", lambda m: m.args == [number], timeout=3)
        agent.await_line(r"answered elsewhere: toe-presses/")
        assert agent.count(r"cannot|error") == 0, agent.log()
    print("scenario passed")


if __name__ == "__main__":
    scenario(Path(sys.argv[1]))
