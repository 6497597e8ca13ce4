"""Checks run on every page a browser test visits, whatever the test asserts itself.

``watch(context)`` attaches them to a browser context: after each page load it checks that

* every id named by ``aria-describedby`` / ``aria-labelledby`` exists on the page (a
  screen reader silently skips a missing one);
* the page does not scroll sideways (``document.documentElement.scrollWidth`` is at most
  the viewport's width);
* radios, checkboxes (with the label around them), file inputs and the header's links
  are touch targets of at least 44x44 px;
* nothing runs past the edge of its panel (``.card-panel``, ``.verdict``);
* on a phone-sized viewport the site header takes at most ``MAX_HEADER_SHARE`` of the
  screen's height.

Pages without JavaScript cannot be measured; their HTML is still checked for the ids.
``problems(context)`` lists what was found; the fixtures fail the test on any.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

# The signed-in header on a 360x740 phone: at most about 15% of the screen.
MAX_HEADER_SHARE = 0.15
PHONE_MAX_WIDTH = 480

_MEASURE = """() => {
  const ids = new Set(Array.from(document.querySelectorAll('[id]'), (el) => el.id));
  const missing = [];
  for (const attr of ['aria-describedby', 'aria-labelledby']) {
    for (const el of document.querySelectorAll('[' + attr + ']')) {
      for (const ref of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        if (!ids.has(ref)) missing.push(attr + '="' + ref + '" on <' + el.tagName.toLowerCase()
          + (el.id ? ' id=' + el.id : '') + '>');
      }
    }
  }
  const small = [];
  const targets = 'input[type=radio], input[type=checkbox], input[type=file], '
    + 'header.site-header a, header.site-header button, header.site-header summary';
  for (const el of document.querySelectorAll(targets)) {
    const box = el.getBoundingClientRect();
    if (!el.checkVisibility() || box.width === 0) continue;  // hidden (e.g. a closed menu)
    let width = box.width, height = box.height;
    const label = el.closest('label') || (el.id && document.querySelector('label[for="' + el.id + '"]'));
    if (label && (el.type === 'radio' || el.type === 'checkbox')) {
      // The label is part of the target: around the input, or right beside it.
      const around = label.getBoundingClientRect();
      const left = Math.min(box.left, around.left), right = Math.max(box.right, around.right);
      const top = Math.min(box.top, around.top), bottom = Math.max(box.bottom, around.bottom);
      if (label.contains(el) || label.parentElement === el.parentElement) {
        width = right - left; height = Math.min(bottom - top, Math.max(box.height, around.height));
      }
    }
    if (width < 43.5 || height < 43.5) {
      small.push('<' + el.tagName.toLowerCase() + (el.type ? ' type=' + el.type : '')
        + (el.id ? ' id=' + el.id : '') + '> ' + Math.round(width) + 'x' + Math.round(height));
    }
  }
  const wide = [];
  if (document.documentElement.scrollWidth > window.innerWidth) {
    for (const el of document.body.querySelectorAll('*')) {
      if (el.getBoundingClientRect().right <= window.innerWidth + 1 || !el.checkVisibility()) continue;
      let inner = false;
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== 'visible'
            || up.getBoundingClientRect().right > window.innerWidth + 1) { inner = true; break; }
      }
      if (!inner) wide.push('<' + el.tagName.toLowerCase()
        + (el.className && typeof el.className === 'string' ? ' class=' + el.className : '') + '>');
      if (wide.length >= 3) break;
    }
  }
  const spill = [];
  for (const panel of document.querySelectorAll('.card-panel, .verdict')) {
    const edge = panel.getBoundingClientRect().right + 1;
    for (const el of panel.querySelectorAll('*')) {
      if (!el.checkVisibility() || el.closest('.table-scroll')) continue;
      if (el.getBoundingClientRect().right > edge) {
        spill.push('<' + el.tagName.toLowerCase() + '> "' + el.textContent.trim().slice(0, 30) + '"');
        break;
      }
    }
  }
  const header = document.querySelector('header.site-header');
  return {
    wide,
    spill,
    missing,
    small,
    scrollWidth: document.documentElement.scrollWidth,
    viewportWidth: window.innerWidth,
    viewportHeight: window.innerHeight,
    headerHeight: header ? header.getBoundingClientRect().height : 0,
  };
}"""


def measure(page) -> list[str]:
    """What is wrong with the page now (an empty list when nothing is)."""
    found = page.evaluate(_MEASURE)
    where = page.url
    problems = [f"{where}: {ref} names no element" for ref in found["missing"]]
    problems += [f"{where}: touch target under 44x44 px: {el}" for el in found["small"]]
    problems += [f"{where}: runs past its panel: {el}" for el in found["spill"]]
    if found["scrollWidth"] > found["viewportWidth"]:
        problems.append(
            f"{where}: scrolls sideways ({found['scrollWidth']} px wide in a "
            f"{found['viewportWidth']} px viewport; too wide: {', '.join(found['wide'])})"
        )
    if (
        found["viewportWidth"] <= PHONE_MAX_WIDTH
        and found["headerHeight"] > MAX_HEADER_SHARE * found["viewportHeight"]
    ):
        problems.append(
            f"{where}: the header is {found['headerHeight']:.0f} px tall, more than "
            f"{MAX_HEADER_SHARE:.0%} of a {found['viewportHeight']} px screen"
        )
    return problems


class _AriaRefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for attr in ("aria-describedby", "aria-labelledby"):
            for ref in (values.get(attr) or "").split():
                self.refs.append((attr, ref, tag))


def missing_aria_refs(html: str, where: str = "") -> list[str]:
    """The aria-describedby/aria-labelledby ids in ``html`` that name no element."""
    parser = _AriaRefs()
    parser.feed(html)
    return [
        f'{where}: {attr}="{ref}" on <{tag}> names no element'
        for attr, ref, tag in parser.refs
        if ref not in parser.ids
    ]


def watch(context, *, javascript: bool = True) -> None:
    """Check every page loaded in ``context``; see ``problems(context)``."""
    found: list[str] = []
    context.pencaker_page_problems = found

    def on_page(page) -> None:
        if javascript:
            page.on("load", lambda: _after_load(page, found))
        else:
            page.on("response", lambda response: _after_response(response, found))

    context.on("page", on_page)


def _after_load(page, found: list[str]) -> None:
    try:
        found.extend(p for p in measure(page) if p not in found)
    except Exception:  # noqa: BLE001, S110 - the page moved on (or closed) before it was measured
        pass


def _after_response(response, found: list[str]) -> None:
    request = response.request
    if request.resource_type != "document" or "text/html" not in (
        response.headers.get("content-type") or ""
    ):
        return
    try:
        html = response.text()
    except Exception:  # noqa: BLE001 - a redirect or an aborted load has no body
        return
    found.extend(p for p in missing_aria_refs(html, response.url) if p not in found)


def problems(context) -> list[str]:
    return list(getattr(context, "pencaker_page_problems", []))


def fail_on_problems(request, contexts) -> None:
    """After a test that passed, fail it on any problem found on the pages it visited."""
    report = getattr(request.node, "rep_call", None)
    if report is None or report.failed:
        return
    found = [p for context in contexts for p in problems(context)]
    if found:
        pytest.fail("Pages the test visited have problems:\n" + "\n".join(found), pytrace=False)
