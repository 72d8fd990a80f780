-- The agents that refused a job's current run get their own table (they were a
-- space-separated string in job.refused_by); the existing lists are split into rows.
-- The end offsets a run's record count starts from get a name that says so.
-- Portable SQL: runs unchanged on H2 and PostgreSQL.

create table job_refused_by (
    job_id    varchar(36)  not null,
    agent_id  varchar(255) not null,
    constraint pk_job_refused_by primary key (job_id, agent_id),
    constraint fk_job_refused_by_job foreign key (job_id) references job (id) on delete cascade
);

-- peels one agent id off the front of the list per step (ids contain no spaces)
insert into job_refused_by (job_id, agent_id)
with recursive refusal (job_id, agent_id, rest) as (
    select id,
           case when position(' ' in trim(refused_by)) = 0 then trim(refused_by)
                else substring(trim(refused_by) from 1 for position(' ' in trim(refused_by)) - 1) end,
           case when position(' ' in trim(refused_by)) = 0 then ''
                else trim(substring(trim(refused_by) from position(' ' in trim(refused_by)) + 1)) end
    from job
    where refused_by is not null and trim(refused_by) <> ''
    union all
    select job_id,
           case when position(' ' in rest) = 0 then rest
                else substring(rest from 1 for position(' ' in rest) - 1) end,
           case when position(' ' in rest) = 0 then ''
                else trim(substring(rest from position(' ' in rest) + 1)) end
    from refusal
    where rest <> ''
)
select distinct job_id, agent_id from refusal;

alter table job drop column refused_by;

alter table job rename column end_offsets_at_running to run_start_offsets;
