-- Deploy timeout (when the run was placed on its agent), agents that refused the run
-- (placement skips them), and the records the run produced (end offsets of its topic
-- when it became RUNNING; the count, frozen when it left RUNNING). Portable SQL.

alter table job add column assigned_at timestamp with time zone;
alter table job add column refused_by varchar(2000);
alter table job add column end_offsets_at_running bigint;
alter table job add column records_produced bigint;
