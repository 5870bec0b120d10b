-- A payee's deletion counts the payments that pay it (by payee id, or by remote id before validation
-- names the payee), and a Vendreo refund sums the refunds of its original payment: both walked the
-- whole table, each costing more the more payments were stored.
CREATE INDEX payment_by_payee ON velo.payment (payee_id, remote_id, payor_id);
CREATE INDEX payment_by_original ON vendreo.payment (original_payment_uuid);
