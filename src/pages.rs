//! Routed screens: each page loads its own data through `api`.

mod audit;
mod auth;
mod invite_landing;
mod members;
mod no_access;
mod not_found;
pub mod settings;
mod start;
pub mod switcher;
mod workspaces;

pub use audit::AuditPage;
pub use auth::{SignInPage, SignUpPage};
pub use invite_landing::{InviteLandingPage, safe_next};
pub use members::MembersPage;
pub use no_access::NoAccessPage;
pub use not_found::NotFoundPage;
pub use settings::SettingsPage;
pub use start::{StartPage, WelcomePage};
pub use switcher::Switcher;
