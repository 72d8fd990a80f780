/**
 * DCF's wire contract: topic names, Avro class trust; generated classes live in
 * {@code dev.dcf.schemes.avro}, the serde in {@code serde}, the registry client in
 * {@code registry}.
 */
package dev.dcf.schemes;
