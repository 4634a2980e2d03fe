// The captcha's "Show other characters" button (core/templates/captcha/widgets/captcha.html):
// asks django-simple-captcha's /captcha/refresh/ for a new challenge and puts its key,
// picture and sound in place; the answer field is emptied and the change is announced.
(function () {
  "use strict";
  document.querySelectorAll("[data-captcha]").forEach(function (box) {
    if (box.hasAttribute("data-captcha-ready") || !window.fetch) {
      return; // the script is included once per captcha; each box is set up once
    }
    box.setAttribute("data-captcha-ready", "");
    var button = box.querySelector("[data-captcha-refresh]");
    var image = box.querySelector("[data-captcha-image]");
    var key = box.querySelector("input[type=hidden]");
    var answer = box.querySelector("input:not([type=hidden])");
    var audio = box.querySelector("[data-captcha-audio]");
    var status = box.querySelector("[data-captcha-status]");
    if (!button || !image || !key) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (button.getAttribute("aria-busy") === "true") {
        return;
      }
      button.setAttribute("aria-busy", "true");
      status.textContent = "";
      fetch(box.getAttribute("data-refresh-url"), {
        headers: { "X-Requested-With": "XMLHttpRequest", Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(function (data) {
          key.value = data.key;
          image.src = data.image_url;
          if (audio && data.audio_url) {
            audio.pause();
            audio.src = data.audio_url;
            var link = audio.querySelector("a");
            if (link) {
              link.href = data.audio_url;
            }
          }
          if (answer) {
            answer.value = "";
          }
          status.textContent = box.getAttribute("data-refreshed-text");
        })
        .catch(function () {
          status.textContent = box.getAttribute("data-failed-text");
        })
        .then(function () {
          button.removeAttribute("aria-busy");
        });
    });
  });
})();
