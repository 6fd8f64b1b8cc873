use crate::interchange::parse_json;
use crate::{AppError, Directory, ImportReport};

/// The demo directory: the public facts of DEMO-FACTS.md, each with its
/// source. Embedded so that `serve --demo` works from the binary alone.
pub const DEMO_JSON: &str = include_str!("../data/demo-directory.json");

/// Loads the demo directory, but only into an empty database: demo data must
/// never mix with real entries.
pub async fn load_demo(dir: &Directory) -> Result<Option<ImportReport>, AppError> {
    if !dir.store().is_empty().await? {
        return Ok(None);
    }
    let file = parse_json("demo-directory.json", DEMO_JSON.as_bytes())?;
    dir.import(file).await.map(Some)
}
