// Results page: re-fetch the results tables every few seconds while the tab is visible.
// Without JavaScript the "Refresh" link reloads the page.
(function () {
  "use strict";
  var box = document.getElementById("results");
  var status = document.getElementById("refresh-status");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-refresh-url");
  var seconds = parseInt(box.getAttribute("data-refresh-seconds"), 10) || 10;
  var last = box.innerHTML;

  function refresh() {
    if (document.hidden) { return; }
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
        if (html !== last) {
          box.innerHTML = html;  // server-rendered, escaped markup from our own origin
          last = html;
          status.textContent = "Results updated at " + new Date().toLocaleTimeString();
        }
      })
      .catch(function () {
        status.textContent = "Could not update the results; use Refresh.";
      });
  }
  if (status) { status.textContent = "Updates every " + seconds + " seconds."; }
  window.setInterval(refresh, seconds * 1000);
  document.addEventListener("visibilitychange", refresh);
})();
