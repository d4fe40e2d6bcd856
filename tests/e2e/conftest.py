"""Browser tests: Playwright (sync API) drives Debian's Chromium against a live Tilik server.

- One Chromium for the whole session (per xdist worker), launched from /usr/bin/chromium with
  the flags below; every test gets a fresh browser context (its own cookies and storage).
- The server is pytest-django's live_server: a thread of this process serving the test
  database. Tests that use it are transactional (their data is committed so that the server
  thread sees it, and the tables are flushed afterwards); _template_skm puts back what the
  data migration installed (the built-in SKM questionnaires), which a flush removes.
  With SQLite the server thread shares the in-memory connection; with PostgreSQL it opens its
  own, which sees the committed rows.
- Every page is watched: a JavaScript dialog (alert/confirm/prompt), an uncaught script error
  or a console error (a CSP violation is one) fails the test, unless the test said which
  console message it expects (Penjaga.izinkan).
- When a test fails, a screenshot of its page is saved to var/e2e-screenshots/<test>.png.

Without /usr/bin/chromium or the playwright package every test here is skipped with the
reason; .ci/run installs Chromium, so CI always runs them.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Dialog, Page, Playwright
    from pytest_django.live_server_helper import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
ARGUMEN_CHROMIUM = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
LAYAR_PONSEL = {"width": 360, "height": 740}
LAYAR_DESKTOP = {"width": 1280, "height": 900}
FOLDER_TANGKAPAN = Path(__file__).resolve().parents[2] / "var" / "e2e-screenshots"
BATAS_WAKTU_MS = 15_000

E2E = Path(__file__).resolve().parent


def alasan_lewati() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "browser tests skipped: the playwright package is not installed (requirements-dev.txt)"
    if not CHROMIUM.exists():
        return (
            f"browser tests skipped: Chromium not found at {CHROMIUM} "
            "(apt-get install chromium; .ci/run installs it, so CI runs them)"
        )
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    alasan = alasan_lewati()
    for item in items:
        if E2E not in Path(str(item.path)).parents:
            continue
        item.add_marker(pytest.mark.browser)
        if alasan:
            item.add_marker(pytest.mark.skip(reason=alasan))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    # The report of each phase is kept on the item, so that the page fixture's teardown knows
    # whether the test failed and takes the screenshot while the page is still open.
    laporan = yield
    setattr(item, f"laporan_{laporan.when}", laporan)
    return laporan


def nama_berkas(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid.split("::", 1)[-1])[:150]


# The browser -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def playwright_modul() -> Iterator[Playwright]:
    """Playwright for one test module. Its sync API keeps an asyncio loop running in this
    thread, and Django refuses ORM calls (the test's own, the database flush between tests)
    in a thread with a running loop; the code here is synchronous, so the guard is lifted
    while Playwright lives, and only then: per module, not for the rest of the session."""
    from playwright.sync_api import sync_playwright

    sebelum = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as pw:
            yield pw
    finally:
        if sebelum is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = sebelum


@pytest.fixture(scope="module")
def peramban(playwright_modul: Playwright) -> Iterator[Browser]:
    # Playwright gives every launch a fresh temporary --user-data-dir of its own.
    browser = playwright_modul.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=ARGUMEN_CHROMIUM
    )
    yield browser
    browser.close()


@pytest.fixture(autouse=True)
def _template_skm(transactional_db: None) -> None:
    # The live server makes these tests transactional, and the flush after each test removes
    # the built-in SKM questionnaires: put them back. Autouse, so before any fixture that
    # reads them.
    from tests.factories import pasang_template_skm

    pasang_template_skm()


# Watching the page ---------------------------------------------------------------------------------


@dataclass
class Penjaga:
    """Everything a page did that a user must never see: dialogs, script errors, console errors."""

    dialog: list[str] = field(default_factory=list)
    galat_skrip: list[str] = field(default_factory=list)
    konsol: list[str] = field(default_factory=list)
    diizinkan: list[re.Pattern[str]] = field(default_factory=list)

    def izinkan(self, pola: str) -> None:
        """A console error this test expects (e.g. the browser's line for a deliberate 404)."""
        self.diizinkan.append(re.compile(pola))

    def izinkan_status(self, *kode: int) -> None:
        """Chromium logs every 4xx/5xx page as a console error; a test that expects one says so."""
        pilihan = "|".join(str(k) for k in kode)
        self.izinkan(rf"^Failed to load resource: the server responded with a status of ({pilihan}) ")

    def pasang(self, page: Page) -> None:
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda e: self.galat_skrip.append(str(e)))
        page.on("console", self._konsol)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialog.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _konsol(self, pesan: ConsoleMessage) -> None:
        if pesan.type == "error":
            tempat = pesan.location.get("url", "")
            self.konsol.append(f"{pesan.text} [{tempat}]" if tempat else pesan.text)

    def masalah(self) -> list[str]:
        konsol = [k for k in self.konsol if not any(p.search(k) for p in self.diizinkan)]
        return (
            [f"dialog: {d}" for d in self.dialog]
            + [f"script error: {g}" for g in self.galat_skrip]
            + [f"console error: {k}" for k in konsol]
        )

    def periksa(self) -> None:
        masalah = self.masalah()
        assert not masalah, "the page misbehaved:\n" + "\n".join(masalah)


@pytest.fixture
def penjaga() -> Penjaga:
    return Penjaga()


def _konteks(peramban: Browser, live_server: LiveServer, **opsi: Any) -> BrowserContext:
    konteks = peramban.new_context(base_url=live_server.url, locale="id-ID", **opsi)
    konteks.set_default_timeout(BATAS_WAKTU_MS)
    return konteks


@pytest.fixture
def buat_halaman(
    request: pytest.FixtureRequest,
    peramban: Browser,
    live_server: LiveServer,
    penjaga: Penjaga,
) -> Iterator[Callable[..., Page]]:
    """buat_halaman(ponsel=False, **context options) -> a new page in its own browser context,
    watched by the test's Penjaga. Several pages (several people) may act in one test."""
    halaman: list[Page] = []
    semua_konteks: list[BrowserContext] = []

    def buat(*, ponsel: bool = False, **opsi: Any) -> Page:
        if ponsel:
            opsi = {"viewport": LAYAR_PONSEL, "is_mobile": True, "has_touch": True, **opsi}
        else:
            opsi = {"viewport": LAYAR_DESKTOP, **opsi}
        konteks = _konteks(peramban, live_server, **opsi)
        semua_konteks.append(konteks)
        page = konteks.new_page()
        penjaga.pasang(page)
        halaman.append(page)
        return page

    yield buat

    gagal = any(
        getattr(getattr(request.node, f"laporan_{fase}", None), "failed", False) for fase in ("setup", "call")
    )
    masalah = penjaga.masalah()
    if gagal or masalah:
        FOLDER_TANGKAPAN.mkdir(parents=True, exist_ok=True)
        for nomor, page in enumerate(halaman):
            akhiran = "" if nomor == 0 else f"-{nomor + 1}"
            berkas = FOLDER_TANGKAPAN / f"{nama_berkas(request.node.nodeid)}{akhiran}.png"
            try:
                page.screenshot(path=str(berkas), full_page=True)
            except Exception as e:  # a crashed page must not hide the test's own failure
                print(f"screenshot failed for {berkas.name}: {e}")
            else:
                print(f"screenshot: {berkas}")
    for konteks in semua_konteks:
        konteks.close()
    if masalah and not gagal:
        pytest.fail("the page misbehaved:\n" + "\n".join(masalah))


@pytest.fixture
def halaman(buat_halaman: Callable[..., Page]) -> Page:
    """A desktop page (1280x900)."""
    return buat_halaman()


@pytest.fixture
def halaman_ponsel(buat_halaman: Callable[..., Page]) -> Page:
    """A phone: a 360x740 viewport with touch, as most citizens fill the SKM."""
    return buat_halaman(ponsel=True)


@pytest.fixture
def alamat(live_server: LiveServer) -> Callable[[str], str]:
    """alamat("/s/") -> the absolute URL on the live server."""
    return lambda jalur: live_server.url + jalur
