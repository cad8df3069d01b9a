/* Live session pages (presenter and student): poll the small state endpoint with
   If-None-Match; when its ETag changes, fetch this page again and swap in its content.
   A polite live region announces "Question 3 of 10" or "Answer revealed". Without this
   script the waiting pages reload themselves (a meta refresh in <noscript>). */
(function () {
  "use strict";

  var root = document.getElementById("live-root");
  var announcer = document.getElementById("live-announcer");
  if (!root || !window.fetch || !window.DOMParser) {
    return;
  }
  var etag = root.getAttribute("data-etag");
  var every = Math.max(500, parseFloat(root.getAttribute("data-poll") || "1.5") * 1000);
  var timer = 0;
  var countdown = 0;
  var ANNOUNCE_KEY = "paper-trail-live-announce";

  function startCountdown() {
    window.clearInterval(countdown);
    var clock = root.querySelector("[data-seconds-left]");
    if (!clock) {
      return;
    }
    var left = parseInt(clock.getAttribute("data-seconds-left"), 10);
    var number = clock.querySelector(".live-countdown__n");
    countdown = window.setInterval(function () {
      left = Math.max(0, left - 1);
      number.textContent = String(left);
      if (left === 0) {
        window.clearInterval(countdown);
        poll();
      }
    }, 1000);
  }

  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("live-root");
    if (!fresh || fresh.hasAttribute("data-timeline-page")) {
      /* the timeline's drag and drop starts with its page: load it whole, and say what
         changed once it has loaded */
      remember(fresh && fresh.getAttribute("data-announce"));
      window.location.reload();
      return;
    }
    var said = fresh.getAttribute("data-announce");
    var changed = said !== root.getAttribute("data-announce");
    root.replaceWith(fresh);
    root = fresh;
    etag = root.getAttribute("data-etag");
    if (changed && said && announcer) {
      announcer.textContent = said;
    }
    startCountdown();
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(poll, every);
  }

  function poll() {
    window.clearTimeout(timer);
    fetch(root.getAttribute("data-state-url"), {
      headers: { "If-None-Match": etag },
      cache: "no-store",
      credentials: "same-origin"
    }).then(function (response) {
      var tag = response.headers.get("ETag");
      if (response.status === 200 && tag && tag !== etag) {
        return fetch(root.getAttribute("data-page-url"), { cache: "no-store", credentials: "same-origin" })
          .then(function (page) { return page.text(); })
          .then(swap);
      }
      return null;
    }).catch(function () {
      /* a dropped connection: try again at the next beat */
    }).then(schedule);
  }

  function remember(said) {
    try {
      window.sessionStorage.setItem(ANNOUNCE_KEY, said || "");
    } catch (ignored) { /* storage off: the page still works, unannounced */ }
  }

  function announceRemembered() {
    var said = "";
    try {
      said = window.sessionStorage.getItem(ANNOUNCE_KEY) || "";
      window.sessionStorage.removeItem(ANNOUNCE_KEY);
    } catch (ignored) { return; }
    if (said && announcer) {
      /* a live region speaks a change, not what it held at load: change it after load */
      window.setTimeout(function () { announcer.textContent = said; }, 200);
    }
  }

  announceRemembered();
  startCountdown();
  schedule();
}());
