// Question forms: the right-answer choices read as the options' own texts, as typed.
(function () {
  "use strict";
  document.querySelectorAll("input[data-option]").forEach(function (input) {
    var label = document.querySelector('label[for="correct-' + input.getAttribute("data-option") + '"]');
    if (!label) { return; }
    var fallback = "Option " + (Number(input.getAttribute("data-option")) + 1) + " (not written yet)";
    var update = function () { label.textContent = input.value.trim() || fallback; };
    input.addEventListener("input", update);
    update();
  });
})();
