/* Progress of a PDF report being made (templates/laporan/status.html).
 *
 * With JavaScript the progress section is updated in place: the status page is fetched every
 * few seconds, the bar and its label take the new step, and when the report is ready or has
 * failed the main content is replaced by the finished page. A button pauses and resumes the
 * updates (WCAG 2.2.2). Without JavaScript the page reloads itself instead (a meta refresh
 * inside <noscript>), so nothing here is needed for the page to work.
 */
(function () {
  "use strict";
  var bagian = document.querySelector("[data-kemajuan]");
  if (!bagian || !window.fetch || !window.DOMParser) {
    return;
  }
  var detik = parseInt(bagian.getAttribute("data-detik"), 10) || 3;
  var dijeda = false;
  var pewaktu = null;

  var tombol = document.createElement("button");
  tombol.type = "button";
  tombol.className = "tombol tombol--sekunder";
  tombol.textContent = bagian.getAttribute("data-teks-jeda");
  tombol.setAttribute("aria-pressed", "false");
  bagian.appendChild(tombol);

  function jadwal() {
    window.clearTimeout(pewaktu);
    if (!dijeda) {
      pewaktu = window.setTimeout(perbarui, detik * 1000);
    }
  }

  function salinKemajuan(baru) {
    var bar = bagian.querySelector("progress");
    var barBaru = baru.querySelector("progress");
    if (bar && barBaru) {
      bar.max = barBaru.max;
      bar.value = barBaru.value;
      bar.textContent = barBaru.textContent;
    }
    var label = bagian.querySelector("[data-label-kemajuan]");
    var labelBaru = baru.querySelector("[data-label-kemajuan]");
    if (label && labelBaru && label.textContent !== labelBaru.textContent) {
      label.textContent = labelBaru.textContent;
    }
  }

  function perbarui() {
    window
      .fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (jawaban) {
        if (!jawaban.ok || jawaban.redirected) {
          throw new Error("status " + jawaban.status);
        }
        return jawaban.text();
      })
      .then(function (html) {
        var dokumen = new window.DOMParser().parseFromString(html, "text/html");
        var baru = dokumen.querySelector("[data-kemajuan]");
        if (baru) {
          salinKemajuan(baru);
          jadwal();
          return;
        }
        // Ready or failed: show that page's content (the download link or the reason).
        var utama = document.getElementById("konten");
        var utamaBaru = dokumen.getElementById("konten");
        if (utama && utamaBaru) {
          utama.innerHTML = utamaBaru.innerHTML;
          document.title = dokumen.title;
          utama.focus();
        }
      })
      .catch(function () {
        jadwal(); // a network hiccup or a signed-out session: try again later
      });
  }

  tombol.addEventListener("click", function () {
    dijeda = !dijeda;
    tombol.setAttribute("aria-pressed", dijeda ? "true" : "false");
    jadwal();
  });
  jadwal();
})();
