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

// The attachments step: a chosen file is sent on its own with a progress bar and a
// button to cancel it; a refused or failed file shows its error and nothing else on the
// page is lost. An accepted file is put in the list in place from the upload's answer:
// the page is never reloaded, since reloading a page that answered a POST would send
// that POST again. Without JavaScript the form posts normally (and is redirected back).
(function () {
  "use strict";
  var form = document.querySelector("[data-upload-form]");
  if (!form || !window.FormData || !window.XMLHttpRequest) {
    return;
  }
  var button = form.querySelector("[data-upload-button]");
  var fileInput = form.querySelector('input[type="file"]');
  var box = form.querySelector("[data-upload-progress]");
  var bar = box.querySelector("progress");
  var percent = box.querySelector("[data-upload-percent]");
  var cancel = box.querySelector("[data-upload-cancel]");
  var status = form.querySelector("[data-upload-status]");
  var request = null;

  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle("field__error", Boolean(isError));
  }

  function finish() {
    request = null;
    box.hidden = true;
    button.disabled = false;
  }

  function showUploaded(answer) {
    var list = form.querySelector("[data-upload-files]");
    if (list && typeof answer.html === "string") {
      list.innerHTML = answer.html; // rendered (and escaped) by the server's template
    }
    // The errors shown were about files; the list now says what is still missing.
    var summary = form.querySelector(".error-summary");
    if (summary) {
      summary.remove();
    }
    form.querySelectorAll(".upload .field--invalid").forEach(function (field) {
      field.classList.remove("field--invalid");
      var errors = field.querySelector(".field__errors");
      if (errors) {
        errors.remove();
      }
    });
    fileInput.value = "";
    say(answer.message || answer.name || "", false);
    form.dispatchEvent(new CustomEvent("form:saved"));
    fileInput.focus();
  }

  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (!submitter || submitter.value !== "upload" || !fileInput.files.length) {
      return; // navigation buttons, and an empty file field, post the form as usual
    }
    event.preventDefault();
    var data = new FormData(form);
    data.set("action", "upload");
    request = new XMLHttpRequest();
    // form.action would be the buttons named "action", not the attribute
    request.open("POST", form.getAttribute("action") || window.location.href);
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    request.upload.addEventListener("progress", function (progress) {
      if (progress.lengthComputable) {
        var value = Math.round((progress.loaded / progress.total) * 100);
        bar.value = value;
        percent.textContent = value + "%";
      }
    });
    request.addEventListener("load", function () {
      var answer = {};
      try {
        answer = JSON.parse(request.responseText);
      } catch (error) {
        answer = {};
      }
      finish();
      if (answer.ok) {
        showUploaded(answer);
        return;
      }
      var messages = [];
      Object.keys(answer.errors || {}).forEach(function (field) {
        answer.errors[field].forEach(function (item) {
          messages.push(item.message);
        });
      });
      say(messages.join(" ") || form.getAttribute("data-upload-failed") || "Error", true);
      fileInput.focus();
    });
    request.addEventListener("error", function () {
      finish();
      say(form.getAttribute("data-upload-failed"), true);
    });
    request.addEventListener("abort", function () {
      finish();
      say(form.getAttribute("data-upload-cancelled"), false);
    });
    bar.value = 0;
    percent.textContent = "0%";
    box.hidden = false;
    button.disabled = true;
    say("", false);
    request.send(data);
    cancel.focus();
  });

  cancel.addEventListener("click", function () {
    if (request) {
      request.abort();
    }
  });
})();

// A form with unsaved changes: leaving the page by any way other than the form's own
// buttons (a menu link, the language switcher, closing the tab) asks first. What the
// form holds when the page loads, or when the page says it was saved ("form:saved"), is
// what counts as saved; a chosen file not yet sent counts as a change.
(function () {
  "use strict";
  var forms = document.querySelectorAll("[data-unsaved-warning]");
  if (!forms.length) {
    return;
  }
  var leaving = false;

  function snapshot(form) {
    var parts = [];
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || element.disabled || element.hasAttribute("data-unsaved-ignore")) {
        return;
      }
      var type = element.type;
      if (type === "submit" || type === "button" || type === "hidden" || type === "reset") {
        return;
      }
      if (type === "file") {
        parts.push(element.name + "=" + Array.prototype.map.call(element.files, function (file) {
          return file.name;
        }).join("|"));
      } else if (type === "checkbox" || type === "radio") {
        parts.push(element.name + "=" + (element.checked ? element.value : ""));
      } else {
        parts.push(element.name + "=" + element.value);
      }
    });
    return parts.join("\n");
  }

  var saved = new Map();
  forms.forEach(function (form) {
    saved.set(form, snapshot(form));
    // Registered after the upload script's listener: an upload it keeps on the page
    // has been prevented by then, and does not leave.
    form.addEventListener("submit", function (event) {
      if (!event.defaultPrevented) {
        leaving = true; // the form's own buttons save (or are refused, and come back)
      }
    });
    form.addEventListener("form:saved", function () {
      saved.set(form, snapshot(form));
    });
  });

  window.addEventListener("pageshow", function () {
    leaving = false; // back to this page from the browser's history
  });

  window.addEventListener("beforeunload", function (event) {
    if (leaving) {
      return;
    }
    var changed = false;
    forms.forEach(function (form) {
      if (snapshot(form) !== saved.get(form)) {
        changed = true;
      }
    });
    if (changed) {
      event.preventDefault();
      event.returnValue = ""; // older browsers need a value to ask
    }
  });
})();
