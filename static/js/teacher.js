// Teacher pages: send the browser's time-zone offset with due times, and show UTC times locally.
(function () {
  "use strict";
  // Minutes east of UTC at the due time the teacher picks (close enough: the current offset).
  var offset = String(-new Date().getTimezoneOffset());
  document.querySelectorAll("input.utc-offset").forEach(function (input) {
    var due = input.form && input.form.querySelector("input[type=datetime-local]");
    // The form was filled in UTC by the server: show it in local time instead.
    if (due && due.value && input.value === "0") {
      var local = new Date(due.value + "Z");
      if (!isNaN(local)) {
        var pad = function (n) { return String(n).padStart(2, "0"); };
        due.value = local.getFullYear() + "-" + pad(local.getMonth() + 1) + "-" + pad(local.getDate()) +
          "T" + pad(local.getHours()) + ":" + pad(local.getMinutes());
      }
    }
    input.value = offset;
  });
  document.querySelectorAll("time.local-time").forEach(function (node) {
    var when = new Date(node.getAttribute("datetime"));
    if (!isNaN(when)) {
      node.textContent = when.toLocaleString([], { dateStyle: "long", timeStyle: "short" });
    }
  });
})();
