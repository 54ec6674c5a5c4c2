// Progressive enhancement only: every form works without this file.
// A submit button marked data-once is disabled after the first click so a slow phone does not send twice
// (the server also refuses a repeated submission token).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var button = form.querySelector("button[data-once]");
  if (!button || form.dataset.sent) { if (form.dataset.sent) { event.preventDefault(); } return; }
  form.dataset.sent = "1";
  button.setAttribute("aria-disabled", "true");
  button.textContent = button.dataset.sending || button.textContent;
});
// Move focus to the error summary so screen-reader and keyboard users hear what to fix first.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
});
