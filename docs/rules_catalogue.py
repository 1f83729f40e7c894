"""Writes docs/rules.md from the engine's rule registry and the tests named after each rule.

    python docs/rules_catalogue.py          # rewrite docs/rules.md
tests/test_docs.py fails when docs/rules.md is out of date.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eligibility.rulebook import REGISTRY  # noqa: E402

TARGET = ROOT / "docs" / "rules.md"
HEADER = """# Rules

Every rule of the engine (`eligibility/rulebook/rules/`), the clause of the program delivery
instructions (`shared/seed/`) it implements, its module and the tests that carry its id. Written by
`python docs/rules_catalogue.py`; `tests/test_docs.py` fails when this file is out of date.

Open points of the instructions and how they are read: `docs/decisions/0002-reading-the-instructions.md`.
"""


def tests_by_rule() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {rule_id: [] for rule_id in REGISTRY}
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        for name in re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), flags=re.M):
            for rule_id in REGISTRY:
                if name.startswith(f"test_{rule_id}"):
                    found[rule_id].append(f"{path.relative_to(ROOT)}::{name}")
    return found


def render() -> str:
    tests = tests_by_rule()
    parts = [HEADER]
    for rule_id, info in sorted(REGISTRY.items()):
        clause = " ".join(info.doc.split())
        # Rules of no one criterion: the permit's length and T53, or any criterion whose facts were not entered.
        criterion = info.criterion.value if info.criterion else (
            "(any criterion whose facts were not entered)" if info.rule_id.startswith("facts_") else "(permit length / T53)")
        listed = "\n".join(f"  - `{t}`" for t in tests[rule_id]) or "  - (none)"
        parts.append(
            f"## `{rule_id}`\n\n"
            f"- Criterion: {criterion}; section: `{info.section.value}`\n"
            f"- Module: `{info.module.replace('.', '/')}.py`\n"
            f"- Clause: {clause}\n"
            f"- Tests:\n{listed}\n"
        )
    return "\n".join(parts)


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)} ({len(REGISTRY)} rules)")
