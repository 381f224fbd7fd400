/*
 * Copy buttons: <button data-copy-target="id-of-an-input"> copies the input's value to the
 * clipboard and says so in the element named by data-copy-status (a polite live region).
 * Without the clipboard API the text is selected so the user can press Ctrl+C.
 */
(function () {
  'use strict';

  function announce(button, text) {
    var status = document.getElementById(button.getAttribute('data-copy-status'));
    if (status) {
      status.textContent = text;
    }
  }

  function copy(button) {
    var input = document.getElementById(button.getAttribute('data-copy-target'));
    if (!input) {
      return;
    }
    input.focus();
    input.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(
        function () { announce(button, button.getAttribute('data-copied')); },
        function () { announce(button, button.getAttribute('data-copy-failed')); }
      );
    } else {
      var done = false;
      try {
        done = document.execCommand('copy');
      } catch (err) {
        done = false;
      }
      announce(button, button.getAttribute(done ? 'data-copied' : 'data-copy-failed'));
    }
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest ? event.target.closest('[data-copy-target]') : null;
    if (button) {
      event.preventDefault();
      copy(button);
    }
  });
})();
