"""E-mail notifications of the forum, sent through the Tasks API.

The services enqueue after their transaction commits (kabari_setelah_commit), with primary
keys only: a worker never mails about a reply that was rolled back, and it reads the rows as
they are when it runs. Each recipient gets his own message, because what a person may read
differs: a rahasia complaint is mailed only to those who may still see it, and the name of an
anonim complainant is written as "Pelapor anonim" for everyone but himself.

Links are absolute when settings.URL_SITUS is set (e.g. "https://tilik.example.go.id"); a
worker has no request to learn the host from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from akun.models import Pengguna
from organisasi import izin
from organisasi.models import Keanggotaan

from .models import Balasan, Langganan, RiwayatStatus, Topik


def kabari_setelah_commit(tugas: Any, *args: int) -> None:
    """Enqueue a notification task once the current transaction commits."""
    transaction.on_commit(partial(tugas.enqueue, *args))


def tautan_topik(topik: Topik) -> str:
    try:
        jalur = topik.get_absolute_url()
    except NoReverseMatch:
        return ""
    return getattr(settings, "URL_SITUS", "").rstrip("/") + jalur


def _subjek(teks: str) -> str:
    awalan = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "[Tilik] ")
    return " ".join((awalan + teks).split())[:200]


def _kirim(
    penerima: Iterable[Pengguna],
    *,
    subjek: Callable[[Pengguna], str],
    templat: str,
    konteks: Callable[[Pengguna], dict[str, Any]],
) -> int:
    with translation.override(settings.LANGUAGE_CODE):
        pesan = [
            EmailMessage(
                subject=_subjek(subjek(orang)),
                body=render_to_string(templat, konteks(orang)),
                to=[orang.email],
            )
            for orang in penerima
            if orang.email
        ]
    if not pesan:
        return 0
    with get_connection() as sambungan:
        return int(sambungan.send_messages(pesan) or 0)


def _pelanggan(topik: Topik, *, kecuali: int | None) -> list[Pengguna]:
    """Subscribers who may still read the topic, the actor left out."""
    qs = Langganan.objects.filter(topik=topik, pengguna__is_active=True).select_related("pengguna")
    if kecuali is not None:
        qs = qs.exclude(pengguna_id=kecuali)
    orang = [langganan.pengguna for langganan in qs]
    return [p for p in orang if izin.bisa_lihat_topik(p, topik=topik)]


def _muat_topik(topik_id: int) -> Topik | None:
    return Topik.objects.select_related("instansi", "unit", "penulis").filter(pk=topik_id).first()


@task()
def kabar_balasan(balasan_id: int) -> int:
    """Tell a topic's subscribers about a new reply; returns the number of mails sent."""
    from .selectors import nama_penulis_balasan

    balasan = Balasan.objects.select_related("penulis", "dari_unit").filter(pk=balasan_id).first()
    if balasan is None or balasan.tersembunyi:
        return 0
    topik = _muat_topik(balasan.topik_id)
    if topik is None:
        return 0
    return _kirim(
        _pelanggan(topik, kecuali=balasan.penulis_id),
        subjek=lambda _orang: _("Balasan baru: %(judul)s") % {"judul": topik.judul},
        templat="forum/email/balasan_baru.txt",
        konteks=lambda orang: {
            "topik": topik,
            "balasan": balasan,
            "nama_penulis": nama_penulis_balasan(orang, balasan=balasan, topik=topik),
            "tautan": tautan_topik(topik),
        },
    )


@task()
def kabar_status(riwayat_id: int) -> int:
    """Tell a complaint's subscribers that its status changed."""
    riwayat = RiwayatStatus.objects.select_related("unit_asal", "unit_tujuan").filter(pk=riwayat_id).first()
    if riwayat is None:
        return 0
    topik = _muat_topik(riwayat.topik_id)
    if topik is None:
        return 0
    return _kirim(
        _pelanggan(topik, kecuali=riwayat.pelaku_id),
        subjek=lambda _orang: (
            _("Status pengaduan: %(status)s - %(judul)s")
            % {"status": riwayat.get_ke_status_display(), "judul": topik.judul}
        ),
        templat="forum/email/status_berubah.txt",
        konteks=lambda _orang: {"topik": topik, "riwayat": riwayat, "tautan": tautan_topik(topik)},
    )


@task()
def kabar_pengaduan_baru(topik_id: int) -> int:
    """Tell the petugas of the complaint's unit that a complaint waits for verification. The
    mail names neither the complainant nor, for a rahasia complaint, its content."""
    topik = _muat_topik(topik_id)
    if topik is None or topik.unit_id is None or topik.status != Topik.Status.DITERIMA:
        return 0
    petugas = (
        Pengguna.objects.filter(
            keanggotaan__unit_id=topik.unit_id, keanggotaan__peran=Keanggotaan.Peran.PETUGAS, is_active=True
        )
        .exclude(pk=topik.penulis_id)
        .distinct()
    )
    return _kirim(
        petugas,
        subjek=lambda _orang: _("Pengaduan baru untuk %(unit)s") % {"unit": topik.unit},
        templat="forum/email/pengaduan_baru.txt",
        konteks=lambda _orang: {"topik": topik, "tautan": tautan_topik(topik)},
    )
