//! The C and C++ headers under `include/` (`objbase.h` and the rest), checked with the system
//! C and C++ compilers (`cc`, `c++`), without the anycom runtime:
//! - `tests/c/headers_c.c` and `tests/c/headers_cpp.cpp`, which use every type, macro,
//!   constant, structure, interface and function the headers declare, compile warning-free
//!   (`-Wall -Wextra -Werror -pedantic`) as C99, C11, C++11 and C++17;
//! - every header compiles on its own and in any order, in C and C++, with the C interface
//!   form in C++ (`CINTERFACE`) and without the `interface` macro (`ANYCOM_NO_INTERFACE_MACRO`);
//! - linked (their GUIDs defined by a second translation unit with `INITGUID`, in either
//!   language), they run: a C object through `lpVtbl`/COBJMACROS, C++ objects with multiple
//!   inheritance called slot by slot through C function pointers, constants at their Windows
//!   values;
//! - a small C program reports Windows sizes and layouts (4-byte `ULONG`/`DWORD`/`LONG`/`BOOL`/
//!   `HRESULT`, 2-byte `OLECHAR`, 16-byte `GUID`, `MULTI_QI`/`LICINFO`/`COSERVERINFO` offsets);
//! - `DEFINE_GUID` declares or defines depending on `INITGUID`/`<initguid.h>`, in either order;
//! - module entry points are exported from a `-fvisibility=hidden` build;
//! - a redeclaration with a non-Windows signature is rejected (so the signature checks bite).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use anycom_tests::native::{WARNINGS, include_dir, test_sources_dir};

/// A fresh scratch directory for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("c_headers")
        .join(test);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create scratch directory");
    dir
}

fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

fn run(cmd: &mut Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run `{}`: {e}", describe(cmd)))
}

/// Runs `cmd` and panics with its output unless it succeeds; returns its stdout.
fn run_ok(cmd: &mut Command) -> String {
    let out = run(cmd);
    assert!(
        out.status.success(),
        "`{}` failed ({}):\n--- stdout\n{}\n--- stderr\n{}",
        describe(cmd),
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[derive(Clone, Copy, Debug)]
enum Lang {
    C,
    Cpp,
}

impl Lang {
    fn compiler(self) -> &'static str {
        match self {
            Lang::C => "cc",
            Lang::Cpp => "c++",
        }
    }
    fn ext(self) -> &'static str {
        match self {
            Lang::C => "c",
            Lang::Cpp => "cpp",
        }
    }
    /// The program using every declaration of the headers in this language.
    fn headers_test(self) -> PathBuf {
        test_sources_dir().join(match self {
            Lang::C => "headers_c.c",
            Lang::Cpp => "headers_cpp.cpp",
        })
    }
}

/// A compiler command with the strict warnings, the standard and `-I include`.
fn compiler(lang: Lang, std: &str) -> Command {
    let mut cmd = Command::new(lang.compiler());
    cmd.args(WARNINGS)
        .arg(format!("-std={std}"))
        .arg("-I")
        .arg(include_dir());
    cmd
}

/// Checks `source` compiles (`-fsyntax-only`) with [`compiler`]'s flags.
fn check_syntax(lang: Lang, std: &str, source: &Path) {
    let mut cmd = compiler(lang, std);
    cmd.arg("-fsyntax-only").arg(source);
    run_ok(&mut cmd);
}

/// Compiles `source` to an object file in `dir`; `defines` are passed as `-D`.
fn compile(lang: Lang, std: &str, source: &Path, dir: &Path, defines: &[&str]) -> PathBuf {
    let stem = source.file_stem().unwrap().to_string_lossy();
    let suffix: String = defines.iter().map(|d| format!("-{d}")).collect();
    let object = dir.join(format!("{stem}-{std}{suffix}.o"));
    let mut cmd = compiler(lang, std);
    for d in defines {
        cmd.arg(format!("-D{d}"));
    }
    cmd.arg("-c").arg(source).arg("-o").arg(&object);
    run_ok(&mut cmd);
    object
}

/// Writes `text` to `dir/name` and returns the path.
fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).expect("write source");
    path
}

/// Links `objects` into an executable with the C++ driver (it links C objects too).
fn link(objects: &[&Path], output: &Path) {
    let mut cmd = Command::new("c++");
    cmd.args(objects).arg("-o").arg(output);
    run_ok(&mut cmd);
}

fn compile_both_modes(lang: Lang, std: &str, test: &str) {
    let dir = scratch(test);
    let source = lang.headers_test();
    compile(lang, std, &source, &dir, &[]);
    compile(lang, std, &source, &dir, &["HEADERS_DEFINE_GUIDS"]);
}

#[test]
fn headers_c_compiles_as_c99() {
    compile_both_modes(Lang::C, "c99", "headers_c_c99");
}

#[test]
fn headers_c_compiles_as_c11() {
    compile_both_modes(Lang::C, "c11", "headers_c_c11");
}

#[test]
fn headers_cpp_compiles_as_cpp11() {
    compile_both_modes(Lang::Cpp, "c++11", "headers_cpp_cpp11");
}

#[test]
fn headers_cpp_compiles_as_cpp17() {
    compile_both_modes(Lang::Cpp, "c++17", "headers_cpp_cpp17");
}

/// The headers anycom provides, as found in `include/`.
fn headers() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(include_dir())
        .expect("read include/")
        .map(|e| {
            e.expect("directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".h"))
        .collect();
    names.sort();
    names
}

#[test]
fn the_windows_sdk_header_names_exist() {
    let names = headers();
    for required in [
        "objbase.h",
        "unknwn.h",
        "unknwnbase.h",
        "oleauto.h",
        "objidl.h",
        "objidlbase.h",
        "oaidl.h",
        "ocidl.h",
        "cguid.h",
        "combaseapi.h",
        "guiddef.h",
        "initguid.h",
        "winerror.h",
        "wtypes.h",
        "wtypesbase.h",
        "basetyps.h",
        "basetsd.h",
        "olectl.h",
        "ole2.h",
        "anycom.h",
    ] {
        assert!(
            names.iter().any(|n| n == required),
            "include/{required} is missing (have {names:?})"
        );
    }
}

#[test]
fn every_header_compiles_alone_and_in_any_order() {
    let dir = scratch("alone_and_any_order");
    let names = headers();
    let mut sources: Vec<(String, String)> = names
        .iter()
        .map(|h| {
            (
                format!("alone_{}", h.trim_end_matches(".h")),
                format!("#include <{h}>\n"),
            )
        })
        .collect();
    let forward: String = names.iter().map(|h| format!("#include <{h}>\n")).collect();
    let backward: String = names
        .iter()
        .rev()
        .map(|h| format!("#include <{h}>\n"))
        .collect();
    sources.push(("all_forward".into(), forward.clone()));
    sources.push(("all_backward".into(), backward));
    sources.push(("all_twice".into(), format!("{forward}{forward}")));
    // The headers must also leave COBJMACROS users and the SDK idiom of defining INITGUID first working.
    sources.push((
        "cobjmacros_initguid".into(),
        format!("#define COBJMACROS\n#define INITGUID\n{forward}"),
    ));
    for (lang, std) in [
        (Lang::C, "c99"),
        (Lang::C, "c11"),
        (Lang::Cpp, "c++11"),
        (Lang::Cpp, "c++17"),
    ] {
        for (stem, text) in &sources {
            // Something after the includes, so that no translation unit is empty.
            let text = format!("{text}typedef int headers_tu_is_not_empty;\n");
            let path = write(&dir, &format!("{stem}.{}", lang.ext()), &text);
            check_syntax(lang, std, &path);
        }
    }
}

#[test]
fn c_interface_form_is_available_to_cpp_with_cinterface() {
    let dir = scratch("cinterface");
    let source = write(
        &dir,
        "cinterface.cpp",
        r#"#define CINTERFACE
#define COBJMACROS
#include <objbase.h>
static_assert(sizeof(IUnknownVtbl) == 3 * sizeof(void *), "C vtable in C++");
static_assert(sizeof(IClassFactory2Vtbl) == 8 * sizeof(void *), "C vtable in C++");
#undef INTERFACE
#define INTERFACE IMine
DECLARE_INTERFACE_(IMine, IUnknown) {
    STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppv) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
    STDMETHOD(Mine)(THIS_ DWORD x) PURE;
};
#undef INTERFACE
static_assert(sizeof(IMine) == sizeof(void *) && sizeof(IMineVtbl) == 4 * sizeof(void *), "DECLARE_INTERFACE_");
HRESULT call_mine(IMine *mine) { return mine->lpVtbl->Mine(mine, 1); }
HRESULT use(IClassFactory *factory, IErrorInfo *info) {
    void *pv = nullptr;
    GUID guid;
    HRESULT hr = IClassFactory_CreateInstance(factory, nullptr, IID_IUnknown, &pv);
    if (SUCCEEDED(hr))
        IUnknown_Release(static_cast<IUnknown *>(pv));
    IErrorInfo_GetGUID(info, &guid);
    return IClassFactory_LockServer(factory, TRUE);
}
"#,
    );
    for std in ["c++11", "c++17"] {
        check_syntax(Lang::Cpp, std, &source);
    }
}

#[test]
fn the_interface_macro_can_be_opted_out() {
    let dir = scratch("no_interface_macro");
    let text = r#"#define ANYCOM_NO_INTERFACE_MACRO
#include <objbase.h>
#ifdef interface
#error "interface is defined"
#endif
#undef INTERFACE
#define INTERFACE IMine
DECLARE_INTERFACE_(IMine, IUnknown) {
    STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppv) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
    STDMETHOD(Mine)(THIS_ DWORD x) PURE;
};
#undef INTERFACE
int uses_interface_as_a_name(int interface);
int uses_interface_as_a_name(int interface) { return interface + (int)sizeof(IMine) + (int)sizeof(IClassFactory2); }
"#;
    for (lang, std) in [
        (Lang::C, "c99"),
        (Lang::C, "c11"),
        (Lang::Cpp, "c++11"),
        (Lang::Cpp, "c++17"),
    ] {
        let source = write(&dir, &format!("no_interface.{}", lang.ext()), text);
        check_syntax(lang, std, &source);
    }
}

/// Builds `main` (in `main_lang`) with the GUID-defining translation unit of `guids_lang`, runs it.
fn link_and_run(test: &str, main_lang: Lang, main_std: &str, guids_lang: Lang, guids_std: &str) {
    let dir = scratch(test);
    let main = compile(main_lang, main_std, &main_lang.headers_test(), &dir, &[]);
    let guids = compile(
        guids_lang,
        guids_std,
        &guids_lang.headers_test(),
        &dir,
        &["HEADERS_DEFINE_GUIDS"],
    );
    let exe = dir.join("program");
    link(&[&main, &guids], &exe);
    let stdout = run_ok(&mut Command::new(&exe));
    assert!(
        stdout.contains("all checks passed"),
        "unexpected output of {}:\n{stdout}",
        exe.display()
    );
}

#[test]
fn c_program_links_and_runs_with_guids_defined_in_c() {
    link_and_run("run_c_c", Lang::C, "c11", Lang::C, "c99");
}

#[test]
fn c_program_links_and_runs_with_guids_defined_in_cpp() {
    link_and_run("run_c_cpp", Lang::C, "c99", Lang::Cpp, "c++11");
}

#[test]
fn cpp_program_links_and_runs_with_guids_defined_in_cpp() {
    link_and_run("run_cpp_cpp", Lang::Cpp, "c++17", Lang::Cpp, "c++17");
}

#[test]
fn cpp_program_links_and_runs_with_guids_defined_in_c() {
    link_and_run("run_cpp_c", Lang::Cpp, "c++11", Lang::C, "c11");
}

const SIZES_C: &str = r#"/* Prints the sizes and layouts of the base types, as the headers define them. */
#include <initguid.h>
#include <objbase.h>
#include <stdio.h>

/* {8D6F2C1E-51A7-4F0B-9C38-0D1E2F3A4B5C} */
DEFINE_GUID(GUID_SizesTest, 0x8d6f2c1e, 0x51a7, 0x4f0b, 0x9c, 0x38, 0x0d, 0x1e, 0x2f, 0x3a, 0x4b, 0x5c);

#define SIZE(t) printf("sizeof %s %u\n", #t, (unsigned)sizeof(t))
#define OFFSET(t, f) printf("offsetof %s.%s %u\n", #t, #f, (unsigned)offsetof(t, f))
#define VALUE(v) printf("value %s %08x\n", #v, (unsigned)(v))

int main(void) {
    unsigned i;
    SIZE(BYTE); SIZE(WORD); SIZE(DWORD); SIZE(LONG); SIZE(ULONG); SIZE(BOOL); SIZE(INT); SIZE(UINT);
    SIZE(HRESULT); SIZE(SCODE); SIZE(OLECHAR); SIZE(WCHAR); SIZE(LPVOID); SIZE(BSTR); SIZE(SIZE_T);
    SIZE(ULONG_PTR); SIZE(LONGLONG); SIZE(ULONGLONG); SIZE(VARIANT_BOOL); SIZE(CLSCTX); SIZE(APTTYPE);
    SIZE(GUID); SIZE(IID); SIZE(CLSID); SIZE(MULTI_QI); SIZE(LICINFO); SIZE(COSERVERINFO);
    SIZE(ANYCOM_CLASS_INFO); SIZE(IUnknown); SIZE(IUnknownVtbl); SIZE(IClassFactoryVtbl);
    OFFSET(GUID, Data1); OFFSET(GUID, Data2); OFFSET(GUID, Data3); OFFSET(GUID, Data4);
    OFFSET(MULTI_QI, pIID); OFFSET(MULTI_QI, pItf); OFFSET(MULTI_QI, hr);
    OFFSET(LICINFO, cbLicInfo); OFFSET(LICINFO, fRuntimeKeyAvail); OFFSET(LICINFO, fLicVerified);
    OFFSET(COSERVERINFO, dwReserved1); OFFSET(COSERVERINFO, pwszName); OFFSET(COSERVERINFO, pAuthInfo);
    OFFSET(COSERVERINFO, dwReserved2);
    VALUE(E_NOINTERFACE); VALUE(REGDB_E_CLASSNOTREG); VALUE(CO_S_NOTALLINTERFACES);
    VALUE(HRESULT_FROM_WIN32(ERROR_BAD_EXE_FORMAT)); VALUE(INFINITE); VALUE(CLSCTX_ALL);
    VALUE(FAILED(E_FAIL)); VALUE(SUCCEEDED(S_FALSE)); VALUE(OLESTR("\u00e9")[0]);
    printf("bytes GUID_SizesTest");
    for (i = 0; i < sizeof(GUID); i++)
        printf(" %02x", ((const unsigned char *)&GUID_SizesTest)[i]);
    printf("\n");
    return 0;
}
"#;

#[test]
fn base_types_have_windows_sizes_at_run_time() {
    let dir = scratch("sizes");
    let source = write(&dir, "sizes.c", SIZES_C);
    let exe = dir.join("sizes");
    let mut cmd = compiler(Lang::C, "c11");
    cmd.arg(&source).arg("-o").arg(&exe);
    run_ok(&mut cmd);
    let stdout = run_ok(&mut Command::new(&exe));

    // Lines are "sizeof T N", "offsetof T.F N", "value EXPR HEX" and "bytes NAME b0 b1 ... b15".
    let mut facts: HashMap<String, String> = HashMap::new();
    for line in stdout.lines() {
        let (key, value) = if line.starts_with("bytes ") {
            let mut words = line.splitn(3, ' ');
            let (kind, name, rest) = (
                words.next().unwrap(),
                words.next().unwrap(),
                words.next().unwrap_or(""),
            );
            (format!("{kind} {name}"), rest.to_string())
        } else {
            let (key, value) = line
                .rsplit_once(' ')
                .unwrap_or_else(|| panic!("bad line `{line}`"));
            (key.to_string(), value.to_string())
        };
        facts.insert(key, value);
    }
    let num = |key: &str| -> usize {
        facts
            .get(key)
            .unwrap_or_else(|| panic!("`{key}` missing from:\n{stdout}"))
            .parse()
            .unwrap()
    };
    let hex = |key: &str| -> u32 {
        u32::from_str_radix(
            facts
                .get(key)
                .unwrap_or_else(|| panic!("`{key}` missing from:\n{stdout}")),
            16,
        )
        .unwrap()
    };
    let ptr = size_of::<usize>();

    for t in [
        "DWORD", "LONG", "ULONG", "BOOL", "INT", "UINT", "HRESULT", "SCODE", "CLSCTX", "APTTYPE",
    ] {
        assert_eq!(num(&format!("sizeof {t}")), 4, "sizeof({t})");
    }
    for t in ["WORD", "OLECHAR", "WCHAR", "VARIANT_BOOL"] {
        assert_eq!(num(&format!("sizeof {t}")), 2, "sizeof({t})");
    }
    assert_eq!(num("sizeof BYTE"), 1);
    for t in ["LONGLONG", "ULONGLONG"] {
        assert_eq!(num(&format!("sizeof {t}")), 8, "sizeof({t})");
    }
    for t in ["LPVOID", "BSTR", "SIZE_T", "ULONG_PTR", "IUnknown"] {
        assert_eq!(num(&format!("sizeof {t}")), ptr, "sizeof({t})");
    }
    for t in ["GUID", "IID", "CLSID"] {
        assert_eq!(num(&format!("sizeof {t}")), 16, "sizeof({t})");
    }
    assert_eq!(num("sizeof IUnknownVtbl"), 3 * ptr);
    assert_eq!(num("sizeof IClassFactoryVtbl"), 5 * ptr);
    assert_eq!(num("sizeof ANYCOM_CLASS_INFO"), 5 * ptr);

    // GUID: u32, u16, u16, [u8; 8].
    assert_eq!(
        [
            num("offsetof GUID.Data1"),
            num("offsetof GUID.Data2"),
            num("offsetof GUID.Data3"),
            num("offsetof GUID.Data4")
        ],
        [0, 4, 6, 8]
    );
    // MULTI_QI { const IID *pIID; IUnknown *pItf; HRESULT hr; }: on 64-bit Windows 0, 8, 16, size 24.
    assert_eq!(
        [
            num("offsetof MULTI_QI.pIID"),
            num("offsetof MULTI_QI.pItf"),
            num("offsetof MULTI_QI.hr")
        ],
        [0, ptr, 2 * ptr]
    );
    assert_eq!(num("sizeof MULTI_QI"), 3 * ptr);
    if ptr == 8 {
        assert_eq!(num("sizeof MULTI_QI"), 24);
    }
    // LICINFO { LONG cbLicInfo; BOOL fRuntimeKeyAvail; BOOL fLicVerified; }: 0, 4, 8, size 12.
    assert_eq!(
        [
            num("offsetof LICINFO.cbLicInfo"),
            num("offsetof LICINFO.fRuntimeKeyAvail"),
            num("offsetof LICINFO.fLicVerified")
        ],
        [0, 4, 8]
    );
    assert_eq!(num("sizeof LICINFO"), 12);
    // COSERVERINFO { DWORD; LPWSTR; COAUTHINFO *; DWORD; }: on 64-bit Windows 0, 8, 16, 24, size 32.
    assert_eq!(
        [
            num("offsetof COSERVERINFO.dwReserved1"),
            num("offsetof COSERVERINFO.pwszName"),
            num("offsetof COSERVERINFO.pAuthInfo"),
            num("offsetof COSERVERINFO.dwReserved2")
        ],
        [0, ptr, 2 * ptr, 3 * ptr]
    );
    assert_eq!(num("sizeof COSERVERINFO"), 4 * ptr);

    assert_eq!(hex("value E_NOINTERFACE"), 0x8000_4002);
    assert_eq!(hex("value REGDB_E_CLASSNOTREG"), 0x8004_0154);
    assert_eq!(hex("value CO_S_NOTALLINTERFACES"), 0x0008_0012);
    assert_eq!(
        hex("value HRESULT_FROM_WIN32(ERROR_BAD_EXE_FORMAT)"),
        0x8007_00C1
    );
    assert_eq!(hex("value INFINITE"), 0xFFFF_FFFF);
    assert_eq!(hex("value CLSCTX_ALL"), 0x17);
    assert_eq!(hex("value FAILED(E_FAIL)"), 1);
    assert_eq!(hex("value SUCCEEDED(S_FALSE)"), 1);
    assert_eq!(
        hex("value OLESTR(\"\\u00e9\")[0]"),
        0xE9,
        "OLESTR is UTF-16"
    );

    // DEFINE_GUID with INITGUID lays the GUID out natively: Data1..3 in native byte order, Data4 as written.
    let mut expected = Vec::new();
    expected.extend_from_slice(&0x8d6f2c1eu32.to_ne_bytes());
    expected.extend_from_slice(&0x51a7u16.to_ne_bytes());
    expected.extend_from_slice(&0x4f0bu16.to_ne_bytes());
    expected.extend_from_slice(&[0x9c, 0x38, 0x0d, 0x1e, 0x2f, 0x3a, 0x4b, 0x5c]);
    let expected: Vec<String> = expected.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        facts.get("bytes GUID_SizesTest").map(String::as_str),
        Some(expected.join(" ").as_str())
    );
}

/// The symbols `nm <options> file` lists (the last word of each line).
fn nm(options: &[&str], file: &Path) -> Vec<String> {
    let mut cmd = Command::new("nm");
    cmd.args(options).arg(file);
    run_ok(&mut cmd)
        .lines()
        .filter_map(|l| l.split_whitespace().last().map(str::to_string))
        .collect()
}

/// The symbols an object file defines (`nm --defined-only`), or its dynamic ones (`-D`).
fn defined_symbols(file: &Path, dynamic: bool) -> Vec<String> {
    let options: &[&str] = if dynamic {
        &["-D", "--defined-only"]
    } else {
        &["--defined-only"]
    };
    nm(options, file)
}

fn undefined_symbols(file: &Path) -> Vec<String> {
    nm(&["--undefined-only"], file)
}

#[test]
fn define_guid_declares_or_defines_depending_on_initguid() {
    let dir = scratch("define_guid");
    let body = "DEFINE_GUID(GUID_OrderTest, 0x11111111, 0x2222, 0x3333, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb);\n\
                const GUID *order_test(void);\n\
                const GUID *order_test(void) { return &GUID_OrderTest; }\n";
    let variants = [
        ("declares", "#include <objbase.h>\n", false),
        (
            "initguid_first",
            "#include <initguid.h>\n#include <objbase.h>\n",
            true,
        ),
        (
            "initguid_after_objbase",
            "#include <objbase.h>\n#include <initguid.h>\n",
            true,
        ),
        (
            "define_initguid",
            "#define INITGUID\n#include <objbase.h>\n",
            true,
        ),
    ];
    for (lang, std) in [(Lang::C, "c11"), (Lang::Cpp, "c++17")] {
        for (name, prelude, defines) in variants {
            let text = format!("{prelude}{body}");
            let source = write(&dir, &format!("{name}.{}", lang.ext()), &text);
            let object = compile(lang, std, &source, &dir, &[]);
            let defined = defined_symbols(&object, false).contains(&"GUID_OrderTest".to_string());
            let undefined = undefined_symbols(&object).contains(&"GUID_OrderTest".to_string());
            assert_eq!(
                (defined, undefined),
                (defines, !defines),
                "{lang:?} {name}: GUID_OrderTest defined={defined} undefined={undefined} (C linkage, unmangled)"
            );
        }
    }
}

#[test]
fn module_entry_points_are_exported_from_a_hidden_visibility_build() {
    let dir = scratch("visibility");
    for (lang, std, source) in [
        (Lang::C, "c11", Lang::C.headers_test()),
        (Lang::Cpp, "c++17", Lang::Cpp.headers_test()),
    ] {
        let library = dir.join(format!("libheaders_{}.so", lang.ext()));
        let mut cmd = compiler(lang, std);
        cmd.args(["-fPIC", "-shared", "-fvisibility=hidden"])
            .arg(&source)
            .arg("-o")
            .arg(&library);
        run_ok(&mut cmd);
        let exported = defined_symbols(&library, true);
        for entry in [
            "DllGetClassObject",
            "DllCanUnloadNow",
            "DllRegisterServer",
            "DllUnregisterServer",
        ] {
            assert!(
                exported.iter().any(|s| s == entry),
                "{lang:?}: {entry} not exported: {exported:?}"
            );
        }
        // An ordinary STDAPI function of the module stays hidden: the export comes from the prototypes.
        assert!(
            !exported.iter().any(|s| s == "HeadersTestApi"),
            "{lang:?}: HeadersTestApi exported: {exported:?}"
        );
    }
}

#[test]
fn a_signature_that_differs_from_windows_is_rejected() {
    // The signature checks of headers_c.c / headers_cpp.cpp redeclare each function; this proves
    // that a mismatch (here `unsigned long`, 64-bit on LP64, for a DWORD) is a compile error.
    let dir = scratch("wrong_signature");
    for (lang, std, text) in [
        (
            Lang::C,
            "c11",
            "#include <objbase.h>\nHRESULT CoCreateInstance(const GUID *, IUnknown *, unsigned long, const GUID *, void **);\n",
        ),
        (
            Lang::Cpp,
            "c++17",
            "#include <objbase.h>\nextern \"C\" HRESULT CoCreateInstance(const GUID &, IUnknown *, unsigned long, const GUID &, void **);\n",
        ),
    ] {
        if size_of::<std::ffi::c_ulong>() == 4 {
            return; // `unsigned long` is DWORD-sized here (Windows): nothing to prove.
        }
        let source = write(&dir, &format!("wrong.{}", lang.ext()), text);
        let mut cmd = compiler(lang, std);
        cmd.arg("-fsyntax-only").arg(&source);
        let out = run(&mut cmd);
        assert!(
            !out.status.success(),
            "{lang:?}: a wrong CoCreateInstance signature compiled"
        );
        assert!(String::from_utf8_lossy(&out.stderr).contains("CoCreateInstance"));
    }
}
