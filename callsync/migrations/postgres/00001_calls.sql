-- +goose Up
CREATE TABLE omicall_calls (
    transaction_id    text PRIMARY KEY,
    direction         text NOT NULL DEFAULT '',
    state             text NOT NULL,
    extension         text NOT NULL DEFAULT '',
    customer_number   text NOT NULL DEFAULT '',
    hotline           text NOT NULL DEFAULT '',
    started_at        timestamptz,
    answered_at       timestamptz,
    ended_at          timestamptz,
    duration_sec      integer NOT NULL DEFAULT 0,
    bill_sec          integer NOT NULL DEFAULT 0,
    disposition       text NOT NULL DEFAULT '',
    recording_url     text NOT NULL DEFAULT '',
    source            text NOT NULL CHECK (source IN ('hook', 'history')),
    source_updated_at timestamptz NOT NULL,
    synced_at         timestamptz NOT NULL,
    record            json NOT NULL
);
CREATE INDEX omicall_calls_extension_started ON omicall_calls (extension, started_at);
CREATE INDEX omicall_calls_customer_started ON omicall_calls (customer_number, started_at);
CREATE INDEX omicall_calls_started ON omicall_calls (started_at);

CREATE TABLE omicall_sync_state (
    name       text PRIMARY KEY,
    value      text NOT NULL,
    updated_at timestamptz NOT NULL
);

-- +goose Down
DROP TABLE omicall_sync_state;
DROP TABLE omicall_calls;
