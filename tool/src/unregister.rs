//! `anycom unregister`.
//!
//! Removes the module's registry file(s) from the chosen layer; the module
//! itself need not exist. (Running the module's DllUnregisterServer first,
//! when it has one, comes with the loader.)

use crate::Outcome;
use crate::cli::{LayerArgs, UnregisterArgs};
use crate::layers::write_layer;

pub fn run(layer_args: &LayerArgs, a: &UnregisterArgs) -> Outcome {
    let layer = write_layer(layer_args)?;
    let removed = layer
        .unregister_module(&a.module)
        .map_err(|e| e.to_string())?;
    println!("unregistered {} from the {layer}", a.module.display());
    for f in removed {
        println!("  removed: {}", f.display());
    }
    Ok(true)
}
