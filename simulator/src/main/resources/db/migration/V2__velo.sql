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
