-- Hosted forms and their submissions, and landing pages.

CREATE TABLE engage_forms (
    key             text PRIMARY KEY,
    name            text        NOT NULL,
    -- [{"name": "email", "label": "Email", "type": "email", "required": true}, ...]; see FormDefinition
    fields          jsonb       NOT NULL,
    -- a consent checkbox bound to the current text of this purpose, or NULL for none
    consent_purpose text,
    double_opt_in   boolean     NOT NULL DEFAULT true,
    success_message text        NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE TABLE engage_form_submissions (
    id              bigserial PRIMARY KEY,
    form_key        text        NOT NULL REFERENCES engage_forms (key),
    email           text,
    -- the person, once the submission's event has been resolved to a profile
    profile_id      bigint,
    "values"        jsonb       NOT NULL,
    consent_text_id bigint      REFERENCES engage_consent_texts (id),
    proof_id        bigint      REFERENCES engage_consent_proofs (id),
    ip              text        NOT NULL,
    user_agent      text,
    submitted_at    timestamptz NOT NULL
);
CREATE INDEX engage_form_submissions_form ON engage_form_submissions (form_key, submitted_at);
CREATE INDEX engage_form_submissions_profile ON engage_form_submissions (profile_id);

-- Landing pages: an HTML template with the tokens of email templates (a person's traits, recommendations, content
-- by segment), personalised for visitors who come with their token, and optionally a form. Variants of the page
-- ([{"name": "b", "html": "..."}], the page's own html being the control) are tested against each other, split
-- evenly (ab) or by a Thompson-sampling bandit (bandit); a submission of the page's form is a conversion.
CREATE TABLE engage_landing_pages (
    key             text PRIMARY KEY,
    title           text        NOT NULL,
    html            text        NOT NULL,
    form_key        text        REFERENCES engage_forms (key),
    variants        jsonb       NOT NULL DEFAULT '[]',
    experiment_mode text        CHECK (experiment_mode IN ('ab', 'bandit')),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

-- Every view of a landing page: which variant the visitor saw (the same on each return), and whether the page's
-- form was then submitted.
CREATE TABLE engage_landing_views (
    id           bigserial PRIMARY KEY,
    page_key     text        NOT NULL REFERENCES engage_landing_pages (key),
    variant      text        NOT NULL,
    visitor      text        NOT NULL,
    profile_id   bigint,
    viewed_at    timestamptz NOT NULL,
    converted_at timestamptz
);
CREATE INDEX engage_landing_views_visitor ON engage_landing_views (page_key, visitor);
