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
  // In a budget without a standard rate, a staff line whose party changes takes that party's default social fee
  // rate, unless one was typed.
  document.body.addEventListener("change", function (event) {
    var select = event.target;
    var table = select.closest && select.closest("[data-party-fees]");
    if (!table || !/^staff-\d+-party$/.test(select.name)) { return; }
    var standard = document.getElementById("default_social_fee_rate");
    if (standard && parseFloat(standard.value.replace(/[\s\u00a0%]/g, "").replace(",", ".")) > 0) { return; }
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
  // The process owner is chosen among the parties: the list follows the names as they are typed (a renamed
  // owner stays the owner). Without JavaScript the list is brought up to date by every save.
  document.body.addEventListener("focusin", function (event) {
    var input = event.target;
    if (/^parties-\d+-name$/.test(input.name || "")) { input.setAttribute("data-was", input.value.trim()); }
  });
  document.body.addEventListener("input", function (event) {
    var input = event.target;
    var owner = document.getElementById("process_owner");
    if (!owner || !/^parties-\d+-name$/.test(input.name || "")) { return; }
    var current = owner.value;
    if (current && current === input.getAttribute("data-was")) { current = input.value.trim(); }
    input.setAttribute("data-was", input.value.trim());
    var names = [];
    document.querySelectorAll("#parties-table input[name$='-name']").forEach(function (field) {
      var name = field.value.trim();
      if (name && names.indexOf(name) < 0) { names.push(name); }
    });
    while (owner.options.length > 1) { owner.remove(1); }
    names.forEach(function (name) { owner.add(new Option(name, name, false, name === current)); });
    if (current && names.indexOf(current) < 0) { owner.add(new Option(current, current, false, true)); }
  });
  // Leaving the page (closing the tab, following a link) before the autosave's pause is over: send what was
  // typed at once. The save carries this page's editor token, so the page's own next save is no conflict.
  document.body.addEventListener("input", markDirty);
  document.body.addEventListener("change", markDirty);
  function markDirty(event) {
    var form = event.target.form;
    if (form && form.id === "step-form") { form.setAttribute("data-dirty", "1"); }
  }
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.elt && event.detail.elt.id === "step-form") { event.detail.elt.removeAttribute("data-dirty"); }
  });
  document.body.addEventListener("submit", function (event) {
    if (event.target.id === "step-form") { event.target.removeAttribute("data-dirty"); }
  });
  function flush() {
    var form = document.getElementById("step-form");
    if (!form || !form.hasAttribute("data-dirty") || !navigator.sendBeacon) { return; }
    form.removeAttribute("data-dirty");
    navigator.sendBeacon(form.getAttribute("hx-post"), new FormData(form));
  }
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { flush(); }
  });
  // Move focus to the error summary when a page shows one (unless the page asks for another input).
  var summary = document.getElementById("error-summary");
  if (summary && !document.querySelector("[autofocus]")) { summary.focus(); }
})();
