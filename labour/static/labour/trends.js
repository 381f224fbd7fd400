/*
 * The trend page's two charts (Chart.js, our own copy). No inline script (CSP): the figures
 * come from <script type="application/json" id="trend-data">, written by json_script; each
 * <canvas data-trend-chart="industries|occupations"> gets one stacked bar chart. The tables
 * under the charts hold the same figures.
 */
(function () {
  'use strict';

  var COLOURS = ['#0059b3', '#358000', '#b35900', '#6b2c91', '#00787a', '#a4001d',
    '#5c5c5c', '#8a6d00', '#003d7a', '#1f6b00', '#7a3d00'];

  function draw() {
    var source = document.getElementById('trend-data');
    if (!source || !window.Chart) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var reduced = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    document.querySelectorAll('canvas[data-trend-chart]').forEach(function (canvas) {
      var series = data[canvas.getAttribute('data-trend-chart')] || [];
      new window.Chart(canvas, {
        type: 'bar',
        data: {
          labels: data.labels,
          datasets: series.map(function (s, i) {
            return { label: s.label, data: s.values, backgroundColor: COLOURS[i % COLOURS.length] };
          })
        },
        options: {
          animation: reduced ? false : { duration: 400 },
          maintainAspectRatio: false,
          scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } }
        }
      });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
}());
