"""`tiptoe init`, `routine --print / --check` and the bash completion, with the binary under test."""
import pytest

from conftest import BIN, ROOT
from shell import bash_complete

EXAMPLES = ["seed-004-stretches", "desk-break", "medication"]


def test_init_writes_a_routine_that_checks_and_a_second_init_refuses(tiptoe):
    out = tiptoe.run("init").stdout
    routine = tiptoe.home / "config" / "tiptoe" / "routine.toml"
    assert f"wrote {routine}: the built-in foot routine, 5 exercises" in out
    assert "tiptoe routine --check" in out and "man 5 tiptoe-routine" in out
    text = routine.read_text()
    assert text.startswith("# Your tiptoe routine, written by `tiptoe init`")
    assert text.endswith((ROOT / "Config" / "foot-routine.toml").read_text())
    assert tiptoe.run("routine", "--check").stdout == f"{routine}: ok: 5 exercises, 55 slots a week\n"
    assert tiptoe.run("routine", "--print").stdout == text
    assert "Foot routine for back pain" in tiptoe.run("routine").stdout.splitlines()[0]

    routine.write_text(text + "# my own note\n")
    again = tiptoe.run("init", check=False)
    assert again.returncode == 1 and "already exists" in again.stderr and "--force" in again.stderr
    assert routine.read_text().endswith("# my own note\n"), "a refused init changes nothing"

    out = tiptoe.run("init", "--example", "desk-break", "--force").stdout
    assert f"kept the old routine as {routine}.bak" in out
    assert (tiptoe.home / "config" / "tiptoe" / "routine.toml.bak").read_text().endswith("# my own note\n")
    assert "Desk breaks" in tiptoe.run("routine").stdout


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_example_is_written_checked_and_planned(tiptoe, name):
    tiptoe.run("init", "--example", name)
    routine = tiptoe.home / "config" / "tiptoe" / "routine.toml"
    assert routine.read_text().endswith((ROOT / "Config" / "examples" / f"{name}.toml").read_text())
    check = tiptoe.run("routine", "--check")
    assert ": ok: " in check.stdout
    assert check.stderr == "", "an example checks without warnings"
    plan = tiptoe.json("plan", "--from", "2026-11-23", "--days", "7", "--json")
    assert len(plan["slots"]) > 0
    # Sensible numbers: every slot inside the day's waking hours, none longer than 10 minutes.
    assert all(6 <= int(s["start"][11:13]) <= 22 and 1 <= s["minutes"] <= 10 for s in plan["slots"])


def test_a_bad_example_name_is_a_usage_error_that_names_the_option_and_writes_nothing(tiptoe):
    result = tiptoe.run("init", "--example", "medicaton", check=False)
    assert result.returncode == 64
    assert "--example" in result.stderr and "did you mean 'medication'" in result.stderr
    assert not (tiptoe.home / "config").exists()


def test_init_where_the_config_cannot_be_written_is_an_io_error(tiptoe):
    (tiptoe.home / "config").write_text("a file where a directory should be")
    result = tiptoe.run("init", check=False)
    assert result.returncode == 74 and "cannot write" in result.stderr


def test_routine_check_without_a_file_checks_the_routine_in_use(tiptoe, tmp_path):
    assert tiptoe.run("routine", "--check").stdout.startswith("built-in foot-routine.toml: ok: 5 exercises")
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[[exercise]]\nid = "a"\ntitle = "A"\nevery = "sometimes"\n')
    result = tiptoe.run("routine", "--check", check=False, env={"TIPTOE_ROUTINE": str(bad)})
    assert result.returncode == 65 and f"{bad}:5:" in result.stderr
    result = tiptoe.run("routine", str(bad), check=False)
    assert result.returncode == 64 and "--check" in result.stderr


def complete(tiptoe, script, line):
    env = dict(tiptoe.env, PATH=f"{BIN.parent}:/usr/bin:/bin")
    return bash_complete(env, f"source {script}", line)


def test_bash_completes_commands_exercise_ids_and_examples(tiptoe, tmp_path):
    script = tmp_path / "tiptoe.bash"
    script.write_text(tiptoe.run("--generate-completion-script", "bash").stdout)
    commands = complete(tiptoe, script, "tiptoe ")
    assert {"plan", "done", "snooze", "routine", "init", "agent", "export"} <= set(commands)
    assert complete(tiptoe, script, "tiptoe done ") == [
        "toe-presses", "toe-walking", "ankle-circles", "resisted-flexion", "toe-pencil-pickups"]
    assert complete(tiptoe, script, "tiptoe skip toe-p") == ["toe-presses", "toe-pencil-pickups"]
    assert complete(tiptoe, script, "tiptoe snooze ankle-circles ") == ["10m", "15m", "30m", "1h"]
    assert complete(tiptoe, script, "tiptoe init --example ") == EXAMPLES
    # The routine in use: --routine on the line, else ~/.config/tiptoe/routine.toml.
    medication = ROOT / "Config" / "examples" / "medication.toml"
    assert "eye-drops" in complete(tiptoe, script, f"tiptoe done --routine {medication} ")
    tiptoe.run("init", "--example", "desk-break")
    assert complete(tiptoe, script, "tiptoe done ") == ["eyes", "stand-up", "neck", "wrists"]
    # Several routines: routines/*.toml beside it, or --routine given twice.
    pills = tiptoe.home / "config" / "tiptoe" / "routines" / "pills.toml"
    pills.parent.mkdir()
    pills.write_text('[[exercise]]\nid = "pill"\ntitle = "Pill"\nat = ["08:00"]\n')
    assert complete(tiptoe, script, "tiptoe done ") == ["eyes", "stand-up", "neck", "wrists", "pill"]
    assert complete(tiptoe, script, f"tiptoe done --routine {medication} --routine {pills} p") == ["pill"]
    assert not tiptoe.state_dir.exists(), "completing reads the routine only"
