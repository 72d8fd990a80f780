-- Personal API tokens (docs/usage.md, "API tokens"): a script sends
-- "Authorization: Bearer <token>" instead of a password. Only the SHA-256 of a token is
-- stored; its first characters are kept to tell tokens apart in lists. Revoking deletes
-- the row. Portable SQL.

create table api_token (
    id            varchar(36)   not null,
    owner         varchar(100)  not null,
    name          varchar(100)  not null,
    token_hash    varchar(64)   not null,
    prefix        varchar(16)   not null,
    created_at    timestamp with time zone not null,
    expires_at    timestamp with time zone not null,
    last_used_at  timestamp with time zone,
    constraint pk_api_token primary key (id),
    constraint uk_api_token_hash unique (token_hash)
);

create index ix_api_token_owner on api_token (owner);
