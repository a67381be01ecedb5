//! Presentational components: props in, view out. They never call the API.

mod account_menu;
mod sidebar;
mod status;

pub use account_menu::AccountMenu;
pub use sidebar::Sidebar;
pub use status::{ErrorAlert, StatusBadge, Tone};
