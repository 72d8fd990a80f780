/**
 * Test kit for every module's tests: the shared embedded broker and registry
 * ({@link dev.dcf.standalone.testkit.SharedInfrastructure}), the Docker condition
 * ({@link dev.dcf.standalone.testkit.RequiresDocker}) and the locally built test images
 * ({@link dev.dcf.standalone.testkit.TestImages}). Main code of this module so that other
 * modules can use it in test scope; JUnit is an optional dependency.
 */
package dev.dcf.standalone.testkit;
