/*
 * The annual wheel opens at the current week: the chart's scroll region is scrolled so that
 * the week marked "now" is in sight right of the sticky labels, with two weeks before it.
 * Without JavaScript the chart starts at week 1 and scrolls by hand.
 */
(function () {
  'use strict';

  function openAtNow() {
    var region = document.querySelector('.wheel-scroll');
    var now = region && region.querySelector('thead th.wheel-now');
    var label = region && region.querySelector('thead th.wheel-label');
    if (!now || !label) {
      return;
    }
    var left = now.offsetLeft - label.offsetWidth - 2 * now.offsetWidth;
    region.scrollLeft = Math.max(0, left);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', openAtNow);
  } else {
    openAtNow();
  }
}());
