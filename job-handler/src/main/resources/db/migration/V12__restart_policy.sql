-- A job's restart policy (as Nomad's restart block), enforced by its agent: a container
-- that exits with a code other than 0 is restarted up to restart_attempts times within
-- restart_interval_ms, after restart_delay_ms doubling up to restart_max_delay_ms.
-- 0 attempts (every job so far): no restarts. Portable SQL (H2, PostgreSQL).

alter table job add column restart_attempts integer default 0 not null;
alter table job add column restart_interval_ms bigint default 600000 not null;
alter table job add column restart_delay_ms bigint default 5000 not null;
alter table job add column restart_max_delay_ms bigint default 60000 not null;
