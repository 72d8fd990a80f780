package dev.dcf.handler.job;

import java.util.Map;

/**
 * One record of a built-in generator's preview, as JSON shows it.
 *
 * @param key the key: {@code null}, a string or a JSON tree
 * @param value the value as a JSON tree (an Avro record as its fields)
 * @param headers header names and values
 */
public record PreviewRecord(Object key, Object value, Map<String, String> headers) {

}
