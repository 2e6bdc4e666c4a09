// Progressive enhancement of the measure list; the page works the same without it.
// On a narrow screen the filter panel starts closed so the results come first
// (the chips above them show which filters are on), and changing the sort order
// applies it at once.
(function () {
  "use strict";
  var panel = document.querySelector("[data-filters]");
  if (panel && window.matchMedia("(max-width: 59.99rem)").matches) {
    panel.open = false;
  }
  var sort = document.getElementById("id_sort");
  if (sort && sort.form) {
    sort.addEventListener("change", function () {
      sort.form.submit();
    });
  }
})();
