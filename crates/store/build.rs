//! The embedded migrations (`sqlx::migrate!`) are read at compile time;
//! without this, adding a migration file would not rebuild the crate.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
