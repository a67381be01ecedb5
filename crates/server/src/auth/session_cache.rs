//! Live sessions remembered for a second: a page of the console sends a burst
//! of requests with one cookie, and each would otherwise read the session row
//! again (a third of the queries behind a team-table page). Ending a session
//! forgets it at once on this instance; another instance on the same
//! PostgreSQL may still accept the token for up to [`TTL_MS`].

use crate::store::sessions::Session;
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// How long a session read from the database is trusted without a new read.
pub const TTL_MS: i64 = 1_000;
/// Sessions kept at most: past it the stale ones go, and all if none is.
const CAPACITY: usize = 10_000;

#[derive(Debug, Default)]
struct Inner {
    /// By token hash: the session and when it was read.
    entries: HashMap<String, (Session, DateTime<Utc>)>,
    /// Bumped by every [`SessionCache::forget`]: a read that started before
    /// it may have seen the session just ended, so it is not kept.
    generation: u64,
}

/// The per-instance cache of live sessions, keyed by token hash.
#[derive(Debug, Clone, Default)]
pub struct SessionCache {
    inner: Arc<Mutex<Inner>>,
}

fn ttl() -> Duration {
    Duration::milliseconds(TTL_MS)
}

impl SessionCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The session read for `token_hash` within the last [`TTL_MS`] (its own
    /// expiry is the caller's to check).
    pub fn get(&self, token_hash: &str, now: DateTime<Utc>) -> Option<Session> {
        let inner = self.lock();
        let (session, read_at) = inner.entries.get(token_hash)?;
        (*read_at <= now && now - *read_at < ttl()).then(|| session.clone())
    }

    /// Where ends of sessions stand now; pass it to [`Self::put`] with a
    /// session read after this call.
    pub fn generation(&self) -> u64 {
        self.lock().generation
    }

    /// Keeps a session read at `now`, unless a session ended since
    /// `generation` (the read may predate that end).
    pub fn put(&self, token_hash: String, session: Session, now: DateTime<Utc>, generation: u64) {
        let mut inner = self.lock();
        if inner.generation != generation {
            return;
        }
        if inner.entries.len() >= CAPACITY && !inner.entries.contains_key(&token_hash) {
            inner
                .entries
                .retain(|_, (_, at)| *at <= now && now - *at < ttl());
            if inner.entries.len() >= CAPACITY {
                inner.entries.clear();
            }
        }
        inner.entries.insert(token_hash, (session, now));
    }

    /// Forgets a session that ended.
    pub fn forget(&self, token_hash: &str) {
        let mut inner = self.lock();
        inner.generation += 1;
        inner.entries.remove(token_hash);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(user: &str) -> Session {
        Session {
            user_id: user.to_owned(),
            csrf_token: "csrf".to_owned(),
            expires_at: "2030-01-01T00:00:00.000000Z".to_owned(),
        }
    }

    fn at(ms: i64) -> DateTime<Utc> {
        DateTime::UNIX_EPOCH + Duration::milliseconds(ms)
    }

    /// Keeps a session of user `u1` under `key`, read at `ms` by a read that
    /// started at the current generation.
    fn keep(cache: &SessionCache, key: &str, ms: i64) {
        cache.put(key.to_owned(), session("u1"), at(ms), cache.generation());
    }

    #[test]
    fn a_session_is_trusted_for_the_ttl_only() {
        let cache = SessionCache::default();
        keep(&cache, "h", 0);
        assert_eq!(cache.get("h", at(0)).unwrap().user_id, "u1");
        assert!(cache.get("h", at(TTL_MS - 1)).is_some());
        assert!(cache.get("h", at(TTL_MS)).is_none());
        assert!(cache.get("other", at(0)).is_none());
        // A clock that went back does not stretch the trust.
        keep(&cache, "h", 5_000);
        assert!(cache.get("h", at(4_999)).is_none());
    }

    #[test]
    fn forget_ends_it_at_once() {
        let cache = SessionCache::default();
        keep(&cache, "h", 0);
        cache.forget("h");
        assert!(cache.get("h", at(1)).is_none());
    }

    #[test]
    fn a_read_from_before_a_log_out_is_not_kept() {
        let cache = SessionCache::default();
        let before = cache.generation();
        // The session row was read, then a log-out ended it and was forgotten...
        cache.forget("h");
        // ...so the late put of what was read must not bring it back.
        cache.put("h".into(), session("u1"), at(0), before);
        assert!(cache.get("h", at(0)).is_none());
        keep(&cache, "h", 0);
        assert!(cache.get("h", at(0)).is_some());
    }

    #[test]
    fn when_full_the_stale_sessions_make_room() {
        let cache = SessionCache::default();
        let half = CAPACITY / 2;
        for i in 0..half {
            keep(&cache, &format!("old{i}"), 0);
        }
        for i in half..CAPACITY {
            keep(&cache, &format!("live{i}"), 600);
        }
        // Full: at 1.2 s the first half is stale, the second is not.
        keep(&cache, "new", 1_200);
        let inner = cache.lock();
        assert_eq!(inner.entries.len(), CAPACITY - half + 1);
        assert!(inner.entries.keys().all(|k| !k.starts_with("old")));
        assert!((half..CAPACITY).all(|i| inner.entries.contains_key(&format!("live{i}"))));
        assert!(inner.entries.contains_key("new"));
    }

    #[test]
    fn when_full_of_live_sessions_it_starts_again() {
        let cache = SessionCache::default();
        for i in 0..CAPACITY {
            keep(&cache, &format!("live{i}"), 0);
        }
        // Reading one again does not empty the cache...
        keep(&cache, "live0", 1);
        assert_eq!(cache.lock().entries.len(), CAPACITY);
        // ...a new one does, rather than growing past the bound.
        keep(&cache, "new", 2);
        assert_eq!(cache.lock().entries.len(), 1);
        assert!(cache.get("new", at(2)).is_some());
    }
}
