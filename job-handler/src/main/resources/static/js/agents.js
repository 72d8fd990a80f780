/*
 * Agents page: every agent message (a heartbeat or a lost agent) re-fetches the cards;
 * heartbeat ages tick in dcf.js.
 */
(function () {
  'use strict';

  function refresh() {
    Dcf.fragment('/agents/cards').then((fresh) => {
      if (!fresh) {
        return;
      }
      fresh.dataset.updatedAt = String(Date.now());
      document.getElementById('cards').replaceWith(fresh);
      Dcf.enhance(fresh);
    }).catch((error) => console.warn(error));
  }

  Dcf.live([{ topic: '/topic/agents', handler: Dcf.throttle(refresh, 500) }], refresh);
})();
