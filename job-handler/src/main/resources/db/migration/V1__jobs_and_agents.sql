-- Jobs, their settings, timeline and containers; agents with labels and checks.
-- Portable SQL: runs unchanged on H2 (default) and PostgreSQL (profile postgres).

create table job (
    id                varchar(36)   not null,
    version           bigint        not null,
    name              varchar(100)  not null,
    description       varchar(2000),
    image             varchar(255)  not null,
    topic             varchar(249)  not null,
    containers        integer       not null,
    cpu_limit         double precision not null,
    memory_limit_mb   integer       not null,
    duration_seconds  bigint        not null,
    start_at          timestamp with time zone,
    state             varchar(16)   not null,
    state_reason      varchar(1000),
    state_changed_at  timestamp with time zone not null,
    agent_id          varchar(255),
    owner             varchar(100)  not null,
    run_number        integer       not null,
    status_sequence   bigint,
    created_at        timestamp with time zone not null,
    started_at        timestamp with time zone,
    finished_at       timestamp with time zone,
    constraint pk_job primary key (id)
);

create index ix_job_state on job (state);
create index ix_job_created_at on job (created_at);
create index ix_job_agent_id on job (agent_id);

create table job_command (
    job_id    varchar(36)   not null,
    position  integer       not null,
    arg       varchar(4096) not null,
    constraint pk_job_command primary key (job_id, position),
    constraint fk_job_command_job foreign key (job_id) references job (id) on delete cascade
);

create table job_env (
    job_id     varchar(36)   not null,
    position   integer       not null,
    env_name   varchar(255)  not null,
    env_value  varchar(4096) not null,
    constraint pk_job_env primary key (job_id, position),
    constraint fk_job_env_job foreign key (job_id) references job (id) on delete cascade
);

create table job_agent_label (
    job_id       varchar(36)  not null,
    label_key    varchar(128) not null,
    label_value  varchar(256) not null,
    constraint pk_job_agent_label primary key (job_id, label_key),
    constraint fk_job_agent_label_job foreign key (job_id) references job (id) on delete cascade
);

create table job_event (
    job_id       varchar(36)  not null,
    seq          integer      not null,
    run_number   integer      not null,
    occurred_at  timestamp with time zone not null,
    from_state   varchar(16),
    to_state     varchar(16)  not null,
    reason       varchar(1000),
    constraint pk_job_event primary key (job_id, seq),
    constraint fk_job_event_job foreign key (job_id) references job (id) on delete cascade
);

create table job_container (
    id               varchar(36)  not null,
    version          bigint       not null,
    job_id           varchar(36)  not null,
    run_number       integer      not null,
    container_index  integer      not null,
    container_id     varchar(128),
    name             varchar(255),
    agent_id         varchar(255) not null,
    state            varchar(16)  not null,
    exit_code        integer,
    started_at       timestamp with time zone,
    finished_at      timestamp with time zone,
    updated_at       timestamp with time zone not null,
    constraint pk_job_container primary key (id),
    constraint uk_job_container_run_index unique (job_id, run_number, container_index),
    constraint fk_job_container_job foreign key (job_id) references job (id) on delete cascade
);

create index ix_job_container_agent_id on job_container (agent_id);

create table agent (
    id                     varchar(255) not null,
    version                bigint       not null,
    hostname               varchar(255),
    agent_version          varchar(100),
    docker_version         varchar(100),
    status                 varchar(16)  not null,
    status_changed_at      timestamp with time zone not null,
    cpus                   double precision not null,
    memory_total_bytes     bigint       not null,
    memory_free_bytes      bigint       not null,
    disk_free_bytes        bigint,
    running_containers     integer      not null,
    max_containers         integer      not null,
    heartbeat_interval_ms  bigint       not null,
    last_sequence          bigint       not null,
    last_heartbeat_at      timestamp with time zone not null,
    last_sent_at           timestamp with time zone,
    first_seen_at          timestamp with time zone not null,
    constraint pk_agent primary key (id)
);

create table agent_label (
    agent_id     varchar(255)  not null,
    label_key    varchar(255)  not null,
    label_value  varchar(1000) not null,
    constraint pk_agent_label primary key (agent_id, label_key),
    constraint fk_agent_label_agent foreign key (agent_id) references agent (id) on delete cascade
);

create table agent_check (
    agent_id    varchar(255)  not null,
    position    integer       not null,
    check_name  varchar(255)  not null,
    passed      boolean       not null,
    message     varchar(1000),
    constraint pk_agent_check primary key (agent_id, position),
    constraint fk_agent_check_agent foreign key (agent_id) references agent (id) on delete cascade
);
