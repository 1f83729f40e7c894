"""docs/rules.md is the generated catalogue of the engine's rules, and it is up to date."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_rules_catalogue_is_up_to_date():
    spec = importlib.util.spec_from_file_location("rules_catalogue", ROOT / "docs" / "rules_catalogue.py")
    catalogue = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(catalogue)
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == catalogue.render(), (
        "docs/rules.md is stale: run `python docs/rules_catalogue.py`")
    assert "(none)" not in catalogue.render()
