//! Turning the layer options into the layer written or the layers read.

use anycom_loader::loader::default_write_layer;
use anycom_loader::registry::{Layer, LayerKind, Registry};

use crate::cli::LayerArgs;

/// The layer `register` and `unregister` write: the one an option names;
/// without one, the layer a program's own registrations go to
/// ([`default_write_layer`]: `ANYCOM_REGISTRY` if set, else the per-user
/// registry).
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
    let layer = if args.user {
        Layer::user()
    } else {
        default_write_layer()
    };
    layer.ok_or_else(|| {
        "cannot locate the per-user registry (HOME, or APPDATA on Windows, is not set); \
         use --registry DIR or set ANYCOM_REGISTRY"
            .to_owned()
    })
}

/// The registry `list` and `show` read: the one layer an option names, or
/// else what a program sees ([`Layer::default_stack`]) without this tool's
/// own application manifest: `ANYCOM_REGISTRY`, the per-user registry, the
/// system registry.
pub fn read_registry(args: &LayerArgs) -> Result<Registry, String> {
    let layers = if args.registry.is_some() || args.app.is_some() || args.system || args.user {
        vec![write_layer(args)?]
    } else {
        Layer::default_stack()
            .into_iter()
            .filter(|l| l.kind() != LayerKind::App)
            .collect()
    };
    Ok(Registry::with_layers(layers))
}
