// Relabels the visit days with the places left at the kecamatan the citizen picks; without it the server checks.
(function () {
  "use strict";
  function relabel(select, kecamatan) {
    var places = JSON.parse(select.getAttribute("data-visit-places") || "{}")[kecamatan.value] || null;
    Array.prototype.forEach.call(select.options, function (option) {
      var label = option.getAttribute("data-label");
      if (!label) return;
      if (!places || !(option.value in places)) {
        option.textContent = label;
        option.disabled = false;
        return;
      }
      var left = places[option.value];
      var note;
      if (left === null) note = select.getAttribute("data-closed");
      else if (left === 0) note = select.getAttribute("data-full");
      else note = select.getAttribute(left === 1 ? "data-left-one" : "data-left-other").replace("%(count)s", left);
      option.textContent = label + " · " + note;
      option.disabled = (left === null || left === 0) && !option.selected;
    });
  }
  document.querySelectorAll("select[data-visit-places]").forEach(function (select) {
    var kecamatan = document.getElementById(select.getAttribute("data-kecamatan-field") || "");
    if (!kecamatan) return;
    kecamatan.addEventListener("change", function () { relabel(select, kecamatan); });
    relabel(select, kecamatan);
  });
})();
