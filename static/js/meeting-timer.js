/*
 * Jobsamtale – the facilitator's countdown for the current item of a learning-group meeting
 * (learning/meetings/facilitate.html, loaded there only through {% block extra_js %}).
 *
 * The server renders the timer with the item's start and planned length in data attributes
 * and the time left as text, so a reload, or a second screen, shows the same clock: the time
 * is counted from the server's started_at, never from when the page was opened. The skew
 * between the server's clock and this device's is measured once at load
 * (data-server-now-ms), so a device whose clock is off still counts right.
 *
 *   data-started-ms          the item's start (ms since the epoch, server time)
 *   data-server-now-ms       the server's clock when it rendered the page
 *   data-planned-seconds     the item's planned length
 *   data-reflection-seconds  a round's shared reflection: the last part of the item (or 0)
 *   data-text-*              the words, translated on the server (no text lives here)
 *
 * Screen readers hear, politely (aria-live), when the shared reflection of a round begins,
 * when one minute is left and when the time is up; the clock itself (role="timer") is not
 * read out every second. Over time the timer changes colour and says "over time" in words,
 * so colour is never the only sign. No inline scripts anywhere (Content Security Policy).
 */
(function () {
  'use strict';

  function onReady(fn) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', fn);
    } else {
      fn();
    }
  }

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }

  /* 420 -> "07:00"; -75 -> "+01:15" (over time). */
  function format(seconds) {
    var s = Math.abs(seconds);
    return (seconds < 0 ? '+' : '') + pad(Math.floor(s / 60)) + ':' + pad(s % 60);
  }

  function run(el) {
    var startedMs = Number(el.getAttribute('data-started-ms'));
    var serverNowMs = Number(el.getAttribute('data-server-now-ms'));
    var planned = Number(el.getAttribute('data-planned-seconds'));
    var reflection = Number(el.getAttribute('data-reflection-seconds')) || 0;
    if (!isFinite(startedMs) || !startedMs || !isFinite(planned)) {
      return;
    }
    var skew = isFinite(serverNowMs) && serverNowMs > 0 ? serverNowMs - Date.now() : 0;
    var clock = el.querySelector('[data-timer-clock]');
    var label = el.querySelector('[data-timer-label]');
    var phase = el.querySelector('[data-timer-phase]');
    var announcer = el.querySelector('[data-timer-announce]');

    function text(name) {
      return el.getAttribute('data-text-' + name) || '';
    }

    function remaining() {
      var elapsed = Math.floor((Date.now() + skew - startedMs) / 1000);
      return planned - Math.max(0, elapsed);
    }

    function say(message) {
      if (!announcer || !message) {
        return;
      }
      // Emptied first, so the same words said twice are still announced.
      announcer.textContent = '';
      window.setTimeout(function () {
        announcer.textContent = message;
      }, 100);
    }

    // What was already past when the page loaded is not announced again.
    var atLoad = remaining();
    var said = {
      reflection: reflection <= 0 || atLoad <= reflection,
      minute: atLoad <= 60,
      up: atLoad <= 0
    };

    function tick() {
      var left = remaining();
      var inReflection = reflection > 0 && left >= 0 && left <= reflection;
      if (clock) {
        clock.textContent = format(left);
      }
      if (label) {
        label.textContent = left < 0 ? text('over') : text('left');
      }
      el.classList.toggle('meeting-timer--over', left < 0);
      el.classList.toggle('meeting-timer--soon', left >= 0 && left <= 60);
      el.classList.toggle('meeting-timer--reflection', inReflection);
      if (phase && inReflection) {
        phase.textContent = text('reflection-now');
      }
      if (!said.reflection && left <= reflection) {
        said.reflection = true;
        say(text('reflection'));
      }
      if (!said.minute && left <= 60) {
        said.minute = true;
        if (left > 0) {
          say(text('one-minute'));
        }
      }
      if (!said.up && left <= 0) {
        said.up = true;
        say(text('time-up'));
      }
    }

    tick();
    window.setInterval(tick, 500);
  }

  onReady(function () {
    var timers = document.querySelectorAll('[data-meeting-timer]');
    for (var i = 0; i < timers.length; i++) {
      run(timers[i]);
    }
  });
}());
