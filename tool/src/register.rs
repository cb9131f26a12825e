//! `anycom register`.

use anycom_loader::registry::ClassRegistration;

use crate::Outcome;
use crate::cli::{LayerArgs, RegisterArgs};
use crate::layers::write_layer;

pub fn run(layer_args: &LayerArgs, a: &RegisterArgs) -> Outcome {
    let layer = write_layer(layer_args)?;
    let Some(clsid) = a.clsid else {
        if !a.module.is_file() {
            return Err(format!(
                "module {} does not exist (or is not a file)",
                a.module.display()
            ));
        }
        return Err(format!(
            "registering {} by running its DllRegisterServer is not available in this build yet \
             (it needs the runtime's registration hook); describe each class instead:\n    \
             anycom register {} --clsid <GUID> [--threading-model MODEL] [--progid NAME]",
            a.module.display(),
            a.module.display()
        ));
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
