-- When the job's agent last reported progress on deploying the current run (it is pulling
-- the image): the deploy timeout counts from the later of this and assigned_at. Portable SQL.

alter table job add column deploy_progress_at timestamp with time zone;
