// The idle-session warning (WCAG 2.2.1, timing adjustable). A session ends 30 minutes after its
// last request; some minutes before, this shows the #session-timeout dialog (templates/security/
// session_timeout.html) with "Stay signed in", which posts to the keep-alive address. When the
// time is up it says the session has ended and offers to sign in again. Timings, address and
// CSRF token come from the dialog's data- attributes: no inline script (Content-Security-Policy).
// Without JavaScript nothing shows; drafts are saved at every step, so nothing is lost either way.
(function () {
  "use strict";
  var dialog = document.getElementById("session-timeout");
  if (!dialog || !window.fetch) { return; }
  var warnAfter = parseInt(dialog.getAttribute("data-warn-after"), 10) * 1000;
  var expireAfter = parseInt(dialog.getAttribute("data-expire-after"), 10) * 1000;
  var url = dialog.getAttribute("data-keep-alive-url");
  var token = dialog.getAttribute("data-csrf-token");
  var stay = dialog.querySelector("[data-session-action='stay']");
  var warnTimer = null;
  var endTimer = null;
  var returnFocus = null;

  function show(state) {
    dialog.querySelectorAll("[data-session-state]").forEach(function (element) {
      element.hidden = element.getAttribute("data-session-state") !== state;
    });
    stay.hidden = state !== "warning";
    if (dialog.hidden) { returnFocus = document.activeElement; }
    dialog.hidden = false;
    var target = state === "warning" ? stay : dialog.querySelector("a[data-session-state='ended']");
    if (target) { target.focus(); }
  }

  function hide() {
    dialog.hidden = true;
    if (returnFocus && returnFocus.focus) { returnFocus.focus(); }
    returnFocus = null;
  }

  function start() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(function () { show("warning"); }, warnAfter);
    endTimer = setTimeout(function () { show("ended"); }, expireAfter);
  }

  stay.addEventListener("click", function () {
    stay.disabled = true;
    fetch(url, {
      method: "POST", credentials: "same-origin", redirect: "manual",
      headers: { "X-CSRFToken": token, "X-Requested-With": "fetch" }
    }).then(function (response) {
      // 204: the session goes on. Anything else (sent to sign in): it has already ended.
      if (response.status === 204) { hide(); start(); } else { show("ended"); }
    }).catch(function () {
      show("warning");  // the network failed: the officer may try again
    }).then(function () { stay.disabled = false; });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !dialog.hidden && !stay.hidden) { stay.click(); }
  });

  start();
})();
