//! The terminal UI (the only module with terminal code): state → action → draw.
