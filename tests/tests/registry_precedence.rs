//! Registry layers and precedence: the application manifest, then
//! `ANYCOM_REGISTRY`, then the per-user registry, then the system registry,
//! first match wins for CLSIDs, ProgIDs (with `CurVer`) and IIDs; shadowed
//! entries are listed as such; the application manifest resolves relative
//! module paths; `Registry::from_env` builds the stack from the environment
//! (checked in a child process with its own environment).

mod registry_support;

use std::path::{Path, PathBuf};

use anycom::GUID;
use anycom_loader::registry::{
    ClassRegistration, InterfaceRegistration, Layer, LayerKind, ModuleEntry, Registry,
    ThreadingModel,
};
use registry_support::*;

const X: GUID = GUID::parse("0A000000-0000-0000-0000-000000000001");
const A: GUID = GUID::parse("0A000000-0000-0000-0000-0000000000A1");
const B: GUID = GUID::parse("0A000000-0000-0000-0000-0000000000B2");
const IID_I: GUID = GUID::parse("0A000000-0000-0000-0000-0000000000FF");

/// A temporary root with an application executable, four layer
/// directories, and empty module files.
struct Fixture {
    root: tempfile::TempDir,
    layers: Vec<Layer>,
}

impl Fixture {
    fn new() -> Fixture {
        let root = tempfile::tempdir().unwrap();
        let exe = root.path().join("bin").join("viewer");
        std::fs::create_dir_all(exe.parent().unwrap()).unwrap();
        std::fs::write(&exe, b"").unwrap();
        let layers = vec![
            Layer::app_manifest(&exe),
            Layer::new(LayerKind::Env, root.path().join("env")),
            Layer::new(LayerKind::User, root.path().join("user")),
            Layer::new(LayerKind::System, root.path().join("system")),
        ];
        Fixture { root, layers }
    }

    /// An existing (empty) module file named `name`.
    fn module(&self, name: &str) -> PathBuf {
        let dir = self.root.path().join("modules");
        std::fs::create_dir_all(&dir).unwrap();
        empty_module(&dir, name)
    }

    fn registry(&self) -> Registry {
        Registry::with_layers(self.layers.clone())
    }
}

fn class(clsid: GUID, progid: Option<&str>, vi: Option<&str>) -> ClassRegistration {
    ClassRegistration {
        clsid,
        threading_model: ThreadingModel::Both,
        progid: progid.map(str::to_owned),
        version_independent_progid: vi.map(str::to_owned),
        description: None,
    }
}

fn entry(module: &Path, classes: Vec<ClassRegistration>) -> ModuleEntry {
    ModuleEntry {
        module: module.to_path_buf(),
        classes,
        interfaces: Vec::new(),
    }
}

#[test]
fn smoke_one_layer_one_class() {
    let f = Fixture::new();
    let m = f.module("libone.so");
    let r = f.registry();
    assert!(r.lookup_class(&X).is_none());
    r.register_module(
        &f.layers[2],
        entry(&m, vec![class(X, Some("One.Thing.1"), None)]),
    )
    .unwrap();
    let c = r.lookup_class(&X).unwrap();
    assert_eq!(&*c.module, m.as_path());
    assert_eq!(c.origin.layer, LayerKind::User);
    assert_eq!(c.threading_model, ThreadingModel::Both);
    assert_eq!(r.progid_from_clsid(&X).as_deref(), Some("One.Thing.1"));
    assert!(r.problems().is_empty());
}

#[test]
fn first_layer_wins_and_falls_through_when_removed() {
    let f = Fixture::new();
    let r = f.registry();
    let kinds = [
        LayerKind::App,
        LayerKind::Env,
        LayerKind::User,
        LayerKind::System,
    ];
    let modules: Vec<PathBuf> = kinds
        .iter()
        .map(|k| f.module(&format!("lib{k}.so")))
        .collect();
    // Register from the lowest layer up, checking the winner each time.
    for i in (0..4).rev() {
        r.register_module(&f.layers[i], entry(&modules[i], vec![class(X, None, None)]))
            .unwrap();
        let c = r.lookup_class(&X).unwrap();
        assert_eq!(c.origin.layer, kinds[i]);
        assert_eq!(&*c.module, modules[i].as_path());
        assert_eq!(&*c.origin.layer_dir, f.layers[i].path());
    }
    // list() has all four, only the app's effective, in search order.
    let listed = r.list();
    assert_eq!(
        listed
            .iter()
            .map(|l| l.entry.origin.layer)
            .collect::<Vec<_>>(),
        kinds
    );
    assert_eq!(
        listed.iter().map(|l| l.effective).collect::<Vec<_>>(),
        [true, false, false, false]
    );
    // Removing from the top falls through to the next layer.
    for i in 0..4 {
        assert_eq!(r.lookup_class(&X).unwrap().origin.layer, kinds[i]);
        r.unregister_module(&f.layers[i], &modules[i]).unwrap();
    }
    assert!(r.lookup_class(&X).is_none());
    assert!(r.list().is_empty());
    // Precedence across layers is not a problem.
    assert!(r.problems().is_empty());
}

#[test]
fn progids_follow_curver_and_precedence() {
    let f = Fixture::new();
    let (m1, m2) = (f.module("libthing1.so"), f.module("libthing2.so"));
    // System has version 1, user has version 2 of the same version-independent ProgID.
    f.layers[3]
        .register_module(entry(
            &m1,
            vec![class(A, Some("Contoso.Thing.1"), Some("Contoso.Thing"))],
        ))
        .unwrap();
    f.layers[2]
        .register_module(entry(
            &m2,
            vec![class(B, Some("Contoso.Thing.2"), Some("Contoso.Thing"))],
        ))
        .unwrap();
    let r = f.registry();
    assert_eq!(
        r.clsid_from_progid("Contoso.Thing"),
        Some(B),
        "CurVer of the user layer wins"
    );
    assert_eq!(r.clsid_from_progid("Contoso.Thing.2"), Some(B));
    assert_eq!(
        r.clsid_from_progid("Contoso.Thing.1"),
        Some(A),
        "the older version stays reachable"
    );
    assert_eq!(
        r.clsid_from_progid("contoso.THING.1"),
        Some(A),
        "ProgIDs compare case-insensitively"
    );
    assert_eq!(r.clsid_from_progid("Contoso.Thing.3"), None);
    assert_eq!(r.clsid_from_progid(""), None);
    assert_eq!(r.clsid_from_progid(&"Contoso.Thing".repeat(4)), None);
    assert_eq!(r.clsid_from_progid("Contoso.Thíng"), None);
    assert_eq!(r.progid_from_clsid(&A).as_deref(), Some("Contoso.Thing.1"));
    assert_eq!(r.progid_from_clsid(&B).as_deref(), Some("Contoso.Thing.2"));
    assert_eq!(
        r.lookup_class(&B)
            .unwrap()
            .version_independent_progid
            .as_deref(),
        Some("Contoso.Thing")
    );
    // The app manifest points the versioned ProgID 2 at another class: CurVer follows it.
    let m3 = f.module("libthing3.so");
    f.layers[0]
        .register_module(entry(&m3, vec![class(X, Some("Contoso.Thing.2"), None)]))
        .unwrap();
    r.refresh();
    assert_eq!(r.clsid_from_progid("Contoso.Thing"), Some(X));
    assert!(r.problems().is_empty(), "{:?}", r.problems());
}

#[test]
fn a_class_without_progid_has_none() {
    let f = Fixture::new();
    let m = f.module("libbare.so");
    f.layers[1]
        .register_module(entry(&m, vec![class(X, None, None)]))
        .unwrap();
    let r = f.registry();
    assert!(r.lookup_class(&X).is_some());
    assert_eq!(r.progid_from_clsid(&X), None);
    assert_eq!(r.progid_from_clsid(&A), None);
}

#[test]
fn interfaces_follow_precedence() {
    let f = Fixture::new();
    let (ps1, ps2) = (f.module("libps1.so"), f.module("libps2.so"));
    let iface = |name: &str, ps| InterfaceRegistration {
        iid: IID_I,
        name: name.to_owned(),
        proxy_stub_clsid: Some(ps),
    };
    let mut e1 = entry(&ps1, vec![]);
    e1.interfaces.push(iface("IOld", A));
    let mut e2 = entry(&ps2, vec![]);
    e2.interfaces.push(iface("INew", B));
    f.layers[3].register_module(e1).unwrap();
    f.layers[1].register_module(e2).unwrap();
    let r = f.registry();
    let i = r.lookup_interface(&IID_I).unwrap();
    assert_eq!(
        (i.name.as_str(), i.proxy_stub_clsid, i.origin.layer),
        ("INew", Some(B), LayerKind::Env)
    );
    assert_eq!(&*i.module, ps2.as_path());
}

#[test]
fn the_app_manifest_resolves_relative_module_paths() {
    let f = Fixture::new();
    let app = &f.layers[0];
    std::fs::create_dir_all(app.path()).unwrap();
    std::fs::write(
        app.path().join("plugins.toml"),
        format!("module = \"plugins/libplugin.so\"\n\n[[class]]\nclsid = \"{X}\"\nthreading_model = \"Free\"\n"),
    )
    .unwrap();
    // The same file in another layer is an error (relative path).
    std::fs::create_dir_all(f.layers[1].path()).unwrap();
    std::fs::copy(
        app.path().join("plugins.toml"),
        f.layers[1].path().join("plugins.toml"),
    )
    .unwrap();
    let r = f.registry();
    let c = r.lookup_class(&X).unwrap();
    assert_eq!(c.origin.layer, LayerKind::App);
    assert_eq!(
        &*c.module,
        f.root.path().join("bin").join("plugins/libplugin.so")
    );
    assert_eq!(c.threading_model, ThreadingModel::Free);
    let problems = r.problems();
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].path(),
        Some(f.layers[1].path().join("plugins.toml").as_path())
    );
    assert_eq!(problems[0].line(), Some(1));
}

/// Runs this test binary's test `name` alone in a child process with
/// `envs`; asserts it ran and passed.
fn run_child(name: &str, envs: &[(&str, &Path)]) {
    let out = child_test(name)
        .env_remove("ANYCOM_REGISTRY")
        .env_remove("XDG_DATA_HOME")
        .envs(envs.iter().map(|(k, v)| (k, v.as_os_str())))
        .output()
        .unwrap();
    assert_child_passed(name, &out);
}

#[test]
fn from_env_stacks_app_env_user_system() {
    if is_child() {
        // Child: the environment was set up by the parent.
        let env_dir = PathBuf::from(std::env::var_os("ANYCOM_REGISTRY").unwrap());
        let r = Registry::from_env();
        let kinds: Vec<_> = r.layers().iter().map(Layer::kind).collect();
        assert_eq!(
            kinds,
            [
                LayerKind::App,
                LayerKind::Env,
                LayerKind::User,
                LayerKind::System
            ]
        );
        let exe = std::env::current_exe().unwrap();
        let stem = exe.file_stem().unwrap().to_string_lossy().into_owned();
        assert_eq!(
            r.layers()[0].path(),
            exe.parent().unwrap().join(format!("{stem}.anycom"))
        );
        assert_eq!(r.layers()[1].path(), env_dir);
        if cfg!(target_os = "linux") {
            let xdg = PathBuf::from(std::env::var_os("XDG_DATA_HOME").unwrap());
            assert_eq!(r.layers()[2].path(), xdg.join("anycom/registry"));
            assert_eq!(r.layers()[3].path(), Path::new("/etc/anycom/registry"));
            // ANYCOM_REGISTRY comes before the user layer.
            let c = r.lookup_class(&X).unwrap();
            assert_eq!(c.origin.layer, LayerKind::Env);
            assert_eq!(r.lookup_class(&A).unwrap().origin.layer, LayerKind::User);
        }
        return;
    }
    let f = Fixture::new();
    let xdg = f.root.path().join("xdg");
    let user = Layer::new(LayerKind::User, xdg.join("anycom/registry"));
    let (m1, m2) = (f.module("libenv.so"), f.module("libuser.so"));
    f.layers[1]
        .register_module(entry(&m1, vec![class(X, None, None)]))
        .unwrap();
    user.register_module(entry(&m2, vec![class(X, None, None), class(A, None, None)]))
        .unwrap();
    run_child(
        "from_env_stacks_app_env_user_system",
        &[
            ("ANYCOM_REGISTRY", f.layers[1].path()),
            ("XDG_DATA_HOME", &xdg),
        ],
    );
}
