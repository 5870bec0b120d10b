-- A terminal's request log is trimmed and paged oldest first, by (created, log_id): an index in that
-- order lets the trim of the oldest entry and a page read just their rows, where the index on
-- (terminal_id, created) left every entry of the terminal to be read and sorted (the log holds a
-- thousand by default, and each request at the bound trims one).
DROP INDEX terminals.request_log_by_terminal;
CREATE INDEX request_log_by_terminal ON terminals.request_log (terminal_id, created, log_id);
