//! `anycom list`: every class of the layers read, then the problems found.
//! Exit status 1 when there are problems (a malformed or duplicated
//! registration hides classes: something to fix).

use crate::Outcome;
use crate::cli::{LayerArgs, ListArgs};
use crate::layers::read_registry;

pub fn run(layer_args: &LayerArgs, _a: &ListArgs) -> Outcome {
    let registry = read_registry(layer_args)?;
    let classes = registry.list();
    if classes.is_empty() {
        println!("no classes registered in:");
        for l in registry.layers() {
            println!("  {l}");
        }
    } else {
        let progid_w = classes
            .iter()
            .filter_map(|c| c.entry.progid.as_ref())
            .map(|p| p.len())
            .max()
            .unwrap_or(0)
            .max(6);
        println!(
            "{:<38}  {:<progid_w$}  {:<9}  {:<6}  MODULE",
            "CLSID", "PROGID", "THREADING", "LAYER"
        );
        for c in &classes {
            let e = &c.entry;
            println!(
                "{:<38}  {:<progid_w$}  {:<9}  {:<6}  {}{}",
                e.clsid.to_string(),
                e.progid.as_deref().unwrap_or("-"),
                e.threading_model.to_string(),
                e.origin.layer.to_string(),
                e.module.display(),
                if c.effective {
                    ""
                } else {
                    "  (shadowed: not used)"
                }
            );
        }
    }
    let problems = registry.problems();
    for p in &problems {
        eprintln!("anycom: problem: {p}");
    }
    if !problems.is_empty() {
        eprintln!(
            "anycom: {} problem(s) found; the classes of the files named above are not usable until fixed",
            problems.len()
        );
    }
    Ok(problems.is_empty())
}
