//! Reading and writing directory files for `import` and `export`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use knotenpunkt_app::interchange::{MAX_FILE_BYTES, parse_csv, parse_json, too_large};
use knotenpunkt_app::{Directory, ImportReport};

pub(crate) fn summary(what: &str, r: &ImportReport) -> String {
    format!(
        "{what}: {} organisations, {} networks, {} cohorts, {} memberships, {} cooperations, {} projects, {} experiences, {} working groups, {} funding calls, {} applications, {} events",
        r.organizations,
        r.networks,
        r.cohorts,
        r.memberships,
        r.cooperations,
        r.projects,
        r.experiences,
        r.working_groups,
        r.funding_calls,
        r.applications,
        r.events
    )
}

/// Reads a file whole, refusing oversized ones before reading a byte.
fn read(path: &Path) -> Result<(String, Vec<u8>)> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).with_context(|| format!("{name}: cannot read"))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(&name, meta.len()).into());
    }
    let bytes = std::fs::read(path).with_context(|| format!("{name}: cannot read"))?;
    Ok((name, bytes))
}

pub(crate) async fn import(dir: &Directory, paths: &[PathBuf]) -> Result<()> {
    let mut expanded = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut csvs: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("{}: cannot list", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "csv"))
                .collect();
            csvs.sort();
            if csvs.is_empty() {
                bail!("{}: the folder holds no .csv files", p.display());
            }
            expanded.extend(csvs);
        } else {
            expanded.push(p.clone());
        }
    }
    let is_json = |p: &PathBuf| p.extension().is_some_and(|x| x == "json");
    let file = if expanded.len() == 1 && is_json(&expanded[0]) {
        let (name, bytes) = read(&expanded[0])?;
        eprintln!("reading {name} ({} bytes)", bytes.len());
        parse_json(&name, &bytes)?
    } else {
        if let Some(j) = expanded.iter().find(|p| is_json(p)) {
            bail!(
                "{}: import either one JSON file or CSV files, not both",
                j.display()
            );
        }
        let mut files = Vec::new();
        for p in &expanded {
            let (name, bytes) = read(p)?;
            eprintln!("reading {name} ({} bytes)", bytes.len());
            files.push((name, bytes));
        }
        parse_csv(&files)?
    };
    let total: usize = file.counts().iter().map(|(_, n)| n).sum();
    eprintln!("checked {total} entries; writing in one transaction …");
    let report = dir.import(file).await?;
    println!("{}", summary("imported", &report));
    Ok(())
}

pub(crate) async fn export(dir: &Directory, csv: bool, out: Option<&Path>) -> Result<()> {
    let file = dir.export().await?;
    if csv {
        let Some(folder) = out else {
            bail!("--format csv writes one file per table: name a folder with --out");
        };
        std::fs::create_dir_all(folder)
            .with_context(|| format!("{}: cannot create", folder.display()))?;
        for (name, contents) in file.to_csv() {
            let path = folder.join(&name);
            std::fs::write(&path, contents)
                .with_context(|| format!("{}: cannot write", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
        let left_out: Vec<String> = file
            .counts()
            .into_iter()
            .filter(|(t, n)| !t.in_csv() && *n > 0)
            .map(|(t, n)| format!("{n} {}", t.name().replace('_', " ")))
            .collect();
        if !left_out.is_empty() {
            eprintln!(
                "note: the CSV files leave out {}, which travel in JSON only; export with --format json to carry them",
                left_out.join(", ")
            );
        }
    } else {
        let json = file.to_json();
        match out {
            Some(path) => {
                std::fs::write(path, json)
                    .with_context(|| format!("{}: cannot write", path.display()))?;
                eprintln!("wrote {}", path.display());
            }
            None => print!("{json}"),
        }
    }
    Ok(())
}
