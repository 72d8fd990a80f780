-- A job may have a recurring schedule (a Quartz cron expression with seconds, read in an
-- IANA time zone); each firing starts a new run. armed: firings start runs (started or
-- resumed, not paused); last_firing: the newest firing handled (a repeat does nothing);
-- queued_firing: the one firing that waits for the active run to end (overlap queue).
-- All null: the job has no schedule. Its Quartz trigger lives in the Quartz tables (V2),
-- group dcf-cron. Portable SQL (H2, PostgreSQL).

alter table job add column schedule_cron varchar(200);
alter table job add column schedule_time_zone varchar(64);
alter table job add column schedule_overlap varchar(8);
alter table job add column schedule_armed boolean;
alter table job add column schedule_last_firing timestamp with time zone;
alter table job add column schedule_queued_firing timestamp with time zone;
