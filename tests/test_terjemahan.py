"""The English catalogue is complete and its compiled .mo matches the .po."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"


@pytest.fixture(scope="module")
def po():
    return polib.pofile(str(LOCALE / "django.po"))


@pytest.fixture(scope="module")
def mo():
    return polib.mofile(str(LOCALE / "django.mo"))


def translations(catalogue) -> dict:
    table = {}
    for entry in catalogue:
        if entry.obsolete or not entry.msgid:
            continue
        key = (entry.msgctxt, entry.msgid, entry.msgid_plural or None)
        table[key] = dict(entry.msgstr_plural) if entry.msgid_plural else entry.msgstr
    return table


def test_every_entry_is_translated(po):
    missing = [
        entry.msgid
        for entry in po
        if not entry.obsolete
        and (not entry.msgstr if not entry.msgid_plural else not all(entry.msgstr_plural.values()))
    ]

    assert missing == []


def test_no_entry_is_fuzzy(po):
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


def test_the_compiled_catalogue_matches_the_source(po, mo):
    assert translations(mo) == translations(po)


def test_django_uses_the_english_catalogue():
    with translation.override("en"):
        assert translation.gettext("Langsung ke isi utama") == "Skip to main content"
