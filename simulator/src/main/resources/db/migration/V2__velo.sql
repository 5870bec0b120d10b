-- Velo Payments. Every table carries its tenant: the payor.
CREATE SCHEMA IF NOT EXISTS velo;

CREATE TABLE velo.payor (
    payor_id                     UUID PRIMARY KEY,
    payor_name                   VARCHAR(255) NOT NULL,
    address_line1                VARCHAR(255) NOT NULL,
    address_line2                VARCHAR(255),
    address_line3                VARCHAR(255),
    address_line4                VARCHAR(255),
    address_city                 VARCHAR(100) NOT NULL,
    address_county_or_province   VARCHAR(100),
    address_zip_or_postcode      VARCHAR(30),
    address_country              VARCHAR(50) NOT NULL,
    primary_contact_name         VARCHAR(255) NOT NULL,
    primary_contact_phone        VARCHAR(50) NOT NULL,
    primary_contact_email        VARCHAR(255) NOT NULL,
    funding_routing_number       VARCHAR(9),
    funding_account_number       VARCHAR(17),
    funding_account_name         VARCHAR(22),
    kyc_state                    VARCHAR(20),
    manual_lockout               BOOLEAN NOT NULL DEFAULT FALSE,
    payee_grace_period_enabled   BOOLEAN NOT NULL DEFAULT FALSE,
    payee_grace_period_days      INT,
    collective_alias             VARCHAR(100),
    support_contact              VARCHAR(255),
    dba_name                     VARCHAR(255),
    allows_language_choice       BOOLEAN NOT NULL DEFAULT FALSE,
    reminder_emails_opt_out      BOOLEAN NOT NULL DEFAULT FALSE,
    language                     VARCHAR(2) NOT NULL DEFAULT 'EN',
    includes_reports             BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE velo.application (
    application_id UUID PRIMARY KEY,
    payor_id       UUID NOT NULL REFERENCES velo.payor (payor_id),
    name           VARCHAR(100) NOT NULL,
    description    VARCHAR(1024),
    CONSTRAINT application_name_unique UNIQUE (payor_id, name)
);

CREATE TABLE velo.api_key (
    api_key        VARCHAR(100) PRIMARY KEY,
    api_secret     VARCHAR(100) NOT NULL,
    payor_id       UUID NOT NULL REFERENCES velo.payor (payor_id),
    application_id UUID REFERENCES velo.application (application_id),
    name           VARCHAR(100) NOT NULL,
    description    VARCHAR(1024),
    roles          VARCHAR(1000) NOT NULL
);

-- Payees. The columns are what lists filter and sort on; the submitted details (address, individual
-- or company, payment channel...) are kept as the JSON the payor sent, in their own table so that
-- list scans only touch these narrow rows.
CREATE TABLE velo.payee (
    payee_id          UUID PRIMARY KEY,
    payor_id          UUID NOT NULL REFERENCES velo.payor (payor_id),
    remote_id         VARCHAR(100) NOT NULL,
    payee_type        VARCHAR(10) NOT NULL,
    email             VARCHAR(255) NOT NULL,
    email_key         VARCHAR(255) NOT NULL,
    display_name      VARCHAR(255) NOT NULL,
    country           VARCHAR(60),
    language          VARCHAR(2),
    payment_currency  VARCHAR(3),
    routing_number    VARCHAR(20),
    account_number    VARCHAR(40),
    onboarded_status  VARCHAR(20) NOT NULL,
    ofac_status       VARCHAR(20) NOT NULL,
    invitation_status VARCHAR(20) NOT NULL,
    invite_id         UUID,
    batch_id          UUID,
    created           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT payee_remote_id_unique UNIQUE (payor_id, remote_id)
);

CREATE TABLE velo.payee_detail (
    payee_id UUID PRIMARY KEY REFERENCES velo.payee (payee_id),
    details  CLOB NOT NULL
);
CREATE INDEX payee_by_payor_name ON velo.payee (payor_id, display_name);
CREATE INDEX payee_by_payor_email ON velo.payee (payor_id, email_key);

CREATE TABLE velo.payee_batch (
    batch_id        UUID PRIMARY KEY,
    payor_id        UUID NOT NULL REFERENCES velo.payor (payor_id),
    status          VARCHAR(20) NOT NULL,
    submitted_count INT NOT NULL,
    created         TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Submissions of a batch waiting to be processed, then the ones that failed and why.
CREATE TABLE velo.payee_submission (
    batch_id        UUID NOT NULL REFERENCES velo.payee_batch (batch_id),
    position        INT NOT NULL,
    payor_id        UUID NOT NULL,
    submission      CLOB NOT NULL,
    failure_message VARCHAR(1000),
    processed       BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (batch_id, position)
);

-- Source accounts hold the payor's balance per currency, in minor units.
CREATE TABLE velo.source_account (
    source_account_id     UUID PRIMARY KEY,
    payor_id              UUID NOT NULL REFERENCES velo.payor (payor_id),
    name                  VARCHAR(64) NOT NULL,
    currency              VARCHAR(3) NOT NULL,
    balance               BIGINT NOT NULL,
    funding_ref           VARCHAR(20) NOT NULL,
    physical_account_name VARCHAR(100) NOT NULL,
    rails_id              VARCHAR(20) NOT NULL,
    pooled                BOOLEAN NOT NULL,
    balance_visible       BOOLEAN NOT NULL,
    customer_id           VARCHAR(50),
    CONSTRAINT source_account_name_unique UNIQUE (payor_id, name),
    CONSTRAINT source_account_balance_not_negative CHECK (balance >= 0)
);

-- ACH funding requests: PENDING until credited (CREDIT) or returned (FAILED).
CREATE TABLE velo.funding (
    funding_id        UUID PRIMARY KEY,
    payor_id          UUID NOT NULL REFERENCES velo.payor (payor_id),
    source_account_id UUID NOT NULL REFERENCES velo.source_account (source_account_id),
    amount            BIGINT NOT NULL,
    currency          VARCHAR(3) NOT NULL,
    status            VARCHAR(20) NOT NULL,
    requested         TIMESTAMP WITH TIME ZONE NOT NULL,
    completed         TIMESTAMP WITH TIME ZONE
);

CREATE TABLE velo.funding_event (
    ordinal    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    funding_id UUID NOT NULL REFERENCES velo.funding (funding_id),
    event_id   UUID NOT NULL,
    event_type VARCHAR(50) NOT NULL,
    at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX funding_event_by_funding ON velo.funding_event (funding_id, ordinal);

CREATE TABLE velo.payout (
    payout_id     UUID PRIMARY KEY,
    payor_id      UUID NOT NULL REFERENCES velo.payor (payor_id),
    status        VARCHAR(20) NOT NULL,
    memo          VARCHAR(40),
    submitted     TIMESTAMP WITH TIME ZONE NOT NULL,
    validated     TIMESTAMP WITH TIME ZONE,
    quote_id      UUID,
    quote_created TIMESTAMP WITH TIME ZONE,
    quote_expiry  TIMESTAMP WITH TIME ZONE,
    instructed    TIMESTAMP WITH TIME ZONE,
    completed     TIMESTAMP WITH TIME ZONE,
    withdrawn     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX payout_by_payor ON velo.payout (payor_id, submitted);

-- One row per submitted payment: rejected ones keep their reason.
CREATE TABLE velo.payment (
    payment_id          UUID PRIMARY KEY,
    payout_id           UUID NOT NULL REFERENCES velo.payout (payout_id),
    payor_id            UUID NOT NULL,
    position            INT NOT NULL,
    remote_id           VARCHAR(100) NOT NULL,
    payee_id            UUID,
    currency            VARCHAR(3) NOT NULL,
    amount              BIGINT NOT NULL,
    source_account_name VARCHAR(64) NOT NULL,
    source_account_id   UUID,
    source_currency     VARCHAR(3),
    source_amount       BIGINT,
    rate                DECIMAL(19, 4),
    payor_payment_id    VARCHAR(40),
    payment_memo        VARCHAR(40),
    status              VARCHAR(30) NOT NULL,
    reason              VARCHAR(40),
    failure_reason      VARCHAR(100),
    updated             TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX payment_by_payout ON velo.payment (payout_id, position);
CREATE INDEX payment_by_payor ON velo.payment (payor_id, updated);
CREATE INDEX payment_waiting_for_funds ON velo.payment (source_account_id, status);
CREATE INDEX payment_by_payor_payment_id ON velo.payment (payor_id, payor_payment_id);

CREATE TABLE velo.payment_event (
    ordinal    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_id UUID NOT NULL REFERENCES velo.payment (payment_id),
    event_id   UUID NOT NULL,
    event_type VARCHAR(50) NOT NULL,
    at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX payment_event_by_payment ON velo.payment_event (payment_id, ordinal);

-- Payee invitations: the public invite flow moves the payee to REGISTERED then ONBOARDED.
CREATE TABLE velo.invite (
    invite_id      UUID PRIMARY KEY,
    payee_id       UUID NOT NULL REFERENCES velo.payee (payee_id),
    payor_id       UUID NOT NULL,
    sms_token      VARCHAR(10),
    sms_validated  BOOLEAN NOT NULL DEFAULT FALSE,
    password_set   BOOLEAN NOT NULL DEFAULT FALSE,
    terms_accepted BOOLEAN NOT NULL DEFAULT FALSE
);
