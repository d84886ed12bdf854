// The One-Stop-Shop day's staff pages (reception, desks, slips): live
// updates from the floor's event stream, a camera scanner where the browser
// has BarcodeDetector, and a print button. Without it the pages work with
// their forms and the "refresh" link.
(function () {
  "use strict";

  // Live: on any event of the floor, fetch this page again and swap its
  // main region in, keeping focus on the element of the same id and
  // announcing a desk's new call politely.
  var live = document.getElementById("floor-live");
  var source = document.querySelector("[data-events]");
  if (live && source && window.EventSource && window.DOMParser) {
    var announce = document.getElementById("floor-announce");
    var busy = false, again = false;
    var calls = function (root) {
      var out = {};
      root.querySelectorAll("[data-call]").forEach(function (el) { out[el.getAttribute("data-call")] = true; });
      return out;
    };
    var swap = function () {
      if (busy) { again = true; return; }
      busy = true;
      fetch(location.pathname, { credentials: "same-origin", headers: { Accept: "text/html" } }).then(function (r) {
        return r.ok ? r.text() : null;
      }).then(function (html) {
        if (!html) { return; }
        var next = new DOMParser().parseFromString(html, "text/html").getElementById("floor-live");
        if (!next) { return; }
        var before = calls(live), focused = document.activeElement && document.activeElement.id;
        var typing = document.activeElement && live.contains(document.activeElement) && /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
        if (typing) { return; }
        live.innerHTML = next.innerHTML;
        if (focused) {
          var el = document.getElementById(focused);
          if (el) { el.focus(); }
        }
        var fresh = Object.keys(calls(live)).filter(function (c) { return !before[c]; });
        if (announce && fresh.length) { announce.textContent = fresh.join(", "); }
      }).catch(function () {}).then(function () {
        busy = false;
        if (again) { again = false; swap(); }
      });
    };
    var connect = function () {
      var es = new EventSource(source.getAttribute("data-events"));
      es.onmessage = swap;
      es.addEventListener("change", swap);
      es.onerror = function () {
        if (es.readyState === EventSource.CLOSED) { setTimeout(connect, 5000); }
      };
    };
    connect();
  }

  // Camera: a button appears only where the browser can read QR codes.
  var form = document.querySelector("form[data-scan]");
  if (form && "BarcodeDetector" in window && navigator.mediaDevices) {
    var button = form.querySelector(".scan-camera"), video = form.querySelector(".scan-video");
    var input = form.querySelector("input[name=code]");
    button.hidden = false;
    button.addEventListener("click", function () {
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        video.play();
        var stop = function () { stream.getTracks().forEach(function (t) { t.stop(); }); video.hidden = true; };
        var look = function () {
          detector.detect(video).then(function (codes) {
            if (codes.length) {
              stop();
              input.value = codes[0].rawValue;
              form.submit();
              return;
            }
            requestAnimationFrame(look);
          }).catch(stop);
        };
        look();
      }).catch(function () { input.focus(); });
    });
  }

  // Print: the slip's button, shown only with a script to press it.
  var print = document.querySelector(".print-slip");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
