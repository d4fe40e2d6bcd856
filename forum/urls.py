"""The forum's URLs ("forum" namespace): the public forum under /forum/, the unit's complaint
queue, the evaluator's overview and moderation under /kelola/forum/.

/forum/baru/ (choose an instansi for a new topic) is matched before /forum/<instansi>/: an
instansi slugged "baru" would have its list at /forum/?instansi=baru only. Instansi slugs are
place names, so this stays theoretical.
"""

from django.urls import path, re_path

from .views import moderasi, pengaduan, publik

app_name = "forum"

_topik = "forum/<slug:instansi>/<int:pk>/"
_balasan = "forum/<slug:instansi>/balasan/<int:pk>/"
_kelola = "kelola/forum/"
# A moderated post: /kelola/forum/<instansi>/moderasi/<topik|balasan>/<pk>/<aksi>/
_sasaran = r"^kelola/forum/(?P<instansi>[-a-zA-Z0-9_]+)/moderasi/(?P<jenis>topik|balasan)/(?P<pk>[0-9]+)/"

urlpatterns = [
    path("forum/", publik.daftar, name="daftar"),
    path("forum/baru/", publik.pilih_instansi, name="pilih_instansi"),
    path("forum/<slug:instansi>/", publik.daftar, name="daftar_instansi"),
    path("forum/<slug:instansi>/baru/", publik.topik_baru, name="baru"),
    path("forum/<slug:instansi>/pengaduan/baru/", publik.pengaduan_baru, name="pengaduan_baru"),
    path(_topik, publik.topik, name="topik"),
    path(_topik + "ubah/", publik.topik_ubah_view, name="topik_ubah"),
    path(_topik + "balas/", publik.balas, name="balas"),
    path(_topik + "dukung/", publik.dukung, name="dukung"),
    path(_topik + "langganan/", publik.langganan, name="langganan"),
    path(_topik + "tandai/", publik.tandai_topik, name="tandai_topik"),
    path(_topik + "konfirmasi/", publik.konfirmasi, name="konfirmasi"),
    path(_topik + "nilai/", publik.nilai, name="nilai"),
    path(_balasan + "ubah/", publik.balasan_ubah_view, name="balasan_ubah"),
    path(_balasan + "tandai/", publik.tandai_balasan, name="tandai_balasan"),
    path(_kelola, pengaduan.antrean, name="antrean"),
    path(_kelola + "pengaduan/<int:pk>/verifikasi/", pengaduan.verifikasi, name="verifikasi"),
    path(_kelola + "pengaduan/<int:pk>/tolak/", pengaduan.tolak, name="tolak"),
    path(_kelola + "pengaduan/<int:pk>/alihkan/", pengaduan.alihkan, name="alihkan"),
    path(_kelola + "pengaduan/<int:pk>/jawab/", pengaduan.jawab, name="jawab"),
    path(_kelola + "<slug:instansi>/", pengaduan.evaluasi, name="evaluasi"),
    path(_kelola + "<slug:instansi>/moderasi/", moderasi.beranda, name="moderasi"),
    re_path(_sasaran + r"sembunyikan/$", moderasi.sembunyikan, name="sembunyikan"),
    re_path(_sasaran + r"pulihkan/$", moderasi.pulihkan, name="pulihkan"),
    re_path(_sasaran + r"blokir/$", moderasi.blokir, name="blokir"),
    path(
        _kelola + "<slug:instansi>/moderasi/blokir/<int:pk>/cabut/",
        moderasi.cabut_blokir,
        name="cabut_blokir",
    ),
]
