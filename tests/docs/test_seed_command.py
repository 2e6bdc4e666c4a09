"""The seed command written in the operators' guide is the one `make seed` runs."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def makefile_seed():
    makefile = (ROOT / "Makefile").read_text()
    return re.search(r"^SEED := (.+)$", makefile, re.MULTILINE).group(1).split()


def test_the_makefile_loads_every_fixture_of_the_seed():
    fixtures = {path.stem for path in (ROOT / "fixtures").glob("*.json")}
    # The evidence of the transfers is read by tests, not loaded.
    assert set(makefile_seed()) == fixtures - {"lineage_evidence"}


def test_the_operators_guide_loads_what_make_seed_loads():
    guide = (ROOT / "docs" / "operators" / "seed-data.md").read_text()
    commands = re.findall(r"manage\.py loaddata ([a-z_ ]+)", guide)

    assert commands, "the guide shows no loaddata command"
    assert all(command.split() == makefile_seed() for command in commands)
