// The expert's assessment form (submissions/admin/application_assessment.html): the
// average of the scores chosen so far, updated as each is chosen and announced politely.
// Without this script the average is shown on the check before sending, which the server
// renders; the form works the same either way.
(function () {
  "use strict";
  var form = document.querySelector("[data-assessment-form]");
  if (!form) {
    return;
  }
  var output = form.querySelector("[data-assessment-average]");
  var groups = form.querySelectorAll("[data-score-group]");
  if (!output || !groups.length) {
    return;
  }
  var number = new Intl.NumberFormat(document.documentElement.lang || undefined, {
    maximumFractionDigits: 2,
  });

  function update() {
    var chosen = [];
    groups.forEach(function (group) {
      var checked = group.querySelector("input[type=radio]:checked");
      if (checked) {
        chosen.push(Number(checked.value));
      }
    });
    if (!chosen.length) {
      output.textContent = output.getAttribute("data-none");
      return;
    }
    var sum = chosen.reduce(function (total, score) {
      return total + score;
    }, 0);
    output.textContent = output
      .getAttribute("data-some")
      .replace("%(average)s", number.format(sum / chosen.length))
      .replace("%(count)s", String(chosen.length))
      .replace("%(total)s", String(groups.length));
  }

  update();
  output.hidden = false;
  form.addEventListener("change", function (event) {
    if (event.target.closest("[data-score-group]")) {
      update();
    }
  });
})();
