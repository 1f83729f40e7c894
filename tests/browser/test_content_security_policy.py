"""Every page works under the Content-Security-Policy (no inline script or style allowed): the main
pages of each role, opened in chromium, report no violation, neither as a `securitypolicyviolation`
event nor in the console. A canary first proves a violation would be caught. Then the idle-session
warning, whose script runs under the same policy.
"""

import pytest
from django.test import Client

from config.roles import OFFICER, RULES_ADMIN, SUPERVISOR
from eligibility import services
from occupations.models import Listing
from tests.browser.desk import PASSWORD, follow, make_user
from tests.supervision.recorded import record

# Before any of the page's own scripts: keep every violation the document reports.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " " +
                           (event.sourceFile || "") + ":" + event.lineNumber);
});
"""


class Watched:
    """A signed-in page whose CSP violations (events and console lines) are collected."""

    def __init__(self, desk, username):
        context = desk.context()
        context.add_init_script(WATCH)
        self.page = context.new_page()
        self.console = []
        self.page.on("console", lambda message: self.console.append(message.text)
                     if "Content Security Policy" in message.text else None)
        self.page.goto("/en/accounts/login/")
        self.visited = ["/en/accounts/login/"]
        self.page.locator("#id_username").fill(username)
        self.page.locator("#id_password").fill(PASSWORD)
        follow(self.page.get_by_role("button", name="Sign in"))
        assert "/accounts/login/" not in self.page.url, f"{username} could not sign in"

    def visit(self, path):
        response = self.page.goto(path)
        assert response.status == 200, f"{path}: {response.status}"
        self.page.wait_for_load_state("networkidle")  # images (the report's charts) and scripts too
        self.visited.append(path)

    def violations(self):
        return self.page.evaluate("window.__violations") + self.console


def test_a_violation_would_be_caught(desk):
    make_user("agent", OFFICER)
    watched = Watched(desk, "agent")
    assert "script-src" in watched.page.context.request.get("/en/").headers["content-security-policy"]
    watched.page.evaluate("""() => {
      const script = document.createElement("script");
      script.textContent = "window.ran = true";
      document.body.appendChild(script);
      document.body.insertAdjacentHTML("beforeend", '<p style="color: red">inline</p>');
    }""")
    watched.page.wait_for_timeout(200)
    found = " ".join(watched.violations())
    assert "script-src" in found and "style-src" in found
    assert watched.page.evaluate("window.ran === undefined")


def test_every_page_works_under_the_policy(desk):
    officer = make_user("agent", OFFICER)
    make_user("chef", SUPERVISOR)
    make_user("regles", RULES_ADMIN)
    decision = record(officer, decision="refuse")
    draft = services.start_assessment(officer)

    agent = Watched(desk, "agent")
    for path in ["/en/", f"/en/assessments/{draft.pk}/case/", f"/fr/assessments/{draft.pk}/case/",
                 f"/en/decisions/{decision.pk}/", f"/en/supervision/decisions/{decision.pk}/record/",
                 "/en/rules/"]:
        agent.visit(path)
    # The occupation step with its suggestions script, typed into.
    agent.visit(f"/en/assessments/{draft.pk}/occupation/")
    if agent.page.locator("input[data-suggest='noc']").count():
        agent.page.locator("input[data-suggest='noc']").fill("engineer")
        agent.page.wait_for_timeout(500)

    chef = Watched(desk, "chef")
    for path in ["/en/supervision/", "/en/supervision/decisions/?q=W301", f"/en/supervision/decisions/{decision.pk}/review/",
                 f"/en/supervision/decisions/{decision.pk}/replay/", "/en/supervision/sampling/",
                 "/en/supervision/access-log/", "/en/security/log/", "/en/supervision/reports/"]:
        chef.visit(path)
    # The reports' charts: pygal's SVG with its own <style>, loaded as images (no script in them).
    charts = chef.page.locator("img[src*='/reports/']")
    assert charts.count() >= 1
    charts.first.scroll_into_view_if_needed()
    assert chef.page.evaluate("img => img.complete && img.naturalWidth > 0", charts.first.element_handle())
    desk.shot(chef.page, "reports-under-csp")

    regles = Watched(desk, "regles")
    listing = Listing.objects.order_by("pk").first()
    for path in ["/en/admin/", "/en/admin/occupations/listing/", "/en/admin/occupations/listing/?country=AU",
                 f"/en/admin/occupations/listing/{listing.pk}/change/", f"/en/admin/occupations/listing/{listing.pk}/history/",
                 "/en/admin/occupations/listing/import/", "/en/admin/occupations/changeset/add/",
                 "/en/admin/rulesadmin/goldenscenario/"]:
        regles.visit(path)

    for watched in (agent, chef, regles):
        assert watched.violations() == [], f"CSP violations on {watched.visited}"


@pytest.fixture
def quick_warning(settings):
    """The warning two seconds after a page loads instead of 25 minutes."""
    settings.SESSION_WARNING_BEFORE = settings.SESSION_COOKIE_AGE - 2


def test_the_idle_warning_offers_to_stay_signed_in(desk, quick_warning):
    officer = make_user("agent", OFFICER)
    watched = Watched(desk, "agent")
    page = watched.page
    dialog = page.get_by_role("alertdialog", name="Your session is about to end")
    dialog.wait_for(state="visible", timeout=5_000)
    stay = dialog.get_by_role("button", name="Stay signed in")
    assert page.evaluate("document.activeElement.textContent").strip() == "Stay signed in"
    desk.shot(page, "idle-warning")
    with page.expect_response(lambda r: "/security/keep-alive/" in r.url) as answer:
        stay.click()
    assert answer.value.status == 204
    dialog.wait_for(state="hidden")
    assert watched.violations() == []
    # Still signed in: the home page, not the sign-in form.
    client = Client()
    client.force_login(officer)
    page.goto("/en/")
    assert "/accounts/login/" not in page.url
