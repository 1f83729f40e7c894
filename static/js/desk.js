// Moves focus to the error summary when a form comes back with errors, so keyboard and
// screen-reader users hear what to fix first. Everything works without it.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
