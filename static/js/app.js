/*
 * Jobsamtale – site JavaScript. Loaded by templates/base.html after
 * vendor/dkfds/js/dkfds.min.js (global: window.DKFDS) and
 * vendor/htmx/htmx.min.js (global: window.htmx).
 *
 * No inline scripts anywhere (Content Security Policy): all behaviour lives here.
 *
 * 1. DKFDS.init() once the DOM is ready (header mobile drawer, menus,
 *    accordions, alerts, error summary focus, tooltips, ...).
 * 2. DKFDS components inside content swapped in by htmx are initialised
 *    for the new content only (DKFDS.init() itself must run only once,
 *    because it also wires the global header navigation).
 * 3. htmx sends Django's CSRF token (from <meta name="csrf-token">) as
 *    the X-CSRFToken header.
 * 4. Double-submit guard: after a form is submitted its submit buttons are
 *    disabled; they are re-enabled when the page is restored from the
 *    back/forward cache. Opt out per form with data-allow-resubmit.
 * 5. Print buttons.
 * 6. Autosaved notes: unsaved typing is sent with sendBeacon when the tab
 *    is hidden or closed.
 */
(function () {
  'use strict';

  var SUBMITTED_ATTR = 'data-submitting';
  var LOCKED_ATTR = 'data-submit-locked';

  function onReady(fn) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', fn);
    } else {
      fn();
    }
  }

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  /* ---------- 1. DKFDS ---------- */

  function initDkfds() {
    if (window.DKFDS && typeof window.DKFDS.init === 'function') {
      window.DKFDS.init();
    }
  }

  /*
   * Initialise DKFDS components inside `scope` only (used for htmx swaps).
   * Mirrors DKFDS.init() minus the page-global parts (Navigation,
   * BackToTop), which must not be initialised twice.
   */
  function initDkfdsComponents(scope) {
    var D = window.DKFDS;
    if (!D || !scope || !scope.querySelectorAll) {
      return;
    }
    function each(selector, fn) {
      var nodes = scope.querySelectorAll(selector);
      for (var i = 0; i < nodes.length; i++) {
        try {
          fn(nodes[i]);
        } catch (err) {
          if (window.console) { window.console.error(err); }
        }
      }
    }
    if (D.Accordion) {
      each('.accordion, .accordion-bordered:not(.accordion)', function (el) { new D.Accordion(el).init(); });
    }
    if (D.Alert) {
      each('.alert.has-close', function (el) { new D.Alert(el).init(); });
    }
    if (D.CharacterLimit) {
      each('.form-limit', function (el) { new D.CharacterLimit(el).init(); });
    }
    if (D.CheckboxToggleContent) {
      each('.js-checkbox-toggle-content', function (el) { new D.CheckboxToggleContent(el).init(); });
    }
    if (D.Dropdown) {
      each('.js-dropdown', function (el) { new D.Dropdown(el).init(); });
    }
    if (D.DropdownSort) {
      each('.overflow-menu--sort', function (el) { new D.DropdownSort(el).init(); });
    }
    if (D.datePicker && typeof D.datePicker.on === 'function') {
      try { D.datePicker.on(scope); } catch (err) { if (window.console) { window.console.error(err); } }
    }
    if (D.ErrorSummary) {
      each('[data-module="error-summary"]', function (el) { new D.ErrorSummary(el).init(); });
    }
    if (D.Modal) {
      each('.fds-modal', function (el) { new D.Modal(el).init(); });
    }
    if (D.MenuDropdown) {
      each('.js-menudropdown', function (el) { new D.MenuDropdown(el).init(); });
    }
    if (D.RadioToggleGroup) {
      each('.js-radio-toggle-group', function (el) { new D.RadioToggleGroup(el).init(); });
    }
    if (D.ResponsiveTable) {
      each('table.table--responsive-headers, table.table-sm-responsive-headers, table.table-md-responsive-headers, table.table-lg-responsive-headers',
        function (el) { new D.ResponsiveTable(el); });
    }
    if (D.TableSelectableRows) {
      each('table.table--selectable', function (el) { new D.TableSelectableRows(el).init(); });
    }
    if (D.Tabs) {
      each('div.tab-container', function (el) { new D.Tabs(el).init(); });
    }
    if (D.Tooltip) {
      each('.tooltip-wrapper', function (el) { new D.Tooltip(el).init(); });
    }
  }

  /* ---------- 2 + 3. htmx ---------- */

  function isHtmxForm(form) {
    return form.hasAttribute('data-hx-post') || form.hasAttribute('data-hx-get') ||
      form.hasAttribute('data-hx-put') || form.hasAttribute('data-hx-patch') ||
      form.hasAttribute('data-hx-delete');
  }

  document.addEventListener('htmx:configRequest', function (event) {
    var token = csrfToken();
    if (token && event.detail && event.detail.headers) {
      event.detail.headers['X-CSRFToken'] = token;
    }
  });

  document.addEventListener('htmx:load', function (event) {
    var elt = event.detail && event.detail.elt ? event.detail.elt : event.target;
    // htmx also fires htmx:load for <body> at start-up; DKFDS.init() covers that.
    if (!elt || elt === document.body || elt === document.documentElement) {
      return;
    }
    initDkfdsComponents(elt);
  });

  /* ---------- 4. Double-submit guard ---------- */

  function submitButtons(form) {
    var buttons = [];
    var candidates = form.querySelectorAll('button, input[type="submit"], input[type="image"]');
    for (var i = 0; i < candidates.length; i++) {
      var el = candidates[i];
      var type = (el.getAttribute('type') || 'submit').toLowerCase();
      if (type === 'submit' || type === 'image') {
        buttons.push(el);
      }
    }
    // Buttons outside the form that point at it with form="id".
    if (form.id) {
      var external = document.querySelectorAll('[form="' + form.id + '"]');
      for (var j = 0; j < external.length; j++) {
        var ext = external[j];
        var extType = (ext.getAttribute('type') || 'submit').toLowerCase();
        if ((ext.tagName === 'BUTTON' || ext.tagName === 'INPUT') &&
            (extType === 'submit' || extType === 'image') && buttons.indexOf(ext) === -1) {
          buttons.push(ext);
        }
      }
    }
    return buttons;
  }

  function unlockAll() {
    var forms = document.querySelectorAll('form[' + SUBMITTED_ATTR + ']');
    for (var i = 0; i < forms.length; i++) {
      forms[i].removeAttribute(SUBMITTED_ATTR);
    }
    var locked = document.querySelectorAll('[' + LOCKED_ATTR + ']');
    for (var j = 0; j < locked.length; j++) {
      locked[j].disabled = false;
      locked[j].removeAttribute(LOCKED_ATTR);
    }
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form || form.tagName !== 'FORM') {
      return;
    }
    // htmx (or other code) handles this submit itself, or the form opts out.
    if (event.defaultPrevented || isHtmxForm(form) || form.hasAttribute('data-allow-resubmit')) {
      return;
    }
    var target = (form.getAttribute('target') || '').toLowerCase();
    if (target && target !== '_self') {
      return;
    }
    if (form.hasAttribute(SUBMITTED_ATTR)) {
      // Second click while the first submission is on its way.
      event.preventDefault();
      return;
    }
    form.setAttribute(SUBMITTED_ATTR, '');
    // Disable on the next tick: disabling the submitter synchronously would
    // drop its name/value (e.g. name="language") from the submitted data.
    window.setTimeout(function () {
      var buttons = submitButtons(form);
      for (var i = 0; i < buttons.length; i++) {
        if (!buttons[i].disabled) {
          buttons[i].disabled = true;
          buttons[i].setAttribute(LOCKED_ATTR, '');
        }
      }
    }, 0);
  });

  // Back/forward cache restores the page with the buttons still disabled.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) {
      unlockAll();
    }
  });

  /* ---------- 5. Print buttons (the appointment card) ---------- */
  document.addEventListener('click', function (event) {
    var target = event.target;
    if (target && target.closest && target.closest('[data-print]')) {
      window.print();
    }
  });

  /* ---------- 6. Autosaved notes (the conversation guide) ----------
   * Forms marked data-autosave save through htmx as the person types. A form
   * typed in since its last successful save is "dirty"; when the tab is hidden
   * or closed, each dirty form is sent with navigator.sendBeacon (the server
   * answers a beacon with 204), so a closed tab loses nothing. */
  var DIRTY_ATTR = 'data-dirty';

  document.addEventListener('input', function (event) {
    var form = event.target && event.target.closest && event.target.closest('form[data-autosave]');
    if (form) {
      form.setAttribute(DIRTY_ATTR, '');
    }
  });

  document.addEventListener('htmx:afterRequest', function (event) {
    var elt = event.detail && event.detail.elt;
    var form = elt && elt.closest && elt.closest('form[data-autosave]');
    if (form && event.detail.successful) {
      var field = form.querySelector('textarea');
      var params = event.detail.requestConfig && event.detail.requestConfig.parameters;
      var sent = params && (typeof params.get === 'function' ? params.get('text') : params.text);
      // Typed on while the request was under way: still dirty.
      if (!field || field.value === sent) {
        form.removeAttribute(DIRTY_ATTR);
      }
    }
  });

  function flushDirty() {
    if (!navigator.sendBeacon) {
      return;
    }
    var forms = document.querySelectorAll('form[data-autosave][' + DIRTY_ATTR + ']');
    for (var i = 0; i < forms.length; i++) {
      var data = new FormData(forms[i]);
      data.append('beacon', '1');
      if (navigator.sendBeacon(forms[i].action, data)) {
        forms[i].removeAttribute(DIRTY_ATTR);
      }
    }
  }

  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') {
      flushDirty();
    }
  });
  window.addEventListener('pagehide', flushDirty);

  /* ---------- 7. The guide's side panel ----------
   * Open beside the phases on a wide screen; on a narrow one it stands below
   * them, so its boxes start closed and open on a tap. */
  onReady(function () {
    if (!window.matchMedia || !window.matchMedia('(max-width: 991px)').matches) {
      return;
    }
    var panels = document.querySelectorAll('details.guide-panel[open]');
    for (var i = 0; i < panels.length; i++) {
      panels[i].removeAttribute('open');
    }
  });

  onReady(initDkfds);
}());
