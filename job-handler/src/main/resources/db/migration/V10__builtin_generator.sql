-- A job may use the built-in generator (issue 13) instead of its own image: a quickstart,
-- a JSON template or an Avro schema with hints, plus key field, format and load profile.
-- All null: the job runs its own image. Texts up to 64 KiB. Portable SQL (H2, PostgreSQL).

alter table job add column generator_kind varchar(16);
alter table job add column generator_quickstart varchar(64);
alter table job add column generator_template varchar(65536);
alter table job add column generator_schema varchar(65536);
alter table job add column generator_key_field varchar(255);
alter table job add column generator_format varchar(16);
alter table job add column generator_profile varchar(1000);
