-- Callback URLs changed through the control API (PUT /_sim/vendreo/applications/{key}), over the
-- scenario's: a table rather than memory, so that every instance sharing a database sends callbacks
-- to the URL set through any of them; a reset empties it with the rest of Vendreo's state.
CREATE TABLE vendreo.callback_url (
    application_key VARCHAR(200) PRIMARY KEY,
    callback_url    VARCHAR(2000) NOT NULL
);
