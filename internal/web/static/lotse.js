// The Lotse questionnaire, one question per screen. Without this script the page
// is one plain form. Nothing leaves the browser until "Show my plan" is pressed.
// Questions that do not apply (their data-ask condition is false for the answers
// given so far) are skipped; the conditions use the rule book's small language:
// or, and, not, parentheses, ==, !=, in {..}, not in {..}, has {..}, predicates.
(function () {
  "use strict";
  var form = document.getElementById("lotse");
  var logicEl = document.getElementById("lotse-logic");
  if (!form || !logicEl || document.getElementById("form-error")) return;
  var predicates = JSON.parse(logicEl.textContent).predicates || {};
  var qs = Array.prototype.slice.call(form.querySelectorAll("fieldset.question"));
  var progress = form.querySelector(".progress");
  var back = form.querySelector(".back"), next = form.querySelector(".next"), submit = form.querySelector(".submit");
  var current = 0, history = [];

  function answer(field) {
    var els = form.elements;
    var radios = form.querySelectorAll('input[type=radio][name="' + field + '"]');
    if (radios.length) {
      for (var i = 0; i < radios.length; i++) if (radios[i].checked) return radios[i].value || null;
      return null;
    }
    var counts = form.querySelectorAll('input[type=number][name^="' + field + '."]');
    if (counts.length) {
      var list = [];
      counts.forEach(function (c) { var n = parseInt(c.value, 10) || 0; for (var k = 0; k < n; k++) list.push(c.name.slice(field.length + 1)); });
      return list;
    }
    var el = els.namedItem(field);
    return el && el.value ? el.value : null;
  }

  // Three-valued logic: true, false, or null (not answered yet).
  function tokenize(s) { return s.match(/\(|\)|\{|\}|,|==|!=|>=|<=|[^\s(){},=!<>]+|[<>]/g) || []; }
  function evaluate(expr, depth) {
    if (!expr) return true;
    if (depth > 10) return null;
    var t = tokenize(expr), p = 0;
    function peek() { return t[p]; }
    function take() { return t[p++]; }
    function set() { var out = []; take(); while (peek() && peek() !== "}") { var w = take(); if (w !== ",") out.push(w); } take(); return out; }
    function or() { var v = and(); while (peek() === "or") { take(); var r = and(); v = (v === true || r === true) ? true : (v === null || r === null) ? null : false; } return v; }
    function and() { var v = unary(); while (peek() === "and") { take(); var r = unary(); v = (v === false || r === false) ? false : (v === null || r === null) ? null : true; } return v; }
    function unary() { if (peek() === "not") { take(); var v = unary(); return v === null ? null : !v; } return primary(); }
    function primary() {
      var w = take();
      if (w === "(") { var v = or(); take(); return v; }
      if (w === "shown") { take(); take(); take(); return null; }
      var op = peek();
      if (op === "==" || op === "!=") { take(); var lit = take(); var a = answer(w); if (a === null) return null; return op === "==" ? a === lit : a !== lit; }
      if (op === ">=" || op === "<=" || op === "<" || op === ">") { take(); take(); return null; }
      if (op === "in" || (op === "not" && t[p + 1] === "in")) { var neg = op === "not"; if (neg) take(); take(); var vals = set(); var a2 = answer(w); if (a2 === null) return null; var r = vals.indexOf(a2) >= 0; return neg ? !r : r; }
      if (op === "has") { take(); var vs = set(); var l = answer(w); if (l === null) return null; return l.some(function (x) { return vs.indexOf(x) >= 0; }); }
      if (predicates[w] !== undefined) return evaluate(predicates[w], depth + 1);
      return null;
    }
    try { return or(); } catch (e) { return null; }
  }
  function applies(i) { return evaluate(qs[i].dataset.ask, 0) !== false; }
  function show(i) {
    qs.forEach(function (q, k) { q.hidden = k !== i; });
    current = i;
    var remaining = 0;
    for (var k = i + 1; k < qs.length; k++) if (applies(k)) remaining++;
    progress.hidden = false;
    progress.textContent = progress.dataset.template.replace("{n}", history.length + 1).replace("{total}", history.length + 1 + remaining);
    back.hidden = history.length === 0;
    next.hidden = remaining === 0;
    submit.hidden = remaining !== 0;
    var first = qs[i].querySelector("input, select");
    qs[i].querySelector("legend").setAttribute("tabindex", "-1");
    qs[i].querySelector("legend").focus();
  }
  function clearSkipped() {
    qs.forEach(function (q, k) {
      if (applies(k)) return;
      q.querySelectorAll("input[type=radio]").forEach(function (r) { r.checked = false; });
      q.querySelectorAll("input[type=text], input[type=date], select").forEach(function (e) { e.value = ""; });
    });
  }
  progress.dataset.template = form.dataset.progress || "{n} / {total}";
  next.addEventListener("click", function () {
    for (var k = current + 1; k < qs.length; k++) if (applies(k)) { history.push(current); show(k); return; }
  });
  back.addEventListener("click", function () { if (history.length) show(history.pop()); });
  form.addEventListener("submit", clearSkipped);
  form.addEventListener("change", function (e) {
    if (e.target.type === "radio" && !next.hidden) next.focus();
  });
  // One question per screen: the progress line numbers them, not the headings.
  form.querySelectorAll(".qno").forEach(function (n) { n.remove(); });
  form.classList.add("wizard");
  show(0);
})();
