-- The job's topic as DCF manages it: partitions and, optionally, replication factor and
-- retention (hours) it is created with, what happens to it (KEEP, DELETE_WITH_JOB,
-- TRUNCATE_BEFORE_RUN), the run whose topic was prepared, and the run a start began with
-- (replacement runs continue it and do not truncate). Existing jobs get 3 partitions and
-- KEEP. Portable SQL.

alter table job add column topic_partitions integer default 3 not null;
alter table job add column topic_replication_factor integer;
alter table job add column topic_retention_hours integer;
alter table job add column topic_cleanup varchar(24) default 'KEEP' not null;
alter table job add column topic_prepared_run integer;
alter table job add column start_run integer;
