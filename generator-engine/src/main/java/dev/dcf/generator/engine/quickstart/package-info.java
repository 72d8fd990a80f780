/**
 * The built-in quickstarts (users, orders, pageviews, clickstream, stock_trades,
 * payments, sensor_readings): Avro schemas with hints kept as resources under
 * {@code quickstarts/}, each with its key field.
 */
package dev.dcf.generator.engine.quickstart;
