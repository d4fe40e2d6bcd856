"""Admin of the forum, scoped like organisasi/admin.py (an admin instansi sees his instansi).

Editable here: the instansi's forum settings (flag threshold) and its holiday calendar.
Read-only: topics, replies, flags, blocks, the moderation log and complaint histories. Posts
are never deleted, by anyone; hiding, restoring and blocking go through the moderation page,
which logs every action (forum.services_moderasi). The author of an anonim complaint is shown
only as organisasi.izin allows: there is no author column and no search by author.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from organisasi.admin import DalamLingkupInstansi, LingkupInstansiAdmin, adalah_superuser
from organisasi.izin import instansi_dikelola

from .models import Balasan, Blokir, HariLibur, LogModerasi, PengaturanForum, RiwayatStatus, Tanda, Topik
from .selectors import nama_pelaku_riwayat, nama_penulis, nama_penulis_balasan

# Names are shown as an outsider may see them: display names, and "Pelapor anonim" for the
# author of an anonim complaint, whom no member of staff may identify (a display callable gets
# no request, and a ModelAdmin is shared between threads, so it cannot hold the viewer).
_STAF = AnonymousUser()


@admin.register(PengaturanForum)
class PengaturanForumAdmin(LingkupInstansiAdmin):
    list_display = ["instansi", "ambang_tanda"]


@admin.register(HariLibur)
class HariLiburAdmin(LingkupInstansiAdmin):
    list_display = ["tanggal", "nama", "instansi"]
    list_filter = [("instansi", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["instansi"]
    date_hierarchy = "tanggal"
    search_fields = ["nama"]


class HanyaBaca:
    """Nothing is added, changed or deleted from the admin."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class RiwayatStatusInline(HanyaBaca, DalamLingkupInstansi, admin.TabularInline):
    model = RiwayatStatus
    fields = readonly_fields = (
        "dibuat",
        "aksi",
        "dari_status",
        "ke_status",
        "pelaku_tampil",
        "unit_tujuan",
        "catatan",
    )
    extra = 0

    def _instansi_id(self, obj: Any) -> int:
        return obj.instansi_id

    @admin.display(description=_("pelaku"))
    def pelaku_tampil(self, obj: RiwayatStatus) -> str:
        return nama_pelaku_riwayat(_STAF, riwayat=obj, topik=obj.topik)


@admin.register(Topik)
class TopikAdmin(HanyaBaca, LingkupInstansiAdmin):
    list_display = ["judul", "jenis", "status", "privasi", "unit", "instansi", "dibuat", "tersembunyi"]
    list_filter = [
        "jenis",
        "status",
        "privasi",
        "tersembunyi",
        "perlu_tinjauan",
        ("instansi", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["instansi", "unit"]
    search_fields = ["judul"]
    date_hierarchy = "dibuat"
    exclude = ["penulis", "isi_html"]
    readonly_fields = ["penulis_tampil"]
    inlines = [RiwayatStatusInline]

    @admin.display(description=_("penulis"))
    def penulis_tampil(self, obj: Topik) -> str:
        return nama_penulis(_STAF, topik=obj)


@admin.register(Balasan)
class BalasanAdmin(HanyaBaca, LingkupInstansiAdmin):
    jalur_instansi = "topik__instansi"
    list_display = ["__str__", "topik", "resmi", "dibuat", "tersembunyi"]
    list_filter = [
        "resmi",
        "tersembunyi",
        "perlu_tinjauan",
        ("topik__instansi", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["topik"]
    exclude = ["penulis", "isi_html"]
    readonly_fields = ["penulis_tampil"]

    def _instansi_id(self, obj: Any) -> int:
        return obj.topik.instansi_id

    @admin.display(description=_("penulis"))
    def penulis_tampil(self, obj: Balasan) -> str:
        return nama_penulis_balasan(_STAF, balasan=obj, topik=obj.topik)


@admin.register(Tanda)
class TandaAdmin(HanyaBaca, LingkupInstansiAdmin):
    jalur_instansi = "topik__instansi"
    list_display = ["alasan", "topik", "balasan", "dibuat", "ditinjau"]
    list_filter = ["alasan", "ditinjau"]

    def get_queryset(self, request: HttpRequest) -> Any:
        # A flag points at a topic or at a reply: both paths lead to the instansi.
        qs = super(LingkupInstansiAdmin, self).get_queryset(request)
        if adalah_superuser(request):
            return qs
        dikelola = instansi_dikelola(request.user)
        return qs.filter(topik__instansi__in=dikelola) | qs.filter(balasan__topik__instansi__in=dikelola)

    def _instansi_id(self, obj: Any) -> int:
        return obj.topik.instansi_id if obj.topik_id else obj.balasan.topik.instansi_id


@admin.register(Blokir)
class BlokirAdmin(HanyaBaca, LingkupInstansiAdmin):
    list_display = ["pengguna", "instansi", "alasan", "oleh", "dibuat", "dicabut_pada"]
    list_filter = [("instansi", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["pengguna", "instansi", "oleh"]


@admin.register(LogModerasi)
class LogModerasiAdmin(HanyaBaca, LingkupInstansiAdmin):
    list_display = ["dibuat", "aksi", "moderator", "topik", "balasan", "pengguna_sasaran", "alasan"]
    list_filter = ["aksi", ("instansi", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["moderator", "topik", "balasan", "pengguna_sasaran"]
