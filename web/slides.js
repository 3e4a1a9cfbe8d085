// Starts reveal.js on a deck and draws each chart (plotly.js, local) the first time its slide is shown.
// The chart's figure is in the <script type="application/json"> named by its data-spec attribute.
(function () {
  "use strict";
  function draw(slide) {
    if (!slide) return;
    slide.querySelectorAll(".chart[data-spec]").forEach(function (div) {
      if (div.dataset.drawn) return;
      var spec = JSON.parse(document.getElementById(div.dataset.spec).textContent);
      div.dataset.drawn = "pending";
      Plotly.newPlot(div, spec.data, spec.layout, spec.config).then(function () { div.dataset.drawn = "yes"; });
    });
  }
  Reveal.initialize({
    hash: true, width: 1280, height: 720, margin: 0.04, center: true,
    controls: true, progress: true, slideNumber: "c/t", transition: "none", backgroundTransition: "none",
  }).then(function () { draw(Reveal.getCurrentSlide()); });
  Reveal.on("slidechanged", function (event) { draw(event.currentSlide); });
})();
