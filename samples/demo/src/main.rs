//! `cargo run -p anycom-demo`: anycom from registration to unloading, told
//! step by step.
//!
//! 1. builds the sample servers and copies them into a temporary directory
//!    (and, with a C/C++ toolchain, libanycom, the C++ sample server and the
//!    C client);
//! 2. points `ANYCOM_REGISTRY` at a fresh temporary registry and installs
//!    the loader (`anycom_loader::install()`), as any host does;
//! 3. registers modules by running their `DllRegisterServer` (regsvr32
//!    style: the Rust Stuff server, and the C++ server, whose libanycom the
//!    loader attaches to this process's runtime) and one by describing its
//!    class (`anycom register --clsid`);
//! 4. activates the classes by ProgID and by CLSID from four threads: the
//!    main STA, another STA, the MTA and an implicit-MTA thread, and calls them;
//! 5. calls the C++ server from Rust, and reads the error info a C++ method set;
//! 6. releases everything, calls `CoFreeUnusedLibrariesEx(0, 0)` and shows
//!    the modules gone from the process (`/proc/self/maps` on Linux);
//! 7. activates again (the module is loaded afresh);
//! 8. shows two errors a newcomer will meet;
//! 9. runs the C client, a C program linking libanycom, in a process of its
//!    own, on the same registry.

mod modules;
mod native;

use std::path::Path;
use std::sync::mpsc;
use std::time::Instant;

use anycom::runtime::{ComInit, create_instance};
use anycom::{CLSCTX_INPROC_SERVER, CLSID, GUID, HRESULT, IUnknown, Interface, S_OK};
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
    say(format!(
        "loader so far: {} load(s), {} unload(s)",
        s.loads, s.unloads
    ));
}

/// `stuff.Items()` and the enumerator's `Next(8)`: the enumerator (kept
/// by the caller, it holds the module), `Next`'s HRESULT and the items.
fn first_items(stuff: &IStuff) -> Result<(IEnumStuff, HRESULT, Vec<u32>), String> {
    let mut items = None;
    // SAFETY: a valid out slot.
    unsafe { stuff.Items(&mut items) }
        .ok()
        .map_err(|e| e.to_string())?;
    let items = items.ok_or("Items returned no enumerator")?;
    let mut buf = [0u32; 8];
    let mut n = 0;
    // SAFETY: 8 slots and a valid count.
    let hr = unsafe { items.Next(8, buf.as_mut_ptr(), &mut n) };
    let got = buf[..n as usize].to_vec();
    Ok((items, hr, got))
}

/// Step 5: the C++ sample server's classes, activated by ProgID and called
/// through the Rust declarations of the same interfaces.
fn cpp_from_rust() -> Result<(), String> {
    const PROGID_CPP_STUFF: &str = "AnyCom.CppStuff.1";
    const PROGID_CPP_CALCULATOR: &str = "AnyCom.CppCalculator.1";
    let clsid =
        clsid_from_progid(PROGID_CPP_STUFF).map_err(|hr| format!("CLSIDFromProgID: {hr}"))?;
    say(format!(
        "[main thread, {}] CLSIDFromProgID(\"{PROGID_CPP_STUFF}\") = {clsid}",
        apartment_name()
    ));
    let stuff: IStuff =
        create_instance(&clsid, None, CLSCTX_INPROC_SERVER).map_err(|e| e.to_string())?;
    say(
        "CoCreateInstance -> S_OK: an IStuff, as the Rust Stuff server gives; the Rust declaration of IStuff",
    );
    say("   (anycom_sample_interfaces) calls the C++ object's vtable: one binary ABI");
    for v in [2, 7, 1, 8] {
        stuff.Add(v).ok().map_err(|e| e.to_string())?;
    }
    let (items, hr, got) = first_items(&stuff)?;
    say(format!(
        "Add(2,7,1,8); Count() = {}; Items().Next(8) = {hr} with {got:?}",
        stuff.Count()
    ));
    let counter: ICounter = stuff.cast().map_err(|e| e.to_string())?;
    counter.Increment();
    say(format!(
        "QueryInterface(ICounter) on the same object (a C++ class deriving from several interfaces): \
         Increment() twice -> {}",
        counter.Increment()
    ));
    let calc_clsid =
        clsid_from_progid(PROGID_CPP_CALCULATOR).map_err(|hr| format!("CLSIDFromProgID: {hr}"))?;
    let calculator: ICalculator =
        create_instance(&calc_clsid, None, CLSCTX_INPROC_SERVER).map_err(|e| e.to_string())?;
    say(format!(
        "{PROGID_CPP_CALCULATOR}: ICalculator::Add(40, 2) = {}",
        calculator.Add(40, 2)
    ));

    let hr = stuff.Add(0xFFFF_FFFF);
    say(format!(
        "IStuff::Add(0xFFFFFFFF) -> {hr}: the C++ method said why with CreateErrorInfo + SetErrorInfo;"
    ));
    say(
        "   those are libanycom's, attached, so the error info is this thread's in this runtime, and Rust reads it:",
    );
    let e = anycom::Error::from_hresult(hr);
    say(format!(
        "   Error::message() = {:?}",
        e.message().unwrap_or("(none: the error info was lost!)")
    ));
    if modules::file_mapped(&modules::dylib_name("anycom")) == Some(true) {
        say("(libanycom is in this process now too, loaded as the C++ module's dependency)");
    }
    drop((items, counter, stuff, calculator));
    say("released the C++ objects");
    Ok(())
}

/// Step 9: the C client, run with this demo's registry; its output indented.
fn run_c_client(program: &Path, registry: &Path) -> Result<(), String> {
    say(
        "a C host links libanycom, and libanycom's runtime is that process's runtime. With ANYCOM_REGISTRY",
    );
    say(
        "pointing at this demo's registry, libanycom's loader loads the Rust Stuff server (whose copy of anycom",
    );
    say(
        "attaches to libanycom's runtime) and the C++ server by ProgID, and C calls both through one declaration",
    );
    say(format!(
        "$ ANYCOM_REGISTRY={} {}",
        registry.display(),
        program.display()
    ));
    let t = Instant::now();
    let (ok, stdout, stderr) = native::run_c_client(program, registry)?;
    for line in stdout.lines().chain(stderr.lines()) {
        say(format!("| {line}"));
    }
    if !ok {
        return Err("the C client failed (see its output above)".into());
    }
    say(format!(
        "the C client exited with status 0 after {:.1?}",
        t.elapsed()
    ));
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("anycom-demo: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    println!(
        "anycom demo: COM's in-process activation, on {}",
        std::env::consts::OS
    );

    step("1. Build the sample servers and install copies in a temporary directory");
    let install = tempfile::tempdir().map_err(|e| e.to_string())?;
    let t = Instant::now();
    let built = modules::build_all(install.path())?;
    say(format!("built in {:.1?}:", t.elapsed()));
    let mods = &built.modules;
    for m in mods {
        say(format!("{:<14} {}", m.title, m.path.display()));
    }
    match &built.native {
        Ok(n) => {
            say(format!("{:<14} {}", "C client", n.c_client.display()));
            say(
                "cargo also built libanycom (anycom's C ABI); the system compilers then built the C++ server and",
            );
            say(
                "the C client against it and the COM headers in include/, as any C/C++ user would:",
            );
            for line in &n.lines {
                say(format!("   {line}"));
            }
        }
        Err(why) => {
            say("C++ server and C client: SKIPPED (the demo goes on without them):");
            for line in why.lines() {
                say(format!("   {line}"));
            }
        }
    }
    let (stuff_module, widget_module) = (&mods[0], &mods[1]);
    let native = built.native.as_ref().ok();

    step("2. A fresh registry, and the loader installed as the runtime's class source");
    let registry_dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    // SAFETY: no other thread exists yet.
    unsafe { std::env::set_var(anycom_loader::registry::ENV_VAR, registry_dir.path()) };
    say(format!("ANYCOM_REGISTRY={}", registry_dir.path().display()));
    let loader = anycom_loader::install();
    say("anycom_loader::install(): CoCreateInstance now finds classes in the registry");
    let layer = loader
        .write_layer()
        .cloned()
        .ok_or("no registry layer to write")?;

    step("3. Register the servers");
    say(format!(
        "regsvr32 style: load {} and run its DllRegisterServer",
        stuff_module.title
    ));
    match loader.run_register_server(&stuff_module.path) {
        Ok(()) => say("   DllRegisterServer: S_OK (the module described its own classes)"),
        Err(e) => {
            say(format!(
                "   DllRegisterServer could not write to this registry: {e}"
            ));
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
                layer
                    .register_class(&stuff_module.path, class)
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    say(format!(
        "describe without running code: anycom register {} --clsid {} --threading-model Free --progid {} \
         --version-independent-progid {}",
        widget_module.path.display(),
        CLSID_Widget,
        PROGID_Widget,
        VI_PROGID_Widget
    ));
    let class = ClassRegistration {
        clsid: CLSID_Widget,
        // What the module's own object map declares for Widget.
        threading_model: ThreadingModel::Free,
        progid: Some(PROGID_Widget.into()),
        version_independent_progid: Some(VI_PROGID_Widget.into()),
        description: Some("AnyCom sample: a widget from its own factory".into()),
    };
    let file = layer
        .register_class(&widget_module.path, class)
        .map_err(|e| e.to_string())?;
    say(format!("   wrote {}", file.display()));
    if let Some(n) = native {
        say("regsvr32 style, the C++ server: load it and run its DllRegisterServer");
        say(
            "   it is C++ linked against libanycom, which carries a copy of anycom's runtime of its own. On loading",
        );
        say(
            "   the module, the loader called its AnyComAttachRuntime (libanycom's, found through the module): that",
        );
        say(
            "   copy now forwards to this process's runtime. One process, one runtime: its registration call",
        );
        say("   (AnyComRegisterServer) reaches this demo's registry");
        loader
            .run_register_server(&n.cpp_server)
            .map_err(|e| e.to_string())?;
        say("   DllRegisterServer: S_OK");
    }
    say("the registry now holds (`anycom list`):");
    for c in loader.registry().list() {
        let e = &c.entry;
        say(format!(
            "   {} {:<22} {:<5} {}",
            e.clsid,
            e.progid.as_deref().unwrap_or("-"),
            e.threading_model.to_string(),
            e.module
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ));
    }
    show_modules(&loader, mods);
    say(
        "(the modules that ran their DllRegisterServer are loaded, and stay loaded until CoFreeUnusedLibraries;",
    );
    say(" Widget was registered by description and none of its code has run)");

    step("4. Activate from several threads and apartments");
    let _main_sta = ComInit::sta().map_err(|e| e.to_string())?;
    let clsid =
        clsid_from_progid(VI_PROGID_Stuff).map_err(|hr| format!("CLSIDFromProgID: {hr}"))?;
    say(format!(
        "[main thread, {}] CLSIDFromProgID(\"{VI_PROGID_Stuff}\") = {clsid}",
        apartment_name()
    ));
    let t = Instant::now();
    let stuff: IStuff =
        create_instance(&clsid, None, CLSCTX_INPROC_SERVER).map_err(|e| e.to_string())?;
    say(format!(
        "[main thread] CoCreateInstance -> S_OK in {:.1?} (registry lookup, DllGetClassObject, CreateInstance)",
        t.elapsed()
    ));
    for v in [3, 1, 4, 1, 5] {
        assert_eq!(stuff.Add(v), S_OK);
    }
    let (items, hr, got) = first_items(&stuff)?;
    say(format!(
        "[main thread] Add(3,1,4,1,5); Count() = {}; Items().Next(8) = {hr} with {got:?}",
        stuff.Count()
    ));

    let (mta_ready_tx, mta_ready_rx) = mpsc::channel::<()>();
    let (implicit_done_tx, implicit_done_rx) = mpsc::channel::<()>();
    std::thread::scope(|s| -> Result<(), String> {
        let mta = s.spawn(move || -> Result<(), String> {
            let _mta = ComInit::mta().map_err(|e| e.to_string())?;
            let w: IWidget = create_instance(&CLSID_Widget, None, CLSCTX_INPROC_SERVER)
                .map_err(|e| e.to_string())?;
            say(format!(
                "[worker 1, {}] CoCreateInstance({CLSID_Widget}) -> widget #{}",
                apartment_name(),
                w.Serial()
            ));
            drop(w);
            mta_ready_tx.send(()).map_err(|e| e.to_string())?;
            // Keep the MTA alive while the implicit-MTA thread works.
            implicit_done_rx.recv().map_err(|e| e.to_string())?;
            Ok(())
        });
        mta_ready_rx.recv().map_err(|e| e.to_string())?;
        let implicit = s.spawn(move || -> Result<(), String> {
            // No CoInitializeEx: while the MTA exists this thread is in the implicit MTA.
            let st: IStuff = create_instance(&CLSID_Stuff, None, CLSCTX_INPROC_SERVER)
                .map_err(|e| e.to_string())?;
            let _ = st.Add(42);
            say(format!(
                "[worker 2, {}] CoCreateInstance({CLSID_Stuff}) -> a new bag, Count() = {}",
                apartment_name(),
                st.Count()
            ));
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
            h.join()
                .map_err(|_| "a worker thread panicked".to_string())??;
        }
        Ok(())
    })?;
    say("every module was loaded once, whatever the number of threads:");
    show_modules(&loader, mods);

    step("5. The C++ server, called from Rust");
    match native {
        Some(_) => cpp_from_rust()?,
        None => say("SKIPPED (no C++ server and C client, see step 1)"),
    }

    step("6. Release everything and unload");
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
    show_modules(&loader, mods);
    if native.is_some() {
        say("(libanycom itself may stay mapped: only the C++ module had to go)");
    }

    step("7. Activate again: the module is loaded afresh");
    let again: IStuff =
        create_instance(&CLSID_Stuff, None, CLSCTX_INPROC_SERVER).map_err(|e| e.to_string())?;
    let _ = again.Add(7);
    say(format!(
        "CoCreateInstance({CLSID_Stuff}) -> S_OK, Count() = {} (a new module instance, new state)",
        again.Count()
    ));
    drop(again);
    show_modules(&loader, mods);
    // SAFETY: no arguments.
    unsafe { anycom::api::CoFreeUnusedLibrariesEx(0, 0) };

    step("8. Two errors you will meet");
    let unknown = GUID::parse("d3b07384-d9a0-4c3b-9e5f-0a1b2c3d4e5f");
    if let Err(e) = create_instance::<IUnknown>(&unknown, None, CLSCTX_INPROC_SERVER) {
        say(format!("an unregistered class: {}", e.code()));
        say(format!("   {}", e.message().unwrap_or("")));
    }
    let broken = install.path().join(modules::dylib_name("broken"));
    std::fs::write(&broken, "not a library").map_err(|e| e.to_string())?;
    let broken_clsid = GUID::parse("d3b07384-d9a0-4c3b-9e5f-0a1b2c3d4e60");
    let class = ClassRegistration {
        clsid: broken_clsid,
        threading_model: ThreadingModel::Both,
        progid: None,
        version_independent_progid: None,
        description: None,
    };
    layer
        .register_class(&broken, class)
        .map_err(|e| e.to_string())?;
    if let Err(e) = create_instance::<IUnknown>(&broken_clsid, None, CLSCTX_INPROC_SERVER) {
        say(format!(
            "a registered module that is not a shared library: {}",
            e.code()
        ));
        say(format!("   {}", e.message().unwrap_or("")));
    }

    step("9. A C program: the C client, in a process of its own");
    match native {
        Some(n) => run_c_client(&n.c_client, registry_dir.path())?,
        None => say("SKIPPED (no C++ server and C client, see step 1)"),
    }

    println!("\nDone: the temporary registry and module copies are removed on exit.");
    Ok(())
}
