/**
 * A small client for the Confluent schema registry REST API: register, look up, fetch by
 * id, latest version; with caches, timeouts and Confluent's error codes.
 */
package dev.dcf.schemes.registry;
