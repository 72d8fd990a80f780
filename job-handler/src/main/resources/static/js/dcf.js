/*
 * DCF GUI, shared by every page: live updates over STOMP, the dialog that confirms
 * destructive actions (hx-confirm), local times, ticking clocks and progress bars. The
 * server renders everything and htmx swaps the fragments (fetching, "newest request wins",
 * the search as you type); live messages only tell a page's fragments to fetch themselves
 * again ("dcf:refresh").
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

  // A form's "back" field: the page to return to after the action is the page as it is now
  // (the jobs list keeps its search, state and page in the address).
  document.addEventListener('submit', (event) => {
    const back = event.target.querySelector('input[name="back"]');
    if (back) {
      back.value = window.location.pathname + window.location.search;
    }
  });

  // Destructive actions ask first (hx-confirm), in a Bootstrap modal instead of the
  // browser's confirm(): htmx waits for the answer through htmx:confirm.
  let pending = null;
  let successorConfirmed = null;
  document.addEventListener('htmx:confirm', (event) => {
    const question = event.detail.question;
    if (successorConfirmed && event.detail.elt === successorConfirmed) {
      successorConfirmed = null;
      event.preventDefault();
      event.detail.issueRequest(true);
      return;
    }
    const modalElement = document.getElementById('confirm-modal');
    if (!question || !modalElement || !window.bootstrap) {
      return;
    }
    event.preventDefault();
    pending = event.detail;
    document.getElementById('confirm-text').textContent = question;
    document.getElementById('confirm-ok').textContent = event.detail.elt.dataset.confirmButton || 'Yes';
    bootstrap.Modal.getOrCreateInstance(modalElement).show();
  });
  document.addEventListener('click', (event) => {
    if (!event.target || event.target.id !== 'confirm-ok' || !pending) {
      return;
    }
    const confirmed = pending;
    pending = null;
    bootstrap.Modal.getOrCreateInstance(document.getElementById('confirm-modal')).hide();
    if (confirmed.elt.isConnected) {
      confirmed.issueRequest(true);
      return;
    }
    // A live update replaced the form while the dialog was open: its successor (same
    // action) is sent. If the action is no longer offered, nothing is sent.
    const successor = Array.from(document.querySelectorAll('form[hx-post]'))
      .find((form) => form.getAttribute('hx-post') === confirmed.elt.getAttribute('hx-post'));
    if (successor) {
      successorConfirmed = successor;
      htmx.trigger(successor, 'submit');
    }
  });
  document.addEventListener('htmx:configRequest', (event) => {
    const back = event.detail.elt.querySelector && event.detail.elt.querySelector('input[name="back"]');
    if (back) {
      event.detail.parameters.set('back', window.location.pathname + window.location.search);
    }
  });
  // An action the server refused with an error page (not a redirect): show that page.
  document.addEventListener('htmx:responseError', (event) => {
    if (event.detail.requestConfig && event.detail.requestConfig.verb === 'post') {
      document.open();
      document.write(event.detail.xhr.responseText);
      document.close();
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

  /**
   * Has a fragment fetch itself again (its hx-trigger="dcf:refresh"). The event does not
   * bubble: a fragment inside another (the stats card in the job's live part, a row in
   * the list) must not refresh the outer one too. Asked while the fragment's own fetch is
   * under way, the refresh follows that fetch, once however often it was asked: started at
   * once, it would abort the fetch under way (hx-sync "this:replace"), and messages coming
   * faster than the server answers would never let a fetch finish.
   */
  const followUps = new Set();

  function refresh(element) {
    if (!element) {
      return;
    }
    if (element.id && element.classList.contains('htmx-request')) {
      followUps.add(element.id);
      return;
    }
    element.dispatchEvent(new Event('dcf:refresh'));
  }

  document.addEventListener('htmx:afterRequest', (event) => {
    const id = event.detail.elt && event.detail.elt.id;
    if (id && followUps.delete(id)) {
      // the fragment may have been swapped for a new element of the same id
      refresh(document.getElementById(id));
    }
  });

  window.Dcf = { live, json, enhance, throttle, clock, refresh };

  if (window.htmx) {
    // What htmx puts in place gets local times and progress bars too, and says when it came.
    htmx.onLoad((root) => {
      if (root === document.body || !root.dataset) {
        return;
      }
      root.dataset.updatedAt = String(Date.now());
      enhance(root);
    });
    // An ended session answers a fragment request with the login page: show it as a page.
    document.addEventListener('htmx:beforeSwap', (event) => {
      const url = event.detail.xhr.responseURL;
      if (url && new URL(url).pathname.endsWith('/login')) {
        event.detail.shouldSwap = false;
        window.location.reload();
      }
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    enhance(document);
    setInterval(tick, 1000);
  });
})();
