-- Engage: email templates, campaigns, every message sent, the suppression list, double opt-in proofs, clicks,
-- bounces and complaints, and conversions attributed to campaigns.

-- Email templates. Tokens such as {{firstName}} are filled per person when a message is rendered.
CREATE TABLE engage_templates (
    id           bigserial PRIMARY KEY,
    name         text        NOT NULL,
    subject      text        NOT NULL,
    html         text        NOT NULL,
    text_body    text        NOT NULL,
    -- generated copy is marked and must be approved by a person before it is sent
    ai_generated boolean     NOT NULL DEFAULT false,
    approved_by  text,
    approved_at  timestamptz,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);

-- Topics a person can opt out of one by one in the preference centre (the newsletter, product news, ...).
CREATE TABLE engage_topics (
    key  text PRIMARY KEY,
    name text NOT NULL
);
INSERT INTO engage_topics (key, name) VALUES ('newsletter', 'Newsletter');

CREATE TABLE engage_topic_optouts (
    profile_id bigint      NOT NULL,
    topic      text        NOT NULL REFERENCES engage_topics (key),
    opted_out_at timestamptz NOT NULL,
    PRIMARY KEY (profile_id, topic)
);

CREATE TABLE engage_campaigns (
    id                 bigserial PRIMARY KEY,
    name               text        NOT NULL,
    template_id        bigint      NOT NULL REFERENCES engage_templates (id),
    topic              text        NOT NULL REFERENCES engage_topics (key),
    -- who receives it: {"kind": "all_subscribers"} | {"kind": "profiles", "ids": [...]} | {"kind": "segment", "key": "..."}
    audience           jsonb       NOT NULL,
    status             text        NOT NULL CHECK (status IN ('draft', 'scheduled', 'sending', 'paused', 'stopped', 'sent')),
    scheduled_at       timestamptz,
    holdout_percent    integer     NOT NULL DEFAULT 0 CHECK (holdout_percent BETWEEN 0 AND 50),
    -- an experiment on the subject line or content: {"mode": "ab"|"bandit", "metric": "click"|"conversion", "variants": [...]}
    experiment         jsonb,
    warning            text,
    stop_reason        text,
    created_at         timestamptz NOT NULL,
    started_at         timestamptz,
    finished_at        timestamptz
);

-- Every message: campaign sends, journey sends, test sends and confirmation mails. The row exists before the
-- message is sent (status queued), so a crash never sends one twice: a row found 'sending' after a restart is
-- marked 'interrupted', never sent again.
CREATE TABLE engage_deliveries (
    id            bigserial PRIMARY KEY,
    kind          text        NOT NULL CHECK (kind IN ('campaign', 'journey', 'test', 'confirmation')),
    campaign_id   bigint      REFERENCES engage_campaigns (id),
    journey_step  bigint,
    profile_id    bigint,
    user_id       text,
    email         text        NOT NULL,
    domain        text        NOT NULL,
    variant       text,
    status        text        NOT NULL CHECK (status IN ('queued', 'held_out', 'sending', 'sent', 'suppressed',
                                                        'no_consent', 'capped', 'skipped', 'failed', 'bounced',
                                                        'interrupted')),
    detail        text,
    message_id    text,
    not_before    timestamptz NOT NULL,
    created_at    timestamptz NOT NULL,
    claimed_at    timestamptz,
    sent_at       timestamptz,
    render_ms     real
);
CREATE UNIQUE INDEX engage_deliveries_campaign_profile ON engage_deliveries (campaign_id, profile_id)
    WHERE kind = 'campaign';
CREATE INDEX engage_deliveries_queue ON engage_deliveries (campaign_id, not_before) WHERE status = 'queued';
CREATE INDEX engage_deliveries_profile ON engage_deliveries (profile_id, created_at);
CREATE UNIQUE INDEX engage_deliveries_message_id ON engage_deliveries (message_id) WHERE message_id IS NOT NULL;

-- What recipients did with a message: clicks, opens (unreliable: privacy proxies fetch every pixel), unsubscribes,
-- bounces and complaints.
CREATE TABLE engage_interactions (
    id          bigserial PRIMARY KEY,
    delivery_id bigint      NOT NULL REFERENCES engage_deliveries (id),
    campaign_id bigint,
    kind        text        NOT NULL CHECK (kind IN ('click', 'open', 'unsubscribe', 'bounce', 'soft_bounce', 'complaint')),
    url         text,
    occurred_at timestamptz NOT NULL
);
CREATE INDEX engage_interactions_delivery ON engage_interactions (delivery_id, kind);
CREATE INDEX engage_interactions_campaign ON engage_interactions (campaign_id, kind) WHERE campaign_id IS NOT NULL;

-- Addresses that must never be mailed again. Only a keyed hash of the normalised address is kept (with its domain
-- for the statistics), so the list can outlive the erasure of the person.
CREATE TABLE engage_suppressions (
    address_hash text PRIMARY KEY,
    domain       text        NOT NULL,
    reason       text        NOT NULL CHECK (reason IN ('hard_bounce', 'complaint', 'unsubscribe', 'objection')),
    source       text        NOT NULL,
    created_at   timestamptz NOT NULL
);

-- Versioned consent texts: a proof of consent names the exact text the person agreed to.
CREATE TABLE engage_consent_texts (
    id         bigserial PRIMARY KEY,
    purpose    text        NOT NULL,
    version    integer     NOT NULL,
    locale     text        NOT NULL,
    text       text        NOT NULL,
    created_at timestamptz NOT NULL,
    UNIQUE (purpose, version, locale)
);
INSERT INTO engage_consent_texts (purpose, version, locale, text, created_at) VALUES
    ('email', 1, 'en', 'Yes, I would like to receive the newsletter with offers by email. I can unsubscribe at any time with the link in every email.', now()),
    ('email', 1, 'de', 'Ja, ich möchte den Newsletter mit Angeboten per E-Mail erhalten. Ich kann mich jederzeit über den Link in jeder E-Mail abmelden.', now());

-- Double opt-in: the proof of who asked, when, from which IP, for which consent text, and when they confirmed.
CREATE TABLE engage_consent_proofs (
    id              bigserial PRIMARY KEY,
    email           text        NOT NULL,
    profile_id      bigint,
    consent_text_id bigint      NOT NULL REFERENCES engage_consent_texts (id),
    source          text        NOT NULL,
    requested_at    timestamptz NOT NULL,
    request_ip      text        NOT NULL,
    request_agent   text,
    confirmed_at    timestamptz,
    confirm_ip      text,
    confirm_agent   text,
    delivery_id     bigint      REFERENCES engage_deliveries (id)
);
CREATE INDEX engage_consent_proofs_email ON engage_consent_proofs (email);

-- Orders attributed to campaigns: the last click within the attribution window, and orders of holdout members
-- for incrementality.
CREATE TABLE engage_conversions (
    delivery_id bigint         NOT NULL REFERENCES engage_deliveries (id),
    event_seq   bigint         NOT NULL,
    campaign_id bigint,
    revenue     numeric(18, 2) NOT NULL,
    clicked     boolean        NOT NULL,
    occurred_at timestamptz    NOT NULL,
    PRIMARY KEY (delivery_id, event_seq)
);
CREATE INDEX engage_conversions_campaign ON engage_conversions (campaign_id);

-- Engage reads the log from now on: attribution needs no events from before any message was sent.
INSERT INTO log_consumers (name, position) SELECT 'engage', coalesce(max(seq), 0) FROM events;
