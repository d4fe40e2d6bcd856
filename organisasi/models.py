"""Who serves the public and how that organisation changed over time.

Units are never edited into something else: a restructuring (Penataan) ends old units and
starts new ones, and its lineage edges (LinPenataan) say which old unit's data count as the
"before" of which new unit. That keeps every historical response attached to the unit that
actually served the citizen.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Instansi(models.Model):
    class Jenis(models.TextChoices):
        KOTA = "kota", _("Pemerintah Kota")
        KABUPATEN = "kabupaten", _("Pemerintah Kabupaten")
        PROVINSI = "provinsi", _("Pemerintah Provinsi")
        LAINNYA = "lainnya", _("Lainnya")

    nama = models.CharField(_("nama"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices, default=Jenis.KOTA)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = pgettext_lazy("jamak", "instansi")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama


class UnitLayanan(models.Model):
    class Jenis(models.TextChoices):
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        DINAS = "dinas", _("Dinas")
        BADAN = "badan", _("Badan")
        INSPEKTORAT = "inspektorat", _("Inspektorat")
        KECAMATAN = "kecamatan", _("Kecamatan")
        KELURAHAN = "kelurahan", _("Kelurahan")
        PUSKESMAS = "puskesmas", _("Puskesmas")
        RSUD = "rsud", _("Rumah Sakit Umum Daerah")
        UPTD = "uptd", _("UPTD")
        BAGIAN = "bagian", _("Bagian")
        MPP = "mpp", _("Mal Pelayanan Publik")
        LAINNYA = "lainnya", _("Lainnya")

    instansi = models.ForeignKey(
        Instansi, on_delete=models.PROTECT, related_name="unit", verbose_name=_("instansi")
    )
    nama = models.CharField(_("nama"), max_length=200)
    singkatan = models.CharField(_("singkatan"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=80)
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices, default=Jenis.DINAS)
    induk = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_unit",
        verbose_name=_("unit induk"),
    )
    aktif_dari = models.DateField(_("aktif sejak"), null=True, blank=True)
    aktif_sampai = models.DateField(
        _("aktif sampai"),
        null=True,
        blank=True,
        help_text=_("Kosong berarti unit masih aktif; tanggal ini adalah hari terakhir unit beroperasi."),
    )

    class Meta:
        verbose_name = _("unit layanan")
        verbose_name_plural = pgettext_lazy("jamak", "unit layanan")
        ordering = ["instansi__nama", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "slug"], name="unit_slug_unik_per_instansi"),
            models.CheckConstraint(
                condition=Q(aktif_sampai__isnull=True)
                | Q(aktif_dari__isnull=True)
                | Q(aktif_sampai__gte=models.F("aktif_dari")),
                name="unit_masa_aktif_berurutan",
            ),
            models.CheckConstraint(condition=~Q(induk=models.F("id")), name="unit_bukan_induk_sendiri"),
        ]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        if self.induk_id and self.induk and self.induk.instansi_id != self.instansi_id:
            raise ValidationError({"induk": _("Unit induk harus berada di instansi yang sama.")})

    def aktif_pada(self, tanggal: date) -> bool:
        if self.aktif_dari and tanggal < self.aktif_dari:
            return False
        return not (self.aktif_sampai and tanggal > self.aktif_sampai)


class Layanan(models.Model):
    unit = models.ForeignKey(
        UnitLayanan, on_delete=models.PROTECT, related_name="layanan", verbose_name=_("unit layanan")
    )
    nama = models.CharField(_("nama"), max_length=200)
    deskripsi = models.TextField(_("deskripsi"), blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("layanan")
        verbose_name_plural = pgettext_lazy("jamak", "layanan")
        ordering = ["unit__nama", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "nama"], name="layanan_nama_unik_per_unit"),
        ]

    def __str__(self) -> str:
        return self.nama


class Penataan(models.Model):
    """A restructuring of an instansi's organisation, effective on one date."""

    instansi = models.ForeignKey(
        Instansi, on_delete=models.PROTECT, related_name="penataan", verbose_name=_("instansi")
    )
    judul = models.CharField(_("judul"), max_length=250)
    tanggal_efektif = models.DateField(_("tanggal efektif"))
    dasar_hukum = models.CharField(
        _("dasar hukum"), max_length=250, help_text=_('Misalnya "Perda Kota Palembang No. 5 Tahun 2024".')
    )
    deskripsi = models.TextField(_("deskripsi"), blank=True)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("penataan organisasi")
        verbose_name_plural = pgettext_lazy("jamak", "penataan organisasi")
        ordering = ["instansi__nama", "tanggal_efektif", "id"]

    def __str__(self) -> str:
        return f"{self.judul} ({self.tanggal_efektif:%Y-%m-%d})"


class LinPenataan(models.Model):
    """One lineage edge of a penataan: the data of unit_asal before the effective date
    count as (part of) the "before" of unit_hasil."""

    class Jenis(models.TextChoices):
        PENGGABUNGAN = "penggabungan", _("Penggabungan")
        PEMECAHAN = "pemecahan", _("Pemecahan")
        GANTI_NAMA = "ganti_nama", _("Perubahan nama")
        BARU = "baru", _("Pembentukan unit baru")
        DIBUBARKAN = "dibubarkan", _("Pembubaran")

    penataan = models.ForeignKey(
        Penataan, on_delete=models.CASCADE, related_name="lineage", verbose_name=_("penataan")
    )
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    unit_asal = models.ForeignKey(
        UnitLayanan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lineage_keluar",
        verbose_name=_("unit asal"),
    )
    unit_hasil = models.ForeignKey(
        UnitLayanan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lineage_masuk",
        verbose_name=_("unit hasil"),
    )
    porsi = models.DecimalField(
        _("porsi"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Untuk pemecahan: bagian fungsi unit asal yang berpindah ke unit hasil (0-1)."),
    )

    class Meta:
        verbose_name = _("garis silsilah unit")
        verbose_name_plural = pgettext_lazy("jamak", "garis silsilah unit")
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis="baru", unit_asal__isnull=True, unit_hasil__isnull=False)
                | Q(jenis="dibubarkan", unit_asal__isnull=False, unit_hasil__isnull=True)
                | (
                    Q(jenis__in=["penggabungan", "pemecahan", "ganti_nama"])
                    & Q(unit_asal__isnull=False, unit_hasil__isnull=False)
                ),
                name="lineage_ujung_sesuai_jenis",
            ),
            models.CheckConstraint(
                condition=Q(porsi__isnull=True) | Q(porsi__gt=0, porsi__lte=1),
                name="lineage_porsi_antara_0_dan_1",
            ),
            models.UniqueConstraint(fields=["penataan", "unit_asal", "unit_hasil"], name="lineage_edge_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_asal or '∅'} → {self.unit_hasil or '∅'} ({self.get_jenis_display()})"

    def clean(self) -> None:
        # On the admin's add page the penataan is assigned but not saved yet (no penataan_id):
        # its instansi must be checked all the same.
        penataan = self.penataan if self.penataan_id or LinPenataan.penataan.is_cached(self) else None
        instansi_id = penataan.instansi_id if penataan is not None else None
        for field in ("unit_asal", "unit_hasil"):
            unit = getattr(self, field)
            if unit is not None and instansi_id is not None and unit.instansi_id != instansi_id:
                raise ValidationError({field: _("Unit harus berada di instansi penataan ini.")})
        if self.porsi is not None and self.jenis != self.Jenis.PEMECAHAN:
            raise ValidationError({"porsi": _("Porsi hanya dipakai untuk pemecahan unit.")})


class Keanggotaan(models.Model):
    """A role a user holds in one instansi (and, for petugas, one unit)."""

    class Peran(models.TextChoices):
        ADMIN_INSTANSI = "admin_instansi", _("Admin instansi")
        EVALUATOR = "evaluator", _("Evaluator")
        PETUGAS = "petugas", _("Petugas unit")

    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="keanggotaan",
        verbose_name=_("pengguna"),
    )
    instansi = models.ForeignKey(
        Instansi, on_delete=models.CASCADE, related_name="keanggotaan", verbose_name=_("instansi")
    )
    unit = models.ForeignKey(
        UnitLayanan,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="keanggotaan",
        verbose_name=_("unit layanan"),
    )
    peran = models.CharField(_("peran"), max_length=20, choices=Peran.choices)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = pgettext_lazy("jamak", "keanggotaan")
        constraints = [
            models.CheckConstraint(
                condition=~Q(peran="petugas") | Q(unit__isnull=False),
                name="petugas_wajib_punya_unit",
            ),
            models.UniqueConstraint(
                fields=["pengguna", "instansi", "peran"],
                condition=Q(unit__isnull=True),
                name="keanggotaan_unik_tanpa_unit",
            ),
            models.UniqueConstraint(
                fields=["pengguna", "instansi", "unit", "peran"],
                condition=Q(unit__isnull=False),
                name="keanggotaan_unik_dengan_unit",
            ),
        ]

    def __str__(self) -> str:
        lingkup = self.unit or self.instansi
        return f"{self.pengguna} · {self.get_peran_display()} · {lingkup}"

    def clean(self) -> None:
        if self.unit_id and self.unit and self.unit.instansi_id != self.instansi_id:
            raise ValidationError({"unit": _("Unit harus berada di instansi yang sama.")})
        if self.peran == self.Peran.PETUGAS and not self.unit_id:
            raise ValidationError({"unit": _("Petugas harus ditempatkan di satu unit layanan.")})
