/* The timeline exercise, enhanced: drag and drop with Pointer Events (mouse, touch, pen)
   and Move up / Move down without a page load. Without this script the same form works
   with plain posts. Every move updates the hidden order field, so Submit order posts the
   order on screen, and is announced in the page's live region. */
(function () {
  "use strict";

  var list = document.querySelector("[data-timeline]");
  if (!list || !window.PointerEvent) {
    return;
  }
  var form = list.closest("form");
  var orderField = document.getElementById("timeline-order");
  var status = document.getElementById("timeline-status");
  var hint = document.getElementById("timeline-hint");
  var EDGE = 48; /* px from the viewport's edge where a drag scrolls the page */
  var drag = null;
  var announceTimer = 0;

  function cards() {
    return Array.prototype.slice.call(list.querySelectorAll("[data-card]"));
  }

  function cardText(card) {
    return card.querySelector(".timeline-card__text").textContent.trim();
  }

  function moveButton(card, way) {
    return card.querySelector("button[data-move='" + way + "']");
  }

  /* Keep the hidden order, the buttons' positions and their disabled ends in step. */
  function sync() {
    var all = cards();
    orderField.value = all.map(function (card) { return card.getAttribute("data-card"); }).join(",");
    all.forEach(function (card, index) {
      var up = moveButton(card, "up");
      var down = moveButton(card, "down");
      up.value = "up-" + index;
      down.value = "down-" + index;
      up.disabled = index === 0;
      down.disabled = index === all.length - 1;
    });
  }

  function announce(card) {
    var all = cards();
    var message = "Moved ‘" + cardText(card) + "’ to position " + (all.indexOf(card) + 1) +
      " of " + all.length;
    /* Empty the region first, so the same words twice are still spoken twice. */
    status.textContent = "";
    window.clearTimeout(announceTimer);
    announceTimer = window.setTimeout(function () { status.textContent = message; }, 60);
  }

  /* Move up / Move down: re-order in place and keep the focus on the moved card. */
  form.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-move]");
    if (!button || button.disabled) {
      return;
    }
    event.preventDefault();
    var card = button.closest("[data-card]");
    var way = button.getAttribute("data-move");
    if (way === "up" && card.previousElementSibling) {
      list.insertBefore(card, card.previousElementSibling);
    } else if (way === "down" && card.nextElementSibling) {
      list.insertBefore(card.nextElementSibling, card);
    } else {
      return;
    }
    sync();
    var same = moveButton(card, way);
    (same.disabled ? moveButton(card, way === "up" ? "down" : "up") : same).focus();
    announce(card);
  });

  function middle(element) {
    var box = element.getBoundingClientRect();
    return box.top + box.height / 2;
  }

  function follow(clientY) {
    var card = drag.card;
    var previous = card.previousElementSibling;
    var next = card.nextElementSibling;
    while (previous && clientY < middle(previous)) {
      list.insertBefore(card, previous);
      previous = card.previousElementSibling;
    }
    while (next && clientY > middle(next)) {
      list.insertBefore(next, card);
      next = card.nextElementSibling;
    }
    /* Draw the card under the pointer: its slot's top plus how far the pointer has gone. */
    card.style.transform = "";
    var slotTop = card.getBoundingClientRect().top;
    card.style.transform = "translateY(" + (clientY - drag.grab - slotTop) + "px)";
  }

  function finish(cancelled) {
    var card = drag.card;
    if (cancelled) {
      /* Put the card back where it was picked up. */
      list.removeChild(card);
      list.insertBefore(card, cards()[drag.from] || null);
    }
    card.style.transform = "";
    card.classList.remove("timeline-card--dragging");
    list.classList.remove("timeline-cards--dragging");
    var moved = cards().indexOf(card) !== drag.from;
    drag = null;
    sync();
    if (moved) {
      announce(card);
    }
  }

  list.addEventListener("pointerdown", function (event) {
    if (drag || event.button !== 0 || event.target.closest("button")) {
      return;
    }
    var card = event.target.closest("[data-card]");
    /* A finger elsewhere on a card scrolls the page; only the handle picks the card up. */
    if (!card || (event.pointerType === "touch" &&
                  !event.target.closest(".timeline-card__handle"))) {
      return;
    }
    event.preventDefault();
    drag = {
      card: card,
      pointer: event.pointerId,
      from: cards().indexOf(card),
      grab: event.clientY - card.getBoundingClientRect().top
    };
    if (card.setPointerCapture) {
      card.setPointerCapture(event.pointerId);
    }
    card.classList.add("timeline-card--dragging");
    list.classList.add("timeline-cards--dragging");
  });

  list.addEventListener("pointermove", function (event) {
    if (!drag || event.pointerId !== drag.pointer) {
      return;
    }
    event.preventDefault();
    if (event.clientY < EDGE) {
      window.scrollBy(0, -12);
    } else if (event.clientY > window.innerHeight - EDGE) {
      window.scrollBy(0, 12);
    }
    follow(event.clientY);
  });

  list.addEventListener("pointerup", function (event) {
    if (drag && event.pointerId === drag.pointer) {
      finish(false);
    }
  });

  list.addEventListener("pointercancel", function (event) {
    if (drag && event.pointerId === drag.pointer) {
      finish(true);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (drag && event.key === "Escape") {
      finish(true);
    }
  });

  cards().forEach(function (card) {
    card.querySelector(".timeline-card__handle").hidden = false;
  });
  list.classList.add("timeline-cards--draggable");
  if (hint && hint.getAttribute("data-drag-hint")) {
    hint.textContent = hint.getAttribute("data-drag-hint");
  }
  sync();
}());
