-- Secret env values (docs/security.md). A flag per variable; names that look secret
-- (PASSWORD, SECRET, TOKEN, KEY: SecretNames) are marked. SQL cannot encrypt: at start
-- the handler encrypts every secret value not yet encrypted with its primary key
-- (SecretsAtRest), so no plain value stays in the table once it has started.
alter table job_env add column env_secret boolean default false not null;
-- encrypted values are longer than the plain ones (base64, IV and tag)
alter table job_env alter column env_value set data type varchar(24000);
update job_env set env_secret = true
    where upper(env_name) like '%PASSWORD%' or upper(env_name) like '%SECRET%'
       or upper(env_name) like '%TOKEN%' or upper(env_name) like '%KEY%';

-- the public key an agent publishes in its heartbeat; secret values are sealed for it
alter table agent add column public_key varchar(1000);
