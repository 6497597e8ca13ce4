"""The address picker in real Chromium, with and without JavaScript."""

from __future__ import annotations

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from pencaker.regions.tests.conftest import SMALL_CSV

pytestmark = [pytest.mark.browser, pytest.mark.urls("pencaker.regions.tests.picker_urls")]


@pytest.fixture
def page_url(transactional_db, live_server):
    from pencaker.regions.services import regions_import_csv

    regions_import_csv(handle=io.StringIO(SMALL_CSV))
    return f"{live_server.url}/test-picker/"


def option_values(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(f"{selector} option", "els => els.map(e => e.value)")


def test_with_javascript_each_choice_fills_the_next_select_and_clears_the_ones_below(
    browser, page_url
):
    context = browser.new_context()
    page = context.new_page()
    page.goto(page_url)

    page.select_option("#id_province", "16")
    expect(page.locator("#id_regency option[value='16.71']")).to_have_count(1)
    page.select_option("#id_regency", "16.71")
    expect(page.locator("#id_district option[value='16.71.01']")).to_have_count(1)
    page.select_option("#id_district", "16.71.01")
    expect(page.locator("#id_village option[value='16.71.01.1001']")).to_have_count(1)

    page.select_option("#id_province", "32")
    expect(page.locator("#id_regency option[value='32.73']")).to_have_count(1)
    expect(page.locator("#id_district option")).to_have_count(1)
    expect(page.locator("#id_village option")).to_have_count(1)
    assert option_values(page, "#id_regency") == ["", "32.73"]

    page.select_option("#id_regency", "32.73")
    expect(page.locator("#id_district option[value='32.73.01']")).to_have_count(1)
    page.select_option("#id_district", "32.73.01")
    expect(page.locator("#id_village option[value='32.73.01.1001']")).to_have_count(1)
    page.select_option("#id_village", "32.73.01.1001")
    page.fill("#id_street", "Jl. Setiabudi 5")
    page.click("button[name=save]")

    expect(page.locator("#saved")).to_have_text("Jl. Setiabudi 5 / 32.73.01.1001")
    context.close()


def test_without_javascript_the_refresh_button_walks_down_the_levels(browser, page_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(page_url)
    page.fill("#id_street", "Jl. Merdeka 1")

    for name, code in [("province", "16"), ("regency", "16.71"), ("district", "16.71.01")]:
        page.select_option(f"#id_{name}", code)
        page.click("button[name=region_refresh]")
        expect(page.locator(".error-summary")).to_have_count(0)
        expect(page.locator("#id_street")).to_have_value("Jl. Merdeka 1")
        expect(page.locator(f"#id_{name}")).to_have_value(code)

    assert option_values(page, "#id_village") == ["", "16.71.01.1002", "16.71.01.1001"]
    page.select_option("#id_village", "16.71.01.1001")
    page.click("button[name=save]")

    expect(page.locator("#saved")).to_have_text("Jl. Merdeka 1 / 16.71.01.1001")
    context.close()


def test_without_javascript_a_mismatched_chain_is_explained_next_to_the_field(browser, page_url):
    context = browser.new_context(java_script_enabled=False, locale="id-ID")
    page = context.new_page()
    page.goto(page_url)
    page.fill("#id_street", "Jl. Merdeka 1")
    for name, code in [("province", "16"), ("regency", "16.71"), ("district", "16.71.01")]:
        page.select_option(f"#id_{name}", code)
        page.click("button[name=region_refresh]")
    page.select_option("#id_village", "16.71.01.1001")
    page.select_option("#id_regency", "16.72")  # changed mind, forgot to refresh
    page.click("button[name=save]")

    expect(page.locator("#id_district_error")).to_contain_text("tidak berada di kabupaten/kota")
    expect(page.locator(".error-summary")).to_contain_text("Kecamatan")
    expect(page.locator("#saved")).to_have_count(0)
    context.close()


def test_picker_page_has_no_axe_violations(browser, page_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(page_url)
    page.select_option("#id_province", "16")
    expect(page.locator("#id_regency option[value='16.71']")).to_have_count(1)

    results = Axe().run(page)

    assert results.violations_count == 0, results.generate_report()
    context.close()
