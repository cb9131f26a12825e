//! End to end with the sample cdylibs and the built `anycom` tool:
//! `anycom register <module>` (running the module's `DllRegisterServer`,
//! which reaches the tool's registry through the attached runtime) and
//! `anycom register <module> --clsid …` (describing a class without running
//! code) → `CoCreateInstance` by CLSID and by ProgID in this process → calls
//! → release → `CoFreeUnusedLibrariesEx(0, 0)` → the modules are really
//! gone (absent from `/proc/self/maps`) → activation loads them again →
//! `anycom unregister` (running `DllUnregisterServer`) → the class is no
//! longer registered.

mod loader_support;

use anycom::runtime::{ComInit, create_instance};
use anycom::{CLSCTX_INPROC_SERVER, REGDB_E_CLASSNOTREG, S_OK};
use anycom_sample_interfaces::*;
use loader_support::*;

#[test]
fn register_both_ways_activate_unload_reload_unregister() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let reg = scene.registry_dir.path();
    let stuff = scene.module(STUFF);
    let widget = scene.module(CUSTOM_FACTORY);

    // regsvr32 style: the tool loads the module and runs DllRegisterServer.
    let (code, out, err) = anycom(reg, &["register", stuff.to_str().unwrap()]);
    assert_eq!(code, 0, "stdout:\n{out}\nstderr:\n{err}");
    assert!(out.contains("by running its DllRegisterServer"), "{out}");
    assert!(
        out.contains(&CLSID_Stuff.to_string()) && out.contains(PROGID_Stuff),
        "{out}"
    );
    assert!(out.contains(&CLSID_SharedStuff.to_string()), "{out}");
    // Described, without running the module's code.
    let widget_clsid = CLSID_Widget.to_string();
    let (code, out, err) = anycom(
        reg,
        &[
            "register",
            widget.to_str().unwrap(),
            "--clsid",
            &widget_clsid,
            "--threading-model",
            "Both",
            "--progid",
            PROGID_Widget,
        ],
    );
    assert_eq!(code, 0, "stdout:\n{out}\nstderr:\n{err}");
    let (code, list, _) = anycom(reg, &["list"]);
    assert_eq!(code, 0);
    for needle in [
        CLSID_Stuff.to_string(),
        CLSID_SharedStuff.to_string(),
        widget_clsid.clone(),
        PROGID_Stuff.into(),
        PROGID_Widget.into(),
    ] {
        assert!(list.contains(&needle), "{needle} missing from:\n{list}");
    }
    scene.loader.registry().refresh();
    assert!(
        !mapped(&stuff) && !mapped(&widget),
        "the tool ran in its own process"
    );

    // By CLSID and by ProgID, with calls.
    let bag: IStuff = create_instance(&CLSID_Stuff, None, CLSCTX_INPROC_SERVER).unwrap();
    assert_eq!(bag.Add(5), S_OK);
    assert_eq!(bag.Count(), 1);
    let shared: IStuff = create_instance(
        &clsid_from_progid(VI_PROGID_SharedStuff).expect(VI_PROGID_SharedStuff),
        None,
        CLSCTX_INPROC_SERVER,
    )
    .unwrap();
    assert_eq!(shared.Add(9), S_OK);
    let w: IWidget = create_instance(
        &clsid_from_progid(PROGID_Widget).expect(PROGID_Widget),
        None,
        CLSCTX_INPROC_SERVER,
    )
    .unwrap();
    assert_eq!(w.Serial(), 1);
    assert!(mapped(&stuff) && mapped(&widget));
    assert_eq!(scene.loader.stats().loads, 2);

    // Release, unload: really gone.
    drop((bag, shared, w));
    // SAFETY: no arguments.
    unsafe { anycom::api::CoFreeUnusedLibrariesEx(0, 0) };
    assert!(!mapped(&stuff), "{} still mapped", stuff.display());
    assert!(!mapped(&widget), "{} still mapped", widget.display());
    assert_eq!(scene.loader.stats().unloads, 2);

    // Activation loads them again, with fresh state.
    let w: IWidget = create_instance(&CLSID_Widget, None, CLSCTX_INPROC_SERVER).unwrap();
    assert_eq!(w.Serial(), 1, "a fresh module instance counts from 1 again");
    let bag: IStuff = create_instance(&CLSID_Stuff, None, CLSCTX_INPROC_SERVER).unwrap();
    assert_eq!(bag.Count(), 0);
    assert_eq!(scene.loader.stats().loads, 4);
    drop((w, bag));
    // SAFETY: no arguments.
    unsafe { anycom::api::CoFreeUnusedLibrariesEx(0, 0) };
    assert!(!mapped(&stuff) && !mapped(&widget));

    // regsvr32 /u style: DllUnregisterServer removes the module's classes.
    let (code, out, err) = anycom(reg, &["unregister", stuff.to_str().unwrap()]);
    assert_eq!(code, 0, "stdout:\n{out}\nstderr:\n{err}");
    assert!(out.contains("by running its DllUnregisterServer"), "{out}");
    scene.loader.registry().refresh();
    let e = create_instance::<IStuff>(&CLSID_Stuff, None, CLSCTX_INPROC_SERVER).unwrap_err();
    assert_eq!(e.code(), REGDB_E_CLASSNOTREG);
    // The module registered by description has a DllUnregisterServer too
    // (object_map! generates it): running it removes the module's file.
    let (code, out, err) = anycom(reg, &["unregister", widget.to_str().unwrap()]);
    assert_eq!(code, 0, "stdout:\n{out}\nstderr:\n{err}");
    let (code, list, _) = anycom(reg, &["list"]);
    assert_eq!(code, 0);
    assert!(list.contains("no classes registered"), "{list}");
}

#[test]
fn tool_failures_are_actionable() {
    let scene = Scene::new();
    let reg = scene.registry_dir.path();
    let text = scene.modules_dir.path().join("libtext.so");
    std::fs::write(&text, "text").unwrap();
    let (code, _, err) = anycom(reg, &["register", text.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("not a shared library") && err.contains("CO_E_DLLNOTFOUND"),
        "{err}"
    );
    // A library without DllRegisterServer: told to describe its classes.
    let plain = compile_c(
        scene.modules_dir.path(),
        "libplain.so",
        "int f(void) { return 0; }\n",
    );
    let (code, _, err) = anycom(reg, &["register", plain.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("does not export DllRegisterServer") && err.contains("--clsid"),
        "{err}"
    );
    // Unregistering a module that is not registered.
    let (code, _, err) = anycom(reg, &["unregister", plain.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("is not registered in"), "{err}");
    // A module registered by description, without DllUnregisterServer: its file is removed.
    let (code, _, _) = anycom(
        reg,
        &[
            "register",
            plain.to_str().unwrap(),
            "--clsid",
            "{0F4C2A9E-5B71-4D3C-8E26-91A0B7C4D5E6}",
        ],
    );
    assert_eq!(code, 0);
    let (code, out, err) = anycom(reg, &["unregister", plain.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("removed:"), "{out}");
}
