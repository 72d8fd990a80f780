-- A job may ask for a rate (records per second for the whole job) and a number of records
-- after which it ends; each container gets its share (RATE, MAX_RECORDS). Both optional.
-- Portable SQL.

alter table job add column target_rate double precision;
alter table job add column max_records bigint;
