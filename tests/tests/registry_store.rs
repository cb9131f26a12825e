//! Writing the registry: `register_module` replaces a module's file (last
//! one wins), `register_class` merges one class into it, paths are stored
//! absolute and canonical, `unregister_module` removes every file naming the
//! module, and each invalid request is refused with an error that says why,
//! leaving the layer untouched.

mod registry_support;

use std::path::{Path, PathBuf};

use anycom::GUID;
use anycom_loader::registry::{
    ClassRegistration, Layer, ModuleEntry, Registry, RegistryError, ThreadingModel,
    class_registration,
};
use registry_support::*;

const C1: GUID = GUID::parse("0B000000-0000-0000-0000-000000000001");
const C2: GUID = GUID::parse("0B000000-0000-0000-0000-000000000002");
const C3: GUID = GUID::parse("0B000000-0000-0000-0000-000000000003");

fn setup() -> (tempfile::TempDir, Layer, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let layer = Layer::dir(root.path().join("reg"));
    let module = empty_module(root.path(), "libm.so");
    (root, layer, module)
}

/// The registry files of a layer (no lock, generation or temporary files).
fn toml_files(layer: &Layer) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(layer.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    v
}

#[test]
fn smoke_register_then_read_back() {
    let (_root, layer, module) = setup();
    let mut e = ModuleEntry::new(&module);
    e.classes.push(class_registration(C1));
    let file = layer.register_module(e.clone()).unwrap();
    assert_eq!(toml_files(&layer), vec![file.clone()]);
    let (modules, errors) = layer.read_modules();
    assert!(errors.is_empty());
    assert_eq!(modules, vec![(file, e)]);
    assert_no_temp_files(&layer);
}

#[test]
fn register_module_twice_last_one_wins() {
    let (_root, layer, module) = setup();
    let mut first = ModuleEntry::new(&module);
    first.classes = vec![class_registration(C1), class_registration(C2)];
    let mut second = ModuleEntry::new(&module);
    second.classes = vec![ClassRegistration {
        threading_model: ThreadingModel::Free,
        ..class_registration(C3)
    }];
    let f1 = layer.register_module(first).unwrap();
    let f2 = layer.register_module(second.clone()).unwrap();
    assert_eq!(f1, f2);
    let r = Registry::with_layers(vec![layer.clone()]);
    assert!(r.lookup_class(&C1).is_none());
    assert!(r.lookup_class(&C2).is_none());
    assert_eq!(
        r.lookup_class(&C3).unwrap().threading_model,
        ThreadingModel::Free
    );
    assert_eq!(layer.read_modules().0, vec![(f2, second)]);
}

#[test]
fn register_class_merges_and_replaces_by_clsid() {
    let (_root, layer, module) = setup();
    layer
        .register_class(&module, class_registration(C1))
        .unwrap();
    layer
        .register_class(&module, class_registration(C2))
        .unwrap();
    let replaced = ClassRegistration {
        progid: Some("M.One.1".into()),
        ..class_registration(C1)
    };
    layer.register_class(&module, replaced.clone()).unwrap();
    let (modules, errors) = layer.read_modules();
    assert!(errors.is_empty());
    assert_eq!(modules.len(), 1);
    assert_eq!(modules[0].1.classes, vec![replaced, class_registration(C2)]);
}

#[test]
fn module_paths_are_stored_absolute_and_canonical() {
    let (root, layer, module) = setup();
    std::fs::create_dir(root.path().join("sub")).unwrap();
    let roundabout = root.path().join("sub").join("..").join("libm.so");
    layer
        .register_class(&roundabout, class_registration(C1))
        .unwrap();
    #[cfg(unix)]
    {
        let link = root.path().join("liblink.so");
        std::os::unix::fs::symlink(&module, &link).unwrap();
        layer.register_class(&link, class_registration(C2)).unwrap();
    }
    let (modules, _) = layer.read_modules();
    assert_eq!(
        modules.len(),
        1,
        "both spellings are the same module: {modules:?}"
    );
    assert_eq!(modules[0].1.module, module);
}

#[test]
fn invalid_registrations_are_refused_and_leave_the_layer_untouched() {
    let (root, layer, module) = setup();
    layer
        .register_class(&module, class_registration(C1))
        .unwrap();
    let before = std::fs::read(&toml_files(&layer)[0]).unwrap();

    let missing = root.path().join("libmissing.so");
    match layer.register_class(&missing, class_registration(C2)) {
        Err(RegistryError::ModuleNotFound { module: m, source }) => {
            assert_eq!(m, missing);
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        }
        other => panic!("{other:?}"),
    }
    let e = layer
        .register_class(root.path(), class_registration(C2))
        .unwrap_err();
    assert!(
        matches!(&e, RegistryError::InvalidRegistration { message, .. } if message.contains("not a file")),
        "{e}"
    );
    let bad_progid = ClassRegistration {
        progid: Some("no spaces allowed".into()),
        ..class_registration(C2)
    };
    let e = layer.register_class(&module, bad_progid).unwrap_err();
    assert!(
        matches!(&e, RegistryError::InvalidRegistration { message, .. } if message.contains("contains ' '")),
        "{e}"
    );
    let long = ClassRegistration {
        progid: Some("A".repeat(40)),
        ..class_registration(C2)
    };
    assert!(matches!(
        layer.register_class(&module, long),
        Err(RegistryError::InvalidRegistration { .. })
    ));
    let mut dup = ModuleEntry::new(&module);
    dup.classes = vec![class_registration(C2), class_registration(C2)];
    let e = layer.register_module(dup).unwrap_err();
    assert!(e.to_string().contains("listed twice"), "{e}");

    assert_eq!(toml_files(&layer).len(), 1);
    assert_eq!(std::fs::read(&toml_files(&layer)[0]).unwrap(), before);
    assert_no_temp_files(&layer);
}

#[test]
fn register_class_refuses_to_merge_into_a_malformed_file() {
    let (_root, layer, module) = setup();
    let file = layer
        .register_class(&module, class_registration(C1))
        .unwrap();
    std::fs::write(&file, "module = \n").unwrap();
    let e = layer
        .register_class(&module, class_registration(C2))
        .unwrap_err();
    assert!(
        matches!(&e, RegistryError::Parse { path, line: 1, .. } if *path == file),
        "{e}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "module = \n");
}

#[test]
fn unregister_removes_every_file_of_the_module() {
    let (root, layer, module) = setup();
    let own = layer
        .register_class(&module, class_registration(C1))
        .unwrap();
    let hand = layer.path().join("hand-written.toml");
    std::fs::write(
        &hand,
        format!(
            "module = {:?}\n\n[[class]]\nclsid = \"{C2}\"\n",
            module.to_str().unwrap()
        ),
    )
    .unwrap();
    let other_module = root.path().join("libother.so");
    std::fs::write(&other_module, b"").unwrap();
    let other = layer
        .register_class(&other_module, class_registration(C3))
        .unwrap();

    let mut removed = layer.unregister_module(&module).unwrap();
    removed.sort();
    let mut expected = vec![own, hand];
    expected.sort();
    assert_eq!(removed, expected);
    assert_eq!(toml_files(&layer), vec![other]);

    // Unregistering a module whose file is gone still works (path made absolute).
    std::fs::remove_file(&other_module).unwrap();
    assert_eq!(layer.unregister_module(&other_module).unwrap().len(), 1);
    match layer.unregister_module(&module) {
        Err(RegistryError::NotRegistered {
            module: m,
            layer: l,
        }) => {
            assert_eq!(m, module);
            assert_eq!(l, layer.path());
        }
        other => panic!("{other:?}"),
    }
    let nowhere = Layer::dir(root.path().join("never-created"));
    assert!(matches!(
        nowhere.unregister_module(&module),
        Err(RegistryError::NotRegistered { .. })
    ));
    assert!(
        !nowhere.path().exists(),
        "unregister must not create the layer"
    );
}

#[cfg(unix)]
#[test]
fn registry_files_are_world_readable() {
    use std::os::unix::fs::PermissionsExt;
    let (_root, layer, module) = setup();
    let file = layer
        .register_class(&module, class_registration(C1))
        .unwrap();
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
}

#[test]
fn the_written_file_is_documented_toml() {
    let (_root, layer, module) = setup();
    let c = ClassRegistration {
        clsid: C1,
        threading_model: ThreadingModel::Apartment,
        progid: Some("Contoso.Calc.1".into()),
        version_independent_progid: Some("Contoso.Calc".into()),
        description: Some("Contoso \"calc\"".into()),
    };
    let file = layer.register_class(&module, c).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let expected = format!(
        "# anycom registry file: what one in-process server module registers.\n\
         # Written by anycom; the format is described in anycom's loader/REGISTRY.md.\n\
         format = 1\n\
         module = {:?}\n\
         \n\
         [[class]]\n\
         clsid = \"{{0B000000-0000-0000-0000-000000000001}}\"\n\
         threading_model = \"Apartment\"\n\
         progid = \"Contoso.Calc.1\"\n\
         version_independent_progid = \"Contoso.Calc\"\n\
         description = \"Contoso \\\"calc\\\"\"\n",
        module.to_str().unwrap()
    );
    assert_eq!(text, expected);
    assert!(
        Path::new(&file)
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("libm.so.")
    );
}
