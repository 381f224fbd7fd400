/*
 * The leaders' trend chart (Chart.js, our own copy). No inline script (CSP): the data comes
 * from the <script type="application/json" id="kpi-trend-data"> that json_script writes, and
 * <canvas data-kpi-chart="trend"> is where it is drawn. The table under the chart is the real
 * content; a figure shown as "< 5" there is null here, and the line has a gap.
 */
(function () {
  'use strict';

  var BLUE = '#0059b3';
  var GREEN = '#358000';

  function draw() {
    var source = document.getElementById('kpi-trend-data');
    var canvas = document.querySelector('canvas[data-kpi-chart="trend"]');
    if (!source || !canvas || !window.Chart) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var reduced = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    var datasets = [{
      type: 'line',
      label: data.label,
      data: data.values,
      borderColor: BLUE,
      backgroundColor: BLUE,
      pointRadius: 4,
      spanGaps: false,
      fill: false
    }];
    var hasTarget = data.targets.some(function (value) { return value !== null; });
    if (hasTarget) {
      datasets.push({
        type: 'line',
        label: data.target_label,
        data: data.targets,
        borderColor: GREEN,
        borderDash: [6, 4],
        pointRadius: 0,
        stepped: true,
        fill: false
      });
    }
    var y = { beginAtZero: true };
    if (data.percent) {
      y.suggestedMax = 100;
      y.ticks = { callback: function (value) { return value + ' %'; } };
    }
    new window.Chart(canvas, {
      data: { labels: data.labels, datasets: datasets },
      options: {
        animation: reduced ? false : { duration: 400 },
        maintainAspectRatio: false,
        plugins: { legend: { display: hasTarget } },
        scales: { y: y }
      }
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
}());
