// Progressive enhancement of the measure list; the page works the same without it.
// On a narrow screen the filter panel starts closed so the results come first (the
// chips above them show which filters are on). Each tick, untick, year or sort order
// applies at once: the page at the new address is fetched and its results, counts,
// heading and title replace these, without a reload, so the keyboard focus stays on the
// box just ticked and a screen reader hears the new count. Anything unexpected falls
// back to loading the new address.
(function () {
  "use strict";
  var panel = document.querySelector("[data-filters]");
  if (panel && window.matchMedia("(max-width: 59.99rem)").matches) {
    panel.open = false;
  }
  var form = document.getElementById("filter-form");
  if (!form) {
    return;
  }
  var live = !!(window.fetch && window.DOMParser && window.URLSearchParams && window.history.pushState);
  var note = form.querySelector("[data-filters-auto]");
  if (note && live) {
    note.hidden = false;
  }
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  form.appendChild(status);
  var latest = null;
  var moved = false;

  function address() {
    var query = new URLSearchParams();
    var sort = document.getElementById("id_sort");
    new FormData(form).forEach(function (value, name) {
      // Empty fields and the default order say nothing: the address stays short.
      var isDefaultSort = sort && name === sort.name && value === sort.dataset.default;
      if (typeof value === "string" && value.trim() !== "" && !isDefaultSort) {
        query.append(name, value);
      }
    });
    var text = query.toString();
    return form.action + (text ? "?" + text : "");
  }

  function swap(html, url) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var results = document.querySelector(".list-layout__results");
    var freshResults = fresh.querySelector(".list-layout__results");
    if (!results || !freshResults) {
      window.location.assign(url);
      return;
    }
    results.replaceWith(document.importNode(freshResults, true));
    fresh.querySelectorAll("#filter-form input[type=checkbox]").forEach(function (input) {
      var mine = document.getElementById(input.id);
      if (!mine) {
        return;
      }
      mine.checked = input.checked;
      // An option left with no measures is disabled, but never the one with the focus:
      // a disabled element loses it, and the keyboard user would start again at the top.
      mine.disabled = input.disabled && mine !== document.activeElement;
      var label = mine.closest("label");
      var freshLabel = input.closest("label");
      if (label && freshLabel) {
        label.className = freshLabel.className;
        var count = label.querySelector(".check__count");
        var freshCount = freshLabel.querySelector(".check__count");
        if (count && freshCount) {
          count.innerHTML = freshCount.innerHTML;
        }
      }
    });
    var summary = document.querySelector(".filters__summary");
    var freshSummary = fresh.querySelector(".filters__summary");
    if (summary && freshSummary) {
      summary.innerHTML = freshSummary.innerHTML;
    }
    var heading = document.getElementById("list-heading");
    var freshHeading = fresh.getElementById("list-heading");
    if (heading && freshHeading) {
      heading.textContent = freshHeading.textContent;
    }
    document.title = fresh.title;
    window.history.pushState({filters: true}, "", url);
    moved = true;
    var count = document.getElementById("results-heading");
    status.textContent = count ? count.textContent.trim() : "";
    document.dispatchEvent(new CustomEvent("n2m:results"));
  }

  function apply() {
    var url = address();
    latest = url;
    if (!live) {
      form.submit();
      return;
    }
    fetch(url, {credentials: "same-origin", headers: {Accept: "text/html"}})
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        if (url === latest) {
          swap(html, url);
        }
      })
      .catch(function () {
        // Only for the visitor's latest choice, and not when they have already left
        // (Apply pressed, a link followed): leaving cancels the fetch, which lands here.
        if (url === latest) {
          window.location.assign(url);
        }
      });
  }

  // Apply pressed (or the page left otherwise) while a choice is being fetched: that
  // answer is no longer wanted, neither to show nor to load in its place.
  form.addEventListener("submit", function () {
    latest = null;
  });
  window.addEventListener("pagehide", function () {
    latest = null;
  });

  // The sort menu sits outside the form (form="filter-form"), so listen on the document.
  document.addEventListener("change", function (event) {
    var control = event.target;
    if (!control.form || control.form !== form) {
      return;
    }
    if (control.type === "checkbox" || control.type === "number" || control.tagName === "SELECT") {
      apply();
    }
  });

  // Back and Forward between addresses this script made show the page of that address.
  window.addEventListener("popstate", function () {
    if (moved) {
      window.location.reload();
    }
  });
})();
