// Escape closes the open language menu (a <details> in the header), as it
// closes the main menu (a popover, which the browser closes by itself), and
// returns focus to the menu's summary.
"use strict";

/**
 * closeOnEscape closes the open <details> menu that holds the event's target
 * and focuses its summary; it returns whether it closed one.
 * @param {KeyboardEvent} e
 * @returns {boolean}
 */
function closeOnEscape(e) {
  if (e.key !== "Escape" || !e.target || !e.target.closest) {
    return false;
  }
  const menu = e.target.closest("details.langs[open]");
  if (!menu) {
    return false;
  }
  menu.open = false;
  menu.querySelector("summary").focus();
  e.preventDefault();
  return true;
}

if (typeof document !== "undefined") {
  document.addEventListener("keydown", closeOnEscape);
}
if (typeof module !== "undefined") {
  module.exports = { closeOnEscape };
}
