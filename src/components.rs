//! Presentational components: props in, view out. They never call the API.

mod account_menu;
mod avatar;
mod dialog;
pub mod focus;
mod markdown;
mod page_head;
mod show_if;
mod sidebar;
mod status;
mod toast;

pub use account_menu::AccountMenu;
pub use avatar::Avatar;
pub use dialog::Dialog;
pub use markdown::Markdown;
pub use page_head::PageHead;
pub use show_if::{show_if, show_if_else};
pub use sidebar::Sidebar;
pub use status::{ErrorAlert, FieldError, StatusBadge, Tone};
pub use toast::{Toast, Toasts, use_toasts};

use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT_ID: AtomicUsize = AtomicUsize::new(1);

/// A number unique in this page, for element ids.
pub fn next_id() -> usize {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}
