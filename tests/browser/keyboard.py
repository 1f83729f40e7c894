"""Operating a page with the keyboard alone, as an officer who uses no mouse would.

Only Tab, Shift+Tab, Enter, Space, the arrow keys and typed text reach the page: nothing is
clicked, focused or filled programmatically. Each helper reads where the focus landed and what
changed (``document.activeElement``), and fails with what it saw when it cannot get there, so a
control out of the tab order or a radio group that the arrows cannot set fails the test.
"""

from datetime import date

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  return {tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute('name'), type: e.type || null,
          value: e.value ?? null, checked: e.checked ?? null, text: (e.innerText || '').trim().slice(0, 80)};
}"""


class Keyboard:
    def __init__(self, page, limit: int = 120):
        self.page = page
        self.keys = page.keyboard
        self.limit = limit

    def focused(self) -> dict | None:
        return self.page.evaluate(FOCUSED)

    def _matches(self, selector: str) -> bool:
        return self.page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector)

    def tab_to(self, selector: str, backwards: bool = False) -> dict:
        """Tab (or Shift+Tab) until the focus is on an element matching ``selector``."""
        seen = []
        for _ in range(self.limit):
            if self._matches(selector):
                return self.focused()
            self.keys.press("Shift+Tab" if backwards else "Tab")
            seen.append(self.focused())
        raise AssertionError(f"{selector} not reached with {'Shift+' if backwards else ''}Tab; focus went through "
                             f"{[(s or {}).get('id') or (s or {}).get('text') for s in seen[:40]]}")

    def type(self, selector: str, text: str) -> None:
        """Tab to a text field (empty, or emptied with Backspace) and type."""
        self.tab_to(selector)
        for _ in range(len(self.focused()["value"] or "")):
            self.keys.press("End")
            self.keys.press("Backspace")
        self.keys.type(text)

    def date(self, selector: str, day: str) -> None:
        """Type a date into a date input, segment by segment in chromium's order (month, day, year
        for its default en-US interface; the value sent is ISO whatever the display)."""
        self.tab_to(selector)
        d = date.fromisoformat(day)
        self.keys.type(f"{d.month:02d}{d.day:02d}{d.year:04d}")
        value = self.focused()["value"]
        assert value == day, f"{selector}: typed {day}, the field holds {value!r} (another date order?)"

    def choose(self, name: str, value: str) -> None:
        """Tab into a radio group and move with the arrow keys to ``value`` (Space if already on it)."""
        self.tab_to(f"input[type=radio][name='{name}']")
        for _ in range(20):
            now = self.focused()
            if now["value"] == value:
                if not now["checked"]:
                    self.keys.press("Space")
                assert self.focused()["checked"], f"{name}={value} not checked"
                return
            self.keys.press("ArrowDown")
        raise AssertionError(f"radio {name}={value} not reached with the arrow keys")

    def select(self, selector: str, value: str) -> None:
        """Tab to a closed <select> and move with the arrow keys to the option ``value``."""
        self.tab_to(selector)
        for _ in range(400):
            if self.focused()["value"] == value:
                return
            self.keys.press("ArrowDown")
        raise AssertionError(f"{selector}: option {value} not reached with the arrow keys")

    def check(self, selector: str, on: bool = True) -> None:
        """Tab to a checkbox and press Space if it is not as wanted."""
        self.tab_to(selector)
        if bool(self.focused()["checked"]) != on:
            self.keys.press("Space")
        assert bool(self.focused()["checked"]) == on, selector

    def press(self, selector: str, key: str = "Enter") -> None:
        """Tab to a button or link and press Enter (or Space), waiting for the page it leads to."""
        self.tab_to(selector)
        with self.page.expect_navigation():
            self.keys.press(key)
        self.page.wait_for_load_state()

    def activate(self, selector: str, key: str = "Enter") -> None:
        """Tab to a control that stays on the page (an in-page link, a disclosure) and press Enter."""
        self.tab_to(selector)
        self.keys.press(key)

    def enter(self) -> None:
        """Press Enter where the focus is (in a field: the form goes with its first button)."""
        with self.page.expect_navigation():
            self.keys.press("Enter")
        self.page.wait_for_load_state()
