//! The TUI driven without a terminal: rendered screens (insta snapshots of plain lines), daily-use
//! flows, and property tests over random event sequences.

mod daily;
mod first_hour;
mod message_loop;
mod props;
mod screens;
mod table;
