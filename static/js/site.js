// Progressive enhancement only: without JavaScript the menu is simply always open.
(function () {
  "use strict";
  var toggle = document.querySelector(".menu-toggle");
  var nav = document.getElementById("main-nav");
  if (!toggle || !nav) {
    return;
  }
  var narrow = window.matchMedia("(max-width: 47.99rem)");

  function setOpen(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("is-collapsed", !open);
  }

  function sync() {
    if (narrow.matches) {
      toggle.hidden = false;
      setOpen(false);
    } else {
      toggle.hidden = true;
      nav.classList.remove("is-collapsed");
    }
  }

  toggle.addEventListener("click", function () {
    setOpen(toggle.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && narrow.matches && toggle.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      toggle.focus();
    }
  });
  narrow.addEventListener("change", sync);
  sync();
})();

// A form sent back with errors: take keyboard and screen-reader users to the list of errors.
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
})();

// The cookie notice closes in place; without JavaScript its form does the same by a reload.
(function () {
  "use strict";
  var notice = document.querySelector("[data-cookie-notice]");
  if (!notice || !window.fetch) {
    return;
  }
  var form = notice.querySelector("form");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("not saved");
        }
        notice.remove();
        var main = document.getElementById("main");
        if (main) {
          main.focus({ preventScroll: true });
        }
      })
      .catch(function () {
        form.submit();
      });
  });
})();

// Forms with fields that depend on an earlier answer: without JavaScript every field is
// shown with a note saying when it applies; with it, only the fields that apply are.
(function () {
  "use strict";
  var form = document.querySelector("[data-conditional-form]");
  if (!form) {
    return;
  }
  var blocks = form.querySelectorAll("[data-show-when]");

  function valueOf(name) {
    var inputs = form.querySelectorAll('[name="' + name + '"]');
    for (var i = 0; i < inputs.length; i += 1) {
      var input = inputs[i];
      if (input.type === "radio" || input.type === "checkbox") {
        if (input.checked) {
          return input.type === "checkbox" ? "on" : input.value;
        }
      } else {
        return input.value;
      }
    }
    return "";
  }

  function update() {
    blocks.forEach(function (block) {
      var rule = block.getAttribute("data-show-when").split("=");
      var shown = valueOf(rule[0]) === rule[1];
      block.hidden = !shown;
      var note = block.querySelector(".field__note");
      if (note) {
        note.hidden = true; // the note is for readers without JavaScript
      }
    });
  }

  form.addEventListener("change", update);
  update();
})();
