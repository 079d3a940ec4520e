//! Convocations aux épreuves (REQUIREMENTS S7, D3; issue 15). Staff of the offer's académie
//! give each test its schedule ([`schedule`]), then prepare a batch ([`prepare`]): one
//! convocation per candidature selected, published as documents of kind `convocation`
//! whose `visible_from` is the batch's instant. Rendering starts at once on the job runner;
//! the candidate sees the document from the instant on (one column compared with the
//! clock: a batch is never half published), and a job due at that instant queues the mails
//! ([`batches::Announcer`]). Preparing again publishes version n°2 only for the candidatures
//! whose convocation changed ([`details`] says what one holds).

pub mod batches;
pub mod details;
pub mod files;
pub mod prepare;
pub mod schedule;
