"""Hostile text for the browser tests: about fifty XSS payloads that a citizen, a petugas or a
careless admin could type into anything Tilik shows back (forum posts, survey free text, unit,
service and survey names).

Each one, if it ever ran, would open a dialog (alert/confirm/prompt/print) or set
window.__xss, which the tests watch; each must instead appear on the page as the very text
that was typed. They cover: script elements, event handlers on many elements, javascript:,
vbscript: and data: URLs, SVG and MathML, broken and nested markup, breaking out of attribute
values, textareas, titles and comments, encodings the browser decodes (entities, percent
signs, unicode escapes), CSS, and template syntax ({{ }}, {% %}, ${ }) that a server- or
client-side template might evaluate.

All fit in 120 characters (unit and service names hold 200, a survey's judul 200) and contain
no NUL character (which the forms refuse on purpose). The forum tests reuse this list.
"""

from __future__ import annotations

MUATAN_XSS: tuple[str, ...] = (
    # Script elements
    "<script>alert('xss-1')</script>",
    "<SCRIPT SRC=//example.invalid/x.js></SCRIPT>",
    "<script>window.__xss=2</script>",
    "<scr<script>ipt>alert('xss-4')</scr</script>ipt>",
    "<script type=module>alert('xss-5')</script>",
    "</script><script>alert('xss-6')</script>",
    # Event handlers
    "<img src=x onerror=alert('xss-7')>",
    '<img src=x onerror="window.__xss=8">',
    "<svg onload=alert('xss-9')>",
    "<body onload=alert('xss-10')>",
    "<details open ontoggle=alert('xss-11')>",
    "<input autofocus onfocus=alert('xss-12')>",
    "<video><source onerror=alert('xss-13')></video>",
    "<audio src=x onerror=alert('xss-14')>",
    "<iframe srcdoc=\"<script>parent.alert('xss-15')</script>\"></iframe>",
    "<marquee onstart=alert('xss-16')>x</marquee>",
    "<div onpointerover=alert('xss-17')>arahkan ke sini</div>",
    "<select autofocus onfocus=alert('xss-18')></select>",
    "<object data=\"javascript:alert('xss-19')\"></object>",
    "<embed src=\"javascript:alert('xss-20')\">",
    # URLs
    "<a href=\"javascript:alert('xss-21')\">klik</a>",
    "<a href=\"JaVaScRiPt:alert('xss-22')\">klik</a>",
    "<a href=\"&#106;avascript:alert('xss-23')\">klik</a>",
    "javascript:alert('xss-24')",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgyNSk8L3NjcmlwdD4=">data</a>',
    "<iframe src=\"data:text/html,<script>alert('xss-26')</script>\"></iframe>",
    "<form action=\"javascript:alert('xss-27')\"><button>kirim</button></form>",
    "<base href=\"javascript:alert('xss-28')//\">",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'xss-29\')">',
    'vbscript:msgbox("xss-30")',
    # SVG and MathML
    "<svg><script>alert('xss-31')</script></svg>",
    "<svg><animate onbegin=alert('xss-32') attributeName=x dur=1s>",
    "<svg><a xlink:href=\"javascript:alert('xss-33')\"><text x=20 y=20>x</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss-34')>",
    # Breaking out of attributes and containers
    '" onmouseover="alert(\'xss-35\')" x="',
    "' onfocus='alert(\"xss-36\")' autofocus='",
    "\"><img src=x onerror=alert('xss-37')>",
    "'><svg onload=alert('xss-38')>",
    "</textarea><script>alert('xss-39')</script>",
    "</title><script>alert('xss-40')</script>",
    "--><script>alert('xss-41')</script><!--",
    "</option></select><img src=x onerror=alert('xss-42')>",
    # Broken and nested markup
    "<<script>alert('xss-43');//<</script>",
    '<img """><script>alert(\'xss-44\')</script>">',
    "<noscript><p title=\"</noscript><img src=x onerror=alert('xss-45')>\">",
    # Encodings
    "&lt;script&gt;alert('xss-46')&lt;/script&gt;",
    "%3Cscript%3Ealert('xss-47')%3C%2Fscript%3E",
    "\\u003cscript\\u003ealert('xss-48')\\u003c/script\\u003e",
    # CSS
    "<style>*{background:url(\"javascript:alert('xss-49')\")}</style>",
    "<div style=\"background-image:url(javascript:alert('xss-50'))\">gaya</div>",
    # Template injection
    "{{ 7*7 }} {{ settings.SECRET_KEY }}",
    "{% debug %}{% load static %}",
    "${alert('xss-53')} #{7*7} <%= 7*7 %>",
    "{{constructor.constructor('alert(\"xss-54\")')()}}",
)

assert 45 <= len(MUATAN_XSS) <= 60
assert all(len(m) <= 120 and "\x00" not in m for m in MUATAN_XSS)
assert len(set(MUATAN_XSS)) == len(MUATAN_XSS)
