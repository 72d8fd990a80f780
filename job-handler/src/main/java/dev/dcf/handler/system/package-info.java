/**
 * Cross-cutting set-up: security (users, login, API authentication), the clock, OpenAPI.
 */
package dev.dcf.handler.system;
