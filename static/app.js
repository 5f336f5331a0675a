/* Small progressive enhancements; every page works without this file. */
(function () {
  "use strict";
  // After a row is added or removed, the server marks the input to focus with autofocus (which also works
  // without JavaScript); after an htmx swap the browser does not apply it by itself.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var form = document.getElementById("step-form");
    if (!form || event.detail.target !== form) { return; }
    var target = form.querySelector("[autofocus]");
    if (!target) {
      target = form.querySelector("h1");
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  });
  // A staff line whose party changes takes that party's default social fee rate, unless one was typed.
  document.body.addEventListener("change", function (event) {
    var select = event.target;
    var table = select.closest && select.closest("[data-party-fees]");
    if (!table || !/^staff-\d+-party$/.test(select.name)) { return; }
    var fees = JSON.parse(table.getAttribute("data-party-fees") || "{}");
    var rate = document.getElementById(select.name.replace(/-party$/, "-social_fee_rate"));
    var previous = select.getAttribute("data-previous");
    if (rate && fees[select.value] && (!rate.value.trim() || rate.value === fees[previous])) {
      rate.value = fees[select.value];
    }
    select.setAttribute("data-previous", select.value);
  });
  document.body.addEventListener("focusin", function (event) {
    var select = event.target;
    if (select.name && /^staff-\d+-party$/.test(select.name)) { select.setAttribute("data-previous", select.value); }
  });
  // Move focus to the error summary when a page shows one (unless the page asks for another input).
  var summary = document.getElementById("error-summary");
  if (summary && !document.querySelector("[autofocus]")) { summary.focus(); }
})();
