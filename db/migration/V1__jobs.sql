-- Ferry's job store. PostgreSQL is the single source of truth: every job, its files and every status
-- transition live here, and the database itself holds every invariant it can.

create table job (
    id                uuid        primary key default gen_random_uuid(),
    status            text        not null default 'queued'
                      check (status in ('queued', 'processing', 'retrying', 'completed', 'failed', 'cancelled')),
    -- 0 = high, 1 = normal, 2 = low: claimed in ascending order.
    priority          smallint    not null default 1 check (priority in (0, 1, 2)),
    attempt           integer     not null default 0 check (attempt >= 0),
    max_attempts      integer     not null default 3 check (max_attempts between 1 and 20),
    next_attempt_at   timestamptz not null default now(),
    lease_owner       text,
    lease_expires_at  timestamptz,
    total_files       integer     not null check (total_files between 1 and 10000),
    files_done        integer     not null default 0 check (files_done >= 0),
    files_failed      integer     not null default 0 check (files_failed >= 0),
    bytes_done        bigint      not null default 0 check (bytes_done >= 0),
    -- Sum of the sizes known so far (a source may not announce its length).
    bytes_total       bigint      not null default 0 check (bytes_total >= 0),
    callback_url      text,
    error             text,
    idempotency_key   text        unique,
    request_hash      text,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    -- First claimed; with finished_at, how long the work itself took (feeds the duration estimate).
    started_at        timestamptz,
    finished_at       timestamptz,
    constraint job_files_counted check (files_done + files_failed <= total_files),
    constraint job_finished_exactly_when_terminal
        check ((status in ('completed', 'failed', 'cancelled')) = (finished_at is not null)),
    constraint job_leased_exactly_when_processing
        check ((status = 'processing') = (lease_owner is not null and lease_expires_at is not null)),
    constraint job_idempotency_pair check ((idempotency_key is null) = (request_hash is null))
);

-- The claim query: claimable jobs in priority order.
create index job_claimable on job (priority, next_attempt_at, id) where status in ('queued', 'retrying');
-- The rescuer: expired leases.
create index job_leases on job (lease_expires_at) where status = 'processing';
-- The list query, newest first, with and without a status filter.
create index job_newest on job (created_at desc, id desc);
create index job_status_newest on job (status, created_at desc, id desc);
-- Recent throughput, for the estimated duration of a new job.
create index job_recently_completed on job (finished_at desc) where status = 'completed';

create table job_file (
    job_id           uuid        not null references job (id) on delete cascade,
    idx              integer     not null check (idx >= 0),
    url              text        not null,
    name             text        not null,
    expected_sha256  text        check (expected_sha256 ~ '^[0-9a-f]{64}$'),
    status           text        not null default 'queued'
                     check (status in ('queued', 'transferring', 'done', 'failed', 'skipped')),
    bytes_done       bigint      not null default 0 check (bytes_done >= 0),
    bytes_total      bigint      check (bytes_total >= 0),
    sha256           text        check (sha256 ~ '^[0-9a-f]{64}$'),
    storage_key      text,
    -- The open multipart upload, persisted so that whoever deletes the job can abort it.
    upload_id        text,
    error            text,
    updated_at       timestamptz not null default now(),
    primary key (job_id, idx),
    constraint job_file_done_has_object check (status <> 'done' or (storage_key is not null and sha256 is not null))
);

create table job_event (
    id           bigserial   primary key,
    job_id       uuid        not null references job (id) on delete cascade,
    from_status  text,
    to_status    text        not null,
    attempt      integer     not null,
    reason       text        not null,
    at           timestamptz not null default now()
);
create index job_event_by_job on job_event (job_id, id);

-- Wakes idle dispatchers the moment there is work; their slow poll is only the backstop.
create function job_notify_claimable() returns trigger language plpgsql as $$
begin
    perform pg_notify('ferry_jobs', '');
    return null;
end $$;

create trigger job_claimable_inserted after insert on job
    for each statement execute function job_notify_claimable();
