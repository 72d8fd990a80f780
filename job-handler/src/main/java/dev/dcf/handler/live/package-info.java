/**
 * The live GUI: STOMP over websockets at {@code /ws}. Pushes small JSON messages on
 * {@code /topic/jobs}, {@code /topic/jobs/{id}} and {@code /topic/agents} after the
 * changes that caused them are committed; browsers only subscribe.
 */
package dev.dcf.handler.live;
