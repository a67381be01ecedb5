//! Routed screens: each page loads its own data through `api`.

mod auth;
mod invite_landing;
mod members;
mod no_access;
mod not_found;
mod start;
pub mod switcher;
mod workspaces;

pub use auth::{SignInPage, SignUpPage};
pub use invite_landing::{InviteLandingPage, safe_next};
pub use members::MembersPage;
pub use no_access::NoAccessPage;
pub use not_found::NotFoundPage;
pub use start::{StartPage, WelcomePage};
pub use switcher::Switcher;
