// The plan page: a print button, copying the plan link, and keeping the plan for
// offline use (the service worker stores pages the visitor opened).
(function () {
  "use strict";
  var link = document.getElementById("plan-link");
  if (link) {
    link.value = location.origin + link.value;
    link.addEventListener("focus", function () { link.select(); });
  }
  if (new URLSearchParams(location.search).get("print") === "1") window.print();
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(function () {});
})();
