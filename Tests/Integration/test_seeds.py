"""The built-in routine stays traceable to the seed articles.

Every quotation in Config/foot-routine.toml's comments (`# 000 "…"`,
`002/003 "…"`) must stand in the seed it names, and every number the
routine plans with must carry such a comment.
"""
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "docs" / "seeds"  # a copy, so the check runs wherever the checkout is
ORIGINALS = ROOT.parent / "shared" / "seeds"
ROUTINE = ROOT / "Config" / "foot-routine.toml"
EXAMPLE = ROOT / "Config" / "examples" / "seed-004-stretches.toml"


def normalize(text):
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("“", '"').replace("”", '"')).strip().lower()


def seed_texts():
    return {path.name[:3]: normalize(path.read_text()) for path in SEEDS.glob("*.txt")}


def citations(path):
    """(line number, seed ids, quotation) for every quoted seed sentence in the comments."""
    found = []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        comment = line.split("#", 1)[1] if "#" in line else ""
        for match in re.finditer(r'((?:\d{3}[/ ,and]*)+)"([^"]+)"', comment):
            seeds = re.findall(r"\d{3}", match.group(1))
            found.append((number, seeds, match.group(2)))
    return found


def test_the_copied_seeds_are_the_originals():
    if not ORIGINALS.is_dir():
        pytest.skip(f"the original seed articles are not beside the checkout ({ORIGINALS})")
    originals = {path.name: path.read_bytes() for path in ORIGINALS.glob("*.txt")}
    assert len(originals) == 5
    assert {path.name: path.read_bytes() for path in SEEDS.glob("*.txt")} == originals


@pytest.mark.parametrize("path", [ROUTINE, EXAMPLE], ids=["foot-routine", "seed-004-example"])
def test_every_quotation_stands_in_the_seed_it_names(path):
    seeds = seed_texts()
    assert sorted(seeds) == ["000", "001", "002", "003", "004"]
    quotes = citations(path)
    assert len(quotes) >= 10
    for line, ids, quote in quotes:
        for seed in ids:
            for fragment in normalize(quote).split("..."):
                assert fragment.strip() in seeds[seed], f"{path.name}:{line}: seed {seed} does not say {quote!r}"


def test_every_planned_number_has_a_source_comment():
    lines = ROUTINE.read_text().splitlines()
    routine = tomllib.loads(ROUTINE.read_text())
    assert [e["id"] for e in routine["exercise"]] == [
        "toe-presses", "toe-walking", "ankle-circles", "resisted-flexion", "toe-pencil-pickups"]
    for number, line in enumerate(lines):
        key = line.split("=")[0].strip()
        if key in ("reps", "sets", "hold", "rest", "sides", "every", "minutes"):
            # The comment block above the key (and the keys grouped with it) names its source,
            # or says the number is an estimate.
            above = []
            for previous in reversed(lines[:number]):
                if previous.startswith("#"):
                    above.append(previous)
                elif above or not re.match(r"^\w+ = ", previous):
                    break
            context = " ".join(above)
            assert re.search(r'\d{3}[^"]*"', context) or "Estimate" in context, f"line {number + 1}: {line}"


def test_the_variants_are_noted():
    text = ROUTINE.read_text()
    for variant in ("5 seconds", "10 to 15 seconds", "15 seconds", "four more times"):
        assert variant in text
