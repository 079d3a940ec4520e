//! Server functions: authenticate, parse, call one service, map the error.

pub mod catalog;
pub mod home;
