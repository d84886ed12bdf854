// The countdown of a booking's hold on the contact page: the time the hold
// lapses is in <time datetime data-countdown>; this shows the minutes and
// seconds left next to it and, for screen readers, says the minutes left
// in a live region only when a whole minute passes (and once when it is
// over), not every second. Without JavaScript the page shows the time of
// day the hold lapses, which is enough.
(function () {
  "use strict";
  var el = document.querySelector("time[data-countdown]");
  var say = document.getElementById("countdown-say");
  if (!el) return;
  var end = Date.parse(el.getAttribute("datetime"));
  if (isNaN(end)) return;
  var text = el.getAttribute("data-countdown-text") || "";
  var over = el.getAttribute("data-countdown-over") || "";
  var lastMinute = -1;
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var left = Math.max(0, Math.round((end - Date.now()) / 1000));
    var m = Math.floor(left / 60), s = left % 60;
    el.textContent = "(" + text.replace("{time}", m + ":" + pad(s)) + ")";
    if (left === 0) {
      el.textContent = "";
      if (say) say.textContent = over;
      return;
    }
    if (m !== lastMinute) { // a new minute: said aloud, but not at the start
      if (say && lastMinute !== -1) say.textContent = text.replace("{time}", m + ":" + pad(s));
      lastMinute = m;
    }
    setTimeout(tick, 1000);
  }
  tick();
})();
