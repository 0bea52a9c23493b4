/* The delivery progress of a newsletter issue updates itself: poll the issue's
   progress.json every few seconds and fill the figures into the elements marked
   data-field; once everything is settled, reload the page once so the list of
   failed recipients and the retry button appear. Without this script the page
   offers a plain "reload" link. */
(function () {
  "use strict";
  var box = document.getElementById("progress");
  if (!box || box.getAttribute("data-done") === "true") { return; }
  var url = box.getAttribute("data-status-url");
  var bar = box.querySelector("progress");
  var interval = 2000;

  function show(status) {
    var fields = box.querySelectorAll("[data-field]");
    for (var i = 0; i < fields.length; i++) {
      var name = fields[i].getAttribute("data-field");
      if (Object.prototype.hasOwnProperty.call(status, name)) {
        fields[i].textContent = String(status[name]);
      }
    }
    var line = box.querySelector("#progress-line strong");
    if (line) { line.textContent = String(status.delivered); }
    if (bar) {
      bar.max = Math.max(status.total, 1);
      bar.value = status.delivered;
      bar.textContent = status.delivered + " / " + status.total;
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (status) {
        show(status);
        if (status.done) {
          window.location.reload();
        } else {
          window.setTimeout(poll, interval);
        }
      })
      .catch(function () { window.setTimeout(poll, interval * 3); });
  }

  window.setTimeout(poll, interval);
}());
