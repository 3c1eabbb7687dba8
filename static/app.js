// patchdesk page behaviour. Loaded as a file so that the Content-Security-Policy can
// forbid inline script; nothing here evaluates strings as code.
(function () {
  "use strict";

  // Show the domain field only for Active Directory sign-in.
  function syncDomainField() {
    var authType = document.getElementById("auth_type");
    var field = document.querySelector("[data-testid=domain-field]");
    if (!authType || !field) return;
    field.hidden = authType.value !== "ad_authentication";
  }

  // "/" focuses the header search box unless the user is typing in a field.
  function focusSearch(event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || event.target.isContentEditable) return;
    var box = document.getElementById("global-search");
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  }

  // Copy the text of the element named by data-copy-target to the clipboard.
  function copyText(event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy-target"));
    if (!source) return;
    var text = source.value !== undefined ? source.value : source.textContent;
    var done = function (message) {
      var status = document.getElementById(button.getAttribute("data-copy-status"));
      if (status) status.textContent = message;
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done("Copied."); },
        function () { fallbackCopy(source, done); });
    } else {
      fallbackCopy(source, done);
    }
  }

  function fallbackCopy(source, done) {
    if (source.select) source.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (e) {
      copied = false;
    }
    done(copied ? "Copied." : "Copy failed: select the text and press Ctrl+C.");
  }

  // Tell the user when a partial update could not reach the portal at all.
  function showNetworkError() {
    var banner = document.getElementById("net-error");
    if (!banner) return;
    banner.hidden = false;
    banner.textContent = "patchdesk did not answer. Check your connection and try again.";
  }

  function hideNetworkError() {
    var banner = document.getElementById("net-error");
    if (banner) banner.hidden = true;
  }

  document.addEventListener("DOMContentLoaded", function () {
    syncDomainField();
    var authType = document.getElementById("auth_type");
    if (authType) authType.addEventListener("change", syncDomainField);
  });
  document.addEventListener("keydown", focusSearch);
  document.addEventListener("click", copyText);
  document.addEventListener("htmx:error", function (event) {
    // Responses with an error status are swapped as pages of their own; only failures
    // without any response need the banner.
    var ctx = event.detail && event.detail.ctx;
    if (!ctx || !ctx.response) showNetworkError();
  });
  document.addEventListener("htmx:after:request", hideNetworkError);
})();
