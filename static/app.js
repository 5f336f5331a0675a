/* Small progressive enhancements; every page works without this file. */
(function () {
  "use strict";
  // After a row is added or removed in place, put focus where the user expects it.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var form = document.getElementById("step-form");
    if (!form || event.detail.target !== form) { return; }
    var trigger = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent;
    var button = trigger && trigger.submitter;
    if (button && button.name === "add") {
      var rows = form.querySelectorAll("[name^='" + button.value + "-'][name$='']");
      var last = rows[rows.length - 1];
      var lastRow = last && last.closest("tr, fieldset");
      var first = lastRow && lastRow.querySelector("input, select, textarea");
      if (first) { first.focus(); }
    } else {
      form.querySelector("h1").setAttribute("tabindex", "-1");
      form.querySelector("h1").focus();
    }
  });
  // Submit buttons inside an htmx request must send their own name/value.
  document.body.addEventListener("htmx:configRequest", function (event) {
    var trigger = event.detail.triggeringEvent;
    var button = trigger && trigger.submitter;
    if (button && button.name) { event.detail.parameters[button.name] = button.value; }
  });
  // Move focus to the error summary when a page shows one.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
