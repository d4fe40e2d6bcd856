"""PDF reports: one row per report asked for, from the request to the finished file.

A report is made in the background (laporan.tasks, the Tasks API): the row is the job's state
(antri -> berjalan -> selesai or gagal) and, once finished, the record that makes the printed
copy verifiable: the file's SHA-256, the hash of the data it was computed from, its
parameters, when and with which software version it was made. The primary key is a random
UUID because it is printed on the report and opens its public verification page: it must not
be guessable from another report's number.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from organisasi.models import Instansi, Penataan, UnitLayanan
from survei.models import Survei


class Laporan(models.Model):
    class Jenis(models.TextChoices):
        EVALUASI = "evaluasi", _("Evaluasi penataan")
        SKM = "skm", _("Hasil SKM")

    class Status(models.TextChoices):
        ANTRI = "antri", _("Dalam antrean")
        BERJALAN = "berjalan", _("Sedang dibuat")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices)
    instansi = models.ForeignKey(
        Instansi, on_delete=models.PROTECT, related_name="laporan", verbose_name=_("instansi")
    )
    penataan = models.ForeignKey(
        Penataan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="laporan",
        verbose_name=_("penataan"),
    )
    survei = models.ForeignKey(
        Survei,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="laporan",
        verbose_name=_("survei"),
    )
    unit = models.ForeignKey(
        UnitLayanan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="laporan",
        verbose_name=_("unit layanan"),
    )
    parameter = models.JSONField(_("parameter"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ANTRI)
    langkah = models.PositiveSmallIntegerField(_("langkah"), default=0)
    jumlah_langkah = models.PositiveSmallIntegerField(_("jumlah langkah"), default=1)
    label_langkah = models.CharField(_("langkah saat ini"), max_length=200, blank=True)
    pesan_galat = models.TextField(_("pesan galat"), blank=True)
    # Attempts of the current series: a worker that dies mid-way is followed by another attempt,
    # up to laporan.services.PERCOBAAN_MAKS; a manual retry starts a new series.
    percobaan = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    # Raised every time the job is queued: a task carries the value it was queued with and
    # may only write while it still holds, so a worker presumed dead that wakes up again can
    # never overwrite the attempt that replaced it.
    giliran = models.PositiveIntegerField(_("giliran antrean"), default=0)
    id_tugas = models.CharField(_("id tugas"), max_length=64, blank=True)
    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diminta oleh"),
    )
    dibuat = models.DateTimeField(_("diminta"), auto_now_add=True)
    diantrekan = models.DateTimeField(_("terakhir dimasukkan ke antrean"), null=True, blank=True)
    mulai = models.DateTimeField(_("mulai dibuat"), null=True, blank=True)
    selesai = models.DateTimeField(_("selesai dibuat"), null=True, blank=True)
    detak = models.DateTimeField(_("tanda hidup terakhir"), null=True, blank=True)
    # The generation time printed in the report (and shown by the verification page).
    dihasilkan = models.DateTimeField(_("waktu pembuatan"), null=True, blank=True)
    url_verifikasi = models.CharField(_("alamat verifikasi"), max_length=500, blank=True)
    # Relative to laporan.berkas.folder_laporan() (MEDIA_ROOT/laporan by default).
    berkas = models.CharField(_("berkas"), max_length=200, blank=True)
    ukuran_berkas = models.PositiveIntegerField(_("ukuran berkas (bita)"), default=0)
    jumlah_halaman = models.PositiveIntegerField(_("jumlah halaman"), default=0)
    sha256_berkas = models.CharField(_("SHA-256 berkas"), max_length=64, blank=True, db_index=True)
    sha256_data = models.CharField(_("SHA-256 data"), max_length=64, blank=True)
    versi = models.CharField(_("versi perangkat lunak"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("laporan")
        verbose_name_plural = pgettext_lazy("jamak", "laporan")
        ordering = ["-dibuat"]
        constraints = [
            models.CheckConstraint(condition=Q(jenis__in=["evaluasi", "skm"]), name="laporan_jenis_dikenal"),
            models.CheckConstraint(
                condition=Q(status__in=["antri", "berjalan", "selesai", "gagal"]),
                name="laporan_status_dikenal",
            ),
            models.CheckConstraint(
                condition=~Q(jenis="evaluasi") | Q(penataan__isnull=False),
                name="laporan_evaluasi_punya_penataan",
            ),
            models.CheckConstraint(
                condition=~Q(jenis="skm") | Q(survei__isnull=False), name="laporan_skm_punya_survei"
            ),
            models.CheckConstraint(
                condition=~Q(status="selesai") | (~Q(berkas="") & ~Q(sha256_berkas="") & ~Q(sha256_data="")),
                name="laporan_selesai_punya_berkas",
            ),
            models.CheckConstraint(
                condition=Q(langkah__lte=F("jumlah_langkah")), name="laporan_langkah_dalam_batas"
            ),
        ]
        indexes = [
            models.Index(fields=["instansi", "-dibuat"], name="laporan_instansi_dibuat"),
            models.Index(fields=["status", "detak"], name="laporan_status_detak"),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} · {self.instansi} · {self.dibuat:%Y-%m-%d %H:%M}"

    @property
    def sedang_diproses(self) -> bool:
        return self.status in (self.Status.ANTRI, self.Status.BERJALAN)

    @property
    def persen(self) -> int:
        """Progress floored to whole percent: langkah is the step being worked on (1-based),
        so the steps before it are done; never 100 before the file is there."""
        if self.status == self.Status.SELESAI:
            return 100
        return min(99, 100 * max(self.langkah - 1, 0) // max(self.jumlah_langkah, 1))
