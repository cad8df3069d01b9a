/* The time limit's countdown. The clock's text changes every second but its role=timer is
   not a live region, so a screen reader reads it when asked and is not interrupted; the
   polite live region speaks only at 10, 5, 2 and 1 minutes, 30 seconds, and time up. The
   server enforces the limit whatever this script shows. */
(function () {
  "use strict";

  var box = document.querySelector("[data-timer]");
  if (!box) {
    return;
  }
  var clock = box.querySelector("[data-timer-clock]");
  var announcer = box.querySelector("[data-timer-announce]");
  var loadedNote = box.querySelector("[data-timer-static]");
  var left = parseInt(box.getAttribute("data-seconds-left"), 10);
  if (isNaN(left)) {
    return;
  }
  var MARKS = [600, 300, 120, 60, 30, 0];
  var end = Date.now() + left * 1000;
  var spoken = {};
  MARKS.forEach(function (mark) { spoken[mark] = mark >= left && mark !== 0; });
  if (loadedNote) {
    loadedNote.hidden = true;
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function format(seconds) {
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    var rest = seconds % 60;
    return (hours ? hours + ":" + pad(minutes) : String(minutes)) + ":" + pad(rest);
  }

  function spokenText(mark) {
    if (mark === 0) {
      return "Time is up. Answers are no longer accepted.";
    }
    if (mark < 60) {
      return mark + " seconds left.";
    }
    var minutes = mark / 60;
    return minutes + (minutes === 1 ? " minute left." : " minutes left.");
  }

  function timeUp() {
    box.classList.add("timer--up");
    clock.textContent = "0:00";
    var note = document.createElement("p");
    note.className = "error-message";
    var link = document.createElement("a");
    link.href = box.getAttribute("data-results-url");
    link.textContent = "See your results";
    note.appendChild(document.createTextNode("Time is up. "));
    note.appendChild(link);
    box.appendChild(note);
    Array.prototype.forEach.call(
      document.querySelectorAll("main form[method='post'] button"),
      function (button) { button.disabled = true; }
    );
  }

  function tick() {
    var seconds = Math.max(0, Math.ceil((end - Date.now()) / 1000));
    clock.textContent = format(seconds);
    MARKS.forEach(function (mark) {
      if (!spoken[mark] && seconds <= mark) {
        spoken[mark] = true;
        announcer.textContent = spokenText(mark);
      }
    });
    if (seconds === 0) {
      timeUp();
      return;
    }
    /* Wake just after the shown second changes. */
    var untilNext = (end - Date.now()) % 1000;
    window.setTimeout(tick, untilNext > 0 ? untilNext + 5 : 1000);
  }

  tick();
}());
