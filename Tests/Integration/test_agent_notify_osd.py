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
    from desktop import AgentProcess, Desktop, ahead, notification_id, notification_server, scenario_env

    env = scenario_env(home)
    _, clock = ahead(3)
    routine = home / "config" / "tiptoe" / "routine.toml"
    routine.parent.mkdir(parents=True, exist_ok=True)
    routine.write_text(
        f'name = "Test"\n[day]\nstart = "00:00"\nend = "23:59"\n[[exercise]]\nid = "toe-presses"\n'
        f'title = "Toe presses"\nat = ["{clock}"]\nsteps = ["Stand & bend your knees", "Grip the floor"]\n'
        'reps = 10\nminutes = 2\n'
    )
    desk = Desktop()
    with notification_server(str(NOTIFY_OSD)):
        agent = AgentProcess(env)
        try:
            agent.await_line(r"notifications: notify-osd 1\.0 \(.*\bbody-markup\b", timeout=10)
            agent.await_line(r"the server shows no buttons: reminders say how to answer from the shell")

            note = desk.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
            assert note.actions == {}, note.actions
            assert note.summary == "Toe presses", note.summary
            assert note.body.splitlines() == [
                "1. Stand &amp; bend your knees", "2. Grip the floor", "10 reps · 2 min",
                "Answer with: tiptoe done | tiptoe snooze | tiptoe skip",
            ], note.body
            number = notification_id(agent.await_line(r"shown \(due\)"))

            answer = subprocess.run([str(BIN), "done"], env=env, capture_output=True, text=True, check=True)
            assert answer.stdout == "Toe presses done (1 of 1 today)\n", answer.stdout
            desk.await_message("CloseNotification", lambda m: m.args == [number], timeout=3)
            agent.await_line(r"answered elsewhere: toe-presses/")
            assert agent.count(r"cannot|error") == 0, agent.log()
        finally:
            agent.stop()
            desk.close()
    print("scenario passed")


if __name__ == "__main__":
    scenario(Path(sys.argv[1]))
