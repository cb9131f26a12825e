//! `anycom register`: with `--clsid`, describes one class without running
//! the module's code; without, loads the module and runs its
//! `DllRegisterServer` against the chosen layer, like `regsvr32`.

use std::path::Path;

use anycom_loader::registry::{ClassRegistration, Layer};

use crate::Outcome;
use crate::cli::{LayerArgs, RegisterArgs};
use crate::layers::write_layer;
use crate::selfreg;

pub fn run(layer_args: &LayerArgs, a: &RegisterArgs) -> Outcome {
    let layer = write_layer(layer_args)?;
    let Some(clsid) = a.clsid else {
        return run_register_server(&layer, &a.module);
    };
    let class = ClassRegistration {
        clsid,
        threading_model: a.threading_model.unwrap_or_default(),
        progid: a.progid.clone(),
        version_independent_progid: a.version_independent_progid.clone(),
        description: a.description.clone(),
    };
    let file = layer
        .register_class(&a.module, class)
        .map_err(|e| e.to_string())?;
    let progid = a
        .progid
        .as_deref()
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    println!("registered {clsid}{progid} in the {layer}");
    println!("  file: {}", file.display());
    Ok(true)
}

/// `anycom register <module>`: the module's own `DllRegisterServer`.
fn run_register_server(layer: &Layer, module: &Path) -> Outcome {
    if !module.is_file() {
        return Err(format!(
            "module {} does not exist (or is not a file); give the path of the shared library",
            module.display()
        ));
    }
    let module = module
        .canonicalize()
        .map_err(|e| format!("module {}: {e}", module.display()))?;
    let loader = selfreg::install_loader(layer);
    loader
        .run_register_server(&module)
        .map_err(|e| selfreg::explain(&e, "DllRegisterServer"))?;
    let registrations = selfreg::registrations_of(layer, &module);
    let Some((_, entry)) = registrations.first() else {
        println!(
            "{}: DllRegisterServer succeeded but registered no class in the {layer}",
            module.display()
        );
        return Ok(true);
    };
    println!(
        "registered {} by running its DllRegisterServer, in the {layer}",
        module.display()
    );
    for c in &entry.classes {
        let progid = c
            .progid
            .as_deref()
            .map(|p| format!(" ({p})"))
            .unwrap_or_default();
        println!(
            "  class {}{progid}, ThreadingModel {}",
            c.clsid, c.threading_model
        );
    }
    for (f, _) in &registrations {
        println!("  file: {}", f.display());
    }
    Ok(true)
}
