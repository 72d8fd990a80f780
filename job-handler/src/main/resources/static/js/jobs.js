/*
 * Jobs page, live. The list is htmx (templates/jobs/list.html): the search, the state
 * pills, the column headers and the page links swap #jobs-results, and every row fetches
 * itself again (/jobs/{id}/row) on "dcf:refresh", the newest request winning. This script
 * only turns live messages into those refreshes: a shown job's row refreshes, a job that is
 * not shown refreshes the list when it may belong on it (the first page, the state
 * filter), a deleted job's row goes. After each throughput sampling round the rates of the
 * rows and of all of DCF are written in place (the message carries them).
 *
 * Messages are gathered: the first is applied at once, the next ones after a pause (400 ms
 * after the list was fetched, 100 ms after rows were), and never while the list is being
 * fetched. When DCF is busy (tens of changes a second) a page makes one list fetch per
 * interval instead of one per message, and no list fetch is cut short by the next message
 * (which left a busy page showing nothing new until the messages stopped); a change or
 * two to shown rows still shows within a tenth of a second.
 */
(function () {
  'use strict';

  const results = () => document.getElementById('jobs-results');
  const rowOf = (jobId) => document.getElementById('job-' + jobId);
  // Rows asked for while the list itself was being fetched: that answer may be older.
  const askedDuringList = new Set();
  let listRequests = 0;

  function matchesFilter(list, state) {
    const filter = (list.dataset.filter || '').split(',').filter((s) => s.length > 0);
    return filter.length === 0 || filter.includes(state);
  }

  function refreshRow(jobId) {
    const row = rowOf(jobId);
    if (row) {
      if (listRequests > 0) {
        askedDuringList.add(jobId);
      }
      Dcf.refresh(row);
    }
  }

  function refreshList() {
    const list = results();
    if (list) {
      Dcf.refresh(list);
    }
  }

  const PAUSE_AFTER_LIST_MS = 400;
  const PAUSE_AFTER_ROWS_MS = 100;
  // More changed rows than this at once: the list is fetched instead (one request).
  const MAX_ROWS = 4;
  const pendingRows = new Set();
  let pendingList = false;
  let flushTimer = null;
  let nextFlushAt = 0;

  function flush() {
    flushTimer = null;
    if (listRequests > 0) {
      return; // htmx:afterRequest of the list schedules again
    }
    if (pendingList || pendingRows.size > MAX_ROWS) {
      pendingList = false;
      pendingRows.clear();
      nextFlushAt = Date.now() + PAUSE_AFTER_LIST_MS;
      refreshList();
    } else {
      const rows = Array.from(pendingRows);
      pendingRows.clear();
      nextFlushAt = Date.now() + PAUSE_AFTER_ROWS_MS;
      rows.forEach(refreshRow);
    }
  }

  function scheduleFlush() {
    if (flushTimer === null && (pendingList || pendingRows.size > 0)) {
      flushTimer = setTimeout(flush, Math.max(0, nextFlushAt - Date.now()));
    }
  }

  function onJob(message) {
    if (!message || !message.jobId) {
      return;
    }
    const existing = rowOf(message.jobId);
    if (message.type === 'deleted') {
      if (existing) {
        existing.remove();
      }
      pendingRows.delete(message.jobId);
      return;
    }
    const list = results();
    if (existing) {
      pendingRows.add(message.jobId);
    } else if (message.type === 'state' && list && list.dataset.firstPage === 'true'
        && matchesFilter(list, message.to)) {
      pendingList = true;
    }
    scheduleFlush();
  }

  // Jobs that may have moved on by themselves while the page loaded (placed, started,
  // stopped): fetched again once subscribed. Others wait for their message.
  function refreshMoving() {
    document.querySelectorAll('#job-rows .job-row').forEach((row) => {
      if (['SCHEDULED', 'DEPLOYING', 'STOPPING'].includes(row.dataset.state)) {
        refreshRow(row.dataset.jobId);
      }
    });
  }

  const isList = (event) => event.detail.target && event.detail.target.id === 'jobs-results';
  document.body.addEventListener('htmx:beforeRequest', (event) => {
    if (isList(event)) {
      listRequests++;
    }
  });
  document.body.addEventListener('htmx:afterRequest', (event) => {
    if (isList(event)) {
      listRequests = Math.max(0, listRequests - 1);
      if (listRequests === 0) {
        const again = Array.from(askedDuringList);
        askedDuringList.clear();
        again.forEach(refreshRow);
        scheduleFlush();
      }
    }
  });
  // A row whose job is gone (404) leaves the table.
  document.body.addEventListener('htmx:responseError', (event) => {
    const row = event.detail.elt;
    if (event.detail.xhr.status === 404 && row.classList.contains('job-row')) {
      row.remove();
    }
  });
  // A row replaced by a live message flashes; rows that came with a fresh list say when
  // they came too (a row may change state that way).
  htmx.onLoad((element) => {
    if (element === document.body || !element.classList) {
      return;
    }
    if (element.classList.contains('job-row')) {
      element.classList.add('live-updated');
    }
    element.querySelectorAll('.job-row').forEach((row) => { row.dataset.updatedAt = String(Date.now()); });
  });

  const rate = (value) => (value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')) + '/s';

  // After each sampling round: every row's rate and the sum for all of DCF.
  function onThroughput(message) {
    if (!message || !message.rates) {
      return;
    }
    const total = document.getElementById('total-rate');
    if (total) {
      total.textContent = rate(message.totalRecordsPerSecond);
    }
    document.querySelectorAll('#job-rows .job-row').forEach((row) => {
      const cell = row.querySelector('.job-rate');
      const value = message.rates[row.dataset.jobId];
      if (cell) {
        cell.textContent = value === undefined ? '–' : rate(value);
      }
    });
  }

  Dcf.live([{ topic: '/topic/jobs', handler: onJob }, { topic: '/topic/throughput', handler: onThroughput }],
    refreshList, refreshMoving);
})();
