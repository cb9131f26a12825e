//! The C and C++ samples: the C client (`samples/c_client`) activates the
//! Rust Stuff server and the C++ server by ProgID and calls both through the
//! same C declarations; `anycom_samples.h` declares exactly the GUIDs of the
//! Rust sample interfaces crate (`samples/interfaces`), and the fixture's
//! C header those of `capi/fixture`; a C++ client (`tests/c/capi_cpp_client.cpp`)
//! uses the C++ form of the interfaces (`IID_PPV_ARGS`) on the Rust and C++
//! objects.
#![cfg(unix)]

mod capi_support;

use anycom::GUID;
use anycom_sample_interfaces::*;
use anycom_tests::native;
use capi_support::CRegistry;
use std::collections::HashMap;

#[test]
fn the_c_client_uses_rust_and_cpp_servers_by_progid() {
    let reg = CRegistry::new();
    reg.with_cpp_server();
    reg.with_rust_stuff();
    let out = native::run(&native::c_client(), &[], &reg.options());
    let stdout = native::assert_ran_clean("c_client", &out);
    assert!(stdout.contains("all steps succeeded"), "{stdout}");
    assert!(stdout.contains("items: 10 20 30 40 50"), "{stdout}");
    assert!(
        stdout
            .contains("error description \"CppStuff: 0xFFFFFFFF is reserved and cannot be added\""),
        "{stdout}"
    );
}

#[test]
fn the_c_client_fails_when_the_servers_are_not_registered() {
    let reg = CRegistry::new();
    let out = native::run(&native::c_client(), &[], &reg.options());
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("CLSIDFromProgID") && stdout.contains("0x800401F3   <-- UNEXPECTED"),
        "{stdout}"
    );
}

#[test]
fn a_cpp_client_uses_the_cpp_interface_form() {
    let reg = CRegistry::new();
    reg.with_cpp_server();
    reg.with_rust_stuff();
    capi_support::run_checks(
        "capi_cpp_client",
        "capi_cpp_client.cpp",
        &[],
        &reg.options(),
    );
}

/// Every `DEFINE_GUID(name, l, w1, w2, b1, ..., b8)` of a header, by name.
fn header_guids(text: &str) -> HashMap<String, GUID> {
    let mut out = HashMap::new();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("DEFINE_GUID("))
    {
        let inner = &line["DEFINE_GUID(".len()..line.rfind(')').unwrap()];
        let parts: Vec<&str> = inner.split(',').map(str::trim).collect();
        assert_eq!(parts.len(), 12, "{line}");
        let n = |s: &str| u64::from_str_radix(s.trim_start_matches("0x"), 16).unwrap();
        let mut b = [0u8; 8];
        for (i, p) in parts[4..].iter().enumerate() {
            b[i] = n(p) as u8;
        }
        let g = GUID::from_values(
            n(parts[1]) as u32,
            n(parts[2]) as u16,
            n(parts[3]) as u16,
            b,
        );
        out.insert(parts[0].to_owned(), g);
    }
    out
}

#[test]
fn anycom_samples_h_matches_the_rust_declarations() {
    let text =
        std::fs::read_to_string(native::samples_include_dir().join("anycom_samples.h")).unwrap();
    let guids = header_guids(&text);
    let expect: &[(&str, GUID)] = &[
        ("IID_IStuff", <IStuff as anycom::Interface>::IID),
        ("IID_IEnumStuff", <IEnumStuff as anycom::Interface>::IID),
        ("IID_ICalculator", <ICalculator as anycom::Interface>::IID),
        ("IID_ICounter", <ICounter as anycom::Interface>::IID),
        ("IID_ICounterHost", <ICounterHost as anycom::Interface>::IID),
        ("IID_IWidget", <IWidget as anycom::Interface>::IID),
        (
            "IID_IInstanceCounter",
            <IInstanceCounter as anycom::Interface>::IID,
        ),
        ("CLSID_Stuff", CLSID_Stuff),
        ("CLSID_SharedStuff", CLSID_SharedStuff),
        ("CLSID_LicensedCalculator", CLSID_LicensedCalculator),
        ("CLSID_Counter", CLSID_Counter),
        ("CLSID_CounterHost", CLSID_CounterHost),
        ("CLSID_Widget", CLSID_Widget),
    ];
    for (name, guid) in expect {
        assert_eq!(guids.get(*name), Some(guid), "{name} in anycom_samples.h");
    }
    for (name, progid) in [
        ("PROGID_Stuff", PROGID_Stuff),
        ("PROGID_SharedStuff", PROGID_SharedStuff),
        ("PROGID_LicensedCalculator", PROGID_LicensedCalculator),
        ("PROGID_Counter", PROGID_Counter),
        ("PROGID_CounterHost", PROGID_CounterHost),
        ("PROGID_Widget", PROGID_Widget),
    ] {
        assert!(
            text.contains(&format!("#define {name} \"{progid}\"")),
            "{name} in anycom_samples.h"
        );
    }
}

#[test]
fn capi_fixture_h_matches_the_fixture() {
    let text = std::fs::read_to_string(native::test_sources_dir().join("capi_fixture.h")).unwrap();
    let guids = header_guids(&text);
    assert_eq!(
        guids.get("IID_IRustFixture"),
        Some(&GUID::parse("5bb4477b-31d2-4256-ab0e-541421133aae"))
    );
    assert_eq!(
        guids.get("CLSID_RustFixture"),
        Some(&capi_support::CLSID_RUST_FIXTURE)
    );
    let rust =
        std::fs::read_to_string(anycom_tests::workspace_root().join("capi/fixture/src/lib.rs"))
            .unwrap();
    assert!(rust.contains("#[interface(\"5bb4477b-31d2-4256-ab0e-541421133aae\")]"));
    assert!(rust.contains("GUID::parse(\"a4c6e1f0-2b7d-4c39-8e51-6f0a9d3b7c24\")"));
}
