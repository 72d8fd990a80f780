-- Runs and their reports (docs/job-lifecycle.md, "Runs"): one row per run of a job, filled
-- from the job's state changes; bytes and peak rate come from the throughput sampler and
-- stay null when unknown. The image digest each container actually ran (reported by its
-- agent), and the image a "run again identically" pinned the job's current run to.
-- Jobs that ran before this migration have no rows for their earlier runs. Portable SQL.

create table job_run (
    id                  varchar(36)   not null,
    version             bigint        not null,
    job_id              varchar(36)   not null,
    run_number          integer       not null,
    agents              varchar(2000),
    started_at          timestamp with time zone not null,
    running_at          timestamp with time zone,
    ended_at            timestamp with time zone,
    last_state          varchar(16)   not null,
    end_reason          varchar(1000),
    records             bigint,
    bytes               bigint,
    peak_records_per_second double precision,
    image               varchar(255)  not null,
    constraint pk_job_run primary key (id),
    constraint uk_job_run_number unique (job_id, run_number),
    constraint fk_job_run_job foreign key (job_id) references job (id) on delete cascade
);

alter table job_container add column image_digest varchar(400);
alter table job add column pinned_image varchar(400);
