//! Hourly budgets: sign-ups per IP address and invitations per workspace, in
//! a fixed window per key. In memory and per instance, like the log-in limit;
//! `ROSTER_RATE_LIMITS=off` turns them off with the rest.

use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The window every budget is counted in.
pub const WINDOW_MINUTES: i64 = 60;

/// Per key: when its window started and how much of the budget it used.
type Windows = HashMap<String, (DateTime<Utc>, u32)>;

/// A budget of `limit` units per key and hour; a no-op when off.
#[derive(Debug, Clone)]
pub struct Budget {
    limit: u32,
    inner: Option<Arc<Mutex<Windows>>>,
}

impl Budget {
    /// A budget of `limit` per key and window, or a no-op when `enabled` is false.
    pub fn new(enabled: bool, limit: u32) -> Self {
        Self {
            limit,
            inner: enabled.then(Default::default),
        }
    }

    /// The units per key and window.
    pub fn limit(&self) -> u32 {
        self.limit
    }

    /// Takes `n` units from `key`'s budget, all or nothing; `Err(seconds)`
    /// until enough is free again.
    pub fn take(&self, key: &str, n: u32, now: DateTime<Utc>) -> Result<(), u64> {
        let Some(inner) = &self.inner else {
            return Ok(());
        };
        let window = Duration::minutes(WINDOW_MINUTES);
        let mut map = inner.lock().unwrap_or_else(|e| e.into_inner());
        // Forget ended windows so the map does not grow without bound.
        map.retain(|_, (start, _)| *start + window > now);
        let (start, used) = map.entry(key.to_owned()).or_insert((now, 0));
        if used.saturating_add(n) > self.limit {
            let wait = (*start + window - now).num_seconds();
            return Err(u64::try_from(wait).unwrap_or(1).max(1));
        }
        *used += n;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_refuses_what_would_overdraw_it_until_the_window_ends() {
        let b = Budget::new(true, 5);
        let t = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert!(b.take("ws", 3, t).is_ok());
        assert_eq!(b.take("ws", 3, t + Duration::minutes(15)), Err(45 * 60));
        assert!(b.take("ws", 2, t).is_ok(), "what fits is still taken");
        assert!(b.take("ws", 1, t).is_err());
        assert!(b.take("other", 5, t).is_ok());
        assert!(
            b.take("ws", 5, t + Duration::minutes(WINDOW_MINUTES))
                .is_ok()
        );
        assert!(Budget::new(false, 0).take("ws", 100, t).is_ok());
    }
}
