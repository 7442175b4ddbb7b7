"""Drives the shells' completion of `tiptoe` headlessly, as a Tab press would."""
import subprocess


def bash_complete(env, setup, line):
    """What bash-completion offers (COMPREPLY) for `line`, after the bash commands `setup` that
    make `_tiptoe` known (sourcing a script, or bash-completion's own loader)."""
    driver = f"""
source /usr/share/bash-completion/bash_completion
{setup}
COMP_LINE={line!r}; COMP_POINT=${{#COMP_LINE}}
read -ra COMP_WORDS <<<"$COMP_LINE"; [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))
_tiptoe tiptoe "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    result = subprocess.run(["bash", "-c", driver], capture_output=True, text=True, env=env, timeout=30)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def fish_complete(env, completions_dir, line):
    """What fish offers for `line` (`complete -C`), with tiptoe's completions from `completions_dir`."""
    script = f"set -p fish_complete_path {completions_dir}; complete -C {line!r}"
    result = subprocess.run(["fish", "--no-config", "-c", script], capture_output=True, text=True, env=env, timeout=30)
    assert result.returncode == 0, result.stderr
    return [candidate.split("\t")[0] for candidate in result.stdout.splitlines()]
