"""The agent reminds for several routines at once (`routine.toml` and `routines/*.toml`), in a real
desktop session (see test_agent.py)."""
import datetime as dt
import time

from desktop import (  # noqa: F401  (fixtures)
    agents, ahead, desktop, kinds, needs_desktop, write_routine,
)

pytestmark = needs_desktop


def slot_id(exercise: str) -> str:
    return f"{exercise}/{time.strftime('%Y-%m-%d', time.gmtime())}/1"


def write_pills(tiptoe, at: str, zone: str = "") -> None:
    """`routines/pills.toml`: a pill at `at`, all day long, in `zone` when given."""
    pills = tiptoe.home / "config" / "tiptoe" / "routines" / "pills.toml"
    pills.parent.mkdir(parents=True, exist_ok=True)
    pills.write_text(f'name = "Pills"\n[day]\nstart = "00:00"\nend = "23:59:59"\n'
                     + (f'timezone = "{zone}"\n' if zone else "")
                     + f'[[exercise]]\nid = "pill"\ntitle = "Pill"\nat = ["{at}"]\n')


def await_the_reminder(desktop, epoch: float, summary: str):
    note = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
    assert note.time - epoch < 1.0
    assert note.summary == summary


def test_the_agent_reminds_for_both_routines(tiptoe, desktop, agents):
    epoch, clock = ahead(3)
    _, later = ahead(3 + 150)
    write_routine(tiptoe, [("toe-presses", "Toe presses", [clock])])
    write_pills(tiptoe, later)
    agent = agents()
    await_the_reminder(desktop, epoch, "Toe presses and Pill")
    desktop.press("Done")
    agent.await_line(r"done: toe-presses/.*, pill/")
    assert kinds(tiptoe, slot_id("toe-presses")) == ["fired", "done"]
    assert kinds(tiptoe, slot_id("pill")) == ["fired", "done"]


def test_a_routine_added_to_the_folder_is_planned_at_once(tiptoe, desktop, agents):
    write_routine(tiptoe, [("toe-presses", "Toe presses", ["23:59:59"])])
    folder = tiptoe.home / "config" / "tiptoe" / "routines"
    folder.mkdir(parents=True, exist_ok=True)
    agent = agents()
    agent.await_line(r"next: ")
    epoch, clock = ahead(3)
    (folder / "pills.toml").write_text(f'name = "Pills"\n[day]\nstart = "00:00"\nend = "23:59"\n'
                                       f'[[exercise]]\nid = "pill"\ntitle = "Pill"\nat = ["{clock}"]\n')
    agent.await_line(r"planning again")
    note = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
    assert note.summary == "Pill"
    assert note.time - epoch < 1.0


def test_the_agent_reminds_for_a_routine_in_another_zone_at_its_own_time(tiptoe, desktop, agents):
    """The tests' zone is UTC; Pills is in Asia/Kolkata (+05:30): its `at` is Kolkata's wall time of the
    same instant as the toe presses, so one notification has both (slots of one instant by id)."""
    epoch, clock = ahead(3)
    kolkata = dt.datetime.fromtimestamp(epoch, dt.timezone(dt.timedelta(hours=5, minutes=30))).strftime("%H:%M:%S")
    write_routine(tiptoe, [("toe-presses", "Toe presses", [clock])])
    write_pills(tiptoe, kolkata, zone="Asia/Kolkata")
    agent = agents()
    await_the_reminder(desktop, epoch, "Pill and Toe presses")
    desktop.press("Done")
    agent.await_line(r"done: pill/.*, toe-presses/")
