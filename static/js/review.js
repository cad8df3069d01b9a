// Review queue shortcuts, listed on the page: j/k move between questions, x selects,
// a accepts, r rejects, e edits. Active only while the focus is inside a question of the
// list (WCAG 2.1.4: single-key shortcuts only on focus), never while typing in a field.
(function () {
  "use strict";
  var list = document.getElementById("review-list");
  if (!list) { return; }
  var items = Array.prototype.slice.call(list.querySelectorAll("li.review-item"));

  function itemOf(node) { return node && node.closest ? node.closest("li.review-item") : null; }

  function focusItem(item) {
    if (!item) { return; }
    item.focus();
    item.scrollIntoView({ block: "start" });
  }

  function submitAction(item, label) {
    var buttons = item.querySelectorAll(".review-actions button");
    for (var i = 0; i < buttons.length; i += 1) {
      if (buttons[i].textContent.trim() === label) { buttons[i].form.requestSubmit(buttons[i]); return; }
    }
  }

  list.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = event.target;
    if (target.matches("input[type=text], textarea, select, [contenteditable]")) { return; }
    var item = itemOf(target);
    if (!item) { return; }
    var index = items.indexOf(item);
    var handled = true;
    switch (event.key) {
      case "j": focusItem(items[Math.min(items.length - 1, index + 1)]); break;
      case "k": focusItem(items[Math.max(0, index - 1)]); break;
      case "x": var box = item.querySelector("input[type=checkbox]"); box.checked = !box.checked; break;
      case "a": submitAction(item, "Accept"); break;
      case "r": submitAction(item, "Reject"); break;
      case "e": var edit = item.querySelector("[data-shortcut=e]"); if (edit) { edit.click(); } break;
      default: handled = false;
    }
    if (handled) { event.preventDefault(); }
  });

  // Back from an action: the address names the question to return to; focus it too.
  if (location.hash.indexOf("#q-") === 0) {
    focusItem(document.getElementById(location.hash.slice(1)));
  }
})();
