/**
 * Container logs (docs/operations.md, "Container logs"): the end of each container's
 * output as its agent read it when the container exited, kept per job, run and container
 * after the container is gone, for the newest {@value ContainerLogService#RUNS_KEPT} runs
 * of a job. {@link dev.dcf.handler.logs.ContainerLogService} keeps and reads them.
 */
package dev.dcf.handler.logs;
