"""What the browser tests do over and over, as a person would: fill the SKM, sign in (with a
TOTP code), run axe, and check that a page holds no markup that someone else typed.

Playwright is imported inside the functions, so that collecting tests/e2e works (and skips)
on a machine without it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from survei.skm import URUTAN_ANGKET

if TYPE_CHECKING:
    from playwright.sync_api import Page

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
# axe's own grading; "serious" and "critical" fail a test, "minor" and "moderate" are reported.
DAMPAK_GAGAL = {"serious", "critical"}


# The SKM ----------------------------------------------------------------------------------------------


def isi_skm(page: Page, nilai: int | dict[str, int] = 4) -> None:
    """Tap one answer for each of the nine unsur (U1..U9), on their labels as a finger would."""
    for kode in URUTAN_ANGKET:
        angka = nilai if isinstance(nilai, int) else nilai[kode]
        page.locator(f'label:has(input[name="j_{kode}"][value="{angka}"])').click()


def jawab_cepat(page: Page, nilai: int = 4, *, kecuali: tuple[str, ...] = ()) -> None:
    """Check the unsur answers in one step, for tests about something else than tapping
    (tests of hostile text send dozens of forms)."""
    kode = [k for k in URUTAN_ANGKET if k not in kecuali]
    page.evaluate(
        """([kode, nilai]) => { for (const k of kode) {
            document.querySelector(`input[name="j_${k}"][value="${nilai}"]`).checked = true; } }""",
        [kode, str(nilai)],
    )


def kirim_skm(page: Page) -> None:
    page.get_by_role("button", name="Kirim jawaban").click()


# Signing in -----------------------------------------------------------------------------------------


def masuk(page: Page, email: str, sandi: str, *, rahasia_totp: str | None = None) -> None:
    """Sign in through allauth's pages; with rahasia_totp, type the authenticator's code on the
    second page as the person's app would show it."""
    from tests.factories import kode_totp

    page.goto("/akun/login/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(sandi)
    page.get_by_role("button", name="Masuk").click()
    if rahasia_totp is not None:
        page.wait_for_url(re.compile(r"/akun/2fa/authenticate/"))
        page.get_by_label("Kode").fill(kode_totp(rahasia_totp))
        page.get_by_role("button", name=re.compile("Masuk|Verifikasi|Lanjut", re.I)).click()
    page.wait_for_load_state()


# Accessibility -----------------------------------------------------------------------------------------


def jalankan_axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (id, impact, help, the first nodes).

    The script is evaluated through the DevTools protocol, which the page's CSP does not
    govern, so the page is tested under its real policy."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    hasil: list[dict[str, Any]] = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ["violations"]});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + n.failureSummary)}));
        }"""
    )
    return hasil


def periksa_axe(page: Page, *, konteks: str = "") -> list[dict[str, Any]]:
    """Fail on a serious or critical violation; return the others."""
    hasil = jalankan_axe(page)
    berat = [v for v in hasil if v["impact"] in DAMPAK_GAGAL]
    assert not berat, f"axe on {konteks or page.url}:\n" + json.dumps(berat, indent=2, ensure_ascii=False)
    return [v for v in hasil if v["impact"] not in DAMPAK_GAGAL]


# Hostile content -------------------------------------------------------------------------------------

# Markup that only an injection could have put on a Tilik page: Tilik's templates have no
# script (the admin's come from this site), no event handler attribute, no javascript: URL,
# no frame, object or <base>.
_CARI_SISIPAN = """() => {
    const temuan = [];
    for (const el of document.querySelectorAll("*")) {
        for (const a of el.attributes) {
            const nama = a.name.toLowerCase();
            if (nama.startsWith("on")) temuan.push(`${el.tagName} ${nama}=${a.value}`);
            if (["href", "src", "action", "formaction", "xlink:href", "data"].includes(nama)
                && /^\\s*(javascript|vbscript|data:text\\/html)/i.test(a.value)) {
                temuan.push(`${el.tagName} ${nama}=${a.value}`);
            }
        }
        if (el.tagName.toUpperCase() === "SCRIPT") {
            // Only the admin has scripts: its own files, and data in JSON script elements.
            const src = el.getAttribute("src");
            const json = (el.getAttribute("type") || "").toLowerCase() === "application/json";
            const sendiri = src && src.startsWith("/") && !src.startsWith("//");
            if (src ? !sendiri : !json) temuan.push(`<script src=${src}>${el.textContent}`);
        }
        if (["IFRAME", "OBJECT", "EMBED", "BASE", "FRAME"].includes(el.tagName.toUpperCase())) {
            temuan.push(`<${el.tagName.toLowerCase()}>`);
        }
        if (el.tagName.toUpperCase() === "META" && el.getAttribute("http-equiv")) {
            const ok = el.getAttribute("http-equiv").toLowerCase() === "refresh" && el.closest("head")
                && !/javascript/i.test(el.getAttribute("content") || "");
            if (!ok) temuan.push(`<meta http-equiv=${el.getAttribute("http-equiv")}>`);
        }
    }
    if (typeof window.__xss !== "undefined") temuan.push("window.__xss=" + window.__xss);
    return temuan;
}"""


def sisipan(page: Page) -> list[str]:
    """Elements or attributes on the page that no Tilik template writes (see _CARI_SISIPAN)."""
    hasil: list[str] = page.evaluate(_CARI_SISIPAN)
    return hasil


def teks_halaman(page: Page) -> str:
    """The page's visible text with runs of whitespace made one space, as a reader sees it."""
    return " ".join(page.locator("body").inner_text().split())


def tampil_sebagai_teks(page: Page, teks: str) -> bool:
    return " ".join(teks.split()) in teks_halaman(page)


# Accounts ------------------------------------------------------------------------------------------------


def tautan_dari_surel(badan: str, jalur: str) -> str:
    """The first link in an e-mail's text whose path starts with `jalur`."""
    cocok = re.search(rf"https?://[^\s/]+({re.escape(jalur)}[^\s]*)", badan)
    assert cocok, f"no link to {jalur} in the e-mail:\n{badan}"
    return cocok.group(1)


def daftar_dan_verifikasi(page: Page, kotak_surat: list[Any], email: str, sandi: str) -> None:
    """Sign up through allauth's form, open the confirmation link from the test mailbox and
    confirm: the person ends signed in. Used by every flow of a new warga."""
    page.goto("/akun/signup/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password1").fill(sandi)
    page.locator("#id_password2").fill(sandi)
    jumlah_surat = len(kotak_surat)
    page.get_by_role("button", name="Daftar").click()
    page.wait_for_url(re.compile(r"/akun/confirm-email/$"))
    assert len(kotak_surat) == jumlah_surat + 1
    surat = kotak_surat[-1]
    assert surat.to == [email]
    page.goto(tautan_dari_surel(surat.body, "/akun/confirm-email/"))
    page.get_by_role("button", name=re.compile("Konfirmasi", re.I)).click()
    page.wait_for_load_state()


def keluar(page: Page) -> None:
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_load_state()
