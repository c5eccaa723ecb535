-- Customer service: tickets with their messages, the labelled examples the intent model learns from, which
-- intents may be answered automatically, the trained models' provenance, and rejected input kept for inspection.
CREATE TABLE service_tickets (
    id                bigserial        PRIMARY KEY,
    channel           text             NOT NULL CHECK (channel IN ('api', 'chat', 'email', 'chatwoot')),
    external_ref      text,
    sender            text             NOT NULL,
    email             text,
    user_id           text,
    profile_id        bigint,
    subject           text,
    language          text             NOT NULL,
    intent            text,
    confidence        double precision,
    margin            double precision,
    runner_up         text,
    out_of_scope      boolean          NOT NULL DEFAULT false,
    model_version     bigint,
    sentiment         double precision NOT NULL DEFAULT 0,
    urgency           double precision NOT NULL DEFAULT 0.3,
    urgency_level     text             NOT NULL DEFAULT 'NORMAL',
    entities          jsonb            NOT NULL DEFAULT '[]',
    context           jsonb            NOT NULL DEFAULT '{}',
    notes             jsonb            NOT NULL DEFAULT '[]',
    suggested_answer  text,
    answer_complete   boolean          NOT NULL DEFAULT false,
    status            text             NOT NULL CHECK (status IN ('received', 'draft', 'auto_answered', 'answered',
                                                                  'closed')),
    corrected_intent  text,
    reopened          boolean          NOT NULL DEFAULT false,
    created_at        timestamptz      NOT NULL,
    first_answer_at   timestamptz,
    answered_by       text             CHECK (answered_by IN ('automation', 'agent')),
    reply_to          jsonb            NOT NULL DEFAULT '{}'
);

CREATE INDEX service_tickets_open ON service_tickets (urgency DESC, created_at) WHERE status IN ('received', 'draft');
CREATE INDEX service_tickets_created ON service_tickets (created_at DESC);
CREATE INDEX service_tickets_profile ON service_tickets (profile_id, created_at DESC) WHERE profile_id IS NOT NULL;
CREATE INDEX service_tickets_email ON service_tickets (email, created_at DESC) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX service_tickets_external ON service_tickets (channel, external_ref) WHERE external_ref IS NOT NULL;

CREATE TABLE service_messages (
    id          bigserial   PRIMARY KEY,
    ticket_id   bigint      NOT NULL REFERENCES service_tickets (id) ON DELETE CASCADE,
    direction   text        NOT NULL CHECK (direction IN ('in', 'out')),
    body        text        NOT NULL,
    automated   boolean     NOT NULL DEFAULT false,
    author      text        NOT NULL,
    external_id text,
    created_at  timestamptz NOT NULL
);

CREATE INDEX service_messages_ticket ON service_messages (ticket_id, id);
CREATE UNIQUE INDEX service_messages_external ON service_messages (external_id) WHERE external_id IS NOT NULL;

CREATE TABLE service_examples (
    id         bigserial   PRIMARY KEY,
    text       text        NOT NULL,
    intent     text        NOT NULL,
    source     text        NOT NULL CHECK (source IN ('seed', 'correction', 'confirmation', 'api')),
    ticket_id  bigint      REFERENCES service_tickets (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL
);

CREATE UNIQUE INDEX service_examples_text ON service_examples (md5(text), intent);

CREATE TABLE service_intents (
    intent    text    PRIMARY KEY,
    automated boolean NOT NULL
);

CREATE TABLE service_models (
    id          bigserial   PRIMARY KEY,
    trained_at  timestamptz NOT NULL,
    examples    integer     NOT NULL,
    provenance  jsonb       NOT NULL,
    thresholds  jsonb       NOT NULL
);

CREATE TABLE service_rejections (
    id          bigserial   PRIMARY KEY,
    channel     text        NOT NULL,
    reason      text        NOT NULL,
    content     bytea       NOT NULL,
    received_at timestamptz NOT NULL
);
