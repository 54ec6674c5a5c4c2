// Progressive enhancement for the application form's steps: every step works without this file.
// 1. A field that depends on an answer in the same step is hidden until that answer is chosen (the server decides
//    again on its own, so a hidden field is never checked or kept).
// 2. Files are sent with a progress bar, for slow connections; the chosen file's name and size are shown.
(function () {
  "use strict";
  var form = document.querySelector("form[data-upload-progress]");
  if (!form) { return; }

  function answers(name) {
    var values = [];
    form.querySelectorAll("[name=\"" + name + "\"]").forEach(function (input) {
      if (input.type === "radio" || input.type === "checkbox") {
        if (input.checked) { values.push(input.value === "on" ? "true" : input.value); }
      } else {
        values.push(input.value);
      }
    });
    return values;
  }
  function toggle() {
    form.querySelectorAll("[data-when-field]").forEach(function (box) {
      var expected = box.getAttribute("data-when-value").toLowerCase();
      box.hidden = !answers(box.getAttribute("data-when-field")).some(function (value) {
        return value.toLowerCase() === expected;
      });
    });
  }
  function size(bytes) {
    return bytes < 1048576 ? Math.max(1, Math.round(bytes / 1024)) + " KB" : (bytes / 1048576).toFixed(1) + " MB";
  }
  form.addEventListener("change", function (event) {
    var input = event.target;
    toggle();
    if (input.type !== "file") { return; }
    var note = input.nextElementSibling;
    if (!note || !note.classList.contains("chosen-file")) {
      note = document.createElement("p");
      note.className = "help chosen-file";
      input.parentNode.insertBefore(note, input.nextSibling);
    }
    note.textContent = input.files.length ? input.files[0].name + " (" + size(input.files[0].size) + ")" : "";
  });
  toggle();

  var status = form.querySelector(".upload-status");
  form.addEventListener("submit", function (event) {
    var withFiles = Array.prototype.some.call(form.querySelectorAll("input[type=file]"), function (input) {
      return input.files && input.files.length;
    });
    if (!withFiles || !window.FormData || !status) { return; }
    event.preventDefault();
    var data = new FormData(form);
    if (event.submitter && event.submitter.name) { data.append(event.submitter.name, event.submitter.value); }
    var bar = status.querySelector("progress");
    var text = status.querySelector("span");
    status.hidden = false;
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.upload.addEventListener("progress", function (progress) {
      if (!progress.lengthComputable) { return; }
      bar.value = Math.round(progress.loaded / progress.total * 100);
      text.textContent = bar.value + "% · " + size(progress.loaded) + " / " + size(progress.total);
    });
    request.addEventListener("load", function () {
      var here = new URL(form.action, window.location.href).href;
      if (request.responseURL && request.responseURL !== here) {
        window.location.assign(request.responseURL);  // kept: on to the next step, as a plain form would go
      } else {
        document.open();
        document.write(request.responseText);  // the same step again, with its errors
        document.close();
      }
    });
    // The network failed mid-way: send it the plain way, which shows the browser's own progress.
    request.addEventListener("error", function () { form.submit(); });
    request.send(data);
  });
}());
