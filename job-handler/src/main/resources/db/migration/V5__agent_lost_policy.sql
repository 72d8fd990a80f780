-- What happens to a job when its agent is LOST: REPLACE (a new run on another agent) or
-- WAIT (stay LOST until the agent returns), and whether a replacement must wait until the
-- old run's containers are gone. Portable SQL.

alter table job add column on_agent_lost varchar(16) default 'REPLACE' not null;
alter table job add column exclusive_run boolean default false not null;
