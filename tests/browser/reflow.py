"""Reflow (WCAG 1.4.10) and 200 % zoom (1.4.4): a page must not scroll sideways at 320 css pixels
wide, nor in a 1280-pixel window zoomed to 200 % (640 css pixels), except inside a table made to
scroll on its own (a ``.table-responsive`` wrapper, or the table itself: static/css/desk.css); and its
main action must be on screen once scrolled to."""

# Reading the page from inside: the document's widths and, when it is too wide, the outermost
# elements sticking out (those inside a deliberately scrollable table are its business).
MEASURE = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                    + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  const out = [];
  if (root.scrollWidth > width + 1) {
    for (const e of document.body.querySelectorAll('*')) {
      // Inside a table made to scroll (a .table-responsive wrapper, or a table scrolling itself)?
      const scroller = e.parentElement && e.parentElement.closest('.table-responsive, table');
      if (scroller && ['auto', 'scroll'].includes(getComputedStyle(scroller).overflowX)) continue;
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.right <= width + 1) continue;
      if (out.some(o => o.el.contains(e))) continue;
      out.push({el: e, text: name(e) + ` right=${Math.round(r.right)}`});
    }
  }
  return {scrollWidth: root.scrollWidth, clientWidth: width, sticking_out: out.slice(0, 6).map(o => o.text)};
}"""

# Where the main action is once scrolled to: inside the viewport's width, shown, not zero-sized.
ON_SCREEN = """e => {
  e.scrollIntoView({block: 'center', inline: 'nearest', behavior: 'instant'});  // Bootstrap scrolls smoothly otherwise
  const r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && r.left >= -1
         && r.right <= document.documentElement.clientWidth + 1 && r.top >= 0 && r.bottom <= innerHeight;
}"""


def problems(page, main_action: str | None) -> list[str]:
    """What fails reflow on the page as it is now: sideways scrolling, a main action off screen."""
    found = []
    measured = page.evaluate(MEASURE)
    if measured["scrollWidth"] > measured["clientWidth"] + 1:
        found.append(f"scrolls sideways: {measured['scrollWidth']} > {measured['clientWidth']} css px; "
                     f"sticking out: {measured['sticking_out']}")
    tables, in_tree = page.locator("main table, #content table").count(), tables_in_accessibility_tree(page)
    if in_tree < tables:
        found.append(f"{tables - in_tree} of {tables} table(s) lost their table role in chromium's accessibility tree")
    if main_action:
        action = page.locator(main_action)
        if action.count() == 0:
            found.append(f"no main action {main_action}")
        elif not action.first.evaluate(ON_SCREEN):
            found.append(f"main action {main_action} not on screen when scrolled to")
    return found


def tables_in_accessibility_tree(page) -> int:
    """How many tables chromium itself exposes to assistive technology (its accessibility tree, over
    the DevTools protocol): a table made to scroll with ``display: block`` must still be one."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    return sum(1 for n in nodes if not n.get("ignored") and n.get("role", {}).get("value") == "table")
