-- Foundation: tenants, identity, memberships, API tokens, audit log, idempotency, channels.
--
-- Tenancy: every business table carries tenant_id and it leads the primary key and every index,
-- so the schema distributes by tenant_id on Citus. Identity is the exception: a person's account
-- (users) and their browser sessions (sessions) exist across tenants and are the control plane
-- (Citus reference tables).

create table tenants (
  tenant_id   text primary key,
  name        text not null,
  time_zone   text not null default 'Asia/Shanghai',
  currency    char(3) not null default 'CNY',
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);

create table users (
  user_id         text primary key,
  email           text not null,
  display_name    text not null,
  password_hash   text not null,
  failed_logins   integer not null default 0,
  locked_until    timestamptz,
  disabled_at     timestamptz,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

create table memberships (
  tenant_id   text not null references tenants (tenant_id),
  user_id     text not null references users (user_id),
  role        text not null,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  primary key (tenant_id, user_id)
);
-- Login lists a person's tenants; this is the one lookup that starts from the user.
create index memberships_user_idx on memberships (user_id, tenant_id);

create table sessions (
  session_hash  text primary key,          -- sha256 of the cookie value; the value itself is never stored
  user_id       text not null references users (user_id),
  tenant_id     text references tenants (tenant_id),
  csrf_token    text not null,
  created_at    timestamptz not null default now(),
  expires_at    timestamptz not null,
  last_seen_at  timestamptz not null default now()
);
create index sessions_user_idx on sessions (user_id);

create table api_tokens (
  tenant_id     text not null references tenants (tenant_id),
  token_id      text not null,
  user_id       text not null references users (user_id),
  name          text not null,
  role          text not null,
  secret_hash   text not null,             -- sha256 of the secret part; shown once at creation
  created_at    timestamptz not null default now(),
  expires_at    timestamptz,
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  primary key (tenant_id, token_id)
);
create index api_tokens_user_idx on api_tokens (tenant_id, user_id);

create table audit_log (
  tenant_id    text not null references tenants (tenant_id),
  audit_id     text not null,              -- time-sortable
  occurred_at  timestamptz not null default now(),
  actor_type   text not null,              -- user | token | system
  actor_id     text,
  action       text not null,              -- create | update | delete | login | …
  entity_type  text not null,
  entity_id    text not null,
  changes      jsonb not null default '{}'::jsonb,  -- { field: { before, after } }
  request_id   text,
  primary key (tenant_id, audit_id)
);
create index audit_log_entity_idx on audit_log (tenant_id, entity_type, entity_id, audit_id);

-- The audit log is append-only: the database itself refuses to change or remove an entry.
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = '42501';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();

create table idempotency_keys (
  tenant_id      text not null references tenants (tenant_id),
  actor_id       text not null,
  idem_key       text not null,
  method         text not null,
  path           text not null,
  request_hash   text not null,
  status_code    integer,                  -- null while the first request is in flight
  response_body  jsonb,
  created_at     timestamptz not null default now(),
  primary key (tenant_id, actor_id, idem_key)
);
create index idempotency_keys_created_idx on idempotency_keys (tenant_id, created_at);

create table channels (
  tenant_id          text not null references tenants (tenant_id),
  channel_id         text not null,
  code               text not null,
  name               text not null,
  platform           text not null,
  commission_bp      integer not null default 0 check (commission_bp between 0 and 10000),
  ship_within_hours  integer not null default 48 check (ship_within_hours between 1 and 720),
  status             text not null default 'active',
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now(),
  primary key (tenant_id, channel_id)
);
create unique index channels_code_key on channels (tenant_id, code);
