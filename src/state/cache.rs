//! The team tables already seen in this tab, so switching back to a
//! workspace (or to its Team page) shows its rows at once while the fresh
//! answer loads. Bounded: the least recently used table goes first.

use super::table::{Groups, TableQuery};

/// How many tables are kept.
pub const KEEP: usize = 8;

/// Tables by workspace and query, most recent last.
#[derive(Debug, Clone, Default)]
pub struct TableCache {
    entries: Vec<(String, TableQuery, Groups)>,
}

impl TableCache {
    /// The table last seen for `ws` with `query`.
    pub fn get(&self, ws: &str, query: &TableQuery) -> Option<Groups> {
        self.entries
            .iter()
            .find(|(w, q, _)| w == ws && q == query)
            .map(|(_, _, g)| g.clone())
    }

    /// Keeps `groups` as the latest table of `ws` with `query`.
    pub fn put(&mut self, ws: &str, query: &TableQuery, groups: Groups) {
        self.entries.retain(|(w, q, _)| !(w == ws && q == query));
        if self.entries.len() >= KEEP {
            self.entries.remove(0);
        }
        self.entries.push((ws.to_owned(), query.clone(), groups));
    }

    /// Forgets every table of `ws` (after a change there, or losing access).
    pub fn forget(&mut self, ws: &str) {
        self.entries.retain(|(w, _, _)| w != ws);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_come_back_by_workspace_and_query() {
        let mut c = TableCache::default();
        let q = TableQuery::default();
        let searched = TableQuery {
            search: "ada".into(),
            ..TableQuery::default()
        };
        assert!(c.get("w1", &q).is_none());
        c.put("w1", &q, Groups::default());
        assert!(c.get("w1", &q).is_some());
        assert!(c.get("w1", &searched).is_none());
        assert!(c.get("w2", &q).is_none());
        c.forget("w1");
        assert!(c.get("w1", &q).is_none());
    }

    #[test]
    fn the_least_recently_kept_goes_first() {
        let mut c = TableCache::default();
        let q = TableQuery::default();
        for i in 0..=KEEP {
            c.put(&format!("w{i}"), &q, Groups::default());
        }
        assert!(c.get("w0", &q).is_none());
        assert!(c.get(&format!("w{KEEP}"), &q).is_some());
        c.put("w1", &q, Groups::default());
        c.put("new", &q, Groups::default());
        assert!(c.get("w1", &q).is_some(), "refreshed, so kept");
        assert!(c.get("w2", &q).is_none());
    }
}
