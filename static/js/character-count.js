// A count of the characters left under every text box with a limit (data-limit, set by the
// form), in the page's language (data-left, data-over). The server refuses text over the limit
// with a message and keeps it on the page: this only says so while typing. Nothing is cut.
(function () {
  "use strict";
  var boxes = document.querySelectorAll("textarea[data-limit]");
  Array.prototype.forEach.call(boxes, function (box) {
    var limit = parseInt(box.getAttribute("data-limit"), 10);
    if (!limit) { return; }
    var count = document.createElement("div");
    count.className = "form-text character-count";
    count.id = box.id + "-count";
    count.setAttribute("aria-live", "polite");
    box.insertAdjacentElement("afterend", count);
    var described = box.getAttribute("aria-describedby");
    box.setAttribute("aria-describedby", (described ? described + " " : "") + count.id);
    function update() {
      var left = limit - box.value.length;
      var words = box.getAttribute(left < 0 ? "data-over" : "data-left") || "%(count)s";
      count.textContent = words.replace("%(count)s", Math.abs(left).toLocaleString(document.documentElement.lang || undefined));
      count.classList.toggle("text-danger", left < 0);
      count.classList.toggle("fw-bold", left < 0);
    }
    box.addEventListener("input", update);
    update();
  });
})();
