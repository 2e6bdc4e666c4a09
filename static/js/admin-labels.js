// Names the search boxes that the admin's autocomplete widgets (select2) add next to
// a <select>: select2 gives them no label, so a screen reader announced an unnamed
// text box. Each takes the text of its select's <label>. The widgets are built and
// rebuilt after the page loads (inline rows, chosen values), hence the observer.
(function () {
  "use strict";

  function labelText(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function nameSearchBoxes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var widget = select.nextElementSibling;
      var text = labelText(select);
      if (!text || !widget || !widget.classList.contains("select2")) {
        return;
      }
      widget.querySelectorAll(".select2-search__field").forEach(function (field) {
        if (field.getAttribute("aria-label") !== text) {
          field.setAttribute("aria-label", text);
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameSearchBoxes();
    new MutationObserver(nameSearchBoxes).observe(document.body, {
      childList: true,
      subtree: true,
    });
  });
})();
