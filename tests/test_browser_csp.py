"""The app runs in headless Chromium under its own Content-Security-Policy: every page renders (its
callbacks pass the CSRF layer with the token dash-renderer reads from the `_csrf_token` cookie) and the
browser reports no CSP violation, neither in its log nor as a `securitypolicyviolation` event.

Run: `.venv/bin/python -m pytest --headless tests/test_browser_csp.py`.
"""

from __future__ import annotations

import dash
import pytest
from browser_checks import wait_until
from registry_world import app_registry
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By

from dashboard.app import create_app

pytestmark = pytest.mark.browser

# installed before any script of the page runs (a CDP script is not subject to the page's CSP)
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
    e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
"""
PAGE_RENDERED = """
const area = document.querySelector('.page-area');
const plots = [...document.querySelectorAll('.js-plotly-plot')];
return !!area && area.innerText.trim().length > 0 && !document.querySelector('[data-dash-is-loading="true"]')
    && plots.every(p => p.querySelector('.main-svg'));
"""


@pytest.fixture
def app(shell_catalog, tmp_path, monkeypatch):
    app_registry(tmp_path, monkeypatch)
    return create_app()


def pages() -> list[str]:
    paths = {page["relative_path"] for page in dash.page_registry.values() if page.get("nav_key")}
    return sorted(paths | {"/about", "/registry", "/present"})


def test_every_page_renders_under_the_csp_with_no_violation(dash_duo, app):
    dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS})
    dash_duo.start_server(app)
    policy = dash_duo.driver.execute_script("return fetch('/').then(r => r.headers.get('content-security-policy'))")
    assert "script-src 'self' 'sha256-" in policy
    problems = []
    for path in pages():
        dash_duo.driver.get(dash_duo.server_url + path)
        try:
            wait_until(dash_duo, lambda: dash_duo.driver.execute_script(PAGE_RENDERED))
        except TimeoutException:
            problems.append(f"{path}: did not render")
        violations = dash_duo.driver.execute_script("return window.__cspViolations")
        logged = [e["message"] for e in dash_duo.get_logs()
                  if "Content Security Policy" in e.get("message", "") or "Refused to" in e.get("message", "")]
        problems += [f"{path}: {v}" for v in violations + logged]
        dash_duo.driver.find_element(By.CSS_SELECTOR, ".app-shell")
    assert problems == []
