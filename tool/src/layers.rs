//! Turning the layer options into the layer written or the layers read.

use anycom_loader::registry::{Layer, Registry};

use crate::cli::LayerArgs;

/// The layer `register` and `unregister` write: the one an option names;
/// without one, `ANYCOM_REGISTRY` if set (as the runtime reads it first
/// after the application's manifest), else the per-user registry.
pub fn write_layer(args: &LayerArgs) -> Result<Layer, String> {
    if let Some(dir) = &args.registry {
        return Ok(Layer::dir(dir));
    }
    if let Some(exe) = &args.app {
        return Ok(Layer::app_manifest(exe));
    }
    if args.system {
        return Layer::system()
            .ok_or_else(|| "this platform has no system registry location".to_owned());
    }
    if !args.user
        && let Some(l) = Layer::from_env_var()
    {
        return Ok(l);
    }
    Layer::user().ok_or_else(|| {
        "cannot locate the per-user registry (HOME, or APPDATA on Windows, is not set); \
         use --registry DIR or set ANYCOM_REGISTRY"
            .to_owned()
    })
}

/// The registry `list` and `show` read: the one layer an option names, or
/// else what a program sees (without an application manifest):
/// `ANYCOM_REGISTRY`, the per-user registry, the system registry.
pub fn read_registry(args: &LayerArgs) -> Result<Registry, String> {
    let layers = if args.registry.is_some() || args.app.is_some() || args.system || args.user {
        vec![write_layer(args)?]
    } else {
        [Layer::from_env_var(), Layer::user(), Layer::system()]
            .into_iter()
            .flatten()
            .collect()
    };
    Ok(Registry::with_layers(layers))
}
