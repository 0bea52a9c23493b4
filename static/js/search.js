// The search form's status filter: only the states of the chosen type.
// Without this script every type's states stay listed, grouped by type.
(function () {
  "use strict";
  var type = document.getElementById("search-type");
  var status = document.getElementById("search-status");
  if (!type || !status) { return; }
  function update() {
    var chosen = type.value;
    var groups = status.querySelectorAll("optgroup[data-type]");
    for (var i = 0; i < groups.length; i++) {
      var group = groups[i];
      var show = !chosen || group.getAttribute("data-type") === chosen;
      group.hidden = !show;
      group.disabled = !show;
      if (!show && status.selectedOptions.length && group.contains(status.selectedOptions[0])) {
        status.value = "";
      }
    }
  }
  type.addEventListener("change", update);
  update();
})();
