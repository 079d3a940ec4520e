//! Integration tests: the real application on a free port, with a fresh database for each
//! test, on SQLite and on PostgreSQL (`CYCLADES_TEST_POSTGRES_URL`, set by `./cyclades test`).

// A test that cannot set itself up should stop loudly.
#![expect(
    clippy::unwrap_used,
    reason = "a test that cannot set itself up stops loudly"
)]

mod helpers;
mod mail_sink;

mod accounts;
mod antivirus;
mod back_office;
mod catalog_edit;
mod convocations;
mod corrections;
mod deposits;
mod documents;
mod drafts_only;
mod health;
mod home;
mod home_messages;
mod jobs;
mod journal;
mod limits;
mod mails;
mod migrations;
mod no_script;
mod offer_imports;
mod pieces;
mod reference_data;
mod registrations;
mod relances;
mod search_names;
mod services;
mod sessions;
mod staff;
mod startup;
mod static_files;
mod takeover;
