/**
 * The command line
 * ({@code ./dcf apply|get|list|start|stop|delete|wait|logs|runs|report}): a thin client
 * of the job handler's REST API, plain Java (java.net.http and Jackson), no Spring. It
 * runs in the launcher's JVM before anything of DCF starts.
 */
package dev.dcf.standalone.cli;
