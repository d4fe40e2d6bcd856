"""The harness itself: the CSP really holds in the browser, and the page guard really sees what
it is there to see (otherwise every "no dialog, no console error" above would pass for
nothing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.e2e.conftest import Penjaga


def lupakan(penjaga: Penjaga) -> None:
    """What this test provoked on purpose must not fail it at teardown."""
    penjaga.dialog.clear()
    penjaga.galat_skrip.clear()
    penjaga.konsol.clear()


def test_an_inline_script_put_into_a_page_is_refused_by_the_csp_and_reported(
    halaman: Page, penjaga: Penjaga
) -> None:
    halaman.goto("/")
    halaman.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "window.__dijalankan = true; alert('lolos')";
                   document.body.appendChild(s); }"""
    )
    halaman.wait_for_timeout(200)

    assert halaman.evaluate("typeof window.__dijalankan") == "undefined"
    assert not penjaga.dialog
    assert any("Content Security Policy" in k for k in penjaga.konsol), penjaga.konsol
    lupakan(penjaga)


def test_the_guard_sees_dialogs_script_errors_and_console_errors(halaman: Page, penjaga: Penjaga) -> None:
    halaman.goto("/")
    halaman.evaluate(
        "() => { alert('satu'); console.error('dua'); setTimeout(() => { throw new Error('tiga'); }); }"
    )
    halaman.wait_for_timeout(200)

    masalah = penjaga.masalah()
    assert any("satu" in m for m in masalah)
    assert any("dua" in m for m in masalah)
    assert any("tiga" in m for m in masalah)
    lupakan(penjaga)
