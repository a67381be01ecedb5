//! Live sessions remembered for a second: a page of the console sends a burst
//! of requests with one cookie, and each would otherwise read the session row
//! again (a third of the queries behind a team-table page). Ending a session
//! forgets it at once on this instance; another instance on the same
//! PostgreSQL may still accept the token for up to [`TTL_MS`].
//!
//! Past half its second, one request reads a session again while the others
//! keep the copy ([`REFRESH_MS`]), so the cookie's requests do not all query
//! it at once when the copy expires (under 64 connections, 64 session
//! queries queued behind pages once a second: the p99).

use crate::store::sessions::Session;
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// How long a session read from the database is trusted without a new read.
pub const TTL_MS: i64 = 1_000;
/// Past this age the next request to find a session reads it again, while
/// the others keep trusting the copy until [`TTL_MS`]. That request pays
/// for a read the copy could have spared it, so a cookie in steady use is
/// read about twice a second per instance.
pub const REFRESH_MS: i64 = TTL_MS / 2;
/// Sessions kept at most: past it the stale ones go, and all if none is.
const CAPACITY: usize = 10_000;

#[derive(Debug, Default)]
struct Inner {
    /// By token hash.
    entries: HashMap<String, Entry>,
    /// Bumped by every [`SessionCache::forget`]: a read that started before
    /// it may have seen the session just ended, so it is not kept.
    generation: u64,
}

/// A session as read, when, and whether a request was sent to read it again.
#[derive(Debug)]
struct Entry {
    session: Session,
    read_at: DateTime<Utc>,
    refreshing: bool,
}

impl Entry {
    fn trusted_at(&self, now: DateTime<Utc>) -> bool {
        self.read_at <= now && now - self.read_at < ttl()
    }
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
    /// expiry is the caller's to check). `None` tells the caller to read it
    /// and [`Self::put`] (or, found no more, [`Self::drop_stale`]) it: none is
    /// trusted, or the copy is past [`REFRESH_MS`] and this caller is the
    /// one to read it again (the others still get the copy).
    pub fn get(&self, token_hash: &str, now: DateTime<Utc>) -> Option<Session> {
        let mut inner = self.lock();
        let entry = inner.entries.get_mut(token_hash)?;
        if !entry.trusted_at(now) {
            return None;
        }
        if !entry.refreshing && now - entry.read_at >= Duration::milliseconds(REFRESH_MS) {
            entry.refreshing = true;
            return None;
        }
        Some(entry.session.clone())
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
            // Not kept; the copy (if any) may be refreshed by another request.
            if let Some(entry) = inner.entries.get_mut(&token_hash) {
                entry.refreshing = false;
            }
            return;
        }
        if inner.entries.len() >= CAPACITY && !inner.entries.contains_key(&token_hash) {
            inner.entries.retain(|_, entry| entry.trusted_at(now));
            if inner.entries.len() >= CAPACITY {
                inner.entries.clear();
            }
        }
        let entry = Entry {
            session,
            read_at: now,
            refreshing: false,
        };
        inner.entries.insert(token_hash, entry);
    }

    /// Drops the copy of a session its owner's read found no more (ended on
    /// another instance, or expired and swept).
    pub fn drop_stale(&self, token_hash: &str) {
        self.lock().entries.remove(token_hash);
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
        assert!(cache.get("h", at(REFRESH_MS - 1)).is_some());
        // One request is sent to read it again; the others keep the copy...
        assert!(cache.get("h", at(REFRESH_MS)).is_none());
        assert!(cache.get("h", at(TTL_MS - 1)).is_some());
        // ...but not past the second, whatever became of that read.
        assert!(cache.get("h", at(TTL_MS)).is_none());
        assert!(cache.get("other", at(0)).is_none());
        // A clock that went back does not stretch the trust.
        keep(&cache, "h", 5_000);
        assert!(cache.get("h", at(4_999)).is_none());
    }

    #[test]
    fn one_request_at_a_time_reads_it_again() {
        let cache = SessionCache::default();
        keep(&cache, "h", 0);
        assert!(cache.get("h", at(REFRESH_MS + 10)).is_none());
        for ms in [REFRESH_MS + 10, REFRESH_MS + 11, TTL_MS - 1] {
            assert!(cache.get("h", at(ms)).is_some(), "at {ms} ms");
        }
        // Its read came back: trusted anew, and again one refresh per copy.
        keep(&cache, "h", REFRESH_MS + 10);
        assert!(cache.get("h", at(TTL_MS)).is_some());
        assert!(cache.get("h", at(2 * REFRESH_MS + 10)).is_none());
        assert!(cache.get("h", at(2 * REFRESH_MS + 11)).is_some());
    }

    #[test]
    fn a_refresh_that_raced_a_log_out_brings_nothing_back() {
        let cache = SessionCache::default();
        keep(&cache, "h", 0);
        keep(&cache, "other", 0);
        let before = cache.generation();
        assert!(cache.get("h", at(REFRESH_MS)).is_none());
        assert!(cache.get("other", at(REFRESH_MS)).is_none());
        cache.forget("h");
        cache.put("h".into(), session("u1"), at(REFRESH_MS), before);
        assert!(cache.get("h", at(REFRESH_MS + 1)).is_none());
        // The other session's refresh was not kept either (it may predate
        // the log-out), but the next request may refresh it again.
        cache.put("other".into(), session("u1"), at(REFRESH_MS), before);
        assert!(cache.get("other", at(REFRESH_MS + 1)).is_none());
        assert!(cache.get("other", at(REFRESH_MS + 2)).is_some());
    }

    #[test]
    fn a_session_found_no_more_is_dropped() {
        let cache = SessionCache::default();
        keep(&cache, "h", 0);
        keep(&cache, "other", 0);
        assert!(cache.get("h", at(REFRESH_MS)).is_none());
        // The refreshing read found no session: ended on another instance.
        cache.drop_stale("h");
        assert!(cache.get("h", at(REFRESH_MS + 1)).is_none());
        assert!(cache.get("h", at(REFRESH_MS + 2)).is_none());
        assert!(cache.get("other", at(1)).is_some());
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
