// Live preview for the staff editor screens: the text is rendered by the
// server (the same Markdown path readers get) a moment after typing stops.
// Without JavaScript the "Preview" button does the same with a page load.
//
// Sign-in of a call display: /staff/display#TOKEN posts the token from the
// fragment (which no server log sees) and drops it from the address bar, so a
// TV browser needs no keyboard.
(function () {
  "use strict";
  document.querySelectorAll("form[data-preview]").forEach(function (form) {
    var target = document.getElementById(form.dataset.preview);
    var body = form.querySelector("textarea[name=body]");
    if (!target || !body) { return; }
    var timer = null;
    function update() {
      var data = new URLSearchParams();
      data.set("body", body.value);
      fetch("/staff/preview", { method: "POST", body: data, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) { if (html) { target.innerHTML = html; } })
        .catch(function () {});
    }
    body.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 400);
    });
    update();
  });
  var tokenForm = document.querySelector("form[data-token-form]");
  if (tokenForm && location.hash.length > 1) {
    tokenForm.querySelector("input[name=token]").value = location.hash.slice(1);
    history.replaceState(null, "", location.pathname);
    tokenForm.submit();
  }
})();
