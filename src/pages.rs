//! Routed screens: each page loads its own data through `api`.

mod home;
mod not_found;

pub use home::HomePage;
pub use not_found::NotFoundPage;
