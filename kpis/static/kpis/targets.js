/*
 * Targets: the value field's help text follows the chosen figure (each option of the figure
 * select carries its hint in data-hint). Implementation plan: after htmx swaps the milestones
 * section, focus moves to its status message so keyboard and screen-reader users keep their place.
 */
(function () {
  'use strict';

  document.addEventListener('change', function (event) {
    var select = event.target;
    if (!select || select.id !== 'id_kpi') {
      return;
    }
    var hint = document.getElementById('id_value_helptext');
    if (!hint) {
      return;
    }
    if (!hint.hasAttribute('data-empty')) {
      hint.setAttribute('data-empty', hint.textContent);
    }
    var option = select.options[select.selectedIndex];
    var text = option ? option.getAttribute('data-hint') : null;
    hint.textContent = text || hint.getAttribute('data-empty');
  });

  // The milestones section comes back from htmx with data-swapped; focus its first field in
  // error, or else its status message.
  document.addEventListener('htmx:afterSettle', function () {
    var section = document.querySelector('#milestones[data-swapped]');
    if (!section) {
      return;
    }
    section.removeAttribute('data-swapped');
    var invalid = section.querySelector('[aria-invalid="true"]');
    var status = document.getElementById('milestones-status');
    if (invalid) {
      invalid.focus();
    } else if (status && status.textContent.trim()) {
      status.focus();
    }
  });
})();
