// The comparison choice, kept in the session (measures/visitors/comparison.py): ticking
// "Compare" on a card keeps the measure at once, so boxes ticked on several result pages
// or in another language are compared together, and each page ticks what is chosen.
// Without JavaScript, "Compare selected" adds the ticked boxes to the choice instead.
(function () {
  "use strict";
  var form = document.getElementById("compare-form");
  if (!form || !window.fetch || form.dataset.compareChoice) {
    return;
  }
  form.dataset.compareChoice = "on";
  var selector = 'input[type="checkbox"][name="m"][form="compare-form"]';
  var chosen = [];

  function show() {
    document.querySelectorAll(selector).forEach(function (box) {
      box.checked = chosen.indexOf(box.value) !== -1;
    });
    var line = form.querySelector("[data-compare-chosen]");
    if (line) {
      line.hidden = chosen.length === 0;
      line.querySelector("[data-compare-n]").textContent = String(chosen.length);
    }
  }

  function keep(response) {
    return response.ok ? response.json().then(function (data) {
      chosen = data.chosen || [];
      show();
    }) : null;
  }

  fetch(form.dataset.chosenUrl, {credentials: "same-origin", headers: {Accept: "application/json"}})
    .then(keep)
    .catch(function () {});

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches(selector)) {
      return;
    }
    var body = new URLSearchParams();
    body.append("m", box.value);
    if (!box.checked) {
      body.append("action", "remove");
    }
    fetch(form.dataset.chooseUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      // Kept even when the visitor leaves the page at once (another result page).
      keepalive: true,
      headers: {Accept: "application/json"},
    }).then(keep).catch(function () {});
  });

  // The measure list replaces its results without reloading (filters.js).
  document.addEventListener("n2m:results", show);
})();
