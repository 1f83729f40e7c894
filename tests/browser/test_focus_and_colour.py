"""Issue 6: visible focus (WCAG 2.4.7) on every kind of control the keyboard reaches, and no
meaning carried by colour alone (1.4.1) in the wizard's step progress."""

from django.test import Client

from config.roles import OFFICER
from tests.browser.desk import make_user
from tests.browser.keyboard import Keyboard
from tests.eligibility.wizard.journey import Wizard

OUTLINE = "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"


def officer_on_the_language_step(desk):
    """An officer's browser on the language step; case to experience answered."""
    client = Client()
    client.force_login(make_user("agent", OFFICER))
    wizard = Wizard.start(client).walk("JP", "professional", until="language")
    page = desk.page()
    desk.sign_in(page, "agent", "en", next_url=f"/en/assessments/{wizard.pk}/language/", look=False)
    return page


def test_every_kind_of_control_shows_a_strong_outline_when_focused_by_the_keyboard(desk):
    page = officer_on_the_language_step(desk)
    keys = Keyboard(page)
    seen = {}
    for kind, selector in [("link", "nav a.nav-link"), ("step link", ".desk-steps a"),
                           ("radio", "input[type=radio][name=satisfactory]"), ("text field", "#id_evidence"),
                           ("button", "button[name=next]")]:
        keys.tab_to(selector)
        seen[kind] = page.evaluate(OUTLINE)
    desk.shot(page, "focus-on-the-main-button")

    # Bootstrap turns the outline off on its buttons, fields and radios: the desk's must win.
    assert seen == {kind: ["solid", "3px", "rgb(5, 53, 210)"] for kind in seen}, seen


def test_the_step_progress_says_answered_and_current_without_colour(desk):
    page = officer_on_the_language_step(desk)
    steps = page.locator(".desk-steps li > *")
    tick = "e => getComputedStyle(e, '::before').content"
    cues = [(s.inner_text().strip(), s.evaluate(tick), s.evaluate("e => getComputedStyle(e).fontWeight"),
             s.evaluate("e => getComputedStyle(e).textDecorationLine")) for s in steps.all()]

    answered = [text for text, before, _, _ in cues if "\u2713" in before]
    assert [t.split("(")[0].strip() for t in answered] == [
        "1. Case", "2. Occupation and offer", "3. Credentials", "4. Experience"], cues
    [current] = [(text, weight, line) for text, _, weight, line in cues if line == "underline"]
    assert current == ("5. Language", "700", "underline"), cues
    assert page.locator(".desk-steps [aria-current=step]").inner_text().strip() == "5. Language"
