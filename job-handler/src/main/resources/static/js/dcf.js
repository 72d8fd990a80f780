/*
 * DCF GUI, shared by every page: live updates over STOMP, confirmation of destructive
 * actions, local times, ticking clocks and progress bars. Plain JavaScript, no framework.
 * The server renders everything; live messages only tell a page what to fetch again.
 */
(function () {
  'use strict';

  const meta = (name) => {
    const element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute('content') : null;
  };
  const base = meta('dcf-base') || '/';
  const serverNow = Number(meta('dcf-server-now'));
  // The server's clock minus the browser's: elapsed times and heartbeat ages use the server's time.
  const clockOffset = Number.isFinite(serverNow) && serverNow > 0 ? serverNow - Date.now() : 0;
  const now = () => Date.now() + clockOffset;

  const pad = (n) => String(n).padStart(2, '0');

  /** Like the server's Formats.clock: m:ss below an hour, h:mm:ss above. */
  function clock(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return h > 0 ? h + ':' + pad(m) + ':' + pad(s % 60) : m + ':' + pad(s % 60);
  }

  function localTime(date, seconds) {
    return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + ' ' +
      pad(date.getHours()) + ':' + pad(date.getMinutes()) + (seconds ? ':' + pad(date.getSeconds()) : '');
  }

  /** Shows <time class="local-time"> in the browser's time zone; the UTC text stays as tooltip. */
  function localTimes(root) {
    root.querySelectorAll('time.local-time[datetime]').forEach((element) => {
      if (element.dataset.localized) {
        return;
      }
      const date = new Date(element.getAttribute('datetime'));
      if (!Number.isNaN(date.getTime())) {
        element.title = element.textContent;
        element.textContent = localTime(date, !element.classList.contains('short'));
        element.dataset.localized = 'true';
      }
    });
  }

  /** Progress bars get their width from data-progress (style attributes would break the CSP). */
  function progressBars(root) {
    root.querySelectorAll('.progress-bar[data-progress]').forEach((bar) => {
      bar.style.width = Math.min(100, Math.max(0, Number(bar.dataset.progress) || 0)) + '%';
    });
  }

  /** Elapsed time and progress of running jobs, heartbeat ages of agents; once a second. */
  function tick() {
    document.querySelectorAll('.job-row[data-running="true"][data-started-at]').forEach((row) => {
      const started = Number(row.dataset.startedAt);
      const duration = Number(row.dataset.duration);
      if (!Number.isFinite(started) || started <= 0) {
        return;
      }
      const elapsed = (now() - started) / 1000;
      const text = row.querySelector('.elapsed');
      if (text) {
        text.textContent = clock(elapsed);
      }
      const bar = row.querySelector('.job-progress .progress-bar');
      if (bar && duration > 0) {
        const percent = Math.min(100, Math.max(0, Math.floor(elapsed * 100 / duration)));
        bar.dataset.progress = String(percent);
        bar.style.width = percent + '%';
        bar.parentElement.setAttribute('aria-valuenow', String(percent));
      }
    });
    document.querySelectorAll('.heartbeat-age[data-at]').forEach((element) => {
      const seconds = Math.max(0, Math.round((now() - Number(element.dataset.at)) / 1000));
      element.textContent = seconds + ' s ago';
      const interval = Number(element.dataset.interval) || 0;
      element.classList.toggle('stale', interval > 0 && seconds * 1000 > 3 * interval);
    });
  }

  /** Everything a freshly rendered piece of a page needs. */
  function enhance(root) {
    localTimes(root);
    progressBars(root);
    // fresh server HTML carries the server's texts (UTC times): bring the clocks up to date at once
    tick();
  }

  // Destructive actions ask first, in a Bootstrap modal.
  let pendingForm = null;
  document.addEventListener('submit', (event) => {
    const form = event.target;
    const back = form.querySelector('input[name="back"]');
    if (back) {
      back.value = window.location.pathname + window.location.search;
    }
    if (!form.dataset.confirm || form.dataset.confirmed === 'true') {
      return;
    }
    event.preventDefault();
    const modalElement = document.getElementById('confirm-modal');
    if (!modalElement || !window.bootstrap) {
      if (window.confirm(form.dataset.confirm)) {
        form.dataset.confirmed = 'true';
        form.requestSubmit();
      }
      return;
    }
    pendingForm = form;
    document.getElementById('confirm-text').textContent = form.dataset.confirm;
    document.getElementById('confirm-ok').textContent = form.dataset.confirmButton || 'Yes';
    bootstrap.Modal.getOrCreateInstance(modalElement).show();
  });
  document.addEventListener('click', (event) => {
    if (event.target && event.target.id === 'confirm-ok' && pendingForm) {
      // A live update may have replaced the form while the dialog was open: submit its
      // successor (same action). If the action is no longer offered, nothing is sent.
      const action = pendingForm.getAttribute('action');
      const form = pendingForm.isConnected ? pendingForm
        : Array.from(document.querySelectorAll('form[data-confirm]')).find((f) => f.getAttribute('action') === action);
      pendingForm = null;
      bootstrap.Modal.getOrCreateInstance(document.getElementById('confirm-modal')).hide();
      if (form) {
        form.dataset.confirmed = 'true';
        form.requestSubmit();
      }
    }
  });

  const status = (text, color) => {
    const badge = document.getElementById('live-status');
    if (badge) {
      badge.textContent = text;
      badge.className = 'badge rounded-pill text-bg-' + color;
      badge.title = 'Live updates: ' + text;
    }
  };

  /**
   * Connects to /ws with the page's CSRF token and subscribes. On a reconnect, onReconnect
   * runs first: messages may have been missed while the connection was down. On the first
   * connect, onFirstConnect (optional) runs after subscribing: a change between the page's
   * render and the subscription would be missed otherwise.
   */
  function live(subscriptions, onReconnect, onFirstConnect) {
    if (!window.StompJs) {
      status('offline', 'secondary');
      return null;
    }
    const url = new URL(base + 'ws', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const headers = {};
    const csrfHeader = meta('_csrf_header');
    if (csrfHeader) {
      headers[csrfHeader] = meta('_csrf');
    }
    let connectedBefore = false;
    const client = new StompJs.Client({
      brokerURL: url.toString(),
      connectHeaders: headers,
      reconnectDelay: 2000,
      heartbeatIncoming: 0,
      heartbeatOutgoing: 20000
    });
    client.onConnect = () => {
      subscriptions.forEach((subscription) => {
        client.subscribe(subscription.topic, (message) => {
          let body;
          try {
            body = JSON.parse(message.body);
          } catch (e) {
            return;
          }
          subscription.handler(body);
        });
      });
      if (connectedBefore && onReconnect) {
        onReconnect();
      } else if (!connectedBefore && onFirstConnect) {
        onFirstConnect();
      }
      connectedBefore = true;
      document.body.dataset.live = 'connected';
      status('live', 'success');
    };
    client.onWebSocketClose = () => {
      document.body.dataset.live = 'disconnected';
      status('reconnecting', 'warning');
    };
    client.onStompError = (frame) => {
      status('refused', 'danger');
      console.warn('STOMP error', frame.headers.message);
    };
    client.activate();
    return client;
  }

  /**
   * Fetches an HTML fragment of this site. Resolves to the parsed element, or null when
   * the thing is gone (404); a redirect to the login page means the session has ended.
   */
  async function fragment(path) {
    const response = await fetch(base + path.replace(/^\//, ''), {
      headers: { 'Accept': 'text/html', 'X-Requested-With': 'fetch' },
      credentials: 'same-origin'
    });
    if (response.status === 404) {
      return null;
    }
    if (response.redirected && new URL(response.url).pathname.endsWith('/login')) {
      window.location.reload();
      return undefined;
    }
    if (!response.ok) {
      throw new Error('GET ' + path + ': ' + response.status);
    }
    const template = document.createElement('template');
    template.innerHTML = (await response.text()).trim();
    const element = template.content.firstElementChild;
    if (element && element.tagName === 'TABLE') {
      return element.querySelector('tr');
    }
    return element;
  }

  /** Fetches JSON of this site with the session. Resolves to the value, or null on 404. */
  async function json(path) {
    const response = await fetch(base + path.replace(/^\//, ''), {
      headers: { 'Accept': 'application/json', 'X-Requested-With': 'fetch' },
      credentials: 'same-origin'
    });
    if (response.status === 404) {
      return null;
    }
    if (!response.ok) {
      throw new Error('GET ' + path + ': ' + response.status);
    }
    return response.json();
  }

  /** Calls fn at most once per wait ms, and once more after the last call. */
  function throttle(fn, wait) {
    let timer = null;
    let again = false;
    return function () {
      if (timer) {
        again = true;
        return;
      }
      fn();
      timer = setTimeout(function done() {
        timer = null;
        if (again) {
          again = false;
          fn();
          timer = setTimeout(done, wait);
        }
      }, wait);
    };
  }

  window.Dcf = { live, fragment, json, enhance, throttle, clock };

  document.addEventListener('DOMContentLoaded', () => {
    enhance(document);
    setInterval(tick, 1000);
  });
})();
