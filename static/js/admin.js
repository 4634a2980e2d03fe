// Wagtail's filter button is named "Show filters" by its aria-label while it shows the
// number of filters in use as text: a person using voice control says what they see
// ("1"), so the name must hold it (WCAG 2.5.3, axe: label-content-name-mismatch). The
// label becomes text of the button, hidden from sight, before the count it shows.
(function () {
  "use strict";
  document.querySelectorAll(".w-slim-header-action-button[aria-label]").forEach(function (button) {
    if (!button.querySelector(".w-drilldown__count")) {
      return;
    }
    var label = document.createElement("span");
    label.className = "w-sr-only";
    label.textContent = button.getAttribute("aria-label") + " ";
    button.insertBefore(label, button.firstChild);
    button.removeAttribute("aria-label");
  });
})();
