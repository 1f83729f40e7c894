"""One test's browser: a context per person, signing in, and every page looked at screenshotted
and checked with axe, in its language and the other one."""

import re
from pathlib import Path
from urllib.parse import quote

from tests.browser.accessibility import axe_violations, describe

PASSWORD = "unused-in-tests-1"  # as the personas of tests/conftest.py


LANGUAGE_PREFIX = re.compile(r"^(https?://[^/]+)/(en|fr)/")


def other_language(url: str) -> str:
    """The same address in the other language (the /en/ or /fr/ prefix swapped)."""
    return LANGUAGE_PREFIX.sub(lambda m: f"{m.group(1)}/{'fr' if m.group(2) == 'en' else 'en'}/", url)


class Desk:
    """One test's browser: contexts (one per person), screenshots and axe on every page looked at."""

    def __init__(self, browser, server, folder: Path):
        self.browser = browser
        self.base = server.url
        self.folder = folder
        self.count = 0
        self.contexts = []
        self.findings: list[str] = []  # axe's violations, page by page
        self.titles: list[tuple[str, str, str]] = []  # (address, <title>, <h1>) of every page looked at

    def context(self, width: int = 1280, height: int = 900, scale: float = 1):
        """A person's browser: 1280 css pixels wide by default; ``scale`` is the device scale factor
        (a 1280-pixel window zoomed to 200 % is ``width=640, scale=2``)."""
        context = self.browser.new_context(base_url=self.base, locale="fr-CA", viewport={"width": width, "height": height},
                                           device_scale_factor=scale)
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        return context

    def page(self, **size):
        return self.context(**size).new_page()

    def sign_in(self, page, username: str, language: str = "en", next_url: str = "", look: bool = True) -> None:
        """Sign in through the login form (typed, then Enter); the form is looked at too, unless not ``look``."""
        page.goto(f"/{language}/accounts/login/" + (f"?next={quote(next_url)}" if next_url else ""))
        if look:
            self.look(page, f"sign-in-{language}")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("#id_password").press("Enter")
        page.wait_for_load_state()
        assert "/accounts/login/" not in page.url, f"{username} could not sign in"

    def shot(self, page, name: str) -> Path:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{re.sub(r'[^a-z0-9-]+', '-', name.lower()).strip('-')}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    def look(self, page, name: str, both_languages: bool = True) -> None:
        """Screenshot the page and check it with axe; then the same address in the other language,
        in a second tab of the same person (a GET: the page in hand is left as it is). Violations
        are gathered and fail the test when it ends, so one run lists those of every page."""
        self._check(page, self.shot(page, name))
        twin_url = other_language(page.url)
        if both_languages and twin_url != page.url:
            twin = page.context.new_page()
            try:
                twin.goto(twin_url)
                self._check(twin, self.shot(twin, f"{name}-{LANGUAGE_PREFIX.match(twin_url).group(2)}"))
                if twin.title() == page.title():
                    self.findings.append(f"{name}: the title is the same in both languages: {page.title()!r}")
            finally:
                twin.close()

    def _check(self, page, screenshot: Path) -> None:
        title = page.title()
        self.titles.append((page.url, title, page.evaluate("() => document.querySelector('h1')?.innerText ?? ''")))
        # The title names the page before the site's name ("Case — T52 assessment desk"; the admin's
        # "Add change set | Django site admin"), so a list of tabs or windows tells pages apart.
        if not re.split(r" — | \| ", title)[0].strip() or (" — " not in title and " | " not in title):
            self.findings.append(f"{screenshot.name} {page.url}\n- the title does not name the page: {title!r}")
        violations = axe_violations(page)
        if violations:
            self.findings.append(f"{screenshot.name} {page.url}\n{describe(violations)}")

    def close(self):
        for context in self.contexts:
            context.close()
        if self.titles:
            (self.folder / "titles.tsv").write_text("".join("\t".join(row) + "\n" for row in self.titles))


def follow(locator) -> None:
    """Click a link or button and wait for the page it leads to."""
    with locator.page.expect_navigation():
        locator.click()
    locator.page.wait_for_load_state()


def make_user(username: str, role):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username=username, password=PASSWORD, is_staff=role.staff)
    user.groups.add(Group.objects.get(name=role.group_name))
    return user
