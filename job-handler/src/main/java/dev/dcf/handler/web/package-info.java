/**
 * The browser GUI: Thymeleaf pages (login, jobs, new job, job detail, agents), their form
 * objects and view models, and the HTML error page of these controllers. Live updates
 * come from {@code dev.dcf.handler.live}; the pages fetch fragments from here when a
 * message arrives.
 */
package dev.dcf.handler.web;
