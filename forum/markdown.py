"""Markdown of forum posts to safe HTML, done once when a post is written.

Two layers, so that a bug in one is caught by the other:
1. markdown-it-py with raw HTML disabled: any "<script>" a citizen types comes out as text,
   and its link validator already drops javascript:, vbscript:, file: and data: links;
2. nh3 (the Rust ammonia sanitiser) with a short allow-list of tags and attributes, links
   restricted to absolute http, https and mailto URLs (relative ones are dropped too), every
   link given rel="nofollow ugc noopener".

Images are not rendered: a picture from another server would tell that server the address of
every reader. Headings start at <h3>, because the page's own title and sections use h1 and h2.
Tables keep no alignment: that needs a style attribute, which the Content-Security-Policy
forbids.
"""

from __future__ import annotations

from functools import cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

TAG_DIIZINKAN = frozenset(
    {
        "p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ATRIBUT_DIIZINKAN = {"a": {"href", "title"}, "ol": {"start"}}
SKEMA_URL = frozenset({"http", "https", "mailto"})
REL_TAUTAN = "nofollow ugc noopener"
# The tags whose text is dropped as well, should they ever reach the sanitiser.
TAG_DIBUANG_ISINYA = frozenset({"script", "style", "svg", "math", "iframe", "object", "template"})

_TINGKAT_JUDUL_TERTINGGI = 3


def _turunkan_judul(state: StateCore) -> None:
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            tingkat = int(token.tag[1])
            token.tag = f"h{min(tingkat + _TINGKAT_JUDUL_TERTINGGI - 1, 6)}"


@cache
def _pengurai() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "breaks": True})
    md.enable(["table", "strikethrough"])
    md.disable("image")
    md.core.ruler.push("turunkan_judul", _turunkan_judul)
    return md


def bersihkan(html: str) -> str:
    """Sanitise HTML with the forum's allow-list."""
    return nh3.clean(
        html,
        tags=set(TAG_DIIZINKAN),
        clean_content_tags=set(TAG_DIBUANG_ISINYA),
        attributes={tag: set(nama) for tag, nama in ATRIBUT_DIIZINKAN.items()},
        url_schemes=set(SKEMA_URL),
        link_rel=REL_TAUTAN,
        url_relative="deny",
        strip_comments=True,
    )


def render(teks: str) -> str:
    """Markdown source -> sanitised HTML, safe to mark safe in a template."""
    return bersihkan(_pengurai().render(teks)).strip()
