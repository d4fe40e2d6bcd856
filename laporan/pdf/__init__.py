"""Building the PDF reports: umum.py (the step pipeline and what both kinds share),
evaluasi.py (the evaluation of a penataan), skm.py (the SKM result report of a survey period),
render.py (HTML -> PDF with WeasyPrint, the project's fonts, charts and QR code). Templates are
in templates/laporan/pdf/."""
