// Typeahead for the search boxes: progressive enhancement (the forms work without it).
// Served by the project; asks /search/typeahead.json (name prefix or filer id) as you type.
(function () {
  "use strict";
  function attach(input) {
    var list = document.createElement("ul");
    list.className = "typeahead";
    list.hidden = true;
    input.setAttribute("aria-autocomplete", "list");
    input.parentNode.insertBefore(list, input.nextSibling);
    var timer = null, asked = "";
    function show(results) {
      list.textContent = "";
      results.forEach(function (row) {
        var item = document.createElement("li"), link = document.createElement("a");
        link.href = row.url;
        link.textContent = row.name + " (" + row.kind + (row.filer_id ? " " + row.filer_id : "") + ")";
        item.appendChild(link);
        list.appendChild(item);
      });
      list.hidden = results.length === 0;
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { show([]); return; }
      timer = setTimeout(function () {
        asked = q;
        fetch(input.dataset.typeahead + "?q=" + encodeURIComponent(q))
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (data) { if (asked === q) { show(data.results); } })
          .catch(function () { show([]); });
      }, 150);
    });
    input.addEventListener("keydown", function (e) { if (e.key === "Escape") { show([]); } });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-typeahead]").forEach(attach);
  });
})();
