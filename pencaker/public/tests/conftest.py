from __future__ import annotations

from pencaker.e2e import conftest as _e2e

# Browser fixtures shared with the journeys (the browser itself lives in the root conftest).
assert_accessible = _e2e.assert_accessible
axe = _e2e.axe
nojs_page = _e2e.nojs_page
page = _e2e.page
