// Suggestions while typing: titles that start with what was typed, from
// /api/v1/suggest. Without this script the search form works as it is.
(function () {
  "use strict";
  var input = document.getElementById("q"), list = document.getElementById("q-suggestions");
  if (!input || !list || !window.fetch) return;
  var timer, last = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      if (q.length < 2 || q === last) return;
      last = q;
      fetch("/api/v1/suggest?lang=" + encodeURIComponent(input.dataset.lang) + "&q=" + encodeURIComponent(q))
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (hits) {
          list.textContent = "";
          hits.forEach(function (h) { var o = document.createElement("option"); o.value = h.title; list.appendChild(o); });
        })
        .catch(function () {});
    }, 150);
  });
})();
