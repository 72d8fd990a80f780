/**
 * Test kit for every module's tests: the shared embedded broker and registry
 * ({@link dev.dcf.testsupport.SharedInfrastructure}), the Docker condition
 * ({@link dev.dcf.testsupport.RequiresDocker}) and helpers, the locally built test images
 * ({@link dev.dcf.testsupport.TestImages}), clocks, clients and fault proxies. Main code
 * of the module {@code test-support}, which every other module takes in test scope only,
 * so that no shipped jar carries it.
 */
package dev.dcf.testsupport;
