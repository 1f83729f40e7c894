// Occupation suggestions as the officer types: fills the field's <datalist> from the server.
// The field works without this (it takes a code or words of a title and is checked on submit).
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-url");
  var input = document.querySelector("input[data-suggest='noc']");
  var list = document.getElementById("noc-suggestions");
  if (!url || !input || !list) { return; }
  var timer = null;
  var last = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      if (q.length < 2 || q === last || /^[0-9]{5}\s/.test(q)) { return; }
      last = q;
      fetch(url + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          list.textContent = "";
          data.results.forEach(function (group) {
            var option = document.createElement("option");
            option.value = group.code + " " + group.title;
            list.appendChild(option);
          });
        })
        .catch(function () { /* suggestions are a convenience; the field still works */ });
    }, 150);
  });
})();
