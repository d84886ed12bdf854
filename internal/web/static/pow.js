// Proof-of-work for the booking forms (ALTCHA-style; the server side is
// internal/pow). A form opts in with data-pow (the challenge URL, default
// /api/v1/pow/challenge), a hidden input name="pow" and an element with
// data-pow-status for the progress; its texts, in the page's language, are
// data-pow-working ("{percent}" is replaced), data-pow-done, data-pow-failed
// and data-pow-pass (the label of the pass field). The work starts when the
// page loads, in chunks so that the page stays responsive; a submit before it
// is done waits for it. Without Web Crypto or the challenge, the pow field
// becomes a text field for a reception pass, as the page without JavaScript
// has it.
(function () {
  "use strict";
  var subtle = typeof crypto !== "undefined" && crypto.subtle;
  var CHUNK = 1000; // hashes between two turns of the event loop

  function hexBytes(hex) {
    var b = new Uint8Array(hex.length / 2);
    for (var i = 0; i < b.length; i++) b[i] = parseInt(hex.substr(2 * i, 2), 16);
    return b;
  }

  function equal(buf, want) {
    var got = new Uint8Array(buf);
    for (var i = 0; i < want.length; i++) if (got[i] !== want[i]) return false;
    return got.length === want.length;
  }

  // solve searches the number n in [0, c.maxnumber] whose SHA-256 of c.salt
  // and n is c.challenge, calling progress(fraction) after each chunk, and
  // resolves to the answer for the pow field (base64 of JSON), or null.
  function solve(c, progress) {
    var enc = new TextEncoder(), want = hexBytes(c.challenge);
    return new Promise(function (resolve, reject) {
      function chunk(start) {
        var end = Math.min(start + CHUNK, c.maxnumber + 1), jobs = [];
        for (var n = start; n < end; n++) jobs.push(subtle.digest("SHA-256", enc.encode(c.salt + n)));
        Promise.all(jobs).then(function (hashes) {
          for (var i = 0; i < hashes.length; i++) {
            if (equal(hashes[i], want)) {
              return resolve(btoa(JSON.stringify({
                algorithm: c.algorithm, challenge: c.challenge, number: start + i, salt: c.salt, signature: c.signature
              })));
            }
          }
          if (end > c.maxnumber) return resolve(null);
          if (progress) progress(end / (c.maxnumber + 1));
          setTimeout(function () { chunk(end); }, 0);
        }, reject);
      }
      chunk(0);
    });
  }

  if (typeof document === "undefined") { // node, for the test against the Go verifier
    module.exports = { solve: solve };
    return;
  }

  function bind(form) {
    var field = form.elements.namedItem("pow");
    var status = form.querySelector("[data-pow-status]");
    if (!field) return;
    if (status) {
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
    }
    var answer = null, expires = 0, running = null;
    function say(key, percent) {
      if (status) status.textContent = (form.getAttribute("data-pow-" + key) || "").replace("{percent}", percent);
    }
    function fallback() { // a pass from reception instead
      field.type = "text";
      field.setAttribute("aria-label", form.getAttribute("data-pow-pass") || "");
      field.autocomplete = "off";
      say("failed", 0);
      return null;
    }
    function start() {
      if (running) return running;
      var shown = -1;
      say("working", 0);
      running = fetch(form.getAttribute("data-pow") || "/api/v1/pow/challenge", { headers: { Accept: "application/json" } })
        .then(function (r) {
          if (!r.ok) throw new Error("challenge: " + r.status);
          return r.json();
        })
        .then(function (c) {
          expires = (parseInt(c.salt.split("?expires=")[1], 10) || 0) * 1000;
          return solve(c, function (f) {
            var p = Math.floor(f * 10) * 10; // announce in steps of 10 %
            if (p !== shown) { shown = p; say("working", p); }
          });
        })
        .then(function (a) {
          running = null;
          if (!a) return fallback();
          answer = field.value = a;
          say("done", 100);
          return a;
        }, function () {
          running = null;
          return fallback();
        });
      return running;
    }
    if (!subtle || !window.fetch) return fallback();
    form.addEventListener("submit", function (e) {
      if (field.type !== "hidden" || (answer && Date.now() < expires - 60000)) return;
      e.preventDefault(); // not done yet, or the challenge is about to expire
      answer = field.value = "";
      var by = e.submitter; // the button chosen (step 2: which itinerary)
      start().then(function (a) {
        if (!a) return;
        if (form.requestSubmit) {
          if (by) form.requestSubmit(by); else form.requestSubmit();
        } else form.submit();
      });
    });
    start();
  }

  document.querySelectorAll("form[data-pow]").forEach(bind);
})();
