/*
 * Jobsamtale – what is typed is never lost to a poor connection.
 *
 * A form marked data-draft="<key>" keeps what is typed in localStorage on the device, as the
 * person types. If sending it fails (no network, a server error), the page shows the form
 * again on reload with what was typed, and says so. The page after a successful save carries
 * data-draft-clear="<key> [<key> ...]": only then is the draft forgotten.
 *
 * When the device knows it is offline (navigator.onLine is false) the form is not sent at
 * all: the draft is kept and a notice says to send again when there is a connection.
 *
 * Texts come from the form (translated on the server): data-draft-restored,
 * data-draft-offline, data-draft-discard. Hidden fields (the CSRF token, the one-time
 * submission token) and passwords and files are never stored.
 *
 * Loaded on every page by templates/base.html, after app.js. The submit listener runs in the
 * capture phase so that app.js's double-submit guard sees an offline submit as cancelled and
 * does not lock the buttons.
 */
(function () {
  'use strict';

  var PREFIX = 'jobsamtale-draft:';
  var MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;
  var SKIP_TYPES = ['hidden', 'password', 'file', 'submit', 'button', 'reset', 'image'];
  var SKIP_NAMES = ['csrfmiddlewaretoken', 'submission_token'];
  var DEFAULTS = {
    restored: 'Det, du skrev, men ikke fik sendt, er hentet frem igen. Se det igennem, og send igen.',
    offline: 'Du er offline. Det, du har skrevet, er gemt på enheden – send igen, når du har forbindelse.',
    discard: 'Kassér det gemte'
  };

  function storage() {
    try {
      var probe = PREFIX + 'probe';
      window.localStorage.setItem(probe, '1');
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (err) {
      return null;
    }
  }

  var store = storage();

  function text(form, name) {
    return form.getAttribute('data-draft-' + name) || DEFAULTS[name];
  }

  function keyOf(form) {
    return PREFIX + form.getAttribute('data-draft');
  }

  function fields(form) {
    var result = [];
    for (var i = 0; i < form.elements.length; i++) {
      var el = form.elements[i];
      var type = (el.type || '').toLowerCase();
      if (!el.name || el.disabled || SKIP_TYPES.indexOf(type) !== -1 ||
          SKIP_NAMES.indexOf(el.name) !== -1) {
        continue;
      }
      result.push(el);
    }
    return result;
  }

  function read(form) {
    var values = {};
    fields(form).forEach(function (el) {
      var type = (el.type || '').toLowerCase();
      if (type === 'checkbox') {
        values[el.name + '\u0000' + el.value] = el.checked;
      } else if (type === 'radio') {
        if (el.checked) { values[el.name] = el.value; }
      } else if (type === 'select-multiple') {
        values[el.name] = Array.prototype.filter.call(el.options, function (o) {
          return o.selected;
        }).map(function (o) { return o.value; });
      } else {
        values[el.name] = el.value;
      }
    });
    return values;
  }

  /* Puts the stored values into the form; true if anything changed. */
  function write(form, values) {
    var changed = false;
    fields(form).forEach(function (el) {
      var type = (el.type || '').toLowerCase();
      if (type === 'checkbox') {
        var key = el.name + '\u0000' + el.value;
        if (key in values && el.checked !== values[key]) {
          el.checked = values[key];
          changed = true;
        }
      } else if (type === 'radio') {
        if (el.name in values) {
          var checked = el.value === values[el.name];
          if (el.checked !== checked) {
            el.checked = checked;
            changed = true;
          }
        }
      } else if (type === 'select-multiple') {
        if (el.name in values) {
          Array.prototype.forEach.call(el.options, function (o) {
            var selected = values[el.name].indexOf(o.value) !== -1;
            if (o.selected !== selected) {
              o.selected = selected;
              changed = true;
            }
          });
        }
      } else if (el.name in values && el.value !== values[el.name]) {
        el.value = values[el.name];
        changed = true;
      }
    });
    return changed;
  }

  function save(form) {
    if (!store) { return; }
    try {
      store.setItem(keyOf(form), JSON.stringify({ savedAt: Date.now(), values: read(form) }));
    } catch (err) {
      /* A full storage: the form still works, only the safety net is gone. */
    }
  }

  function load(form) {
    if (!store) { return null; }
    try {
      var draft = JSON.parse(store.getItem(keyOf(form)) || 'null');
      if (!draft || !draft.values || Date.now() - draft.savedAt > MAX_AGE_MS) {
        store.removeItem(keyOf(form));
        return null;
      }
      return draft.values;
    } catch (err) {
      return null;
    }
  }

  function forget(key) {
    if (store) { store.removeItem(PREFIX + key); }
  }

  function notice(form, message, urgent) {
    var box = form.querySelector('.draft-notice');
    if (!box) {
      box = document.createElement('div');
      box.className = 'draft-notice';
      form.insertBefore(box, form.firstChild);
    }
    box.className = 'draft-notice alert ' + (urgent ? 'alert-warning' : 'alert-info');
    box.setAttribute('role', urgent ? 'alert' : 'status');
    box.setAttribute('tabindex', '-1');
    box.textContent = '';
    var body = document.createElement('div');
    body.className = 'alert-body';
    var p = document.createElement('p');
    p.className = 'alert-text';
    p.textContent = message;
    body.appendChild(p);
    if (!urgent) {
      var discard = document.createElement('button');
      discard.type = 'button';
      discard.className = 'button button-tertiary';
      discard.setAttribute('data-draft-discard-button', '');
      discard.textContent = text(form, 'discard');
      body.appendChild(discard);
    }
    box.appendChild(body);
    return box;
  }

  function clearConfirmed() {
    var markers = document.querySelectorAll('[data-draft-clear]');
    for (var i = 0; i < markers.length; i++) {
      markers[i].getAttribute('data-draft-clear').split(/\s+/).forEach(function (key) {
        if (key) { forget(key); }
      });
    }
  }

  function restore() {
    var forms = document.querySelectorAll('form[data-draft]');
    for (var i = 0; i < forms.length; i++) {
      var values = load(forms[i]);
      if (values && write(forms[i], values)) {
        notice(forms[i], text(forms[i], 'restored'), false);
      }
    }
  }

  function draftForm(target) {
    return target && target.closest ? target.closest('form[data-draft]') : null;
  }

  document.addEventListener('input', function (event) {
    var form = draftForm(event.target);
    if (form) { save(form); }
  });
  document.addEventListener('change', function (event) {
    var form = draftForm(event.target);
    if (form) { save(form); }
  });

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form || !form.hasAttribute || !form.hasAttribute('data-draft')) {
      return;
    }
    save(form);
    if (navigator.onLine === false) {
      event.preventDefault();
      notice(form, text(form, 'offline'), true).focus();
    }
  }, true);

  document.addEventListener('click', function (event) {
    var button = event.target && event.target.closest &&
      event.target.closest('[data-draft-discard-button]');
    if (!button) { return; }
    var form = button.closest('form[data-draft]');
    if (form) {
      forget(form.getAttribute('data-draft'));
      window.location.reload();
    }
  });

  function start() {
    clearConfirmed();
    restore();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
