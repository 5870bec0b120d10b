-- H2 searches an index with an IN list only on the index's first column: with (payor_id, payor_payment_id)
-- and (payor_id, remote_id), a payout's validation ("these payment ids", "these payees") walked every
-- payment and every payee of the payor, so each payout cost more the more the payor had stored.
DROP INDEX velo.payment_by_payor_payment_id;
CREATE INDEX payment_by_payor_payment_id ON velo.payment (payor_payment_id, payor_id);
ALTER TABLE velo.payee DROP CONSTRAINT payee_remote_id_unique;
ALTER TABLE velo.payee ADD CONSTRAINT payee_remote_id_unique UNIQUE (remote_id, payor_id);
