-- +goose Up
CREATE TABLE omicall_calls (
    transaction_id    TEXT PRIMARY KEY,
    direction         TEXT NOT NULL DEFAULT '',
    state             TEXT NOT NULL,
    extension         TEXT NOT NULL DEFAULT '',
    customer_number   TEXT NOT NULL DEFAULT '',
    hotline           TEXT NOT NULL DEFAULT '',
    started_at        TEXT,
    answered_at       TEXT,
    ended_at          TEXT,
    duration_sec      INTEGER NOT NULL DEFAULT 0,
    bill_sec          INTEGER NOT NULL DEFAULT 0,
    disposition       TEXT NOT NULL DEFAULT '',
    recording_url     TEXT NOT NULL DEFAULT '',
    source            TEXT NOT NULL CHECK (source IN ('hook', 'history')),
    source_updated_at TEXT NOT NULL,
    synced_at         TEXT NOT NULL,
    record            TEXT NOT NULL
);
CREATE INDEX omicall_calls_extension_started ON omicall_calls (extension, started_at);
CREATE INDEX omicall_calls_customer_started ON omicall_calls (customer_number, started_at);
CREATE INDEX omicall_calls_started ON omicall_calls (started_at);

CREATE TABLE omicall_sync_state (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE omicall_sync_state;
DROP TABLE omicall_calls;
