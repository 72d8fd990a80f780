/**
 * Secret environment values sealed for one agent inside an instruction
 * (docs/security.md): only the holder of the agent's private key opens them.
 */
package dev.dcf.schemes.seal;
