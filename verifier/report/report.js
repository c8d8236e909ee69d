// Filtering, audio/timeline coupling, and a marker the browser test reads.
(function () {
  "use strict";
  var body = document.body;
  var audios = document.querySelectorAll("audio");
  var loaded = 0, failed = 0;
  body.dataset.audioTotal = String(audios.length);
  function mark() { body.dataset.audioLoaded = String(loaded); body.dataset.audioErrors = String(failed); }
  audios.forEach(function (a) {
    function ok() { if (!a.dataset.ok) { a.dataset.ok = "1"; a.dataset.duration = String(a.duration); loaded++; mark(); } }
    if (a.readyState >= 1) { ok(); } else { a.addEventListener("loadedmetadata", ok); }
    a.addEventListener("error", function () { failed++; mark(); });
    var resp = a.closest(".resp");
    var tl = resp && resp.querySelector("svg.timeline");
    if (!tl) return;
    var head = tl.querySelector(".playhead");
    var dur = parseFloat(tl.dataset.duration) || 1;
    var w = tl.viewBox.baseVal.width;
    var x0 = parseFloat(tl.dataset.x0), x1 = parseFloat(tl.dataset.x1);
    a.addEventListener("timeupdate", function () {
      var x = x0 + (x1 - x0) * Math.min(a.currentTime / dur, 1);
      head.setAttribute("x1", x); head.setAttribute("x2", x); head.setAttribute("visibility", "visible");
    });
    tl.addEventListener("click", function (ev) {
      var r = tl.getBoundingClientRect();
      var frac = ((ev.clientX - r.left) * (w / r.width) - x0) / (x1 - x0);
      a.currentTime = Math.max(0, Math.min(frac, 1)) * dur; a.play();
    });
  });
  mark();
  var boxes = document.querySelectorAll(".filters input[type=checkbox]");
  var search = document.querySelector(".filters input[type=search]");
  var onlyEdge = false;
  function apply() {
    var on = {};
    boxes.forEach(function (b) { on[b.value] = b.checked; });
    var q = search ? search.value.toLowerCase() : "";
    var shown = 0;
    document.querySelectorAll("details.resp").forEach(function (d) {
      var vis = on[d.dataset.verdict] !== false && (!q || d.textContent.toLowerCase().indexOf(q) >= 0) &&
        (!onlyEdge || d.dataset.borderline === "1");
      d.classList.toggle("hidden", !vis);
      if (vis) shown++;
    });
    var c = document.getElementById("shown-count");
    if (c) c.textContent = String(shown);
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  if (search) search.addEventListener("input", apply);
  var only = document.getElementById("only-failures");
  if (only) only.addEventListener("click", function () {
    onlyEdge = false;
    boxes.forEach(function (b) { b.checked = b.value !== "match" && b.value !== "not_applicable"; }); apply();
  });
  var edge = document.getElementById("only-borderline");
  if (edge) edge.addEventListener("click", function () { onlyEdge = true; apply(); });
  var all = document.getElementById("show-all");
  if (all) all.addEventListener("click", function () {
    onlyEdge = false; boxes.forEach(function (b) { b.checked = true; }); apply();
  });
  apply();
  // report.html#failures opens filtered, so a CI job can link straight to what broke.
  if (location.hash === "#failures" && only) only.click();
  body.dataset.ready = "1";
})();
