//! Log-in rate limit: failed attempts per (IP, email) in a fixed window.
//! In memory, per instance: good enough to stop guessing through one server;
//! a shared store can replace it when Roster runs as many instances.

use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Failed attempts allowed per window.
pub const MAX_FAILURES: u32 = 5;
/// Window length.
pub const WINDOW_MINUTES: i64 = 15;

/// Per key: when its window started and how many failures it holds.
type Windows = HashMap<String, (DateTime<Utc>, u32)>;

/// Counts failures; `None` when rate limits are off.
#[derive(Debug, Clone, Default)]
pub struct LoginLimiter {
    inner: Option<Arc<Mutex<Windows>>>,
}

impl LoginLimiter {
    /// A limiter, or a no-op one when `enabled` is false.
    pub fn new(enabled: bool) -> Self {
        Self {
            inner: enabled.then(Default::default),
        }
    }

    /// `Err(seconds to wait)` when the key has used up its failures.
    pub fn check(&self, key: &str, now: DateTime<Utc>) -> Result<(), u64> {
        let Some(inner) = &self.inner else {
            return Ok(());
        };
        let map = inner.lock().unwrap_or_else(|e| e.into_inner());
        match map.get(key) {
            Some((start, n)) if *n >= MAX_FAILURES => {
                let until = *start + Duration::minutes(WINDOW_MINUTES);
                if until > now {
                    Err(u64::try_from((until - now).num_seconds())
                        .unwrap_or(1)
                        .max(1))
                } else {
                    Ok(())
                }
            }
            _ => Ok(()),
        }
    }

    /// Records a failed attempt.
    pub fn fail(&self, key: &str, now: DateTime<Utc>) {
        let Some(inner) = &self.inner else {
            return;
        };
        let mut map = inner.lock().unwrap_or_else(|e| e.into_inner());
        // Forget expired windows so the map does not grow without bound.
        map.retain(|_, (start, _)| *start + Duration::minutes(WINDOW_MINUTES) > now);
        let entry = map.entry(key.to_owned()).or_insert((now, 0));
        entry.1 += 1;
    }

    /// Clears the key after a successful log-in.
    pub fn succeed(&self, key: &str) {
        if let Some(inner) = &self.inner {
            inner.lock().unwrap_or_else(|e| e.into_inner()).remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_block_until_the_window_ends() {
        let l = LoginLimiter::new(true);
        let t = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        for _ in 0..MAX_FAILURES {
            assert!(l.check("k", t).is_ok());
            l.fail("k", t);
        }
        assert!(l.check("k", t).is_err());
        assert!(l.check("other", t).is_ok());
        assert!(l.check("k", t + Duration::minutes(WINDOW_MINUTES)).is_ok());
        assert!(LoginLimiter::new(false).check("k", t).is_ok());
    }
}
