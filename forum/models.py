"""Topics, replies and complaints (pengaduan) of an instansi, and their moderation.

A topic is a discussion, a question, a proposal or a complaint. Complaints follow the
SP4N-LAPOR! workflow: diterima -> diverifikasi (or ditolak, or moved to another unit that is
competent) -> ditindaklanjuti (an official answer by the unit) -> selesai (the complainant
confirms, or it closes by itself 10 working days after the answer). The due dates are stored
on the topic when a state is entered, so that "overdue" is a plain filter.

Posts are never deleted: moderators hide them (tersembunyi) and every moderation action is
logged in LogModerasi. Markdown source (isi) is kept next to its sanitised HTML (isi_html),
rendered once when written.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from organisasi.models import Instansi, Layanan, Penataan, UnitLayanan

PANJANG_JUDUL_MAKS = 200
PANJANG_ISI_MAKS = 10_000


class PengaturanForum(models.Model):
    """Per-instansi forum settings. An instansi without a row uses the defaults."""

    AMBANG_TANDA_BAWAAN = 3

    instansi = models.OneToOneField(
        Instansi, on_delete=models.CASCADE, related_name="pengaturan_forum", verbose_name=_("instansi")
    )
    ambang_tanda = models.PositiveSmallIntegerField(
        _("ambang tanda"),
        default=AMBANG_TANDA_BAWAAN,
        help_text=_(
            "Jumlah tanda dari pengguna berbeda yang menyembunyikan tulisan sampai ditinjau moderator."
        ),
    )

    class Meta:
        verbose_name = _("pengaturan forum")
        verbose_name_plural = pgettext_lazy("jamak", "pengaturan forum")
        constraints = [
            models.CheckConstraint(condition=Q(ambang_tanda__gte=1), name="forum_ambang_tanda_positif"),
        ]

    def __str__(self) -> str:
        return str(self.instansi)


class HariLibur(models.Model):
    """A public holiday or collective leave day of an instansi: not a working day."""

    instansi = models.ForeignKey(
        Instansi, on_delete=models.CASCADE, related_name="hari_libur", verbose_name=_("instansi")
    )
    tanggal = models.DateField(_("tanggal"))
    nama = models.CharField(_("nama"), max_length=200)

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = pgettext_lazy("jamak", "hari libur")
        ordering = ["instansi", "tanggal"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "tanggal"], name="hari_libur_unik_per_instansi"),
        ]

    def __str__(self) -> str:
        return f"{self.tanggal:%Y-%m-%d} {self.nama}"


class TopikQuerySet(models.QuerySet["Topik"]):
    def pengaduan(self) -> TopikQuerySet:
        return self.filter(jenis=Topik.Jenis.PENGADUAN)

    def bukan_pengaduan(self) -> TopikQuerySet:
        return self.exclude(jenis=Topik.Jenis.PENGADUAN)

    def terlambat(self, *, hari_ini: date | None = None) -> TopikQuerySet:
        """Complaints past the due date of the state they are in (verification or follow-up)."""
        hari_ini = hari_ini or timezone.localdate()
        return self.filter(
            Q(status=Topik.Status.DITERIMA, batas_verifikasi__lt=hari_ini)
            | Q(status=Topik.Status.DIVERIFIKASI, batas_tindak_lanjut__lt=hari_ini)
        )


class Topik(models.Model):
    class Jenis(models.TextChoices):
        DISKUSI = "diskusi", _("Diskusi")
        PERTANYAAN = "pertanyaan", _("Pertanyaan")
        USULAN = "usulan", _("Usulan")
        PENGADUAN = "pengaduan", _("Pengaduan")

    class Status(models.TextChoices):
        """Complaint states; other kinds of topic have an empty status."""

        DITERIMA = "diterima", _("Diterima")
        DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
        DITOLAK = "ditolak", _("Ditolak")
        DITINDAKLANJUTI = "ditindaklanjuti", _("Ditindaklanjuti")
        SELESAI = "selesai", _("Selesai")

    class Privasi(models.TextChoices):
        PUBLIK = "publik", _("Publik")
        ANONIM = "anonim", _("Anonim (identitas disembunyikan)")
        RAHASIA = "rahasia", _("Rahasia (tidak ditampilkan ke publik)")

    instansi = models.ForeignKey(
        Instansi, on_delete=models.PROTECT, related_name="topik_forum", verbose_name=_("instansi")
    )
    unit = models.ForeignKey(
        UnitLayanan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="topik_forum",
        verbose_name=_("unit layanan"),
    )
    layanan = models.ForeignKey(
        Layanan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="topik_forum",
        verbose_name=_("layanan"),
    )
    penataan = models.ForeignKey(
        Penataan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="topik_forum",
        verbose_name=_("penataan"),
    )
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices, default=Jenis.DISKUSI)
    judul = models.CharField(_("judul"), max_length=PANJANG_JUDUL_MAKS)
    isi = models.TextField(_("isi"), help_text=_("Markdown."))
    isi_html = models.TextField(_("isi (HTML)"), editable=False)
    penulis = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="topik_forum",
        verbose_name=_("penulis"),
    )
    dibuat = models.DateTimeField(_("dibuat"), default=timezone.now, db_index=True)
    diubah = models.DateTimeField(_("diubah"), null=True, blank=True)
    aktivitas_terakhir = models.DateTimeField(_("aktivitas terakhir"), default=timezone.now)

    # Complaint workflow ----------------------------------------------------------------
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, blank=True)
    privasi = models.CharField(_("privasi"), max_length=10, choices=Privasi.choices, default=Privasi.PUBLIK)
    batas_verifikasi = models.DateField(_("batas verifikasi"), null=True, blank=True)
    batas_tindak_lanjut = models.DateField(_("batas tindak lanjut"), null=True, blank=True)
    batas_tutup_otomatis = models.DateField(
        _("ditutup otomatis setelah"),
        null=True,
        blank=True,
        help_text=_("Kosong bila pelapor membalas setelah jawaban resmi: unit perlu menjawab lagi."),
    )
    tanggapan_pertama_pada = models.DateTimeField(
        _("tanggapan pertama unit"),
        null=True,
        blank=True,
        help_text=_("Tindakan pertama unit: verifikasi, penolakan, pengalihan, atau balasan petugas."),
    )
    diverifikasi_pada = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    dijawab_pada = models.DateTimeField(_("jawaban resmi pertama"), null=True, blank=True)
    dijawab_tepat_waktu = models.BooleanField(_("dijawab tepat waktu"), null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    alasan_ditolak = models.TextField(_("alasan penolakan"), blank=True)
    penilaian = models.PositiveSmallIntegerField(
        _("penilaian penanganan"), null=True, blank=True, help_text=_("1 (buruk) sampai 4 (sangat baik).")
    )
    penilaian_pada = models.DateTimeField(_("dinilai pada"), null=True, blank=True)

    # Counters and moderation -----------------------------------------------------------
    jumlah_dukungan = models.PositiveIntegerField(_("jumlah dukungan"), default=0)
    jumlah_balasan = models.PositiveIntegerField(_("jumlah balasan"), default=0)
    tersembunyi = models.BooleanField(_("tersembunyi"), default=False)
    alasan_tersembunyi = models.CharField(_("alasan disembunyikan"), max_length=500, blank=True)
    perlu_tinjauan = models.BooleanField(
        _("perlu ditinjau"), default=False, help_text=_("Disembunyikan otomatis karena banyak tanda.")
    )

    objects = TopikQuerySet.as_manager()

    class Meta:
        verbose_name = _("topik")
        verbose_name_plural = pgettext_lazy("jamak", "topik")
        ordering = ["-aktivitas_terakhir", "-id"]
        indexes = [
            models.Index(fields=["instansi", "jenis", "aktivitas_terakhir"], name="topik_instansi_jenis_idx"),
            models.Index(fields=["unit", "jenis", "status"], name="topik_unit_status_idx"),
            models.Index(fields=["status", "batas_verifikasi"], name="topik_batas_verifikasi_idx"),
            models.Index(fields=["status", "batas_tindak_lanjut"], name="topik_batas_tl_idx"),
            models.Index(fields=["status", "batas_tutup_otomatis"], name="topik_batas_tutup_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(jenis="pengaduan") & ~Q(status=""))
                | (~Q(jenis="pengaduan") & Q(status="", privasi="publik")),
                name="topik_status_dan_privasi_hanya_pengaduan",
            ),
            models.CheckConstraint(
                condition=~Q(jenis="pengaduan") | Q(unit__isnull=False),
                name="topik_pengaduan_wajib_unit",
            ),
            models.CheckConstraint(
                condition=Q(penilaian__isnull=True) | Q(penilaian__gte=1, penilaian__lte=4),
                name="topik_penilaian_1_sampai_4",
            ),
            models.CheckConstraint(
                condition=Q(penilaian__isnull=True) | Q(status__in=["ditindaklanjuti", "selesai"]),
                name="topik_penilaian_setelah_jawaban",
            ),
            models.CheckConstraint(
                condition=~Q(status="ditolak") | ~Q(alasan_ditolak=""),
                name="topik_ditolak_wajib_alasan",
            ),
        ]

    def __str__(self) -> str:
        return self.judul

    def get_absolute_url(self) -> str:
        return reverse("forum:topik", kwargs={"instansi": self.instansi.slug, "pk": self.pk})

    @property
    def adalah_pengaduan(self) -> bool:
        return self.jenis == self.Jenis.PENGADUAN

    def terlambat(self, *, hari_ini: date | None = None) -> bool:
        hari_ini = hari_ini or timezone.localdate()
        if self.status == self.Status.DITERIMA and self.batas_verifikasi:
            return self.batas_verifikasi < hari_ini
        if self.status == self.Status.DIVERIFIKASI and self.batas_tindak_lanjut:
            return self.batas_tindak_lanjut < hari_ini
        return False


class Balasan(models.Model):
    topik = models.ForeignKey(
        Topik, on_delete=models.PROTECT, related_name="balasan", verbose_name=_("topik")
    )
    penulis = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="balasan_forum",
        verbose_name=_("penulis"),
    )
    isi = models.TextField(_("isi"), help_text=_("Markdown."))
    isi_html = models.TextField(_("isi (HTML)"), editable=False)
    resmi = models.BooleanField(
        _("jawaban resmi"), default=False, help_text=_("Jawaban resmi unit layanan atas pengaduan.")
    )
    dari_unit = models.ForeignKey(
        UnitLayanan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="balasan_forum",
        verbose_name=_("atas nama unit"),
        help_text=_("Diisi bila petugas membalas atas nama unit yang menangani topik."),
    )
    dibuat = models.DateTimeField(_("dibuat"), default=timezone.now, db_index=True)
    diubah = models.DateTimeField(_("diubah"), null=True, blank=True)
    tersembunyi = models.BooleanField(_("tersembunyi"), default=False)
    alasan_tersembunyi = models.CharField(_("alasan disembunyikan"), max_length=500, blank=True)
    perlu_tinjauan = models.BooleanField(_("perlu ditinjau"), default=False)

    class Meta:
        verbose_name = _("balasan")
        verbose_name_plural = pgettext_lazy("jamak", "balasan")
        ordering = ["dibuat", "id"]
        indexes = [models.Index(fields=["topik", "dibuat"], name="balasan_topik_dibuat_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(resmi=False) | Q(dari_unit__isnull=False), name="balasan_resmi_atas_nama_unit"
            ),
        ]

    def __str__(self) -> str:
        return _("Balasan #%(id)s pada %(topik)s") % {"id": self.pk, "topik": self.topik_id}


class Dukungan(models.Model):
    """One user's support ("+1") for a topic."""

    topik = models.ForeignKey(
        Topik, on_delete=models.CASCADE, related_name="dukungan", verbose_name=_("topik")
    )
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="dukungan_forum",
        verbose_name=_("pengguna"),
    )
    dibuat = models.DateTimeField(_("dibuat"), default=timezone.now)

    class Meta:
        verbose_name = _("dukungan")
        verbose_name_plural = pgettext_lazy("jamak", "dukungan")
        constraints = [
            models.UniqueConstraint(fields=["topik", "pengguna"], name="dukungan_satu_per_pengguna"),
        ]

    def __str__(self) -> str:
        return f"{self.pengguna_id} → {self.topik_id}"


class Langganan(models.Model):
    """A user who receives e-mail about a topic's replies and status changes."""

    topik = models.ForeignKey(
        Topik, on_delete=models.CASCADE, related_name="langganan", verbose_name=_("topik")
    )
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="langganan_forum",
        verbose_name=_("pengguna"),
    )
    dibuat = models.DateTimeField(_("dibuat"), default=timezone.now)

    class Meta:
        verbose_name = _("langganan")
        verbose_name_plural = pgettext_lazy("jamak", "langganan")
        constraints = [
            models.UniqueConstraint(fields=["topik", "pengguna"], name="langganan_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.pengguna_id} → {self.topik_id}"


class Tanda(models.Model):
    """A signed-in user's flag on a topic or a reply."""

    class Alasan(models.TextChoices):
        SPAM = "spam", _("Spam atau iklan")
        KASAR = "kasar", _("Kasar, menghina, atau mengancam")
        SARA = "sara", _("Ujaran kebencian (SARA)")
        DATA_PRIBADI = "data_pribadi", _("Membuka data pribadi orang lain")
        HOAKS = "hoaks", _("Informasi palsu")
        LAINNYA = "lainnya", _("Lainnya")

    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="tanda_forum",
        verbose_name=_("pengguna"),
    )
    topik = models.ForeignKey(
        Topik, on_delete=models.CASCADE, null=True, blank=True, related_name="tanda", verbose_name=_("topik")
    )
    balasan = models.ForeignKey(
        Balasan,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tanda",
        verbose_name=_("balasan"),
    )
    alasan = models.CharField(_("alasan"), max_length=20, choices=Alasan.choices)
    keterangan = models.CharField(_("keterangan"), max_length=500, blank=True)
    dibuat = models.DateTimeField(_("dibuat"), default=timezone.now)
    ditinjau = models.BooleanField(
        _("sudah ditinjau"),
        default=False,
        help_text=_("Tanda yang sudah ditinjau moderator tidak dihitung lagi."),
    )

    class Meta:
        verbose_name = _("tanda")
        verbose_name_plural = pgettext_lazy("jamak", "tanda")
        constraints = [
            models.CheckConstraint(
                condition=Q(topik__isnull=False, balasan__isnull=True)
                | Q(topik__isnull=True, balasan__isnull=False),
                name="tanda_satu_sasaran",
            ),
            models.UniqueConstraint(
                fields=["pengguna", "topik"], condition=Q(topik__isnull=False), name="tanda_topik_unik"
            ),
            models.UniqueConstraint(
                fields=["pengguna", "balasan"], condition=Q(balasan__isnull=False), name="tanda_balasan_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_alasan_display()} ({self.pengguna_id})"


class Blokir(models.Model):
    """A user who may no longer post in one instansi's forum. Lifting it keeps the row."""

    instansi = models.ForeignKey(
        Instansi, on_delete=models.CASCADE, related_name="blokir_forum", verbose_name=_("instansi")
    )
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="blokir_forum",
        verbose_name=_("pengguna"),
    )
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("oleh"),
    )
    alasan = models.CharField(_("alasan"), max_length=500)
    dibuat = models.DateTimeField(_("dibuat"), default=timezone.now)
    dicabut_pada = models.DateTimeField(_("dicabut pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("blokir")
        verbose_name_plural = pgettext_lazy("jamak", "blokir")
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "pengguna"],
                condition=Q(dicabut_pada__isnull=True),
                name="blokir_aktif_unik",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pengguna_id} @ {self.instansi_id}"


class LogModerasi(models.Model):
    class Aksi(models.TextChoices):
        SEMBUNYIKAN = "sembunyikan", _("Sembunyikan")
        SEMBUNYI_OTOMATIS = "sembunyi_otomatis", _("Disembunyikan otomatis (tanda)")
        PULIHKAN = "pulihkan", _("Pulihkan")
        BLOKIR = "blokir", _("Blokir pengguna")
        CABUT_BLOKIR = "cabut_blokir", _("Cabut blokir")

    instansi = models.ForeignKey(
        Instansi, on_delete=models.CASCADE, related_name="log_moderasi", verbose_name=_("instansi")
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderator"),
        help_text=_("Kosong untuk tindakan otomatis sistem."),
    )
    aksi = models.CharField(_("aksi"), max_length=20, choices=Aksi.choices)
    topik = models.ForeignKey(
        Topik, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("topik")
    )
    balasan = models.ForeignKey(
        Balasan, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("balasan")
    )
    pengguna_sasaran = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pengguna sasaran"),
    )
    alasan = models.CharField(_("alasan"), max_length=500, blank=True)
    dibuat = models.DateTimeField(_("dibuat"), default=timezone.now)

    class Meta:
        verbose_name = _("log moderasi")
        verbose_name_plural = pgettext_lazy("jamak", "log moderasi")
        ordering = ["-dibuat", "-id"]

    def __str__(self) -> str:
        return f"{self.get_aksi_display()} {self.dibuat:%Y-%m-%d %H:%M}"


class RiwayatStatus(models.Model):
    """One step of a complaint's workflow: who did what, when, with which note."""

    class Aksi(models.TextChoices):
        DIAJUKAN = "diajukan", _("Pengaduan diajukan")
        DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
        DITOLAK = "ditolak", _("Ditolak")
        DIALIHKAN = "dialihkan", _("Bukan kewenangan, dialihkan")
        DIJAWAB = "dijawab", _("Jawaban resmi")
        DIKONFIRMASI = "dikonfirmasi", _("Dikonfirmasi selesai oleh pelapor")
        DITUTUP_OTOMATIS = "ditutup_otomatis", _("Ditutup otomatis")

    topik = models.ForeignKey(
        Topik, on_delete=models.CASCADE, related_name="riwayat", verbose_name=_("topik")
    )
    aksi = models.CharField(_("aksi"), max_length=20, choices=Aksi.choices)
    dari_status = models.CharField(_("dari status"), max_length=20, choices=Topik.Status.choices, blank=True)
    ke_status = models.CharField(_("ke status"), max_length=20, choices=Topik.Status.choices)
    pelaku = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pelaku"),
        help_text=_("Kosong untuk tindakan otomatis sistem."),
    )
    unit_asal = models.ForeignKey(
        UnitLayanan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit asal"),
    )
    unit_tujuan = models.ForeignKey(
        UnitLayanan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit tujuan"),
    )
    catatan = models.TextField(_("catatan"), blank=True)
    dibuat = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        verbose_name = _("riwayat status")
        verbose_name_plural = pgettext_lazy("jamak", "riwayat status")
        ordering = ["dibuat", "id"]

    def __str__(self) -> str:
        return f"{self.get_aksi_display()} {self.dibuat:%Y-%m-%d %H:%M}"
