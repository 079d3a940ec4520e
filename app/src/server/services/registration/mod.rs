//! Registration (R1-R11): drafts, saving (numbers, versions, the modification mail) and
//! what a candidate sees of their candidatures in the wizard. Reading a candidature, its
//! offer and its stored answers is `candidatures`'; the wizard's lists are `reference`'s.

pub mod drafts;
pub mod listing;
pub mod save;
