/*
 * The job page's logs card (fragments/logs.html): each container's kept output opens at its
 * end, where a failing generator says why, also after the live part of the page (which holds
 * the card) was fetched again.
 */
(() => {
  'use strict';

  function toTheEnd(root) {
    root.querySelectorAll('#container-logs .container-log-lines').forEach((pre) => {
      if (!pre.dataset.scrolled) {
        pre.scrollTop = pre.scrollHeight;
        pre.dataset.scrolled = 'true';
      }
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    toTheEnd(document);
    const live = document.getElementById('live');
    if (live && live.parentElement) {
      // job-detail.js replaces #live with a fresh copy: scroll the new card's blocks too
      new MutationObserver(() => toTheEnd(document)).observe(live.parentElement, { childList: true });
    }
  });
})();

/*
 * The live output card (fragments/logs.html, "live"): Follow opens the handler's event
 * stream of one container (its last 100 lines, then every new line); Pause keeps the
 * stream but stops adding lines to the view (they are counted and added on Resume);
 * Download saves what the view shows. The view keeps the newest 5,000 lines.
 */
(() => {
  'use strict';

  const MAX_LINES = 5000;

  document.addEventListener('DOMContentLoaded', () => {
    const card = document.getElementById('live-log');
    if (!card) {
      return;
    }
    const select = document.getElementById('live-log-index');
    const followButton = document.getElementById('live-log-follow');
    const pauseButton = document.getElementById('live-log-pause');
    const downloadButton = document.getElementById('live-log-download');
    const status = document.getElementById('live-log-status');
    const view = document.getElementById('live-log-lines');
    let source = null;
    let paused = false;
    let held = [];
    let shown = [];
    let received = 0;
    let dropped = 0;

    function say(text) {
      status.textContent = text;
    }

    function counts() {
      return `${received} lines` + (dropped > 0 ? `, ${dropped} dropped by the agent (too fast)` : '');
    }

    function show(lines) {
      shown = shown.concat(lines);
      if (shown.length > MAX_LINES) {
        shown = shown.slice(shown.length - MAX_LINES);
      }
      const atEnd = view.scrollTop + view.clientHeight >= view.scrollHeight - 4;
      view.textContent = shown.join('\n');
      if (atEnd) {
        view.scrollTop = view.scrollHeight;
      }
    }

    function stop(text) {
      if (source) {
        source.close();
        source = null;
      }
      followButton.textContent = 'Follow';
      pauseButton.disabled = true;
      pauseButton.textContent = 'Pause';
      if (held.length > 0) {
        show(held);
        held = [];
      }
      paused = false;
      card.dataset.following = 'false';
      say(text);
    }

    function follow() {
      shown = [];
      held = [];
      received = 0;
      dropped = 0;
      view.textContent = '';
      const url = card.dataset.followBase + select.value + '/logs/follow?tail=100';
      source = new EventSource(url);
      card.dataset.following = 'true';
      followButton.textContent = 'Stop following';
      pauseButton.disabled = false;
      downloadButton.disabled = false;
      say(`Following container ${select.value}…`);
      source.addEventListener('line', (event) => {
        received++;
        if (paused) {
          held.push(event.data);
          say(`Paused: ${held.length} new lines held · ${counts()}`);
        }
        else {
          show([event.data]);
          say(`Following container ${select.value} · ${counts()}`);
        }
      });
      source.addEventListener('dropped', (event) => {
        dropped += Number(event.data) || 0;
      });
      source.addEventListener('end', (event) => {
        stop(`Ended: ${event.data} · ${counts()}`);
      });
      source.addEventListener('error', () => {
        // the stream closed without an end (handler restarted, time bound): do not let
        // the browser reconnect by itself and replay the tail
        if (source) {
          stop(`Disconnected · ${counts()}`);
        }
      });
    }

    // the card belongs to an active job: shown or hidden as the page's live part (re-rendered
    // on every change, data-state) says; a card that holds followed lines stays
    const ACTIVE = ['DEPLOYING', 'RUNNING', 'STOPPING'];
    function syncWithState() {
      const live = document.getElementById('live');
      const active = live !== null && ACTIVE.includes(live.dataset.state);
      card.classList.toggle('d-none', !active && !source && shown.length === 0);
    }
    const liveParent = document.getElementById('live') && document.getElementById('live').parentElement;
    if (liveParent) {
      new MutationObserver(syncWithState).observe(liveParent, { childList: true });
    }

    followButton.addEventListener('click', () => {
      if (source) {
        stop(`Stopped following · ${counts()}`);
      }
      else {
        follow();
      }
    });
    pauseButton.addEventListener('click', () => {
      paused = !paused;
      pauseButton.textContent = paused ? 'Resume' : 'Pause';
      if (!paused && held.length > 0) {
        show(held);
        held = [];
      }
      say(paused ? `Paused · ${counts()}` : `Following container ${select.value} · ${counts()}`);
    });
    downloadButton.addEventListener('click', () => {
      const blob = new Blob([shown.join('\n') + '\n'], { type: 'text/plain' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `job-${card.dataset.job}-container-${select.value}.log`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    });
  });
})();
