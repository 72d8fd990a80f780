/**
 * Test kit for every module's tests: the shared embedded broker and registry
 * ({@link dev.dcf.testsupport.SharedInfrastructure}), the Docker condition
 * ({@link dev.dcf.testsupport.RequiresDocker}) and helpers
 * ({@link dev.dcf.testsupport.DockerCli}, {@link dev.dcf.testsupport.DockerInspector}),
 * the locally built test images ({@link dev.dcf.testsupport.TestImages}), clocks,
 * clients, topics, the fault proxy ({@link dev.dcf.testsupport.TcpProxy}), a fake image
 * registry and the benchmarks' raw-Docker baseline. Main code of the module
 * {@code test-support}, which every other module takes in test scope only, so that no
 * shipped jar carries it.
 */
package dev.dcf.testsupport;
