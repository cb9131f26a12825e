//! `anycom show <CLSID|ProgID>`.

use anycom::GUID;

use crate::Outcome;
use crate::cli::{LayerArgs, ShowArgs};
use crate::layers::read_registry;

pub fn run(layer_args: &LayerArgs, a: &ShowArgs) -> Outcome {
    let registry = read_registry(layer_args)?;
    let clsid = match GUID::try_parse(&a.class) {
        Ok(g) => g,
        Err(_) => match registry.clsid_from_progid(&a.class) {
            Some(g) => {
                println!("ProgID {} -> {g}", a.class);
                g
            }
            None => {
                return Err(not_found(
                    &registry,
                    &format!("no class has the ProgID {:?}", a.class),
                ));
            }
        },
    };
    let Some(e) = registry.lookup_class(&clsid) else {
        return Err(not_found(
            &registry,
            &format!("class {clsid} is not registered"),
        ));
    };
    println!("CLSID:                    {}", e.clsid);
    println!(
        "ProgID:                   {}",
        e.progid.as_deref().unwrap_or("-")
    );
    println!(
        "VersionIndependentProgID: {}",
        e.version_independent_progid.as_deref().unwrap_or("-")
    );
    println!("ThreadingModel:           {}", e.threading_model);
    println!("InprocServer32:           {}", e.module.display());
    println!(
        "Description:              {}",
        e.description.as_deref().unwrap_or("-")
    );
    println!(
        "Layer:                    {} ({})",
        e.origin.layer,
        e.origin.layer_dir.display()
    );
    println!(
        "File:                     {}:{}",
        e.origin.file.display(),
        e.origin.line
    );
    for other in registry
        .list()
        .iter()
        .filter(|c| c.entry.clsid == clsid && !c.effective)
    {
        println!(
            "Shadowed:                 {} in {}:{}",
            other.entry.module.display(),
            other.entry.origin.file.display(),
            other.entry.origin.line
        );
    }
    if !e.module.is_file() {
        eprintln!(
            "anycom: warning: the module {} does not exist; activating this class will fail",
            e.module.display()
        );
    }
    Ok(true)
}

fn not_found(registry: &anycom_loader::Registry, what: &str) -> String {
    let mut m = format!("{what} in:");
    for l in registry.layers() {
        m.push_str(&format!("\n    {l}"));
    }
    let problems = registry.problems();
    if !problems.is_empty() {
        m.push_str(&format!(
            "\n  {} registry file problem(s) may hide it (see `anycom list`)",
            problems.len()
        ));
    }
    m
}
