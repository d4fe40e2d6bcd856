"""Questionnaires, survey runs and the citizens' responses.

Answers are keyed by the question's code (U1..U9 for the nine SKM unsur, H1..H9 for their
importance/harapan items, profile codes such as jenis_kelamin), never by position: the
regulation and its annex order unsur 8 and 9 differently, and published reports use both.

The nine unsur answers of a response are columns of the response itself (Respons.u1..u9), not
Jawaban rows: they are what every response has and what the analysis reads, and one row per
submission instead of ten is what lets the public form keep up with a queue of citizens.
Jawaban holds the other answers (harapan, profile, extra questions).
"""

import operator
from collections.abc import Mapping
from functools import reduce
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from organisasi.models import Instansi, Layanan, UnitLayanan

KODE_UNSUR = tuple(f"U{i}" for i in range(1, 10))
KODE_HARAPAN = tuple(f"H{i}" for i in range(1, 10))
# Respons.pola_unsur is a number in base 5 whose digit k (from 0) is the value of unsur U(k+1).
BASIS_POLA = 5
# The Respons columns holding the nine unsur answers, in unsur order: u1 for U1 and so on.
KOLOM_UNSUR = tuple(k.lower() for k in KODE_UNSUR)


def isian_unsur(nilai: Mapping[str, int | None]) -> dict[str, int | None]:
    """The Respons fields holding the unsur answers given by unsur code ({"U1": 3, ...}; a
    missing code or None is unanswered): u1..u9 and their summaries pola_unsur (see
    BASIS_POLA), jumlah_unsur (the sum of the values) and dijawab_unsur (how many were
    answered). Every writer of responses fills Respons with this, so that the analysis can
    group responses by the summaries instead of decoding the answers."""
    isian: dict[str, int | None] = {}
    pola = jumlah = dijawab = 0
    for i, (kode, kolom) in enumerate(zip(KODE_UNSUR, KOLOM_UNSUR, strict=True)):
        v = nilai.get(kode)
        isian[kolom] = v
        if v is not None:
            pola += v * BASIS_POLA**i
            jumlah += v
            dijawab += 1
    isian.update(pola_unsur=pola, jumlah_unsur=jumlah, dijawab_unsur=dijawab)
    return isian


_RINGKASAN = ("pola_unsur", "jumlah_unsur", "dijawab_unsur")
# Each unsur answer is 1..4 or NULL (unanswered).
_UNSUR_1_4 = reduce(
    operator.and_, (Q(**{f"{k}__isnull": True}) | Q(**{f"{k}__range": (1, 4)}) for k in KOLOM_UNSUR)
)
# The summaries are those of u1..u9 (the formula of isian_unsur): a writer that forgot them is
# refused instead of its responses vanishing from the analysis. Checked, not generated: the
# CHECK costs PostgreSQL about half of what generating the three columns did.
_RINGKASAN_SESUAI = Q(
    pola_unsur=reduce(operator.add, (Coalesce(F(k), 0) * BASIS_POLA**i for i, k in enumerate(KOLOM_UNSUR))),
    jumlah_unsur=reduce(operator.add, (Coalesce(F(k), 0) for k in KOLOM_UNSUR)),
    dijawab_unsur=reduce(
        operator.add, (Case(When(**{f"{k}__isnull": True}, then=0), default=1) for k in KOLOM_UNSUR)
    ),
)


class Kuesioner(models.Model):
    """A questionnaire. The built-in SKM templates (bawaan) are installed by a migration and
    shared by every instansi; they are never edited, so every survey run that used them stays
    comparable."""

    nama = models.CharField(_("nama"), max_length=200)
    kode = models.SlugField(_("kode"), max_length=60, unique=True)
    deskripsi = models.TextField(_("deskripsi"), blank=True)
    bawaan = models.BooleanField(_("template bawaan"), default=False)
    instansi = models.ForeignKey(
        Instansi,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kuesioner",
        verbose_name=_("instansi"),
        help_text=_("Kosong untuk template bawaan yang dipakai semua instansi."),
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("kuesioner")
        verbose_name_plural = pgettext_lazy("jamak", "kuesioner")
        ordering = ["-bawaan", "nama"]

    def __str__(self) -> str:
        return self.nama


class Pertanyaan(models.Model):
    class Kelompok(models.TextChoices):
        UNSUR = "unsur", _("Unsur SKM")
        HARAPAN = "harapan", _("Harapan (kepentingan) unsur")
        PROFIL = "profil", _("Profil responden")
        TAMBAHAN = "tambahan", _("Pertanyaan tambahan")

    class Jenis(models.TextChoices):
        SKALA4 = "skala4", _("Skala 1-4")
        SKALA5 = "skala5", _("Skala 1-5")
        PILIHAN_TUNGGAL = "pilihan_tunggal", _("Pilihan tunggal")
        PILIHAN_GANDA = "pilihan_ganda", _("Pilihan ganda")
        TEKS = "teks", _("Teks")
        ANGKA = "angka", _("Angka")

    kuesioner = models.ForeignKey(
        Kuesioner, on_delete=models.CASCADE, related_name="pertanyaan", verbose_name=_("kuesioner")
    )
    kode = models.CharField(
        _("kode"),
        max_length=30,
        help_text=_("U1..U9 untuk unsur SKM, H1..H9 untuk harapan, atau kode bebas (huruf kecil)."),
    )
    kelompok = models.CharField(_("kelompok"), max_length=10, choices=Kelompok.choices)
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    unsur = models.CharField(
        _("unsur"), max_length=2, blank=True, help_text=_("Untuk unsur dan harapan: kode unsur U1..U9.")
    )
    judul = models.CharField(_("judul singkat"), max_length=120, blank=True)
    teks = models.TextField(_("teks pertanyaan"))
    label_nilai = models.JSONField(
        _("label nilai"),
        default=list,
        blank=True,
        help_text=_("Untuk skala: label nilai 1, 2, ... berurutan."),
    )
    pilihan = models.JSONField(
        _("pilihan"),
        default=list,
        blank=True,
        help_text=_('Untuk pilihan: [{"kode": ..., "label": ...}, ...].'),
    )
    wajib = models.BooleanField(_("wajib diisi"), default=False)
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    angka_min = models.IntegerField(_("angka terkecil"), null=True, blank=True)
    angka_maks = models.IntegerField(_("angka terbesar"), null=True, blank=True)

    class Meta:
        verbose_name = _("pertanyaan")
        verbose_name_plural = pgettext_lazy("jamak", "pertanyaan")
        ordering = ["kuesioner", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["kuesioner", "kode"], name="pertanyaan_kode_unik"),
            models.UniqueConstraint(fields=["kuesioner", "urutan"], name="pertanyaan_urutan_unik"),
            # Target of the (pertanyaan_id, jenis) foreign key from Jawaban: the answer's kind,
            # and so the range its value is checked against, is the question's kind.
            models.UniqueConstraint(fields=["id", "jenis"], name="pertanyaan_id_jenis_unik"),
            models.CheckConstraint(
                condition=~Q(kelompok__in=["unsur", "harapan"]) | Q(jenis="skala4", unsur__in=KODE_UNSUR),
                name="pertanyaan_unsur_skala_1_4",
            ),
            # Its answer goes to the response's column of that unsur (Respons.u1..u9).
            models.UniqueConstraint(
                fields=["kuesioner", "unsur"], condition=Q(kelompok="unsur"), name="pertanyaan_satu_per_unsur"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode}: {self.judul or self.teks[:60]}"

    @property
    def skala_maks(self) -> int | None:
        return {self.Jenis.SKALA4: 4, self.Jenis.SKALA5: 5}.get(self.Jenis(self.jenis))

    def kode_pilihan(self) -> list[str]:
        return [str(p["kode"]) for p in self.pilihan]


class Survei(models.Model):
    """One run of a questionnaire in an instansi for a period, at some of its units."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        TERBUKA = "terbuka", _("Terbuka")
        DITUTUP = "ditutup", _("Ditutup")

    kuesioner = models.ForeignKey(
        Kuesioner, on_delete=models.PROTECT, related_name="survei", verbose_name=_("kuesioner")
    )
    instansi = models.ForeignKey(
        Instansi, on_delete=models.PROTECT, related_name="survei", verbose_name=_("instansi")
    )
    judul = models.CharField(_("judul"), max_length=200)
    kode = models.SlugField(_("kode publik"), max_length=40, unique=True)
    periode = models.CharField(_("periode"), max_length=60, help_text=_('Misalnya "Semester I 2025".'))
    mulai = models.DateField(_("tanggal mulai"))
    selesai = models.DateField(_("tanggal selesai"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    unit = models.ManyToManyField(
        UnitLayanan, through="SurveiUnit", related_name="survei", verbose_name=_("unit layanan")
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    dibuka_pada = models.DateTimeField(_("dibuka pada"), null=True, blank=True)
    ditutup_pada = models.DateTimeField(_("ditutup pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("survei")
        verbose_name_plural = pgettext_lazy("jamak", "survei")
        ordering = ["-mulai", "judul"]
        constraints = [
            models.CheckConstraint(condition=Q(selesai__gte=F("mulai")), name="survei_periode_berurutan"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "terbuka", "ditutup"]), name="survei_status_dikenal"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judul} ({self.periode})"

    @property
    def menerima_respons(self) -> bool:
        return self.status == self.Status.TERBUKA


class SurveiUnit(models.Model):
    survei = models.ForeignKey(Survei, on_delete=models.CASCADE, related_name="survei_unit")
    unit = models.ForeignKey(UnitLayanan, on_delete=models.PROTECT, related_name="survei_unit")
    populasi = models.PositiveIntegerField(
        _("perkiraan populasi"),
        null=True,
        blank=True,
        help_text=_(
            "Perkiraan jumlah pengguna layanan unit ini dalam periode survei (untuk sampel minimum)."
        ),
    )

    class Meta:
        verbose_name = _("unit dalam survei")
        verbose_name_plural = pgettext_lazy("jamak", "unit dalam survei")
        constraints = [models.UniqueConstraint(fields=["survei", "unit"], name="survei_unit_unik")]

    def __str__(self) -> str:
        return f"{self.survei} · {self.unit}"

    def clean(self) -> None:
        if self.unit_id and self.survei_id and self.unit.instansi_id != self.survei.instansi_id:
            raise ValidationError({"unit": _("Unit harus berada di instansi survei ini.")})


class Impor(models.Model):
    """An uploaded spreadsheet of paper questionnaires, kept between the upload, the column
    mapping and the commit, and afterwards as the record of where those responses came from."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu konfirmasi")
        DISIMPAN = "disimpan", _("Disimpan")
        DITOLAK = "ditolak", _("Ditolak")

    survei = models.ForeignKey(
        Survei, on_delete=models.CASCADE, related_name="impor", verbose_name=_("survei")
    )
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    nama_berkas = models.CharField(_("nama berkas"), max_length=255)
    isi = models.BinaryField(_("isi berkas"))
    peta_kolom = models.JSONField(_("peta kolom"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    jumlah_respons = models.PositiveIntegerField(_("jumlah respons"), default=0)
    dibuat = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        verbose_name = _("impor berkas")
        verbose_name_plural = pgettext_lazy("jamak", "impor berkas")
        ordering = ["-dibuat"]

    def __str__(self) -> str:
        return self.nama_berkas


class Respons(models.Model):
    """One filled questionnaire. Anonymous: no IP address, user agent or account is stored
    for citizens; dientri_oleh names the staff member who keyed in a paper form."""

    class Sumber(models.TextChoices):
        ONLINE = "online", _("Daring")
        KIOS = "kios", _("Kios di loket")
        KERTAS = "kertas", _("Kertas (dientri petugas)")
        IMPOR = "impor", _("Impor berkas")

    survei = models.ForeignKey(
        Survei, on_delete=models.PROTECT, related_name="respons", verbose_name=_("survei")
    )
    unit = models.ForeignKey(
        UnitLayanan, on_delete=models.PROTECT, related_name="respons", verbose_name=_("unit layanan")
    )
    layanan = models.ForeignKey(
        Layanan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="respons",
        verbose_name=_("layanan"),
    )
    sumber = models.CharField(_("sumber"), max_length=10, choices=Sumber.choices)
    waktu = models.DateTimeField(_("waktu pengisian"), db_index=True)
    kunci = models.CharField(
        _("kunci pengiriman"),
        max_length=64,
        help_text=_(
            "Satu formulir yang dikirim berkali-kali (ketuk dua kali, muat ulang) tetap satu respons."
        ),
    )
    dientri_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dientri oleh"),
    )
    impor = models.ForeignKey(
        Impor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="respons",
        verbose_name=_("impor"),
    )
    dibuat = models.DateTimeField(_("disimpan"), auto_now_add=True)
    # The answers to the nine unsur (1-4, NULL = not answered), by unsur code: u1 is U1.
    u1 = models.PositiveSmallIntegerField("U1", null=True, blank=True)
    u2 = models.PositiveSmallIntegerField("U2", null=True, blank=True)
    u3 = models.PositiveSmallIntegerField("U3", null=True, blank=True)
    u4 = models.PositiveSmallIntegerField("U4", null=True, blank=True)
    u5 = models.PositiveSmallIntegerField("U5", null=True, blank=True)
    u6 = models.PositiveSmallIntegerField("U6", null=True, blank=True)
    u7 = models.PositiveSmallIntegerField("U7", null=True, blank=True)
    u8 = models.PositiveSmallIntegerField("U8", null=True, blank=True)
    u9 = models.PositiveSmallIntegerField("U9", null=True, blank=True)
    # The unsur answers summed up by the writer (isian_unsur(), or save()), so that the
    # analysis groups responses instead of reading every answer: the answer pattern (see
    # BASIS_POLA), the sum of the values and the number of unsur answered. Plain columns, not
    # generated ones: PostgreSQL computing them on every INSERT cost a third of the form's
    # write throughput (see docs/architecture.md); a CHECK holds them to u1..u9.
    pola_unsur = models.PositiveIntegerField(_("pola jawaban unsur"), default=0, editable=False)
    jumlah_unsur = models.PositiveSmallIntegerField(_("jumlah nilai unsur"), default=0, editable=False)
    dijawab_unsur = models.PositiveSmallIntegerField(_("unsur yang dijawab"), default=0, editable=False)

    class Meta:
        verbose_name = _("respons")
        verbose_name_plural = pgettext_lazy("jamak", "respons")
        ordering = ["waktu", "id"]
        constraints = [
            models.UniqueConstraint(fields=["survei", "kunci"], name="respons_kunci_unik"),
            models.CheckConstraint(
                condition=Q(sumber__in=["online", "kios", "kertas", "impor"]), name="respons_sumber_dikenal"
            ),
            models.CheckConstraint(condition=_UNSUR_1_4, name="respons_unsur_1_4"),
            models.CheckConstraint(condition=_RINGKASAN_SESUAI, name="respons_ringkasan_sesuai_unsur"),
        ]
        indexes = [
            # The analysis groups the responses of some units over some time by these numbers:
            # with them in the index it reads the index alone (SQLite has no INCLUDE).
            models.Index(
                fields=["unit", "waktu", "dijawab_unsur", "jumlah_unsur", "pola_unsur"],
                name="respons_unit_waktu_ringkasan",
            )
        ]

    def __str__(self) -> str:
        return f"{self.survei.kode} #{self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saved through the ORM (admin, tests, one-off scripts), the summaries follow u1..u9;
        the bulk writers (the form's SQL, imports, the demo) fill them with isian_unsur()."""
        isian = isian_unsur(
            {k: getattr(self, kolom) for k, kolom in zip(KODE_UNSUR, KOLOM_UNSUR, strict=True)}
        )
        self.pola_unsur = cast(int, isian["pola_unsur"])
        self.jumlah_unsur = cast(int, isian["jumlah_unsur"])
        self.dijawab_unsur = cast(int, isian["dijawab_unsur"])
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *_RINGKASAN}
        super().save(*args, **kwargs)


class Jawaban(models.Model):
    """One answer. `jenis` repeats the question's kind so that the database itself checks the
    value against the question's scale: a CHECK constraint here, and a (pertanyaan_id, jenis)
    foreign key (PostgreSQL) or trigger (SQLite) added in migration 0002 so that `jenis` cannot
    disagree with the question."""

    respons = models.ForeignKey(
        Respons, on_delete=models.CASCADE, related_name="jawaban", verbose_name=_("respons")
    )
    pertanyaan = models.ForeignKey(
        Pertanyaan, on_delete=models.PROTECT, related_name="jawaban", verbose_name=_("pertanyaan")
    )
    jenis = models.CharField(_("jenis"), max_length=20, choices=Pertanyaan.Jenis.choices)
    nilai = models.IntegerField(_("nilai"), null=True, blank=True)
    # NULL, not "", for "no text": the CHECK constraint tells text answers from numeric ones.
    teks = models.TextField(_("teks"), null=True, blank=True)  # noqa: DJ001

    class Meta:
        verbose_name = _("jawaban")
        verbose_name_plural = pgettext_lazy("jamak", "jawaban")
        constraints = [
            models.UniqueConstraint(fields=["respons", "pertanyaan"], name="jawaban_unik_per_pertanyaan"),
            models.CheckConstraint(
                condition=(
                    Q(jenis="skala4", nilai__isnull=False, nilai__gte=1, nilai__lte=4, teks__isnull=True)
                    | Q(jenis="skala5", nilai__isnull=False, nilai__gte=1, nilai__lte=5, teks__isnull=True)
                    | Q(jenis="angka", nilai__isnull=False, teks__isnull=True)
                    | (
                        Q(jenis__in=["pilihan_tunggal", "pilihan_ganda", "teks"], nilai__isnull=True)
                        & Q(teks__isnull=False)
                        & ~Q(teks="")
                    )
                ),
                name="jawaban_nilai_sesuai_jenis",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pertanyaan.kode}={self.nilai if self.nilai is not None else self.teks}"
