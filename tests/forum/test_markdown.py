"""forum.markdown: what a citizen types is rendered as Markdown and nothing in it can run."""

from __future__ import annotations

import html
import re

import pytest

from forum.markdown import bersihkan, render
from tests.e2e.muatan_xss import MUATAN_XSS

# Markdown's own ways of making links and images, with hostile targets.
MUATAN_MARKDOWN = (
    "[klik](javascript:alert('md-1'))",
    "[klik](JAVASCRIPT:alert('md-2'))",
    "[klik](java\tscript:alert('md-3'))",
    "[klik](&#106;avascript:alert('md-4'))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klik](vbscript:msgbox('md-6'))",
    "[klik](file:///etc/passwd)",
    "<javascript:alert('md-8')>",
    "![gambar](javascript:alert('md-9'))",
    "![gambar](https://pelacak.example.invalid/piksel.png)",
    "[ref][x]\n\n[x]: javascript:alert('md-11')",
    '[klik](https://contoh.id "judul" onmouseover="alert(12)")',
    "```html\n<script>alert('md-13')</script>\n```",
    "`<img src=x onerror=alert('md-14')>`",
    "> <svg onload=alert('md-15')>",
    "| a |\n|---|\n| <script>alert('md-16')</script> |",
    "[klik](//example.invalid/relatif-protokol)",
)

_TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9-]*)")
_ATRIBUT = re.compile(r"<[a-zA-Z][^>]*?\s([a-zA-Z-:]+)\s*=", re.S)
TAG_AMAN = {
    "p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def _href(hasil: str) -> list[str]:
    """The href of every real <a> element (typed markup comes out as text: &lt;a href=...)."""
    return [
        html.unescape(h)
        for tag in re.findall(r"<a\s[^>]*>", hasil)
        for h in re.findall(r'href="([^"]*)"', tag)
    ]


def _periksa_inert(hasil: str) -> None:
    assert {t.lower() for t in _TAG.findall(hasil)} <= TAG_AMAN, hasil
    for tag in re.findall(r"<[a-zA-Z][^>]*>", hasil):
        atribut = set(re.findall(r"\s([a-zA-Z-:]+)=", tag))
        assert atribut <= {"href", "title", "rel", "start"}, tag
    for tujuan in _href(hasil):
        assert tujuan.split(":", 1)[0].lower() in {"http", "https", "mailto"}, tujuan


@pytest.mark.parametrize("muatan", MUATAN_XSS + MUATAN_MARKDOWN)
def test_hostile_input_renders_as_inert_markup(muatan: str) -> None:
    _periksa_inert(render(muatan))


@pytest.mark.parametrize(
    "muatan",
    [
        "<script>alert('xss-1')</script>",
        "<img src=x onerror=alert('xss-7')>",
        "<svg onload=alert('xss-9')>",
        "<a href=\"javascript:alert('xss-21')\">klik</a>",
    ],
)
def test_typed_html_comes_out_as_the_text_that_was_typed(muatan: str) -> None:
    hasil = render(muatan)
    assert html.unescape(re.sub(r"</?p>", "", hasil)) == muatan


def test_links_keep_http_https_and_mailto_and_get_nofollow_ugc() -> None:
    hasil = render(
        "[situs](https://contoh.go.id/a?b=1) [surel](mailto:pengaduan@contoh.go.id) [lama](http://x.id)"
    )
    assert _href(hasil) == ["https://contoh.go.id/a?b=1", "mailto:pengaduan@contoh.go.id", "http://x.id"]
    assert hasil.count('rel="nofollow ugc noopener"') == 3


@pytest.mark.parametrize(
    "teks",
    ["[x](javascript:alert(1))", "[x](/relatif)", "[x](ftp://contoh.id)", "[x](data:text/plain,hai)"],
)
def test_other_link_targets_lose_their_href(teks: str) -> None:
    assert _href(render(teks)) == []


def test_images_are_not_loaded_from_other_servers() -> None:
    hasil = render("![piksel](https://pelacak.example.invalid/p.png)")
    assert "<img" not in hasil
    assert "piksel" in hasil


def test_markdown_formatting_survives() -> None:
    hasil = render("# Judul\n\n**tebal** _miring_ ~~coret~~\n\n1. satu\n2. dua\n\n> kutip\n\n`kode`")
    for potongan in (
        "<h3>Judul</h3>",
        "<strong>tebal</strong>",
        "<em>miring</em>",
        "<s>coret</s>",
        "<ol>",
        "<blockquote>",
        "<code>kode</code>",
    ):
        assert potongan in hasil


def test_headings_start_below_the_page_structure() -> None:
    assert render("# a\n\n## b\n\n###### c") == "<h3>a</h3>\n<h4>b</h4>\n<h6>c</h6>"


def test_table_alignment_needs_no_style_attribute() -> None:
    hasil = render("| a | b |\n|:--|--:|\n| 1 | 2 |")
    assert "<table>" in hasil
    assert "style" not in hasil


def test_broken_markup_is_closed_and_inert() -> None:
    hasil = bersihkan("<p><strong>tebal<em>miring</p><script>alert(1)")
    _periksa_inert(hasil)
    assert "alert" not in hasil
    assert hasil.count("<strong>") == hasil.count("</strong>")


def test_sanitiser_alone_drops_what_markdown_would_never_produce() -> None:
    hasil = bersihkan(
        '<a href="javascript:alert(1)" onclick="x()">a</a><img src=x><svg><script>1</script></svg>'
    )
    _periksa_inert(hasil)
    assert "<img" not in hasil
    assert "script" not in hasil
