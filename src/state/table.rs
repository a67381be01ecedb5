//! The team table's state: search text, sort column and direction, and the
//! rows loaded so far in each status group with its paging cursor.

use roster_api::{ListMembersQuery, MemberResponse, Page};
use roster_model::MemberStatus;

/// Rows fetched per page (the API allows up to 200).
pub const PAGE_SIZE: u32 = 200;
/// Rows fetched per page of search results: a keystroke waits for these, so
/// they come in smaller pages ("Load more" fetches the next ones).
pub const SEARCH_PAGE_SIZE: u32 = 50;

/// The sortable columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Display name.
    Name,
    /// Role rank.
    Role,
    /// Date joined (or invited).
    Joined,
}

impl SortKey {
    /// The `sort=` value.
    pub fn wire(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Role => "role",
            SortKey::Joined => "joined",
        }
    }
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// A→Z, oldest first.
    Asc,
    /// Z→A, newest first.
    Desc,
}

/// The three groups, in display order.
pub const GROUPS: [MemberStatus; 3] = [
    MemberStatus::Active,
    MemberStatus::Invited,
    MemberStatus::Deactivated,
];

/// How a status group is titled.
pub fn status_label(s: MemberStatus) -> &'static str {
    match s {
        MemberStatus::Active => "Active",
        MemberStatus::Invited => "Invited",
        MemberStatus::Deactivated => "Deactivated",
    }
}

/// The `status=` value.
pub fn status_wire(s: MemberStatus) -> &'static str {
    match s {
        MemberStatus::Active => "active",
        MemberStatus::Invited => "invited",
        MemberStatus::Deactivated => "deactivated",
    }
}

/// What the server is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableQuery {
    /// Search text (name or email), trimmed when sent.
    pub search: String,
    /// Sort column.
    pub sort: SortKey,
    /// Direction.
    pub order: Order,
}

impl Default for TableQuery {
    fn default() -> Self {
        Self {
            search: String::new(),
            sort: SortKey::Name,
            order: Order::Asc,
        }
    }
}

impl TableQuery {
    /// Clicking a column header: the same column flips direction, another
    /// column starts ascending (joined starts newest first).
    pub fn toggle(&mut self, key: SortKey) {
        if self.sort == key {
            self.order = match self.order {
                Order::Asc => Order::Desc,
                Order::Desc => Order::Asc,
            };
        } else {
            self.sort = key;
            self.order = if key == SortKey::Joined {
                Order::Desc
            } else {
                Order::Asc
            };
        }
    }

    /// `aria-sort` for a column header.
    pub fn aria_sort(&self, key: SortKey) -> &'static str {
        match (self.sort == key, self.order) {
            (false, _) => "none",
            (true, Order::Asc) => "ascending",
            (true, Order::Desc) => "descending",
        }
    }

    /// The request for one group's page.
    pub fn request(&self, status: MemberStatus, cursor: Option<String>) -> ListMembersQuery {
        let q = self.search.trim();
        ListMembersQuery {
            q: (!q.is_empty()).then(|| q.to_owned()),
            status: Some(status_wire(status).to_owned()),
            sort: Some(self.sort.wire().to_owned()),
            order: Some(
                match self.order {
                    Order::Asc => "asc",
                    Order::Desc => "desc",
                }
                .to_owned(),
            ),
            limit: Some(if q.is_empty() {
                PAGE_SIZE
            } else {
                SEARCH_PAGE_SIZE
            }),
            cursor,
        }
    }
}

/// The rows of one status group loaded so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Group {
    /// Rows in server order.
    pub rows: Vec<MemberResponse>,
    /// Where the next page starts; `None` when everything is loaded.
    pub next: Option<String>,
    /// Whether the first page arrived.
    pub loaded: bool,
}

impl Group {
    /// Takes a page: the first replaces the rows, later ones append.
    pub fn apply(&mut self, page: Page<MemberResponse>, append: bool) {
        if append {
            // A sorted list, not a HashSet: the WASM already has String's
            // sort and search, and a hasher would add about 2 KB.
            let mut known: Vec<String> = self.rows.iter().map(|r| r.id.clone()).collect();
            known.sort();
            self.rows.extend(
                page.items
                    .into_iter()
                    .filter(|r| known.binary_search(&r.id).is_err()),
            );
        } else {
            self.rows = page.items;
        }
        self.next = page.next_cursor;
        self.loaded = true;
    }

    /// "12" or "50+" when more pages exist.
    pub fn count_label(&self) -> String {
        match self.next {
            Some(_) => format!("{}+", self.rows.len()),
            None => self.rows.len().to_string(),
        }
    }
}

/// All three groups.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Groups {
    /// Active, Invited, Deactivated (the order of [`GROUPS`]).
    pub groups: [Group; 3],
}

pub(crate) fn index(s: MemberStatus) -> usize {
    match s {
        MemberStatus::Active => 0,
        MemberStatus::Invited => 1,
        MemberStatus::Deactivated => 2,
    }
}

impl Groups {
    /// One group.
    pub fn get(&self, s: MemberStatus) -> &Group {
        &self.groups[index(s)]
    }

    /// One group, to change.
    pub fn get_mut(&mut self, s: MemberStatus) -> &mut Group {
        &mut self.groups[index(s)]
    }

    /// Whether every group arrived and all are empty.
    pub fn is_empty(&self) -> bool {
        self.groups.iter().all(|g| g.loaded && g.rows.is_empty())
    }

    /// Every loaded row.
    pub fn rows(&self) -> impl Iterator<Item = &MemberResponse> {
        self.groups.iter().flat_map(|g| g.rows.iter())
    }

    /// Puts a changed member where its status says (moving it between groups).
    pub fn upsert(&mut self, m: MemberResponse) {
        for g in &mut self.groups {
            if let Some(pos) = g.rows.iter().position(|r| r.id == m.id) {
                if g.rows[pos].status == m.status {
                    g.rows[pos] = m;
                    return;
                }
                g.rows.remove(pos);
            }
        }
        self.get_mut(m.status).rows.insert(0, m);
    }

    /// Drops a removed member.
    pub fn remove(&mut self, id: &str) {
        for g in &mut self.groups {
            g.rows.retain(|r| r.id != id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::fixtures::member;

    fn row(id: &str, status: MemberStatus) -> MemberResponse {
        MemberResponse {
            name: id.to_uppercase(),
            ..member(id, "editor", status)
        }
    }

    #[test]
    fn clicking_a_header_sorts_then_flips() {
        let mut q = TableQuery::default();
        assert_eq!(q.aria_sort(SortKey::Name), "ascending");
        q.toggle(SortKey::Name);
        assert_eq!(q.aria_sort(SortKey::Name), "descending");
        q.toggle(SortKey::Joined);
        assert_eq!((q.sort, q.order), (SortKey::Joined, Order::Desc));
        assert_eq!(q.aria_sort(SortKey::Name), "none");
        q.toggle(SortKey::Role);
        assert_eq!((q.sort, q.order), (SortKey::Role, Order::Asc));
    }

    #[test]
    fn the_request_names_group_sort_and_trimmed_search() {
        let mut q = TableQuery::default();
        let r = q.request(MemberStatus::Invited, None);
        assert_eq!(r.q, None);
        assert_eq!(r.limit, Some(PAGE_SIZE));
        assert_eq!(r.status.as_deref(), Some("invited"));
        assert_eq!(r.sort.as_deref(), Some("name"));
        assert_eq!(r.order.as_deref(), Some("asc"));
        q.search = "  ada ".into();
        q.toggle(SortKey::Joined);
        let r = q.request(MemberStatus::Active, Some("c1".into()));
        assert_eq!(r.q.as_deref(), Some("ada"));
        assert_eq!(r.order.as_deref(), Some("desc"));
        assert_eq!(r.cursor.as_deref(), Some("c1"));
        assert_eq!(r.limit, Some(SEARCH_PAGE_SIZE), "search pages are smaller");
    }

    #[test]
    fn pages_replace_then_append_without_duplicates() {
        let mut g = Group::default();
        g.apply(
            Page {
                items: vec![
                    row("a", MemberStatus::Active),
                    row("b", MemberStatus::Active),
                ],
                next_cursor: Some("x".into()),
            },
            false,
        );
        assert_eq!(g.count_label(), "2+");
        g.apply(
            Page {
                items: vec![
                    row("b", MemberStatus::Active),
                    row("c", MemberStatus::Active),
                ],
                next_cursor: None,
            },
            true,
        );
        assert_eq!(g.rows.len(), 3);
        assert_eq!(g.count_label(), "3");
        g.apply(
            Page {
                items: vec![],
                next_cursor: None,
            },
            false,
        );
        assert!(g.rows.is_empty() && g.loaded);
    }

    #[test]
    fn a_changed_member_moves_to_its_status_group() {
        let mut gs = Groups::default();
        gs.get_mut(MemberStatus::Active).rows = vec![row("a", MemberStatus::Active)];
        let mut a = row("a", MemberStatus::Deactivated);
        a.name = "Ada".into();
        gs.upsert(a);
        assert!(gs.get(MemberStatus::Active).rows.is_empty());
        assert_eq!(gs.get(MemberStatus::Deactivated).rows[0].name, "Ada");
        let mut b = gs.get(MemberStatus::Deactivated).rows[0].clone();
        b.role = "admin".into();
        gs.upsert(b);
        assert_eq!(gs.get(MemberStatus::Deactivated).rows[0].role, "admin");
        gs.remove("a");
        assert_eq!(gs.rows().count(), 0);
    }
}
