package dev.dcf.handler.peek;

/**
 * A record header.
 *
 * @param name the header's key
 * @param value its value, as text or hexadecimal bytes
 */
public record PeekedHeader(String name, PeekedBytes value) {

}
