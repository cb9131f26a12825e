//! `cargo run -p anycom-demo`: anycom from registration to unloading, told
//! step by step.
//!
//! 1. builds the sample servers and copies them into a temporary directory;
//! 2. points `ANYCOM_REGISTRY` at a fresh temporary registry and installs
//!    the loader (`anycom_loader::install()`), as any host does;
//! 3. registers one module by running its `DllRegisterServer` (regsvr32
//!    style) and another by describing its class (`anycom register --clsid`);
//! 4. activates the classes by ProgID and by CLSID from four threads: the
//!    main STA, another STA, the MTA and an implicit-MTA thread, and calls them;
//! 5. releases everything, calls `CoFreeUnusedLibrariesEx(0, 0)` and shows
//!    the modules gone from the process (`/proc/self/maps` on Linux);
//! 6. activates again (the module is loaded afresh) and shows two errors a
//!    newcomer will meet.

mod modules;

use std::path::Path;
use std::sync::mpsc;
use std::time::Instant;

use anycom::runtime::{ComInit, create_instance};
use anycom::{CLSCTX_INPROC_SERVER, CLSID, GUID, HRESULT, IUnknown, S_OK};
use anycom_loader::Loader;
use anycom_loader::registry::{ClassRegistration, ThreadingModel};
use anycom_sample_interfaces::*;

fn step(title: &str) {
    println!("\n== {title}");
}

fn say(text: impl AsRef<str>) {
    println!("   {}", text.as_ref());
}

/// `CLSIDFromProgID`, as a C program would call it.
fn clsid_from_progid(progid: &str) -> Result<CLSID, HRESULT> {
    let wide: Vec<u16> = progid.encode_utf16().chain(Some(0)).collect();
    let mut clsid = GUID::NULL;
    // SAFETY: a NUL-terminated string and a valid out slot.
    let hr = unsafe { anycom::api::CLSIDFromProgID(wide.as_ptr(), &mut clsid) };
    if hr == S_OK { Ok(clsid) } else { Err(hr) }
}

fn apartment_name() -> String {
    match anycom::runtime::init::apartment_type() {
        Ok((t, q)) => describe_apartment(t, q).to_owned(),
        Err(e) => format!("no apartment ({})", e.code()),
    }
}

fn describe_apartment(t: anycom::APTTYPE, q: anycom::APTTYPEQUALIFIER) -> &'static str {
    match (t, q) {
        (anycom::APTTYPE_MAINSTA, _) => "the main STA",
        (anycom::APTTYPE_STA, _) => "an STA",
        (anycom::APTTYPE_MTA, anycom::APTTYPEQUALIFIER_IMPLICIT_MTA) => "the implicit MTA",
        (anycom::APTTYPE_MTA, _) => "the MTA",
        (anycom::APTTYPE_NA, _) => "the neutral apartment",
        _ => "an unknown apartment",
    }
}

fn mapped_text(path: &Path) -> &'static str {
    match modules::mapped(path) {
        Some(true) => "mapped",
        Some(false) => "NOT mapped",
        None => "(no /proc/self/maps on this OS)",
    }
}

fn show_modules(loader: &Loader, mods: &[modules::Module]) {
    for m in mods {
        say(format!(
            "{:<14} loaded by the loader: {:<5}  in /proc/self/maps: {}",
            m.title,
            loader.is_loaded(&m.path),
            mapped_text(&m.path)
        ));
    }
    let s = loader.stats();
    say(format!("loader so far: {} load(s), {} unload(s)", s.loads, s.unloads));
}

fn main() {
    if let Err(e) = run() {
        eprintln!("anycom-demo: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    println!("anycom demo: COM's in-process activation, on {}", std::env::consts::OS);

    step("1. Build the sample servers and install copies in a temporary directory");
    let install = tempfile::tempdir().map_err(|e| e.to_string())?;
    let t = Instant::now();
    let mods = modules::build_all(install.path())?;
    say(format!("built in {:.1?}:", t.elapsed()));
    for m in &mods {
        say(format!("{:<14} {}", m.title, m.path.display()));
    }
    let (stuff_module, widget_module) = (&mods[0], &mods[1]);

    step("2. A fresh registry, and the loader installed as the runtime's class source");
    let registry_dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    // SAFETY: no other thread exists yet.
    unsafe { std::env::set_var(anycom_loader::registry::ENV_VAR, registry_dir.path()) };
    say(format!("ANYCOM_REGISTRY={}", registry_dir.path().display()));
    let loader = anycom_loader::install();
    say("anycom_loader::install(): CoCreateInstance now finds classes in the registry");
    let layer = loader.write_layer().cloned().ok_or("no registry layer to write")?;

    step("3. Register the servers");
    say(format!("regsvr32 style: load {} and run its DllRegisterServer", stuff_module.title));
    match loader.run_register_server(&stuff_module.path) {
        Ok(()) => say("   DllRegisterServer: S_OK (the module described its own classes)"),
        Err(e) => {
            say(format!("   DllRegisterServer could not write to this registry: {e}"));
            say("   so its classes are described instead (what `anycom register --clsid` does):");
            for (clsid, progid, vi) in [
                (CLSID_Stuff, PROGID_Stuff, VI_PROGID_Stuff),
                (CLSID_SharedStuff, PROGID_SharedStuff, VI_PROGID_SharedStuff),
            ] {
                let class = ClassRegistration {
                    clsid,
                    threading_model: ThreadingModel::Both,
                    progid: Some(progid.into()),
                    version_independent_progid: Some(vi.into()),
                    description: None,
                };
                layer.register_class(&stuff_module.path, class).map_err(|e| e.to_string())?;
            }
        }
    }
    say(format!(
        "describe without running code: anycom register {} --clsid {} --threading-model Both --progid {} \
         --version-independent-progid {}",
        widget_module.path.display(),
        CLSID_Widget,
        PROGID_Widget,
        VI_PROGID_Widget
    ));
    let class = ClassRegistration {
        clsid: CLSID_Widget,
        threading_model: ThreadingModel::Both,
        progid: Some(PROGID_Widget.into()),
        version_independent_progid: Some(VI_PROGID_Widget.into()),
        description: Some("AnyCom sample: a widget from its own factory".into()),
    };
    let file = layer.register_class(&widget_module.path, class).map_err(|e| e.to_string())?;
    say(format!("   wrote {}", file.display()));
    say("the registry now holds (`anycom list`):");
    for c in loader.registry().list() {
        let e = &c.entry;
        say(format!(
            "   {} {:<22} {:<5} {}",
            e.clsid,
            e.progid.as_deref().unwrap_or("-"),
            e.threading_model.to_string(),
            e.module.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
        ));
    }
    show_modules(&loader, &mods);
    say("(Stuff is loaded: it ran its DllRegisterServer, and stays loaded until CoFreeUnusedLibraries; \
         Widget was registered by description and none of its code has run)");

    step("4. Activate from several threads and apartments");
    let _main_sta = ComInit::sta().map_err(|e| e.to_string())?;
    let clsid = clsid_from_progid(VI_PROGID_Stuff).map_err(|hr| format!("CLSIDFromProgID: {hr}"))?;
    say(format!("[main thread, {}] CLSIDFromProgID(\"{VI_PROGID_Stuff}\") = {clsid}", apartment_name()));
    let t = Instant::now();
    let stuff: IStuff = create_instance(&clsid, None, CLSCTX_INPROC_SERVER).map_err(|e| e.to_string())?;
    say(format!("[main thread] CoCreateInstance -> S_OK in {:.1?} (registry lookup, DllGetClassObject, CreateInstance)", t.elapsed()));
    for v in [3, 1, 4, 1, 5] {
        assert_eq!(stuff.Add(v), S_OK);
    }
    let mut items = None;
    // SAFETY: a valid out slot.
    unsafe { stuff.Items(&mut items) }.ok().map_err(|e| e.to_string())?;
    let items = items.ok_or("Items returned no enumerator")?;
    let mut buf = [0u32; 8];
    let mut n = 0;
    // SAFETY: 8 slots and a valid count.
    let hr = unsafe { items.Next(8, buf.as_mut_ptr(), &mut n) };
    say(format!("[main thread] Add(3,1,4,1,5); Count() = {}; Items().Next(8) = {hr} with {:?}", stuff.Count(), &buf[..n as usize]));

    let (mta_ready_tx, mta_ready_rx) = mpsc::channel::<()>();
    let (implicit_done_tx, implicit_done_rx) = mpsc::channel::<()>();
    std::thread::scope(|s| -> Result<(), String> {
        let mta = s.spawn(move || -> Result<(), String> {
            let _mta = ComInit::mta().map_err(|e| e.to_string())?;
            let w: IWidget = create_instance(&CLSID_Widget, None, CLSCTX_INPROC_SERVER).map_err(|e| e.to_string())?;
            say(format!("[worker 1, {}] CoCreateInstance({CLSID_Widget}) -> widget #{}", apartment_name(), w.Serial()));
            drop(w);
            mta_ready_tx.send(()).map_err(|e| e.to_string())?;
            // Keep the MTA alive while the implicit-MTA thread works.
            implicit_done_rx.recv().map_err(|e| e.to_string())?;
            Ok(())
        });
        mta_ready_rx.recv().map_err(|e| e.to_string())?;
        let implicit = s.spawn(move || -> Result<(), String> {
            // No CoInitializeEx: while the MTA exists this thread is in the implicit MTA.
            let st: IStuff = create_instance(&CLSID_Stuff, None, CLSCTX_INPROC_SERVER).map_err(|e| e.to_string())?;
            let _ = st.Add(42);
            say(format!("[worker 2, {}] CoCreateInstance({CLSID_Stuff}) -> a new bag, Count() = {}", apartment_name(), st.Count()));
            drop(st);
            implicit_done_tx.send(()).map_err(|e| e.to_string())?;
            Ok(())
        });
        let sta = s.spawn(|| -> Result<(), String> {
            let _sta = ComInit::sta().map_err(|e| e.to_string())?;
            let clsid = clsid_from_progid(PROGID_Widget).map_err(|hr| format!("CLSIDFromProgID: {hr}"))?;
            let w: IWidget = create_instance(&clsid, None, CLSCTX_INPROC_SERVER).map_err(|e| e.to_string())?;
            let counter: IInstanceCounter =
                anycom::runtime::get_class_object(&clsid, CLSCTX_INPROC_SERVER).map_err(|e| e.to_string())?;
            say(format!(
                "[worker 3, {}] by ProgID {PROGID_Widget}: widget #{}; its factory counts {} created, {} alive",
                apartment_name(),
                w.Serial(),
                counter.Created(),
                counter.Live()
            ));
            Ok(())
        });
        for h in [mta, implicit, sta] {
            h.join().map_err(|_| "a worker thread panicked".to_string())??;
        }
        Ok(())
    })?;
    say("every module was loaded once, whatever the number of threads:");
    show_modules(&loader, &mods);

    step("5. Release everything and unload");
    let report = loader.free_unused(std::time::Duration::ZERO);
    say(format!(
        "while the main thread still holds a Stuff and its enumerator, CoFreeUnusedLibrariesEx(0, 0) unloads {} module(s) \
         and keeps {} (its DllCanUnloadNow says S_FALSE)",
        report.unloaded.len(),
        report.kept.len()
    ));
    drop((items, stuff));
    say("released the Stuff and its enumerator: DllCanUnloadNow now says S_OK");
    // SAFETY: no arguments.
    unsafe { anycom::api::CoFreeUnusedLibrariesEx(0, 0) };
    say("CoFreeUnusedLibrariesEx(0, 0):");
    show_modules(&loader, &mods);

    step("6. Activate again: the module is loaded afresh");
    let again: IStuff = create_instance(&CLSID_Stuff, None, CLSCTX_INPROC_SERVER).map_err(|e| e.to_string())?;
    let _ = again.Add(7);
    say(format!("CoCreateInstance({CLSID_Stuff}) -> S_OK, Count() = {} (a new module instance, new state)", again.Count()));
    drop(again);
    show_modules(&loader, &mods);
    // SAFETY: no arguments.
    unsafe { anycom::api::CoFreeUnusedLibrariesEx(0, 0) };

    step("7. Two errors you will meet");
    let unknown = GUID::parse("d3b07384-d9a0-4c3b-9e5f-0a1b2c3d4e5f");
    if let Err(e) = create_instance::<IUnknown>(&unknown, None, CLSCTX_INPROC_SERVER) {
        say(format!("an unregistered class: {}", e.code()));
        say(format!("   {}", e.message().unwrap_or("")));
    }
    let broken = install.path().join(format!("{}broken{}", std::env::consts::DLL_PREFIX, std::env::consts::DLL_SUFFIX));
    std::fs::write(&broken, "not a library").map_err(|e| e.to_string())?;
    let broken_clsid = GUID::parse("d3b07384-d9a0-4c3b-9e5f-0a1b2c3d4e60");
    let class = ClassRegistration {
        clsid: broken_clsid,
        threading_model: ThreadingModel::Both,
        progid: None,
        version_independent_progid: None,
        description: None,
    };
    layer.register_class(&broken, class).map_err(|e| e.to_string())?;
    if let Err(e) = create_instance::<IUnknown>(&broken_clsid, None, CLSCTX_INPROC_SERVER) {
        say(format!("a registered module that is not a shared library: {}", e.code()));
        say(format!("   {}", e.message().unwrap_or("")));
    }

    step("8. C and C++");
    // HOOK (C-ABI issue): the C++ sample server and the C client join the
    // demo here: add the C++ server to modules::build_all (it is then
    // registered, activated and unloaded like the Rust ones above) and run
    // the C client as a child process with ANYCOM_REGISTRY pointing at this
    // registry.
    say("the C++ sample server and the C client join the demo with the C-ABI issue");

    println!("\nDone: the temporary registry and module copies are removed on exit.");
    Ok(())
}
