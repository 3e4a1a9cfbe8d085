// Draws the preview's charts with the local plotly.js (assets/plotly.min.js): each box names the JSON of its figure.
(function () {
  "use strict";
  document.querySelectorAll(".sco-chart[data-spec]").forEach(function (div) {
    var spec = JSON.parse(document.getElementById(div.dataset.spec).textContent);
    var config = Object.assign({}, spec.config || {}, { responsive: true });
    Plotly.newPlot(div, spec.data, spec.layout, config).then(function () { div.dataset.drawn = "yes"; });
  });
})();
