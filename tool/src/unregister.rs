//! `anycom unregister`.
//!
//! When the module still exists, loads and exports `DllUnregisterServer`,
//! that runs (against the chosen layer, like `regsvr32 /u`); otherwise the
//! module's registry file(s) are removed from the layer. The module itself
//! need not exist.

use crate::Outcome;
use crate::cli::{LayerArgs, UnregisterArgs};
use crate::layers::write_layer;
use crate::selfreg;

pub fn run(layer_args: &LayerArgs, a: &UnregisterArgs) -> Outcome {
    let layer = write_layer(layer_args)?;
    let canonical = a.module.canonicalize().ok();
    if let Some(module) = canonical.as_deref().filter(|m| m.is_file()) {
        let before = selfreg::files_naming(&layer, module);
        if !before.is_empty() {
            let loader = selfreg::install_loader(&layer);
            match loader.run_unregister_server(module) {
                Ok(true) => {
                    println!(
                        "unregistered {} by running its DllUnregisterServer, from the {layer}",
                        a.module.display()
                    );
                    let after = selfreg::files_naming(&layer, module);
                    for f in before.iter().filter(|f| !after.contains(f)) {
                        println!("  removed: {}", f.display());
                    }
                    for f in &after {
                        eprintln!(
                            "anycom: note: DllUnregisterServer left {} in place; remove it by hand \
                             if the module should be gone",
                            f.display()
                        );
                    }
                    return Ok(true);
                }
                Ok(false) => {}
                Err(e @ anycom_loader::LoadError::Export { .. }) => {
                    return Err(selfreg::explain(&e, "DllUnregisterServer"));
                }
                Err(e) => eprintln!(
                    "anycom: note: not running the module's DllUnregisterServer: {e}; removing its \
                     registration instead"
                ),
            }
        }
    }
    let removed = layer
        .unregister_module(&a.module)
        .map_err(|e| e.to_string())?;
    println!("unregistered {} from the {layer}", a.module.display());
    for f in removed {
        println!("  removed: {}", f.display());
    }
    Ok(true)
}
