/*
 * Job page, container stats card: every stats message of the job (/topic/stats/{id}, one
 * per heartbeat that carried its containers' samples) fetches the card again. The agents
 * page needs nothing here: its cards are re-fetched with every heartbeat anyway.
 */
(function () {
  'use strict';

  const card = document.getElementById('stats');
  if (!card || !window.Dcf) {
    return;
  }
  const jobId = card.dataset.jobId;

  function refresh() {
    Dcf.fragment('/jobs/' + encodeURIComponent(jobId) + '/stats').then((fresh) => {
      const current = document.getElementById('stats');
      if (!fresh || !current) {
        return;
      }
      fresh.dataset.updatedAt = String(Date.now());
      current.replaceWith(fresh);
      Dcf.enhance(fresh);
    }).catch((error) => console.warn(error));
  }

  Dcf.live([{ topic: '/topic/stats/' + jobId, handler: Dcf.throttle(refresh, 500) }], refresh, refresh);
})();
