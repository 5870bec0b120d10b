-- What Velo's published OpenAPI 2.14 document adds to the guide: payor links and branding, payee
-- change tracking (deltas), source account notifications and funding requests to a funding account.
ALTER TABLE velo.payor ADD COLUMN parent_payor_id UUID;
ALTER TABLE velo.payor ADD COLUMN notification_url VARCHAR(2000);
-- the uploaded logo: its public id (unguessable: the logo URL needs no credentials), type and bytes
ALTER TABLE velo.payor ADD COLUMN logo_id VARCHAR(64);
ALTER TABLE velo.payor ADD COLUMN logo_content_type VARCHAR(100);
ALTER TABLE velo.payor ADD COLUMN logo VARBINARY(1048576);

ALTER TABLE velo.payee ADD COLUMN updated TIMESTAMP WITH TIME ZONE;
UPDATE velo.payee SET updated = created;
CREATE INDEX payee_by_payor_updated ON velo.payee (payor_id, updated);

-- minimum_balance: the notification threshold; below_minimum: the low-balance notice was sent and
-- is not sent again until the balance is back at or over the threshold
ALTER TABLE velo.source_account ADD COLUMN minimum_balance BIGINT;
ALTER TABLE velo.source_account ADD COLUMN below_minimum BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE velo.source_account ADD COLUMN funding_account_id UUID;
