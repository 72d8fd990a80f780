/*
 * Agents page: every agent message (a heartbeat or a lost agent) has the cards fetch
 * themselves again (htmx, templates/agents/list.html), at most every 500 ms and once more
 * after the last message; heartbeat ages tick in dcf.js.
 */
(function () {
  'use strict';

  function refresh() {
    const cards = document.getElementById('cards');
    if (cards) {
      Dcf.refresh(cards);
    }
  }

  Dcf.live([{ topic: '/topic/agents', handler: Dcf.throttle(refresh, 500) }], refresh);
})();
