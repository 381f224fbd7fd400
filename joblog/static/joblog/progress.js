/*
 * The Joblog's progress charts (Chart.js, our own copy). No inline script (CSP): the data
 * comes from the <script type="application/json" id="joblog-chart-data"> that json_script
 * writes, and each <canvas data-joblog-chart="…"> names its chart. The page always has the same
 * figures as text and tables; the charts are an addition.
 */
(function () {
  'use strict';

  var BLUE = '#0059b3';
  var GREEN = '#358000';
  var GREY = '#747474';

  function draw() {
    var source = document.getElementById('joblog-chart-data');
    if (!source || !window.Chart) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var reduced = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    var canvases = document.querySelectorAll('canvas[data-joblog-chart]');
    for (var i = 0; i < canvases.length; i++) {
      var canvas = canvases[i];
      var name = canvas.getAttribute('data-joblog-chart');
      var chart = data[name];
      if (!chart) {
        continue;
      }
      var datasets = [{
        type: 'bar',
        label: chart.label,
        data: chart.values,
        backgroundColor: name === 'plans' ? [BLUE, GREEN, GREY] : BLUE
      }];
      if (chart.goal !== undefined) {
        datasets.push({
          type: 'line',
          label: chart.goal_label,
          data: chart.values.map(function () { return chart.goal; }),
          borderColor: GREEN,
          borderDash: [6, 4],
          pointRadius: 0,
          fill: false
        });
      }
      new window.Chart(canvas, {
        data: { labels: chart.labels, datasets: datasets },
        options: {
          animation: reduced ? false : { duration: 400 },
          maintainAspectRatio: false,
          indexAxis: name === 'plans' ? 'y' : 'x',
          plugins: { legend: { display: chart.goal !== undefined } },
          scales: {
            x: { beginAtZero: true, ticks: { precision: 0 } },
            y: { beginAtZero: true, ticks: { precision: 0 } }
          }
        }
      });
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
}());
