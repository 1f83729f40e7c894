// The economic region list offers only the regions of the province or territory chosen, and
// takes the region of a province that has exactly one. Without this script every region shows,
// grouped by province, and the server refuses a region outside the province (the step works the same).
(function () {
  "use strict";
  var select = document.querySelector("select[data-regions-of]");
  var province = select && document.getElementsByName(select.getAttribute("data-regions-of"))[0];
  if (!select || !province) { return; }

  function offer() {
    var chosen = province.value;
    var shown = [];
    Array.prototype.forEach.call(select.querySelectorAll("option[data-province]"), function (option) {
      var here = !chosen || option.getAttribute("data-province") === chosen;
      option.hidden = !here;
      option.disabled = !here;
      if (here) { shown.push(option); }
    });
    Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
      group.hidden = !group.querySelector("option:not([hidden])");
    });
    var current = select.options[select.selectedIndex];
    if (current && current.disabled) { select.value = ""; }
    if (chosen && shown.length === 1) { select.value = shown[0].value; }
  }

  province.addEventListener("change", offer);
  offer();
})();
