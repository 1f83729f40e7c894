"""axe-core (bundled by PyPI's axe-playwright-python) on a Playwright page, WCAG 2.0/2.1 A and AA."""

# WCAG 2.0 and 2.1, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_AXE = None


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now."""
    global _AXE
    if _AXE is None:
        from axe_playwright_python.sync_playwright import Axe

        _AXE = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return _AXE.run(page, options=options).response["violations"]


def describe(violations: list[dict]) -> str:
    """Every violation: rule id, impact, what it asks, and each node's target with axe's finding."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v['helpUrl'].split('?')[0]}]")
        for node in v["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


def check_accessibility(page) -> None:
    """Fail on any WCAG 2.0/2.1 A or AA violation axe finds, listing every one with its nodes."""
    violations = axe_violations(page)
    assert not violations, f"axe: {len(violations)} WCAG A/AA violation(s) on {page.url}\n{describe(violations)}"
