-- Accounts, sessions, workspaces, members, invitations, configuration, the
-- audit log and the mail outbox. Kept textually identical to
-- sqlite/0002_core.sql except where a dialect differs (none here: times are
-- RFC 3339 text, JSON is text, ids are text).
CREATE TABLE users (
    id                TEXT PRIMARY KEY NOT NULL,
    email             TEXT NOT NULL,
    name              TEXT NOT NULL,
    avatar_url        TEXT,
    password_hash     TEXT,
    status            TEXT NOT NULL DEFAULT 'active',
    created_at        TEXT NOT NULL,
    last_workspace_id TEXT
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE workspaces (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    region      TEXT NOT NULL,
    domain      TEXT,
    logo_url    TEXT,
    colour      TEXT,
    description TEXT NOT NULL DEFAULT '',
    countries   TEXT NOT NULL DEFAULT '[]',
    status      TEXT NOT NULL DEFAULT 'active',
    created_at  TEXT NOT NULL
);

CREATE TABLE members (
    id              TEXT PRIMARY KEY NOT NULL,
    workspace_id    TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    -- NULL while an invitee has not accepted (and for API keys).
    user_id         TEXT REFERENCES users (id) ON DELETE CASCADE,
    api_key_id      TEXT,
    name            TEXT NOT NULL,
    email           TEXT NOT NULL,
    role            TEXT NOT NULL,
    status          TEXT NOT NULL,
    feature_access  TEXT NOT NULL DEFAULT '"all"',
    resource_access TEXT NOT NULL DEFAULT '"all"',
    joined_at       TEXT NOT NULL,
    invited_by      TEXT,
    CHECK (user_id IS NULL OR api_key_id IS NULL)
);
CREATE UNIQUE INDEX members_workspace_user ON members (workspace_id, user_id);
CREATE INDEX members_user ON members (user_id);
CREATE INDEX members_by_name ON members (workspace_id, name, id);
CREATE INDEX members_by_email ON members (workspace_id, email, id);
CREATE INDEX members_by_joined ON members (workspace_id, joined_at, id);
CREATE INDEX members_by_role ON members (workspace_id, role, id);

CREATE TABLE invitations (
    id              TEXT PRIMARY KEY NOT NULL,
    workspace_id    TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    -- The invited member row (status `invited`) this invitation activates.
    member_id       TEXT NOT NULL,
    email           TEXT NOT NULL,
    role            TEXT NOT NULL,
    feature_access  TEXT NOT NULL DEFAULT '"all"',
    resource_access TEXT NOT NULL DEFAULT '"all"',
    token_hash      TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    invited_by      TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX invitations_workspace ON invitations (workspace_id, created_at, id);
CREATE INDEX invitations_email ON invitations (email, status);

CREATE TABLE workspace_config (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    value        TEXT NOT NULL,
    PRIMARY KEY (workspace_id, key)
);

CREATE TABLE audit_events (
    id           TEXT PRIMARY KEY NOT NULL,
    workspace_id TEXT NOT NULL,
    actor        TEXT,
    action       TEXT NOT NULL,
    target       TEXT,
    before       TEXT,
    after        TEXT,
    at           TEXT NOT NULL,
    ip           TEXT,
    user_agent   TEXT
);
CREATE INDEX audit_events_workspace ON audit_events (workspace_id, at, id);

CREATE TABLE outbox (
    id           TEXT PRIMARY KEY NOT NULL,
    workspace_id TEXT,
    recipient    TEXT NOT NULL,
    subject      TEXT NOT NULL,
    body         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX outbox_workspace ON outbox (workspace_id, created_at, id);
