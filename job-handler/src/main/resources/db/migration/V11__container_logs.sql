-- Container logs (docs/operations.md, "Container logs"): the end of each container's
-- output as its agent read it when the container exited (at most 100 lines, 16 KiB), kept
-- with the run after the container is gone. One row per (job, run, container index): a
-- later exit of the same container replaces it. Deleted with the job. Portable SQL.

create table container_log (
    id                  varchar(36)   not null,
    job_id              varchar(36)   not null,
    run_number          integer       not null,
    container_index     integer       not null,
    exit_code           integer,
    output              varchar(16384) not null,
    captured_at         timestamp with time zone not null,
    constraint pk_container_log primary key (id),
    constraint uk_container_log unique (job_id, run_number, container_index),
    constraint fk_container_log_job foreign key (job_id) references job (id) on delete cascade
);
