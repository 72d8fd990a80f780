/*
 * Jobs page: every live job message re-fetches that job's row from the server
 * (/jobs/{id}/row) and puts it in place, so the table never needs a reload. New jobs
 * appear on the first page when they match the filter; deleted jobs disappear. After each
 * throughput sampling round the rates of the rows and of all of DCF are updated in place.
 */
(function () {
  'use strict';

  const body = document.body;
  const rows = document.getElementById('job-rows');
  const firstPage = body.dataset.firstPage === 'true';
  const filter = (body.dataset.filter || '').split(',').filter((s) => s.length > 0);
  // The newest request per job wins: an older answer must not overwrite a newer one.
  const latest = new Map();
  let requests = 0;

  function matchesFilter(state) {
    return filter.length === 0 || filter.includes(state);
  }

  function refresh(jobId, insertIfMissing) {
    const request = ++requests;
    latest.set(jobId, request);
    Dcf.fragment('/jobs/' + encodeURIComponent(jobId) + '/row').then((fresh) => {
      if (latest.get(jobId) !== request || fresh === undefined) {
        return;
      }
      const existing = document.getElementById('job-' + jobId);
      if (fresh === null) {
        if (existing) {
          existing.remove();
        }
        return;
      }
      fresh.dataset.updatedAt = String(Date.now());
      fresh.classList.add('live-updated');
      if (existing) {
        existing.replaceWith(fresh);
      } else if (insertIfMissing) {
        const empty = document.getElementById('no-jobs');
        if (empty) {
          empty.remove();
        }
        rows.prepend(fresh);
      } else {
        return;
      }
      Dcf.enhance(fresh);
    }).catch((error) => console.warn(error));
  }

  function onJob(message) {
    if (!message || !message.jobId) {
      return;
    }
    const existing = document.getElementById('job-' + message.jobId);
    if (message.type === 'deleted') {
      if (existing) {
        existing.remove();
      }
      return;
    }
    if (existing) {
      refresh(message.jobId, false);
    } else if (message.type === 'state' && firstPage && matchesFilter(message.to)) {
      refresh(message.jobId, true);
    }
  }

  function refreshAll() {
    document.querySelectorAll('#job-rows .job-row').forEach((row) => refresh(row.dataset.jobId, false));
  }

  // Jobs that may have moved on by themselves while the page loaded (placed, started,
  // stopped): fetched again once subscribed. Others wait for their message.
  function refreshMoving() {
    document.querySelectorAll('#job-rows .job-row').forEach((row) => {
      if (['SCHEDULED', 'DEPLOYING', 'STOPPING'].includes(row.dataset.state)) {
        refresh(row.dataset.jobId, false);
      }
    });
  }

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
    refreshAll, refreshMoving);
})();
