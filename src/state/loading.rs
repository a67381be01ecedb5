//! How the team table loads and draws: keystrokes typed during a load wait
//! for it (only the latest is then asked for), and each status group draws
//! its loaded rows a screenful at a time.

use super::table::index;
use roster_model::MemberStatus;

/// Keystrokes in the search box while the table is loading: they wait for
/// that load, then only the latest text is asked for (no timer, so an
/// isolated keystroke is asked for at once).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQueue {
    busy: bool,
    waiting: Option<String>,
}

impl SearchQueue {
    /// A keystroke: the text to ask for now, or `None` while a load is out.
    pub fn typed(&mut self, text: String) -> Option<String> {
        if self.busy {
            self.waiting = Some(text);
            None
        } else {
            Some(text)
        }
    }

    /// A load started.
    pub fn started(&mut self) {
        self.busy = true;
    }

    /// The latest load finished (or failed): the text that waited, if any.
    pub fn finished(&mut self) -> Option<String> {
        self.busy = false;
        self.waiting.take()
    }
}

/// Rows of each group drawn at first; the rest follow as the list scrolls,
/// so a 200-row page puts its first screenful up without laying out 600 rows.
pub const FIRST_ROWS: usize = 15;
/// Rows added each time the end of a group's drawn rows comes into view.
pub const MORE_ROWS: usize = 50;

/// How many loaded rows of each group are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drawn(pub [usize; 3]);

impl Default for Drawn {
    fn default() -> Self {
        Drawn([FIRST_ROWS; 3])
    }
}

impl Drawn {
    /// Rows drawn of group `s`.
    pub fn of(&self, s: MemberStatus) -> usize {
        self.0[index(s)]
    }

    /// Draws more of group `s` (which has `loaded` rows); false when all are.
    pub fn grow(&mut self, s: MemberStatus, loaded: usize) -> bool {
        let n = &mut self.0[index(s)];
        if *n >= loaded {
            return false;
        }
        *n = (*n + MORE_ROWS).min(loaded);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keystrokes_during_a_load_wait_and_only_the_last_is_asked_for() {
        let mut sq = SearchQueue::default();
        assert_eq!(sq.typed("m".into()), Some("m".into()), "idle: at once");
        sq.started();
        assert_eq!(sq.typed("ma".into()), None);
        assert_eq!(sq.typed("mar".into()), None);
        assert_eq!(sq.finished(), Some("mar".into()));
        assert_eq!(sq.finished(), None, "taken once");
        assert_eq!(sq.typed("mark".into()), Some("mark".into()));
    }

    #[test]
    fn rows_are_drawn_a_screenful_at_a_time() {
        let mut d = Drawn::default();
        assert_eq!(d.of(MemberStatus::Invited), FIRST_ROWS);
        assert!(d.grow(MemberStatus::Invited, 200));
        assert_eq!(d.of(MemberStatus::Invited), FIRST_ROWS + MORE_ROWS);
        assert_eq!(d.of(MemberStatus::Active), FIRST_ROWS, "groups grow apart");
        assert!(d.grow(MemberStatus::Active, 30));
        assert_eq!(d.of(MemberStatus::Active), 30, "never past what is loaded");
        assert!(!d.grow(MemberStatus::Active, 30));
    }
}
